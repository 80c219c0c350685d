//! Turning an HTML tree into body [`Block`]s: paragraphs, headings, captions, quotes and
//! preformatted code, with the links each block holds.
//!
//! The walk keeps a buffer of inline text and closes it into a block whenever a
//! block-level element starts or ends. Page furniture that survives extraction (scripts,
//! forms, share bars, related-article lists) is skipped by tag, by role and by class name.

use crate::article::{Block, Caption};
use crate::text::{sanitize, sanitize_line};
use dom_query::NodeRef;

/// Deeper than this, an element's text is taken whole instead of walked (bounds the stack).
const MAX_DEPTH: usize = 160;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "video", "audio", "map", "button", "input", "select", "textarea", "form", "nav",
    "aside", "footer", "head", "title", "meta", "link", "img", "picture", "source", "label",
    "dialog", "menu", "option", "datalist", "output", "progress", "meter",
];

/// Elements that start and end a block of running text.
const BLOCK_LEVEL: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "center", "address", "dl", "dt", "dd",
    "tr", "details", "summary", "hgroup", "body", "html", "table", "tbody", "thead", "tfoot",
    "caption", "fieldset", "legend", "hr",
];

/// Class or id fragments that mark page chrome rather than article text.
const CHROME_MARKERS: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "advert",
    "sponsor",
    "promo",
    "breadcrumb",
    "comment",
    "sidebar",
    "cookie",
    "paywall",
    "signup",
    "sign-up",
    "popular",
    "trending",
    "recommend",
    "read-more",
    "readmore",
    "more-stories",
    "outbrain",
    "taboola",
];

/// Class, id or itemprop fragments that mark a photo credit inside a caption.
const CREDIT_MARKERS: &[&str] = &["credit", "copyright", "photographer", "byline", "source"];

/// Words that make a trailing parenthesis of a caption its credit.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "foto",
    "photograph",
    "picture",
    "image",
    "credit",
    "getty",
    "reuters",
    "afp",
    "ap",
    "epa",
    "dok.",
    "ist.",
    "istimewa",
    "shutterstock",
    "courtesy",
    "antara",
];

/// What kind of block the running text becomes when it is closed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Paragraph,
    Quote,
}

/// The walk's state: finished blocks, the open text and the context it sits in.
pub(super) struct Walker {
    blocks: Vec<Block>,
    buf: String,
    pending_space: bool,
    mode: Mode,
    preformatted: bool,
    /// Open lists: `None` for bullets, `Some(n)` for the next number of an ordered list.
    lists: Vec<Option<usize>>,
    /// A heading equal to this (the article title) is dropped as a repeat.
    title: Option<String>,
    /// Credit text found in credit-marked elements of the caption being collected.
    credit: Option<String>,
    in_caption: bool,
    /// Nesting depth of links around the current text.
    in_link: usize,
    /// Characters (not spaces) of the open text, and how many of them sit inside links.
    text_chars: usize,
    link_chars: usize,
    /// Set while a heading or caption is collected: its text is kept even if all linked.
    collecting: bool,
    /// The `href` of every link met, with the index of the block it belongs to (the
    /// number of finished blocks when it was met: the block the open text becomes).
    links: Vec<(usize, String)>,
}

/// What a walk found: the blocks, and each link's `href` with the index of its block.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Links as `(block index, href)`, in reading order.
    pub links: Vec<(usize, String)>,
}

impl Walker {
    /// A walker that drops a leading heading repeating `title`.
    pub(super) fn new(title: Option<&str>) -> Self {
        Walker {
            blocks: Vec::new(),
            buf: String::new(),
            pending_space: false,
            mode: Mode::Paragraph,
            preformatted: false,
            lists: Vec::new(),
            title: title.map(normalize_key),
            credit: None,
            in_caption: false,
            in_link: 0,
            text_chars: 0,
            link_chars: 0,
            collecting: false,
            links: Vec::new(),
        }
    }

    /// Walk the children of `node` as article content.
    pub(super) fn walk_children(&mut self, node: &NodeRef<'_>, depth: usize) {
        for child in node.children_it(false) {
            self.walk(&child, depth + 1);
        }
    }

    /// Close the open text and return the blocks found.
    pub(super) fn finish(self) -> Vec<Block> {
        self.finish_walk().blocks
    }

