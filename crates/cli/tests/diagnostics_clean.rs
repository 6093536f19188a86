//! Diagnostics speak the user's language: no refused program's message
//! contains the translator's own identifiers (`class3` for a class,
//! `ObjRef(..)` for a heap object, `Instance(..)` or `FixedList(..)` for a
//! representation, `BigInt(..)` for an int constant).
//!
//! The corpus is every program of `tests/conformance/reject/` and of
//! `tests/diagnostics/`, programs refused by the later phases (the
//! rtyper's "not supported yet" paths, import-time exceptions), whose
//! messages are the ones most likely to print an internal value.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

/// The first internal identifier in `text`, if any.
fn internal_identifier(text: &str) -> Option<String> {
    const MARKERS: &[&str] = &[
        "ObjRef",
        "Instance(",
        "BigInt(",
        "FixedList(",
        "List(",
        "Dict(",
        "Tuple(",
        "Iter(",
        "Repr::",
        "SomeValue",
    ];
    for line in text.lines() {
        if let Some(m) = MARKERS.iter().find(|m| line.contains(*m)) {
            return Some(format!("`{m}` in: {line}"));
        }
        // `class3`, not part of a longer word or a path.
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices("class") {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + 5);
            let word_start = !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
            if word_start && after.is_some_and(|b| b.is_ascii_digit()) {
                return Some(format!("`class<N>` in: {line}"));
            }
        }
    }
    None
}

#[test]
fn the_marker_scan_finds_what_it_looks_for() {
    assert!(internal_identifier("error: `add` giving Instance(class0)").is_some());
    assert!(internal_identifier("the constant BigInt(5) as Int").is_some());
    assert!(internal_identifier("a value of class12 here").is_some());
    assert!(internal_identifier("error: str() of a list of an instance of `C`").is_none());
    assert!(internal_identifier("--> tests/subclass3.py:4:1").is_none());
}

#[test]
fn refused_programs_name_no_internal_identifier() {
    let dirs = [
        root().join("tests/conformance/reject"),
        root().join("tests/diagnostics"),
    ];
    let out_dir = std::env::temp_dir().join(format!("rpy-diag-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut leaks = Vec::new();
    let mut refused = 0;
    for dir in &dirs {
        for prog in programs(dir) {
            let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
                .arg("translate")
                .arg(&prog)
                .arg("-o")
                .arg(out_dir.join("prog"))
                .env("RPY_LIB", root().join("lib"))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success(),
                "{} was accepted: every program here must be refused",
                prog.display()
            );
            assert!(
                !stderr.contains("panicked") && !stderr.contains("internal error"),
                "{}: not a diagnostic:\n{stderr}",
                prog.display()
            );
            refused += 1;
            // The programs' own paths may contain anything.
            let text = stderr.replace(&prog.display().to_string(), "PROGRAM");
            if let Some(leak) = internal_identifier(&text) {
                leaks.push(format!("{}: {leak}", prog.display()));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(refused > 20, "only {refused} programs scanned");
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
