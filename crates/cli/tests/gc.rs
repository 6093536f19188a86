//! The collector at work in translated programs: a program allocating
//! over 2 GiB of short-lived objects runs in an address space of 100 MiB
//! (so its peak memory is below that), and the choice of collector is
//! checked like any other user input.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The address-space limit of the churn test, in KiB (`ulimit -v`).
const LIMIT_KIB: u32 = 100 * 1024;

fn programs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc_programs")
}

fn have_cc() -> bool {
    Command::new("cc").arg("--version").output().is_ok()
}

/// Translates `name.py` of `gc_programs` with these extra arguments;
/// returns the executable, or rpy's stderr.
fn translate(name: &str, extra: &[&str], out: &Path) -> Result<PathBuf, String> {
    let exe = out.join(format!("{name}-{}", extra.join("-").replace(' ', "_")));
    let output = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .arg("translate")
        .arg(format!("{name}.py"))
        .args(extra)
        .arg("-o")
        .arg(&exe)
        .current_dir(programs())
        .stdin(Stdio::null())
        .output()
        .expect("rpy runs");
    if output.status.success() {
        Ok(exe)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// Runs an executable with its address space limited to `LIMIT_KIB`.
fn run_limited(exe: &Path) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\""))
        .arg(exe)
        .stdin(Stdio::null())
        .output()
        .expect("sh runs")
}

#[test]
fn two_gib_of_short_lived_objects_fit_in_100_mib() {
    if !have_cc() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let out = std::env::temp_dir().join(format!("rpy-gc-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let expected = std::fs::read_to_string(programs().join("churn.out")).unwrap();
    assert!(
        expected.contains("allocated at least 2096 MiB"),
        "the program allocates over 2 GiB"
    );

    for gc in ["semispace", "generation"] {
        let exe = translate("churn", &["--gc", gc], &out).unwrap_or_else(|e| panic!("{e}"));
        let run = run_limited(&exe);
        assert!(
            run.status.success(),
            "with --gc {gc}, the program failed under ulimit -v {LIMIT_KIB}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&run.stdout), expected, "--gc {gc}");
    }

    // Without a collector the same program cannot run within the limit:
    // the limit is what the first run proved something about.
    let exe = translate("churn", &["--gc", "none"], &out).unwrap_or_else(|e| panic!("{e}"));
    let run = run_limited(&exe);
    assert!(
        !run.status.success(),
        "without a collector the program should exhaust {LIMIT_KIB} KiB"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_unknown_collector_is_a_diagnostic() {
    let out = std::env::temp_dir().join(format!("rpy-gc-bad-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let err = translate("churn", &["--gc", "refcount"], &out).expect_err("refused");
    assert!(
        err.contains("unknown garbage collector `refcount`")
            && err.contains("generation, semispace, none"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let _ = std::fs::remove_dir_all(&out);
}

/// Text decoded and encoded while the collector moves objects: a file of
/// over 512 KiB of UTF-8 read whole, by lines and with `os.read`, bytes
/// decoded, the same text on stdin; with both collectors, with spaces
/// that start tiny, and (on a smaller text) collecting at every
/// allocation. Decoding once read the bytes through an address kept
/// across the allocation of the result, and read freed memory.
#[test]
fn text_decoding_survives_a_moving_collector() {
    if !have_cc() {
        eprintln!("no C compiler: skipped");
        return;
    }
    let out = std::env::temp_dir().join(format!("rpy-gc-text-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let runs: [(&str, &str, &[(&str, &str)]); 6] = [
        ("semispace", "600000", &[]),
        ("semispace", "600000", &[("RPY_GC_SPACE", "64K")]),
        ("generation", "600000", &[("RPY_GC_NURSERY", "64K")]),
        ("semispace", "3000", &[("RPY_GC_STRESS", "1")]),
        ("generation", "3000", &[("RPY_GC_STRESS", "1")]),
        ("generation", "600000", &[]),
    ];
    for (gc, size, env) in runs {
        let exe = translate("large_text", &["--gc", gc], &out).unwrap_or_else(|e| panic!("{e}"));
        let file = out.join(format!("text-{gc}-{size}.txt"));
        let expected =
            std::fs::read_to_string(programs().join(format!("large_text_{size}.out"))).unwrap();
        // The first run writes the file the second one reads on stdin.
        let run = |stdin: Stdio| {
            let run = Command::new(&exe)
                .args([size, file.to_str().unwrap()])
                .envs(env.iter().copied())
                .stdin(stdin)
                .output()
                .expect("the program runs");
            assert!(
                run.status.success(),
                "--gc {gc} {size} {env:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            String::from_utf8_lossy(&run.stdout).into_owned()
        };
        run(Stdio::null());
        let stdout = run(Stdio::from(std::fs::File::open(&file).unwrap()));
        assert_eq!(stdout, expected, "--gc {gc} {size} {env:?}");
    }
    let _ = std::fs::remove_dir_all(&out);
}