    /// Close the open text and return the blocks and the links found.
    pub(super) fn finish_walk(mut self) -> Walked {
        self.flush();
        self.drop_open_links();
        Walked {
            blocks: self.blocks,
            links: self.links,
        }
    }

    /// Forget the links of text that did not become a block.
    fn drop_open_links(&mut self) {
        let kept = self.blocks.len();
        self.links.retain(|(block, _)| *block < kept);
    }

    fn walk(&mut self, node: &NodeRef<'_>, depth: usize) {
        if node.is_text() {
            let text = node.text();
            self.push_text(&text);
            return;
        }
        if !node.is_element() {
            // Comments, doctypes and processing instructions carry no text.
            if node.is_document() || node.is_fragment() {
                self.walk_children(node, depth);
            }
            return;
        }
        let Some(name) = node.node_name() else {
            return;
        };
        let name = name.to_ascii_lowercase();
        if SKIPPED.contains(&name.as_str()) || is_hidden(node) || is_chrome(node, &name) {
            return;
        }
        if depth > MAX_DEPTH {
            // Pathologically deep markup: keep the words, give up on the structure.
            self.push_text(&node.text());
            return;
        }
        if self.in_caption && self.credit.is_none() && has_marker(node, CREDIT_MARKERS) {
            let mut sub = Walker::new(None);
            sub.walk_children(node, depth);
            let credit = join_blocks(&sub.finish());
            if !credit.is_empty() {
                self.credit = Some(credit);
                return;
            }
        }
        if !self.in_caption
            && matches!(name.as_str(), "p" | "div")
            && has_marker(node, &["caption"])
        {
            self.caption(node, depth);
            return;
        }
        match name.as_str() {
            "br" => self.line_break(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(node, depth),
            "figcaption" => self.caption(node, depth),
            "figure" => {
                self.flush();
                self.walk_children(node, depth);
                self.flush();
            }
            "blockquote" => {
                self.flush();
                let outer = self.mode;
                self.mode = Mode::Quote;
                self.walk_children(node, depth);
                self.flush();
                self.mode = outer;
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push((name == "ol").then(|| start_number(node)));
                self.walk_children(node, depth);
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => "• ".to_string(),
                };
                self.buf.push_str(&marker);
                self.walk_children(node, depth);
                self.flush();
            }
            "pre" => self.preformatted(node, depth),
            // A `<code>` element of several lines standing alone is a code block too.
            "code"
                if !self.preformatted
                    && !self.collecting
                    && self.buf.trim().is_empty()
                    && node.text().trim().contains('\n') =>
            {
                self.preformatted(node, depth);
            }
            "a" => {
                if let Some(href) = node.attr("href") {
                    let href = href.trim();
                    if !href.is_empty() && !self.in_caption {
                        self.links.push((self.blocks.len(), href.to_string()));
                    }
                }
                self.in_link += 1;
                self.walk_children(node, depth);
                self.in_link -= 1;
            }
            "td" | "th" => {
                self.pending_space = true;
                self.walk_children(node, depth);
                self.pending_space = true;
            }
            n if BLOCK_LEVEL.contains(&n) => {
                self.flush();
                self.walk_children(node, depth);
                self.flush();
            }
            _ => self.walk_children(node, depth),
        }
    }

    /// A `<pre>` (or a standalone `<code>`) element: one code block, its lines kept.
    fn preformatted(&mut self, node: &NodeRef<'_>, depth: usize) {
        self.flush();
        let outer = self.preformatted;
        self.preformatted = true;
        self.walk_children(node, depth);
        self.flush();
        self.preformatted = outer;
    }

    fn heading(&mut self, node: &NodeRef<'_>, depth: usize) {
        self.flush();
        let text = self.inline_text(node, depth);
        if text.is_empty() {
            return;
        }
        let repeats_title = self.blocks.is_empty()
            && self
                .title
                .as_deref()
                .is_some_and(|t| t == normalize_key(&text));
        if !repeats_title {
            self.blocks.push(Block::Heading {
                text: sanitize_line(&text),
            });
        }
        self.drop_open_links();
    }

