//! Recognising the parts of scraped news text that are not running prose: bylines,
//! datelines, photo captions with credits and site boilerplate, plus whitespace and
//! entity repair shared by every loader.
//!
//! All patterns are compiled once (`LazyLock`) and every function works on one line or one
//! paragraph, so cleaning a corpus is linear in its size.

use super::Caption;
use super::date::{self, Published};
use regex::Regex;
use std::sync::LazyLock;

/// Compile a pattern written in this file (a bad pattern is a programming error caught by
/// the unit tests, never by input data).
fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(re) => re,
        Err(err) => panic!("invalid built-in pattern {pattern:?}: {err}"),
    }
}

/// The dash that ends a dateline: `-`, `--`, en or em dash.
const DASH: &str = r"(?:-{1,2}|–|—)";

/// Collapse runs of whitespace (including no-break spaces) into one space and trim.
pub fn squash(s: &str) -> String {
    if is_squashed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_squash_space) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a character is a space for [`squash`].
fn is_squash_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}'
}

/// Whether [`squash`] would return the text unchanged: no space at either end and no
/// space other than single ASCII spaces between words.
fn is_squashed(s: &str) -> bool {
    let bytes = s.as_bytes();
    // ASCII whitespace other than the plain space is below 0x20 (so are a few controls,
    // which only send the text the long way round).
    if s.starts_with(' ') || s.ends_with(' ') || bytes.iter().any(|&b| b < 0x20) {
        return false;
    }
    if s.contains("  ") {
        return false;
    }
    if s.is_ascii() {
        return true;
    }
    // Decode only the starts of multi-byte characters.
    !bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b >= 0xc0)
        .any(|(i, _)| s[i..].chars().next().is_some_and(is_squash_space))
}

/// Whether text ends like a sentence (or a quoted sentence).
pub fn ends_sentence(s: &str) -> bool {
    matches!(
        s.trim_end().chars().last(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | '…' | ':' | ';' | ',' | ')')
    )
}

/// A byline found in the header of an article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Byline {
    /// Author names, without prefixes.
    pub authors: Vec<String>,
    /// The date given with the byline.
    pub published: Option<Published>,
    /// A site named in the byline (`Kompas.com - 30/01/2023`).
    pub source: Option<String>,
}

static BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:oleh|by|written by|ditulis oleh)\s*:?\s+(?P<rest>.+)$"));
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:penulis|pewarta|reporter|wartawan|author|authors|writer|kontributor)\s*:\s*(?P<rest>.+)$",
    )
});
static DETIK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<rest>\p{Lu}[\p{L}.' ]{1,60}?)\s+-\s+(?P<site>detik\w*|[A-Za-z]+\.com)(?:\s*[,|]?\s*(?P<date>.+))?$",
    )
});
static SITE_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<site>[A-Za-z0-9]+(?:\.[A-Za-z]{2,3}){1,2})\s+-\s+(?P<date>.+)$"));
static DATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s+(?:-\s+|\|\s*)?(?:diperbarui|diterbitkan|dipublikasikan|terbit|updated|published|posted|pada|on)\b:?\s*",
    )
});
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*"));
static EDITOR_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*[|,/]?\s*(?:editor|penyunting|redaktur)\s*:.*$"));

/// Recognise a byline or a date line: `oleh NAME diperbarui 30 Jan 2023, 15:30 WIB`,
/// `By NAME`, `Penulis: NAME | Editor: NAME`, `NAME - detikNews`, `Senin, 30 Jan 2023`.
pub fn byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 160 {
        return None;
    }
    if let Some(c) = BY.captures(line).or_else(|| LABELLED.captures(line)) {
        return names_and_date(&c["rest"]);
    }
    // Both patterns below need ` - ` in the line.
    let dash = line.contains('-');
    if dash && let Some(c) = DETIK.captures(line) {
        let mut b = names_and_date(&c["rest"])?;
        b.source = Some(c["site"].to_string());
        if let Some(d) = c.name("date") {
            b.published = date::parse(d.as_str());
        }
        return Some(b);
    }
    if dash
        && let Some(c) = SITE_DATE.captures(line)
        && let Some(published) = date::parse(&c["date"])
    {
        return Some(Byline {
            authors: Vec::new(),
            published: Some(published),
            source: Some(c["site"].to_string()),
        });
    }
    if line.chars().count() <= 60
        && line.chars().any(|c| c.is_ascii_digit())
        && let Some(published) = date::parse(line)
    {
        return Some(Byline {
            published: Some(published),
            ..Byline::default()
        });
    }
    None
}

/// Split `NAME[, NAME] [diperbarui|,|] DATE` into names and a date.
fn names_and_date(rest: &str) -> Option<Byline> {
    let rest = EDITOR_TAIL.replace(rest, "");
    let mut published = None;
    let mut names = rest.as_ref();
    if let Some(m) = DATE_WORD.find(names) {
        published = date::parse(&names[m.end()..]);
        names = &names[..m.start()];
    } else if let Some((before, after)) = names.split_once('|') {
        published = date::parse(after);
        names = before;
    } else {
        // `By NAME, 30 Jan 2023`: the first comma after which a date parses.
        for (i, _) in names.match_indices(',') {
            if let Some(p) = date::parse(&names[i + 1..]) {
                published = Some(p);
                names = &names[..i];
                break;
            }
        }
    }
    let authors = split_names(names);
    if authors.is_empty() && published.is_none() {
        return None;
    }
    if !authors.iter().all(|a| looks_like_name(a)) {
        return None;
    }
    Some(Byline {
        authors,
        published,
        source: None,
    })
}

