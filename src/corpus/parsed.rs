//! What loading a file gives, and its encoding in the parsed-file cache.
//!
//! [`LoadBatch`] is a run of loaded articles with their content keys and the problems met;
//! loading delivers it ([`super::load`]), and the parsed-file cache stores one per file.
//! What a file parses to depends only on its bytes, its path and the loaders:
//! [`encode_file`] stores a file's articles, their keys and its problems under
//! [`loader_version`] (a hash of the loaders' code), in [`crate::store::FileCache`].

use crate::article::{
    Article, Block, Body, Caption, Format, LoadReport, Origin, Problem, Published, PublishedFrom,
};
use crate::store::{article_key, bytes_path, path_bytes};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::Path;

/// Articles loaded next in collection order, with their content keys.
#[derive(Debug, Default)]
pub struct LoadBatch {
    /// The articles, continuing the collection.
    pub articles: Vec<Article>,
    /// Each article's [`article_key`] (same order).
    pub keys: Vec<String>,
    /// Files or lines that could not be loaded.
    pub problems: Vec<Problem>,
}

impl LoadBatch {
    /// Append another batch's articles, keys and problems.
    pub(super) fn extend(&mut self, other: LoadBatch) {
        self.articles.extend(other.articles);
        self.keys.extend(other.keys);
        self.problems.extend(other.problems);
    }

    /// Whether the batch holds no article and no problem.
    pub(super) fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.problems.is_empty()
    }

    /// The articles with their keys, bodies packed: the collection stays in memory.
    pub(crate) fn from_report(report: LoadReport) -> LoadBatch {
        let keys = report.articles.iter().map(article_key).collect();
        let mut articles = report.articles;
        for article in &mut articles {
            article.body.pack();
        }
        LoadBatch {
            articles,
            keys,
            problems: report.problems,
        }
    }
}

/// The version of the parsed-file encoding below; raise it when [`Article`] or
/// [`Problem`] changes shape.
pub const FILE_FORMAT: u32 = 2;

/// The loader version cached parsed files are stored under.
pub fn loader_version() -> String {
    format!(
        "{}-{}-{FILE_FORMAT}",
        env!("CARGO_PKG_VERSION"),
        env!("WARTA_LOADER_HASH")
    )
}

/// A path in a cached file: `None` for the file's own path (nearly always), so a file
/// found under another spelling of its path reads back with the path it was loaded by.
type PathRepr<'a> = Option<Cow<'a, [u8]>>;

/// A file's parse as stored: the articles, their keys and the problems.
#[derive(Serialize, Deserialize)]
struct FileRepr<'a> {
    #[serde(borrow)]
    articles: Vec<ArticleRepr<'a>>,
    keys: Vec<Cow<'a, str>>,
    problems: Vec<ProblemRepr<'a>>,
}

/// [`Article`] field for field, in a form postcard stores losslessly (the JSON form of
/// `Article` is not: its paths are lossy and its dates are strings).
#[derive(Serialize, Deserialize)]
struct ArticleRepr<'a> {
    title: Cow<'a, str>,
    lead: Option<Cow<'a, str>>,
    authors: Vec<Cow<'a, str>>,
    published: Option<PublishedRepr>,
    published_from: PublishedFrom,
    source_name: Option<Cow<'a, str>>,
    dateline: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
    links: Vec<Cow<'a, str>>,
    language: Option<Cow<'a, str>>,
    tags: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    body: BodyRepr<'a>,
    path: PathRepr<'a>,
    index: u64,
    format: Format,
    notes: Vec<Cow<'a, str>>,
}

/// [`Published`]: the local time as seconds and nanoseconds, the offset in seconds.
#[derive(Serialize, Deserialize)]
struct PublishedRepr {
    secs: i64,
    nanos: u32,
    offset: Option<i32>,
    has_time: bool,
}

