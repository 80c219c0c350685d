//! The screen shown when nothing could be loaded: what happened and what to do.

use super::super::app::App;
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draw the empty-collection screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = app.theme();
    let mut lines = vec![
        Line::from(Span::styled("No articles loaded.", theme.title)),
        Line::default(),
    ];
    let problems = app.problems();
    if problems.is_empty() {
        lines.push(Line::from(Span::styled(
            "The files given held no articles.",
            theme.body,
        )));
    } else {
        let word = if problems.len() == 1 {
            "problem"
        } else {
            "problems"
        };
        lines.push(Line::from(Span::styled(
            format!("{} {word} while loading:", problems.len()),
            theme.warning,
        )));
        for problem in problems {
            lines.push(Line::from(Span::styled(
                format!("  {}", sanitize_line(&problem.to_string())),
                theme.body,
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Run warta with files or folders of articles (text, JSON, CSV, Markdown, HTML, feeds).",
        theme.dim,
    )));
    let block = Block::bordered()
        .border_style(theme.border)
        .title(" warta ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
