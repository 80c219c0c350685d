//! The `warta` binary: parse the command line, then run the TUI or a subcommand.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = warta::cli::Cli::parse();
    match warta::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("warta: {err:#}");
            ExitCode::from(1)
        }
    }
}
