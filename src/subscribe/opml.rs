//! OPML: subscriptions in and out, in the shape newsboat and other readers write.
//!
//! Import reads every `<outline>` with an `xmlUrl` (or `url`) anywhere in the body. The
//! outlines it sits in are its folder, written as one tag (`Blogs/friends`, as newsboat
//! does), and a `category` attribute adds its comma-separated tags. Outlines that run a
//! command (a `|` URL or a `filtercmd`, as Liferea writes them) are skipped with a note.
//! Export writes newsboat's OPML 2.0 form: one flat `<outline type="rss">` per feed, with
//! `title`, `text`, `htmlUrl` and the tags in `category`.

use crate::article::Problem;
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// Errors reading an OPML document.
#[derive(Debug, thiserror::Error)]
pub enum OpmlError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The document is not well-formed XML, or has no `<opml>` root.
    #[error("{0}")]
    Invalid(String),
}

/// A feed listed in an OPML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    /// `xmlUrl`.
    pub url: String,
    /// `title`, else `text`.
    pub title: Option<String>,
    /// `htmlUrl`.
    pub html_url: Option<String>,
    /// The folder (as one tag) and the `category` tags.
    pub tags: Vec<String>,
}

/// An OPML document's feeds, with notes on the outlines left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The feeds, in document order.
    pub feeds: Vec<OpmlFeed>,
    /// Outlines skipped, and why.
    pub notes: Vec<Problem>,
}

/// Read an OPML file.
pub fn read(path: &Path) -> Result<Imported, OpmlError> {
    let bytes = std::fs::read(path).map_err(|source| OpmlError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&String::from_utf8_lossy(&bytes), path)
}

/// Parse an OPML document (`path` names it in notes).
pub fn parse(text: &str, path: &Path) -> Result<Imported, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut imported = Imported::default();
    // The folders the current outline sits in: `Some(name)` for a folder outline, `None`
    // for a feed outline written with children.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_root = false;
    loop {
        let event = reader.read_event().map_err(|err| {
            OpmlError::Invalid(format!(
                "not OPML: {} at byte {}",
                crate::text::sanitize_line(&err.to_string()),
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => {
                saw_root = true;
            }
            Event::Start(e) if e.local_name().as_ref() == "outline" => {
                let folder = outline(&e, &folders, path, &mut imported);
                folders.push(folder);
            }
            Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                outline(&e, &folders, path, &mut imported);
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(OpmlError::Invalid(
            "not OPML: no <opml> element".to_string(),
        ));
    }
    Ok(imported)
}

/// Read one outline: a feed is added to `imported`; a folder's name is returned.
fn outline(
    e: &BytesStart<'_>,
    folders: &[Option<String>],
    path: &Path,
    imported: &mut Imported,
) -> Option<String> {
    let attr = |name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.trim().to_string())
            })
            .filter(|v| !v.is_empty())
    };
    let title = attr("title").or_else(|| attr("text"));
    let Some(url) = attr("xmlUrl").or_else(|| attr("url")) else {
        return attr("text").or_else(|| attr("title"));
    };
    if url.starts_with('|') || attr("filtercmd").is_some() {
        imported.notes.push(Problem {
            path: path.to_path_buf(),
            line: None,
            reason: format!(
                "{}: runs a command, not imported",
                crate::text::sanitize_line(title.as_deref().unwrap_or(&url))
            ),
        });
        return None;
    }
    let mut tags = Vec::new();
    let folder: Vec<&str> = folders.iter().flatten().map(String::as_str).collect();
    if !folder.is_empty() {
        tags.push(folder.join("/"));
    }
    for tag in attr("category").unwrap_or_default().split(',') {
        let tag = tag.trim().trim_start_matches('/').trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    imported.feeds.push(OpmlFeed {
        url,
        title,
        html_url: attr("htmlUrl"),
        tags,
    });
    None
}

