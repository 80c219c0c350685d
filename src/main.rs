//! The `warta` binary: parse the command line, then run the TUI or a subcommand.

use clap::Parser;
use std::process::ExitCode;

/// jemalloc, with a background thread that hands memory freed a few seconds ago back to
/// the system: opening a large collection decodes and indexes every analysis, and with
/// the system allocator that working space stayed with the process for good.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // Without the background thread memory is still returned, only later and less often.
    let _ = tikv_jemalloc_ctl::background_thread::write(true);
    let cli = warta::cli::Cli::parse();
    match warta::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("warta: {err:#}");
            ExitCode::from(1)
        }
    }
}
