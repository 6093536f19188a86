//! `cargo xtask fuzz`: the differential fuzzer.
//!
//! For each seed, `xtask/fuzz/progen.py SEED` writes a random, well-typed
//! RPython program; CPython runs it for the expected stdout and exit
//! status; `rpy translate` translates it with every backend and the
//! executable runs twice (plainly, and with a tiny collector space so that
//! it collects often). Every outcome gets a class:
//!
//! - `PASS`: same stdout bytes and exit status as CPython;
//! - `MISMATCH`: stdout or exit status differ (severe);
//! - `CRASH`: the translated program died by a signal, or the translator
//!   panicked, reported an internal error or produced C that does not
//!   compile (severe);
//! - `REFUSED`: the translator gave a diagnostic (the category, its first
//!   line with names and numbers blanked, is counted);
//! - `TIMEOUT`: the translated program ran for too long;
//! - `GENBUG`: the program is not a valid test (CPython failed, timed out
//!   or computed an int beyond 64 bits outside `intmask`, see pyrun.py):
//!   a generator bug.
//!
//! A MISMATCH or CRASH is reduced automatically (`xtask/fuzz/reduce.py`,
//! with `cargo xtask fuzz-check` as the predicate) and saved under
//! `tests/fuzz/found/` with CPython's output (`.out`, `.exit`) and the
//! translated program's (`.actual`, `.actual-exit`).
//!
//! `--avoid` passes features to the generator that it should leave out
//! (known translator bugs and unsupported constructs, see progen.py's
//! FEATURES), so that a long campaign looks for new problems.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The backends every program is translated with.
pub const BACKENDS: &[&str] = &["c"];

/// The collectors cycled through, one per seed, when `--gc` is not given.
const GCS: &[&str] = &["semispace", "generation", "none"];

/// The collector space of the run that collects often.
const SMALL_GC_SPACE: &str = "4K";

const PY_TIMEOUT: Duration = Duration::from_secs(20);
const TRANSLATE_TIMEOUT: Duration = Duration::from_secs(300);
const RUN_TIMEOUT: Duration = Duration::from_secs(20);

/// How one program fared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Pass,
    Mismatch(String),
    Crash(String),
    Refused(String),
    Timeout(String),
    GenBug(String),
}

impl Class {
    pub fn name(&self) -> &'static str {
        match self {
            Class::Pass => "PASS",
            Class::Mismatch(_) => "MISMATCH",
            Class::Crash(_) => "CRASH",
            Class::Refused(_) => "REFUSED",
            Class::Timeout(_) => "TIMEOUT",
            Class::GenBug(_) => "GENBUG",
        }
    }

    /// What distinguishes two problems of one class (for the reducer's
    /// predicate and the summary).
    pub fn signature(&self) -> &str {
        match self {
            Class::Pass => "",
            Class::Mismatch(s)
            | Class::Crash(s)
            | Class::Refused(s)
            | Class::Timeout(s)
            | Class::GenBug(s) => s,
        }
    }

    pub fn severe(&self) -> bool {
        matches!(self, Class::Mismatch(_) | Class::Crash(_))
    }

    /// `KIND:SIGNATURE`, as `fuzz-check --expect` takes it.
    pub fn key(&self) -> String {
        format!("{}:{}", self.name(), self.signature())
    }
}

/// How to translate and run one program.
#[derive(Clone, Debug)]
pub struct Setup {
    pub rpy: PathBuf,
    pub lib: PathBuf,
    pub backend: String,
    pub gc: String,
    pub opt: String,
    /// The C backend's object cache (`RPY_CACHE_DIR`), when not the
    /// default.
    pub cache: Option<PathBuf>,
    /// `xtask/fuzz/pyrun.py`: CPython runs the program through it, with
    /// its integer arithmetic checked against the 64-bit range.
    pub pyrun: PathBuf,
}

