//! Feed files: RSS 0.9x/1.0/2.0, Atom and JSON Feed; every item becomes an article.
//!
//! Parsing (and the declared XML encoding) is `feed-rs`'s job; this module maps its model
//! onto [`Article`]: title, link, date, authors, categories as tags, and the item's content
//! (or its summary) turned from HTML into blocks by [`super::html::fragment_blocks`]. The
//! feed's own title becomes every article's `source_name`.

use super::html::{
    Fragment, fragment, fragment_blocks, language_code, plain_line, split_byline, take_dateline,
};
use super::{Article, Block, Format, LoadReport, Origin, Problem, Published, date};
use crate::text::sanitize_line;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, Feed, Text};
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Feed files larger than this are refused rather than parsed (keeps memory bounded).
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

/// Load every item of a feed file as an article, the feed's title as the source.
pub fn load(path: &Path, bytes: &[u8]) -> LoadReport {
    let mut report = LoadReport::default();
    let problem = |reason: String| Problem {
        path: path.to_path_buf(),
        line: None,
        reason,
    };
    if bytes.len() > MAX_FEED_BYTES {
        report.problems.push(problem(format!(
            "feed too large ({} MiB, the limit is {} MiB)",
            bytes.len() / (1024 * 1024),
            MAX_FEED_BYTES / (1024 * 1024)
        )));
        return report;
    }
    let (feed, written) = match parse(bytes) {
        Ok(parsed) => parsed,
        Err(reason) => {
            report.problems.push(problem(reason));
            return report;
        }
    };
    if feed.entries.is_empty() {
        report
            .problems
            .push(problem("feed holds no items".to_string()));
        return report;
    }
    let source = feed.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let language = feed.language.as_deref().and_then(language_code);
    for (index, entry) in feed.entries.iter().enumerate() {
        let origin = Origin {
            path: path.to_path_buf(),
            index,
            format: Format::Feed,
        };
        let mut article = entry_article(entry, &feed, origin, path);
        if let Some(at) = entry.published.or(entry.updated) {
            article.published = written.get(&at).copied().or(article.published);
        }
        article.source_name = source.clone();
        if article.language.is_none() {
            article.language = language.clone();
        }
        report.articles.push(article);
    }
    report
}

/// The written form of each date, by the instant feed-rs carries.
type WrittenDates = HashMap<DateTime<Utc>, Published>;

/// Parse a feed with feed-rs (the workarounds of [`parser_input`] applied, missing ids left
/// empty), with the written form of each date it met; the error is a one-line reason.
fn parse(bytes: &[u8]) -> Result<(Feed, WrittenDates), String> {
    if late_declaration(bytes) {
        // Invalid XML, and the XML reader underneath feed-rs panics on it.
        return Err("invalid feed: an XML declaration after the start of the file".to_string());
    }
    // Dates are read by warta's own parser, which also keeps the zone the source wrote;
    // feed-rs only carries the UTC instant, so the written form is looked up by instant.
    let written: Arc<Mutex<WrittenDates>> = Arc::default();
    let seen = Arc::clone(&written);
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(move |text| {
            let published = date::parse(text)?;
            let instant = published.sort_key().and_utc();
            if let Ok(mut seen) = seen.lock() {
                seen.insert(instant, published);
            }
            Some(instant)
        })
        // An item without a guid keeps an empty id: callers tell "no guid" from a guid.
        .id_generator(|_, _, _| String::new())
        .build();
    let parsed = parser.parse(parser_input(bytes).as_ref());
    drop(parser);
    let feed = match parsed {
        Ok(feed) => feed,
        Err(ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)) => {
            return Err("not a feed: no RSS, RDF, Atom or JSON Feed root element".to_string());
        }
        Err(err) => return Err(format!("invalid feed: {}", sanitize_line(&err.to_string()))),
    };
    let written = match Arc::try_unwrap(written) {
        Ok(mutex) => mutex.into_inner().unwrap_or_default(),
        Err(shared) => shared.lock().map(|w| w.clone()).unwrap_or_default(),
    };
    Ok((feed, written))
}

