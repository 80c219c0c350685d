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
//! - [`layout`]: where the panes go at each width.
//! - [`document`]: an article laid out as styled, wrapped lines.
//! - [`view`]: drawing each part of the screen.
//! - [`theme`]: named styles (modifiers only with `NO_COLOR`).
//! - [`fit`]: display widths and truncation.
//! - [`entities`]: the entity page and the history of articles and pages.

pub mod action;
pub mod app;
pub mod document;
pub mod entities;
pub mod fit;
pub mod keymap;
pub mod keys_doc;
pub mod layout;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, Message};
pub use keymap::Keymap;
pub use theme::Theme;

use crate::article::LoadReport;
use crate::corpus::AnalysisEvent;
use anyhow::Context as _;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// Run the interactive reader on the loaded articles until the user quits.
///
/// When standard output is not a terminal, says so on stderr and returns exit code 1.
pub fn run(report: LoadReport) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        eprintln!(
            "warta: standard output is not a terminal, so the reader cannot start; \
             use `warta list` or `warta entities` for plain-text output"
        );
        return Ok(ExitCode::from(1));
    }
    let keymap = Keymap::embedded().context("the default keymap is invalid")?;
    let mut app = App::new(report, keymap, Theme::from_env());
    let mut terminal = ratatui::try_init().context("cannot start the terminal interface")?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result?;
    Ok(ExitCode::SUCCESS)
}

/// Draw, wait for an event, apply it; until the app stops running.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    // Analyse the whole collection in the background; the reader stays usable meanwhile.
    let mut analysis =
        (!app.articles().is_empty()).then(|| crate::corpus::spawn_analysis(app.shared_articles()));
    while app.is_running() {
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
            if analysis.is_some() && !event::poll(Duration::from_millis(80))? {
                continue;
            }
        }
        match event::read()? {
            Event::Key(key) => app.handle_key(key),
            Event::Resize(width, height) => app.update(Message::Resize { width, height }),
            _ => {}
        }
    }
    Ok(())
}
