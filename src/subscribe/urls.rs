//! The `urls` file: one subscription a line, in newsboat's shape.
//!
//! ```text
//! # comments start with a hash
//! https://kabar.example/rss.xml  berita  "dalam negeri"  full-text
//! https://blog.example/atom.xml  "~A Better Name"
//! "query:Unread:unread = \"yes\""
//! ```
//!
//! A line is a URL and then tags; a token with spaces is written in double quotes (a `\"`
//! inside them is a quote). A tag starting with `~` names the feed, `!` hides it in
//! newsboat and is kept as it is here. `query:`, `exec:` and `filter:` lines are
//! newsboat's own kinds of feed: they are kept in the file and skipped with a note, as is
//! any line whose URL is not http or https.
//!
//! Rewriting the file (subscribe, unsubscribe, a feed that moved) keeps every other line as
//! it was written: comments, blank lines, order and spacing.

use crate::article::Problem;
use std::path::{Path, PathBuf};

/// Errors reading or writing the urls file.
#[derive(Debug, thiserror::Error)]
pub enum UrlsError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The urls file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A URL given to subscribe is not one warta can fetch.
    #[error("{0}")]
    BadUrl(String),
}

/// One subscription: its URL and its tags, as the urls file holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The feed's URL as written.
    pub url: String,
    /// Every token after the URL, in order (`~Title` and `!` included).
    pub tags: Vec<String>,
}

impl Subscription {
    /// The tags proper: without the `~title` and `!` markers.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags
            .iter()
            .map(String::as_str)
            .filter(|t| !t.starts_with('~') && !t.starts_with('!'))
    }

    /// The title the user gave the feed (`~Title`), if any.
    pub fn title(&self) -> Option<&str> {
        self.tags
            .iter()
            .find_map(|t| t.strip_prefix('~'))
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// Whether each new item's page is fetched for its full text (the `full-text` tag).
    pub fn full_text(&self) -> bool {
        self.tags.iter().any(|t| t == FULL_TEXT_TAG)
    }
}

/// The tag that asks for each new item's full text.
pub const FULL_TEXT_TAG: &str = "full-text";

/// A line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// A comment, a blank line or a line that is not a subscription, kept as written.
    Kept(String),
    /// A subscription; `raw` is the line as written until the subscription is changed.
    Feed {
        subscription: Subscription,
        raw: Option<String>,
    },
}

/// The urls file, read; edits keep every untouched line as written.
#[derive(Debug, Clone, Default)]
pub struct UrlsFile {
    path: PathBuf,
    lines: Vec<Line>,
    notes: Vec<Problem>,
}

/// What [`UrlsFile::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new subscription was appended.
    New,
    /// The URL was there already; any tags it lacked were added.
    Existing,
}