/// A feed as its items, each field as the feed wrote it (markup and entities left in), for
/// a caller that keeps feeds rather than reads them: the subscriptions store them as JSON
/// Feed files, which [`load`] then reads as it reads any feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedItems {
    /// The feed's title, as written.
    pub title: Option<String>,
    /// The site the feed belongs to (its first link that is not the feed itself).
    pub home: Option<String>,
    /// The feed's declared language.
    pub language: Option<String>,
    /// The items in feed order.
    pub items: Vec<FeedItem>,
}

/// One item of [`FeedItems`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedItem {
    /// The item's own id (RSS guid, Atom id, JSON Feed id), when it has one.
    pub guid: Option<String>,
    /// The item's link, as [`load`] picks it (the alternate link, else the first, else a
    /// guid that is a URL).
    pub link: Option<String>,
    /// The title (or the media title), as written.
    pub title: Option<String>,
    /// The content, HTML or text.
    pub content: Option<String>,
    /// The summary or description, HTML or text.
    pub summary: Option<String>,
    /// A media description (the body of video feeds), HTML or text.
    pub media: Option<String>,
    /// When the item was published (else updated), in the zone it was written in.
    pub published: Option<Published>,
    /// When the item was last updated.
    pub updated: Option<Published>,
    /// Authors' display names (the feed's authors when the item names none).
    pub authors: Vec<String>,
    /// Category labels, as written.
    pub tags: Vec<String>,
}

/// Read a feed's items without turning them into articles; the error is a one-line reason.
///
/// Never panics on any input (a failure inside the parser becomes an error too).
pub fn read_items(bytes: &[u8]) -> Result<FeedItems, String> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(format!(
            "feed too large ({} MiB, the limit is {} MiB)",
            bytes.len() / (1024 * 1024),
            MAX_FEED_BYTES / (1024 * 1024)
        ));
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(bytes)));
    let (feed, written) =
        outcome.unwrap_or_else(|_| Err("internal error while reading the feed".to_string()))?;
    let when = |at: Option<DateTime<Utc>>| {
        at.map(|at| {
            written
                .get(&at)
                .copied()
                .unwrap_or_else(|| utc_published(at))
        })
    };
    let items = feed
        .entries
        .iter()
        .map(|entry| FeedItem {
            guid: Some(entry.id.trim().to_string()).filter(|id| !id.is_empty()),
            link: entry_link(entry),
            title: entry
                .title
                .as_ref()
                .map(|t| t.content.clone())
                .filter(|t| !t.trim().is_empty())
                .or_else(|| {
                    entry
                        .media
                        .iter()
                        .find_map(|m| m.title.as_ref())
                        .map(|t| t.content.clone())
                        .filter(|t| !t.trim().is_empty())
                }),
            content: entry.content.as_ref().and_then(|c| c.body.clone()),
            summary: entry.summary.as_ref().map(|t| t.content.clone()),
            media: entry
                .media
                .iter()
                .find_map(|m| m.description.as_ref())
                .map(|t| t.content.clone()),
            published: when(entry.published.or(entry.updated)),
            updated: when(entry.updated),
            authors: entry_people(entry, &feed),
            tags: entry
                .categories
                .iter()
                .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
                .collect(),
        })
        .collect();
    let feed_link = |rel: &str| {
        feed.links
            .iter()
            .find(|l| l.rel.as_deref() == Some(rel))
            .map(|l| l.href.clone())
    };
    Ok(FeedItems {
        title: feed.title.as_ref().map(|t| t.content.clone()),
        home: feed_link("alternate").or_else(|| {
            feed.links
                .iter()
                .find(|l| l.rel.as_deref() != Some("self"))
                .map(|l| l.href.clone())
        }),
        language: feed.language.clone(),
        items,
    })
}

