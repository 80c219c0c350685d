//! The article list: two lines per article (unread marker and title; date and source).

use super::super::app::App;
use super::super::fit;
use super::super::layout::{self, Pane};
use super::pane_block;
use crate::article::Article;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The marker before an article that has not been opened.
pub const UNREAD: &str = "●";

/// Draw the list into its pane.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let title = title(app);
    frame.render_widget(pane_block(app, Pane::List, &title), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    if width == 0 || inner.height == 0 {
        return;
    }
    let focused = app.focus() == Pane::List;
    let list = app.list();
    let reading = app.reading();
    let mut lines = Vec::new();
    if list.is_empty() {
        let text = if app.search().kept().is_some() || app.search().prompt_open() {
            "No articles match the search."
        } else if app.list().unread_only() && !app.articles().is_empty() {
            "No unread articles."
        } else if app.progress().is_loading() {
            "Loading\u{2026}"
        } else {
            "No articles."
        };
        lines.push(Line::from(Span::styled(
            fit::truncate(text, width),
            theme.dim,
        )));
    }
    for position in list.offset()..list.len() {
        if lines.len() + 2 > usize::from(inner.height) {
            break;
        }
        let Some((i, article)) = list
            .article_at(position)
            .and_then(|i| Some((i, app.articles().get(i)?)))
        else {
            break;
        };
        let unread = !reading.is_read(i);
        let (marker, title_style) = if unread {
            (UNREAD, theme.list_title_unread)
        } else {
            (" ", theme.list_title)
        };
        let title = fit::pad(&sanitize_line(&article.title), width.saturating_sub(2));
        let date_format = &app.settings().date_format;
        let meta = fit::pad(&meta_with(article, date_format), width.saturating_sub(2));
        let star = if reading.is_starred(i) { STAR } else { " " };
        let mut first = Line::from(vec![
            Span::styled(marker, theme.unread),
            Span::raw(" "),
            Span::styled(title, title_style),
        ]);
        let mut second = Line::from(vec![
            Span::styled(star, theme.star),
            Span::raw(" "),
            Span::styled(meta, theme.list_meta),
        ]);
        if i == list.selected() {
            let style = if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            first = first.patch_style(style);
            second = second.patch_style(style);
        }
        lines.push(first);
        lines.push(second);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The pane's title: `Articles`, the order and whether read articles are left out.
fn title(app: &App) -> String {
    let list = app.list();
    let mut title = format!("{} \u{b7} {}", Pane::List.title(), list.sort().label());
    if list.unread_only() {
        title.push_str(" \u{b7} unread only");
    }
    title
}

/// The marker before the date of a starred article.
pub const STAR: &str = "★";

/// `2023-01-30 · Source` for the second line of a row.
pub fn meta(article: &Article) -> String {
    meta_with(article, crate::tui::config::DEFAULT_DATE_FORMAT)
}

/// [`meta`] with a `strftime` date format (checked when the config is read).
pub fn meta_with(article: &Article, date_format: &str) -> String {
    let date = article.published.map(|p| {
        let mut out = String::new();
        // An unprintable format gives the default date rather than a failed draw.
        if std::fmt::write(&mut out, format_args!("{}", p.local.format(date_format))).is_err() {
            out = p.local.format("%Y-%m-%d").to_string();
        }
        sanitize_line(&out)
    });
    let source = article
        .source_name
        .as_deref()
        .map(sanitize_line)
        .filter(|s| !s.trim().is_empty());
    match (date, source) {
        (Some(d), Some(s)) => format!("{d} · {}", s.trim()),
        (Some(d), None) => d,
        (None, Some(s)) => s.trim().to_string(),
        (None, None) => {
            // The file and its folder (`business/001.txt`): enough to tell articles apart.
            let parts: Vec<_> = article.origin.path.components().rev().take(2).collect();
            let short: std::path::PathBuf = parts.into_iter().rev().collect();
            sanitize_line(&short.to_string_lossy())
        }
    }
}