impl UrlsFile {
    /// Read the file at `path`; a missing file is an empty list.
    pub fn read(path: &Path) -> Result<UrlsFile, UrlsError> {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(UrlsError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Ok(UrlsFile::parse(path, &text))
    }

    /// Parse urls text (from `path`, for the notes).
    pub fn parse(path: &Path, text: &str) -> UrlsFile {
        let mut file = UrlsFile {
            path: path.to_path_buf(),
            ..UrlsFile::default()
        };
        for (i, raw) in text.lines().enumerate() {
            let tokens = tokenize(raw);
            let Some((url, tags)) = tokens.split_first() else {
                file.lines.push(Line::Kept(raw.to_string()));
                continue;
            };
            let note = |reason: String| Problem {
                path: path.to_path_buf(),
                line: Some(i + 1),
                reason,
            };
            if let Some(kind) = ["query:", "exec:", "filter:"]
                .iter()
                .find(|k| url.starts_with(*k))
            {
                file.notes.push(note(format!(
                    "{} feeds are newsboat's own; this line is skipped",
                    kind.trim_end_matches(':')
                )));
                file.lines.push(Line::Kept(raw.to_string()));
                continue;
            }
            if let Err(reason) = check_url(url) {
                file.notes.push(note(format!("skipped: {reason}")));
                file.lines.push(Line::Kept(raw.to_string()));
                continue;
            }
            file.lines.push(Line::Feed {
                subscription: Subscription {
                    url: url.clone(),
                    tags: tags.to_vec(),
                },
                raw: Some(raw.to_string()),
            });
        }
        file
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Lines that were skipped, each with its line number and why.
    pub fn notes(&self) -> &[Problem] {
        &self.notes
    }

    /// The subscriptions in file order (a URL listed twice counts once, first place).
    pub fn subscriptions(&self) -> Vec<Subscription> {
        let mut seen = std::collections::HashSet::new();
        self.lines
            .iter()
            .filter_map(|line| match line {
                Line::Feed { subscription, .. } => Some(subscription),
                Line::Kept(_) => None,
            })
            .filter(|s| seen.insert(same_url_key(&s.url)))
            .cloned()
            .collect()
    }

    /// The subscription with this URL (compared with case-insensitive scheme and host,
    /// default ports dropped).
    pub fn find(&self, url: &str) -> Option<&Subscription> {
        let key = same_url_key(url);
        self.lines.iter().find_map(|line| match line {
            Line::Feed { subscription, .. } if same_url_key(&subscription.url) == key => {
                Some(subscription)
            }
            _ => None,
        })
    }

    /// Subscribe to `url` with `tags`; an existing subscription gains the tags it lacked.
    pub fn add(&mut self, url: &str, tags: &[String]) -> Result<Added, UrlsError> {
        check_url(url).map_err(UrlsError::BadUrl)?;
        let key = same_url_key(url);
        for line in &mut self.lines {
            if let Line::Feed { subscription, raw } = line
                && same_url_key(&subscription.url) == key
            {
                for tag in tags {
                    if !subscription.tags.contains(tag) {
                        subscription.tags.push(tag.clone());
                        *raw = None;
                    }
                }
                return Ok(Added::Existing);
            }
        }
        self.lines.push(Line::Feed {
            subscription: Subscription {
                url: url.trim().to_string(),
                tags: tags.to_vec(),
            },
            raw: None,
        });
        Ok(Added::New)
    }

    /// Unsubscribe from `url` (every line of it); whether it was there.
    pub fn remove(&mut self, url: &str) -> bool {
        let key = same_url_key(url);
        let before = self.lines.len();
        self.lines.retain(|line| {
            !matches!(line, Line::Feed { subscription, .. } if same_url_key(&subscription.url) == key)
        });
        self.lines.len() != before
    }

    /// A feed moved for good: its line now names `to`, tags kept. When `to` is subscribed
    /// already, the old line goes and its tags join the existing one. Whether anything
    /// changed.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        let (from_key, to_key) = (same_url_key(from), same_url_key(to));
        if from_key == to_key || check_url(to).is_err() {
            return false;
        }
        let Some(at) = self.lines.iter().position(
            |l| matches!(l, Line::Feed { subscription, .. } if same_url_key(&subscription.url) == from_key),
        ) else {
            return false;
        };
        let existing = self.lines.iter().position(
            |l| matches!(l, Line::Feed { subscription, .. } if same_url_key(&subscription.url) == to_key),
        );
        match existing {
            Some(_) => {
                let moved: Vec<String> = match &self.lines[at] {
                    Line::Feed { subscription, .. } => subscription.tags.clone(),
                    Line::Kept(_) => Vec::new(),
                };
                self.remove(from);
                for line in &mut self.lines {
                    if let Line::Feed { subscription, raw } = line
                        && same_url_key(&subscription.url) == to_key
                    {
                        for tag in &moved {
                            if !subscription.tags.contains(tag) {
                                subscription.tags.push(tag.clone());
                                *raw = None;
                            }
                        }
                        break;
                    }
                }
            }
            None => {
                if let Some(Line::Feed { subscription, raw }) = self.lines.get_mut(at) {
                    subscription.url = to.to_string();
                    *raw = None;
                }
            }
        }
        true
    }

    /// The file's text: untouched lines as they were, changed and new ones formatted.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            match line {
                Line::Kept(raw) | Line::Feed { raw: Some(raw), .. } => out.push_str(raw),
                Line::Feed {
                    subscription,
                    raw: None,
                } => out.push_str(&format_line(subscription)),
            }
            out.push('\n');
        }
        out
    }

    /// Write the file back (atomically: a temporary file beside it, then a rename).
    pub fn write(&self) -> Result<(), UrlsError> {
        let io = |source| UrlsError::Io {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        super::storage::write_atomic(&self.path, self.text().as_bytes(), true).map_err(io)
    }
}

/// Whether warta can fetch this URL: http or https with a host. The error says why not.
pub fn check_url(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url.trim()).map_err(|err| {
        format!(
            "{:?} is not a URL ({err})",
            crate::text::sanitize_line(url.trim())
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "{:?} is not an http or https URL",
            crate::text::sanitize_line(url.trim())
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "{:?} names no host",
            crate::text::sanitize_line(url.trim())
        ));
    }
    Ok(parsed)
}

/// The form two spellings of one URL share: scheme and host lowercased, a default port
/// dropped (what the URL parser does), else the text itself.
pub fn same_url_key(url: &str) -> String {
    url::Url::parse(url.trim()).map_or_else(|_| url.trim().to_string(), String::from)
}

