//! Saved HTML pages: extract the article (title, byline, date, site, body blocks) and drop
//! the page chrome. Also turns HTML fragments found in JSON and feed fields into blocks.
//!
//! Extraction is done by `dom_smoothie`, a port of Mozilla's Readability: it scores the
//! page's nodes, keeps the article's container and cleans it. warta then reads metadata in
//! its own order (JSON-LD, then OpenGraph and `<meta>` tags, then the extractor's guesses)
//! and walks the kept HTML into [`Block`]s (see `blocks`).

mod blocks;
mod charset;
mod meta;

use super::clean::{self, Boiler};
use super::{Article, Block, Format, LoadReport, Origin, Problem};
use crate::text::sanitize_line;
use blocks::{Walked, Walker, collapse};
use dom_query::Document;
use dom_smoothie::{Config, Readability};
use std::path::Path;

pub(crate) use meta::{language_code, split_byline};

/// Pages larger than this are refused rather than parsed (keeps memory bounded).
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Most elements a page may have before extraction is skipped for a plain walk (real news
/// pages have one to three thousand; extraction time grows faster than the element count).
const MAX_ELEMENTS: usize = 50_000;

/// Deepest element nesting handed to the extractor (real pages nest 15 to 40 deep; the
/// extractor's time grows with the square of the depth).
const MAX_NESTING: usize = 256;

/// Load a saved HTML page as one article.
pub fn load(path: &Path, bytes: &[u8]) -> LoadReport {
    let mut report = LoadReport::default();
    if bytes.len() > MAX_PAGE_BYTES {
        report.problems.push(Problem {
            path: path.to_path_buf(),
            line: None,
            reason: format!(
                "page too large ({} MiB, the limit is {} MiB)",
                bytes.len() / (1024 * 1024),
                MAX_PAGE_BYTES / (1024 * 1024)
            ),
        });
        return report;
    }
    let (html, note) = charset::decode(bytes);
    let mut article = page_article(path, &html);
    article.notes.extend(note);
    if article.body.is_empty() {
        article
            .notes
            .push("no article text found on the page".to_string());
    }
    report.articles.push(article);
    report
}

/// Turn an HTML fragment (a JSON `content_html` or a feed item's content) into body blocks.
///
/// Text without any markup is split into paragraphs at blank lines. Entities are decoded,
/// whitespace collapsed, scripts, styles and share bars dropped, and every block passed
/// through [`crate::text::sanitize`].
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    fragment(html).blocks
}

/// An HTML fragment's body: its blocks and the `href`s of the links in the blocks kept.
#[derive(Debug, Default)]
pub struct Fragment {
    /// The blocks, as [`fragment_blocks`] gives them.
    pub blocks: Vec<Block>,
    /// The links' `href`s as written (relative ones too), in order.
    pub links: Vec<String>,
}

/// [`fragment_blocks`] with the links of the blocks that were kept.
pub fn fragment(html: &str) -> Fragment {
    if !html.contains('<') {
        return Fragment {
            blocks: plain_blocks(html),
            links: Vec::new(),
        };
    }
    if nests_deeper_than(html, MAX_PARSE_NESTING) {
        return Fragment {
            blocks: plain_blocks(&flat_text(html)),
            links: Vec::new(),
        };
    }
    let doc = Document::fragment(html);
    let mut walker = Walker::new(None);
    walker.walk_children(&doc.root(), 0);
    tidy(walker.finish_walk())
}

/// Drop the boilerplate lines news sites put inside article bodies (`Baca juga: ...`,
/// `ADVERTISEMENT`, a trailing `(ant/ded)` desk code, a `Related articles` tail), with the
/// same rules as the plain-text loader, and the links those lines held.
fn tidy(walked: Walked) -> Fragment {
    let Walked { blocks, links } = walked;
    let mut kept = vec![false; blocks.len()];
    let mut out = Vec::with_capacity(blocks.len());
    // Short lines still to drop after a boilerplate line (a link or video title).
    let mut followers = 0;
    for (i, block) in blocks.into_iter().enumerate() {
        let block = match block {
            Block::Paragraph { text } => Block::Paragraph {
                text: clean::strip_inline(&text),
            },
            Block::Quote { text } => Block::Quote {
                text: clean::strip_inline(&text),
            },
            other => other,
        };
        let text = block.text();
        if text.is_empty() {
            continue;
        }
        if matches!(block, Block::Caption(_) | Block::Code { .. }) {
            kept[i] = true;
            out.push(block);
            continue;
        }
        if followers > 0 && clean::is_follower(text) {
            followers -= 1;
            continue;
        }
        followers = 0;
        match clean::boilerplate(text) {
            Some(Boiler::Tail) => break,
            Some(boiler) => followers = boiler.followers(),
            None => {
                kept[i] = true;
                out.push(block);
            }
        }
    }
    let links = links
        .into_iter()
        .filter(|(block, _)| kept.get(*block).copied().unwrap_or(false))
        .map(|(_, href)| href)
        .collect();
    Fragment { blocks: out, links }
}

