//! Deciding what a file is from its name and its first bytes: an article format, or a
//! file that is obviously not an article (images, archives, lock files, READMEs...).

use super::Format;
use std::path::Path;

/// What a file looks like before loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An article file in this format.
    Article(Format),
    /// Not an article; the reason names what it is.
    NotArticle(&'static str),
}

/// Extensions of files that are never articles.
const NOT_ARTICLE_EXT: &[(&str, &str)] = &[
    ("png", "an image"),
    ("jpg", "an image"),
    ("jpeg", "an image"),
    ("gif", "an image"),
    ("webp", "an image"),
    ("svg", "an image"),
    ("ico", "an image"),
    ("bmp", "an image"),
    ("tif", "an image"),
    ("tiff", "an image"),
    ("avif", "an image"),
    ("heic", "an image"),
    ("pdf", "a PDF document"),
    ("doc", "a word-processor document"),
    ("docx", "a word-processor document"),
    ("odt", "a word-processor document"),
    ("xls", "a spreadsheet"),
    ("xlsx", "a spreadsheet"),
    ("zip", "an archive"),
    ("gz", "an archive"),
    ("tgz", "an archive"),
    ("tar", "an archive"),
    ("bz2", "an archive"),
    ("xz", "an archive"),
    ("zst", "an archive"),
    ("7z", "an archive"),
    ("rar", "an archive"),
    ("exe", "a program"),
    ("dll", "a program"),
    ("so", "a program"),
    ("dylib", "a program"),
    ("bin", "a binary file"),
    ("o", "a binary file"),
    ("a", "a binary file"),
    ("class", "a binary file"),
    ("jar", "an archive"),
    ("pyc", "a binary file"),
    ("wasm", "a binary file"),
    ("mp3", "audio"),
    ("wav", "audio"),
    ("ogg", "audio"),
    ("flac", "audio"),
    ("m4a", "audio"),
    ("mp4", "video"),
    ("mkv", "video"),
    ("avi", "video"),
    ("mov", "video"),
    ("webm", "video"),
    ("woff", "a font"),
    ("woff2", "a font"),
    ("ttf", "a font"),
    ("otf", "a font"),
    ("lock", "a lock file"),
    ("db", "a database"),
    ("sqlite", "a database"),
    ("parquet", "a data file"),
    ("pkl", "a data file"),
    ("npy", "a data file"),
    ("css", "a stylesheet"),
    ("js", "source code"),
    ("ts", "source code"),
    ("rs", "source code"),
    ("py", "source code"),
    ("go", "source code"),
    ("c", "source code"),
    ("h", "source code"),
    ("java", "source code"),
    ("sh", "a script"),
    ("toml", "a configuration file"),
    ("yaml", "a configuration file"),
    ("yml", "a configuration file"),
    ("ini", "a configuration file"),
    ("cfg", "a configuration file"),
    ("log", "a log file"),
];

/// File names (without extension, case-insensitive) that are project files, not articles.
const NOT_ARTICLE_STEM: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "changes",
    "notice",
    "authors",
    "contributing",
    "contributors",
    "code_of_conduct",
    "makefile",
    "dockerfile",
    "package-lock",
    "thumbs",
];

/// Whether a name is hidden (starts with a dot).
pub fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Classify a file by its name only; `None` when the content must decide.
pub fn by_name(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (name.as_str(), ""),
    };
    if NOT_ARTICLE_STEM.contains(&stem) && ext != "json" && ext != "csv" {
        return Some(Kind::NotArticle("a project file"));
    }
    if let Some((_, what)) = NOT_ARTICLE_EXT.iter().find(|(e, _)| *e == ext) {
        return Some(Kind::NotArticle(what));
    }
    let format = match ext {
        "json" => Format::Json,
        "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
        "csv" => Format::Csv,
        "tsv" | "tab" => Format::Tsv,
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "rss" | "atom" | "rdf" | "xml" => Format::Feed,
        "txt" | "text" | "" => Format::Text,
        _ => return None,
    };
    Some(Kind::Article(format))
}

