//! The `warta` binary: parse the command line, then run the TUI or a subcommand.

use clap::Parser;
use std::process::ExitCode;

/// jemalloc, with a background thread that hands memory freed a moment ago back to the
/// system: opening a large collection decodes and indexes every analysis, and with the
/// system allocator that working space stayed with the process for good.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    tune_allocator();
    let cli = warta::cli::Cli::parse();
    match warta::cli::run(cli) {
        Ok(code) => code,
        // `warta list | head`: the reader of the output closed it, having what it wanted.
        Err(err) if warta::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("warta: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// How long freed pages stay with the process before going back to the system, in ms
/// (jemalloc's default is ten seconds, long enough for the working space of indexing a
/// large collection to linger as resident memory).
const DIRTY_DECAY_MS: isize = 1000;

/// Start jemalloc's background thread, which returns freed memory to the system, and
/// shorten how long freed pages are kept. A failure only leaves the defaults.
fn tune_allocator() {
    use tikv_jemalloc_ctl::{Access, AsName};
    let _ = tikv_jemalloc_ctl::background_thread::write(true);
    // The default for arenas made from now on, then every arena already made.
    let _ = b"arenas.dirty_decay_ms\0".name().write(DIRTY_DECAY_MS);
    let _ = b"arenas.muzzy_decay_ms\0".name().write(0isize);
    let arenas = tikv_jemalloc_ctl::arenas::narenas::read().unwrap_or(0);
    for i in 0..arenas {
        let _ = format!("arena.{i}.dirty_decay_ms\0")
            .name()
            .write(DIRTY_DECAY_MS);
        let _ = format!("arena.{i}.muzzy_decay_ms\0").name().write(0isize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tikv_jemalloc_ctl::{Access, AsName};

    #[test]
    fn the_allocator_takes_the_shorter_decay() {
        tune_allocator();
        let decay: Result<isize, _> = b"arenas.dirty_decay_ms\0".name().read();
        assert_eq!(decay.ok(), Some(DIRTY_DECAY_MS));
        let arena0: Result<isize, _> = b"arena.0.dirty_decay_ms\0".name().read();
        assert_eq!(arena0.ok(), Some(DIRTY_DECAY_MS));
        assert_eq!(
            tikv_jemalloc_ctl::background_thread::read().ok(),
            Some(true)
        );
    }
}