/// The full result of one program, for reports.
#[derive(Debug)]
pub struct Outcome {
    pub class: Class,
    pub py_out: Vec<u8>,
    pub py_status: i32,
    pub exe_out: Vec<u8>,
    pub exe_status: Option<i32>,
    /// Which run of the executable differed (`plain`, `collecting often`).
    pub run: &'static str,
    /// The translator's diagnostics (REFUSED, CRASH).
    pub translator_stderr: String,
}

/// A finished process.
pub struct Finished {
    pub status: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub timed_out: bool,
}

/// Runs `command` with stdin empty and a time limit, collecting its
/// output.
pub fn run_limited(command: &mut Command, limit: Duration) -> std::io::Result<Finished> {
    use std::os::unix::process::ExitStatusExt;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + limit;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            timed_out = true;
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(Finished {
        status: status.code(),
        signal: status.signal(),
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        timed_out,
    })
}

/// The first line of `stderr` that says what went wrong, with names,
/// numbers and positions blanked so that one cause gives one category.
pub fn category(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("error") || l.contains("panicked at") || l.contains("error:"))
        .or_else(|| lines.iter().position(|l| !l.trim().is_empty()));
    let Some(at) = at else {
        return "(no message)".into();
    };
    // A message ending in a colon continues on the next line (internal
    // errors, panics): both make the category.
    let mut line = lines[at].trim_start_matches("error: ").to_string();
    if line.ends_with(':') {
        if let Some(next) = lines.get(at + 1) {
            line.push(' ');
            line.push_str(next.trim());
        }
    }
    let line = line.as_str();
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                out.push_str("`_`");
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
            }
            '0'..='9' => {
                out.push('N');
                while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out.chars().take(200).collect()
}

/// Runs `prog` (a file in `dir`) under CPython, translates it and runs the
/// executable; the class of the result.
pub fn check_program(setup: &Setup, dir: &Path, prog: &Path) -> Outcome {
    let name = prog.file_name().unwrap().to_string_lossy().into_owned();
    let mut outcome = Outcome {
        class: Class::Pass,
        py_out: Vec::new(),
        py_status: 0,
        exe_out: Vec::new(),
        exe_status: None,
        run: "",
        translator_stderr: String::new(),
    };
    // The reference.
    let py = run_limited(
        Command::new("python3")
            .arg(&setup.pyrun)
            .arg(&name)
            .current_dir(dir)
            .env("PYTHONPATH", &setup.lib)
            .env("PYTHONIOENCODING", "utf-8")
            .env("PYTHONHASHSEED", "0"),
        PY_TIMEOUT,
    );
    let py = match py {
        Ok(p) => p,
        Err(e) => {
            outcome.class = Class::GenBug(format!("cannot run python3: {e}"));
            return outcome;
        }
    };
    if py.timed_out {
        outcome.class = Class::GenBug("CPython timed out".into());
        return outcome;
    }
    let py_err = String::from_utf8_lossy(&py.stderr);
    let last = py_err.lines().last().unwrap_or("").to_string();
    let status = py.status.unwrap_or(-1);
    if status == 99 && py_err.contains("FUZZ-INT-OVERFLOW") {
        outcome.class = Class::GenBug("an int beyond 64 bits under CPython".into());
        return outcome;
    }
    let clean_exit = (0..=5).contains(&status) && py_err.is_empty();
    let uncaught_fuzz_error = status == 1 && last.starts_with("FuzzError");
    if !(clean_exit || uncaught_fuzz_error) {
        outcome.class = Class::GenBug(format!("CPython: status {status}: {}", category(&last)));
        return outcome;
    }
    translate_and_run(setup, dir, prog, py.stdout, status)
}