/// An entry's link: the alternate one, else the first, else a guid that is a URL.
fn entry_link(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_string())
        .or_else(|| {
            // RSS guids are often the permalink.
            entry.id.starts_with("http").then(|| entry.id.clone())
        })
}

/// The display names of an entry's authors (the feed's when the entry names none).
fn entry_people(entry: &Entry, feed: &Feed) -> Vec<String> {
    let people = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    people
        .iter()
        .filter_map(|p| person_name(p.name.as_deref(), p.email.as_deref()))
        .collect()
}

/// The bytes handed to feed-rs: an XML feed decoded here and re-encoded as UTF-8, with
/// every `<?xml ...?>` declaration rewritten to say UTF-8, and in XML and JSON alike an
/// e-mail address set apart from a non-ASCII neighbour by a space.
///
/// Both work around panics in the parsing underneath. The XML reader switches its decoder
/// when a declaration names an encoding, and panics when that declaration ends past the
/// first 64 bytes of the file: a long but valid declaration (`standalone="yes"` and some
/// spaces), blank lines before it, or a second one. Decoding with the encoding that the
/// byte-order mark or the first declaration names leaves it nothing to switch (a
/// declaration quoted inside an item's CDATA is rewritten too). feed-rs splits an author
/// (`Budi Santoso budi@kabar.id`) by cutting one byte beside the address, which panics
/// when that neighbour is a wider character (a no-break space, `«`); see [`unglue_emails`].
fn parser_input(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use encoding_rs::{Encoding, UTF_8};
    use std::borrow::Cow;
    const CANONICAL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|i| bytes[i] == b'{') {
        return match std::str::from_utf8(bytes).map(unglue_emails) {
            Ok(Cow::Owned(text)) => Cow::Owned(text.into_bytes()),
            _ => Cow::Borrowed(bytes),
        };
    }
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (encoding, len),
        None => (
            declared_encoding(bytes)
                .and_then(|label| Encoding::for_label(label.as_bytes()))
                .unwrap_or(UTF_8),
            0,
        ),
    };
    // A declaration may name a non-ASCII-compatible encoding it cannot be written in.
    let encoding = encoding.output_encoding();
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    let text: Cow<'_, str> = if declarations(&text).next().is_none() {
        text
    } else {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for range in declarations(&text) {
            out.push_str(&text[last..range.start]);
            out.push_str(CANONICAL);
            last = range.end;
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    };
    let text = match unglue_emails(&text) {
        Cow::Owned(out) => Cow::Owned(out),
        Cow::Borrowed(_) => text,
    };
    match text {
        Cow::Borrowed(_) if encoding == UTF_8 && bom == 0 => Cow::Borrowed(bytes),
        text => Cow::Owned(text.into_owned().into_bytes()),
    }
}

/// Put a space between an e-mail address and a neighbour that is not plain ASCII: a
/// character beyond ASCII, or one written as a character reference (`&#160;`, `&nbsp;`)
/// or a JSON escape (`\u00a0`), which becomes one once parsed.
fn unglue_emails(text: &str) -> std::borrow::Cow<'_, str> {
    use regex::Regex;
    use std::sync::LazyLock;
    static EMAIL: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").ok());
    static ESCAPED_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(&#[0-9]+;|&#[xX][0-9a-fA-F]+;|&nbsp;|\\u[0-9a-fA-F]{4})$").ok()
    });
    let Some(email) = EMAIL.as_ref() else {
        return text.into();
    };
    if !text.contains('@') {
        return text.into();
    }
    let wide_before = |before: &str| {
        // The last few characters are enough for the longest reference (`&#x10FFFF;`).
        let mut tail = before.len().saturating_sub(12);
        while !before.is_char_boundary(tail) {
            tail += 1;
        }
        before.chars().next_back().is_some_and(|c| !c.is_ascii())
            || ESCAPED_BEFORE
                .as_ref()
                .is_some_and(|re| re.is_match(&before[tail..]))
    };
    let wide_after = |after: &str| {
        after.chars().next().is_some_and(|c| !c.is_ascii())
            || after.starts_with("&#")
            || after.starts_with("&nbsp;")
            || after.starts_with("\\u")
    };
    let mut out = String::new();
    let mut last = 0;
    for m in email.find_iter(text) {
        // A JSON escape glued on (`\u00a0budi@...`) looks like part of the address.
        let mut start = m.start();
        let found = m.as_str();
        if text[..start].ends_with('\\')
            && found.starts_with('u')
            && found
                .get(1..5)
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            start += 5;
        }
        let before = &text[..start];
        let after = &text[m.end()..];
        let (space_before, space_after) = (wide_before(before), wide_after(after));
        if !space_before && !space_after {
            continue;
        }
        out.push_str(&text[last..start]);
        if space_before {
            out.push(' ');
        }
        out.push_str(&text[start..m.end()]);
        if space_after {
            out.push(' ');
        }
        last = m.end();
    }
    if last == 0 && out.is_empty() {
        return text.into();
    }
    out.push_str(&text[last..]);
    out.into()
}

