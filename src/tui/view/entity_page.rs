//! The entity page: one person, organization or place across the whole collection.
//!
//! Drawn over the panes (above the status bar) from the [`EntityPage`] lines in the
//! [`App`]; each line is cut to the width, so the page scrolls the same at every size.

use super::super::app::App;
use super::super::entities::{EntityPage, PageLine};
use super::super::fit;
use super::super::layout;
use super::list;
use crate::corpus::{Corpus, GlobalEntity, first_mention_snippet};
use crate::ner::EntityKind;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

/// `1 article`, `3 articles`.
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Draw the entity page into `area`.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let (Some(page), Some(corpus)) = (app.entity_page(), app.corpus()) else {
        return;
    };
    let Some(entity) = corpus.index.entities.get(page.id) else {
        return;
    };
    let theme = app.theme();
    let title = match entity.kind {
        EntityKind::Person => " Person ",
        EntityKind::Organization => " Organization ",
        EntityKind::Place => " Place ",
    };
    let title = fit::truncate(title, usize::from(area.width.saturating_sub(2)));
    frame.render_widget(
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.border_focused)
            .title(Line::from(Span::styled(title, theme.pane_title_focused))),
        area,
    );
    let inner = layout::inner(area);
    let width = usize::from(inner.width);
    if width == 0 || inner.height == 0 {
        return;
    }
    let focused = app.overlay().is_none();
    let selected_line = page.rows.get(page.selected).copied();
    let lines: Vec<Line<'static>> = page
        .lines
        .iter()
        .enumerate()
        .skip(page.offset)
        .take(usize::from(inner.height))
        .map(|(i, line)| {
            let mut out = render_line(app, corpus, entity, page, line, width);
            if Some(i) == selected_line {
                out = out.patch_style(if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                });
            }
            out
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One page line, cut or padded to `width` columns.
fn render_line(
    app: &App,
    corpus: &Corpus,
    entity: &GlobalEntity,
    page: &EntityPage,
    line: &PageLine,
    width: usize,
) -> Line<'static> {
    let theme = app.theme();
    let plain = |text: String, style| Line::from(Span::styled(fit::pad(&text, width), style));
    match line {
        PageLine::Name => plain(
            format!(" {}", sanitize_line(&entity.name).trim()),
            theme.title.patch(theme.mention(entity.kind)),
        ),
        PageLine::Facts => plain(
            format!(
                " {} \u{b7} {} \u{b7} {}",
                entity.kind.name(),
                count(entity.article_count(), "article"),
                count(entity.mentions, "mention"),
            ),
            theme.byline,
        ),
        PageLine::Roles => labelled(app, "Roles", &entity.roles, width),
        PageLine::Aliases => labelled(app, "Also", &entity.aliases, width),
        PageLine::Blank => Line::from(" ".repeat(width)),
        PageLine::Heading(text) => plain(format!(" {text}"), theme.group),
        PageLine::Related(id, shared) => {
            let Some(other) = corpus.index.entities.get(*id) else {
                return Line::default();
            };
            let tail = format!(
                " {} \u{b7} {} ",
                other.kind.name(),
                count(*shared, "shared article")
            );
            let room = width.saturating_sub(fit::width(&tail));
            let name = fit::pad(&format!("   {}", sanitize_line(&other.name).trim()), room);
            Line::from(vec![
                Span::styled(name, theme.body),
                Span::styled(
                    fit::truncate(&tail, width.min(fit::width(&tail))),
                    theme.count,
                ),
            ])
        }
        PageLine::Article(occ) => {
            let Some(article) = corpus.articles.get(occ.article) else {
                return Line::default();
            };
            let meta = format!(" {} ", list::meta(article));
            // Keep at least half the line for the title.
            let meta = fit::truncate(&meta, width / 2);
            let room = width.saturating_sub(fit::width(&meta));
            let marker = if app.reading().is_read(occ.article) {
                "   "
            } else {
                " \u{25cf} "
            };
            let title = fit::pad(
                &format!("{marker}{}", sanitize_line(&article.title).trim()),
                room,
            );
            Line::from(vec![
                Span::styled(title, theme.list_title),
                Span::styled(meta, theme.list_meta),
            ])
        }
        PageLine::Snippet(occ) => {
            let text = corpus
                .articles
                .get(occ.article)
                .zip(
                    corpus
                        .analysis(occ.article)
                        .and_then(|a| a.entities.into_iter().nth(occ.local)),
                )
                .map(|(article, local)| {
                    let body = article.body_text();
                    first_mention_snippet(article, &body, &local, width.saturating_sub(8))
                })
                .unwrap_or_default();
            plain(format!("     {text}"), theme.dim)
        }
        PageLine::Quote(text) => {
            let _ = page;
            plain(
                format!("     \u{201c}{}\u{201d}", sanitize_line(text).trim()),
                theme.quote,
            )
        }
    }
}

/// ` Label: a; b; c`, cut to the width.
fn labelled(app: &App, label: &str, items: &[String], width: usize) -> Line<'static> {
    let theme = app.theme();
    let joined = items
        .iter()
        .map(|s| sanitize_line(s).trim().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let head = format!(" {label}: ");
    let room = width.saturating_sub(fit::width(&head));
    Line::from(vec![
        Span::styled(fit::truncate(&head, width), theme.dim),
        Span::styled(fit::pad(&joined, room), theme.role),
    ])
}
