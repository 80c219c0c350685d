//! Markdown articles: YAML (`---`) or TOML (`+++`) front matter for the metadata, the
//! first `# Heading` as the title when the front matter has none, and a body of
//! paragraphs, `##` headings, `>` quotes and image captions, with inline markup removed
//! (emphasis dropped, links keep their text).

use super::clean;
use super::record::{self, Record, Repair};
use super::{Article, Block, Caption, Origin};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(re) => re,
        Err(err) => panic!("invalid built-in pattern {pattern:?}: {err}"),
    }
}

/// Split front matter off the text: (fields, body, a remark when some of it was not
/// understood).
fn front_matter(text: &str) -> (Map<String, Value>, &str, Option<String>) {
    let text = text.trim_start_matches('\u{feff}');
    for (fence, is_toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence || (!is_toml && line.trim_end() == "...") {
                let head = &rest[..offset];
                let body = &rest[offset + line.len()..];
                let (fields, remark) = if is_toml {
                    match toml_fields(head) {
                        Some(fields) => (fields, None),
                        None => (
                            Map::new(),
                            Some("front matter is not valid TOML; ignored".into()),
                        ),
                    }
                } else {
                    let (fields, bad) = yaml_fields(head);
                    let remark = (!bad.is_empty()).then(|| {
                        // File lines: the opening fence is line 1.
                        let lines: Vec<String> = bad.iter().map(|n| (n + 2).to_string()).collect();
                        let word = if lines.len() == 1 { "line" } else { "lines" };
                        format!(
                            "front matter {word} {} not understood; ignored",
                            lines.join(", ")
                        )
                    });
                    (fields, remark)
                };
                return (fields, body, remark);
            }
            offset += line.len();
        }
    }
    (Map::new(), text, None)
}

fn toml_fields(head: &str) -> Option<Map<String, Value>> {
    fn convert(v: &toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s.clone()),
            toml::Value::Integer(i) => Value::from(*i),
            toml::Value::Float(f) => Value::from(*f),
            toml::Value::Boolean(b) => Value::Bool(*b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.iter().map(convert).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
            }
        }
    }
    head.parse::<toml::Table>()
        .ok()
        .map(|table| table.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
}

/// The flat YAML that front matter uses: `key: value`, `key: [a, b]`, and `- item` lists;
/// also the numbers (from 0) of the lines that are none of these, which are left out.
fn yaml_fields(head: &str) -> (Map<String, Value>, Vec<usize>) {
    let mut map = Map::new();
    let mut bad = Vec::new();
    let mut list_key: Option<String> = None;
    for (n, line) in head.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let trimmed = line.trim_start();
        if let (Some(key), Some(item)) = (&list_key, trimmed.strip_prefix("- ")) {
            let item = item.trim();
            // `- name: Jane` inside an authors list.
            let item = item.strip_prefix("name:").unwrap_or(item);
            if let Some(Value::Array(items)) = map.get_mut(key) {
                items.push(Value::String(unquote(item)));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            bad.push(n);
            continue;
        };
        let key = key.trim().to_string();
        let value = value.trim();
        // An unclosed `[`, `{` or quote, or a second colon opening the value, is not YAML.
        let unclosed = |open: char, close: char| value.starts_with(open) && !value.ends_with(close);
        if key.is_empty()
            || value.starts_with(':')
            || unclosed('[', ']')
            || unclosed('{', '}')
            || (value.len() == 1 && value.starts_with(['"', '\'']))
            || unclosed('"', '"')
            || unclosed('\'', '\'')
        {
            bad.push(n);
            list_key = None;
            continue;
        }
        if value.is_empty() {
            map.insert(key.clone(), Value::Array(Vec::new()));
            list_key = Some(key);
            continue;
        }
        list_key = None;
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Value::Array(
                inner
                    .split(',')
                    .map(|s| Value::String(unquote(s)))
                    .filter(|v| v.as_str().is_some_and(|s| !s.is_empty()))
                    .collect(),
            ),
            None => Value::String(unquote(value)),
        };
        map.insert(key, value);
    }
    (map, bad)
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    s.to_string()
}

static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r#"!\[([^\]]*)\]\(\s*[^)\s]*(?:\s+"([^"]*)")?\s*\)"#));
static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"));
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| re(r"<((?:https?|mailto):[^>\s]+)>"));
static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"`([^`]+)`"));
static STRONG: LazyLock<Regex> = LazyLock::new(|| re(r"\*\*([^*]+)\*\*|__([^_]+)__|~~([^~]+)~~"));
static EM_STAR: LazyLock<Regex> = LazyLock::new(|| re(r"\*([^*\s][^*]*)\*"));
static EM_UNDER: LazyLock<Regex> = LazyLock::new(|| re(r"(^|[^\w])_([^_]+)_([^\w]|$)"));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"</?[A-Za-z][^<>]*>"));
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\\([\\`*_{}\[\]()#+\-.!>|~])"));
static IMAGE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^!\[([^\]]*)\]\(\s*[^)\s]*(?:\s+"([^"]*)")?\s*\)$"#));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:[-*+]|\d{1,3}[.)])\s+"));

/// Remove inline markup: emphasis, code ticks, link targets (keeping the text), tags.
pub fn strip_inline(s: &str) -> String {
    let s = IMAGE.replace_all(s, "$1");
    let s = LINK.replace_all(&s, "$1");
    let s = AUTOLINK.replace_all(&s, "$1");
    let s = CODE.replace_all(&s, "$1");
    let s = STRONG.replace_all(&s, "$1$2$3");
    let s = EM_STAR.replace_all(&s, "$1");
    let s = EM_UNDER.replace_all(&s, "$1$2$3");
    let s = HTML_TAG.replace_all(&s, "");
    let s = ESCAPE.replace_all(&s, "$1");
    clean::squash(&s)
}

/// The targets of inline links (`[text](target)`) and autolinks (`<https://...>`).
static LINK_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"!?\[[^\]]+\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<((?:https?):[^>\s]+)>"#)
});

