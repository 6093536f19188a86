//! `cargo xtask`: the project's tasks.
//!
//! - `demo`: translates the bundled example interpreter (examples/bf) with
//!   the C backend and runs it on a program (the README's main command).
//! - `bench-frontend`: times parse, import and flow-graph building over the
//!   whole conformance corpus in one process.
//! - `translate PROG.py [rpy translate options]`: `rpy translate` through
//!   the workspace.
//! - `bench [--full]`: translates the programs of `bench/`, runs each
//!   translated program, CPython, PyPy (when installed) and the C
//!   reference side by side, checks their outputs agree and prints median
//!   wall times and ratios.
//! - `fuzz [--count N | --minutes M] [--seed S] [--gc NAME] ...`: the
//!   differential fuzzer (random RPython programs, CPython as the oracle;
//!   see `fuzz.rs`). `fuzz-check` is its reducer's predicate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("bench-frontend") => bench_frontend(),
        Some("translate") => translate(&args[1..]),
        Some("bench") => bench::run(&root(), args.iter().any(|a| a == "--full")),
        Some("fuzz") => fuzz::run(&root(), &args[1..]),
        Some("fuzz-check") => fuzz::check(&root(), &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <demo | bench-frontend | translate PROG.py [-o OUT] | bench [--full] | fuzz [--count N | --minutes M] [--seed S] ...>"
            );
            ExitCode::from(2)
        }
    }
}

mod bench;
mod fuzz;

/// `rpy translate` with the workspace's build of the translator.
fn translate(args: &[String]) -> ExitCode {
    let Some(program) = args.first() else {
        eprintln!("usage: cargo xtask translate PROG.py [-o OUT] [--opt LEVEL]");
        return ExitCode::from(2);
    };
    let mut options = driver::TranslateOptions::default();
    let mut rest = args[1..].iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "-o" | "--output" => options.output = rest.next().map(PathBuf::from),
            "--opt" => options.opt = rest.next().cloned().unwrap_or_else(|| "2".into()),
            "--backend" => {
                if rest.next().map(String::as_str) != Some("c") {
                    eprintln!("error: the only backend is `c`");
                    return ExitCode::from(2);
                }
            }
            other => {
                eprintln!("error: unknown option `{other}`");
                return ExitCode::from(2);
            }
        }
    }
    match driver::translate(Path::new(program), &options) {
        Ok(report) => {
            for e in &report.errors {
                eprint!("{e}");
            }
            eprint!("phases:\n{}", report.timings.summary());
            match report.executable {
                Some(exe) if report.errors.is_empty() => {
                    eprintln!("wrote {}", exe.display());
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(1),
            }
        }
        Err(failure) => {
            eprint!("{}", failure.rendered);
            ExitCode::from(1)
        }
    }
}

fn demo() -> ExitCode {
    let bf = root().join("examples/bf/bf.py");
    let hello = root().join("examples/bf/hello.b");
    let exe = root().join("target/bf-c");
    println!("$ rpy translate examples/bf/bf.py -o target/bf-c");
    let options = driver::TranslateOptions {
        output: Some(exe.clone()),
        ..driver::TranslateOptions::default()
    };
    match driver::translate(&bf, &options) {
        Ok(report) if report.errors.is_empty() && report.executable.is_some() => {
            print!("phases:\n{}", report.timings.summary());
        }
        Ok(report) => {
            for e in report.errors {
                eprint!("{e}");
            }
            return ExitCode::from(1);
        }
        Err(failure) => {
            eprint!("{}", failure.rendered);
            return ExitCode::from(1);
        }
    }
    println!("\n$ target/bf-c examples/bf/hello.b");
    let status = std::process::Command::new(&exe).arg(&hello).status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => {
            eprintln!("the translated interpreter exited with {s}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("cannot run {}: {e}", exe.display());
            ExitCode::from(1)
        }
    }
}

fn bench_frontend() -> ExitCode {
    let dir = root().join("tests/conformance/run");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance/run")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "py")
                && !p.file_name().unwrap().to_string_lossy().starts_with("lib_")
        })
        .collect();
    programs.sort();
    let start = Instant::now();
    let mut graphs = 0;
    let mut failures = 0;
    let mut flow = std::time::Duration::ZERO;
    let mut annotate = std::time::Duration::ZERO;
    for p in &programs {
        match driver::annotate(p, driver::AnnotateOptions::default()) {
            Ok(report) => {
                graphs += report.graphs;
                failures += report.errors.len();
                for (name, d) in &report.timings.phases {
                    match *name {
                        "flow" => flow += *d,
                        "annotate" => annotate += *d,
                        _ => {}
                    }
                }
            }
            Err(_) => failures += 1,
        }
    }
    let elapsed = start.elapsed();
    println!(
        "frontend: {} programs, {graphs} annotated graphs, {failures} failures, {:.3} s total \
         (parse + import + flow graphs + annotation; flow {:.3} s, annotation {:.3} s)",
        programs.len(),
        elapsed.as_secs_f64(),
        flow.as_secs_f64(),
        annotate.as_secs_f64()
    );
    let largest = programs
        .iter()
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("programs");
    bench_edit(largest);
    ExitCode::SUCCESS
}

/// The edit loop with the database kept alive: annotate the program, then
/// edit one function body and annotate again, several times.
fn bench_edit(path: &std::path::Path) {
    use driver::db::{self, Database, FunctionId};
    use salsa::Setter;
    let text = std::fs::read_to_string(path).expect("readable");
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let path = path.to_path_buf();
    let (first, mut edits) = driver::with_big_stack(move || {
        let mut db = Database::default();
        let program =
            db::load_program_inputs(&db, &path, driver::default_lib_dirs()).expect("inputs");
        let annotate = |db: &Database| {
            let result = db::annotate_program(db, program);
            let ok = result.as_ref().is_ok_and(|r| r.errors.is_empty());
            for &f in &db::import(db, program).functions {
                db::function_annotation_text(db, FunctionId::new(db, program, f.0));
            }
            ok
        };
        let start = Instant::now();
        assert!(annotate(&db), "the program annotates");
        let first = start.elapsed();
        // Edit the last `return 0` (the entry point's) in alternation.
        let at = text.rfind("return 0").expect("an entry point returning 0");
        let mut edits = Vec::new();
        for i in 0..5 {
            let edited = if i % 2 == 0 {
                format!("{}return 0 + 0{}", &text[..at], &text[at + 8..])
            } else {
                text.clone()
            };
            let file = program.main(&db);
            file.set_text(&mut db).to(edited.into());
            let start = Instant::now();
            assert!(annotate(&db), "the edited program annotates");
            edits.push(start.elapsed());
        }
        (first, edits)
    });
    edits.sort();
    println!(
        "edit loop on {} (database kept alive): first annotation {:.1} ms, re-annotation after a one-function edit {:.1} ms (median of {})",
        name,
        first.as_secs_f64() * 1e3,
        edits[edits.len() / 2].as_secs_f64() * 1e3,
        edits.len()
    );
}
