//! The `rpython` support package (`lib/rpython`) under CPython.
//!
//! RPython programs must also run untranslated, so the support package
//! is plain Python 3 with its own `unittest` suite. These tests run that
//! suite, and run every conformance program with `lib/` on the module
//! path, comparing stdout and exit status with the recorded CPython
//! results. Both are skipped when no `python3` is installed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root (this crate lives in `crates/driver`).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// True if `python3` can be started; prints the skip notice otherwise.
fn have_python3() -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("python3 not found: skipped");
    }
    found
}

#[test]
fn rlib_unittest_suite_passes() {
    if !have_python3() {
        return;
    }
    let output = Command::new("python3")
        .args([
            "-m",
            "unittest",
            "discover",
            "-s",
            "lib/rpython/tests",
            "-t",
            "lib",
        ])
        .current_dir(repo_root())
        .stdin(Stdio::null())
        .output()
        .expect("python3 could not be started");
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stderr}");
    assert!(output.status.success(), "rlib unit tests failed:\n{stderr}");
}

/// The header of a conformance program: extra arguments and stdin file.
#[derive(Debug, Default)]
struct Header {
    args: Vec<String>,
    stdin: Option<String>,
}

/// Reads the `# args:` and `# stdin:` lines among the comment lines that
/// open the file (see `tests/conformance/README.md`).
fn parse_header(source: &str) -> Header {
    let mut header = Header::default();
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        if let Some(args) = comment.strip_prefix("args:") {
            header.args = args.split_whitespace().map(str::to_owned).collect();
        } else if let Some(file) = comment.strip_prefix("stdin:") {
            header.stdin = Some(file.trim().to_owned());
        }
    }
    header
}

/// Runs one conformance program under CPython; `Err` describes the
/// difference from its expected output or exit status.
fn run_program(run_dir: &Path, lib_dir: &Path, program: &Path) -> Result<(), String> {
    let source = fs::read_to_string(program).map_err(|e| format!("cannot read: {e}"))?;
    let header = parse_header(&source);
    let stdin = match &header.stdin {
        Some(file) => Stdio::from(
            fs::File::open(run_dir.join(file)).map_err(|e| format!("stdin file {file}: {e}"))?,
        ),
        None => Stdio::null(),
    };
    let file_name = program.file_name().unwrap_or_default();
    let output = Command::new("python3")
        .arg(file_name)
        .args(&header.args)
        .current_dir(run_dir)
        .env("PYTHONPATH", lib_dir)
        .stdin(stdin)
        .output()
        .map_err(|e| format!("python3 could not be started: {e}"))?;
    let expected_out =
        fs::read(program.with_extension("out")).map_err(|e| format!("missing .out: {e}"))?;
    let expected_status = match fs::read_to_string(program.with_extension("exit")) {
        Ok(text) => text
            .trim()
            .parse::<i32>()
            .map_err(|e| format!("bad .exit file: {e}"))?,
        Err(_) => 0,
    };
    let status = output.status.code();
    if status != Some(expected_status) {
        return Err(format!(
            "exit status {status:?}, expected {expected_status}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if output.stdout != expected_out {
        return Err(format!(
            "stdout differs from the .out file ({} bytes, expected {})",
            output.stdout.len(),
            expected_out.len()
        ));
    }
    Ok(())
}

#[test]
fn conformance_programs_run_under_cpython_with_lib() {
    if !have_python3() {
        return;
    }
    let root = repo_root();
    let run_dir = root.join("tests/conformance/run");
    let lib_dir = fs::canonicalize(root.join("lib")).expect("lib/ exists");
    let mut programs: Vec<PathBuf> = fs::read_dir(&run_dir)
        .expect("tests/conformance/run exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "py")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("lib_"))
        })
        .collect();
    programs.sort();
    let problems: Vec<String> = programs
        .iter()
        .filter_map(|p| {
            run_program(&run_dir, &lib_dir, p)
                .err()
                .map(|e| format!("{}: {e}", p.display()))
        })
        .collect();
    eprintln!("conformance under CPython: {} programs", programs.len());
    assert!(
        problems.is_empty(),
        "{} programs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn header_parsing() {
    let h = parse_header("# args: a  b\n# stdin: in.txt\n\nimport sys\n# args: no\n");
    assert_eq!(h.args, ["a", "b"]);
    assert_eq!(h.stdin.as_deref(), Some("in.txt"));
    let h = parse_header("x = 1\n# args: late\n");
    assert!(h.args.is_empty() && h.stdin.is_none());
}
