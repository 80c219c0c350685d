//! The terminal interface: an article list, a reader and a sidebar of the people and
//! organizations in the open article.
//!
//! The Elm architecture, synchronously: [`view::draw`] renders the [`App`] by reference,
//! a key event is looked up in the [`Keymap`] to an [`Action`], and [`App::update`] applies
//! it and returns the [`Command`]s for the work outside the state, which the
//! [`runtime`] carries out and answers with messages. Modules:
//!
//! - [`action`]: the named actions keys can trigger.
//! - [`keymap`]: key strings to actions per context, from the embedded TOML.
//! - [`app`]: the state, one struct per pane and concern, and `update`.
//! - [`command`]: the work `update` asks for.
//! - [`runtime`]: the event loop, background work and carrying out commands (and
//!   [`Headless`], the same without a terminal).
//! - [`config`]: the config file over the default keymap, theme and settings.
//! - [`layout`]: where the panes go at each width.
//! - [`document`]: an article laid out as styled, wrapped lines.
//! - [`view`]: drawing each part of the screen.
//! - [`theme`]: named styles (modifiers only with `NO_COLOR`).
//! - [`fit`]: display widths and truncation.
//! - [`entities`]: the entity page and the history of articles and pages.
//! - [`keys_doc`]: the README's key table, from the keymap.
//! - [`shutdown`]: the terminal restored on a signal or a panic.

pub mod action;
pub mod app;
pub mod command;
pub mod config;
pub mod document;
pub mod entities;
pub mod fit;
pub mod keymap;
pub mod keys_doc;
pub mod layout;
pub mod runtime;
pub mod shutdown;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, Message};
pub use command::Command;
pub use keymap::Keymap;
pub use runtime::Headless;
pub use theme::Theme;

use crate::corpus::load::Source;
use crate::store::Store;
use anyhow::Context as _;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

/// How the reader starts: where its state and config come from.
#[derive(Default)]
pub struct Options {
    /// The reading state store (`None`: nothing remembered).
    pub store: Option<Store>,
    /// The config file (`None`: the default location).
    pub config: Option<PathBuf>,
}

/// Run the reader on a collection loaded in the background until the user quits: the
/// first frame appears at once and the list fills as files are parsed (on every core).
///
/// When standard output is not a terminal, says so on stderr and returns exit code 1.
pub fn run_loading(source: Source, options: Options) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        eprintln!(
            "warta: standard output is not a terminal, so the reader cannot start; \
             use `warta list` or `warta entities` for plain-text output"
        );
        return Ok(ExitCode::from(1));
    }
    Keymap::embedded().context("the default keymap is invalid")?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let config = match options.config.clone().or_else(config::default_path) {
        Some(path) => config::load(&path, options.config.is_some(), Theme::from_env(), no_color),
        None => config::defaults(Theme::from_env()),
    };
    let mouse = config.settings.mouse;
    shutdown::catch_signals().context("cannot install the signal handlers")?;
    let mut terminal = ratatui::try_init().context("cannot start the terminal interface")?;
    shutdown::install_panic_hook();
    let store = options.store;
    // Parsed files and analyses are cached in the state file too (each on a connection
    // of its own); without one, everything is parsed and analysed afresh.
    let files = store.as_ref().and_then(|store| {
        store
            .file_cache(&crate::corpus::cache::loader_version())
            .ok()
            .flatten()
    });
    let cache = store.as_ref().and_then(|store| {
        store
            .analysis_cache(&crate::corpus::cache::engine_version())
            .ok()
            .flatten()
    });
    let loader = crate::corpus::load::spawn_load_cached(source, files);
    let mut app =
        App::loading(config.keymap, config.theme).with_settings(config.settings, config.problems);
    let mut runtime = runtime::Runtime::new(runtime::engine(), loader, cache, mouse);
    if let Some(store) = store {
        app = app.with_remembered(app::Remembered::read(&store));
        runtime = runtime.with_store(store);
    }
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let result = runtime.run(&mut terminal, &mut app);
    drop(runtime);
    if mouse {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    shutdown::report_background_panics();
    result?;
    Ok(ExitCode::SUCCESS)
}
