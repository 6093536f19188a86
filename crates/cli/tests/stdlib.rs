//! Robustness: `rpy flowgraph --all` over every `.py` file of the CPython
//! standard library found on the machine. Each must end within 10 s with
//! graphs (exit 0) or a diagnostic (exit 1) — never a panic, a crash or a
//! hang. Skipped when no standard library is found.

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
    Graphs,
    Diagnostic,
    Bad(String),
}

fn run_one(rpy: &Path, file: &Path, scratch: &Path) -> Outcome {
    let child = Command::new(rpy)
        .args(["flowgraph", "--all"])
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
        Some(0) => Outcome::Graphs,
        Some(1) if err.contains("error") && !err.contains("panicked") => Outcome::Diagnostic,
        code => Outcome::Bad(format!(
            "exit {code:?}: {}",
            err.chars().take(600).collect::<String>()
        )),
    }
}

use std::io::Read as _;

#[test]
fn flowgraph_all_over_the_standard_library() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("no CPython standard library found: skipped");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let rpy = PathBuf::from(env!("CARGO_BIN_EXE_rpy"));
    let scratch = std::env::temp_dir().join(format!("rpy-stdlib-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let results: Vec<(PathBuf, Outcome)> = std::thread::scope(|s| {
        let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (rpy, scratch) = (&rpy, &scratch);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| (f.clone(), run_one(rpy, f, scratch)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let graphs = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Graphs))
        .count();
    let diagnostics = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Diagnostic))
        .count();
    let bad: Vec<String> = results
        .iter()
        .filter_map(|(f, o)| match o {
            Outcome::Bad(why) => Some(format!("{}: {why}", f.display())),
            _ => None,
        })
        .collect();
    eprintln!(
        "standard library: {} files, {graphs} with graphs for all functions, {diagnostics} with a diagnostic, {} bad",
        results.len(),
        bad.len()
    );
    assert!(
        bad.is_empty(),
        "{} files did not end cleanly:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