/// Byte ranges of every `<?xml` declaration (`<?xml` and a space, to the first `?>`, or
/// to the end when it is never closed), in order.
fn declarations(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        let mut at = from;
        loop {
            let start = at + text.get(at..)?.find("<?")?;
            let name = bytes.get(start + 2..start + 5)?;
            let after = bytes.get(start + 5).copied();
            if name.eq_ignore_ascii_case(b"xml") && after.is_none_or(|b| b.is_ascii_whitespace()) {
                let end = text[start..]
                    .find("?>")
                    .map_or(text.len(), |i| start + i + 2);
                from = end;
                return Some(start..end);
            }
            at = start + 2;
        }
    })
}

/// The encoding the first declaration names (`encoding="ISO-8859-1"`), when the file
/// starts with one (after blank space).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if head.len() < 6 || !head[..5].eq_ignore_ascii_case(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

/// Whether an `<?xml ...?>` declaration appears anywhere but at the start (comments and
/// CDATA sections, where it is only text, are skipped).
fn late_declaration(bytes: &[u8]) -> bool {
    let find = |from: usize, needle: &[u8]| -> Option<usize> {
        bytes
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|at| from + at)
    };
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
        .unwrap_or(0);
    let mut i = start;
    while let Some(at) = find(i, b"<") {
        let rest = &bytes[at..];
        if rest.starts_with(b"<![CDATA[") {
            i = find(at, b"]]>").map_or(bytes.len(), |end| end + 3);
        } else if rest.starts_with(b"<!--") {
            i = find(at, b"-->").map_or(bytes.len(), |end| end + 3);
        } else if at != start
            && rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<?xml")
            && rest[5].is_ascii_whitespace()
        {
            return true;
        } else {
            i = at + 1;
        }
    }
    false
}

/// One feed item as an article.
fn entry_article(entry: &Entry, feed: &Feed, origin: Origin, path: &Path) -> Article {
    let index = origin.index;
    let Fragment {
        blocks: content,
        links: content_links,
    } = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(fragment)
        .unwrap_or_default();
    let Fragment {
        blocks: summary,
        links: summary_links,
    } = entry
        .summary
        .as_ref()
        .map(|text| fragment(&text.content))
        .unwrap_or_default();
    let media = entry
        .media
        .iter()
        .find_map(|m| m.description.as_ref())
        .map(text_blocks)
        .unwrap_or_default();

    let (body, lead, links) = if !content.is_empty() {
        let lead = one_line(&summary).filter(|s| !repeats(s, &content));
        (content, lead, content_links)
    } else if !summary.is_empty() {
        (summary, None, summary_links)
    } else {
        (media, None, Vec::new())
    };

    let title = entry
        .title
        .as_ref()
        .map(text_line)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            entry
                .media
                .iter()
                .find_map(|m| m.title.as_ref())
                .map(text_line)
                .filter(|t| !t.is_empty())
        })
        .or_else(|| body.first().map(|b| first_words(b.text(), 12)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| untitled(path, index));

    let mut article = Article::new(title, origin);
    article.lead = lead;
    article.body = body.into();
    article.links = links;
    article.url = entry_link(entry).map(|link| sanitize_line(&link));
    article.published = entry.published.or(entry.updated).map(utc_published);
    for name in entry_people(entry, feed) {
        for name in split_byline(&name) {
            if !article.authors.contains(&name) {
                article.authors.push(name);
            }
        }
    }
    for category in &entry.categories {
        let tag = plain_line(category.label.as_deref().unwrap_or(&category.term));
        if !tag.is_empty() && !article.tags.contains(&tag) {
            article.tags.push(tag);
        }
    }
    article.language = entry.language.as_deref().and_then(language_code);
    take_dateline(&mut article);
    article
}

