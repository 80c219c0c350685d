//! The terminal interface: an article list, a reader and a sidebar of the people and
//! organizations in the open article.
//!
//! The Elm architecture, synchronously: [`view::draw`] renders the [`App`] by reference,
//! a key event is looked up in the [`Keymap`] to an [`Action`], and [`App::update`] applies
//! it. Modules:
//!
//! - [`action`]: the named actions keys can trigger.
//! - [`keymap`]: key strings to actions per context, from the embedded TOML.
//! - [`app`]: the state and `update`.
//! - [`config`]: the config file over the default keymap, theme and settings.
//! - [`layout`]: where the panes go at each width.
//! - [`document`]: an article laid out as styled, wrapped lines.
//! - [`view`]: drawing each part of the screen.
//! - [`theme`]: named styles (modifiers only with `NO_COLOR`).
//! - [`fit`]: display widths and truncation.
//! - [`entities`]: the entity page and the history of articles and pages.
//! - [`external`]: the browser, the clipboard and the pager.
//! - [`shutdown`]: the terminal restored on a signal or a panic.

pub mod action;
pub mod app;
pub mod config;
pub mod document;
pub mod entities;
pub mod external;
pub mod fit;
pub mod keymap;
pub mod keys_doc;
pub mod layout;
pub mod shutdown;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, Message};
pub use keymap::Keymap;
pub use theme::Theme;

use crate::article::LoadReport;
use crate::corpus::load::{LoadEvent, Source};
use crate::corpus::{AnalysisEvent, Indexing};
use crate::store::{AnalysisCache, Store};

/// How the reader starts: where its state and config come from.
#[derive(Default)]
pub struct Options {
    /// The reading state store (`None`: nothing remembered).
    pub store: Option<Store>,
    /// The config file (`None`: the default location).
    pub config: Option<PathBuf>,
}
use anyhow::Context as _;
use app::Mouse;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton};
use crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::DefaultTerminal;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// Run the interactive reader on the loaded articles until the user quits.
///
/// When standard output is not a terminal, says so on stderr and returns exit code 1.
pub fn run(report: LoadReport) -> anyhow::Result<ExitCode> {
    run_with(report, Options::default())
}

/// [`run`] with a state store and a config file.
pub fn run_with(report: LoadReport, options: Options) -> anyhow::Result<ExitCode> {
    start(Start::Loaded(report), options)
}

/// Run the reader on a collection loaded in the background: the first frame appears at
/// once and the list fills as files are parsed (on every core).
pub fn run_loading(source: Source, options: Options) -> anyhow::Result<ExitCode> {
    start(Start::Load(source), options)
}

/// What the reader starts with.
enum Start {
    /// Articles already loaded.
    Loaded(LoadReport),
    /// Articles to load in the background.
    Load(Source),
}

fn start(what: Start, options: Options) -> anyhow::Result<ExitCode> {
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
    let size = terminal.size()?;
    let (app, loader) = match what {
        Start::Loaded(report) => (App::new(report, config.keymap, config.theme), None),
        Start::Load(source) => {
            // Parsed files are cached in the state file too; without one, all are parsed.
            let files = options.store.as_ref().and_then(|store| {
                store
                    .file_cache(&crate::corpus::cache::loader_version())
                    .ok()
                    .flatten()
            });
            (
                App::loading(config.keymap, config.theme),
                Some(crate::corpus::load::spawn_load_cached(source, files)),
            )
        }
    };
    let mut app = app.with_settings(config.settings, config.problems);
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let mut cache = None;
    if let Some(store) = options.store {
        // The analysis cache is a second connection to the state file; without one,
        // everything is analysed afresh.
        cache = store
            .analysis_cache(&crate::corpus::cache::engine_version())
            .ok()
            .flatten();
        app = app.with_store(store);
    }
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let background = Background {
        loader,
        indexing: None,
        cache,
        requested: None,
    };
    let result = event_loop(&mut terminal, &mut app, mouse, background);
    if mouse {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    shutdown::report_background_panics();
    result?;
    Ok(ExitCode::SUCCESS)
}

/// A crossterm mouse event as a message, when it is one the interface uses.
fn mouse_message(event: MouseEvent) -> Option<Message> {
    let (column, row) = (event.column, event.row);
    let mouse = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Mouse::Click { column, row },
        MouseEventKind::ScrollDown => Mouse::WheelDown { column, row },
        MouseEventKind::ScrollUp => Mouse::WheelUp { column, row },
        _ => return None,
    };
    Some(Message::Mouse(mouse))
}