/// [`Body`]: its packed bytes as they are, or its blocks when it was not packed.
#[derive(Serialize, Deserialize)]
enum BodyRepr<'a> {
    Packed(#[serde(with = "serde_bytes", borrow)] Cow<'a, [u8]>, u32),
    Open(Vec<BlockRepr<'a>>),
}

/// [`Block`], externally tagged (postcard cannot read the internally tagged JSON form).
#[derive(Serialize, Deserialize)]
enum BlockRepr<'a> {
    Paragraph(Cow<'a, str>),
    Heading(Cow<'a, str>),
    Caption(Cow<'a, str>, Option<Cow<'a, str>>),
    Quote(Cow<'a, str>),
    Code(Cow<'a, str>),
}

/// [`Problem`].
#[derive(Serialize, Deserialize)]
struct ProblemRepr<'a> {
    path: PathRepr<'a>,
    line: Option<u64>,
    reason: Cow<'a, str>,
}

fn borrowed(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

fn owned(s: &str) -> Cow<'static, str> {
    Cow::Owned(s.to_string())
}

fn borrowed_opt(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

fn borrowed_all(v: &[String]) -> Vec<Cow<'_, str>> {
    v.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
}

fn owned_opt(s: Option<Cow<'_, str>>) -> Option<String> {
    s.map(Cow::into_owned)
}

fn owned_all(v: Vec<Cow<'_, str>>) -> Vec<String> {
    v.into_iter().map(Cow::into_owned).collect()
}

/// A path relative to the file it was found in (`None` when it is the file itself).
fn path_repr<'a>(path: &'a Path, file: &Path) -> Option<PathRepr<'a>> {
    if path == file {
        return Some(None);
    }
    path_bytes(path).map(|b| Some(Cow::Borrowed(b)))
}

fn path_back(repr: PathRepr<'_>, file: &Path) -> Option<std::path::PathBuf> {
    match repr {
        None => Some(file.to_path_buf()),
        Some(bytes) => bytes_path(bytes.into_owned()),
    }
}

fn article_repr<'a>(a: &'a Article, file: &Path) -> Option<ArticleRepr<'a>> {
    // Destructured without `..`: a new field must be added here too, or this fails to build.
    let Article {
        title,
        lead,
        authors,
        published,
        published_from,
        source_name,
        dateline,
        url,
        links,
        language,
        tags,
        body,
        origin,
        notes,
    } = a;
    let Origin {
        path,
        index,
        format,
    } = origin;
    let published = published.map(|p| {
        let Published {
            local,
            offset,
            has_time,
        } = p;
        let utc = local.and_utc();
        PublishedRepr {
            secs: utc.timestamp(),
            nanos: utc.timestamp_subsec_nanos(),
            offset: offset.map(|o| o.local_minus_utc()),
            has_time,
        }
    });
    let body = match body.packed() {
        Some((bytes, blocks)) => BodyRepr::Packed(Cow::Borrowed(bytes), blocks),
        None => BodyRepr::Open(
            body.blocks()
                .iter()
                .map(|b| match b {
                    Block::Paragraph { text } => BlockRepr::Paragraph(owned(text)),
                    Block::Heading { text } => BlockRepr::Heading(owned(text)),
                    Block::Caption(Caption { text, credit }) => {
                        BlockRepr::Caption(owned(text), credit.clone().map(Cow::Owned))
                    }
                    Block::Quote { text } => BlockRepr::Quote(owned(text)),
                    Block::Code { text } => BlockRepr::Code(owned(text)),
                })
                .collect(),
        ),
    };
    Some(ArticleRepr {
        title: borrowed(title),
        lead: borrowed_opt(lead),
        authors: borrowed_all(authors),
        published,
        published_from: *published_from,
        source_name: borrowed_opt(source_name),
        dateline: borrowed_opt(dateline),
        url: borrowed_opt(url),
        links: borrowed_all(links),
        language: borrowed_opt(language),
        tags: borrowed_all(tags),
        body,
        path: path_repr(path, file)?,
        index: u64::try_from(*index).ok()?,
        format: *format,
        notes: borrowed_all(notes),
    })
}