/// The link targets of a body, images left out, in order.
fn links(body: &str) -> Vec<String> {
    LINK_TARGET
        .captures_iter(body)
        .filter(|c| !c.get(0).is_some_and(|m| m.as_str().starts_with('!')))
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Body blocks and the first `# Heading`; fenced code keeps its lines as a code block.
fn blocks(body: &str) -> (Option<String>, Vec<Block>) {
    let mut title = None;
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut quote: Vec<&str> = Vec::new();
    let mut code: Vec<&str> = Vec::new();
    let mut in_code = false;
    let flush = |para: &mut Vec<&str>, quote: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            let text = strip_inline(&para.join(" "));
            if !text.is_empty() {
                out.push(Block::Paragraph { text });
            }
            para.clear();
        }
        if !quote.is_empty() {
            let text = strip_inline(&quote.join(" "));
            if !text.is_empty() {
                out.push(Block::Quote { text });
            }
            quote.clear();
        }
    };
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut para, &mut quote, &mut out);
            if in_code && !code.is_empty() {
                out.push(Block::Code {
                    text: code.join("\n"),
                });
                code.clear();
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            code.push(line.trim_end());
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut quote, &mut out);
            continue;
        }
        if let Some(q) = t.strip_prefix('>') {
            if !para.is_empty() {
                flush(&mut para, &mut quote, &mut out);
            }
            quote.push(q.trim());
            continue;
        }
        if !quote.is_empty() {
            flush(&mut para, &mut quote, &mut out);
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut para, &mut quote, &mut out);
            let text = strip_inline(t[hashes..].trim().trim_end_matches('#').trim());
            if hashes == 1 && title.is_none() && out.is_empty() {
                title = Some(text);
            } else if !text.is_empty() {
                out.push(Block::Heading { text });
            }
            continue;
        }
        if t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) {
            flush(&mut para, &mut quote, &mut out);
            continue;
        }
        if let Some(c) = IMAGE_LINE.captures(t) {
            flush(&mut para, &mut quote, &mut out);
            let alt = strip_inline(c.get(1).map_or("", |m| m.as_str()));
            let credit = c.get(2).map(|m| m.as_str().trim().to_string());
            let caption = match (clean::caption(&alt), credit) {
                (_, Some(credit)) if !credit.is_empty() => Caption {
                    text: alt,
                    credit: Some(credit),
                },
                (Some(found), _) => found,
                _ => Caption {
                    text: alt,
                    credit: None,
                },
            };
            if !caption.text.is_empty() {
                out.push(Block::Caption(caption));
            }
            continue;
        }
        if LIST_ITEM.is_match(t) {
            flush(&mut para, &mut quote, &mut out);
            let text = strip_inline(&LIST_ITEM.replace(t, ""));
            if !text.is_empty() {
                out.push(Block::Paragraph { text });
            }
            continue;
        }
        para.push(t);
    }
    flush(&mut para, &mut quote, &mut out);
    if !code.is_empty() {
        // A fence left open runs to the end of the file.
        out.push(Block::Code {
            text: code.join("\n"),
        });
    }
    (title, out)
}

