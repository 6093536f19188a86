//! Programs using dicts and sets lower to verified low-level modules
//! (the C backend runs them elsewhere; here the verifier is the check).

use std::path::Path;

fn lowers(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/rtype_dicts")
        .join(name);
    let report = match driver::lower(&path, driver::LowerOptions::default()) {
        Ok(r) => r,
        Err(_) => panic!("{name}: the program did not import"),
    };
    assert!(
        report.module.is_some(),
        "{name} does not lower:\n{}",
        report.errors.join("\n")
    );
}

#[test]
fn dicts_and_sets_lower() {
    lowers("dicts_sets.py");
    lowers("dicts_sets_run.py");
}
