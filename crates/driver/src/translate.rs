//! `rpy translate`: the whole pipeline to a standalone executable.
//!
//! Lowering ([`crate::lower`]) gives a verified low-level module with
//! exceptions made explicit; the chosen backend writes it out and the
//! system compiler builds it. Each phase is timed for the summary
//! `rpy translate` prints.

use std::path::{Path, PathBuf};

use crate::{lower, Failure, LowerOptions, Timings};

/// The backends `rpy translate` can use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backend {
    /// C source compiled by the system C compiler.
    #[default]
    C,
}

/// How to translate.
#[derive(Clone, Debug)]
pub struct TranslateOptions {
    pub backend: Backend,
    /// The executable to write; by default the program's name with `-c`
    /// in the current directory.
    pub output: Option<PathBuf>,
    /// The C compiler's optimisation level (`-O<level>`).
    pub opt: String,
    /// Keep run-time checks of the graphs' promises (`debug_assert`).
    pub debug_checks: bool,
    /// The collector (a module of `rpython.memory.gc`), or none: memory
    /// is then never reclaimed.
    pub gc: Option<String>,
    /// Told about each C unit compiled (for a progress bar).
    pub progress: Option<backend_c::Progress>,
}

/// The collector used when none is named.
pub const DEFAULT_GC: &str = "semispace";

impl Default for TranslateOptions {
    fn default() -> TranslateOptions {
        TranslateOptions {
            backend: Backend::C,
            output: None,
            opt: "2".into(),
            debug_checks: true,
            gc: Some(DEFAULT_GC.into()),
            progress: None,
        }
    }
}

/// What a translation produced.
pub struct TranslateReport {
    /// The executable, when the translation succeeded.
    pub executable: Option<PathBuf>,
    /// Rendered diagnostics (or the C compiler's complaint).
    pub errors: Vec<String>,
    pub timings: Timings,
    /// Compilation units compiled and reused from the cache.
    pub units_compiled: usize,
    pub units_reused: usize,
}

/// Translates a program to an executable.
pub fn translate(path: &Path, options: &TranslateOptions) -> Result<TranslateReport, Failure> {
    let lower_options = LowerOptions {
        gc: options.gc.clone(),
        ..LowerOptions::default()
    };
    let lowered = lower(path, lower_options)?;
    let mut timings = lowered.timings;
    let mut report = TranslateReport {
        executable: None,
        errors: lowered.errors,
        timings: Timings::default(),
        units_compiled: 0,
        units_reused: 0,
    };
    let Some(module) = lowered.module else {
        report.timings = timings;
        return Ok(report);
    };
    let info = match lltype::verify(&module) {
        Ok(info) => info,
        Err(problems) => {
            report.errors.push(format!(
                "internal error: the low-level module is invalid: {}\n",
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            ));
            report.timings = timings;
            return Ok(report);
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "program".into());
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{stem}-c")));
    let emit_options = backend_c::Options {
        debug_checks: options.debug_checks,
    };
    let program = timings.phase("emit", || backend_c::emit(&module, &info, &emit_options));
    let program = match program {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(format!(
                "error: the C backend cannot write this program: {e}\n"
            ));
            report.timings = timings;
            return Ok(report);
        }
    };
    let work_dir = std::env::temp_dir().join(format!("rpy-build-{stem}-{}", std::process::id()));
    let build_options = backend_c::BuildOptions {
        opt_flags: vec![format!("-O{}", options.opt)],
        progress: options.progress.clone(),
        ..backend_c::BuildOptions::default()
    };
    let built = timings.phase("compile", || {
        backend_c::build(&program, &work_dir, &output, &build_options)
    });
    let _ = std::fs::remove_dir_all(&work_dir);
    match built {
        Ok(b) => {
            report.units_compiled = b.compiled.len();
            report.units_reused = b.reused.len();
            report.executable = Some(output);
        }
        Err(e) => report.errors.push(format!("error: {e}\n")),
    }
    report.timings = timings;
    Ok(report)
}
