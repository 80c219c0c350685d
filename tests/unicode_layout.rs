//! Unicode in the layout: wide CJK, emoji (ZWJ sequences, flags, skin tones), combining
//! marks, right-to-left scripts, zero-width characters, soft hyphens and tabs wrap,
//! truncate with an ellipsis and highlight at their display widths, and no character is
//! ever split; whole screens with such articles draw cleanly at every size.

mod tui_support;

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use tui_support::{app_with, press, render};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use warta::article::{Article, Block, Format, LoadReport, Origin, load_bytes};
use warta::tui::Message;
use warta::tui::document::{Highlight, wrap_styled};
use warta::tui::fit::{pad, truncate};

/// Each case: a name and a text with a name-like run (`NAME`) to highlight inside it.
const CASES: &[(&str, &str)] = &[
    (
        "cjk",
        "東京都知事の小池百合子氏は記者会見で、新しい防災計画を発表した。NAME 대한민국 서울특별시",
    ),
    (
        "emoji",
        "Warga 👨‍👩‍👧‍👦 merayakan 🇮🇩 dan 🇯🇵 bersama NAME 👍🏽 lalu 🏳️‍🌈 di taman ❤️ hari ini",
    ),
    (
        "combining",
        "Tiếng Việt có dấu: Nguyễn Thị Minh Khai NAME e\u{301}\u{302}\u{303} a\u{308}\u{308} Z\u{335}\u{336}a\u{337}l\u{338}g\u{334}o",
    ),
    (
        "rtl",
        "قال الرئيس في القاهرة إن NAME سيزور المدينة غدا. שלום עולם ירושלים ותל אביב",
    ),
    (
        "zero-width",
        "Kata\u{200b}dengan\u{200b}spasi\u{200b}nol NAME\u{200c}x\u{200d}y\u{2060}z\u{feff}akhir",
    ),
    (
        "soft-hyphen",
        "Pemberan\u{ad}tasan korup\u{ad}si di Indo\u{ad}nesia NAME ber\u{ad}langsung pan\u{ad}jang",
    ),
    ("tabs", "Kolom\tsatu\tdua\t\tNAME\ttiga\tempat lima"),
    (
        "mixed",
        "a日b👨‍👩‍👧c\u{301}d\u{ad}eשלוםf\u{200b}g\tNAME 🇮🇩🇮🇩🇮🇩 非常に長い単語のような文字列ですよ",
    ),
];

/// The text with `NAME` replaced by a highlighted name, and the name's byte range.
fn with_name(text: &str) -> (String, std::ops::Range<usize>) {
    let name = "Siti Rahmawati";
    let at = text.find("NAME").unwrap_or(0);
    let full = text.replacen("NAME", name, 1);
    (full, at..at + name.len())
}

fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Characters with no whitespace, to compare text across line breaks.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn wrapping_keeps_every_char_fits_the_width_and_keeps_highlights() {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    for &(case, raw) in CASES {
        let (text, name) = with_name(raw);
        let widest = text.chars().filter_map(|c| c.width()).max().unwrap_or(1);
        let marks = [Highlight {
            range: name.clone(),
            style: bold,
        }];
        for width in 1..=60 {
            let lines = wrap_styled(&text, width, Style::new(), &marks);
            // No character lost, split or duplicated (tabs become spaces).
            let joined: String = lines.iter().map(|(l, _)| line_text(l)).collect();
            assert_eq!(squeeze(&joined), squeeze(&text), "{case} at {width}");
            for (line, start) in &lines {
                assert!(text.is_char_boundary(*start), "{case} at {width}");
                let shown = line_text(line);
                let columns = UnicodeWidthStr::width(shown.as_str());
                assert!(
                    columns <= width.max(widest) || shown.chars().count() == 1,
                    "{case} at {width}: {shown:?} is {columns} columns"
                );
            }
            // The highlight covers exactly the name, whatever the breaks.
            let highlighted: String = lines
                .iter()
                .flat_map(|(l, _)| l.spans.iter())
                .filter(|s| s.style == bold)
                .map(|s| s.content.as_ref())
                .collect();
            assert_eq!(
                squeeze(&highlighted),
                squeeze(&text[name.clone()]),
                "{case} at {width}"
            );
        }
    }
}