/// Translates `prog` (a file in `dir`) and runs the executable; compares
/// its output with the expected one.
pub fn translate_and_run(
    setup: &Setup,
    dir: &Path,
    prog: &Path,
    expected_out: Vec<u8>,
    expected_status: i32,
) -> Outcome {
    let name = prog.file_name().unwrap().to_string_lossy().into_owned();
    let mut outcome = Outcome {
        class: Class::Pass,
        py_out: expected_out,
        py_status: expected_status,
        exe_out: Vec::new(),
        exe_status: None,
        run: "",
        translator_stderr: String::new(),
    };
    // The translation.
    let exe = dir.join(format!(
        "{}-{}",
        prog.file_stem().unwrap().to_string_lossy(),
        setup.backend
    ));
    let _ = std::fs::remove_file(&exe);
    let tr = run_limited(
        Command::new(&setup.rpy)
            .arg("translate")
            .arg(&name)
            .args([
                "--backend",
                &setup.backend,
                "--gc",
                &setup.gc,
                "--opt",
                &setup.opt,
            ])
            .arg("-o")
            .arg(&exe)
            .current_dir(dir)
            .envs(setup.cache.iter().map(|c| ("RPY_CACHE_DIR", c))),
        TRANSLATE_TIMEOUT,
    );
    let tr = match tr {
        Ok(t) => t,
        Err(e) => {
            outcome.class = Class::Crash(format!("cannot run the translator: {e}"));
            return outcome;
        }
    };
    let stderr = String::from_utf8_lossy(&tr.stderr).into_owned();
    outcome.translator_stderr = stderr.clone();
    if tr.timed_out {
        outcome.class = Class::Timeout("translator timed out".into());
        return outcome;
    }
    if let Some(sig) = tr.signal {
        outcome.class = Class::Crash(format!("translator killed by signal {sig}"));
        return outcome;
    }
    if tr.status != Some(0) || !exe.is_file() {
        let internal = stderr.contains("panicked at")
            || stderr.contains("internal error")
            || stderr.contains("the C backend cannot write")
            || stderr.contains("the C compiler failed")
            || stderr.contains("the link failed")
            || tr.status == Some(101);
        outcome.class = if internal {
            Class::Crash(format!("translator: {}", category(&stderr)))
        } else {
            Class::Refused(category(&stderr))
        };
        return outcome;
    }

    // The executable: plainly, then collecting often.
    for (run, small_gc) in [("plain", false), ("collecting often", true)] {
        use std::os::unix::process::CommandExt;
        let mut command = Command::new(&exe);
        command.arg0(&name).current_dir(dir);
        if small_gc {
            command
                .env("RPY_GC_SPACE", SMALL_GC_SPACE)
                .env("RPY_GC_NURSERY", SMALL_GC_SPACE);
        }
        let ran = match run_limited(&mut command, RUN_TIMEOUT) {
            Ok(r) => r,
            Err(e) => {
                outcome.class = Class::Crash(format!("cannot run the executable: {e}"));
                return outcome;
            }
        };
        outcome.run = run;
        outcome.exe_out = ran.stdout;
        outcome.exe_status = ran.status;
        if ran.timed_out {
            outcome.class = Class::Timeout(format!("executable timed out ({run})"));
            return outcome;
        }
        if let Some(sig) = ran.signal {
            outcome.class = Class::Crash(format!("executable killed by signal {sig}"));
            return outcome;
        }
        let status = ran.status.unwrap_or(-1);
        if status != outcome.py_status {
            outcome.class = Class::Mismatch("exit status".into());
            return outcome;
        }
        if outcome.exe_out != outcome.py_out {
            outcome.class = Class::Mismatch("stdout".into());
            return outcome;
        }
        // Without a collector there is nothing to collect often.
        if setup.gc == "none" {
            break;
        }
    }
    let _ = std::fs::remove_file(&exe);
    outcome
}

/// Options of `cargo xtask fuzz`.
struct Options {
    count: Option<u64>,
    minutes: Option<f64>,
    seed: u64,
    gc: Option<String>,
    opt: Option<String>,
    jobs: usize,
    rpy: Option<PathBuf>,
    avoid: String,
    reduce: bool,
    max_reductions: usize,
    found_dir: PathBuf,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask fuzz [--count N | --minutes M] [--seed S] [--gc NAME] [--opt LEVEL]\n\
         \x20                       [--jobs J] [--rpy PATH] [--avoid F,...] [--no-reduce]\n\
         \x20                       [--max-reductions N] [--found DIR]\n\
         \x20      cargo xtask fuzz-check --expect KIND:SIGNATURE --py-status N [--gc NAME] [--opt LEVEL] [--rpy PATH] PROGRAM.py"
    );
    ExitCode::from(2)
}

