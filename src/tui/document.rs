//! The reader's content: an article laid out as styled lines for a given width.
//!
//! Built when an article is opened, the pane is resized or the highlighted entity changes,
//! never while drawing. Paragraphs are wrapped with textwrap and styled by byte ranges, so
//! entity mentions (byte offsets into [`Article::body_text`]) keep their style across line
//! breaks. All article text passes through [`crate::text::sanitize`] first.

use super::theme::Theme;
use crate::article::{Article, Block};
use crate::text::{sanitize, sanitize_line};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// A byte range of some text to draw in a style (patched over the text's own style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Bytes of the text concerned.
    pub range: Range<usize>,
    /// The style patched over them.
    pub style: Style,
}

/// An article laid out for one width.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The lines, top to bottom.
    pub lines: Vec<Line<'static>>,
    /// For each line that shows body text: its first byte in `body_text()` and its index,
    /// in order, for finding the line of a mention.
    pub body_lines: Vec<(usize, usize)>,
}

impl Document {
    /// The line that shows a byte of the body text (the last line starting at or before it).
    pub fn line_of(&self, body_offset: usize) -> Option<usize> {
        let i = self
            .body_lines
            .partition_point(|&(start, _)| start <= body_offset);
        i.checked_sub(1).map(|i| self.body_lines[i].1)
    }
}

/// What to highlight while laying out an article.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Ranges of the title.
    pub title: Vec<Highlight>,
    /// Ranges of [`Article::body_text`].
    pub body: Vec<Highlight>,
}

/// Lay out an article for a text area `width` columns wide.
pub fn layout(article: &Article, width: u16, theme: &Theme, marks: &Marks) -> Document {
    let width = usize::from(width).max(1);
    let mut doc = Document::default();

    let title = sanitize_line(&article.title);
    let title_marks = remap(&article.title, &title, &marks.title);
    for (line, _) in wrap_styled(&title, width, theme.title, &title_marks) {
        doc.lines.push(line);
    }

    if let Some(lead) = article
        .lead
        .as_deref()
        .map(sanitize)
        .filter(|l| !l.trim().is_empty())
    {
        doc.lines.push(Line::default());
        for (line, _) in wrap_styled(lead.trim(), width, theme.lead, &[]) {
            doc.lines.push(line);
        }
    }

    let byline = byline(article);
    if !byline.is_empty() {
        doc.lines.push(Line::default());
        for (line, _) in wrap_styled(&byline, width, theme.byline, &[]) {
            doc.lines.push(line);
        }
    }
    // What the loader had to do to this file (a guessed encoding, a line cut short).
    for note in &article.notes {
        for (line, _) in wrap_styled(
            &format!("Note: {}", sanitize_line(note)),
            width,
            theme.dim,
            &[],
        ) {
            doc.lines.push(line);
        }
    }
    doc.lines
        .push(Line::styled("─".repeat(width.min(40)), theme.dim));

    let blocks = article.body.blocks();
    let ranges = crate::article::block_ranges(&blocks);
    for (block, range) in blocks.iter().zip(ranges) {
        let Some(range) = range else { continue };
        let raw = block.text();
        let local: Vec<Highlight> = marks
            .body
            .iter()
            .filter(|h| h.range.start < range.end && h.range.end > range.start)
            .map(|h| Highlight {
                range: h.range.start.max(range.start) - range.start
                    ..h.range.end.min(range.end) - range.start,
                style: h.style,
            })
            .collect();
        let clean = sanitize(raw);
        // Loaded text is clean already, so offsets map one to one (checked once per block:
        // redoing it per wrapped line made long paragraphs quadratic).
        let identical = clean.len() == raw.len();
        let mut local = remap(raw, &clean, &local);
        doc.lines.push(Line::default());
        let (style, prefix, prefix_style) = match block {
            Block::Paragraph { .. } => (theme.body, "", theme.body),
            Block::Heading { .. } => (theme.heading, "", theme.body),
            Block::Caption(_) => (theme.caption, "▌ ", theme.credit),
            Block::Quote { .. } => (theme.quote, "│ ", theme.quote),
            Block::Code { .. } => (theme.body, "    ", theme.body),
        };
        let mut text = clean;
        let text_len = text.len();
        if let Block::Caption(caption) = block
            && let Some(credit) = caption.credit.as_deref().map(sanitize_line)
            && !credit.trim().is_empty()
        {
            text.push_str(" — ");
            text.push_str(credit.trim());
            local.insert(
                0,
                Highlight {
                    range: text_len..text.len(),
                    style: theme.credit,
                },
            );
        }
        let inner_width = width.saturating_sub(super::fit::width(prefix)).max(1);
        let lines = if matches!(block, Block::Code { .. }) {
            // Code keeps its lines as they are; a line wider than the pane is cut there.
            code_lines(&text, style, &local)
        } else {
            wrap_styled(&text, inner_width, style, &local)
        };
        for (line, start) in lines {
            if start < text_len {
                // Map back from the sanitized text to body_text() for mention jumps.
                let offset = if identical { start } else { unmap(raw, start) };
                doc.body_lines.push((range.start + offset, doc.lines.len()));
            }
            if prefix.is_empty() {
                doc.lines.push(line);
            } else {
                let mut spans = vec![Span::styled(prefix, prefix_style)];
                spans.extend(line.spans);
                doc.lines.push(Line::from(spans));
            }
        }
    }
    doc
}

