//! `cargo xtask`: the project's tasks.
//!
//! - `demo`: runs the bundled example interpreter untranslated and prints
//!   the flow graph of its main loop (the README's main command).
//! - `bench-frontend`: times parse, import and flow-graph building over the
//!   whole conformance corpus in one process.

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
        _ => {
            eprintln!("usage: cargo xtask <demo | bench-frontend>");
            ExitCode::from(2)
        }
    }
}

fn demo() -> ExitCode {
    let bf = root().join("examples/bf/bf.py");
    let hello = root().join("examples/bf/hello.b");
    println!("$ rpy run examples/bf/bf.py examples/bf/hello.b");
    match driver::run_untranslated(&bf, &[hello.display().to_string()]) {
        Ok(0) => {}
        Ok(status) => {
            eprintln!("the example exited with status {status}");
            return ExitCode::from(1);
        }
        Err(failure) => {
            eprint!("{}", failure.rendered);
            return ExitCode::from(1);
        }
    }
    println!("\n$ rpy flowgraph examples/bf/bf.py --function run");
    let options = driver::FlowgraphOptions {
        function: Some("run".into()),
        all: false,
        format: driver::GraphFormat::Text,
        positions: false,
    };
    match driver::flowgraphs(&bf, options) {
        Ok(report) if report.errors.is_empty() => {
            print!("{}", report.output);
            ExitCode::SUCCESS
        }
        Ok(report) => {
            for e in report.errors {
                eprint!("{e}");
            }
            ExitCode::from(1)
        }
        Err(failure) => {
            eprint!("{}", failure.rendered);
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
    for p in &programs {
        let options = driver::FlowgraphOptions {
            function: None,
            all: false,
            format: driver::GraphFormat::Text,
            positions: false,
        };
        match driver::flowgraphs(p, options) {
            Ok(report) => {
                graphs += report.graphs;
                failures += report.errors.len();
            }
            Err(_) => failures += 1,
        }
    }
    let elapsed = start.elapsed();
    println!(
        "frontend: {} programs, {graphs} flow graphs, {failures} failures, {:.3} s (parse + import + flow graphs)",
        programs.len(),
        elapsed.as_secs_f64()
    );
    ExitCode::SUCCESS
}
