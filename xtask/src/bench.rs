//! `cargo xtask bench`: the translated benchmark programs beside CPython,
//! PyPy and hand-written C, measured in one run.
//!
//! Each program is translated with the C backend, the C reference is
//! compiled with `gcc -O2`, and every available executor runs the program
//! with the same argument three times; the outputs must agree, and the
//! table shows median wall times and ratios to the C reference (to CPython
//! for bf, which has no C reference). The default arguments keep a run
//! short; `--full` uses those of `bench/README.md`.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// A benchmark: its program, the argument of a quick run and of a full
/// run (bench/README.md), and its C reference.
struct Bench {
    name: &'static str,
    quick: &'static str,
    full: &'static str,
    c_reference: bool,
}

const BENCHES: &[Bench] = &[
    Bench {
        name: "richards",
        quick: "100",
        full: "1500",
        c_reference: true,
    },
    Bench {
        name: "nbody",
        quick: "200000",
        full: "10000000",
        c_reference: true,
    },
    Bench {
        name: "fannkuch",
        quick: "8",
        full: "10",
        c_reference: true,
    },
    Bench {
        name: "spectralnorm",
        quick: "200",
        full: "2500",
        c_reference: true,
    },
    Bench {
        name: "binarytrees",
        quick: "12",
        full: "18",
        c_reference: true,
    },
    Bench {
        name: "wordfreq",
        quick: "200000",
        full: "4000000",
        c_reference: true,
    },
    Bench {
        name: "bf",
        quick: "mandel.b",
        full: "mandel.b",
        c_reference: false,
    },
];

const RUNS: usize = 3;

/// One way of running a program.
struct Executor {
    label: &'static str,
    command: Vec<String>,
}

fn median_run(exec: &Executor, arg: &str, dir: &Path) -> Result<(Duration, Vec<u8>), String> {
    let mut times = Vec::new();
    let mut output = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = Command::new(&exec.command[0])
            .args(&exec.command[1..])
            .arg(arg)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{}: {e}", exec.label))?;
        times.push(start.elapsed());
        if !out.status.success() {
            return Err(format!(
                "{} exited with {:?}: {}",
                exec.label,
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or_default()
            ));
        }
        output = out.stdout;
    }
    times.sort();
    Ok((times[RUNS / 2], output))
}

fn which(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub fn run(root: &Path, full: bool) -> ExitCode {
    let dir = root.join("bench");
    let work = std::env::temp_dir().join(format!("rpy-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a scratch directory");
    let pypy = which("pypy3");
    println!(
        "{:<13} {:>10} {:>10} {:>10} {:>10}   {:>9} {:>9} {:>9}",
        "program", "rpy-c", "C -O2", "CPython", "PyPy", "rpy/C", "CPy/C", "PyPy/C"
    );
    let mut failed = false;
    for b in BENCHES {
        let arg = if full { b.full } else { b.quick };
        let source = dir.join(format!("{}.py", b.name));
        let exe = work.join(format!("{}-c", b.name));
        let options = driver::TranslateOptions {
            output: Some(exe.clone()),
            ..driver::TranslateOptions::default()
        };
        let mut executors = Vec::new();
        let mut note = String::new();
        match driver::translate(&source, &options) {
            Ok(report) if report.executable.is_some() && report.errors.is_empty() => {
                executors.push(Executor {
                    label: "rpy-c",
                    command: vec![exe.display().to_string()],
                });
            }
            Ok(report) => {
                let first = report
                    .errors
                    .first()
                    .and_then(|e| e.lines().next().map(str::to_string))
                    .unwrap_or_default();
                note = format!("not translated: {}", first.trim_start_matches("error: "));
            }
            Err(failure) => {
                note = format!(
                    "not translated: {}",
                    failure.rendered.lines().next().unwrap_or_default()
                );
            }
        }
        if b.c_reference {
            let c_exe = work.join(format!("{}-ref", b.name));
            let status = Command::new("gcc")
                .args(["-O2", "-o"])
                .arg(&c_exe)
                .arg(dir.join("c").join(format!("{}.c", b.name)))
                .arg("-lm")
                .status();
            if status.is_ok_and(|s| s.success()) {
                executors.push(Executor {
                    label: "C -O2",
                    command: vec![c_exe.display().to_string()],
                });
            }
        }
        executors.push(Executor {
            label: "CPython",
            command: vec!["python3".into(), source.display().to_string()],
        });
        if pypy {
            executors.push(Executor {
                label: "PyPy",
                command: vec!["pypy3".into(), source.display().to_string()],
            });
        }
        let mut times: Vec<(&str, Duration)> = Vec::new();
        let mut reference: Option<Vec<u8>> = None;
        for e in &executors {
            match median_run(e, arg, &dir) {
                Ok((t, out)) => {
                    match &reference {
                        None => reference = Some(out),
                        Some(r) if *r != out => {
                            note.push_str(&format!(" {} output differs!", e.label));
                            failed = true;
                        }
                        _ => {}
                    }
                    times.push((e.label, t));
                }
                Err(why) => {
                    note.push_str(&format!(" {why}"));
                    failed = true;
                }
            }
        }
        let get = |label: &str| times.iter().find(|(l, _)| *l == label).map(|(_, t)| *t);
        let secs = |t: Option<Duration>| match t {
            Some(t) => format!("{:.3}s", t.as_secs_f64()),
            None => "-".into(),
        };
        let base = get("C -O2").or(get("CPython"));
        let ratio = |t: Option<Duration>| match (t, base) {
            (Some(t), Some(b)) => format!("{:.2}", t.as_secs_f64() / b.as_secs_f64()),
            _ => "-".into(),
        };
        println!(
            "{:<13} {:>10} {:>10} {:>10} {:>10}   {:>9} {:>9} {:>9}  {}",
            format!("{} {}", b.name, if arg.len() > 8 { "" } else { arg }),
            secs(get("rpy-c")),
            secs(get("C -O2")),
            secs(get("CPython")),
            secs(get("PyPy")),
            ratio(get("rpy-c")),
            ratio(get("CPython")),
            ratio(get("PyPy")),
            note.trim()
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    println!("(median of {RUNS} wall-clock runs; ratios to the C reference, to CPython for bf)");
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