#[test]
fn truncation_fits_ends_in_an_ellipsis_and_never_splits_a_char() {
    for &(case, raw) in CASES {
        let (text, _) = with_name(raw);
        let text = text.replace('\t', " ");
        for max in 0..=80 {
            let cut = truncate(&text, max);
            assert!(
                UnicodeWidthStr::width(cut.as_str()) <= max,
                "{case} at {max}: {cut:?}"
            );
            if cut == text {
                continue;
            }
            if max > 0 {
                assert!(cut.ends_with('…'), "{case} at {max}: {cut:?}");
                let kept = cut.trim_end_matches('…');
                assert!(text.starts_with(kept), "{case} at {max}: {cut:?}");
            }
            let padded = pad(&text, max);
            assert_eq!(
                UnicodeWidthStr::width(padded.as_str()),
                max,
                "{case} padded to {max}: {padded:?}"
            );
        }
    }
}

fn article(i: usize, title: &str, body: &str) -> Article {
    let mut a = Article::new(
        title,
        Origin {
            path: format!("unicode-{i}.txt").into(),
            index: 0,
            format: Format::Text,
        },
    );
    a.source_name = Some(title.chars().take(12).collect());
    a.authors = vec![title.chars().rev().take(10).collect()];
    a.body = body
        .split("\n\n")
        .map(|p| Block::Paragraph {
            text: p.to_string(),
        })
        .collect();
    a
}

/// Every cell of a drawn screen: no control character, and each row adds up to the
/// screen width (a wide char takes its cell and a skipped one).
fn check_screen(app: &warta::tui::App, width: u16, height: u16, what: &str) {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    for y in 0..height {
        let mut columns = 0;
        let mut x = 0;
        while x < width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            assert!(
                !symbol.chars().any(warta::text::is_unsafe),
                "{what} {width}x{height}: control in cell ({x},{y}): {symbol:?}"
            );
            let w = UnicodeWidthStr::width(symbol).max(1);
            columns += w;
            x += w as u16;
        }
        assert_eq!(
            columns,
            usize::from(width),
            "{what} {width}x{height}: row {y}"
        );
    }
}

#[test]
fn screens_of_unicode_articles_draw_cleanly_at_every_size() {
    let articles: Vec<Article> = CASES
        .iter()
        .enumerate()
        .map(|(i, &(_, raw))| {
            let (text, _) = with_name(raw);
            let body = format!("{text}\n\n{}\n\n{text}", text.repeat(3));
            article(i, &text, &body)
        })
        .collect();
    let report = LoadReport {
        articles,
        problems: Vec::new(),
    };
    let mut app = app_with(report, 80, 24);
    for (i, &(case, _)) in CASES.iter().enumerate() {
        press(&mut app, "1");
        app.update(Message::Resize {
            width: 80,
            height: 24,
        });
        for _ in 0..i {
            press(&mut app, "j");
        }
        press(&mut app, "enter");
        for (w, h) in [(80, 24), (30, 10), (13, 7), (7, 3), (1, 1), (120, 40)] {
            app.update(Message::Resize {
                width: w,
                height: h,
            });
            check_screen(&app, w, h, case);
            press(&mut app, "space");
            check_screen(&app, w, h, case);
        }
    }
}

#[test]
fn soft_hyphens_are_dropped_at_load_and_tabs_and_zero_width_spaces_become_spaces() {
    let raw = "Judul Indo\u{ad}nesia\n\nPemberan\u{ad}tasan korup\u{ad}si\tdi\u{200b}sini.\n";
    let report = load_bytes(std::path::Path::new("soft.txt"), raw.as_bytes());
    let a = &report.articles[0];
    assert_eq!(a.title, "Judul Indonesia");
    let body = a.body_text();
    assert!(!body.contains('\u{ad}'), "{body:?}");
    assert_eq!(body, "Pemberantasan korupsi di sini.");
}