/// Split an author list on commas, `and`, `dan`, `&`.
pub fn split_names(names: &str) -> Vec<String> {
    NAME_SPLIT
        .split(names.trim())
        .map(|n| squash(n.trim_matches(|c: char| c == '.' || c == '|' || c.is_whitespace())))
        .filter(|n| !n.is_empty())
        .collect()
}

/// A person or desk name: a few words, mostly capitalised, no sentence punctuation.
fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || name.contains(['!', '?', '"', '“']) {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    capitalised * 2 > words.len()
}

/// A dateline split off the start of a paragraph.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The publisher or agency (`Liputan6.com`, `ANTARA`, `Reuters`).
    pub source: Option<String>,
    /// The place (`Seoul`, `Jakarta`, `Washington`).
    pub place: Option<String>,
    /// Byte length of the dateline, including the dash and following spaces.
    pub len: usize,
}

static DL_COMMA: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<a>[\p{{Lu}}\d][\p{{L}}\d.&'-]*(?: [\p{{Lu}}\d][\p{{L}}\d.&'-]*){{0,3}}),\s*(?P<b>[\p{{Lu}}\d][\p{{L}}\d.&'-]*(?: [\p{{Lu}}\d][\p{{L}}\d.&'-]*){{0,3}})\s*{DASH}(?:\s+|\s*$)"
    ))
});
static DL_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{L}}.'-]*(?: \p{{Lu}}[\p{{L}}.'-]*){{0,3}}(?:, \p{{Lu}}[\p{{L}}.'-]*(?: \p{{Lu}}[\p{{L}}.'-]*){{0,2}})?)\s*\((?P<src>[^()]{{2,30}})\)\s*{DASH}(?:\s+|\s*$)"
    ))
});
static DL_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<src>[\p{{L}}\d]+(?:\.[A-Za-z]{{2,3}}){{1,2}}|\p{{Lu}}{{2,8}}|Reuters)\s*{DASH}(?:\s+|\s*$)"
    ))
});
static DL_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{Lu}}.'-]+(?: \p{{Lu}}[\p{{Lu}}.'-]+){{0,2}}(?:, \p{{Lu}}[\p{{L}}.'-]*(?: \p{{Lu}}[\p{{L}}.'-]*){{0,2}})?)\s*{DASH}(?:\s+|\s*$)"
    ))
});
/// `Jakarta - ...`: a place in title case before a dash (checked against the place list).
static DL_TITLED_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>\p{{Lu}}\p{{Ll}}+(?: \p{{Lu}}\p{{Ll}}+)?)\s+{DASH}\s+"
    ))
});
static LEADING_DASH: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s*{DASH}\s+")));

/// Agencies and outlets that appear in datelines without a domain.
const OUTLETS: &[&str] = &[
    "cnn indonesia",
    "cnbc indonesia",
    "antara",
    "antaranews",
    "ap",
    "afp",
    "reuters",
    "bernama",
    "xinhua",
    "bloomberg",
    "upi",
    "dpa",
    "ani",
    "pti",
    "idn times",
    "republika",
    "okezone",
    "sindonews",
    "kumparan",
    "tribunnews",
    "detiknews",
    "detikcom",
    "suara",
    "merdeka",
    "tempo",
    "kontan",
    "bisnis",
    "viva",
    "beritasatu",
    "jpnn",
    "inews",
    "bbc",
    "bbc news",
    "bbc indonesia",
    "voa",
    "voa indonesia",
    "kompas",
    "kompas tv",
    "liputan6",
    "metro tv",
    "rri",
    "jawapos",
    "jawa pos",
    "mediaindonesia",
    "media indonesia",
];

/// Whether a dateline part names a publisher rather than a place.
pub fn is_outlet(s: &str) -> bool {
    let lower = s.to_lowercase();
    if OUTLETS.contains(&lower.as_str()) {
        return true;
    }
    // A domain: `Liputan6.com`, `TEMPO.CO`, `KOMPAS.com`, `SPACE.com`.
    match lower.rsplit_once('.') {
        Some((name, tld)) => {
            !name.is_empty()
                && !name.contains(' ')
                && matches!(
                    tld,
                    "com" | "co" | "id" | "net" | "org" | "tv" | "news" | "uk"
                )
        }
        None => false,
    }
}

/// `JAKARTA` → `Jakarta`, `HONG KONG` → `Hong Kong`; mixed case is kept.
fn place_case(place: &str) -> String {
    let place = place.trim().trim_end_matches(',');
    place
        .split(", ")
        .map(place_part_case)
        .collect::<Vec<String>>()
        .join(", ")
}