/// Authors, date, source and dateline on one line, separated by ` · `.
pub fn byline(article: &Article) -> String {
    let mut parts = Vec::new();
    let authors: Vec<String> = article
        .authors
        .iter()
        .map(|a| sanitize_line(a).trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        parts.push(format!("By {}", authors.join(", ")));
    }
    if let Some(p) = article.published {
        parts.push(long_date(&p));
    }
    for field in [&article.source_name, &article.dateline] {
        if let Some(v) = field.as_deref().map(sanitize_line)
            && !v.trim().is_empty()
        {
            parts.push(v.trim().to_string());
        }
    }
    // A no-break space keeps each separator with the part before it when the line wraps.
    parts.join("\u{a0}· ")
}

/// A publication date for reading: `30 Jan 2023 15:30 +07:00`.
pub fn long_date(p: &crate::article::Published) -> String {
    let mut out = p.local.format("%-d %b %Y").to_string();
    if p.has_time {
        out.push_str(&p.local.format(" %H:%M").to_string());
        if let Some(offset) = p.offset {
            out.push_str(&format!(" {offset}"));
        }
    }
    out
}

/// Move highlight ranges from `raw` to `clean = sanitize(raw)` (or `sanitize_line`): each
/// boundary goes to the length of the sanitized prefix before it.
fn remap(raw: &str, clean: &str, marks: &[Highlight]) -> Vec<Highlight> {
    if raw.len() == clean.len() {
        return marks.to_vec();
    }
    let at = |b: usize| {
        sanitize(&raw[..floor_boundary(raw, b)])
            .len()
            .min(clean.len())
    };
    marks
        .iter()
        .map(|h| Highlight {
            range: at(h.range.start)..at(h.range.end),
            style: h.style,
        })
        .collect()
}

/// The inverse of [`remap`] for one offset of the sanitized text: the raw offset whose
/// sanitized prefix is at least that long.
fn unmap(raw: &str, clean_offset: usize) -> usize {
    if clean_offset == 0 {
        return 0;
    }
    // Sanitized prefix lengths grow with the prefix, so a binary search finds it.
    let bounds: Vec<usize> = raw
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(raw.len()))
        .collect();
    let i = bounds.partition_point(|&i| sanitize(&raw[..i]).len() < clean_offset);
    bounds.get(i).copied().unwrap_or(raw.len())
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Wrap `text` to `width` columns and style it: `base` everywhere, each highlight patched
/// over its bytes (later highlights over earlier ones). Returns each line with the byte
/// offset in `text` where it starts.
pub fn wrap_styled(
    text: &str,
    width: usize,
    base: Style,
    marks: &[Highlight],
) -> Vec<(Line<'static>, usize)> {
    // Tabs would be measured as zero columns; a space has the same byte length.
    let text: Cow<'_, str> = if text.contains('\t') {
        Cow::Owned(text.replace('\t', " "))
    } else {
        Cow::Borrowed(text)
    };
    let text = text.as_ref();
    let options = textwrap::Options::new(width.max(1));
    let mut out = Vec::new();
    let mut cursor = 0;
    for piece in textwrap::wrap(text, options) {
        let start = locate(text, &piece, cursor);
        let end = floor_boundary(text, start + piece.len());
        let start = floor_boundary(text, start);
        cursor = end;
        for range in fit_columns(text, start..end, width.max(1)) {
            out.push((style_range(text, range.clone(), base, marks), range.start));
        }
    }
    out
}

/// A code block's lines, unwrapped and styled like [`wrap_styled`]'s, each with the byte
/// offset in `text` where it starts.
fn code_lines(text: &str, base: Style, marks: &[Highlight]) -> Vec<(Line<'static>, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let range = start..start + line.len();
        out.push((style_range(text, range, base, marks), start));
        start += line.len() + 1;
    }
    out
}

