//! `rpy`: translate RPython programs (and run them untranslated).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "rpy", version, about = "A translator of RPython programs to fast standalone executables")]
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { program, args } => match driver::run_untranslated(&program, &args) {
            Ok(status) => ExitCode::from(status as u8),
            Err(failure) => {
                eprint!("{}", failure.rendered);
                ExitCode::from(1)
            }
        },
    }
}