fn place_part_case(place: &str) -> String {
    if place.chars().any(|c| c.is_lowercase()) {
        return place.to_string();
    }
    place
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Find a dateline at the start of a paragraph: `Liputan6.com, Seoul -`,
/// `JAKARTA, KOMPAS.com -`, `Jakarta (ANTARA) -`, `WASHINGTON (AP) --`,
/// `TEMPO.CO, Jakarta -`, `Jakarta, CNN Indonesia --`, `AP -`, `JAKARTA -`.
pub fn dateline(paragraph: &str) -> Option<Dateline> {
    if let Some(c) = DL_COMMA.captures(paragraph) {
        let (a, b) = (&c["a"], &c["b"]);
        let len = c.get(0).map_or(0, |m| m.end());
        if is_outlet(a) {
            return Some(Dateline {
                source: Some(a.to_string()),
                place: Some(place_case(b)),
                len,
            });
        }
        if is_outlet(b) {
            return Some(Dateline {
                source: Some(b.to_string()),
                place: Some(place_case(a)),
                len,
            });
        }
    }
    if let Some(c) = DL_PAREN.captures(paragraph) {
        let (place, src) = (&c["place"], c["src"].trim());
        let upper = src
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if upper || is_outlet(src) {
            return Some(Dateline {
                source: Some(src.to_string()),
                place: Some(place_case(place)),
                len: c.get(0).map_or(0, |m| m.end()),
            });
        }
    }
    if let Some(c) = DL_SOURCE.captures(paragraph) {
        let src = &c["src"];
        let is_place = src.chars().all(char::is_uppercase) && !is_outlet(src);
        if !is_place {
            let len = c.get(0).map_or(0, |m| m.end());
            // `SPACE.com - TORONTO, Canada -- text`: a place may follow the source.
            let place = dateline_place(&paragraph[len..]);
            return Some(Dateline {
                source: Some(src.to_string()),
                place: place.as_ref().map(|(p, _)| p.clone()),
                len: len + place.map_or(0, |(_, l)| l),
            });
        }
    }
    dateline_place(paragraph)
        .or_else(|| {
            let c = DL_TITLED_PLACE.captures(paragraph)?;
            let place = &c["place"];
            crate::text::wordlist::places()
                .contains(place)
                .then(|| (place.to_string(), c.get(0).map_or(0, |m| m.end())))
        })
        .map(|(place, len)| Dateline {
            source: None,
            place: Some(place),
            len,
        })
}

fn dateline_place(paragraph: &str) -> Option<(String, usize)> {
    let c = DL_PLACE.captures(paragraph)?;
    let place = &c["place"];
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some((place_case(place), c.get(0).map_or(0, |m| m.end())))
}

/// Remove a leading dash left where a scraper dropped the dateline (` - Gempuran ...`).
pub fn strip_leading_dash(paragraph: &str) -> &str {
    match LEADING_DASH.find(paragraph) {
        Some(m) => &paragraph[m.end()..],
        None => paragraph,
    }
}

static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<text>.*?[^\s(])\s*\((?P<credit>[^()]{2,80})\)\.?$"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"^[\d\s/.,:-]+$"));
static PHOTO_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:dok\b|dok\.|doc\b|foto|photo|ist\b|ist\.|istimewa|getty|pixabay|unsplash|shutterstock|pexels|freepik|file photo|repro|screenshot|tangkapan layar|kredit|credit|courtesy|sumber foto)|\bphoto\b",
    )
});
static CREDIT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:dok\b|dok\.|doc\b|foto|photo|ist\b|ist\.|istimewa|getty|reuters|afp|ap\b|antara|pixabay|unsplash|shutterstock|pexels|freepik|file\b|repro|screenshot|tangkapan layar|capture|kredit|credit|courtesy|sumber foto|epa|xinhua|bernama|anadolu)",
    )
});
static CREDIT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:foto|photo|kredit foto|credit|kredit)\s*:\s*"));

/// Recognise a photo caption: a line ending with a parenthesised credit, such as
/// `Sekjen NATO. (Dok. AFP)`, `Warga antre. (Foto: ANTARA/NAME)`, `... (AP Photo/NAME)`.
///
/// The credit must look like one (a slash, a photo or agency word, or a short capitalised
/// name after a full stop), so a sentence ending in `(SEC)` or `(30/1/2023)` is not a caption.
pub fn caption(line: &str) -> Option<Caption> {
    let line = line.trim();
    // The pattern ends in `)` or `).`: test that before counting or matching anything.
    if !(line.ends_with(')') || line.ends_with(").")) || line.chars().count() > 400 {
        return None;
    }
    let c = CAPTION.captures(line)?;
    let text = c["text"].trim();
    let credit = c["credit"].trim();
    if text.is_empty() || NUMERIC.is_match(credit) || !credit.chars().any(char::is_alphabetic) {
        return None;
    }
    // A caption is a line or two, not a paragraph signed off with a credit.
    let len = text.chars().count();
    let sentences = text.matches(". ").count() + 1;
    if len > 200 || sentences > 2 {
        return None;
    }
    // `(Yendhi / win)`, `(adji / M1/sir)`: a desk sign-off ends in lowercase initials.
    let desk_code = credit
        .rsplit('/')
        .next()
        .map(str::trim)
        .is_some_and(|last| {
            (1..=4).contains(&last.len()) && last.chars().all(|c| c.is_ascii_lowercase())
        });
    let slash = credit.contains('/')
        && !desk_code
        && !credit.contains([',', '!', '?'])
        && credit.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let photo = PHOTO_WORD.is_match(credit);
    // A bare agency or name (`(Antara)`, `(Pixabay)`) credits a short one-sentence line;
    // after a longer paragraph it is the news source signing off.
    let short = len <= 100 && sentences == 1;
    let agency = short && CREDIT_WORD.is_match(credit);
    let named = short
        && text.ends_with('.')
        && credit.split_whitespace().count() <= 4
        && credit
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !credit.chars().any(|c| c.is_ascii_digit());
    if !(slash || photo || agency || named) {
        return None;
    }
    let credit = CREDIT_LABEL.replace(credit, "").trim().to_string();
    Some(Caption {
        text: text.to_string(),
        credit: (!credit.is_empty()).then_some(credit),
    })
}