/// Load a Markdown file as one article.
pub fn load(origin: Origin, text: &str) -> Option<Article> {
    let (mut fields, body, remark) = front_matter(text);
    let (heading, mut blocks) = blocks(body);
    // Front-matter `description`/`summary` is the standfirst, never the body.
    for key in ["description", "summary", "excerpt", "subtitle"] {
        if let Some(v) = fields.remove(key) {
            fields.entry("lead").or_insert(v);
        }
    }
    for key in ["content", "text", "body", "article"] {
        fields.remove(key);
    }
    let has_title = fields
        .keys()
        .any(|k| matches!(k.to_lowercase().as_str(), "title" | "headline" | "judul"));
    if !has_title {
        fields.insert(
            "title".into(),
            Value::String(heading.clone().unwrap_or_default()),
        );
    } else if let Some(h) = heading {
        blocks.insert(0, Block::Heading { text: h });
    }
    if blocks.is_empty()
        && fields
            .get("title")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        return None;
    }
    let mut article = record::to_article(&Record::new(&fields), origin.clone(), Repair::default())
        .unwrap_or_else(|| Article::new(String::new(), origin));
    // A dateline opening the first paragraph becomes metadata, as in scraped text.
    if let Some(Block::Paragraph { text }) = blocks
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
        && let Some(d) = clean::dateline(text)
    {
        *text = text.get(d.len..).unwrap_or("").trim().to_string();
        article.source_name = article.source_name.or(d.source);
        article.dateline = d.place;
    }
    article.body = blocks.into();
    article.links = links(body);
    article.notes.extend(remark);
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: PathBuf::from("catatan.md"),
            index: 0,
            format: Format::Markdown,
        }
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: \"Pasar Ikan Dibuka Lagi\"\ndate: 2023-03-14 09:05 WITA\nauthor: Rina Marlina\nurl: https://contoh.id/pasar\ntags: [ekonomi, \"kota\"]\ndescription: Pedagang kembali berjualan.\n---\n\nMAKASSAR - Pasar ikan dibuka **lagi** pada [Selasa](https://x.id).\n\n## Harga Stabil\n\n> Kami senang, kata seorang pedagang.\n\n![Pedagang menata ikan](ikan.jpg \"Dok. Warga\")\n\n- satu\n- *dua*\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.title, "Pasar Ikan Dibuka Lagi");
        assert_eq!(
            a.published.unwrap().to_string(),
            "2023-03-14T09:05:00+08:00"
        );
        assert_eq!(a.authors, ["Rina Marlina"]);
        assert_eq!(a.url.as_deref(), Some("https://contoh.id/pasar"));
        assert_eq!(a.tags, ["ekonomi", "kota"]);
        assert_eq!(a.lead.as_deref(), Some("Pedagang kembali berjualan."));
        assert_eq!(a.dateline.as_deref(), Some("Makassar"));
        assert_eq!(
            a.body,
            vec![
                Block::Paragraph {
                    text: "Pasar ikan dibuka lagi pada Selasa.".into()
                },
                Block::Heading {
                    text: "Harga Stabil".into()
                },
                Block::Quote {
                    text: "Kami senang, kata seorang pedagang.".into()
                },
                Block::Caption(Caption {
                    text: "Pedagang menata ikan".into(),
                    credit: Some("Dok. Warga".into())
                }),
                Block::Paragraph {
                    text: "satu".into()
                },
                Block::Paragraph { text: "dua".into() },
            ]
        );
    }

    #[test]
    fn toml_front_matter_and_authors_list() {
        let text = "+++\ntitle = \"Kapal Tiba\"\ndate = 2023-01-30T15:30:00+07:00\nauthors = [\"A Satu\", \"B Dua\"]\n+++\nIsi `kode` dan __tebal__.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.title, "Kapal Tiba");
        assert_eq!(a.authors, ["A Satu", "B Dua"]);
        assert_eq!(
            a.published.unwrap().to_string(),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(a.body_text(), "Isi kode dan tebal.");
        let text = "---\ntitle: T\nauthor:\n  - name: Jane Doe\n  - John Roe\n---\nx\n";
        assert_eq!(
            load(origin(), text).unwrap().authors,
            ["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn broken_front_matter_lines_are_left_out_with_a_note() {
        let text =
            "---\ntitle: [unclosed\ndate: : :\nauthor: Rina\n---\n# Judul dari heading\n\nIsi.\n";
        let a = load(origin(), text).expect("loads");
        assert_eq!(a.title, "Judul dari heading");
        assert_eq!(a.authors, vec!["Rina".to_string()]);
        assert_eq!(
            a.notes,
            vec!["front matter lines 2, 3 not understood; ignored".to_string()]
        );
        let a = load(origin(), "+++\ntitle = [\n+++\n# Judul\n\nIsi.\n").expect("loads");
        assert_eq!(a.title, "Judul");
        assert_eq!(a.notes.len(), 1);
    }

    #[test]
    fn heading_title_without_front_matter() {
        let text =
            "# Jembatan Baru\n\nWarga menyeberang\ndengan _aman_.\n\n### Biaya\n\nRp 5 miliar.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.title, "Jembatan Baru");
        assert_eq!(
            a.body_text(),
            "Warga menyeberang dengan aman.\n\nBiaya\n\nRp 5 miliar."
        );
        assert!(load(origin(), "").is_none());
        let _ = load(origin(), "---\n");
        let _ = load(origin(), "+++\ntitle = \n+++\n");
    }

    #[test]
    fn fenced_code_keeps_its_lines_and_links_are_listed() {
        let text = "# Catatan Rilis\n\nLihat [dokumen](https://contoh.id/dok) dan <https://contoh.id/b>.\n\n\
                    ```sh\ncargo build\n    --release\n```\n\n![Foto](https://contoh.id/f.jpg)\n";
        let a = load(origin(), text).unwrap();
        let blocks = a.body.blocks();
        assert!(blocks.contains(&Block::Code {
            text: "cargo build\n    --release".into()
        }));
        assert_eq!(a.links, ["https://contoh.id/dok", "https://contoh.id/b"]);
    }
}
