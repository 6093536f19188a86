//! The conformance suite, run untranslated: every `tests/conformance/run`
//! program under `rpy run` must print exactly what CPython printed (the
//! `.out` file) and exit with the same status (the `.exit` file, or 0).
//!
//! One harness, a table of executors: the host interpreter (`rpy run`),
//! and each backend (`rpy translate`, then the executable).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Programs that do not pass yet, each with the reason. Keep this short:
/// the acceptance bar is at most three.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/run")
}

/// Further programs with CPython's output, written for the frontend's own
/// tests (same layout as `tests/conformance/run`).
fn frontend_programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/tests/programs")
}

/// A test program and how to run it, from its header comments.
struct Case {
    dir: PathBuf,
    name: String,
    args: Vec<String>,
    stdin: Option<PathBuf>,
    expected_out: Vec<u8>,
    expected_status: i32,
}

fn load_cases(dir: PathBuf) -> Vec<Case> {
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/conformance/run is vendored")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && !n.starts_with("lib_"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|file| {
            let name = file.trim_end_matches(".py").to_string();
            let source = std::fs::read_to_string(dir.join(&file)).unwrap();
            let mut args = Vec::new();
            let mut stdin = None;
            for line in source.lines().take_while(|l| l.starts_with('#')) {
                if let Some(a) = line.strip_prefix("# args:") {
                    args = a.split_whitespace().map(String::from).collect();
                } else if let Some(s) = line.strip_prefix("# stdin:") {
                    stdin = Some(dir.join(s.trim()));
                }
            }
            let expected_out = std::fs::read(dir.join(format!("{name}.out"))).unwrap_or_default();
            let expected_status = std::fs::read_to_string(dir.join(format!("{name}.exit")))
                .map(|s| s.trim().parse().expect("an integer exit status"))
                .unwrap_or(0);
            Case {
                dir: dir.clone(),
                name,
                args,
                stdin,
                expected_out,
                expected_status,
            }
        })
        .collect()
}

