//! What the backend's tests share: loading the test programs, building
//! them into a directory of the test's own, and knowing whether a C
//! compiler is there at all.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use backend_c::{BuildOptions, BuildReport, CProgram, Options};

/// The directory of the test programs.
pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

/// A scratch directory for one test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("backend-c")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether the C compiler (`$CC` or `cc`) runs; says so when it does not,
/// so a skipped test is visible in the output.
pub fn have_cc(test: &str) -> bool {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let cc = cc.split_whitespace().next().unwrap_or("cc").to_string();
    let ok = Command::new(&cc)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("{test}: skipped, no C compiler `{cc}` on PATH");
    }
    ok
}

/// The test programs, sorted: (name, text) of every `*.ll` file except
/// the prelude.
pub fn programs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(programs_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".ll") && name != PRELUDE {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((name.trim_end_matches(".ll").to_string(), text));
        }
    }
    out.sort();
    out
}

/// The file every program is prefixed with: printing helpers.
pub const PRELUDE: &str = "prelude.ll";

/// A program's text with the prelude, parsed and verified.
pub fn load(name: &str, text: &str) -> (lltype::Module, lltype::ModuleInfo) {
    let prelude = std::fs::read_to_string(programs_dir().join(PRELUDE)).unwrap();
    let full = format!("{prelude}\n{text}");
    let m = lltype::parse_module(&full).unwrap_or_else(|e| {
        let lines = prelude.lines().count() as u32 + 1;
        panic!("{name}: {e} (the program's line is {} lines less)", lines)
    });
    let info = lltype::verify(&m).unwrap_or_else(|errors| {
        let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("{name} does not verify:\n{}", errors.join("\n"))
    });
    (m, info)
}

/// Emits a program.
pub fn emit(name: &str, text: &str) -> CProgram {
    let (m, info) = load(name, text);
    backend_c::emit(&m, &info, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Build options for tests: a cache of the tests' own.
pub fn build_options(cache: &Path) -> BuildOptions {
    BuildOptions {
        cache_dir: Some(cache.to_path_buf()),
        ..BuildOptions::default()
    }
}

/// Builds a program in `dir`; returns the executable.
pub fn build(
    name: &str,
    program: &CProgram,
    dir: &Path,
    options: &BuildOptions,
) -> (PathBuf, BuildReport) {
    let exe = dir.join(name);
    let report = backend_c::build(program, &dir.join(format!("{name}.c.d")), &exe, options)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    (exe, report)
}

/// What a program expects, from its `# args:`, `# expect-exit:` and
/// `# expect-stdout:` comment lines (each of the latter one line of
/// output).
pub struct Expectation {
    /// The command-line arguments, split on spaces.
    pub args: Vec<String>,
    /// The exit status.
    pub exit: i32,
    /// The whole standard output.
    pub stdout: String,
}

pub fn expectation(text: &str) -> Expectation {
    let mut e = Expectation {
        args: Vec::new(),
        exit: 0,
        stdout: String::new(),
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# args:") {
            e.args = rest.split_whitespace().map(str::to_string).collect();
        } else if let Some(rest) = line.strip_prefix("# expect-exit:") {
            e.exit = rest.trim().parse().expect("an exit status");
        } else if let Some(rest) = line.strip_prefix("# expect-stdout:") {
            e.stdout.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            e.stdout.push('\n');
        }
    }
    e
}

/// How to build and run the test programs.
#[derive(Default)]
pub struct Run<'a> {
    /// A command to run each program under (valgrind), if any.
    pub runner: &'a [&'a str],
    /// C compiler flags besides the defaults.
    pub flags: &'a [&'a str],
    /// Environment variables of the programs.
    pub env: &'a [(&'a str, &'a str)],
}

/// Emits, builds and runs every test program as `run` says; returns the
/// failures, one message each, and prints a line per program.
pub fn run_programs(test: &str, run: &Run) -> Vec<String> {
    let (runner, flags) = (run.runner, run.flags);
    let dir = scratch(test);
    let mut options = build_options(&dir.join("cache"));
    options.extra_flags = flags.iter().map(|f| f.to_string()).collect();
    let mut failures = Vec::new();
    let programs = programs();
    for (name, text) in &programs {
        let expected = expectation(text);
        let program = emit(name, text);
        let (exe, report) = build(name, &program, &dir, &options);
        let mut command = match runner.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        command.envs(run.env.iter().copied());
        let out = run_with_timeout(command.args(&expected.args), Duration::from_secs(120));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut problems = Vec::new();
        if stdout != expected.stdout {
            problems.push(format!("stdout:\n{stdout}\nexpected:\n{}", expected.stdout));
        }
        if out.status.code() != Some(expected.exit) {
            problems.push(format!(
                "exit status {:?}, expected {}; stderr:\n{}",
                out.status,
                expected.exit,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        if problems.is_empty() {
            eprintln!(
                "{test}: {name} ok (compiled {}, reused {}, {} ms compiling)",
                report.compiled.len(),
                report.reused.len(),
                report.compile_time.as_millis()
            );
        } else {
            eprintln!("{test}: {name} FAILED");
            failures.push(format!("{name}: {}", problems.join("\n")));
        }
    }
    failures
}

/// Runs a command to its end, killing it after `limit` (a test program
/// that loops must fail, not hang the test suite).
pub fn run_with_timeout(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

/// Whether the C compiler can build and run a program with these flags
/// (the sanitizers' libraries may be missing).
pub fn sanitizers_work(flags: &[&str]) -> bool {
    let dir = scratch("sanitizer-probe");
    let source = dir.join("probe.c");
    std::fs::write(&source, "int main(void) { return 0; }\n").unwrap();
    let exe = dir.join("probe");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let mut words = cc.split_whitespace();
    let built = Command::new(words.next().unwrap_or("cc"))
        .args(words)
        .args(flags)
        .arg(&source)
        .arg("-o")
        .arg(&exe)
        .output()
        .is_ok_and(|o| o.status.success());
    built
        && Command::new(&exe)
            .output()
            .is_ok_and(|o| o.status.success())
}
