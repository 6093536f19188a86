//! For every conformance program, the flow graphs of all functions
//! reachable from the entry point build and pass the invariant checker.

use std::path::{Path, PathBuf};

/// Programs whose graphs do not all build yet, with the reason.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

#[test]
fn reachable_graphs_of_every_conformance_program() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/run");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "py")
                && !p.file_name().unwrap().to_string_lossy().starts_with("lib_")
        })
        .collect();
    programs.sort();
    let mut problems = Vec::new();
    let mut graphs = 0;
    for p in &programs {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let known = KNOWN_FAILURES.iter().any(|(n, _)| *n == name);
        let outcome = match driver::check_reachable_graphs(p) {
            Ok(results) => {
                graphs += results.len();
                let bad: Vec<String> = results
                    .into_iter()
                    .filter_map(|(f, r)| r.err().map(|e| format!("  {f}: {e}")))
                    .collect();
                if bad.is_empty() {
                    Ok(())
                } else {
                    Err(bad.join("\n"))
                }
            }
            Err(failure) => Err(failure.rendered),
        };
        match (outcome, known) {
            (Ok(()), true) => {
                problems.push(format!("{name}: builds now; remove it from KNOWN_FAILURES"))
            }
            (Err(e), false) => problems.push(format!("{name}:\n{e}")),
            _ => {}
        }
    }
    eprintln!("flow graphs: {} programs, {graphs} graphs", programs.len());
    assert!(
        problems.is_empty(),
        "{} programs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