/// Write feeds as newsboat's OPML 2.0.
pub fn write(feeds: &[OpmlFeed]) -> String {
    use quick_xml::escape::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>warta - Exported Feeds</title>\n  </head>\n  <body>\n",
    );
    for feed in feeds {
        let title = feed.title.as_deref().unwrap_or("");
        let category = feed
            .tags
            .iter()
            .map(|t| t.replace(',', "_"))
            .collect::<Vec<_>>()
            .join(",");
        out.push_str(&format!(
            "    <outline type=\"rss\" xmlUrl=\"{}\" htmlUrl=\"{}\" title=\"{}\" text=\"{}\" category=\"{}\"/>\n",
            escape(feed.url.as_str()),
            escape(feed.html_url.as_deref().unwrap_or("")),
            escape(title),
            escape(title),
            escape(category.as_str()),
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls_and_tags(imported: &Imported) -> Vec<(String, Vec<String>)> {
        imported
            .feeds
            .iter()
            .map(|f| (f.url.clone(), f.tags.clone()))
            .collect()
    }

    #[test]
    fn newsboat_exports_are_read_with_their_tags() -> Result<(), OpmlError> {
        // The two shapes newsboat writes: OPML 1.0 without tags, 2.0 with `category`.
        let v1 = "<?xml version=\"1.0\"?>\n<opml version=\"1.0\"><head><title>Newsboat - Exported Feeds</title></head>\
            <body><outline type=\"rss\" xmlUrl=\"https://kabar.example/rss\" htmlUrl=\"https://kabar.example/\" title=\"Kabar\" text=\"Kabar\"/></body></opml>\n";
        let v2 = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Newsboat - Exported Feeds</title></head>\
            <body><outline type=\"rss\" xmlUrl=\"https://blog.example/feed?a=1&amp;b=2\" htmlUrl=\"\" title=\"\" category=\"tag one,tag_two,tag/three\"/></body></opml>\n";
        let one = parse(v1, Path::new("a.opml"))?;
        assert_eq!(one.feeds[0].title.as_deref(), Some("Kabar"));
        assert!(one.feeds[0].tags.is_empty());
        let two = parse(v2, Path::new("b.opml"))?;
        assert_eq!(
            urls_and_tags(&two),
            [(
                "https://blog.example/feed?a=1&b=2".to_string(),
                vec!["tag one".to_string(), "tag_two".into(), "tag/three".into()]
            )]
        );
        Ok(())
    }

    #[test]
    fn nested_folders_become_a_tag() -> Result<(), OpmlError> {
        let doc = r#"<opml version="2.0"><head/><body>
            <outline text="Berita" title="Berita">
              <outline type="rss" text="Kabar" xmlUrl="https://kabar.example/rss"/>
              <outline text="Daerah">
                <outline type="rss" title="Riau" xmlUrl="https://riau.example/atom" category="/lokal"/>
              </outline>
            </outline>
            <outline type="rss" text="Lepas" url="https://lepas.example/feed.json"/>
            <outline type="rss" text="Skrip" xmlUrl="|~/bin/feed.sh"/>
            <outline text="Kosong"/>
        </body></opml>"#;
        let imported = parse(doc, Path::new("c.opml"))?;
        assert_eq!(
            urls_and_tags(&imported),
            [
                (
                    "https://kabar.example/rss".to_string(),
                    vec!["Berita".to_string()]
                ),
                (
                    "https://riau.example/atom".to_string(),
                    vec!["Berita/Daerah".to_string(), "lokal".into()]
                ),
                ("https://lepas.example/feed.json".to_string(), vec![]),
            ]
        );
        assert_eq!(imported.notes.len(), 1);
        Ok(())
    }

    #[test]
    fn exports_read_back_the_same() -> Result<(), OpmlError> {
        let feeds = vec![
            OpmlFeed {
                url: "https://kabar.example/rss?x=1&y=\"2\"".into(),
                title: Some("Kabar <&> Warta".into()),
                html_url: Some("https://kabar.example/".into()),
                tags: vec!["berita".into(), "dalam negeri".into(), "a/b".into()],
            },
            OpmlFeed {
                url: "http://127.0.0.1:8080/feed".into(),
                title: None,
                html_url: None,
                tags: vec![],
            },
        ];
        let back = parse(&write(&feeds), Path::new("out.opml"))?;
        assert_eq!(back.feeds[0], feeds[0]);
        assert_eq!(urls_and_tags(&back)[1], (feeds[1].url.clone(), vec![]));
        Ok(())
    }

    #[test]
    fn broken_documents_are_errors() {
        assert!(parse("<html><body/></html>", Path::new("x")).is_err());
        assert!(parse("<opml><body><outline", Path::new("x")).is_err());
    }
}
