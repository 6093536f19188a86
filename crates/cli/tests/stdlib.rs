//! Robustness: over every `.py` file of the CPython standard library found
//! on the machine, `rpy flowgraph --all` (the graph of every function) and
//! `rpy annotate --library` (annotation from `main`/`entry_point`, or from
//! every module-level function taking no arguments). Each run must end
//! within 10 s with results (exit 0) or a diagnostic (exit 1) — never a
//! panic, a crash or a hang. Skipped when no standard library is found.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);

fn stdlib_dir() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    dir.is_dir().then_some(dir)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "site-packages") {
                collect(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

enum Outcome {
    Results,
    Diagnostic,
    Bad(String),
}

/// The two commands run on each file.
const COMMANDS: [&[&str]; 2] = [&["flowgraph", "--all"], &["annotate", "--library"]];

struct FileResult {
    file: PathBuf,
    /// One outcome per command of [`COMMANDS`], with its wall time.
    outcomes: Vec<(Outcome, Duration)>,
}

fn run_one(rpy: &Path, command: &[&str], file: &Path, scratch: &Path) -> Outcome {
    let child = Command::new(rpy)
        .args(command)
        .arg(file)
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Outcome::Bad(format!("cannot start rpy: {e}")),
    };
    let stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(
            &mut std::io::BufReader::new(stderr).take(1 << 20),
            &mut s,
        );
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Bad("no answer within 10 s".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Outcome::Bad(e.to_string()),
        }
    };
    let err = reader.join().unwrap_or_default();
    match status.code() {
        Some(0) => Outcome::Results,
        Some(1) if err.contains("error") && !err.contains("panicked") => Outcome::Diagnostic,
        code => Outcome::Bad(format!(
            "exit {code:?}: {}",
            err.chars().take(600).collect::<String>()
        )),
    }
}

use std::io::Read as _;

#[test]
fn flowgraph_and_annotation_over_the_standard_library() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("no CPython standard library found: skipped");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let scratch = std::env::temp_dir().join(format!("rpy-stdlib-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let start = Instant::now();
    let results: Vec<FileResult> = std::thread::scope(|s| {
        let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (rpy, scratch) = (&rpy, &scratch);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| FileResult {
                            file: f.clone(),
                            outcomes: COMMANDS
                                .iter()
                                .map(|c| {
                                    let t = Instant::now();
                                    (run_one(rpy, c, f, scratch), t.elapsed())
                                })
                                .collect(),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let wall = start.elapsed();
    let _ = std::fs::remove_dir_all(&scratch);
    let mut bad = Vec::new();
    for (i, command) in COMMANDS.iter().enumerate() {
        let count =
            |want: fn(&Outcome) -> bool| results.iter().filter(|r| want(&r.outcomes[i].0)).count();
        let ok = count(|o| matches!(o, Outcome::Results));
        let diagnostics = count(|o| matches!(o, Outcome::Diagnostic));
        let slowest = results
            .iter()
            .max_by_key(|r| r.outcomes[i].1)
            .map(|r| {
                format!(
                    "{} ({:.2} s)",
                    r.file.display(),
                    r.outcomes[i].1.as_secs_f64()
                )
            })
            .unwrap_or_default();
        eprintln!(
            "rpy {}: {} files, {ok} with results, {diagnostics} with a diagnostic; slowest {slowest}",
            command.join(" "),
            results.len(),
        );
        for r in &results {
            if let Outcome::Bad(why) = &r.outcomes[i].0 {
                bad.push(format!(
                    "rpy {} {}: {why}",
                    command.join(" "),
                    r.file.display()
                ));
            }
        }
    }
    eprintln!("wall time {:.1} s", wall.as_secs_f64());
    assert!(
        bad.is_empty(),
        "{} runs did not end cleanly:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
