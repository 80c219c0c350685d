//! The status bar: position, counts, load problems and key hints from the keymap.

use super::super::action::Action;
use super::super::app::App;
use super::super::fit;
use super::super::keymap::{Context, Keymap};
use super::super::layout::Mode;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The actions hinted in each context, most useful first; pairs share one hint.
fn hinted(context: Context, mode: Mode, problems: bool) -> Vec<(Action, Option<Action>)> {
    let mut hints = match context {
        Context::List => vec![
            (Action::Open, None),
            (Action::MoveDown, Some(Action::MoveUp)),
        ],
        Context::Reader => vec![
            (Action::MoveDown, Some(Action::MoveUp)),
            (Action::PageDown, Some(Action::PageUp)),
            (Action::NextArticle, Some(Action::PrevArticle)),
            (Action::NextUnread, None),
        ],
        Context::Sidebar => vec![
            (Action::MoveDown, Some(Action::MoveUp)),
            (Action::Open, None),
            (Action::NextMention, Some(Action::PrevMention)),
            (Action::FilterEntity, None),
        ],
        Context::Entity => vec![
            (Action::MoveDown, Some(Action::MoveUp)),
            (Action::Open, None),
            (Action::Back, None),
            (Action::FilterEntity, None),
        ],
        Context::Search => vec![
            (Action::SearchAccept, None),
            (Action::SearchCancel, None),
            (Action::MoveDown, Some(Action::MoveUp)),
        ],
        Context::Help => vec![
            (Action::CloseOverlay, None),
            (Action::MoveDown, Some(Action::MoveUp)),
        ],
        Context::Global => {
            let mut hints = vec![(Action::ToggleHelp, None), (Action::Quit, None)];
            if problems {
                hints.insert(0, (Action::ToggleProblems, None));
            }
            hints
        }
    };
    // Where global keys work, their hints follow the context's own.
    if context.inherits_global() {
        hints.push((Action::FocusNext, None));
        if mode != Mode::Single {
            hints.push((Action::ToggleSidebar, None));
        }
        if problems {
            hints.push((Action::ToggleProblems, None));
        }
        hints.push((Action::ToggleHelp, None));
        // From the list, going back one level is quitting; the entity page hints its own
        // way back.
        if matches!(context, Context::Reader | Context::Sidebar) {
            hints.push((Action::Leave, None));
        }
        hints.push((Action::Quit, None));
    }
    hints
}

/// The hints for a context as `(keys, label)` pairs, keys read back from the keymap
/// (`problems`: whether there are load problems to show).
pub fn hints(
    keymap: &Keymap,
    context: Context,
    mode: Mode,
    problems: bool,
) -> Vec<(String, &'static str)> {
    hinted(context, mode, problems)
        .into_iter()
        .filter_map(|(action, pair)| {
            let first = shortest(keymap, context, action)?;
            let keys = match pair.and_then(|p| shortest(keymap, context, p)) {
                Some(other) => format!("{first}/{other}"),
                None => first,
            };
            Some((keys, action.hint()))
        })
        .collect()
}

/// The shortest way to type an action from a context (`space` rather than `pagedown`).
fn shortest(keymap: &Keymap, context: Context, action: Action) -> Option<String> {
    keymap
        .effective_keys(context, action)
        .iter()
        .map(ToString::to_string)
        .min_by_key(|k| fit::width(k))
}

