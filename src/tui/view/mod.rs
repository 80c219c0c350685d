//! Drawing: one function per part of the screen, all reading [`App`] by reference.

pub mod empty;
pub mod entity_page;
pub mod help;
pub mod list;
pub mod reader;
pub mod search;
pub mod sidebar;
pub mod status;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::layout::{Mode, Pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

/// Draw the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let panes = app.panes_in(area);
    if app.articles().is_empty() && !app.progress().is_loading() {
        // Everything above the status bar.
        let main = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        empty::draw(frame, app, main);
    } else if app.entity_page().is_some() {
        entity_page::draw(frame, app, app.page_area());
    } else {
        if let Some(area) = panes.list {
            list::draw(frame, app, area);
        }
        if let Some(area) = panes.reader {
            reader::draw(frame, app, area);
        }
        if let Some(area) = panes.sidebar {
            sidebar::draw(frame, app, area);
        }
    }
    if app.search().prompt_open() {
        search::draw(frame, app, panes.status);
    } else {
        status::draw(frame, app, panes.status, panes.mode);
    }
    if app.overlay().is_some() {
        help::draw(frame, app, area);
    }
}

/// The bordered frame of a pane: thick and highlighted when it has focus.
///
/// On narrow screens, where one pane is shown at a time, the title lists all three panes
/// with the keys that switch to them.
pub fn pane_block<'a>(app: &App, pane: Pane, title: &'a str) -> Block<'a> {
    let theme = app.theme();
    let focused = app.focus() == pane && app.overlay().is_none();
    let (border_type, border, title_style) = if focused {
        (
            BorderType::Thick,
            theme.border_focused,
            theme.pane_title_focused,
        )
    } else {
        (BorderType::Plain, theme.border, theme.pane_title)
    };
    let block = Block::bordered()
        .border_type(border_type)
        .border_style(border);
    if app.panes().mode != Mode::Single {
        return block.title(Line::from(Span::styled(format!(" {title} "), title_style)));
    }
    // One pane at a time: show all three as tabs, with the keys that switch to them.
    let mut spans = Vec::new();
    for (other, action) in [
        (Pane::List, Action::FocusList),
        (Pane::Reader, Action::FocusReader),
        (Pane::Sidebar, Action::FocusSidebar),
    ] {
        let key = app
            .keymap()
            .keys_for(Context::Global, action)
            .first()
            .map(|k| format!("{k} "))
            .unwrap_or_default();
        let style = if other == pane {
            title_style
        } else {
            theme.dim
        };
        spans.push(Span::styled(format!(" {key}{} ", other.title()), style));
    }
    block.title(Line::from(spans))
}

/// The status-bar pieces about entities: the filter, the mention the reader is on,
/// loading and indexing progress.
pub fn entity_status(app: &App) -> Vec<Span<'static>> {
    let theme = app.theme();
    let mut parts: Vec<(String, ratatui::style::Style)> = Vec::new();
    if let Some(name) = app.filter_name() {
        let name = crate::text::sanitize_line(name);
        parts.push((
            format!("only {}", super::fit::truncate(name.trim(), 24)),
            theme.status.patch(theme.key),
        ));
    }
    if app.entity_page().is_none()
        && let Some((n, of)) = app.mention_position()
    {
        parts.push((format!("mention {n}/{of}"), theme.status));
    }
    let progress = app.progress();
    if let Some((done, files)) = progress.loading_progress() {
        let files = files.map_or_else(String::new, |n| format!("/{}", thousands(n)));
        parts.push((
            format!(
                "loading {} files, {} articles",
                thousands(done) + &files,
                thousands(app.articles().len())
            ),
            theme.status,
        ));
    }
    if let Some((done, total)) = progress.indexing() {
        let left = progress
            .indexing_left()
            .map(|d| format!(", {} left", duration(d)))
            .unwrap_or_default();
        parts.push((
            format!("indexing {}/{}{left}", thousands(done), thousands(total)),
            theme.status,
        ));
    }
    let mut spans = Vec::new();
    for (text, style) in parts {
        spans.push(Span::styled(" \u{b7} ", theme.status));
        spans.push(Span::styled(text, style));
    }
    spans
}

/// A count with thousands separators: `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A short duration for the status bar: `21 s`, `3 min`.
pub fn duration(d: std::time::Duration) -> String {
    let secs = d.as_secs();
    if secs < 100 {
        format!("{} s", secs.max(1))
    } else {
        format!("{} min", secs.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_durations_read_easily() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12_345), "12,345");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(duration(std::time::Duration::from_millis(21_400)), "21 s");
        assert_eq!(duration(std::time::Duration::from_secs(170)), "3 min");
    }
}
