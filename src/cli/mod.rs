//! The command line: arguments (clap) and the non-interactive subcommands.
//!
//! `main` parses [`Cli`] and calls [`run`]; the TUI is started from here when no subcommand
//! is given. Every subcommand writes its results to stdout and each skipped input to stderr,
//! one line each.
//!
//! - [`args`]: the clap structs.
//! - `read`: the reading commands (`list`, `entities`, `entity`, `graph`, `generate`,
//!   `config`).
//! - `ner`: the tagger's commands (`ner`, `eval`, `train`), over the tagger's plain
//!   functions.

pub mod args;
mod ner;
mod read;

pub use args::{
    Cli, Command, ConfigArgs, EntitiesArgs, EntityArgs, EvalArgs, GenerateArgs, GenerateFormat,
    GraphArgs, GraphFormat, LangChoice, ListArgs, NerArgs, TrainArgs,
};

use crate::store::Store;
use std::process::ExitCode;

impl Cli {
    /// The reading-state store the flags ask for: none with `--no-state`, else the file
    /// given with `--state` or the default one.
    pub fn store(&self) -> anyhow::Result<Option<Store>> {
        if self.no_state {
            return Ok(None);
        }
        let path = match &self.state {
            Some(p) => p.clone(),
            None => match Store::default_path() {
                Some(p) => p,
                None => return Ok(Some(Store::in_memory()?)),
            },
        };
        Ok(Some(Store::open(&path)?))
    }
}

/// Run the parsed command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(mb) = cli.max_file_size {
        crate::article::walk::set_max_file_bytes(mb.saturating_mul(1024 * 1024));
    }
    match &cli.command {
        None => {
            let options = crate::tui::Options {
                store: cli.store()?,
                config: cli.config.clone(),
            };
            let source = if cli.paths.is_empty() {
                crate::corpus::load::Source::Samples
            } else {
                crate::corpus::load::Source::Paths(cli.paths.clone())
            };
            crate::tui::run_loading(source, options)
        }
        Some(Command::List(args)) => read::list(args, cli.store()?.as_ref()),
        Some(Command::Config(args)) => read::config(args, cli.config.as_deref()),
        Some(Command::Entities(args)) => read::entities(args, cli.store()?.as_ref()),
        Some(Command::Ner(args)) => ner::ner(args),
        Some(Command::Eval(args)) => ner::eval(args),
        Some(Command::Train(args)) => ner::train(args),
        Some(Command::Entity(args)) => read::entity_page(args, cli.store()?.as_ref()),
        Some(Command::Graph(args)) => read::graph(args, cli.store()?.as_ref()),
        Some(Command::Generate(args)) => read::generate(args),
    }
}

/// Report on stderr each tagging model that was needed and could not be loaded (the text
/// of its language was tagged without names).
fn report_model_failures() {
    for (lang, err) in crate::ner::Engine::global().tagger().failures() {
        eprintln!("warta: the {lang} tagging model could not be loaded: {err}");
    }
}