/// Move a dateline (`JAKARTA, KOMPAS.com -`, `LONDON —`) from the first paragraph into
/// [`Article::dateline`].
pub(crate) fn take_dateline(article: &mut Article) {
    let Some(Block::Paragraph { text }) = article
        .body
        .blocks_mut()
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    else {
        return;
    };
    let Some(dateline) = clean::dateline(text) else {
        return;
    };
    let rest = text.get(dateline.len..).unwrap_or("").trim().to_string();
    if rest.is_empty() {
        return;
    }
    *text = rest;
    article.dateline = dateline.place.map(|p| sanitize_line(&p));
}

/// A one-line field that may hold markup or entities, as plain sanitized text.
///
/// `Tom &amp; Jerry`, `Tom &#38; Jerry` and `<b>Tom</b> &amp; Jerry` all become
/// `Tom & Jerry`.
pub fn plain_line(text: &str) -> String {
    let text = if text.contains('<') {
        fragment_blocks(text)
            .iter()
            .map(Block::text)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        html_escape::decode_html_entities(text).into_owned()
    };
    sanitize_line(&collapse(&text))
}

/// Paragraphs of a text without markup: entities decoded, split at blank lines.
fn plain_blocks(text: &str) -> Vec<Block> {
    let decoded = html_escape::decode_html_entities(text);
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut close = |current: &mut Vec<&str>| {
        let joined = collapse(&current.join(" "));
        let joined = crate::text::sanitize(&joined);
        if !joined.is_empty() {
            blocks.push(Block::Paragraph { text: joined });
        }
        current.clear();
    };
    for line in decoded.lines() {
        if line.trim().is_empty() {
            close(&mut current);
        } else {
            current.push(line);
        }
    }
    close(&mut current);
    blocks
}

/// Deepest nesting the HTML parser is given: its tree building slows with the square of the
/// depth, so a page nested thousands deep is read as flat text instead.
const MAX_PARSE_NESTING: usize = 1000;

/// Void elements and elements whose end tag may be left out: neither adds nesting that
/// stays open in a well-formed page.
const NO_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "param",
];

/// Whether the markup opens more than `limit` elements without closing them, estimated
/// in one pass over the text (comments, scripts and styles skipped).
fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let lower_find = |from: usize, needle: &[u8]| -> Option<usize> {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map(|at| from + at)
    };
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        if bytes[i..].starts_with(b"!--") {
            i = lower_find(i, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end == start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let tag_end = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| end + p);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        i = tag_end;
        if NO_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = lower_find(i, close.as_bytes()).unwrap_or(bytes.len());
        } else if !self_closing {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// The text of markup too deeply nested to parse: tags dropped, entities decoded.
fn flat_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

/// Build the article for a decoded page: metadata first, then the extracted body.
fn page_article(path: &Path, html: &str) -> Article {
    if nests_deeper_than(html, MAX_PARSE_NESTING) {
        let mut article = Article::new(
            file_title(path),
            Origin {
                path: path.to_path_buf(),
                index: 0,
                format: Format::Html,
            },
        );
        article.body = plain_blocks(&flat_text(html)).into();
        article.notes.push(format!(
            "markup nested more than {MAX_PARSE_NESTING} deep: shown as plain text"
        ));
        return article;
    }
    let doc = Document::from(html);
    let page = meta::extract(&doc);
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Keep class names so credits and leftover chrome can still be recognised.
        keep_classes: true,
        ..Config::default()
    };
    let origin = Origin {
        path: path.to_path_buf(),
        index: 0,
        format: Format::Html,
    };
    let mut extracted = None;
    if within_limits(&doc)
        && let Ok(mut readability) = Readability::with_document(doc, None, Some(config))
    {
        extracted = readability.parse().ok();
    }

    let (guess_title, byline, excerpt, site, published, content) = match &extracted {
        Some(a) => (
            Some(a.title.clone()),
            a.byline.clone(),
            a.excerpt.clone(),
            a.site_name.clone(),
            a.published_time.clone(),
            Some(a.content.to_string()),
        ),
        None => (None, None, None, None, None, None),
    };

    let title = page
        .headline
        .clone()
        .or(guess_title)
        .map(|t| sanitize_line(&collapse(&t)))
        .filter(|t| !t.is_empty())
        .or_else(|| fallback_title(html))
        .unwrap_or_else(|| file_title(path));
    let mut article = Article::new(title, origin);

    let body = match &content {
        Some(content) => {
            let fragment = Document::fragment(content.as_str());
            let mut walker = Walker::new(Some(&article.title));
            walker.walk_children(&fragment.root(), 0);
            tidy(walker.finish_walk())
        }
        None => {
            article.notes.push(
                "the article could not be told apart from the page; showing all its text"
                    .to_string(),
            );
            tidy(whole_page_blocks(html, &article.title))
        }
    };
    article.body = body.blocks.into();
    article.links = body.links;
    take_dateline(&mut article);

    article.authors = if page.authors.is_empty() {
        byline
            .as_deref()
            .map(meta::split_byline)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| meta::plausible_name(n))
            .collect()
    } else {
        page.authors
    };
    article.authors = article
        .authors
        .iter()
        .map(|a| sanitize_line(a))
        .filter(|a| !a.is_empty())
        .collect();

    article.published = page
        .published
        .as_deref()
        .and_then(meta::parse_date)
        .or_else(|| published.as_deref().and_then(meta::parse_date));
    article.source_name = page
        .site_name
        .or(site)
        .map(|s| sanitize_line(&collapse(&s)))
        .filter(|s| !s.is_empty());
    article.url = page.url.map(|u| sanitize_line(&u));
    article.language = page.language;
    article.tags = page.tags.iter().map(|t| sanitize_line(t)).collect();
    article.lead = excerpt
        .map(|e| sanitize_line(&collapse(&e)))
        .filter(|e| !e.is_empty() && !repeats_body(e, &article.body.blocks()));
    article
}