/// A feed text field's blocks: HTML when it is (or looks like) markup, plain text otherwise.
fn text_blocks(text: &Text) -> Vec<Block> {
    fragment_blocks(&text.content)
}

/// A feed text field on one line, markup and entities resolved.
fn text_line(text: &Text) -> String {
    plain_line(&text.content)
}

/// All blocks' text joined on one line (a summary used as the lead).
fn one_line(blocks: &[Block]) -> Option<String> {
    let text = blocks
        .iter()
        .map(Block::text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = sanitize_line(&text);
    (!text.is_empty()).then_some(text)
}

/// Whether a summary only repeats the start of the content.
fn repeats(summary: &str, content: &[Block]) -> bool {
    let body: String = content
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join(" ");
    let summary = summary.trim_end_matches(['.', '…', ' ']);
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    key(&body).starts_with(&key(summary))
}

/// The first `n` words of a text, with an ellipsis when cut.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        out.push('…');
    }
    sanitize_line(&out)
}

fn untitled(path: &Path, index: usize) -> String {
    let stem = path
        .file_stem()
        .map(|s| sanitize_line(&s.to_string_lossy()))
        .unwrap_or_default();
    format!("{stem} #{}", index + 1)
}

/// A person's display name: the name, else the name in `email (Name)`, else the email.
fn person_name(name: Option<&str>, email: Option<&str>) -> Option<String> {
    let raw = name.or(email)?;
    let raw = raw.trim();
    // RSS `<author>` holds `someone@example.com (Ana Ruiz)`.
    let name = match (raw.find('('), raw.ends_with(')')) {
        (Some(open), true) if raw[..open].contains('@') => &raw[open + 1..raw.len() - 1],
        _ => raw,
    };
    let name = plain_line(name);
    (!name.is_empty()).then_some(name)
}

