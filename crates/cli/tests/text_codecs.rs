//! Text at the edges of a translated program, as CPython treats it:
//! `argv` decoded from UTF-8 with surrogateescape, stdout encoding with
//! surrogateescape (other surrogates raise `UnicodeEncodeError`), stderr
//! with backslashreplace; and a string literal the parser cannot hold (a
//! lone surrogate) refused rather than changed.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn have_cc() -> bool {
    Command::new("cc").arg("--version").output().is_ok()
}

/// Writes `source` as `prog.py` in a fresh directory and translates it.
fn translate(name: &str, source: &str) -> (PathBuf, std::process::Output) {
    let dir = std::env::temp_dir().join(format!("rpy-text-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("prog.py"), source).unwrap();
    let exe = dir.join("prog");
    let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .arg("translate")
        .arg(dir.join("prog.py"))
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    (exe, out)
}

fn run(exe: &Path, args: &[&[u8]]) -> std::process::Output {
    Command::new(exe)
        .args(args.iter().map(|a| OsStr::from_bytes(a)))
        .output()
        .unwrap()
}

const ARGV_PROGRAM: &str = r#"
import sys

def entry_point(argv):
    for a in argv[1:]:
        print(len(a), repr(a), a.encode("utf-8", "surrogateescape"))
        try:
            a.encode("utf-8")
        except UnicodeEncodeError as e:
            print(str(e))
        print(a)
    print(argv[1], file=sys.stderr)
    print(chr(0xD800 + len(argv)) + "!")
    return 0
"#;

#[test]
fn undecodable_argv_bytes_round_trip_as_in_cpython() {
    if !have_cc() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let (exe, out) = translate("argv", ARGV_PROGRAM);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let args: [&[u8]; 3] = [b"a\xffb", b"\xc3\xa9\xed\xa0\x80", b"\xf0\x9f\x98"];
    let run = run(&exe, &args);
    // What CPython 3.11 prints for the same arguments (in a UTF-8 locale):
    // stdout ends at the print of a surrogate that stands for no byte,
    // which raises; the repr escapes the lone surrogates.
    let expected_stdout: &[u8] = b"3 'a\\udcffb' b'a\\xffb'\n\
'utf-8' codec can't encode character '\\udcff' in position 1: surrogates not allowed\n\
a\xffb\n\
4 '\xc3\xa9\\udced\\udca0\\udc80' b'\\xc3\\xa9\\xed\\xa0\\x80'\n\
'utf-8' codec can't encode characters in position 1-3: surrogates not allowed\n\
\xc3\xa9\xed\xa0\x80\n\
3 '\\udcf0\\udc9f\\udc98' b'\\xf0\\x9f\\x98'\n\
'utf-8' codec can't encode characters in position 0-2: surrogates not allowed\n\
\xf0\x9f\x98\n";
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(expected_stdout)
    );
    assert_eq!(run.stdout, expected_stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        stderr,
        "a\\udcffb\nUnicodeEncodeError: 'utf-8' codec can't encode character '\\ud804' in position 0: surrogates not allowed\n"
    );
    assert_eq!(run.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(exe.parent().unwrap());
}

#[test]
fn a_lone_surrogate_in_a_literal_is_refused() {
    let (exe, out) = translate(
        "literal",
        "def entry_point(argv):\n    s = \"a\\udc80\"\n    return len(s)\n",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("a lone surrogate") && stderr.contains("prog.py:2:9"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(exe.parent().unwrap());
}