/// The translator to run: `--rpy`, else `$RPY_BIN`, else the workspace's
/// release build (built here when missing).
fn find_rpy(root: &Path, given: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(p) = given.or_else(|| std::env::var_os("RPY_BIN").map(PathBuf::from)) {
        return std::fs::canonicalize(&p).map_err(|e| format!("{}: {e}", p.display()));
    }
    let built = root.join("target/release/rpy");
    if !built.is_file() {
        eprintln!("building rpy (cargo build --release -p cli)...");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--release", "-p", "cli", "--bin", "rpy"])
            .current_dir(root)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("building rpy failed".into());
        }
    }
    Ok(built)
}

fn parse_options(root: &Path, args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        count: None,
        minutes: None,
        seed: 1,
        gc: None,
        opt: None,
        jobs: 2,
        rpy: None,
        avoid: String::new(),
        reduce: true,
        max_reductions: 8,
        found_dir: root.join("tests/fuzz/found"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--count" => o.count = Some(value()?.parse().map_err(|e| format!("--count: {e}"))?),
            "--minutes" => {
                o.minutes = Some(value()?.parse().map_err(|e| format!("--minutes: {e}"))?)
            }
            "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--gc" => o.gc = Some(value()?),
            "--opt" => o.opt = Some(value()?),
            "--jobs" => o.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "--rpy" => o.rpy = Some(PathBuf::from(value()?)),
            "--avoid" => o.avoid = value()?,
            "--no-reduce" => o.reduce = false,
            "--max-reductions" => {
                o.max_reductions = value()?
                    .parse()
                    .map_err(|e| format!("--max-reductions: {e}"))?
            }
            "--found" => o.found_dir = PathBuf::from(value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if o.count.is_none() && o.minutes.is_none() {
        o.count = Some(100);
    }
    o.jobs = o.jobs.clamp(1, 2);
    Ok(o)
}

/// The setup of one seed: collectors and optimisation levels rotate with
/// the seed unless fixed by the options (every fifth program is compiled
/// with -O2, the rest with -O0 to keep the C compiler's time down).
fn setup_for(
    seed: u64,
    rpy: &Path,
    lib: &Path,
    gc: &Option<String>,
    opt: &Option<String>,
) -> Setup {
    Setup {
        rpy: rpy.to_path_buf(),
        lib: lib.to_path_buf(),
        backend: BACKENDS[0].into(),
        gc: gc
            .clone()
            .unwrap_or_else(|| GCS[(seed % GCS.len() as u64) as usize].into()),
        opt: opt.clone().unwrap_or_else(|| {
            if seed % 5 == 0 {
                "2".into()
            } else {
                "0".into()
            }
        }),
        cache: None,
        pyrun: lib.join("../xtask/fuzz/pyrun.py"),
    }
}

/// Writes the program of `seed` to `path`.
pub fn generate(root: &Path, seed: u64, avoid: &str, path: &Path) -> Result<(), String> {
    let mut command = Command::new("python3");
    command
        .arg(root.join("xtask/fuzz/progen.py"))
        .arg(seed.to_string());
    if !avoid.is_empty() {
        command.args(["--avoid", avoid]);
    }
    let out = command
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "progen.py failed: {}",
            stderr.lines().last().unwrap_or("")
        ));
    }
    std::fs::write(path, out.stdout).map_err(|e| e.to_string())
}

#[derive(Default)]
struct Tally {
    programs: u64,
    classes: BTreeMap<&'static str, u64>,
    /// class and signature -> (count, first seeds)
    signatures: BTreeMap<(String, String), (u64, Vec<u64>)>,
    saved: Vec<String>,
}

