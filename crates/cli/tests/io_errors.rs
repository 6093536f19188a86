//! Output that cannot be written is an error the program sees, as in
//! CPython (in its default, buffered mode): a `print` whose buffer cannot
//! be written out raises `OSError` (`BrokenPipeError` on a closed pipe,
//! where the process is not killed by SIGPIPE); stdout that cannot be
//! written at exit is reported on stderr with status 120; an explicit
//! `sys.stdout.flush()` raises; stderr is written at once and at exit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn have_cc() -> bool {
    Command::new("cc").arg("--version").output().is_ok()
}

fn translate(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rpy-io-{}-{name}", std::process::id()));
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

/// Runs with stdout to /dev/full: (status, stderr).
fn run_to_dev_full(exe: &Path) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(exe).stdout(full).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const LOST_AT_EXIT: &str = "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nOSError: [Errno 28] No space left on device\n";

#[test]
fn stdout_on_a_full_disk() {
    if !have_cc() || !Path::new("/dev/full").exists() {
        eprintln!("no C compiler or no /dev/full: skipped");
        return;
    }
    // A little output: it fails when written out at exit.
    let exe = translate(
        "little",
        "import sys\n\ndef entry_point(argv):\n    print('hello')\n    sys.stderr.write('still here\\n')\n    return 3\n",
    );
    assert_eq!(
        run_to_dev_full(&exe),
        (Some(120), format!("still here\n{LOST_AT_EXIT}"))
    );
    // A lot: a print raises, the handler runs, and exit fails again.
    let exe = translate(
        "lots",
        "import sys\n\ndef entry_point(argv):\n    try:\n        for i in range(20000):\n            print('line number', i)\n    except OSError as e:\n        sys.stderr.write('caught %d %s\\n' % (e.errno, e.strerror))\n        print('after')\n    return 0\n",
    );
    assert_eq!(
        run_to_dev_full(&exe),
        (
            Some(120),
            format!("caught 28 No space left on device\n{LOST_AT_EXIT}")
        )
    );
    // An explicit flush raises; what it could not write is written again
    // at exit (and fails again).
    let exe = translate(
        "flush",
        "import sys\n\ndef entry_point(argv):\n    sys.stdout.write('abc\\n')\n    try:\n        sys.stdout.flush()\n    except OSError as e:\n        sys.stderr.write('flush: %s\\n' % str(e))\n        return 5\n    return 0\n",
    );
    assert_eq!(
        run_to_dev_full(&exe),
        (
            Some(120),
            format!("flush: [Errno 28] No space left on device\n{LOST_AT_EXIT}")
        )
    );
    let _ = std::fs::remove_dir_all(exe.parent().unwrap());
}

#[test]
fn a_closed_pipe_raises_broken_pipe_error() {
    if !have_cc() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let exe = translate(
        "pipe",
        "def entry_point(argv):\n    for i in range(1000000):\n        print('line', i)\n    return 0\n",
    );
    let mut child = Command::new(&exe)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 5];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first, b"line ");
    assert_eq!(out.status.code(), Some(1), "not killed by SIGPIPE");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "BrokenPipeError: [Errno 32] Broken pipe\n"
    );
    let _ = std::fs::remove_dir_all(exe.parent().unwrap());
}

/// A program dying of a fatal error (here `fatalerror`, as the collector
/// does when it runs out of memory) first writes out what it printed.
#[test]
fn a_fatal_error_loses_no_output() {
    if !have_cc() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let exe = translate(
        "fatal",
        "from rpython.rlib.debug import fatalerror\n\ndef entry_point(argv):\n    for i in range(3000):\n        print('line', i)\n    fatalerror('out of luck')\n    return 0\n",
    );
    let out = Command::new(&exe).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 3000);
    assert!(stdout.ends_with("line 2999\n"));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fatal error: out of luck\n"
    );
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(exe.parent().unwrap());
}