/// A subscription as a line: tokens with spaces, quotes or a leading `#` in quotes.
fn format_line(subscription: &Subscription) -> String {
    std::iter::once(&subscription.url)
        .chain(&subscription.tags)
        .map(|token| quote(token))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token as the file writes it.
fn quote(token: &str) -> String {
    let plain = !token.is_empty()
        && !token.starts_with('#')
        && !token
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\\');
    if plain {
        return token.to_string();
    }
    let mut out = String::with_capacity(token.len() + 2);
    out.push('"');
    for c in token.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Split a line into tokens: whitespace between them, double quotes around a token with
/// spaces (backslash escapes a quote or a backslash), a `#` outside quotes starts a
/// comment.
fn tokenize(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.peek() {
            None | Some('#') => break,
            Some('"') => {
                chars.next();
                let mut token = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(next) = chars.next() {
                                token.push(next);
                            }
                        }
                        c => token.push(c),
                    }
                }
                tokens.push(token);
            }
            Some(_) => {
                let mut token = String::new();
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    token.push(c);
                }
                tokens.push(token);
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# my feeds\n\
        https://kabar.example/rss.xml berita \"dalam negeri\" full-text\n\
        \n\
        \t https://blog.example/atom.xml   \"~A \\\"Better\\\" Name\"  # trailing note\n\
        \"query:Unread:unread = \\\"yes\\\"\"\n\
        file:///etc/passwd\n\
        exec:~/bin/make-feed\n\
        https://kabar.example/rss.xml duplicate\n";

    fn sample() -> UrlsFile {
        UrlsFile::parse(Path::new("urls"), SAMPLE)
    }

    #[test]
    fn newsboat_lines_are_read() {
        let file = sample();
        let subs = file.subscriptions();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].url, "https://kabar.example/rss.xml");
        assert_eq!(subs[0].tags, ["berita", "dalam negeri", "full-text"]);
        assert!(subs[0].full_text());
        assert_eq!(subs[1].title(), Some("A \"Better\" Name"));
        assert_eq!(subs[1].tags().count(), 0);
        let lines: Vec<_> = file.notes().iter().map(|n| n.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(7)]);
        assert!(file.notes()[0].reason.contains("query"));
    }

    #[test]
    fn untouched_files_are_written_back_as_they_were() {
        assert_eq!(sample().text(), SAMPLE);
    }

    #[test]
    fn edits_keep_comments_order_and_the_other_lines() {
        let mut file = sample();
        assert_eq!(
            file.add("https://baru.example/feed", &["satu dua".into()])
                .ok(),
            Some(Added::New)
        );
        assert_eq!(
            file.add(
                "HTTPS://KABAR.example:443/rss.xml",
                &["berita".into(), "x".into()]
            )
            .ok(),
            Some(Added::Existing)
        );
        assert!(file.rename("https://blog.example/atom.xml", "https://blog.example/feed"));
        assert!(file.remove("https://kabar.example/rss.xml"));
        assert!(!file.remove("https://nowhere.example/"));
        assert_eq!(
            file.text(),
            "# my feeds\n\
             \n\
             https://blog.example/feed \"~A \\\"Better\\\" Name\"\n\
             \"query:Unread:unread = \\\"yes\\\"\"\n\
             file:///etc/passwd\n\
             exec:~/bin/make-feed\n\
             https://baru.example/feed \"satu dua\"\n"
        );
        let again = UrlsFile::parse(Path::new("urls"), &file.text());
        assert_eq!(again.subscriptions(), file.subscriptions());
    }

    #[test]
    fn a_move_onto_an_existing_subscription_merges_the_tags() {
        let mut file = UrlsFile::parse(
            Path::new("urls"),
            "http://a.example/x one\nhttp://b.example/y two\n",
        );
        assert!(file.rename("http://a.example/x", "http://b.example/y"));
        assert_eq!(file.text(), "http://b.example/y two one\n");
    }

    #[test]
    fn only_http_urls_can_be_added() {
        let mut file = UrlsFile::default();
        for bad in [
            "file:///etc/passwd",
            "ftp://x.example/",
            "not a url",
            "http://",
        ] {
            assert!(file.add(bad, &[]).is_err(), "{bad}");
        }
        assert!(file.add("http://127.0.0.1:8080/feed.xml", &[]).is_ok());
    }

    #[test]
    fn tokens_round_trip_through_quoting() {
        for token in ["plain", "with space", "#hash", "q\"uote", "back\\slash", ""] {
            assert_eq!(tokenize(&format!("u {}", quote(token))), ["u", token]);
        }
    }
}
