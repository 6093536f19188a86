//! The str and formatting helpers of the rtyper, end to end: each
//! `tests/text_programs/*.py` is translated with the C backend and run
//! (with the arguments of its `# args:` line); its output must be
//! CPython's, the `.out` file beside it. The programs gather the edge
//! cases of str methods, `%` and format specs, float repr and parsing,
//! slices with steps and bytes that the conformance programs touch only
//! in passing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text_programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the test programs are in the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

#[test]
fn text_programs_print_what_cpython_prints() {
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let out_dir = std::env::temp_dir().join(format!("rpy-text-programs-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut failures = Vec::new();
    for path in programs() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&path).unwrap();
        let args: Vec<String> = source
            .lines()
            .find_map(|l| l.strip_prefix("# args:"))
            .map(|a| a.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        let options = driver::TranslateOptions {
            output: Some(out_dir.join(&name)),
            // The programs are long straight lines of formatting: -O0
            // keeps the C compiler quick, and the semantics are the same.
            opt: "0".into(),
            ..driver::TranslateOptions::default()
        };
        let p = path.clone();
        let report = driver::with_big_stack(move || driver::translate(&p, &options));
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {}", e.rendered));
                continue;
            }
        };
        let Some(exe) = report.executable else {
            failures.push(format!("{name}: {}", report.errors.join("\n")));
            continue;
        };
        let output = Command::new(&exe).args(&args).output().unwrap();
        let expected = std::fs::read(path.with_extension("out")).unwrap();
        if output.stdout != expected {
            failures.push(format!(
                "{name}: output differs\n--- got\n{}\n--- expected\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&expected)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