/// The work the event loop runs beside the screen: loading, then analysis.
struct Background {
    loader: Option<mpsc::Receiver<LoadEvent>>,
    indexing: Option<Indexing>,
    cache: Option<AnalysisCache>,
    /// The article last asked of the workers first.
    requested: Option<usize>,
}

/// Longest time spent taking in loaded articles before the next frame.
const LOAD_SLICE: Duration = Duration::from_millis(12);

impl Background {
    /// Start analysing the loaded collection (with the cache, when there is one).
    fn start_indexing(&mut self, app: &mut App) {
        if app.articles().is_empty() {
            return;
        }
        let articles = app.shared_articles();
        let keys = if app.article_keys().len() == articles.len() {
            app.article_keys().to_vec()
        } else {
            articles.iter().map(crate::store::article_key).collect()
        };
        self.indexing = Some(crate::corpus::spawn_indexing(
            articles,
            std::sync::Arc::new(keys),
            self.cache.take(),
        ));
        app.update(Message::AnalysisStarted);
    }

    /// Take in what the loader and the workers have sent since the last frame.
    fn pump(&mut self, app: &mut App) {
        if let Some(rx) = &self.loader {
            let until = std::time::Instant::now() + LOAD_SLICE;
            loop {
                match rx.try_recv() {
                    Ok(LoadEvent::Found { files }) => app.update(Message::LoadFound { files }),
                    Ok(LoadEvent::Batch { batch, files_done }) => app.update(Message::Loaded {
                        batch: Box::new(batch),
                        files_done,
                    }),
                    Ok(LoadEvent::Finished) | Err(mpsc::TryRecvError::Disconnected) => {
                        self.loader = None;
                        app.update(Message::LoadFinished);
                        self.start_indexing(app);
                        break;
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                }
                if std::time::Instant::now() >= until {
                    break;
                }
            }
        }
        if let Some(indexing) = &self.indexing {
            // The article the user opened goes to the workers before any other.
            if let Some(wanted) = app.wanted_analysis()
                && self.requested != Some(wanted)
            {
                indexing.prioritize(wanted);
                self.requested = Some(wanted);
            }
            loop {
                match indexing.events().try_recv() {
                    Ok(AnalysisEvent::Progress { done, total, left }) => {
                        app.update(Message::AnalysisProgress { done, total, left });
                    }
                    Ok(AnalysisEvent::Analysed { article, analysis }) => {
                        app.update(Message::Analysed { article, analysis });
                    }
                    Ok(AnalysisEvent::Finished(corpus)) => {
                        app.update(Message::AnalysisFinished(corpus));
                        self.indexing = None;
                        break;
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        self.indexing = None;
                        break;
                    }
                }
            }
        }
    }

    fn busy(&self) -> bool {
        self.loader.is_some() || self.indexing.is_some()
    }
}

/// Draw, wait for an event, apply it; until the app stops running.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse: bool,
    mut background: Background,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    if background.loader.is_none() {
        background.start_indexing(app);
    }
    while app.is_running() {
        // SIGINT, SIGTERM, SIGHUP: quit as on `q` (the scroll position is saved).
        if shutdown::stop_requested() {
            app.update(Message::Action(Action::Quit));
            break;
        }
        terminal.draw(|frame| view::draw(frame, app))?;
        background.pump(app);
        // Wake up now and then while background work (indexing) may report back.
        let wait = if background.busy() { 30 } else { 100 };
        if event::poll(Duration::from_millis(wait))? {
            match event::read()? {
                Event::Key(key) => app.handle_key(key),
                Event::Resize(width, height) => app.update(Message::Resize { width, height }),
                Event::Mouse(m) => {
                    if let Some(message) = mouse_message(m) {
                        app.update(message);
                    }
                }
                _ => {}
            }
        }
        app.update(Message::Tick);
        for effect in app.take_effects() {
            if let Some(problem) = external::run(effect, terminal, mouse) {
                app.update(Message::Notice(problem));
            }
        }
    }
    Ok(())
}