/// What a boilerplate line means for the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boiler {
    /// Drop this line only.
    Line,
    /// Drop this line and a short link title right after it (`Baca juga:` alone).
    WithNext,
    /// Drop this line and everything after it (related-article lists, page footer).
    Tail,
    /// Drop this line and the short lines of a promotion box after it (`Saksikan Live
    /// DetikSore:` and the programme's lines).
    Promo,
}

impl Boiler {
    /// How many short lines after this one go with it (each not ending a sentence and at
    /// most [`FOLLOWER_CHARS`] long).
    pub fn followers(self) -> usize {
        match self {
            Boiler::WithNext => 1,
            Boiler::Promo => 4,
            Boiler::Line | Boiler::Tail => 0,
        }
    }
}

/// The longest line that can go with a boilerplate line before it (a link or video title).
pub const FOLLOWER_CHARS: usize = 160;

/// Whether a line can be the title or a line of the box a boilerplate line introduced.
pub fn is_follower(line: &str) -> bool {
    line.chars().count() <= FOLLOWER_CHARS && !ends_sentence(line)
}

static BOILER_EXACT: &[&str] = &[
    "advertisement",
    "scroll to continue with content",
    "iklan",
    "loading",
    "share",
    "bagikan",
    "video pilihan",
    "pilihan editor",
    "tonton juga",
    "simak video",
    "ikuti kami",
    "continue reading",
    "read more",
    "selengkapnya",
];
static BOILER_TAIL: &[&str] = &[
    "rekomendasi",
    "populer",
    "terpopuler",
    "berita populer",
    "berita terkini",
    "berita terkini selengkapnya",
    "berita terkait",
    "artikel terkait",
    "berita lainnya",
    "baca berita lainnya",
    "komentar",
    "related topics",
    "related articles",
    "more on this story",
    "most read",
    "terbaru",
    "berita terbaru",
    "topik terkait",
];
/// More characters than the longest phrase in the boilerplate lists.
const BOILER_LONGEST: usize = 40;
static BOILER_WITH_NEXT: &[&str] = &[
    "baca juga",
    "lihat juga",
    "lihat juga video",
    "lihat video",
    "tonton juga video",
    "baca pula",
    "read also",
    "see also",
];
static BOILER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)^(?:baca juga\s*:|baca pula\s*:|lihat juga\s*:|lihat juga video\b|lihat video\s*[:'"\x{2018}\x{201c}]|scroll to resume|simak selengkapnya di halaman|\S+(?: \([^)]{1,40}\))? first published\b|read also\s*:|see also\s*:|simak video|simak juga|saksikan video|saksikan juga|tonton video|tonton juga|\[gambas|advertisement|scroll to continue|editor\s*:|penyunting\s*:|redaktur\s*:|copyright|©|\(c\) ?\d{4}|dapatkan update|dapatkan berita|ikuti berita|ikuti kami|ikuti terus|download aplikasi|unduh aplikasi|artikel ini telah tayang|artikel ini sudah tayang|follow us|klik di sini|klik untuk|cek berita|tag\s*:|tags\s*:|topik\s*:)"#,
    )
});
/// A detik live programme's promotion: `Saksikan Live DetikSore :`, `Saksikan LiveDetikpagi:`.
static PROMO_HEADER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:saksikan|tonton|nonton)\s*(?:juga\s*)?live\s*detik\w*\s*:?$"));
/// A line that advertises a detik live programme rather than reporting (`detikSore tayang
/// setiap Senin-Jumat pukul 15.30 WIB`).
static PROMO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bdetik(?:pagi|siang|sore|malam)\b.*\b(?:saksikan|tonton|tayang|live|streaming|setiap|pukul|wib|hadir)\b|\b(?:saksikan|tonton|tayang|live|streaming)\b.*\bdetik(?:pagi|siang|sore|malam)\b",
    )
});
static INITIALS: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\(\s*(?:[a-z]{2,5}\s*/\s*)*[a-z]{2,5}\s*\)$"));
static INLINE_BOILER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\s*(?:SCROLL TO CONTINUE WITH CONTENT|SCROLL TO RESUME CONTENT|ADVERTISEMENT|\[Gambas:[^\]]*\]|Simak selengkapnya di halaman selanjutnya\.?|(?i:saksikan\s*live\s*detik(?:pagi|siang|sore|malam)\s*:?))\s*",
    )
});
/// A video pointer that ends a paragraph: `... kata dia. Lihat juga Video: JUDUL`.
static TRAILING_VIDEO: LazyLock<Regex> =
    LazyLock::new(|| re(r#"([.!?"\x{201d}])\s+Lihat (?:juga )?[Vv]ideo\b[^.!?]*[.!?:]?$"#));
static TRAILING_INITIALS: LazyLock<Regex> =
    LazyLock::new(|| re(r#"([.!?"”])\s*\(\s*(?:[a-z]{2,5}\s*/\s*)*[a-z]{2,5}\s*\)$"#));

/// Classify a whole line (or paragraph) as site boilerplate.
pub fn boilerplate(line: &str) -> Option<Boiler> {
    let line = line.trim();
    if line.chars().count() > 300 {
        return None;
    }
    let trimmed = line.trim_end_matches([':', '.', ' ', '…']);
    // Lowercasing never makes a text shorter in characters, so a line longer than every
    // listed phrase cannot be one of them.
    let bare = if trimmed.len() <= BOILER_LONGEST || trimmed.chars().count() <= BOILER_LONGEST {
        trimmed.to_lowercase().replace('_', " ")
    } else {
        String::new()
    };
    if BOILER_TAIL.contains(&bare.as_str()) {
        return Some(Boiler::Tail);
    }
    if PROMO_HEADER.is_match(line) {
        return Some(Boiler::Promo);
    }
    if BOILER_WITH_NEXT.contains(&bare.as_str()) {
        return Some(Boiler::WithNext);
    }
    if BOILER_EXACT.contains(&bare.as_str())
        || BOILER_PREFIX.is_match(line)
        || (line.starts_with('(') && line.ends_with(')') && INITIALS.is_match(line))
        || (line.chars().count() <= 200
            && line.to_lowercase().contains("detik")
            && PROMO_LINE.is_match(line))
    {
        return Some(Boiler::Line);
    }
    None
}

/// Remove boilerplate embedded in a paragraph: `SCROLL TO CONTINUE WITH CONTENT`,
/// `ADVERTISEMENT`, `[Gambas:Video CNN]`, and a desk code like `(ant/ded)` at the end.
pub fn strip_inline(paragraph: &str) -> String {
    // Every match holds one of these literals; looking for them is cheaper than the pattern.
    let maybe = paragraph.contains("SCROLL TO")
        || paragraph.contains("ADVERTISEMENT")
        || paragraph.contains("[Gambas:")
        || paragraph.contains("halaman selanjutnya")
        || paragraph.contains("aksikan");
    if maybe && PROMO_HEADER.is_match(paragraph.trim()) {
        // A promotion header alone is left whole: [`boilerplate`] drops it with its box.
        return paragraph.to_string();
    }
    let mut s = if maybe && INLINE_BOILER.is_match(paragraph) {
        squash(&INLINE_BOILER.replace_all(paragraph, " "))
    } else {
        paragraph.to_string()
    };
    if s.contains("ideo")
        && let Some(c) = TRAILING_VIDEO.captures(&s)
        && let (Some(whole), Some(punct)) = (c.get(0), c.get(1))
    {
        s = format!("{}{}", &s[..whole.start()], punct.as_str());
    }
    if s.ends_with(')')
        && let Some(c) = TRAILING_INITIALS.captures(&s)
        && let (Some(whole), Some(punct)) = (c.get(0), c.get(1))
    {
        s = format!("{}{}", &s[..whole.start()], punct.as_str());
    }
    s
}

static STRAY_COMMAS: LazyLock<Regex> = LazyLock::new(|| re(r"\s+,(?:\s*,)*|,(?:\s*,)+"));
static GLUED_COMMA: LazyLock<Regex> = LazyLock::new(|| re(r"(\p{L}),(\p{L})"));
static EMPTY_PARENS: LazyLock<Regex> = LazyLock::new(|| re(r"\(\s*[,;]?\s*\)"));

/// Repair a scraped paragraph whose links were stripped: `Menteri Keuangan , meminta` →
/// `Menteri Keuangan meminta`, `Otoritas Jasa Keuangan (,)` → `Otoritas Jasa Keuangan`,
/// `atau,mencatatkan` → `atau mencatatkan`; whitespace squashed.
pub fn repair_scraped(paragraph: &str) -> String {
    let s = squash(paragraph);
    if !s.contains(',') {
        return s;
    }
    let s = EMPTY_PARENS.replace_all(&s, "");
    let s = STRAY_COMMAS.replace_all(&s, " ");
    let s = GLUED_COMMA.replace_all(&s, "$1 $2");
    squash(s.trim_matches(|c: char| c == ',' || c.is_whitespace()))
}

/// Split a scraped body whose paragraphs were joined with commas (`...triliun.,Mengutip`)
/// back into paragraphs: a comma right after sentence-final punctuation and right before
/// a non-space character, or a comma on a line of its own.
pub fn split_comma_joined(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_nonspace: Option<char> = None;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ',' {
            let next = chars.peek().copied();
            let after_sentence = matches!(prev_nonspace, Some('.' | '!' | '?' | '"' | '”' | ')'))
                && current.ends_with(|p: char| !p.is_whitespace());
            let next_ok = next.is_none_or(|n| !n.is_whitespace() || n == '\n');
            let on_own_line = current
                .trim_end_matches([' ', '\t', '\u{a0}'])
                .ends_with('\n')
                || current.trim().is_empty();
            if (after_sentence && next_ok)
                || (on_own_line && next.is_none_or(|n| n.is_whitespace()))
            {
                out.push(std::mem::take(&mut current));
                prev_nonspace = None;
                continue;
            }
        }
        if !c.is_whitespace() {
            prev_nonspace = Some(c);
        }
        current.push(c);
    }
    out.push(current);
    out.into_iter()
        .map(|p| squash(&p))
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphanumeric))
        .collect()
}

/// Whether a body looks comma-joined (at least one `.,X` seam).
pub fn is_comma_joined(body: &str) -> bool {
    let b = body.as_bytes();
    b.windows(3).any(|w| {
        matches!(w[0], b'.' | b'"' | b'?' | b'!') && w[1] == b',' && !w[2].is_ascii_whitespace()
    }) && !body.contains("\n\n")
}

static AG_ESCAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\\(\$)?"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"&(?P<full>#\d{2,5}|[a-z]{2,6});|(?P<sp>^|\s)(?P<bare>#\d{2,5}|quot|amp|hellip|nbsp|mdash|ndash|lt|gt);",
    )
});
static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"<[^<>]{1,300}>"));
static SPACE_BEFORE_PUNCT: LazyLock<Regex> = LazyLock::new(|| re(r"\s+([,.;:!?])"));