/// How a case is executed.
enum Executor<'a> {
    /// `rpy run PROGRAM ARGS`.
    Untranslated(&'a Path),
    /// A translated executable: `EXE ARGS`.
    Translated(&'a Path),
    /// A translated executable whose collector starts with tiny spaces
    /// (`RPY_GC_SPACE`, `RPY_GC_NURSERY`), so that it collects often: every
    /// root or write barrier the GC transform missed shows as a wrong
    /// result.
    TranslatedCollectingOften(&'a Path),
    /// A translated executable whose collector collects at every
    /// allocation (`RPY_GC_STRESS=1`), moving every live object: a raw
    /// address kept across an allocation reads freed memory at once.
    TranslatedStressed(&'a Path),
}

/// The collector's initial space size in the runs that collect often.
const SMALL_GC_SPACE: &str = "4K";

/// Runs one case with a time limit; `Err` describes the mismatch.
fn run_case(rpy: &Path, case: &Case) -> Result<(), String> {
    run_with(&Executor::Untranslated(rpy), case)
}

/// Runs one case with an executor; `Err` describes the mismatch.
fn run_with(executor: &Executor, case: &Case) -> Result<(), String> {
    let dir = &case.dir;
    let stdin = match &case.stdin {
        Some(path) => {
            Stdio::from(std::fs::File::open(path).map_err(|e| format!("stdin file: {e}"))?)
        }
        None => Stdio::null(),
    };
    let mut command = match executor {
        Executor::Untranslated(rpy) => {
            let mut c = Command::new(rpy);
            c.arg("run").arg(format!("{}.py", case.name));
            c
        }
        Executor::Translated(exe)
        | Executor::TranslatedCollectingOften(exe)
        | Executor::TranslatedStressed(exe) => {
            // The program sees the name CPython would give it
            // (`python3 NAME.py` makes `argv[0]` the script's name).
            use std::os::unix::process::CommandExt;
            let mut c = Command::new(exe);
            c.arg0(format!("{}.py", case.name));
            if let Executor::TranslatedCollectingOften(_) = executor {
                c.env("RPY_GC_SPACE", SMALL_GC_SPACE);
                c.env("RPY_GC_NURSERY", SMALL_GC_SPACE);
            }
            if let Executor::TranslatedStressed(_) = executor {
                c.env("RPY_GC_STRESS", "1");
            }
            c
        }
    };
    let mut child = command
        .args(&case.args)
        .current_dir(dir)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start rpy: {e}"))?;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || read_all(stdout));
    let err_reader = std::thread::spawn(move || read_all(stderr));
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            return Err("timed out after 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = out_reader.join().unwrap();
    let err = err_reader.join().unwrap();
    let code = status.code().unwrap_or(-1);
    if out != case.expected_out || code != case.expected_status {
        return Err(format!(
            "exit status {code} (expected {}){}\n{}\nstderr:\n{}",
            case.expected_status,
            if out == case.expected_out {
                ", stdout matches"
            } else {
                ", stdout differs"
            },
            first_difference(&case.expected_out, &out),
            String::from_utf8_lossy(&err)
                .chars()
                .take(2000)
                .collect::<String>()
        ));
    }
    Ok(())
}

fn read_all(mut r: impl std::io::Read) -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = r.read_to_end(&mut buf);
    buf
}

/// The first differing line of two outputs, for the failure message.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let (el, al): (Vec<&str>, Vec<&str>) = (e.lines().collect(), a.lines().collect());
    for i in 0..el.len().max(al.len()) {
        let (x, y) = (el.get(i).copied(), al.get(i).copied());
        if x != y {
            return format!("line {}:\n  expected {x:?}\n  actual   {y:?}", i + 1);
        }
    }
    String::new()
}

#[test]
fn frontend_programs_run_untranslated() {
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let cases = load_cases(frontend_programs_dir());
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run_case(&rpy, c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The unit tests of the `rpython` support package, run by the host
/// interpreter (with stand-ins for `unittest` and `io`): every test passes.
#[test]
fn rlib_unit_tests_pass_untranslated() {
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/rlib_host");
    let output = Command::new(rpy)
        .arg("run")
        .arg("run_rlib_tests.py")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .expect("rpy starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("rlib unit tests (rpy run): {}", stdout.trim_end());
    assert!(
        output.status.success() && stdout.ends_with(" passed, 0 failed\n"),
        "rlib unit tests fail under rpy run:\n{stdout}\n{stderr}"
    );
}

#[test]
fn conformance_run_untranslated() {
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let cases = load_cases(conformance_dir());
    assert!(!cases.is_empty(), "the conformance corpus is vendored");
    let results: Vec<(String, Result<(), String>)> = std::thread::scope(|s| {
        let chunks: Vec<&[Case]> = cases.chunks(cases.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let rpy = &rpy;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|c| (c.name.clone(), run_case(rpy, c)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut unexpected = Vec::new();
    let mut passed = 0;
    for (name, result) in &results {
        let known = KNOWN_FAILURES.iter().any(|(n, _)| n == name);
        match (result, known) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => {
                unexpected.push(format!("{name}: passes now; remove it from KNOWN_FAILURES"))
            }
            (Err(e), false) => unexpected.push(format!("{name}: {e}")),
            (Err(_), true) => {}
        }
    }
    eprintln!(
        "conformance (rpy run): {passed} passed, {} known failures, {} unexpected",
        KNOWN_FAILURES.len(),
        unexpected.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} conformance programs fail:\n\n{}",
        unexpected.len(),
        unexpected.join("\n\n")
    );
}

/// What translating one program with a backend gave.
enum Translation {
    /// An executable.
    Built(PathBuf),
    /// The translator does not support something the program uses yet
    /// (a diagnostic saying so, not a crash).
    Unsupported(String),
    /// Anything else: a bug.
    Failed(String),
}

fn translate(rpy: &Path, case: &Case, out_dir: &Path, gc: &str) -> Translation {
    let exe = out_dir.join(format!("{}-{gc}", case.name));
    let output = Command::new(rpy)
        .arg("translate")
        .arg(format!("{}.py", case.name))
        .args(["--gc", gc])
        .arg("-o")
        .arg(&exe)
        .current_dir(&case.dir)
        .stdin(Stdio::null())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => return Translation::Failed(format!("cannot start rpy: {e}")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() {
        return Translation::Built(exe);
    }
    let unsupported = stderr.contains("not supported yet by the translator")
        && !stderr.contains("panicked")
        && !stderr.contains("internal error");
    if unsupported {
        let first = stderr
            .lines()
            .find(|l| l.contains("not supported yet"))
            .unwrap_or_default()
            .trim_start_matches("error: not supported yet by the translator: ")
            .to_string();
        Translation::Unsupported(first)
    } else {
        Translation::Failed(stderr.chars().take(3000).collect())
    }
}

/// Whether valgrind's memcheck is installed.
fn have_valgrind() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The exit status valgrind reports memory errors with: distinct from
/// every status a conformance program exits with.
const VALGRIND_ERROR_STATUS: i32 = 99;

/// Runs a translated executable under memcheck: no invalid reads or
/// writes, no uses of uninitialised values (leaks at exit are allowed).
fn valgrind_clean(exe: &Path, case: &Case) -> Result<(), String> {
    let stdin = match &case.stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).map_err(|e| e.to_string())?),
        None => Stdio::null(),
    };
    let out = Command::new("valgrind")
        .args(["-q", "--leak-check=no"])
        .arg(format!("--error-exitcode={VALGRIND_ERROR_STATUS}"))
        .arg(exe)
        .args(&case.args)
        .current_dir(&case.dir)
        .stdin(stdin)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.code() == Some(VALGRIND_ERROR_STATUS) {
        return Err(format!(
            "memcheck errors:\n{}",
            String::from_utf8_lossy(&out.stderr)
                .chars()
                .take(3000)
                .collect::<String>()
        ));
    }
    Ok(())
}

/// Translates each case with the C backend and the collector `gc`, and
/// runs it plainly, collecting often, collecting at every allocation, and (with `memcheck`, where valgrind
/// is installed) under memcheck: `Ok(None)` passed, `Ok(Some(why))` not
/// supported yet, `Err` a bug.
fn translated_results(
    cases: &[Case],
    gc: &str,
    memcheck: bool,
) -> Vec<(String, Result<Option<String>, String>)> {
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let valgrind = memcheck && have_valgrind();
    // One directory per call: the tests of this file run at once, and each
    // removes its directory when done.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out_dir =
        std::env::temp_dir().join(format!("rpy-translated-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let results = std::thread::scope(|s| {
        let chunks: Vec<&[Case]> = cases.chunks(cases.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (rpy, out_dir) = (&rpy, &out_dir);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|c| {
                            let outcome = match translate(rpy, c, out_dir, gc) {
                                Translation::Built(exe) => run_with(&Executor::Translated(&exe), c)
                                    .and_then(|()| {
                                        run_with(&Executor::TranslatedCollectingOften(&exe), c)
                                            .map_err(|e| {
                                                format!("with RPY_GC_SPACE={SMALL_GC_SPACE}: {e}")
                                            })
                                    })
                                    .and_then(|()| {
                                        run_with(&Executor::TranslatedStressed(&exe), c)
                                            .map_err(|e| format!("with RPY_GC_STRESS=1: {e}"))
                                    })
                                    .and_then(|()| {
                                        if valgrind {
                                            valgrind_clean(&exe, c)
                                        } else {
                                            Ok(())
                                        }
                                    })
                                    .map(|()| None),
                                Translation::Unsupported(why) => Ok(Some(why)),
                                Translation::Failed(why) => {
                                    Err(format!("translation failed:\n{why}"))
                                }
                            };
                            (c.name.clone(), outcome)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let _ = std::fs::remove_dir_all(&out_dir);
    results
}

/// Programs written for the translator's own tests (unbounded recursion,
/// integer semantics, ...): every one translates and matches CPython.
#[test]
fn translator_programs_with_c() {
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("no C compiler: skipped");
        return;
    }
    // Programs too large for a readable low-level snapshot live in
    // `translate_programs_large`; both sets run here.
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut cases = load_cases(here.join("translate_programs"));
    cases.extend(load_cases(here.join("translate_programs_large")));
    assert!(!cases.is_empty());
    let problems: Vec<String> = translated_results(&cases, "semispace", true)
        .into_iter()
        .filter_map(|(n, r)| match r {
            Ok(None) => None,
            Ok(Some(why)) => Some(format!("{n}: not supported: {why}")),
            Err(e) => Some(format!("{n}: {e}")),
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Every conformance program through the C backend: a program the
/// translator accepts must behave exactly as under CPython (stdout and
/// exit status) and run clean under memcheck; a program it does not
/// support yet must be refused with a diagnostic saying so. The counts
/// are printed.
#[test]
fn conformance_translated_with_c() {
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let cases = load_cases(conformance_dir());
    let results = translated_results(&cases, "semispace", true);
    let passed = results
        .iter()
        .filter(|(_, r)| matches!(r, Ok(None)))
        .count();
    let unsupported: Vec<String> = results
        .iter()
        .filter_map(|(n, r)| match r {
            Ok(Some(why)) => Some(format!("  {n}: {why}")),
            _ => None,
        })
        .collect();
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(n, r)| r.as_ref().err().map(|e| format!("{n}: {e}")))
        .collect();
    eprintln!(
        "conformance with the C backend: {passed} of {} pass, {} not supported yet, {} fail",
        results.len(),
        unsupported.len(),
        failures.len()
    );
    eprintln!("not supported yet:\n{}", unsupported.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The conformance and translator programs with the generational
/// collector, plainly and collecting often (memcheck runs with the
/// default collector only, to keep the suite's time down): a program that
/// passes with one collector passes with every one.
#[test]
fn programs_with_the_generational_collector() {
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut cases = load_cases(conformance_dir());
    cases.extend(load_cases(here.join("translate_programs")));
    cases.extend(load_cases(here.join("translate_programs_large")));
    let problems: Vec<String> = translated_results(&cases, "generation", false)
        .into_iter()
        .filter_map(|(n, r)| match r {
            Ok(None) => None,
            Ok(Some(why)) => Some(format!("{n}: not supported: {why}")),
            Err(e) => Some(format!("{n}: {e}")),
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