/// Split a wrapped line that is wider on screen than textwrap measured it.
///
/// textwrap adds up the widths of single chars, but some sequences are drawn wider than
/// their parts: a text-style symbol with the emoji selector (`❤️`, `☀️`) or a keycap
/// (`1️⃣`) takes two columns. Such a line is cut, at its last space that fits or else
/// before the first char that does not fit, never inside a sequence (before a zero-width
/// char or after a joiner). Lines that fit, nearly all, come back as they are.
fn fit_columns(text: &str, range: Range<usize>, width: usize) -> Vec<Range<usize>> {
    use unicode_width::UnicodeWidthStr;
    let mut out = Vec::new();
    let mut rest = range;
    while text[rest.clone()].width() > width {
        let line = &text[rest.clone()];
        // Where a cut may go: before a char that takes columns and is not joined on.
        let mut prev: Option<char> = None;
        let mut fits = 0;
        let mut last_space = None;
        for (i, c) in line.char_indices() {
            let joined = prev == Some('\u{200d}') || c.width().unwrap_or(0) == 0;
            if i > 0 && !joined {
                if line[..i].width() > width {
                    break;
                }
                fits = i;
                if c == ' ' {
                    last_space = Some(i);
                }
            }
            prev = Some(c);
        }
        let cut = match last_space {
            Some(i) if i > 0 => i,
            _ if fits > 0 => fits,
            // Not even one sequence fits: it goes on a line of its own.
            _ => line
                .char_indices()
                .skip(1)
                .find(|&(i, c)| c.width().unwrap_or(0) > 0 && !line[..i].ends_with('\u{200d}'))
                .map_or(line.len(), |(i, _)| i),
        };
        let kept = line[..cut].trim_end().len();
        if kept > 0 {
            out.push(rest.start..rest.start + kept);
        }
        let skip = line[cut..].len() - line[cut..].trim_start().len();
        rest = rest.start + cut + skip..rest.end;
        if rest.is_empty() {
            return out;
        }
    }
    out.push(rest);
    out
}

