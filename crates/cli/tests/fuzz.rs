//! The differential fuzzer's bounded slice (`cargo xtask fuzz` runs it
//! for as long as one likes): a fixed range of seeds of the program
//! generator (`xtask/fuzz/progen.py`), each program run by CPython and
//! translated with every backend; the translated program must print what
//! CPython prints and exit with the same status. Also every regression
//! program of `tests/fuzz/regressions/` (reduced fuzz finds, with
//! CPython's `.out` and `.exit`) must pass.
//!
//! Skipped without `python3` or a C compiler.

#[allow(dead_code)]
#[path = "../../../xtask/src/fuzz.rs"]
mod fuzz;

use fuzz::{Class, Setup};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The slice: seeds `FIRST_SEED..FIRST_SEED + PROGRAMS`.
const FIRST_SEED: u64 = 1;
const PROGRAMS: u64 = 40;

/// The collectors, one per seed in turn.
const GCS: &[&str] = &["semispace", "generation", "none"];

/// Features the generator leaves out of this slice, each with the reason:
/// known translator bugs (reduced programs under `tests/fuzz/found/`) and
/// valid RPython the translator refuses. Remove a feature once its bug
/// is fixed.
const AVOID: &[(&str, &str)] = &[
    (
        "const-overflow",
        "refused: constant folding leaving 64 bits",
    ),
    (
        "empty-literal",
        "refused: containers whose item type is never known",
    ),
    (
        "char-ops",
        "refused: sets mixing one-character and longer strs",
    ),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn setup(gc: &str) -> Setup {
    Setup {
        rpy: PathBuf::from(env!("CARGO_BIN_EXE_rpy")),
        lib: root().join("lib"),
        backend: fuzz::BACKENDS[0].into(),
        gc: gc.into(),
        opt: "0".into(),
        cache: None,
        pyrun: root().join("xtask/fuzz/pyrun.py"),
    }
}

/// A fresh directory for one program.
fn work_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rpy-fuzz-{}-{what}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `f` over `items` on two threads.
fn on_two_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(items.len().div_ceil(2).max(1))
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

#[test]
fn fuzz_slice_matches_cpython() {
    if !have("python3") || !have("cc") {
        eprintln!("python3 or cc missing: skipped");
        return;
    }
    let avoid: Vec<&str> = AVOID.iter().map(|(f, _)| *f).collect();
    let avoid = avoid.join(",");
    // Interleaved, so that both threads get programs of every collector.
    let seeds: Vec<u64> = (FIRST_SEED..FIRST_SEED + PROGRAMS).collect();
    let results = on_two_threads(&seeds, |&seed| {
        let dir = work_dir(&format!("seed{seed}"));
        let prog = dir.join(format!("fuzz_{seed}.py"));
        let gc = GCS[(seed % GCS.len() as u64) as usize];
        let outcome = match fuzz::generate(&root(), seed, &avoid, &prog) {
            Ok(()) => fuzz::check_program(&setup(gc), &dir, &prog),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return (seed, Class::GenBug(e), String::new());
            }
        };
        let mut detail = String::new();
        if outcome.class != Class::Pass {
            detail = format!(
                "--gc {gc}, run {}: exit {:?} (CPython {}), first difference: {}\n{}",
                outcome.run,
                outcome.exe_status,
                outcome.py_status,
                first_difference(&outcome.py_out, &outcome.exe_out),
                outcome
                    .translator_stderr
                    .chars()
                    .take(1500)
                    .collect::<String>()
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
        (seed, outcome.class, detail)
    });
    let mut refused = Vec::new();
    let mut failures = Vec::new();
    let mut passed = 0;
    for (seed, class, detail) in &results {
        match class {
            Class::Pass => passed += 1,
            Class::Refused(why) => refused.push(format!("  seed {seed}: {why}")),
            _ => failures.push(format!(
                "seed {seed}: {} (reproduce: python3 xtask/fuzz/progen.py {seed} --avoid {avoid})\n{detail}",
                class.key()
            )),
        }
    }
    eprintln!(
        "fuzz slice: {passed} of {} pass, {} refused, {} fail",
        results.len(),
        refused.len(),
        failures.len()
    );
    if !refused.is_empty() {
        eprintln!("refused:\n{}", refused.join("\n"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The first differing line of two outputs.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let (el, al): (Vec<&str>, Vec<&str>) = (e.lines().collect(), a.lines().collect());
    for i in 0..el.len().max(al.len()) {
        let (x, y) = (el.get(i).copied(), al.get(i).copied());
        if x != y {
            return format!("line {}: expected {x:?}, actual {y:?}", i + 1);
        }
    }
    "none".into()
}

/// Programs (`NAME.py`) of a directory with their expected output
/// (`NAME.out`) and status (`NAME.exit`, else 0).
fn saved_programs(dir: &Path) -> Vec<(PathBuf, Vec<u8>, i32)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut programs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    programs
        .into_iter()
        .map(|p| {
            let out = std::fs::read(p.with_extension("out")).unwrap_or_default();
            let status = std::fs::read_to_string(p.with_extension("exit"))
                .map(|s| s.trim().parse().expect("an integer exit status"))
                .unwrap_or(0);
            (p, out, status)
        })
        .collect()
}

/// Translates saved programs with each collector; the outcome of each.
fn run_saved(dir: &Path) -> Vec<(String, Vec<(String, Class)>)> {
    let programs = saved_programs(dir);
    on_two_threads(&programs, |(path, out, status)| {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut results = Vec::new();
        for gc in ["semispace", "generation"] {
            let work = work_dir(&format!("{name}-{gc}"));
            let prog = work.join(path.file_name().unwrap());
            std::fs::copy(path, &prog).unwrap();
            let outcome = fuzz::translate_and_run(&setup(gc), &work, &prog, out.clone(), *status);
            let _ = std::fs::remove_dir_all(&work);
            results.push((gc.to_string(), outcome.class));
        }
        (name, results)
    })
}

#[test]
fn fuzz_regressions_match_cpython() {
    if !have("cc") {
        eprintln!("no C compiler: skipped");
        return;
    }
    let results = run_saved(&root().join("tests/fuzz/regressions"));
    let failures: Vec<String> = results
        .iter()
        .flat_map(|(name, r)| {
            r.iter()
                .filter(|(_, c)| *c != Class::Pass)
                .map(move |(gc, c)| format!("{name} (--gc {gc}): {}", c.key()))
        })
        .collect();
    eprintln!(
        "fuzz regressions: {} programs, {} failures",
        results.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The open finds of `tests/fuzz/found/` are known bugs: this test only
/// reports those that pass now (to be moved to `regressions/`). Run it
/// with `--ignored`.
#[test]
#[ignore]
fn fuzz_found_programs_report() {
    if !have("cc") {
        eprintln!("no C compiler: skipped");
        return;
    }
    let results = run_saved(&root().join("tests/fuzz/found"));
    for (name, r) in &results {
        if r.iter().all(|(_, c)| *c == Class::Pass) {
            eprintln!("tests/fuzz/found/{name}.py passes now: move it to tests/fuzz/regressions/");
        } else {
            let keys: Vec<String> = r
                .iter()
                .map(|(gc, c)| format!("{gc}: {}", c.key()))
                .collect();
            eprintln!("open: {name} ({})", keys.join("; "));
        }
    }
}
