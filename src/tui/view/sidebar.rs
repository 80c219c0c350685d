//! The sidebar: the open article's people and organizations (places folded below), each
//! with its mention count and, for people, a role when the article gives one.

use super::super::app::{App, SidebarRow};
use super::super::fit;
use super::super::layout::{self, Pane};
use super::pane_block;
use crate::ner::EntityKind;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The heading of a group.
pub fn group_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
    }
}

/// Draw the sidebar into its pane.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    frame.render_widget(pane_block(app, Pane::Sidebar, Pane::Sidebar.title()), area);
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    if width == 0 || inner.height == 0 {
        return;
    }
    let Some(analysis) = app.analysis() else {
        let mut lines = Vec::new();
        let waiting = app.open_index().is_some() && app.wanted_analysis() == app.open_index();
        let text = if waiting {
            super::super::app::FINDING_NAMES
        } else {
            "Open an article to see who is in it."
        };
        for line in textwrap::wrap(text, width.max(1)) {
            lines.push(Line::from(Span::styled(line.into_owned(), theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let focused = app.focus() == Pane::Sidebar && app.overlay().is_none();
    let mut lines = Vec::new();
    for (i, row) in app
        .sidebar_rows()
        .iter()
        .enumerate()
        .skip(app.sidebar_offset())
        .take(usize::from(inner.height))
    {
        let mut line = match *row {
            SidebarRow::Group { kind, count, open } => {
                let fold = match (kind, open) {
                    (EntityKind::Place, true) => "▾ ",
                    (EntityKind::Place, false) => "▸ ",
                    _ => "",
                };
                let label = format!("{fold}{} ({count})", group_title(kind));
                Line::from(Span::styled(fit::pad(&label, width), theme.group))
            }
            SidebarRow::Note(text) => Line::from(Span::styled(fit::pad(text, width), theme.dim)),
            SidebarRow::Entity(index) => match analysis.entities.get(index) {
                Some(entity) => {
                    let count = format!(" {}", entity.mentions);
                    let room = width.saturating_sub(fit::width(&count));
                    let name = sanitize_line(&entity.name);
                    let name = fit::pad(&format!(" {}", name.trim()), room);
                    Line::from(vec![
                        Span::styled(name, theme.body),
                        Span::styled(count, theme.count),
                    ])
                }
                None => Line::default(),
            },
            SidebarRow::Role(index) => {
                let role = analysis
                    .entities
                    .get(index)
                    .and_then(|e| e.role.as_deref())
                    .map(sanitize_line)
                    .unwrap_or_default();
                Line::from(Span::styled(
                    fit::pad(&format!("   {}", role.trim()), width),
                    theme.role,
                ))
            }
        };
        // The cursor covers the entity's name and its role line.
        let cursor_row = match *row {
            SidebarRow::Role(index) => app
                .sidebar_rows()
                .get(app.sidebar_selected())
                .is_some_and(|r| *r == SidebarRow::Entity(index)),
            _ => i == app.sidebar_selected() && row_is_cursor(*row),
        };
        if cursor_row {
            let style = if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            };
            line = line.patch_style(style);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_is_cursor(row: SidebarRow) -> bool {
    matches!(
        row,
        SidebarRow::Entity(_)
            | SidebarRow::Group {
                kind: EntityKind::Place,
                ..
            }
    )
}
