//! The rpy driver: the library API behind the `rpy` command.
//!
//! It owns the pipeline: loading a target (import time, in the host
//! interpreter), building flow graphs, and (later) the salsa database that
//! makes all of it incremental.

use frontend::diag::Diagnostic;
use frontend::host::run::{self, RunError};
use frontend::source::SourceMap;
use std::path::{Path, PathBuf};

/// A rendered user-facing error: what the CLI prints before exiting 1.
#[derive(Debug)]
pub struct Failure {
    pub rendered: String,
    pub diagnostic: Diagnostic,
}

impl Failure {
    pub fn new(diagnostic: Diagnostic, sources: &SourceMap) -> Failure {
        Failure { rendered: diagnostic.render(sources), diagnostic }
    }
}

/// The directories searched after the target's own: `$RPY_LIB` if set,
/// else the `lib/` directory of this source tree (the `rpython` package).
pub fn default_lib_dirs() -> Vec<PathBuf> {
    if let Ok(dirs) = std::env::var("RPY_LIB") {
        return std::env::split_paths(&dirs).collect();
    }
    vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lib")]
}

/// Runs `f` on a thread with a large stack: the host interpreter recurses
/// on the Rust stack for every Python call.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(f)
        .expect("cannot spawn the interpreter thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// `rpy run`: runs a program untranslated, returning its exit status.
pub fn run_untranslated(path: &Path, args: &[String]) -> Result<i32, Failure> {
    let path = path.to_path_buf();
    let mut argv = vec![path.display().to_string()];
    argv.extend(args.iter().cloned());
    with_big_stack(move || match run::run_program(&path, argv, &default_lib_dirs()) {
        Ok(status) => Ok(status),
        Err((mut vm, err)) => {
            let diagnostic = match err {
                RunError::Diagnostic(d) => d,
                RunError::Exception(e) => run::exception_diagnostic(&mut vm, &e),
            };
            Err(Failure::new(diagnostic, &vm.sources))
        }
    })
}
