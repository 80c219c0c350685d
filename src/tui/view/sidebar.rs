//! The sidebar: the open article's people and organizations (places folded below), each
//! with its mention count and, for people, a role when the article gives one. When the
//! pane is tall enough, the selected entity's detail (role, aliases and the quotes the
//! article attributes to it) fills its lower part.

use super::super::app::{App, SidebarRow};
use super::super::fit;
use super::super::layout::{self, Pane};
use super::pane_block;
use crate::ner::{Entity, EntityKind};
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
    let (inner, detail) = layout::sidebar_parts(area);
    let width = usize::from(inner.width);
    if width == 0 || inner.height == 0 {
        return;
    }
    let Some(analysis) = app.analysis() else {
        let mut lines = Vec::new();
        let open = app.reader().open();
        let waiting = open.is_some() && app.progress().wanted() == open;
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
    let sidebar = app.sidebar();
    let mut lines = Vec::new();
    for (i, row) in sidebar
        .rows()
        .iter()
        .enumerate()
        .skip(sidebar.offset())
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
            SidebarRow::Role(index) => sidebar.selected_entity() == Some(index),
            _ => i == sidebar.selected() && row.selectable(),
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
    if let Some(detail) = detail {
        draw_detail(frame, app, app.selected_entity(), detail);
    }
}

/// The selected entity's detail: a rule with its name, its kind and mentions, role,
/// aliases, and the quotes the article attributes to it.
fn draw_detail(frame: &mut Frame<'_>, app: &App, entity: Option<&Entity>, area: Rect) {
    let theme = app.theme();
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if width == 0 || height == 0 {
        return;
    }
    let wrapped = |text: &str| -> Vec<String> {
        textwrap::wrap(text, width)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let Some(entity) = entity else {
        lines.push(Line::from(Span::styled(
            "\u{2500}".repeat(width),
            theme.border,
        )));
        for l in wrapped("Select a name to see its role, other names and quotes.") {
            lines.push(Line::from(Span::styled(l, theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let name = sanitize_line(&entity.name);
    let rule = fit::truncate(&format!("\u{2500} {} ", name.trim()), width);
    let fill = width.saturating_sub(fit::width(&rule));
    lines.push(Line::from(vec![
        Span::styled(rule, theme.group),
        Span::styled("\u{2500}".repeat(fill), theme.border),
    ]));
    let mentions = if entity.mentions == 1 {
        "1 mention".to_string()
    } else {
        format!("{} mentions", entity.mentions)
    };
    let kind = entity.kind.name();
    lines.push(Line::from(Span::styled(
        fit::truncate(&format!("{kind} \u{b7} {mentions}"), width),
        theme.count,
    )));
    if let Some(role) = &entity.role {
        for l in wrapped(sanitize_line(role).trim()) {
            lines.push(Line::from(Span::styled(l, theme.role)));
        }
    }
    if !entity.aliases.is_empty() {
        let aliases: Vec<String> = entity.aliases.iter().map(|a| sanitize_line(a)).collect();
        for l in wrapped(&format!("also: {}", aliases.join(", "))) {
            lines.push(Line::from(Span::styled(l, theme.dim)));
        }
    }
    let quotes = app.sidebar().quotes();
    if quotes.is_empty() {
        if entity.kind == EntityKind::Person {
            for l in wrapped("No quotes in this article.") {
                lines.push(Line::from(Span::styled(l, theme.dim)));
            }
        }
    } else {
        for quote in quotes {
            let text = format!("\u{201c}{}\u{201d}", sanitize_line(quote).trim());
            for l in wrapped(&text) {
                lines.push(Line::from(Span::styled(l, theme.quote)));
            }
        }
    }
    if lines.len() > height {
        lines.truncate(height);
        if let Some(last) = lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = last.spans.first().map(|s| s.style).unwrap_or_default();
            let cut = fit::truncate(&format!("{text} \u{2026}"), width);
            *last = Line::from(Span::styled(cut, style));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