/// An instant from the feed as a [`Published`] in UTC.
fn utc_published(at: DateTime<Utc>) -> Published {
    Published {
        local: at.naive_utc(),
        offset: FixedOffset::east_opt(0),
        has_time: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_author_email_form() {
        assert_eq!(
            person_name(Some("ana@example.com (Ana Ruiz)"), None).as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(
            person_name(Some("Tom Bell"), None).as_deref(),
            Some("Tom Bell")
        );
        assert_eq!(
            person_name(None, Some("x@example.com")).as_deref(),
            Some("x@example.com")
        );
        assert_eq!(person_name(Some("  "), None), None);
    }

    #[test]
    fn feeds_reach_the_parser_as_utf8_with_every_declaration_saying_so() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"   ?>\n<rss>\xa3</rss>";
        assert_eq!(declared_encoding(latin1).as_deref(), Some("ISO-8859-1"));
        let out = parser_input(latin1);
        assert_eq!(
            std::str::from_utf8(&out).ok(),
            Some("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss>\u{a3}</rss>")
        );
        let twice = "<?xml version=\"1.0\"?><rss><?xml version=\"1.0\" encoding=\"latin1\"?></rss>";
        let out = parser_input(twice.as_bytes());
        assert_eq!(
            std::str::from_utf8(&out).ok(),
            Some(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><?xml version=\"1.0\" encoding=\"UTF-8\"?></rss>"
            )
        );
        // Plain UTF-8 without a declaration, and JSON, pass through untouched.
        assert!(matches!(
            parser_input(b"<rss/>"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            parser_input(b" {\"a\": 1}"),
            std::borrow::Cow::Borrowed(_)
        ));
        // `<?xml-stylesheet` is not a declaration.
        assert_eq!(declarations("<?xml-stylesheet href=\"a\"?>").count(), 0);
    }

    #[test]
    fn emails_are_set_apart_from_wide_neighbours() {
        assert_eq!(
            unglue_emails("Budi\u{a0}budi@kabar.id\u{ab}x"),
            "Budi\u{a0} budi@kabar.id \u{ab}x"
        );
        assert_eq!(
            unglue_emails("Budi&#160;budi@kabar.id&nbsp;"),
            "Budi&#160; budi@kabar.id &nbsp;"
        );
        assert_eq!(
            unglue_emails("Budi \\u00a0budi@kabar.id"),
            "Budi \\u00a0 budi@kabar.id"
        );
        // Wide characters a few bytes before the address are looked past, never cut.
        assert_eq!(
            unglue_emails("日本語です:a@kabar.id"),
            "日本語です:a@kabar.id"
        );
        // Plain neighbours and links are left alone.
        let plain = "Budi (budi@kabar.id), <a href=\"mailto:budi@kabar.id?x=1&y=2\">";
        assert!(matches!(
            unglue_emails(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_author_glued_to_a_wide_character_loads() {
        let feed = "<rss version=\"2.0\"><channel><title>Kabar</title><item><title>Banjir</title>\
            <author>budi@kabar.id\u{ff08}Budi Santoso\u{ff09}</author><managingEditor>Redaksi\u{a0}redaksi@kabar.id</managingEditor>\
            <dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">ani@kabar.id&#171;Ani</dc:creator>\
            </item></channel></rss>";
        let report = load(Path::new("authors.xml"), feed.as_bytes());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.articles[0].title, "Banjir");
    }

    #[test]
    fn a_long_declaration_naming_an_encoding_loads() {
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"          ?>\n<rss version=\"2.0\"><channel><title>Kabar</title><item><title>Harga \xa3 naik</title></item></channel></rss>";
        let report = load(Path::new("long.xml"), feed);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.articles[0].title, "Harga \u{a3} naik");
    }

    #[test]
    fn late_declarations_are_found_outside_cdata_and_comments() {
        assert!(!late_declaration(b"<?xml version=\"1.0\"?><rss/>"));
        assert!(!late_declaration(
            b"\xef\xbb\xbf  <?xml version=\"1.0\"?><rss/>"
        ));
        assert!(!late_declaration(
            b"<rss><![CDATA[<?xml version=\"1.0\"?>]]><!-- <?xml x --></rss>"
        ));
        assert!(!late_declaration(
            b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a\"?><rss/>"
        ));
        assert!(late_declaration(
            b"<rss version=\"2.0\"><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
        ));
        let report = load(
            Path::new("late.xml"),
            b"<rss version=\"2.0\"><channel><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        );
        assert!(report.articles.is_empty());
        assert_eq!(report.problems.len(), 1);
    }

    #[test]
    fn not_a_feed_is_a_problem() {
        let report = load(Path::new("notes.xml"), b"<catalog><book>x</book></catalog>");
        assert!(report.articles.is_empty());
        assert_eq!(report.problems.len(), 1);
        let report = load(
            Path::new("broken.xml"),
            b"<rss version=\"2.0\"><channel><title>x</ti",
        );
        assert!(report.articles.is_empty());
        assert_eq!(report.problems.len(), 1);
    }
}