/// `cargo xtask fuzz`.
pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let options = match parse_options(root, args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return usage();
        }
    };
    let rpy = match find_rpy(root, options.rpy.clone()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("error: python3 is needed (the generator and the reference)");
        return ExitCode::from(2);
    }
    let lib = root.join("lib");
    let work = root.join("target/fuzz");
    let _ = std::fs::create_dir_all(&work);
    let log_path = work.join("log.txt");
    let log = Mutex::new(
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .expect("target/fuzz/log.txt"),
    );
    let deadline = options
        .minutes
        .map(|m| Instant::now() + Duration::from_secs_f64(m * 60.0));
    let next = AtomicU64::new(options.seed);
    let end = options.count.map(|c| options.seed + c);
    let reductions = AtomicUsize::new(0);
    let known_crashes = Mutex::new(known_classes(&options.found_dir));
    let tally = Mutex::new(Tally::default());
    let started = Instant::now();
    eprintln!(
        "fuzzing with {} ({} job(s)), seeds from {}{}{}; log in {}",
        rpy.display(),
        options.jobs,
        options.seed,
        match options.count {
            Some(c) => format!(", {c} programs"),
            None => String::new(),
        },
        match options.minutes {
            Some(m) => format!(", for {m} minutes"),
            None => String::new(),
        },
        log_path.display()
    );
    std::thread::scope(|s| {
        for job in 0..options.jobs {
            let (next, tally, log, reductions, options, rpy, lib, work, known_crashes) = (
                &next,
                &tally,
                &log,
                &reductions,
                &options,
                &rpy,
                &lib,
                &work,
                &known_crashes,
            );
            s.spawn(move || {
                let dir = work.join(format!("job{job}"));
                let cache = work.join(format!("cache{job}"));
                let mut since_cache_reset = 0;
                loop {
                    if deadline.is_some_and(|d| Instant::now() > d) {
                        break;
                    }
                    let seed = next.fetch_add(1, Ordering::SeqCst);
                    if end.is_some_and(|e| seed >= e) {
                        break;
                    }
                    // The object cache of the C backend grows with every
                    // program: start it afresh now and then.
                    since_cache_reset += 1;
                    if since_cache_reset > 300 {
                        let _ = std::fs::remove_dir_all(&cache);
                        since_cache_reset = 0;
                    }
                    let _ = std::fs::remove_dir_all(&dir);
                    std::fs::create_dir_all(&dir).expect("work directory");
                    let prog = dir.join(format!("fuzz_{seed}.py"));
                    let mut setup = setup_for(seed, rpy, lib, &options.gc, &options.opt);
                    setup.cache = Some(cache.clone());
                    let outcome = match generate(root, seed, &options.avoid, &prog) {
                        Ok(()) => check_program(&setup, &dir, &prog),
                        Err(e) => Outcome {
                            class: Class::GenBug(e),
                            py_out: Vec::new(),
                            py_status: 0,
                            exe_out: Vec::new(),
                            exe_status: None,
                            run: "",
                            translator_stderr: String::new(),
                        },
                    };
                    let class = outcome.class.clone();
                    {
                        use std::io::Write;
                        let mut log = log.lock().unwrap();
                        let _ = writeln!(
                            log,
                            "seed {seed} gc={} opt={}: {}",
                            setup.gc,
                            setup.opt,
                            class.key()
                        );
                    }
                    let mut saved = None;
                    if class.severe() || matches!(class, Class::Timeout(_)) {
                        // Keep the original; reduce a few.
                        let keep = work.join("failures");
                        let _ = std::fs::create_dir_all(&keep);
                        let _ = std::fs::copy(&prog, keep.join(format!("fuzz_{seed}.py")));
                        // A crash of a known kind is not saved again
                        // (mismatches cannot be told apart this way).
                        let known = matches!(class, Class::Crash(_))
                            && !known_crashes.lock().unwrap().insert(class.key());
                        let reduce = options.reduce
                            && class.severe()
                            && !known
                            && reductions.fetch_add(1, Ordering::SeqCst) < options.max_reductions;
                        saved = (!known).then(|| {
                            save_found(
                                root,
                                &options.found_dir,
                                seed,
                                &setup,
                                &prog,
                                &dir,
                                &outcome,
                                reduce,
                            )
                        });
                    }
                    let mut t = tally.lock().unwrap();
                    t.programs += 1;
                    *t.classes.entry(class.name()).or_default() += 1;
                    let entry = t
                        .signatures
                        .entry((class.name().to_string(), class.signature().to_string()))
                        .or_default();
                    entry.0 += 1;
                    if entry.1.len() < 5 {
                        entry.1.push(seed);
                    }
                    if let Some(Ok(path)) = &saved {
                        t.saved.push(path.clone());
                    }
                    if class.severe() {
                        eprintln!("seed {seed}: {}", class.key());
                    }
                    if t.programs % 50 == 0 {
                        eprintln!(
                            "{} programs in {:.0} s: {}",
                            t.programs,
                            started.elapsed().as_secs_f64(),
                            summary_line(&t)
                        );
                    }
                }
            });
        }
    });
    let t = tally.into_inner().unwrap();
    println!(
        "\n{} programs in {:.0} s: {}",
        t.programs,
        started.elapsed().as_secs_f64(),
        summary_line(&t)
    );
    for ((class, sig), (n, seeds)) in &t.signatures {
        if class == "PASS" {
            continue;
        }
        let seeds: Vec<String> = seeds.iter().map(|s| s.to_string()).collect();
        println!("  {class:<8} {n:>6}  {sig}  (seeds {})", seeds.join(" "));
    }
    for s in &t.saved {
        println!("saved {s}");
    }
    let severe = t.classes.get("MISMATCH").copied().unwrap_or(0)
        + t.classes.get("CRASH").copied().unwrap_or(0);
    if severe > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The classes of the programs saved in `found` (their `# class:` line).