    fn caption(&mut self, node: &NodeRef<'_>, depth: usize) {
        self.flush();
        let outer_credit = self.credit.take();
        let outer_in_caption = self.in_caption;
        self.in_caption = true;
        let text = self.inline_text(node, depth);
        let credit = self.credit.take();
        self.in_caption = outer_in_caption;
        self.credit = outer_credit;
        let (text, credit) = match credit {
            Some(credit) => (text, Some(credit)),
            None => split_credit(&text),
        };
        let text = sanitize_line(&text);
        let credit = credit.map(|c| sanitize_line(&c)).filter(|c| !c.is_empty());
        if text.is_empty() && credit.is_none() {
            return;
        }
        self.blocks.push(Block::Caption(Caption { text, credit }));
    }

    /// The collapsed text of an element's children, walked with the same rules.
    fn inline_text(&mut self, node: &NodeRef<'_>, depth: usize) -> String {
        let start = self.blocks.len();
        let outer = self.collecting;
        self.collecting = true;
        self.walk_children(node, depth);
        self.flush();
        self.collecting = outer;
        let parts: Vec<Block> = self.blocks.drain(start..).collect();
        // The links of the parts belong to the one block they become.
        for (block, _) in &mut self.links {
            *block = (*block).min(start);
        }
        join_blocks(&parts)
    }

    fn push_text(&mut self, text: &str) {
        if self.preformatted {
            self.buf.push_str(&text.replace('\u{a0}', " "));
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with(['\n', ' ']) {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
            self.text_chars += 1;
            if self.in_link > 0 {
                self.link_chars += 1;
            }
        }
    }

    fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        } else if self.buf.ends_with('\n') && !self.preformatted {
            // Two breaks in a row separate paragraphs.
            self.flush();
        }
        self.pending_space = false;
    }

    fn flush(&mut self) {
        self.pending_space = false;
        let (text_chars, link_chars) = (self.text_chars, self.link_chars);
        self.text_chars = 0;
        self.link_chars = 0;
        let raw = std::mem::take(&mut self.buf);
        let text = if self.preformatted {
            raw.trim_matches('\n').trim_end().to_string()
        } else {
            raw.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let text = sanitize(&text);
        if text.is_empty() || is_bare_marker(&text) {
            self.drop_open_links();
            return;
        }
        if self.preformatted && !self.collecting {
            self.blocks.push(Block::Code { text });
            return;
        }
        let all_linked = link_chars * 10 >= text_chars * 9;
        if all_linked
            && !self.collecting
            && self.mode == Mode::Paragraph
            && text.split_whitespace().count() <= 25
        {
            // A paragraph or list item that is nothing but a link is a pointer to another
            // page ("Read the full story", related-article lists), not article text; a
            // short label introducing it ("Read more:") goes with it.
            if let Some(Block::Paragraph { text: label }) = self.blocks.last()
                && label.ends_with(':')
                && label.split_whitespace().count() <= 6
            {
                self.blocks.pop();
            }
            self.drop_open_links();
            return;
        }
        self.blocks.push(match self.mode {
            Mode::Paragraph => Block::Paragraph { text },
            Mode::Quote => Block::Quote { text },
        });
    }
}

/// The texts of blocks on one line.
fn join_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let text = block.text();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text);
    }
    collapse(&out)
}

/// Whether the text is only a list marker (an empty list item).
fn is_bare_marker(text: &str) -> bool {
    text == "•"
        || (text.ends_with('.') && text[..text.len() - 1].bytes().all(|b| b.is_ascii_digit()))
}

fn start_number(node: &NodeRef<'_>) -> usize {
    node.attr("start")
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
}

/// Class names that hide text from sighted readers (screen-reader labels and the like).
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader-text",
    "screenreader-only",
    "offscreen",
    "u-hidden",
    "is-hidden",
    "hide",
];

