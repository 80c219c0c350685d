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
//! - `subscribe`: the subscription commands (`subscribe`, `unsubscribe`,
//!   `subscriptions`, `update`, `import-opml`, `export-opml`), over [`crate::subscribe`].

pub mod args;
mod ner;
mod read;
mod subscribe;

pub use args::{
    Cli, Command, ConfigArgs, EntitiesArgs, EntityArgs, EvalArgs, ExportArgs, GenerateArgs,
    GenerateFormat, GraphArgs, GraphFormat, ImportArgs, LangChoice, ListArgs, LoadArgs, NerArgs,
    PathArgs, StateArgs, SubscribeArgs, SubscriptionsArgs, TrainArgs, UnsubscribeArgs, UpdateArgs,
};

use crate::store::Store;
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

impl StateArgs {
    /// The state file these options name: `None` with `--no-state`, else the `--state`
    /// file or the default one (`None` too on a platform without a data folder).
    pub fn path(&self) -> Option<PathBuf> {
        if self.no_state {
            return None;
        }
        self.state.clone().or_else(Store::default_path)
    }

    /// The reading-state store these options ask for: none with `--no-state`, else the
    /// file given with `--state` or the default one.
    ///
    /// A `--state` file's folder is created when the folder above it exists; when that is
    /// missing too, the error names it rather than creating a tree of folders from a typo.
    pub fn store(&self) -> anyhow::Result<Option<Store>> {
        if self.no_state {
            return Ok(None);
        }
        let path = match &self.state {
            Some(path) => {
                check_state_folder(path)?;
                path.clone()
            }
            None => match Store::default_path() {
                Some(p) => p,
                None => return Ok(Some(Store::in_memory()?)),
            },
        };
        Ok(Some(Store::open(&path)?))
    }
}

/// Refuse a `--state` file whose folder is missing along with the folder above it.
fn check_state_folder(path: &Path) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("--state {} is a folder; name a file in it", path.display());
    }
    let Some(folder) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if folder.is_dir() {
        return Ok(());
    }
    let above = folder.parent().filter(|d| !d.as_os_str().is_empty());
    match above {
        Some(above) if !above.is_dir() => bail!(
            "--state {}: the folder {} does not exist, nor does {} above it",
            path.display(),
            folder.display(),
            above.display()
        ),
        _ => Ok(()),
    }
}

impl LoadArgs {
    /// Apply the options to the file reader.
    fn apply(&self) {
        if let Some(mb) = self.max_file_size {
            crate::article::walk::set_max_file_bytes(mb.saturating_mul(1024 * 1024));
        }
    }
}

/// The config file to read: the one named with `--config`, which must exist, else the
/// default location (which may not).
fn config_path(named: Option<&Path>) -> anyhow::Result<Option<PathBuf>> {
    match named {
        Some(path) if !path.exists() => {
            bail!("--config {}: no such file", path.display())
        }
        Some(path) if path.is_dir() => bail!("--config {} is a folder", path.display()),
        Some(path) => Ok(Some(path.to_path_buf())),
        None => Ok(crate::tui::config::default_path()),
    }
}

/// Report the config file's problems (bad lines, conflicting keys) on stderr, one a line.
fn report_config_problems(path: &Path, explicit: bool) {
    let theme = crate::tui::Theme::colour();
    for problem in crate::tui::config::load(path, explicit, theme, false).problems {
        eprintln!("warta: {problem}");
    }
}

/// Run the parsed command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let state = |own: &StateArgs| own.or(&cli.state);
    let load = |own: &LoadArgs| own.or(&cli.load).apply();
    // A config file the user named must be there, whatever the command.
    let config = config_path(cli.config.as_deref())?;
    match &cli.command {
        None => {
            cli.load.apply();
            if let Some(path) = &config
                && path.exists()
            {
                // Shown again in the Problems view; on stderr they outlast the screen.
                report_config_problems(path, cli.config.is_some());
            }
            let options = crate::tui::Options {
                store: cli.state.store()?,
                config: cli.config.clone(),
            };
            let source = if cli.paths.is_empty() {
                crate::corpus::load::Source::Samples
            } else {
                crate::corpus::load::Source::Paths(cli.paths.clone())
            };
            crate::tui::run_loading(source, options)
        }
        Some(Command::List(args)) => {
            load(&args.load);
            read::list(args, state(&args.state).store()?.as_ref())
        }
        Some(Command::Config(args)) => {
            let named = args.config.as_deref().or(cli.config.as_deref());
            let config = match &args.config {
                Some(own) => config_path(Some(own))?,
                None => config,
            };
            if args.paths {
                return read::paths(config.as_deref(), &state(&args.state));
            }
            read::config(args, config.as_deref(), named.is_some())
        }
        Some(Command::Entities(args)) => {
            load(&args.load);
            read::entities(args, state(&args.state).store()?.as_ref())
        }
        Some(Command::Ner(args)) => ner::ner(args),
        Some(Command::Eval(args)) => ner::eval(args),
        Some(Command::Train(args)) => ner::train(args),
        Some(Command::Entity(args)) => {
            load(&args.load);
            read::entity_page(args, state(&args.state).store()?.as_ref())
        }
        Some(Command::Graph(args)) => {
            load(&args.load);
            read::graph(args, state(&args.state).store()?.as_ref())
        }
        Some(Command::Generate(args)) => read::generate(args)
            .with_context(|| format!("cannot write the collection to {}", args.out.display())),
        Some(Command::Subscribe(args)) => subscribe::subscribe(args),
        Some(Command::Unsubscribe(args)) => subscribe::unsubscribe(args),
        Some(Command::Subscriptions(args)) => subscribe::subscriptions(args),
        Some(Command::Update(args)) => subscribe::update(args),
        Some(Command::ImportOpml(args)) => subscribe::import_opml(args),
        Some(Command::ExportOpml(args)) => subscribe::export_opml(args),
    }
}

/// Whether an error is a closed standard output (`warta list | head`): the reader of the
/// output has all it wants, so the command ends quietly with status 0.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            // JSON written straight to the output wraps the write's error.
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}

/// Report on stderr each tagging model that was needed and could not be loaded (the text
/// of its language was tagged without names).
fn report_model_failures() {
    for (lang, err) in crate::ner::Engine::global().tagger().failures() {
        eprintln!("warta: the {lang} tagging model could not be loaded: {err}");
    }
}
