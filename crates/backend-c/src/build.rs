//! Building a [`CProgram`]: write, compile each source once, link.
//!
//! Objects are cached on disk by content, across processes and programs:
//! the key of a source is a hash of its text, of every header it includes
//! (found by its `#include "..."` lines, transitively), of the compiler
//! (its command and its `--version` output) and of the flags. An unchanged
//! unit is therefore never recompiled, whatever else changed, and editing
//! one function recompiles its unit only (the shared header does not
//! depend on function bodies). Cache entries are written under a temporary
//! name and renamed, so concurrent builds sharing a cache never see half
//! an object. Nothing is ever evicted yet.
//!
//! Sources that miss the cache are compiled in parallel, by up to as many
//! threads as the machine has cores; the link is `$CC -o output objects
//! -lm`.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::{CFile, CFileKind, CProgram};

/// Flags every compilation gets, whatever the options: GNU C (the
/// generated code uses statement-level builtins and flexible array
/// initialisers), and no type-based alias analysis, since the collectors
/// and the runtime view memory through differently typed pointers.
const REQUIRED_FLAGS: &[&str] = &["-std=gnu11", "-fno-strict-aliasing"];

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The C compiler command, possibly with arguments (`ccache gcc`);
    /// `None` means `$CC`, or `cc`.
    pub cc: Option<String>,
    /// Optimisation flags, `-O2` by default.
    pub opt_flags: Vec<String>,
    /// Compile with `-g`.
    pub debug_info: bool,
    /// More flags for every compilation (`-Wall`, `-fsanitize=...`); they
    /// are also passed to the link.
    pub extra_flags: Vec<String>,
    /// Where objects are cached; `None` means [`default_cache_dir`].
    pub cache_dir: Option<PathBuf>,
    /// At most this many compilers at once; `None` means one per core.
    pub jobs: Option<usize>,
    /// Told about each unit compiled, for a progress display.
    pub progress: Option<Progress>,
}

/// A callback told `(units compiled so far, units to compile, the unit
/// just compiled)` as compilation goes.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize, &str) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            cc: None,
            opt_flags: vec!["-O2".into()],
            debug_info: false,
            extra_flags: Vec::new(),
            cache_dir: None,
            jobs: None,
            progress: None,
        }
    }
}

/// What a build did.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// The sources compiled, in program order.
    pub compiled: Vec<String>,
    /// The sources whose object came from the cache.
    pub reused: Vec<String>,
    /// Wall-clock time spent compiling (zero when everything was cached).
    pub compile_time: Duration,
    /// Wall-clock time of the link.
    pub link_time: Duration,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be written, read or renamed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The C compiler could not be run.
    #[error("cannot run the C compiler `{cc}`: {source}")]
    CompilerNotFound {
        /// The command tried.
        cc: String,
        /// Why it did not start.
        source: io::Error,
    },
    /// The C compiler rejected a source.
    #[error("the C compiler failed on {file}:\n{stderr}")]
    Compile {
        /// The source file.
        file: String,
        /// What the compiler said.
        stderr: String,
    },
    /// The link failed.
    #[error("the link failed:\n{stderr}")]
    Link {
        /// What the compiler driver said.
        stderr: String,
    },
}

/// The object cache used when [`BuildOptions::cache_dir`] is `None`:
/// `$RPY_CACHE_DIR`, else `$XDG_CACHE_HOME/rpy`, else `~/.cache/rpy`.
pub fn default_cache_dir() -> PathBuf {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("RPY_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("rpy");
    }
    if let Some(home) = var("HOME") {
        return PathBuf::from(home).join(".cache").join("rpy");
    }
    std::env::temp_dir().join("rpy-cache")
}

/// Writes the program's files to `work_dir`, compiles its sources (or
/// takes their objects from the cache) and links the executable `output`.
pub fn build(
    program: &CProgram,
    work_dir: &Path,
    output: &Path,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BuildError::Io { path, source }
    };
    std::fs::create_dir_all(work_dir).map_err(io_err(work_dir))?;
    for file in &program.files {
        write_if_changed(&work_dir.join(&file.name), &file.text)?;
    }
    let cc = compiler(options);
    let mut flags: Vec<String> = REQUIRED_FLAGS.iter().map(|f| f.to_string()).collect();
    flags.extend(options.opt_flags.iter().cloned());
    if options.debug_info {
        flags.push("-g".into());
    }
    flags.extend(options.extra_flags.iter().cloned());
    let version = compiler_version(&cc)?;
    let objects_dir = options
        .cache_dir
        .clone()
        .unwrap_or_else(default_cache_dir)
        .join("c-objects");
    std::fs::create_dir_all(&objects_dir).map_err(io_err(&objects_dir))?;

    // Which objects are cached already.
    let sources: Vec<&CFile> = program.sources().collect();
    let mut objects = Vec::new();
    let mut missing = Vec::new();
    let mut reused = Vec::new();
    for (i, file) in sources.iter().enumerate() {
        let key = object_key(program, file, &cc, &version, &flags);
        let object = objects_dir.join(format!("{key}.o"));
        if object.is_file() {
            reused.push(file.name.clone());
        } else {
            missing.push(i);
        }
        objects.push(object);
    }

    let started = Instant::now();
    compile_all(
        &sources,
        &missing,
        &objects,
        work_dir,
        &cc,
        &flags,
        options.jobs,
        options.progress.as_ref(),
    )?;
    let compile_time = if missing.is_empty() {
        Duration::ZERO
    } else {
        started.elapsed()
    };

    let started = Instant::now();
    link(&cc, &options.extra_flags, &objects, output)?;
    Ok(BuildReport {
        compiled: missing.iter().map(|&i| sources[i].name.clone()).collect(),
        reused,
        compile_time,
        link_time: started.elapsed(),
    })
}

