//! The conformance suite through the annotator: every `run` program must
//! annotate without error, and every `reject` program must be refused with
//! a diagnostic that contains each word of its `# expect-error:` line and
//! whose primary label is on its `# expect-line:` line.

use std::path::{Path, PathBuf};

fn conformance_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(kind)
}

fn programs(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(conformance_dir(kind))
        .expect("tests/conformance is vendored")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "py")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("lib_"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_run_program_annotates() {
    let mut failures = Vec::new();
    let files = programs("run");
    for file in &files {
        match driver::annotate(file, driver::AnnotateOptions::default()) {
            Ok(report) if report.errors.is_empty() => {}
            Ok(report) => failures.push(format!("{}:\n{}", file.display(), report.errors.join(""))),
            Err(failure) => failures.push(format!("{}:\n{}", file.display(), failure.rendered)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs do not annotate:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The words and the line a reject program's header expects.
fn expectations(file: &Path) -> (Vec<String>, u32) {
    let source = std::fs::read_to_string(file).unwrap();
    let mut words = Vec::new();
    let mut line = 0;
    for l in source.lines().take_while(|l| l.starts_with('#')) {
        if let Some(w) = l.strip_prefix("# expect-error:") {
            words = w.split_whitespace().map(str::to_lowercase).collect();
        } else if let Some(n) = l.strip_prefix("# expect-line:") {
            line = n.trim().parse().expect("a line number");
        }
    }
    (words, line)
}

#[test]
fn every_reject_program_is_refused_with_a_precise_diagnostic() {
    let mut problems = Vec::new();
    let files = programs("reject");
    for file in &files {
        let (words, line) = expectations(file);
        let rendered = match driver::annotate(file, driver::AnnotateOptions::default()) {
            Ok(report) if report.errors.is_empty() => {
                problems.push(format!("{}: accepted", file.display()));
                continue;
            }
            Ok(report) => report.errors.join(""),
            Err(failure) => failure.rendered,
        };
        let lower = rendered.to_lowercase();
        let missing: Vec<&String> = words
            .iter()
            .filter(|w| !lower.contains(w.as_str()))
            .collect();
        let name = file.file_name().unwrap().to_string_lossy();
        let cited = rendered.contains(&format!("{name}:{line}:"));
        if !missing.is_empty() || !cited {
            problems.push(format!(
                "{}: missing words {missing:?}, line {line} cited: {cited}\n{rendered}",
                file.display()
            ));
        }
        assert!(!rendered.contains("panicked"), "{rendered}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rpy_annotate_exits_1_on_a_reject_program() {
    let file = conformance_dir("reject").join("var_int_then_str.py");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rpy"))
        .arg("annotate")
        .arg(&file)
        .output()
        .expect("rpy runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("variable `label` would hold both int and str"),
        "{stderr}"
    );
}

#[test]
fn independent_errors_are_all_reported() {
    // A path relative to the test's working directory keeps the snapshot
    // free of machine-specific paths.
    let file = Path::new("../annotator/tests/reject/three_errors.py");
    let report = driver::annotate(file, driver::AnnotateOptions::default()).expect("imports");
    assert_eq!(report.errors.len(), 3, "{}", report.errors.join(""));
    insta::assert_snapshot!(report.errors.join("\n"));
}
