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
use crate::corpus::AnalysisEvent;
use crate::store::Store;

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
    let mut app = App::new(report, config.keymap, config.theme)
        .with_settings(config.settings, config.problems);
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    if let Some(store) = options.store {
        app = app.with_store(store);
    }
    if mouse {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, &mut app, mouse);
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

/// Draw, wait for an event, apply it; until the app stops running.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, mouse: bool) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    // Analyse the whole collection in the background; the reader stays usable meanwhile.
    let mut analysis =
        (!app.articles().is_empty()).then(|| crate::corpus::spawn_analysis(app.shared_articles()));
    while app.is_running() {
        // SIGINT, SIGTERM, SIGHUP: quit as on `q` (the scroll position is saved).
        if shutdown::stop_requested() {
            app.update(Message::Action(Action::Quit));
            break;
        }
        terminal.draw(|frame| view::draw(frame, app))?;
        if let Some(rx) = &analysis {
            // Poll so progress shows while no key is pressed.
            loop {
                match rx.try_recv() {
                    Ok(AnalysisEvent::Progress { done, total }) => {
                        app.update(Message::AnalysisProgress { done, total });
                    }
                    Ok(AnalysisEvent::Finished(corpus)) => {
                        app.update(Message::AnalysisFinished(corpus));
                        analysis = None;
                        break;
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        analysis = None;
                        break;
                    }
                }
            }
        }
        // Wake up now and then while background work (indexing) may report back.
        if event::poll(Duration::from_millis(100))? {
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