fn is_hidden(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if let Some(class) = node.attr("class")
        && class
            .split_whitespace()
            .any(|c| HIDDEN_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
    {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Whether an element is page chrome by its role or its class and id names.
fn is_chrome(node: &NodeRef<'_>, name: &str) -> bool {
    if let Some(role) = node.attr("role") {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "complementary"
                | "contentinfo"
                | "search"
                | "menu"
                | "dialog"
        ) {
            return true;
        }
    }
    // Headings and paragraphs are judged by their content, not their styling hooks.
    if matches!(
        name,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption" | "body" | "html"
    ) {
        return false;
    }
    has_marker(node, CHROME_MARKERS)
}

fn has_marker(node: &NodeRef<'_>, markers: &[&str]) -> bool {
    let mut names = String::new();
    for attr in ["class", "id", "itemprop"] {
        if let Some(v) = node.attr(attr) {
            names.push_str(&v.to_ascii_lowercase());
            names.push(' ');
        }
    }
    !names.is_empty() && markers.iter().any(|m| names.contains(m))
}

/// Collapse runs of whitespace (including no-break spaces and newlines) to one space.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A lowercase, whitespace-collapsed key for comparing headings with the title.
fn normalize_key(text: &str) -> String {
    collapse(text).to_lowercase()
}

/// Whether a caption's trailing parenthesis names a photographer or agency: it carries a
/// credit word (`Photo`, `AFP`, `Dok.`) or an `agency/name` slash.
fn looks_like_credit(text: &str) -> bool {
    if text.is_empty() || text.split_whitespace().count() > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    lower.contains('/') || words.iter().any(|w| CREDIT_WORDS.contains(w))
}

/// Split a trailing credit off a caption: `(Photo: NAME)`, `(AP Photo/NAME)`,
/// `Photograph: NAME/AGENCY`, `Foto: NAME`.
pub(super) fn split_credit(caption: &str) -> (String, Option<String>) {
    let caption = caption.trim();
    if let Some(inner) = caption.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let credit = inner[open + 1..].trim();
        if looks_like_credit(credit) {
            let text = inner[..open].trim_end().to_string();
            return (text, Some(credit.to_string()));
        }
    }
    let lower = caption.to_lowercase();
    for label in [
        "photograph:",
        "photo:",
        "foto:",
        "credit:",
        "picture:",
        "image:",
        "source:",
        "sumber:",
    ] {
        if let Some(at) = lower.rfind(label)
            && at > 0
            && caption.is_char_boundary(at)
        {
            let before = caption[..at].trim_end();
            if before.ends_with(['.', '!', '?', '|', '-', '–', '—', ',']) {
                let text = before
                    .trim_end_matches(['|', '-', '–', '—', ','])
                    .trim_end();
                return (text.to_string(), Some(caption[at..].trim().to_string()));
            }
        }
    }
    (caption.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        let doc = dom_query::Document::fragment(html);
        let mut walker = Walker::new(None);
        walker.walk_children(&doc.root(), 0);
        walker.finish()
    }

    fn para(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    #[test]
    fn paragraphs_headings_and_quotes() {
        let got = blocks(
            "<p>One  <b>bold</b>\n word.</p><h2>Part&nbsp;two</h2><blockquote><p>Said it.</p></blockquote><p>End</p>",
        );
        assert_eq!(
            got,
            vec![
                para("One bold word."),
                Block::Heading {
                    text: "Part two".into()
                },
                Block::Quote {
                    text: "Said it.".into()
                },
                para("End"),
            ]
        );
    }

    #[test]
    fn lists_become_marked_paragraphs() {
        let got = blocks(
            "<ul><li>alpha</li><li></li><li>beta</li></ul><ol start=3><li>x</li><li>y</li></ol>",
        );
        assert_eq!(
            got,
            vec![para("• alpha"), para("• beta"), para("3. x"), para("4. y")]
        );
    }

    #[test]
    fn breaks_are_line_breaks_and_double_breaks_split() {
        let got = blocks("<div>first<br>second<br><br>third</div>");
        assert_eq!(got, vec![para("first\nsecond"), para("third")]);
    }

    #[test]
    fn chrome_is_dropped() {
        let got = blocks(
            "<p>Keep</p><script>var x = 1;</script><style>p{}</style><nav>Home</nav>\
             <div class=\"share-bar\">Share this</div><ul class=\"related-links\"><li>Other</li></ul>\
             <!-- a comment --><p hidden>Gone</p><span style=\"display: none\">gone</span>",
        );
        assert_eq!(got, vec![para("Keep")]);
    }

    #[test]
    fn link_only_paragraphs_and_their_labels_are_dropped() {
        let got = blocks(
            "<p>Body with <a href=x>a link</a> inside.</p><p><a href=y>See the full transcript</a></p>\
             <p>More news:</p><ul><li><a href=1>Other story one</a></li><li><a href=2>Other story two</a></li></ul>\
             <h2><a href=z>Linked heading</a></h2>",
        );
        assert_eq!(
            got,
            vec![
                para("Body with a link inside."),
                Block::Heading {
                    text: "Linked heading".into()
                }
            ]
        );
    }

    #[test]
    fn captions_keep_credits_apart() {
        let got = blocks(
            "<figure><img src=x><figcaption>A boat at dawn <span class=\"credit\">Jo Lee/Agency</span></figcaption></figure>\
             <figure><figcaption>Crowds gather. (AP Photo/Sam Fox)</figcaption></figure>\
             <figure><figcaption>A quiet street. Photograph: Ana Ruiz</figcaption></figure>\
             <figure><figcaption>Two cats (left and right)</figcaption></figure>\
             <figure><figcaption>Nets dry. (Jo Lee / The Daily)</figcaption></figure>\
             <p class=\"caption\"><span>Rain falls.</span> <span class=\"image-source\"><em>Source:</em> Supplied</span></p>\
             <figure><figcaption>Dawn. <span class=\"credit\"><span class=\"visually-hidden\">Credit</span> Ana Ruiz</span></figcaption></figure>",
        );
        assert_eq!(
            got,
            vec![
                Block::Caption(Caption {
                    text: "A boat at dawn".into(),
                    credit: Some("Jo Lee/Agency".into())
                }),
                Block::Caption(Caption {
                    text: "Crowds gather.".into(),
                    credit: Some("AP Photo/Sam Fox".into())
                }),
                Block::Caption(Caption {
                    text: "A quiet street.".into(),
                    credit: Some("Photograph: Ana Ruiz".into())
                }),
                Block::Caption(Caption {
                    text: "Two cats (left and right)".into(),
                    credit: None
                }),
                Block::Caption(Caption {
                    text: "Nets dry.".into(),
                    credit: Some("Jo Lee / The Daily".into())
                }),
                Block::Caption(Caption {
                    text: "Rain falls.".into(),
                    credit: Some("Source: Supplied".into())
                }),
                Block::Caption(Caption {
                    text: "Dawn.".into(),
                    credit: Some("Ana Ruiz".into())
                }),
            ]
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let got = blocks(
            "<p>Run this:</p><pre><code>cargo build\n  --release\n</code></pre>\
             <div><code>let a = 1;\nlet b = 2;</code></div><p>Then <code>a</code> is set.</p>",
        );
        assert_eq!(
            got,
            vec![
                para("Run this:"),
                Block::Code {
                    text: "cargo build\n  --release".into()
                },
                Block::Code {
                    text: "let a = 1;\nlet b = 2;".into()
                },
                para("Then a is set."),
            ]
        );
    }

    #[test]
    fn links_belong_to_the_blocks_that_are_kept() {
        let doc = dom_query::Document::fragment(
            "<p>See <a href=\"/a\">one</a> and <a href=\"https://b.id/x\">two</a>.</p>\
             <p><a href=\"/related\">Only a link to another story</a></p>\
             <h2><a href=\"/h\">Linked heading</a></h2><p>Plain text.</p>\
             <figure><figcaption>A boat <a href=\"/photo\">photo</a></figcaption></figure>\
             <p>Last <a href=\"/c\">three</a></p>",
        );
        let mut walker = Walker::new(None);
        walker.walk_children(&doc.root(), 0);
        let walked = walker.finish_walk();
        let links: Vec<(usize, &str)> =
            walked.links.iter().map(|(i, h)| (*i, h.as_str())).collect();
        assert_eq!(
            links,
            vec![(0, "/a"), (0, "https://b.id/x"), (1, "/h"), (4, "/c")]
        );
        assert_eq!(walked.blocks.len(), 5);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}deep{}",
            "<div><span>".repeat(5000),
            "</span></div>".repeat(5000)
        );
        let got = blocks(&html);
        assert_eq!(got, vec![para("deep")]);
    }

    #[test]
    fn terminal_controls_never_pass() {
        let got = blocks("<p>a\u{1b}[2Jb&#27;[31mc&#1;</p>");
        assert_eq!(got, vec![para("abc")]);
    }
}