/// Whether bytes look binary: a NUL byte near the start (UTF-16 text has a BOM first).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let bom16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    !bom16 && head.contains(&0)
}

/// Refine a format guess with the text itself: JSON written to a `.txt`, a saved page
/// without `.html`, a feed, a JSON Feed inside `.json`, Markdown front matter.
pub fn by_content(guess: Option<Format>, text: &str) -> Option<Format> {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let lower: String = head.chars().take(600).collect::<String>().to_lowercase();
    let looks_html = lower.starts_with("<!doctype html") || lower.starts_with("<html");
    let looks_feed = lower.starts_with("<?xml")
        && (lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf"))
        || lower.starts_with("<rss")
        || lower.starts_with("<feed")
        || lower.starts_with("<rdf:rdf");
    let looks_json = head.starts_with(['{', '[']);
    match guess {
        Some(Format::Json) if is_json_feed(head) => Some(Format::Feed),
        Some(Format::Json | Format::Jsonl) => guess,
        Some(Format::Feed) if looks_html => Some(Format::Html),
        Some(Format::Text) | None => {
            if looks_html {
                Some(Format::Html)
            } else if looks_feed {
                Some(Format::Feed)
            } else if looks_json {
                if is_json_feed(head) {
                    Some(Format::Feed)
                } else if serde_json::from_str::<serde::de::IgnoredAny>(head).is_ok() {
                    Some(Format::Json)
                } else {
                    Some(Format::Jsonl)
                }
            } else if head.starts_with("---\n")
                || head.starts_with("+++\n")
                || head.starts_with("---\r\n")
            {
                Some(Format::Markdown)
            } else {
                guess
            }
        }
        other => other,
    }
}

/// A JSON Feed: an object whose `version` starts with `https://jsonfeed.org/`.
fn is_json_feed(head: &str) -> bool {
    if !head.starts_with('{') || !head.contains("jsonfeed.org") {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<String>,
    }
    serde_json::from_str::<Version>(head)
        .ok()
        .and_then(|v| v.version)
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            by_name(Path::new("a/001.txt")),
            Some(Kind::Article(Format::Text))
        );
        assert_eq!(
            by_name(Path::new("a/berita")),
            Some(Kind::Article(Format::Text))
        );
        assert_eq!(
            by_name(Path::new("x.JSONL")),
            Some(Kind::Article(Format::Jsonl))
        );
        assert_eq!(
            by_name(Path::new("README.TXT")),
            Some(Kind::NotArticle("a project file"))
        );
        assert_eq!(
            by_name(Path::new("LICENSE")),
            Some(Kind::NotArticle("a project file"))
        );
        assert_eq!(
            by_name(Path::new("foto.JPG")),
            Some(Kind::NotArticle("an image"))
        );
        assert_eq!(
            by_name(Path::new("Cargo.lock")),
            Some(Kind::NotArticle("a lock file"))
        );
        assert_eq!(by_name(Path::new("data.weird")), None);
        assert!(is_hidden(Path::new("dir/.hidden.txt")));
    }

    #[test]
    fn contents() {
        assert_eq!(
            by_content(Some(Format::Text), "{\"title\": \"x\"}"),
            Some(Format::Json)
        );
        assert_eq!(
            by_content(Some(Format::Text), "{\"a\":1}\n{\"a\":2}\n"),
            Some(Format::Jsonl)
        );
        assert_eq!(
            by_content(None, "<!DOCTYPE html><html>"),
            Some(Format::Html)
        );
        assert_eq!(
            by_content(None, "<?xml version=\"1.0\"?>\n<rss>"),
            Some(Format::Feed)
        );
        assert_eq!(
            by_content(
                Some(Format::Json),
                r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#
            ),
            Some(Format::Feed)
        );
        assert_eq!(
            by_content(Some(Format::Text), "---\ntitle: x\n---\nbody"),
            Some(Format::Markdown)
        );
        assert_eq!(
            by_content(Some(Format::Text), "Judul\n\nIsi."),
            Some(Format::Text)
        );
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0"));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }
}