fn article_back(r: ArticleRepr<'_>, file: &Path) -> Option<Article> {
    let published = match r.published {
        Some(p) => Some(Published {
            local: chrono::DateTime::from_timestamp(p.secs, p.nanos)?.naive_utc(),
            offset: match p.offset {
                Some(secs) => Some(chrono::FixedOffset::east_opt(secs)?),
                None => None,
            },
            has_time: p.has_time,
        }),
        None => None,
    };
    let body = match r.body {
        BodyRepr::Packed(bytes, blocks) => Body::from_packed(bytes.into_owned(), blocks),
        BodyRepr::Open(blocks) => blocks
            .into_iter()
            .map(|b| match b {
                BlockRepr::Paragraph(text) => Block::Paragraph {
                    text: text.into_owned(),
                },
                BlockRepr::Heading(text) => Block::Heading {
                    text: text.into_owned(),
                },
                BlockRepr::Caption(text, credit) => Block::Caption(Caption {
                    text: text.into_owned(),
                    credit: owned_opt(credit),
                }),
                BlockRepr::Quote(text) => Block::Quote {
                    text: text.into_owned(),
                },
                BlockRepr::Code(text) => Block::Code {
                    text: text.into_owned(),
                },
            })
            .collect::<Vec<_>>()
            .into(),
    };
    Some(Article {
        title: r.title.into_owned(),
        lead: owned_opt(r.lead),
        authors: owned_all(r.authors),
        published,
        published_from: r.published_from,
        source_name: owned_opt(r.source_name),
        dateline: owned_opt(r.dateline),
        url: owned_opt(r.url),
        links: owned_all(r.links),
        language: owned_opt(r.language),
        tags: owned_all(r.tags),
        body,
        origin: Origin {
            path: path_back(r.path, file)?,
            index: usize::try_from(r.index).ok()?,
            format: r.format,
        },
        notes: owned_all(r.notes),
    })
}