/// Where a wrapped piece sits in the original text: exact when the piece borrows from it
/// (textwrap's usual result), by search from the cursor otherwise.
fn locate(text: &str, piece: &str, cursor: usize) -> usize {
    let offset = (piece.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if offset <= text.len() && text.get(offset..offset + piece.len()) == Some(piece) {
        return offset;
    }
    let needle = piece.trim_end_matches('-');
    text.get(cursor..)
        .and_then(|rest| rest.find(needle))
        .map_or(cursor, |i| cursor + i)
}

fn style_range(text: &str, range: Range<usize>, base: Style, marks: &[Highlight]) -> Line<'static> {
    let mut cuts = vec![range.start, range.end];
    let relevant: Vec<&Highlight> = marks
        .iter()
        .filter(|h| h.range.start < range.end && h.range.end > range.start)
        .collect();
    for h in &relevant {
        for b in [h.range.start, h.range.end] {
            if b > range.start && b < range.end {
                cuts.push(floor_boundary(text, b));
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans: Vec<Span<'static>> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        if piece.is_empty() {
            continue;
        }
        let style = relevant
            .iter()
            .filter(|h| h.range.start <= a && h.range.end >= b)
            .fold(base, |s, h| s.patch(h.style));
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(piece),
            _ => spans.push(Span::styled(piece.to_string(), style)),
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Caption, Format, Origin};
    use ratatui::style::Modifier;

    fn text_of(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wrapping_keeps_highlights_across_line_breaks() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let text = "Rapat dengan Siti Rahmawati Lubis berlangsung lama";
        let start = text.find("Siti").unwrap();
        let end = start + "Siti Rahmawati Lubis".len();
        let lines = wrap_styled(
            text,
            20,
            Style::new(),
            &[Highlight {
                range: start..end,
                style: bold,
            }],
        );
        let rendered: Vec<String> = lines.iter().map(|(l, _)| text_of(l)).collect();
        assert_eq!(
            rendered,
            ["Rapat dengan Siti", "Rahmawati Lubis", "berlangsung lama"]
        );
        let bolded: String = lines
            .iter()
            .flat_map(|(l, _)| l.spans.iter())
            .filter(|s| s.style == bold)
            .map(|s| s.content.to_string())
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(bolded, "Siti|Rahmawati Lubis");
        assert_eq!(lines[1].1, text.find("Rahmawati").unwrap());
    }

    #[test]
    fn highlights_inside_multibyte_text_never_split_chars() {
        let text = "Gubernur Jawa Timur — “Khofifah” — hadir";
        let s = text.find("Khofifah").unwrap();
        // A range that starts inside the opening quote is floored to a char boundary.
        let marks = [Highlight {
            range: s - 1..s + 8,
            style: Style::new().add_modifier(Modifier::BOLD),
        }];
        for w in 1..30 {
            let lines = wrap_styled(text, w, Style::new(), &marks);
            let joined: String = lines.iter().map(|(l, _)| text_of(l)).collect();
            let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            assert_eq!(squeeze(&joined), squeeze(text), "width {w}");
        }
    }

    #[test]
    fn loader_notes_show_above_the_body() {
        let mut a = Article::new(
            "Catatan",
            Origin {
                path: "n.txt".into(),
                index: 0,
                format: crate::article::Format::Text,
            },
        );
        a.notes.push("decoded as Windows-1252".into());
        a.body = vec![Block::Paragraph {
            text: "Isi artikel.".into(),
        }]
        .into();
        let doc = layout(&a, 60, &Theme::monochrome(), &Marks::default());
        let text: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        let note = text
            .iter()
            .position(|l| l == "Note: decoded as Windows-1252");
        let body = text.iter().position(|l| l == "Isi artikel.");
        assert!(note.is_some() && note < body, "{text:?}");
    }

    #[test]
    fn code_blocks_keep_their_lines_unwrapped() {
        let mut a = Article::new(
            "Catatan",
            Origin {
                path: "c.md".into(),
                index: 0,
                format: Format::Markdown,
            },
        );
        let code = "pasang --semua --dengan-pilihan-yang-panjang-sekali\n  --periksa";
        a.body = vec![
            Block::Paragraph {
                text: "Jalankan:".into(),
            },
            Block::Code { text: code.into() },
        ]
        .into();
        let body = a.body_text();
        let at = body.find("--periksa").unwrap();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let marks = Marks {
            body: vec![Highlight {
                range: at..at + "--periksa".len(),
                style: bold,
            }],
            ..Marks::default()
        };
        let doc = layout(&a, 20, &Theme::monochrome(), &marks);
        let text: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        let first = text
            .iter()
            .position(|l| l == "    pasang --semua --dengan-pilihan-yang-panjang-sekali")
            .unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(text[first + 1], "      --periksa");
        let marked: Vec<String> = doc.lines[first + 1]
            .spans
            .iter()
            .filter(|s| s.style == bold)
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(marked, ["--periksa"]);
        // A jump to the mention lands on its line.
        assert!(
            doc.body_lines
                .contains(&(body.find("  --periksa").unwrap(), first + 1))
        );
    }

    #[test]
    fn article_layout_has_title_lead_byline_and_styled_blocks() {
        let theme = Theme::monochrome();
        let mut a = Article::new(
            "Banjir \u{1b}[31mmerendam\u{1b}[0m kampung",
            Origin {
                path: "x.txt".into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.lead = Some("Warga mengungsi ke balai desa.".into());
        a.authors = vec!["Rina Kusuma".into()];
        a.source_name = Some("Kabar Desa".into());
        a.dateline = Some("Bandung".into());
        a.body = vec![
            Block::Paragraph {
                text: "Air naik sejak pagi.".into(),
            },
            Block::Heading {
                text: "Bantuan".into(),
            },
            Block::Caption(Caption {
                text: "Perahu karet".into(),
                credit: Some("Foto: Budi".into()),
            }),
        ]
        .into();
        let doc = layout(&a, 40, &theme, &Marks::default());
        let text: Vec<String> = doc
            .lines
            .iter()
            .map(|l| text_of(l).replace('\u{a0}', " "))
            .collect();
        assert_eq!(text[0], "Banjir merendam kampung");
        assert!(text.contains(&"Warga mengungsi ke balai desa.".to_string()));
        assert!(text.contains(&"By Rina Kusuma · Kabar Desa · Bandung".to_string()));
        assert!(text.contains(&"▌ Perahu karet — Foto: Budi".to_string()));
        let credit = doc
            .lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content.contains("Foto"));
        assert!(credit.is_some_and(|s| s.style.add_modifier.contains(Modifier::DIM)));
        // Body lines map back to body_text offsets.
        let body = a.body_text();
        let heading_line = doc.line_of(body.find("Bantuan").unwrap()).unwrap();
        assert_eq!(text[heading_line], "Bantuan");
    }
}