/// Whether the page is small and shallow enough for the extractor.
fn within_limits(doc: &Document) -> bool {
    let mut stack = vec![(doc.root(), 0usize)];
    let mut elements = 0;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_NESTING {
            return false;
        }
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return false;
            }
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    true
}

/// Whether a lead only repeats the opening of the body (Readability's excerpt fallback).
fn repeats_body(lead: &str, body: &[Block]) -> bool {
    let Some(first) = body.iter().find(|b| matches!(b, Block::Paragraph { .. })) else {
        return false;
    };
    let lead = lead.trim_end_matches(['.', '…', ' ']);
    let first = first.text();
    first.starts_with(lead) || lead.starts_with(first.trim_end_matches(['.', ' ']))
}

/// Every text block of the page's `<article>`, `<main>` or `<body>` with its links,
/// chrome dropped.
fn whole_page_blocks(html: &str, title: &str) -> Walked {
    let doc = Document::from(html);
    for selector in ["article", "main", "[role=main]", "body"] {
        let selection = doc.select(selector);
        if let Some(node) = selection.nodes().first() {
            let mut walker = Walker::new(Some(title));
            walker.walk_children(node, 0);
            let walked = walker.finish_walk();
            if !walked.blocks.is_empty() {
                return walked;
            }
        }
    }
    Walked::default()
}

/// The `<title>` element's text, when the extractor gave nothing.
fn fallback_title(html: &str) -> Option<String> {
    let doc = Document::from(html);
    let title = doc.select("title").text();
    let title = sanitize_line(&collapse(&title));
    (!title.is_empty()).then_some(title)
}

/// The file name without its extension, as a last-resort title.
fn file_title(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = sanitize_line(&stem);
    if title.is_empty() {
        "Untitled page".to_string()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_decode_entities_and_keep_structure() {
        let blocks =
            fragment_blocks("<p>Fish &amp; chips&#39; price&nbsp;rose</p><h3>Why</h3><p>Cost</p>");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph {
                    text: "Fish & chips' price rose".into()
                },
                Block::Heading { text: "Why".into() },
                Block::Paragraph {
                    text: "Cost".into()
                },
            ]
        );
    }

    #[test]
    fn plain_fragments_split_at_blank_lines() {
        let blocks = fragment_blocks("First line\nstill first.\n\nSecond &amp; last.");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph {
                    text: "First line still first.".into()
                },
                Block::Paragraph {
                    text: "Second & last.".into()
                },
            ]
        );
    }

    #[test]
    fn plain_line_strips_markup_and_entities() {
        assert_eq!(plain_line("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(plain_line("<b>Tom</b> &#38; Jerry\n"), "Tom & Jerry");
        assert_eq!(plain_line("a\u{1b}]0;x\u{7}b"), "ab");
    }

    #[test]
    fn nesting_estimate() {
        let deep = format!("{}x{}", "<div>".repeat(50), "</div>".repeat(50));
        assert!(nests_deeper_than(&deep, 40));
        assert!(!nests_deeper_than(&deep, 60));
        // Unclosed paragraphs and list items, void elements, scripts and comments add nothing.
        let flat = format!(
            "{}<script>{}</script><!-- {} -->",
            "<p>a<br><img src=x><li>b<input/>".repeat(500),
            "<div>".repeat(500),
            "<div>".repeat(500)
        );
        assert!(!nests_deeper_than(&flat, 10));
    }

    #[test]
    fn very_deep_markup_is_read_as_flat_text() {
        let html = format!(
            "<p>Top &amp; tail</p>{}deep text{}",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(
            fragment_blocks(&html),
            vec![Block::Paragraph {
                text: "Top & tail deep text".into()
            }]
        );
        let report = load(Path::new("deep.html"), html.as_bytes());
        assert_eq!(report.articles[0].body_text(), "Top & tail deep text");
        assert_eq!(report.articles[0].notes.len(), 1);
    }

    #[test]
    fn garbage_never_panics() {
        for input in [
            &b""[..],
            b"<",
            b"<<<>>>",
            b"\xff\xfe\x00<\x00p",
            b"<html><body><p>unclosed",
            b"\x00\x01\x02",
        ] {
            let report = load(Path::new("x.html"), input);
            assert_eq!(report.articles.len(), 1);
            assert!(!report.articles[0].title.is_empty());
        }
    }
}
