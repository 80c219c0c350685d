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
        for line in textwrap::wrap("Open an article to see who is in it.", width.max(1)) {
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
                    let room = width.saturating_sub(fit::width(&count) + 1);
                    let name = sanitize_line(&entity.name);
                    let role = entity
                        .role
                        .as_deref()
                        .map(sanitize_line)
                        .filter(|r| !r.trim().is_empty());
                    let name_fit = fit::truncate(&format!(" {}", name.trim()), room);
                    let mut spans = vec![Span::styled(name_fit.clone(), theme.body)];
                    let mut used = fit::width(&name_fit);
                    if let Some(role) = role
                        && used + 4 < room
                    {
                        let role_fit = fit::truncate(&format!(" · {}", role.trim()), room - used);
                        used += fit::width(&role_fit);
                        spans.push(Span::styled(role_fit, theme.role));
                    }
                    spans.push(Span::raw(
                        " ".repeat(width.saturating_sub(used + fit::width(&count))),
                    ));
                    spans.push(Span::styled(count, theme.count));
                    Line::from(spans)
                }
                None => Line::default(),
            },
        };
        if i == app.sidebar_selected() && row_is_cursor(*row) {
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
