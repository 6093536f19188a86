//! `rpy`: translate RPython programs (and run them untranslated).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rpy",
    version,
    about = "A translator of RPython programs to fast standalone executables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a program untranslated on the host interpreter: imports it and
    /// calls its entry point with the arguments.
    Run {
        /// The target program.
        program: PathBuf,
        /// Arguments passed to the program (argv[1:]).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Import a program and print the flow graphs of its entry point and of
    /// the functions reachable from it.
    Flowgraph {
        /// The target program.
        program: PathBuf,
        /// Only the function with this name (or qualified name).
        #[arg(long)]
        function: Option<String>,
        /// Every function and method the module defines.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Annotate operations with their source positions.
        #[arg(long)]
        positions: bool,
        /// Print the time spent in each phase (on stderr).
        #[arg(long)]
        timings: bool,
    },
    /// Annotate a program: infer the type of every variable reachable from
    /// the entry point and print the annotated graphs and classes, or the
    /// reasons the program is not RPython.
    Annotate {
        /// The target program.
        program: PathBuf,
        /// Only the graphs of the function with this name.
        #[arg(long)]
        function: Option<String>,
        /// For modules without an entry point: start from `main` or
        /// `entry_point` if defined, else from every module-level function
        /// taking no arguments.
        #[arg(long)]
        library: bool,
        /// Print the time spent in each phase (on stderr).
        #[arg(long)]
        timings: bool,
    },
    /// Translate a program into a standalone executable.
    Translate {
        /// The target program.
        program: PathBuf,
        /// The backend.
        #[arg(long, value_enum, default_value_t = BackendArg::C)]
        backend: BackendArg,
        /// The executable to write (default: the program's name with `-c`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The garbage collector: a module of `rpython.memory.gc`
        /// (`semispace`, `generation`), or `none` (memory is never reclaimed).
        #[arg(long, default_value = driver::DEFAULT_GC)]
        gc: String,
        /// The C compiler's optimisation level.
        #[arg(long, default_value = "2")]
        opt: String,
    },
    /// Translate a program to the low-level IR and print it: the rtyper's
    /// output, after the stack checks and the exception transform.
    Lltype {
        /// The target program.
        program: PathBuf,
        /// Stop after the rtyper (exceptions still structured).
        #[arg(long)]
        rtype_only: bool,
        /// Print the time spent in each phase (on stderr).
        #[arg(long)]
        timings: bool,
        /// Translate a collector with the program and run the GC
        /// transform (`semispace`, `generation`; default: none).
        #[arg(long, default_value = "none")]
        gc: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum BackendArg {
    C,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Dot,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RPY_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Run { program, args } => match driver::run_untranslated(&program, &args) {
            Ok(status) => ExitCode::from(status as u8),
            Err(failure) => {
                eprint!("{}", failure.rendered);
                ExitCode::from(1)
            }
        },
        Command::Annotate {
            program,
            function,
            library,
            timings,
        } => match driver::annotate(&program, driver::AnnotateOptions { function, library }) {
            Ok(report) => {
                if report.errors.is_empty() {
                    print!("{}", report.output);
                }
                for e in &report.errors {
                    eprint!("{e}");
                }
                if !report.errors.is_empty() {
                    eprintln!(
                        "error: {} is not RPython: {} error{}",
                        program.display(),
                        report.errors.len(),
                        if report.errors.len() == 1 { "" } else { "s" }
                    );
                }
                if timings {
                    eprint!("phases:\n{}", report.timings.summary());
                }
                ExitCode::from(if report.errors.is_empty() { 0 } else { 1 })
            }
            Err(failure) => {
                eprint!("{}", failure.rendered);
                ExitCode::from(1)
            }
        },
        Command::Translate {
            program,
            backend,
            output,
            gc,
            opt,
        } => {
            if let Some(out) = &output {
                let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
                if same(out, &program) {
                    eprintln!(
                        "error: the output `{}` is the program being translated: writing the executable would destroy it\n  = note: choose another path with `-o`",
                        out.display()
                    );
                    return ExitCode::from(1);
                }
            }
            let options = driver::TranslateOptions {
                backend: match backend {
                    BackendArg::C => driver::Backend::C,
                },
                output,
                opt,
                gc: (gc != "none").then_some(gc),
                progress: compile_progress(),
                ..driver::TranslateOptions::default()
            };
            match driver::translate(&program, &options) {
                Ok(report) => {
                    for e in &report.errors {
                        eprint!("{e}");
                    }
                    eprint!("phases:\n{}", report.timings.summary());
                    match &report.executable {
                        Some(exe) if report.errors.is_empty() => {
                            eprintln!(
                                "wrote {} ({} units compiled, {} reused)",
                                exe.display(),
                                report.units_compiled,
                                report.units_reused
                            );
                            ExitCode::SUCCESS
                        }
                        _ => ExitCode::from(1),
                    }
                }
                Err(failure) => {
                    eprint!("{}", failure.rendered);
                    ExitCode::from(1)
                }
            }
        }
        Command::Lltype {
            program,
            rtype_only,
            timings,
            gc,
        } => match driver::lower(
            &program,
            driver::LowerOptions {
                rtype_only,
                gc: (gc != "none").then_some(gc),
            },
        ) {
            Ok(report) => {
                if let Some(m) = &report.module {
                    print!("{}", lltype::print_module(m));
                }
                for e in &report.errors {
                    eprint!("{e}");
                }
                if timings {
                    eprint!("phases:\n{}", report.timings.summary());
                }
                ExitCode::from(if report.errors.is_empty() { 0 } else { 1 })
            }
            Err(failure) => {
                eprint!("{}", failure.rendered);
                ExitCode::from(1)
            }
        },
        Command::Flowgraph {
            program,
            function,
            all,
            format,
            positions,
            timings,
        } => {
            let format = match format {
                Format::Text => driver::GraphFormat::Text,
                Format::Dot => driver::GraphFormat::Dot,
            };
            let options = driver::FlowgraphOptions {
                function,
                all,
                format,
                positions,
            };
            match driver::flowgraphs(&program, options) {
                Ok(report) => {
                    print!("{}", report.output);
                    for e in &report.errors {
                        eprint!("{e}");
                    }
                    if timings {
                        eprint!("phases:\n{}", report.timings.summary());
                    }
                    ExitCode::from(if report.errors.is_empty() { 0 } else { 1 })
                }
                Err(failure) => {
                    eprint!("{}", failure.rendered);
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// A progress bar for the C compiler's units, on a terminal only.
fn compile_progress() -> Option<driver::Progress> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(
        indicatif::ProgressStyle::with_template("  compile    [{bar:30}] {pos}/{len} {msg}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let shown = std::sync::atomic::AtomicBool::new(false);
    Some(driver::Progress(std::sync::Arc::new(
        move |done: usize, total: usize, unit: &str| {
            if !shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
            bar.set_message(unit.to_string());
            if done == total {
                bar.finish_and_clear();
            }
        },
    )))
}
