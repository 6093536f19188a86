//! Snapshots of `rpy annotate` output: the annotated graphs and class
//! summaries of programs chosen to cover every part of the lattice
//! (integers signed and unsigned, bools, floats, chars, str and bytes,
//! None and nullable references, tuples, lists with their mutation flags,
//! dicts, sets, instances, prebuilt and frozen constants, function and
//! class families, methods, iterators and generators, closures,
//! exceptions, the impossible value), specialisation and mixins.
//! Review changes with `cargo insta review`.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The annotator's own programs (one per lattice area) and a selection of
/// conformance programs.
const PROGRAMS: &[&str] = &[
    "crates/annotator/tests/programs/ints_unsigned.py",
    "crates/annotator/tests/programs/nullable.py",
    "crates/annotator/tests/programs/containers.py",
    "crates/annotator/tests/programs/iterators.py",
    "crates/annotator/tests/programs/closures.py",
    "crates/annotator/tests/programs/specialize.py",
    "crates/annotator/tests/programs/mixins.py",
    "crates/annotator/tests/programs/prebuilt.py",
    "crates/annotator/tests/programs/exceptions.py",
    "crates/annotator/tests/programs/strings.py",
    "crates/annotator/tests/programs/jit_hints.py",
    "crates/annotator/tests/programs/class_values.py",
    "tests/conformance/run/class_polymorph.py",
    "tests/conformance/run/bst_tree.py",
    "tests/conformance/run/dict_basics.py",
    "tests/conformance/run/func_values.py",
    "tests/conformance/run/generators.py",
    "tests/conformance/run/linked_list.py",
    "tests/conformance/run/exc_hierarchy.py",
    "tests/conformance/run/int_bitwise.py",
    "tests/conformance/run/float_format.py",
    "tests/conformance/run/class_mixin.py",
];

#[test]
fn annotated_programs() {
    for program in PROGRAMS {
        let path = repo().join(program);
        let report = driver::annotate(&path, driver::AnnotateOptions::default())
            .unwrap_or_else(|f| panic!("{program}: {}", f.rendered));
        assert!(
            report.errors.is_empty(),
            "{program}:\n{}",
            report.errors.join("")
        );
        let name = Path::new(program)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(name, report.output);
    }
}

#[test]
fn annotated_programs_run_under_cpython() {
    // The annotator's programs are ordinary Python: CPython runs them with
    // lib/ on the path (skipped where python3 is missing).
    let Ok(status) = std::process::Command::new("python3")
        .arg("--version")
        .output()
    else {
        return;
    };
    assert!(status.status.success());
    for program in PROGRAMS
        .iter()
        .filter(|p| p.starts_with("crates/annotator"))
    {
        let out = std::process::Command::new("python3")
            .arg(repo().join(program))
            .env("PYTHONPATH", repo().join("lib"))
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