/// Draw the status bar.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect, mode: Mode) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let width = usize::from(area.width);
    let total = app.articles().len();
    let list = app.list();
    let mut left: Vec<Span<'static>> = Vec::new();
    if total > 0 || app.progress().is_loading() {
        left.push(Span::styled(
            format!(
                " {}/{} · {} unread",
                list.position_of(list.selected()) + 1,
                list.len(),
                app.reading().unread()
            ),
            theme.status,
        ));
        left.extend(super::entity_status(app));
    } else {
        left.push(Span::styled(" no articles", theme.status));
    }
    let problems = app.problems().len();
    if problems > 0 {
        let word = if problems == 1 { "problem" } else { "problems" };
        left.push(Span::styled(" · ", theme.status));
        left.push(Span::styled(
            format!("{problems} {word}"),
            theme.status.patch(theme.warning),
        ));
    }
    if let Some(query) = app.search().kept() {
        left.push(Span::styled(" · ", theme.status));
        left.push(Span::styled(
            format!("/{}", sanitize_line(query)),
            theme.status.patch(theme.key),
        ));
    }
    if let Some(notice) = app.notice() {
        left.push(Span::styled(" · ", theme.status));
        left.push(Span::styled(
            sanitize_line(notice),
            theme.status.patch(theme.warning),
        ));
    }
    let left_width: usize = left.iter().map(|s| fit::width(&s.content)).sum();

    // Hints from the right end, as many as fit after the counts.
    let context = if total == 0 && app.overlay().is_none() {
        Context::Global
    } else {
        app.context()
    };
    // Help, quit and problems are kept first when space is short; the rest in order.
    let all = hints(app.keymap(), context, mode, problems > 0);
    let piece = |(keys, label): &(String, &str)| 2 + fit::width(keys) + 1 + fit::width(label);
    let mut priority: Vec<usize> = (0..all.len()).collect();
    priority.sort_by_key(|&i| match all[i].1 {
        "help" => 0,
        "quit" => 1,
        "problems" => 2,
        _ => 3 + i,
    });
    let mut keep = vec![false; all.len()];
    let mut right_width = 0;
    for i in priority {
        let w = piece(&all[i]);
        if left_width + right_width + w < width {
            keep[i] = true;
            right_width += w;
        }
    }
    let mut right: Vec<Span<'static>> = Vec::new();
    for ((keys, label), _) in all.into_iter().zip(keep).filter(|(_, k)| *k) {
        right.push(Span::styled("  ", theme.status));
        right.push(Span::styled(keys, theme.status.patch(theme.key)));
        right.push(Span::styled(format!(" {label}"), theme.status));
    }
    let gap = width.saturating_sub(left_width + right_width + 1);
    let mut spans = left;
    spans.push(Span::styled(" ".repeat(gap), theme.status));
    spans.extend(right);
    spans.push(Span::styled(" ", theme.status));
    let line = if left_width > width {
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        Line::from(Span::styled(fit::truncate(&text, width), theme.status))
    } else {
        Line::from(spans)
    };
    frame.render_widget(
        Paragraph::new(line).style(Style::new().patch(theme.status)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format, Origin};
    use crate::corpus::load::{LoadBatch, LoadEvent};
    use crate::tui::app::Message;
    use crate::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    /// The status bar of a one-article collection after `message`, without its styles.
    fn status_after(message: Message, width: u16) -> Result<Buffer, Box<dyn std::error::Error>> {
        let mut app = App::loading(Keymap::embedded()?, Theme::monochrome());
        let article = Article::new(
            "Judul",
            Origin {
                path: "a.txt".into(),
                index: 0,
                format: Format::Text,
            },
        );
        let batch = LoadBatch {
            keys: vec![crate::store::article_key(&article)],
            articles: vec![article],
            problems: Vec::new(),
        };
        for message in [
            Message::Resize { width, height: 24 },
            Message::Load(LoadEvent::Batch {
                batch,
                files_done: 1,
            }),
            Message::Load(LoadEvent::Finished),
            message,
        ] {
            // The search index and analysis asked for are not needed for the status bar.
            let _ = app.update(message);
        }
        let mut terminal = Terminal::new(TestBackend::new(width, 1))?;
        terminal.draw(|frame| draw(frame, &app, frame.area(), Mode::Medium))?;
        let mut shown = terminal.backend().buffer().clone();
        shown.set_style(shown.area, Style::reset());
        Ok(shown)
    }

    #[test]
    fn the_notice_is_shown_once_and_clean() -> Result<(), Box<dyn std::error::Error>> {
        let shown = status_after(
            Message::Notice("nothing to go \u{1b}[31mback to".into()),
            80,
        )?;
        assert_eq!(
            shown,
            Buffer::with_lines([
                " 1/1 · 1 unread · nothing to go back to    enter open  j/k move  ? help  Q quit "
            ])
        );
        Ok(())
    }
}
