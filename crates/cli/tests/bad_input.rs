//! Bad input never panics: each mistake gives a diagnostic that cites
//! file:line:column, and `rpy` exits with status 1. The rendered
//! diagnostics are snapshot-tested exactly as a user sees them.

use std::path::Path;
use std::process::Command;

/// Runs `rpy <cmd> prog.py` on a program written to a scratch directory;
/// returns stderr with the directory replaced by `$DIR`.
fn rpy(cmd: &str, name: &str, files: &[(&str, &str)]) -> String {
    let dir = std::env::temp_dir().join(format!("rpy-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .arg(cmd)
        .arg(dir.join("prog.py"))
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "$DIR");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: expected exit status 1, stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{name}: panic:\n{stderr}");
    stderr
}

fn assert_cites(stderr: &str, location: &str) {
    assert!(
        stderr.contains(location),
        "expected a diagnostic citing {location}:\n{stderr}"
    );
}

#[test]
fn syntax_error() {
    let err = rpy(
        "flowgraph",
        "syntax",
        &[("prog.py", "def entry_point(argv):\n    return (1 +\n")],
    );
    assert_cites(&err, "prog.py:3:1");
    insta::assert_snapshot!(err);
}

#[test]
fn unknown_name_at_import_time() {
    let err = rpy(
        "flowgraph",
        "unknown",
        &[(
            "prog.py",
            "X = 1\nY = undefined_name + X\n\ndef entry_point(argv):\n    return 0\n",
        )],
    );
    assert_cites(&err, "prog.py:2:5");
    insta::assert_snapshot!(err);
}

#[test]
fn missing_module() {
    let err = rpy(
        "flowgraph",
        "missing",
        &[(
            "prog.py",
            "import no_such_module_here\n\ndef entry_point(argv):\n    return 0\n",
        )],
    );
    assert_cites(&err, "prog.py:1:1");
    insta::assert_snapshot!(err);
}

#[test]
fn missing_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .args(["flowgraph", "/nonexistent/prog.py"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such file: /nonexistent/prog.py"), "{err}");
}

#[test]
fn exception_raised_by_import_time_code() {
    let src = "def check(n):\n    if n > 2:\n        raise ValueError('too big: %d' % n)\n    return n\n\nLIMIT = check(5)\n\ndef entry_point(argv):\n    return 0\n";
    let err = rpy("flowgraph", "raises", &[("prog.py", src)]);
    assert_cites(&err, "prog.py:3:9");
    assert_cites(&err, "prog.py:6:9");
    insta::assert_snapshot!(err);
}

#[test]
fn syntax_error_in_an_imported_module() {
    let err = rpy(
        "run",
        "imported",
        &[
            (
                "prog.py",
                "import helper\n\ndef entry_point(argv):\n    return 0\n",
            ),
            ("helper.py", "x = = 1\n"),
        ],
    );
    assert_cites(&err, "helper.py:1:5");
    insta::assert_snapshot!(err);
}

#[test]
fn not_rpython_at_run_time() {
    let src = "COUNT = 0\n\ndef entry_point(argv):\n    global COUNT\n    COUNT = len(argv)\n    return 0\n";
    let err = rpy("flowgraph", "global", &[("prog.py", src)]);
    assert_cites(&err, "prog.py:5:5");
    insta::assert_snapshot!(err);
}

#[test]
fn no_entry_point() {
    let err = rpy(
        "flowgraph",
        "noentry",
        &[("prog.py", "def helper():\n    return 1\n")],
    );
    assert!(err.contains("no entry point"), "{err}");
    let _ = Path::new("");
}

#[test]
fn translate_never_overwrites_the_program_with_its_executable() {
    let dir = std::env::temp_dir().join(format!("rpy-bad-{}-overwrite", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = "def entry_point(argv):\n    print('kept')\n    return 0\n";
    let prog = dir.join("prog.py");
    std::fs::write(&prog, source).unwrap();
    // The same file under another spelling of its path.
    let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .args(["translate", "prog.py", "-o", "./prog.py"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let after = std::fs::read_to_string(&prog).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is the program being translated"),
        "{stderr}"
    );
    assert_eq!(after, source, "the program was overwritten");
}