/// Repair text that went through a careless HTML export (the AG News shape): `\`
/// line-break escapes, `\$`, entities with the `&` lost (`#39;`, `quot;`) or kept
/// (`&lt;`), and the tags those entities spelled out.
pub fn repair_entities(s: &str) -> String {
    if !s.contains(['\\', ';', '<']) {
        return s.to_string();
    }
    let s = AG_ESCAPE.replace_all(s, |c: &regex::Captures<'_>| match c.get(1) {
        Some(_) => "$",
        None => " ",
    });
    let mut had_tags = false;
    let s = ENTITY.replace_all(&s, |c: &regex::Captures<'_>| {
        if let Some(full) = c.name("full") {
            let e = entity(full.as_str());
            had_tags |= e == "<";
            return e;
        }
        let name = c.name("bare").map_or("", |m| m.as_str());
        let e = entity(name);
        had_tags |= e == "<";
        let sp = c.name("sp").map_or("", |m| m.as_str());
        if e == "'" { e } else { format!("{sp}{e}") }
    });
    let s = if had_tags || s.contains('<') {
        TAG.replace_all(&s, " ")
    } else {
        s
    };
    let s = squash(&s);
    let s = SPACE_BEFORE_PUNCT.replace_all(&s, "$1");
    pair_quotes(&s)
}