/// The compiler command split into words.
fn compiler(options: &BuildOptions) -> Vec<String> {
    let text = options
        .cc
        .clone()
        .or_else(|| std::env::var("CC").ok().filter(|c| !c.trim().is_empty()))
        .unwrap_or_else(|| "cc".into());
    text.split_whitespace().map(str::to_string).collect()
}

fn command(cc: &[String]) -> Command {
    let mut c = Command::new(&cc[0]);
    c.args(&cc[1..]);
    c
}

/// `cc --version`, part of every cache key, so that upgrading the
/// compiler invalidates the cache.
fn compiler_version(cc: &[String]) -> Result<String, BuildError> {
    let out =
        command(cc)
            .arg("--version")
            .output()
            .map_err(|source| BuildError::CompilerNotFound {
                cc: cc.join(" "),
                source,
            })?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The cache key of one source's object.
fn object_key(
    program: &CProgram,
    file: &CFile,
    cc: &[String],
    version: &str,
    flags: &[String],
) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(b"rpy backend-c object, format 1");
    field(cc.join(" ").as_bytes());
    field(version.as_bytes());
    field(flags.join("\0").as_bytes());
    field(file.text.as_bytes());
    for header in included_headers(program, file) {
        field(header.name.as_bytes());
        field(header.text.as_bytes());
    }
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The program's headers a file includes, directly or through another
/// header, in the order first reached.
fn included_headers<'p>(program: &'p CProgram, file: &'p CFile) -> Vec<&'p CFile> {
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut stack = vec![file];
    while let Some(f) = stack.pop() {
        for line in f.text.lines() {
            let Some(rest) = line.trim_start().strip_prefix("#include \"") else {
                continue;
            };
            let Some(name) = rest.split('"').next() else {
                continue;
            };
            if let Some(h) = program.file(name) {
                if h.kind == CFileKind::Header && seen.insert(name) {
                    order.push(h);
                    stack.push(h);
                }
            }
        }
    }
    order
}

/// Compiles the `missing` sources, each straight into its cache entry,
/// by several threads.
fn compile_all(
    sources: &[&CFile],
    missing: &[usize],
    objects: &[PathBuf],
    work_dir: &Path,
    cc: &[String],
    flags: &[String],
    jobs: Option<usize>,
    progress: Option<&Progress>,
) -> Result<(), BuildError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = jobs.unwrap_or(cores).max(1).min(missing.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let errors: Mutex<Vec<(usize, BuildError)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(&i) = missing.get(k) else { break };
                let result = compile_one(sources[i], &objects[i], work_dir, cc, flags);
                if let Err(e) = result {
                    errors.lock().expect("no panics").push((i, e));
                }
                if let Some(Progress(report)) = progress {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    report(n, missing.len(), &sources[i].name);
                }
            });
        }
    });
    let mut errors = errors.into_inner().expect("no panics");
    errors.sort_by_key(|(i, _)| *i);
    match errors.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

fn compile_one(
    file: &CFile,
    object: &Path,
    work_dir: &Path,
    cc: &[String],
    flags: &[String],
) -> Result<(), BuildError> {
    let source = work_dir.join(&file.name);
    // Unique per process and per source, renamed into place when done.
    let partial = object.with_extension(format!("o.{}.partial", std::process::id()));
    let out = command(cc)
        .args(flags)
        .arg("-c")
        .arg(&source)
        .arg("-o")
        .arg(&partial)
        .output()
        .map_err(|source| BuildError::CompilerNotFound {
            cc: cc.join(" "),
            source,
        })?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&partial);
        return Err(BuildError::Compile {
            file: file.name.clone(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    std::fs::rename(&partial, object).map_err(|source| BuildError::Io {
        path: object.to_path_buf(),
        source,
    })
}

fn link(
    cc: &[String],
    extra_flags: &[String],
    objects: &[PathBuf],
    output: &Path,
) -> Result<(), BuildError> {
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| BuildError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let out = command(cc)
        .args(extra_flags)
        .arg("-o")
        .arg(output)
        .args(objects)
        .arg("-lm")
        .output()
        .map_err(|source| BuildError::CompilerNotFound {
            cc: cc.join(" "),
            source,
        })?;
    if !out.status.success() {
        return Err(BuildError::Link {
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    Ok(())
}

/// Writes a file unless it already holds exactly this text.
fn write_if_changed(path: &Path, text: &str) -> Result<(), BuildError> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    })
}