fn known_classes(found: &Path) -> std::collections::HashSet<String> {
    let mut known = std::collections::HashSet::new();
    for entry in std::fs::read_dir(found).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "py") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in text.lines().take(3) {
                if let Some(key) = line.strip_prefix("# class: ") {
                    known.insert(key.to_string());
                }
            }
        }
    }
    known
}

fn summary_line(t: &Tally) -> String {
    ["PASS", "MISMATCH", "CRASH", "REFUSED", "TIMEOUT", "GENBUG"]
        .iter()
        .map(|c| format!("{c} {}", t.classes.get(c).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reduces (when `reduce`) and saves a failing program under `found`:
/// `fuzz_SEED.py` with CPython's `.out` (and `.exit`), the translated
/// program's `.actual` (and `.actual-exit`).
#[allow(clippy::too_many_arguments)]
fn save_found(
    root: &Path,
    found: &Path,
    seed: u64,
    setup: &Setup,
    prog: &Path,
    dir: &Path,
    outcome: &Outcome,
    reduce: bool,
) -> Result<String, String> {
    std::fs::create_dir_all(found).map_err(|e| e.to_string())?;
    let mut program = prog.to_path_buf();
    let mut final_outcome = None;
    if reduce {
        let reduced = dir.join(format!("fuzz_{seed}_reduced.py"));
        let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
        let status = Command::new("python3")
            .arg(root.join("xtask/fuzz/reduce.py"))
            .arg(prog)
            .arg("-o")
            .arg(&reduced)
            .arg("--")
            .arg(xtask)
            .arg("fuzz-check")
            .args(["--expect", &outcome.class.key()])
            .args(["--py-status", &outcome.py_status.to_string()])
            .args(["--gc", &setup.gc, "--opt", &setup.opt])
            .arg("--rpy")
            .arg(&setup.rpy)
            .stdout(Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) && reduced.is_file() {
            // The outputs of the reduced program, for the record.
            let check_dir = dir.join("final");
            let _ = std::fs::remove_dir_all(&check_dir);
            std::fs::create_dir_all(&check_dir).map_err(|e| e.to_string())?;
            let copy = check_dir.join(format!("fuzz_{seed}.py"));
            std::fs::copy(&reduced, &copy).map_err(|e| e.to_string())?;
            let o = check_program(setup, &check_dir, &copy);
            if o.class == outcome.class {
                program = copy;
                final_outcome = Some(o);
            }
        }
    }
    let o = final_outcome.as_ref().unwrap_or(outcome);
    let stem = format!("fuzz_{seed}");
    let text = std::fs::read_to_string(&program).map_err(|e| e.to_string())?;
    let header = format!(
        "# Found by `cargo xtask fuzz` (seed {seed}{}, --gc {} --opt {}{}).\n# class: {}\n",
        if final_outcome.is_some() {
            ", reduced"
        } else {
            ""
        },
        setup.gc,
        setup.opt,
        if o.run == "collecting often" {
            format!(", RPY_GC_SPACE={SMALL_GC_SPACE}")
        } else {
            String::new()
        },
        o.class.key(),
    );
    let write = |name: String, data: &[u8]| {
        std::fs::write(found.join(name), data).map_err(|e| e.to_string())
    };
    write(format!("{stem}.py"), format!("{header}{text}").as_bytes())?;
    write(format!("{stem}.out"), &o.py_out)?;
    let _ = std::fs::remove_file(found.join(format!("{stem}.exit")));
    if o.py_status != 0 {
        write(
            format!("{stem}.exit"),
            format!("{}\n", o.py_status).as_bytes(),
        )?;
    }
    let mut actual = o.exe_out.clone();
    if !o.translator_stderr.is_empty() && matches!(o.class, Class::Crash(_)) && o.exe_out.is_empty()
    {
        actual = o.translator_stderr.clone().into_bytes();
    }
    write(format!("{stem}.actual"), &actual)?;
    let _ = std::fs::remove_file(found.join(format!("{stem}.actual-exit")));
    if let Some(s) = o.exe_status.filter(|s| *s != 0) {
        write(format!("{stem}.actual-exit"), format!("{s}\n").as_bytes())?;
    }
    Ok(found.join(format!("{stem}.py")).display().to_string())
}

/// `cargo xtask fuzz-check`: the reducer's predicate. Exits 0 when the
/// program still shows the expected class and signature, and CPython
/// still exits with the expected status.
pub fn check(root: &Path, args: &[String]) -> ExitCode {
    let mut expect = None;
    let mut py_status = 0;
    let mut gc = "semispace".to_string();
    let mut opt = "0".to_string();
    let mut rpy = None;
    let mut program = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--expect" => expect = it.next().cloned(),
            "--py-status" => py_status = it.next().and_then(|s| s.parse().ok()).unwrap_or(0),
            "--gc" => gc = it.next().cloned().unwrap_or(gc),
            "--opt" => opt = it.next().cloned().unwrap_or(opt),
            "--rpy" => rpy = it.next().map(PathBuf::from),
            other => program = Some(PathBuf::from(other)),
        }
    }
    let (Some(expect), Some(program)) = (expect, program) else {
        return usage();
    };
    let rpy = match find_rpy(root, rpy) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let program = std::fs::canonicalize(&program).unwrap_or(program);
    let dir = program.parent().unwrap_or(Path::new(".")).to_path_buf();
    let setup = Setup {
        rpy,
        lib: root.join("lib"),
        backend: BACKENDS[0].into(),
        gc,
        opt,
        cache: Some(root.join("target/fuzz/cache-check")),
        pyrun: root.join("xtask/fuzz/pyrun.py"),
    };
    let outcome = check_program(&setup, &dir, &program);
    let key = outcome.class.key();
    eprintln!("{key}");
    if key == expect && outcome.py_status == py_status {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_blank_names_and_numbers() {
        assert_eq!(
            category("error: variable `x` would hold both int and str\n  --> a.py:4:1"),
            "variable `_` would hold both int and str"
        );
        assert_eq!(
            category("thread 'main' panicked at crates/a/src/b.rs:12:5:\nboom"),
            "thread 'main' panicked at crates/a/src/b.rs:N:N: boom"
        );
    }
}