/// Fix the spacing around straight double quotes when they pair up: `say " hello " now`
/// → `say "hello" now`. Unpaired quotes are left as they are.
pub fn pair_quotes(s: &str) -> String {
    if !s.contains('"') || !s.matches('"').count().is_multiple_of(2) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut open = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if open {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
            } else {
                out.push(c);
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

fn entity(name: &str) -> String {
    if let Some(num) = name.strip_prefix('#') {
        return match num.parse::<u32>() {
            Ok(145 | 146) => "'".into(),
            Ok(147 | 148) => "\"".into(),
            Ok(150) => "–".into(),
            Ok(151) => "—".into(),
            Ok(133) => "…".into(),
            Ok(n) => char::from_u32(n)
                .filter(|c| !c.is_control())
                .map(String::from)
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
    }
    match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        _ => "",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_fast_path_agrees_with_the_long_way() {
        for s in [
            "",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "a\u{200b}b",
            "a\u{3000}b",
            "“kata” – dia",
            "x\u{1f}y",
        ] {
            let long: Vec<&str> = s.split(is_squash_space).filter(|w| !w.is_empty()).collect();
            assert_eq!(squash(s), long.join(" "), "{s:?}");
        }
    }

    #[test]
    fn bylines() {
        let b = byline("oleh Rina Marlina diperbarui 30 Jan 2023, 15:30 WIB").unwrap();
        assert_eq!(b.authors, ["Rina Marlina"]);
        assert_eq!(
            b.published.unwrap().to_string(),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(
            byline("By Tom Baker and Ana Lee").unwrap().authors,
            ["Tom Baker", "Ana Lee"]
        );
        let b = byline("Penulis: Dimas Putra | Editor: Sari Dewi").unwrap();
        assert_eq!(b.authors, ["Dimas Putra"]);
        let b = byline("Pewarta: Rizky Ananda").unwrap();
        assert_eq!(b.authors, ["Rizky Ananda"]);
        let b = byline("Reporter: Budi Santoso Editor: Sari Dewi").unwrap();
        assert_eq!(b.authors, ["Budi Santoso"]);
        let b = byline("Andi Wijaya - detikNews").unwrap();
        assert_eq!(b.authors, ["Andi Wijaya"]);
        assert_eq!(b.source.as_deref(), Some("detikNews"));
        let b = byline("Kamis, 2 Februari 2023 09:15 WITA").unwrap();
        assert!(b.authors.is_empty());
        assert_eq!(
            b.published.unwrap().to_string(),
            "2023-02-02T09:15:00+08:00"
        );
        let b = byline("By Jane Doe, March 3, 2021").unwrap();
        assert_eq!(b.authors, ["Jane Doe"]);
        assert_eq!(b.published.unwrap().to_string(), "2021-03-03");
        assert!(byline("By the time the vote came, nobody was left in the hall.").is_none());
        assert!(byline("Oleh karena itu pemerintah menunda rencana tersebut.").is_none());
    }

    #[test]
    fn datelines() {
        let cases = [
            (
                "Liputan6.com, Seoul - Teks.",
                Some("Liputan6.com"),
                Some("Seoul"),
                "Teks.",
            ),
            (
                "JAKARTA, KOMPAS.com - Teks.",
                Some("KOMPAS.com"),
                Some("Jakarta"),
                "Teks.",
            ),
            (
                "Jakarta (ANTARA) - Teks.",
                Some("ANTARA"),
                Some("Jakarta"),
                "Teks.",
            ),
            (
                "WASHINGTON (AP) -- Text.",
                Some("AP"),
                Some("Washington"),
                "Text.",
            ),
            (
                "LONDON (Reuters) - Text.",
                Some("Reuters"),
                Some("London"),
                "Text.",
            ),
            (
                "TEMPO.CO, Jakarta - Teks.",
                Some("TEMPO.CO"),
                Some("Jakarta"),
                "Teks.",
            ),
            (
                "Jakarta, CNN Indonesia -- Teks.",
                Some("CNN Indonesia"),
                Some("Jakarta"),
                "Teks.",
            ),
            ("AP - A firm said.", Some("AP"), None, "A firm said."),
            (
                "Jakarta - Teks berita.",
                None,
                Some("Jakarta"),
                "Teks berita.",
            ),
            (
                "Bandung — Teks berita.",
                None,
                Some("Bandung"),
                "Teks berita.",
            ),
            (
                "SPACE.com - TORONTO, Canada -- A team.",
                Some("SPACE.com"),
                Some("Toronto, Canada"),
                "A team.",
            ),
            (
                "HONG KONG (Reuters) - Text.",
                Some("Reuters"),
                Some("Hong Kong"),
                "Text.",
            ),
            ("BANDUNG - Teks.", None, Some("Bandung"), "Teks."),
        ];
        for (input, source, place, rest) in cases {
            let d = dateline(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(d.source.as_deref(), source, "{input}");
            assert_eq!(d.place.as_deref(), place, "{input}");
            assert_eq!(&input[d.len..], rest, "{input}");
        }
        for plain in [
            "However, the company - which was sold - grew.",
            "Mr Blair - who spoke first - said so.",
            "The firm said on Friday it would sell.",
            "Senin, 30 Januari 2023 - hari yang cerah.",
        ] {
            assert_eq!(dateline(plain), None, "{plain}");
        }
    }

    #[test]
    fn captions() {
        let c = caption("Sekjen PBB di New York. (Dok. AFP)").unwrap();
        assert_eq!(c.text, "Sekjen PBB di New York.");
        assert_eq!(c.credit.as_deref(), Some("Dok. AFP"));
        let c = caption("Warga antre di stasiun. (Foto: ANTARA/Budi Santoso)").unwrap();
        assert_eq!(c.credit.as_deref(), Some("ANTARA/Budi Santoso"));
        let c = caption("Protesters march in the capital (AP Photo/Jane Roe)").unwrap();
        assert_eq!(c.text, "Protesters march in the capital");
        assert_eq!(c.credit.as_deref(), Some("AP Photo/Jane Roe"));
        assert_eq!(
            caption("Hutan pinus. (Pixabay)").unwrap().credit.as_deref(),
            Some("Pixabay")
        );
        for not in [
            "Profits rose to $1bn (£600m).",
            "He met the regulator (SEC)",
            "Rapat digelar Senin (30/1/2023)",
            "Harga naik (lihat tabel di bawah)",
            "Caroline Quentin (Life Begins/ Von Trapped, ITV1)",
            "Sopir truk melarikan diri setelah menabrak dua pejalan kaki di jalan raya itu. (Yendhi / win)",
            "Kasus suap itu mulai disidangkan bulan depan di pengadilan negeri setempat, kata jaksa penuntut umum. (Antara)",
        ] {
            assert_eq!(caption(not), None, "{not}");
        }
    }

    #[test]
    fn boilerplate_lines() {
        assert_eq!(boilerplate("Rekomendasi"), Some(Boiler::Tail));
        assert_eq!(boilerplate("POPULER"), Some(Boiler::Tail));
        assert_eq!(
            boilerplate("Berita Terkini Selengkapnya"),
            Some(Boiler::Tail)
        );
        assert_eq!(
            boilerplate("Baca juga: Harga Cabai Naik Lagi"),
            Some(Boiler::Line)
        );
        assert_eq!(boilerplate("Baca Juga"), Some(Boiler::WithNext));
        assert_eq!(boilerplate("Baca_Juga"), Some(Boiler::WithNext));
        assert_eq!(
            boilerplate("SCROLL TO CONTINUE WITH CONTENT"),
            Some(Boiler::Line)
        );
        assert_eq!(boilerplate("ADVERTISEMENT"), Some(Boiler::Line));
        assert_eq!(
            boilerplate("Simak Video \"Banjir di Kemang\""),
            Some(Boiler::Line)
        );
        assert_eq!(boilerplate("(ant/ded)"), Some(Boiler::Line));
        assert_eq!(boilerplate("Editor: Sari Dewi"), Some(Boiler::Line));
        assert_eq!(boilerplate("Editor : Sari Dewi"), Some(Boiler::Line));
        assert_eq!(
            boilerplate("Presiden tiba di Bandung pada Senin pagi."),
            None
        );
        assert_eq!(
            strip_inline(
                "Harga naik. SCROLL TO CONTINUE WITH CONTENT Pedagang mengeluh. (ant/ded)"
            ),
            "Harga naik. Pedagang mengeluh."
        );
        assert_eq!(strip_inline("Dia pergi (ke pasar)"), "Dia pergi (ke pasar)");
    }

    #[test]
    fn video_promotion_and_page_lines() {
        for line in [
            "Lihat juga Video: Menteri Tinjau Banjir di Bekasi",
            "Lihat juga Video 'Warga Gotong Royong Bersihkan Sungai':",
            "Lihat Video 'Harga Beras Turun di Pasar Induk':",
            "SCROLL TO RESUME CONTENT",
            "Simak selengkapnya di halaman selanjutnya.",
            "CNNMoney (New York) First published March 3, 2016: 9:15 AM ET",
            "detikSore tayang setiap Senin sampai Jumat pukul 15.30 WIB.",
        ] {
            assert_eq!(boilerplate(line), Some(Boiler::Line), "{line}");
        }
        for header in [
            "Saksikan Live DetikSore :",
            "Saksikan LiveDetikpagi:",
            "saksikan live detiksiang",
        ] {
            assert_eq!(boilerplate(header), Some(Boiler::Promo), "{header}");
        }
        assert_eq!(boilerplate("Lihat juga Video:"), Some(Boiler::WithNext));
        // Reporting that names the programme or a video is no boilerplate.
        for line in [
            "Lihat videonya, warga berkumpul di depan balai desa sejak pagi.",
            "Pembawa acara detikSore itu lahir di Medan dan besar di Bandung.",
            "First published in 1998, the novel sold a million copies.",
        ] {
            assert_eq!(boilerplate(line), None, "{line}");
        }
        assert_eq!(
            strip_inline(
                "Harga naik. SCROLL TO RESUME CONTENT Pedagang mengeluh. Simak selengkapnya di halaman selanjutnya."
            ),
            "Harga naik. Pedagang mengeluh."
        );
        assert_eq!(
            strip_inline("Warga mengungsi ke balai desa. Lihat juga Video: Banjir Rendam Kampung"),
            "Warga mengungsi ke balai desa."
        );
        assert_eq!(
            strip_inline("Rapat selesai sore hari. Saksikan Live DetikSore: Acara berlanjut."),
            "Rapat selesai sore hari. Acara berlanjut."
        );
    }

    #[test]
    fn scraped_repairs() {
        assert_eq!(
            repair_scraped("Menteri Keuangan , meminta"),
            "Menteri Keuangan meminta"
        );
        assert_eq!(
            repair_scraped("Otoritas Jasa Keuangan (,) memutuskan"),
            "Otoritas Jasa Keuangan memutuskan"
        );
        assert_eq!(
            repair_scraped("Tbk atau,mencatatkan\u{a0},laba"),
            "Tbk atau mencatatkan laba"
        );
        assert_eq!(repair_scraped("dikutip dari ,, Rabu"), "dikutip dari Rabu");
        assert_eq!(repair_scraped("Rp1,5 triliun, naik"), "Rp1,5 triliun, naik");
        let parts = split_comma_joined("Satu dua.,Tiga empat, lima.,\"Enam,\" kata dia.,\n,\n, ,");
        assert_eq!(
            parts,
            ["Satu dua.", "Tiga empat, lima.", "\"Enam,\" kata dia."]
        );
        assert!(is_comma_joined("Satu.,Dua"));
        assert!(!is_comma_joined("Satu. Dua, tiga."));
    }

    #[test]
    fn entity_repairs() {
        assert_eq!(repair_entities("the firm #39;s plan"), "the firm's plan");
        assert_eq!(
            repair_entities("won the  #36;10 million prize"),
            "won the $10 million prize"
        );
        assert_eq!(repair_entities("a second\\team of"), "a second team of");
        assert_eq!(repair_entities("for \\$1 billion"), "for $1 billion");
        assert_eq!(
            repair_entities("Dell Inc. &lt;DELL.O&gt;, the maker"),
            "Dell Inc., the maker"
        );
        assert_eq!(
            repair_entities("on  quot;phone sex quot; lines"),
            "on \"phone sex\" lines"
        );
        assert_eq!(
            repair_entities("coast  #151; the storm"),
            "coast — the storm"
        );
        assert_eq!(
            repair_entities("Johnson  amp; Johnson"),
            "Johnson & Johnson"
        );
    }
}