/// What loading the file at `file` gave (its articles, their keys, its problems) as the
/// bytes stored in the file cache (postcard, compressed with LZ4); `None` when a path in
/// it cannot be stored.
pub fn encode_file(file: &Path, parsed: &LoadBatch) -> Option<Vec<u8>> {
    let articles = parsed
        .articles
        .iter()
        .map(|a| article_repr(a, file))
        .collect::<Option<Vec<_>>>()?;
    let problems = parsed
        .problems
        .iter()
        .map(|p| {
            let Problem { path, line, reason } = p;
            Some(ProblemRepr {
                path: path_repr(path, file)?,
                line: match line {
                    Some(n) => Some(u64::try_from(*n).ok()?),
                    None => None,
                },
                reason: borrowed(reason),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let repr = FileRepr {
        articles,
        keys: borrowed_all(&parsed.keys),
        problems,
    };
    let raw = postcard::to_allocvec(&repr).ok()?;
    // The length of the raw form (4 bytes, little-endian), then the raw form compressed.
    let len = u32::try_from(raw.len()).ok()?;
    let mut out = len.to_le_bytes().to_vec();
    out.extend(lz4_flex::block::compress(&raw));
    Some(out)
}

/// The raw form back from [`encode_file`]'s compressed bytes; `None` when they are damaged
/// (including a length no parse of an accepted file could have).
fn uncompress(bytes: &[u8]) -> Option<Vec<u8>> {
    let (len, packed) = bytes.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
    let limit = crate::article::walk::max_file_bytes()
        .saturating_mul(4)
        .saturating_add(1 << 20);
    if u64::try_from(len).ok()? > limit {
        return None;
    }
    let raw = lz4_flex::block::decompress(packed, len).ok()?;
    (raw.len() == len).then_some(raw)
}

/// A file's articles, keys and problems back from the file cache, as if `file` had just
/// been loaded; `None` when the bytes do not decode (then the file is parsed again).
pub fn decode_file(file: &Path, bytes: &[u8]) -> Option<LoadBatch> {
    let raw = uncompress(bytes)?;
    let repr: FileRepr<'_> = postcard::from_bytes(&raw).ok()?;
    if repr.keys.len() != repr.articles.len() {
        return None;
    }
    let articles = repr
        .articles
        .into_iter()
        .map(|a| article_back(a, file))
        .collect::<Option<Vec<_>>>()?;
    let problems = repr
        .problems
        .into_iter()
        .map(|p| {
            Some(Problem {
                path: path_back(p.path, file)?,
                line: match p.line {
                    Some(n) => Some(usize::try_from(n).ok()?),
                    None => None,
                },
                reason: p.reason.into_owned(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(LoadBatch {
        articles,
        keys: owned_all(repr.keys),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(file: &Path, articles: Vec<Article>, problems: Vec<Problem>) {
        let keys: Vec<String> = articles.iter().map(crate::store::article_key).collect();
        let batch = LoadBatch {
            articles,
            keys,
            problems,
        };
        let bytes = encode_file(file, &batch).expect("encodes");
        let back = decode_file(file, &bytes).expect("decodes");
        assert_eq!(back.articles, batch.articles);
        assert_eq!(back.keys, batch.keys);
        assert_eq!(back.problems, batch.problems);
        assert!(decode_file(file, &bytes[..bytes.len() - 1]).is_none());
    }

    #[test]
    fn every_sample_article_survives_the_round_trip() {
        for article in crate::article::load_samples().articles {
            let file = article.origin.path.clone();
            round_trip(&file, vec![article], Vec::new());
        }
    }

    #[test]
    fn a_hostile_article_survives_the_round_trip() {
        #[cfg(unix)]
        let file = {
            use std::os::unix::ffi::OsStrExt;
            std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b"dir/ber\xffita.txt"))
        };
        #[cfg(not(unix))]
        let file = std::path::PathBuf::from("dir/berita.txt");
        let local = chrono::NaiveDate::from_ymd_opt(1969, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 123_456_789))
            .expect("a valid date");
        let mut a = Article::new(
            "\u{202e}Judul\u{0} \u{1F600}",
            Origin {
                path: file.clone(),
                index: usize::MAX >> 1,
                format: Format::Feed,
            },
        );
        a.lead = Some(String::new());
        a.authors = vec!["A".into(), "".into(), "Ç\u{301}".into()];
        a.published = Some(Published {
            local,
            offset: chrono::FixedOffset::west_opt(9 * 3600 + 30 * 60),
            has_time: true,
        });
        a.published_from = PublishedFrom::Id;
        a.source_name = Some("x\ny".into());
        a.dateline = None;
        a.url = Some("http://[::1]/?q=&#0;".into());
        a.links = vec!["https://contoh.id/a".into(), String::new()];
        a.language = Some("zz".into());
        a.tags = vec!["\t".into()];
        a.body = vec![
            Block::Paragraph { text: "".into() },
            Block::Heading { text: "H".into() },
            Block::Caption(Caption {
                text: "c".into(),
                credit: Some("Dok.".into()),
            }),
            Block::Caption(Caption {
                text: "d".into(),
                credit: None,
            }),
            Block::Quote {
                text: "\"q\"".into(),
            },
            Block::Code {
                text: "a\n  b\n".into(),
            },
        ]
        .into();
        a.notes = vec!["decoded lossily".into()];
        let mut other = a.clone();
        other.origin.path = std::path::PathBuf::from("elsewhere/feed.xml");
        other.published = Some(Published {
            local,
            offset: None,
            has_time: false,
        });
        let problems = vec![
            Problem {
                path: file.clone(),
                line: Some(7),
                reason: "bad line".into(),
            },
            Problem {
                path: "other".into(),
                line: None,
                reason: String::new(),
            },
        ];
        round_trip(&file, vec![a, other], problems);
    }

    #[test]
    fn a_file_reads_back_under_the_path_it_is_loaded_by() {
        let article = crate::article::load_samples().articles.remove(0);
        let batch = LoadBatch::from_report(crate::article::LoadReport {
            articles: vec![article.clone()],
            problems: Vec::new(),
        });
        let bytes = encode_file(&article.origin.path, &batch).expect("encodes");
        let moved = Path::new("moved/here.txt");
        let back = decode_file(moved, &bytes).expect("decodes");
        assert_eq!(back.articles[0].origin.path, moved);
        assert_eq!(back.articles[0].title, article.title);
        assert!(loader_version().contains(env!("WARTA_LOADER_HASH")));
    }
}
