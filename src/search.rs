//! Search: the query language, an inverted index over titles and bodies, and ranking.
//!
//! A query is plain words, `"exact phrases"` and filters: `person:"Joko Widodo"`,
//! `org:KPK`, `lang:id`, `source:Liputan6` (the source's name or its site's domain),
//! `tag:banjir`, `author:...`, `is:unread`, `is:starred`, `is:read`, `after:2023-01-01`,
//! `before:2023-12-31`; a leading `-` excludes a word or phrase. Matching is case- and accent-insensitive ([`fold`]). While the user types, the
//! last word also matches as a prefix. Results are ranked by title hits and term frequency
//! (weighted by rarity), ties by recency.

use crate::article::Article;
use crate::corpus::Corpus;
use crate::ner::EntityKind;
use crate::store::ArticleState;
use chrono::NaiveDate;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Fold text for matching: lowercase, accents removed (`é` and `e` match).
pub fn fold(s: &str) -> String {
    fold_with_offsets(s).0
}

/// [`fold`], plus for each byte of the folded text the byte offset in `s` of the character
/// it came from (and one final entry for the end), to map matches back to the original.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(i);
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                let before = out.len();
                out.push(l);
                map.extend(std::iter::repeat_n(i, out.len() - before));
            }
        }
    }
    map.push(s.len());
    (out, map)
}

/// Split folded text into words (letters and digits).
fn words(folded: &str) -> impl Iterator<Item = (usize, &str)> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// A word or a phrase to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// One folded word.
    Word(String),
    /// Folded words that must appear in this order, next to each other.
    Phrase(Vec<String>),
}

impl Term {
    fn words(&self) -> &[String] {
        match self {
            Term::Word(w) => std::slice::from_ref(w),
            Term::Phrase(ws) => ws,
        }
    }
}

/// A restriction on which articles match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Mentions a person with this name or alias.
    Person(String),
    /// Mentions an organization with this name or alias.
    Org(String),
    /// Written in this language (`id`, `en`).
    Lang(String),
    /// Published by a source whose name or site domain contains this.
    Source(String),
    /// Tagged with a tag that contains this.
    Tag(String),
    /// Written by an author whose name contains this.
    Author(String),
    /// Not yet read.
    Unread,
    /// Already read.
    Read,
    /// Starred.
    Starred,
    /// Published on or after this day.
    After(NaiveDate),
    /// Published before this day.
    Before(NaiveDate),
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Terms every result must contain.
    pub terms: Vec<Term>,
    /// Terms no result may contain.
    pub excluded: Vec<Term>,
    /// Restrictions every result must meet.
    pub filters: Vec<Filter>,
    /// Whether the last word is still being typed (matches as a prefix).
    pub prefix_last: bool,
    /// Parts of the input that were not understood, for the status bar.
    pub problems: Vec<String>,
}

impl Query {
    /// Parse a query as typed; `typing` makes the last plain word match as a prefix.
    pub fn parse(input: &str, typing: bool) -> Query {
        let mut q = Query::default();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let negated = rest.starts_with('-') && rest.len() > 1;
            if negated {
                rest = &rest[1..];
            }
            let (field, value, quoted, after) = next_item(rest);
            rest = after.trim_start();
            match field.map(str::to_ascii_lowercase).as_deref() {
                None => {
                    let ws: Vec<String> =
                        words(&fold(&value)).map(|(_, w)| w.to_string()).collect();
                    let term = match ws.len() {
                        0 => continue,
                        1 if !quoted => Term::Word(ws.into_iter().next().unwrap_or_default()),
                        _ => Term::Phrase(ws),
                    };
                    if negated {
                        q.excluded.push(term);
                    } else {
                        q.prefix_last =
                            typing && !quoted && rest.is_empty() && !input.ends_with(' ');
                        q.terms.push(term);
                    }
                }
                Some(f) => match parse_filter(f, &value) {
                    Ok(filter) => q.filters.push(filter),
                    Err(problem) => q.problems.push(problem),
                },
            }
        }
        if q.terms.last().is_some_and(|t| matches!(t, Term::Phrase(_))) {
            q.prefix_last = false;
        }
        q
    }

    /// Whether the query asks for nothing (every article matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.excluded.is_empty() && self.filters.is_empty()
    }
}

/// Split off the next item: `field:value`, `field:"quoted value"`, `"phrase"` or a word.
fn next_item(s: &str) -> (Option<&str>, String, bool, &str) {
    let read_value = |s: &str| -> (String, bool, usize) {
        if let Some(inner) = s.strip_prefix('"') {
            match inner.find('"') {
                Some(end) => (inner[..end].to_string(), true, end + 2),
                None => (inner.to_string(), true, s.len()),
            }
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (s[..end].to_string(), false, end)
        }
    };
    if !s.starts_with('"') {
        let word_end = s.find(char::is_whitespace).unwrap_or(s.len());
        if let Some(colon) = s[..word_end].find(':') {
            let field = &s[..colon];
            if !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic()) {
                let (value, quoted, used) = read_value(&s[colon + 1..]);
                return (Some(field), value, quoted, &s[colon + 1 + used..]);
            }
        }
    }
    let (value, quoted, used) = read_value(s);
    (None, value, quoted, &s[used..])
}

fn parse_filter(field: &str, value: &str) -> Result<Filter, String> {
    let date = |v: &str| {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d"))
            .or_else(|_| NaiveDate::parse_from_str(&format!("{v}-01-01"), "%Y-%m-%d"))
            .map_err(|_| format!("{field}: wants a date like 2023-01-31, not {v:?}"))
    };
    if value.trim().is_empty() {
        return Err(format!("{field}: needs a value"));
    }
    Ok(match field {
        "person" | "per" => Filter::Person(value.to_string()),
        "org" | "organization" => Filter::Org(value.to_string()),
        "lang" | "language" => Filter::Lang(value.to_ascii_lowercase()),
        "source" | "site" => Filter::Source(fold(value)),
        "author" | "by" => Filter::Author(fold(value)),
        "tag" | "tags" | "topic" => Filter::Tag(fold(value)),
        "after" | "since" => Filter::After(date(value)?),
        "before" | "until" => Filter::Before(date(value)?),
        "is" => match value.to_ascii_lowercase().as_str() {
            "unread" | "new" => Filter::Unread,
            "read" => Filter::Read,
            "starred" | "star" => Filter::Starred,
            other => return Err(format!("is:{other} is not known (unread, read, starred)")),
        },
        other => return Err(format!("{other}: is not a search field")),
    })
}

/// One article's occurrences of a word: in the title and in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    article: u32,
    title: u16,
    body: u16,
}

/// The inverted index over every article's title and body.
///
/// Compact: the sorted vocabulary is one string with an offset per word (looked up by
/// binary search), and every word's postings are one slice of a single byte buffer. A
/// posting is one to three varints: the gap since the word's previous article, shifted
/// left two bits for a [`Shape`] saying which counts follow, then those counts (body,
/// then title). A word seen once in a body and not in the title, the usual case, takes
/// one byte when its articles are close. Lists are decoded when a query asks for them.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Every indexed word, sorted, one after another.
    words: Box<str>,
    /// Where each word starts in `words`, plus one final entry for the end.
    word_starts: Box<[u32]>,
    /// Where each word's postings start in `postings`, plus one final entry for the end.
    posting_starts: Box<[usize]>,
    /// Every word's encoded postings, in vocabulary order.
    postings: Box<[u8]>,
    articles: usize,
}

/// The low two bits of a posting's first varint: which counts follow it.
struct Shape;

impl Shape {
    /// Once in the body, not in the title; no counts follow.
    const BODY_ONCE: u64 = 0;
    /// Not in the title; the body count follows.
    const BODY: u64 = 1;
    /// Once in the title; the body count follows.
    const TITLE_ONCE: u64 = 2;
    /// The body count follows, then the title count.
    const BOTH: u64 = 3;
}

/// Append `v` as a LEB128 varint.
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Read a LEB128 varint at `*pos`, moving past it (0 past the end of `bytes`).
fn get_varint(bytes: &[u8], pos: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
        if shift >= 64 {
            break;
        }
    }
    v
}

/// Walk one word's encoded postings, in article order.
struct Postings<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The previous posting's article plus one (0 before the first).
    next_article: u64,
}

impl<'a> Postings<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Postings {
            bytes,
            pos: 0,
            next_article: 0,
        }
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let head = get_varint(self.bytes, &mut self.pos);
        let article = self.next_article + (head >> 2);
        self.next_article = article + 1;
        let (body, title) = match head & 3 {
            Shape::BODY_ONCE => (1, 0),
            Shape::BODY => (get_varint(self.bytes, &mut self.pos), 0),
            Shape::TITLE_ONCE => (get_varint(self.bytes, &mut self.pos), 1),
            _ => {
                let body = get_varint(self.bytes, &mut self.pos);
                (body, get_varint(self.bytes, &mut self.pos))
            }
        };
        Some(Posting {
            article: u32::try_from(article).unwrap_or(u32::MAX),
            title: u16::try_from(title).unwrap_or(u16::MAX),
            body: u16::try_from(body).unwrap_or(u16::MAX),
        })
    }
}

/// Per-word state while the index is built.
#[derive(Default)]
struct Building {
    /// Encoded postings so far.
    bytes: Vec<u8>,
    /// The last article written, plus one (0 for none).
    next_article: u32,
    /// The article (plus one) whose counts `slot` points into.
    seen_in: u32,
    /// This word's entry in the current article's counts.
    slot: u32,
}

/// Collects postings article by article, each word's list encoded as it grows.
#[derive(Default)]
struct Builder {
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
    words: Vec<Building>,
    /// The current article's words: id, title count, body count.
    counts: Vec<(u32, u16, u16)>,
    /// The current article's number, plus one.
    article: u32,
}

impl Builder {
    fn start_article(&mut self, article: u32) {
        self.counts.clear();
        self.article = article.saturating_add(1);
    }

    /// Count one occurrence of `word` in the current article's title or body.
    fn add(&mut self, word: &str, in_title: bool) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
                self.ids.insert(word.into(), id);
                self.words.push(Building::default());
                id
            }
        };
        let Some(w) = self.words.get_mut(id as usize) else {
            return;
        };
        if w.seen_in != self.article {
            w.seen_in = self.article;
            w.slot = u32::try_from(self.counts.len()).unwrap_or(u32::MAX);
            self.counts.push((id, 0, 0));
        }
        if let Some(c) = self.counts.get_mut(w.slot as usize) {
            if in_title {
                c.1 = c.1.saturating_add(1);
            } else {
                c.2 = c.2.saturating_add(1);
            }
        }
    }

    /// Append the current article's postings to its words' lists.
    fn finish_article(&mut self) {
        for &(id, title, body) in &self.counts {
            let Some(w) = self.words.get_mut(id as usize) else {
                continue;
            };
            let gap = u64::from(self.article - 1 - w.next_article.min(self.article - 1));
            let shape = match (title, body) {
                (0, 1) => Shape::BODY_ONCE,
                (0, _) => Shape::BODY,
                (1, _) => Shape::TITLE_ONCE,
                _ => Shape::BOTH,
            };
            put_varint(&mut w.bytes, gap << 2 | shape);
            if shape != Shape::BODY_ONCE {
                put_varint(&mut w.bytes, u64::from(body));
            }
            if shape == Shape::BOTH {
                put_varint(&mut w.bytes, u64::from(title));
            }
            w.next_article = self.article;
        }
    }

    /// Lay the vocabulary out sorted, each word's list copied into one buffer.
    fn finish(self, articles: usize) -> SearchIndex {
        let Builder { ids, mut words, .. } = self;
        let mut vocabulary: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        vocabulary.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let text_len: usize = vocabulary.iter().map(|(w, _)| w.len()).sum();
        let postings_len: usize = words.iter().map(|w| w.bytes.len()).sum();
        let mut text = String::with_capacity(text_len);
        let mut word_starts = Vec::with_capacity(vocabulary.len() + 1);
        let mut posting_starts = Vec::with_capacity(vocabulary.len() + 1);
        let mut postings = Vec::with_capacity(postings_len);
        for (word, id) in vocabulary {
            word_starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            text.push_str(&word);
            posting_starts.push(postings.len());
            if let Some(w) = words.get_mut(id as usize) {
                postings.extend_from_slice(&w.bytes);
                // Freed as it is copied, so the lists are not held twice.
                w.bytes = Vec::new();
            }
        }
        word_starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        posting_starts.push(postings.len());
        SearchIndex {
            words: text.into_boxed_str(),
            word_starts: word_starts.into_boxed_slice(),
            posting_starts: posting_starts.into_boxed_slice(),
            postings: postings.into_boxed_slice(),
            articles,
        }
    }
}

/// What a search needs to know besides the index.
pub struct Context<'a> {
    /// The articles, in index order.
    pub articles: &'a [Article],
    /// The analysed corpus, for `person:` and `org:` (those filters match nothing without it).
    pub corpus: Option<&'a Corpus>,
    /// Reading state per article index, for `is:` filters.
    pub state: &'a dyn Fn(usize) -> ArticleState,
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Article index.
    pub article: usize,
    /// Relevance (higher first).
    pub score: f32,
}

impl SearchIndex {
    /// Index every article's title and body.
    pub fn build(articles: &[Article]) -> SearchIndex {
        let mut builder = Builder::default();
        for (i, a) in articles.iter().enumerate() {
            builder.start_article(u32::try_from(i).unwrap_or(u32::MAX));
            for (_, w) in words(&fold(&a.title)) {
                builder.add(w, true);
            }
            for block in a.body.blocks().iter() {
                for (_, w) in words(&fold(block.text())) {
                    builder.add(w, false);
                }
            }
            builder.finish_article();
        }
        builder.finish(articles.len())
    }

    /// Bytes the index holds on the heap.
    ///
    /// The vocabulary text, its offsets and the encoded postings, as allocated; the
    /// allocator's own rounding is not counted.
    pub fn heap_size(&self) -> usize {
        self.words.len()
            + std::mem::size_of_val(&*self.word_starts)
            + std::mem::size_of_val(&*self.posting_starts)
            + self.postings.len()
    }

    /// Number of distinct words indexed.
    ///
    /// Words are folded ([`fold`]) letters and digits from titles and bodies.
    pub fn vocabulary_len(&self) -> usize {
        self.word_starts.len().saturating_sub(1)
    }

    /// The `i`th word of the sorted vocabulary.
    fn word(&self, i: usize) -> &str {
        let (Some(&s), Some(&e)) = (self.word_starts.get(i), self.word_starts.get(i + 1)) else {
            return "";
        };
        self.words.get(s as usize..e as usize).unwrap_or("")
    }

    /// The encoded postings of the `i`th word.
    fn encoded(&self, i: usize) -> Postings<'_> {
        let (Some(&s), Some(&e)) = (self.posting_starts.get(i), self.posting_starts.get(i + 1))
        else {
            return Postings::new(&[]);
        };
        Postings::new(self.postings.get(s..e).unwrap_or(&[]))
    }

    /// Position of the first word not below `word` in the vocabulary.
    fn lower_bound(&self, word: &str) -> usize {
        let (mut lo, mut hi) = (0, self.vocabulary_len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < word {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Postings of the words starting with `prefix` (all of them merged per article).
    fn prefix_postings(&self, prefix: &str) -> Vec<Posting> {
        let start = self.lower_bound(prefix);
        let mut all: Vec<Posting> = Vec::new();
        let mut lists = 0;
        for i in (start..self.vocabulary_len())
            .take_while(|&i| self.word(i).starts_with(prefix))
            .take(512)
        {
            all.extend(self.encoded(i));
            lists += 1;
        }
        if lists > 1 {
            // Saturating sums of counts do not depend on their order.
            all.sort_unstable_by_key(|p| p.article);
            all.dedup_by(|p, kept| {
                if p.article != kept.article {
                    return false;
                }
                kept.title = kept.title.saturating_add(p.title);
                kept.body = kept.body.saturating_add(p.body);
                true
            });
        }
        all
    }

    fn word_postings(&self, word: &str, prefix: bool) -> Vec<Posting> {
        if prefix {
            return self.prefix_postings(word);
        }
        let i = self.lower_bound(word);
        if i < self.vocabulary_len() && self.word(i) == word {
            self.encoded(i).collect()
        } else {
            Vec::new()
        }
    }

    /// Run a query; results best first.
    pub fn search(&self, q: &Query, ctx: &Context<'_>) -> Vec<Hit> {
        let n = self.articles.max(1) as f32;
        // Score every article that has all terms.
        let mut scores: Option<HashMap<u32, f32>> = None;
        let last = q.terms.len().saturating_sub(1);
        for (ti, term) in q.terms.iter().enumerate() {
            let ws = term.words();
            let mut term_scores: Option<HashMap<u32, f32>> = None;
            for (wi, w) in ws.iter().enumerate() {
                let prefix = q.prefix_last && ti == last && wi + 1 == ws.len();
                let list = self.word_postings(w, prefix);
                let idf = (n / (list.len() as f32 + 1.0)).ln().max(0.1) + 1.0;
                let here: HashMap<u32, f32> = list
                    .iter()
                    .map(|p| {
                        let tf = 3.0 * f32::from(p.title) + (1.0 + f32::from(p.body)).ln();
                        (p.article, tf * idf)
                    })
                    .collect();
                term_scores = Some(match term_scores {
                    None => here,
                    Some(prev) => prev
                        .into_iter()
                        .filter_map(|(a, s)| here.get(&a).map(|h| (a, s + h)))
                        .collect(),
                });
            }
            let mut term_scores = term_scores.unwrap_or_default();
            if let Term::Phrase(_) = term {
                term_scores.retain(|&a, _| {
                    ctx.articles
                        .get(a as usize)
                        .is_some_and(|art| article_has_phrase(art, ws))
                });
            }
            scores = Some(match scores {
                None => term_scores,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(a, s)| term_scores.get(&a).map(|t| (a, s + t)))
                    .collect(),
            });
        }
        let candidates: Vec<(usize, f32)> = match scores {
            Some(s) => s.into_iter().map(|(a, s)| (a as usize, s)).collect(),
            None => (0..ctx.articles.len()).map(|a| (a, 0.0)).collect(),
        };
        let entity_sets: Vec<Option<Vec<bool>>> = q
            .filters
            .iter()
            .map(|f| match f {
                Filter::Person(name) => Some(entity_articles(ctx, name, EntityKind::Person)),
                Filter::Org(name) => Some(entity_articles(ctx, name, EntityKind::Organization)),
                _ => None,
            })
            .collect();
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter(|&(a, _)| {
                let Some(article) = ctx.articles.get(a) else {
                    return false;
                };
                q.filters
                    .iter()
                    .zip(&entity_sets)
                    .all(|(f, set)| match set {
                        Some(set) => set.get(a).copied().unwrap_or(false),
                        None => filter_matches(f, article, (ctx.state)(a)),
                    })
                    && !q.excluded.iter().any(|t| article_has_term(article, t))
            })
            .map(|(article, score)| Hit { article, score })
            .collect();
        hits.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| {
                    let dx = ctx.articles[x.article].published.map(|p| p.sort_key());
                    let dy = ctx.articles[y.article].published.map(|p| p.sort_key());
                    dy.cmp(&dx)
                })
                .then(x.article.cmp(&y.article))
        });
        hits
    }
}

/// Which articles mention an entity of `kind` named `name` (by name or alias).
fn entity_articles(ctx: &Context<'_>, name: &str, kind: EntityKind) -> Vec<bool> {
    let mut set = vec![false; ctx.articles.len()];
    if let Some(corpus) = ctx.corpus {
        for id in corpus.index.find(name) {
            let e = &corpus.index.entities[id];
            if e.kind == kind {
                for occ in &e.occurrences {
                    if let Some(slot) = set.get_mut(occ.article) {
                        *slot = true;
                    }
                }
            }
        }
    }
    set
}

/// Whether an article is of the source `folded` (a [`fold`]ed name): its source name or its
/// URL's site (`news.detik.com`) contains it.
pub fn source_matches(a: &Article, folded: &str) -> bool {
    a.source_name
        .as_deref()
        .is_some_and(|x| fold(x).contains(folded))
        || a.url
            .as_deref()
            .and_then(crate::article::site::domain)
            .is_some_and(|d| fold(&d).contains(folded))
}

fn filter_matches(filter: &Filter, a: &Article, state: ArticleState) -> bool {
    match filter {
        Filter::Lang(l) => a
            .language
            .as_deref()
            .is_some_and(|x| x.eq_ignore_ascii_case(l)),
        Filter::Source(s) => source_matches(a, s),
        Filter::Tag(t) => a.tags.iter().any(|x| fold(x).contains(t.as_str())),
        Filter::Author(s) => a.authors.iter().any(|x| fold(x).contains(s.as_str())),
        Filter::Unread => !state.read,
        Filter::Read => state.read,
        Filter::Starred => state.starred,
        Filter::After(d) => a.published.is_some_and(|p| p.local.date() >= *d),
        Filter::Before(d) => a.published.is_some_and(|p| p.local.date() < *d),
        Filter::Person(_) | Filter::Org(_) => false,
    }
}

fn article_has_term(a: &Article, term: &Term) -> bool {
    let ws = term.words();
    let blocks = a.body.blocks();
    std::iter::once(a.title.as_str())
        .chain(blocks.iter().map(|b| b.text()))
        .any(|text| !find_words(&fold(text), ws, false).is_empty())
}

fn article_has_phrase(a: &Article, ws: &[String]) -> bool {
    article_has_term(a, &Term::Phrase(ws.to_vec()))
}

/// Start and end (byte offsets in `folded`) of each run of `ws` as consecutive words.
fn find_words(folded: &str, ws: &[String], prefix_last: bool) -> Vec<(usize, usize)> {
    if ws.is_empty() {
        return Vec::new();
    }
    let tokens: Vec<(usize, &str)> = words(folded).collect();
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        if i + ws.len() > tokens.len() {
            break;
        }
        let ok = ws.iter().enumerate().all(|(k, w)| {
            let t = tokens[i + k].1;
            if prefix_last && k + 1 == ws.len() {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        });
        if ok {
            let (s, _) = tokens[i];
            let (ls, lw) = tokens[i + ws.len() - 1];
            out.push((s, ls + lw.len()));
        }
    }
    out
}

/// Byte ranges in `text` (original, unfolded) where the query's terms occur, in order:
/// what `n`/`N` step through in the open article.
pub fn matches_in(text: &str, q: &Query) -> Vec<(usize, usize)> {
    let (folded, map) = fold_with_offsets(text);
    let last = q.terms.len().saturating_sub(1);
    let mut out: Vec<(usize, usize)> = q
        .terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| find_words(&folded, t.words(), q.prefix_last && i == last))
        .filter_map(|(s, e)| Some((*map.get(s)?, original_end(&map, e, text.len()))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The original end offset for a folded end offset.
fn original_end(map: &[usize], folded_end: usize, len: usize) -> usize {
    // The folded byte at `folded_end` starts the next original char (or the end).
    map.get(folded_end).copied().unwrap_or(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format, Origin, Published};

    fn art(title: &str, body: &str, date: Option<&str>) -> Article {
        let mut a = Article::new(
            title,
            Origin {
                path: "x.txt".into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.body.push(Block::Paragraph { text: body.into() });
        a.published = date.and_then(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|day| Published {
                    local: day.and_hms_opt(0, 0, 0).unwrap_or_default(),
                    offset: None,
                    has_time: false,
                })
        });
        a
    }

    fn run(articles: &[Article], query: &str) -> Vec<usize> {
        let index = SearchIndex::build(articles);
        let state = |i: usize| ArticleState {
            read: i == 0,
            starred: i == 1,
            scroll: 0,
        };
        let ctx = Context {
            articles,
            corpus: None,
            state: &state,
        };
        index
            .search(&Query::parse(query, false), &ctx)
            .iter()
            .map(|h| h.article)
            .collect()
    }

    /// A deterministic collection over a small vocabulary (accents, case, digits, shared
    /// prefixes), with counts and article gaps large enough to need multi-byte varints.
    fn fixture() -> Vec<Article> {
        const WORDS: [&str; 16] = [
            "bank", "bangun", "banjir", "Bandung", "café", "CAFE", "kota", "kotak", "2023", "x9",
            "Ékonomi", "ekonomi", "presiden", "pres", "rapat", "ban",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let mut docs = Vec::new();
        for i in 0..700usize {
            let mut pick = |count: usize| {
                (0..count)
                    .map(|_| WORDS[next(WORDS.len() as u64)])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let title = pick(i % 4);
            let mut a = art(&title, &pick(i % 23), None);
            a.body.push(Block::Paragraph {
                text: format!("{}, ({})", pick(i % 7), pick(i % 3)),
            });
            // A rare word, far apart: gaps over 127 articles.
            if i % 150 == 3 {
                a.body.push(Block::Paragraph {
                    text: "langka".into(),
                });
            }
            // Counts over 127 in a body and in a title.
            if i == 42 {
                a.body.push(Block::Paragraph {
                    text: "ulang ".repeat(300),
                });
                a.title = "judul ".repeat(200);
            }
            docs.push(a);
        }
        docs
    }

    /// Each word's postings found by reading every article, without the index.
    fn scan(docs: &[Article]) -> std::collections::BTreeMap<String, Vec<Posting>> {
        let mut out: std::collections::BTreeMap<String, Vec<Posting>> = Default::default();
        for (i, a) in docs.iter().enumerate() {
            let mut here: std::collections::BTreeMap<String, (u16, u16)> = Default::default();
            for (_, w) in words(&fold(&a.title)) {
                here.entry(w.to_string()).or_default().0 += 1;
            }
            for b in a.body.blocks().iter() {
                for (_, w) in words(&fold(b.text())) {
                    here.entry(w.to_string()).or_default().1 += 1;
                }
            }
            for (w, (title, body)) in here {
                out.entry(w).or_default().push(Posting {
                    article: i as u32,
                    title,
                    body,
                });
            }
        }
        out
    }

    #[test]
    fn compact_index_matches_a_scan() {
        let docs = fixture();
        let index = SearchIndex::build(&docs);
        let expected = scan(&docs);
        assert_eq!(index.vocabulary_len(), expected.len());
        assert!(index.heap_size() > 0);
        for (w, list) in &expected {
            assert_eq!(&index.word_postings(w, false), list, "{w}");
        }
        assert_eq!(expected["ulang"][0].body, 300);
        assert_eq!(expected["judul"][0].title, 200);
        assert!(index.word_postings("bankk", false).is_empty());
        assert!(index.word_postings("a", false).is_empty());
        // Every prefix of every word, and some that start no word.
        let mut prefixes: Vec<String> = expected
            .keys()
            .flat_map(|w| {
                w.char_indices()
                    .map(|(i, c)| w[..i + c.len_utf8()].to_string())
            })
            .collect();
        prefixes.extend(["zzz", "0", "bankir", "é"].map(String::from));
        for p in &prefixes {
            let mut merged: std::collections::BTreeMap<u32, Posting> = Default::default();
            for (_, list) in expected
                .range(p.clone()..)
                .take_while(|(w, _)| w.starts_with(p.as_str()))
            {
                for q in list {
                    let e = merged.entry(q.article).or_insert(Posting {
                        article: q.article,
                        title: 0,
                        body: 0,
                    });
                    e.title = e.title.saturating_add(q.title);
                    e.body = e.body.saturating_add(q.body);
                }
            }
            let want: Vec<Posting> = merged.into_values().collect();
            assert_eq!(index.prefix_postings(p), want, "{p}");
        }
        // Whole searches: the articles holding every word, by reading them.
        for query in [
            "bank kota",
            "cafe ekonomi 2023",
            "langka",
            "pres ban",
            "ulang judul",
        ] {
            let mut got = run(&docs, query);
            got.sort_unstable();
            let ws: Vec<String> = words(&fold(query)).map(|(_, w)| w.to_string()).collect();
            let want: Vec<usize> = (0..docs.len())
                .filter(|&i| {
                    ws.iter()
                        .all(|w| expected[w].iter().any(|p| p.article as usize == i))
                })
                .collect();
            assert!(!want.is_empty(), "{query}");
            assert_eq!(got, want, "{query}");
        }
    }

    #[test]
    fn empty_index_finds_nothing() {
        let index = SearchIndex::build(&[]);
        assert_eq!(index.vocabulary_len(), 0);
        assert!(index.word_postings("bank", false).is_empty());
        assert!(index.prefix_postings("b").is_empty());
    }

    #[test]
    fn parses_every_kind_of_item() {
        let q = Query::parse(
            r#"banjir "Bank Indonesia" person:"Joko Widodo" org:KPK lang:id source:Liputan6 author:ferida is:unread is:starred after:2023-01-01 before:2024 -gempa"#,
            false,
        );
        assert_eq!(
            q.terms,
            vec![
                Term::Word("banjir".into()),
                Term::Phrase(vec!["bank".into(), "indonesia".into()])
            ]
        );
        assert_eq!(q.excluded, vec![Term::Word("gempa".into())]);
        assert_eq!(q.filters.len(), 9);
        assert!(q.filters.contains(&Filter::Person("Joko Widodo".into())));
        assert!(q.filters.contains(&Filter::Org("KPK".into())));
        assert!(q.problems.is_empty(), "{:?}", q.problems);
    }

    #[test]
    fn bad_filters_are_reported_not_fatal() {
        let q = Query::parse("is:blue after:yesterday color:red word", false);
        assert_eq!(q.problems.len(), 3);
        assert_eq!(q.terms, vec![Term::Word("word".into())]);
    }

    #[test]
    fn typing_makes_the_last_word_a_prefix() {
        assert!(Query::parse("bank indo", true).prefix_last);
        assert!(!Query::parse("bank indo ", true).prefix_last);
        assert!(!Query::parse("bank indo", false).prefix_last);
        let docs = [art("Bank Indonesia", "Suku bunga.", None)];
        let index = SearchIndex::build(&docs);
        let state = |_| ArticleState::default();
        let ctx = Context {
            articles: &docs,
            corpus: None,
            state: &state,
        };
        assert_eq!(
            index.search(&Query::parse("bank indo", true), &ctx).len(),
            1
        );
        assert!(
            index
                .search(&Query::parse("bank indo", false), &ctx)
                .is_empty()
        );
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Café CRÈME Ünïcode"), "cafe creme unicode");
        let docs = [art("Le café", "Crème brûlée.", None)];
        assert_eq!(run(&docs, "CAFE creme"), vec![0]);
    }

    #[test]
    fn title_hits_rank_first_and_ties_go_to_the_newest() {
        let docs = [
            art("Rapat anggaran", "Bank sentral hadir.", Some("2023-01-01")),
            art(
                "Bank sentral naikkan bunga",
                "Keputusan rapat.",
                Some("2023-02-01"),
            ),
            art("Lain", "Bank sentral.", Some("2023-03-01")),
            art("Lagi", "Bank sentral.", Some("2023-04-01")),
        ];
        assert_eq!(run(&docs, "bank"), vec![1, 3, 2, 0]);
    }

    #[test]
    fn phrases_need_adjacent_words() {
        let docs = [
            art("A", "Bank Indonesia menahan suku bunga.", None),
            art("B", "Indonesia punya bank baru.", None),
        ];
        assert_eq!(run(&docs, "\"bank indonesia\""), vec![0]);
        assert_eq!(run(&docs, "bank indonesia").len(), 2);
        assert_eq!(run(&docs, "bank -\"bank indonesia\""), vec![1]);
    }

    #[test]
    fn filters_on_state_date_language_source() {
        let mut docs = [
            art("A", "kata", Some("2022-06-01")),
            art("B", "kata", Some("2023-06-01")),
            art("C", "kata", None),
        ];
        docs[1].language = Some("id".into());
        docs[2].source_name = Some("Liputan6.com".into());
        docs[1].url = Some("https://news.detik.com/berita/d-1/judul".into());
        docs[1].tags = vec!["Banjir Jakarta".into(), "Cuaca".into()];
        docs[0].authors = vec!["Khairisa Ferida".into()];
        assert_eq!(run(&docs, "kata is:unread"), vec![1, 2]);
        assert_eq!(run(&docs, "is:starred"), vec![1]);
        assert_eq!(run(&docs, "after:2023-01-01"), vec![1]);
        assert_eq!(run(&docs, "before:2023"), vec![0]);
        assert_eq!(run(&docs, "lang:id"), vec![1]);
        assert_eq!(run(&docs, "source:liputan6"), vec![2]);
        assert_eq!(run(&docs, "source:detik"), vec![1]);
        assert_eq!(run(&docs, "site:news.detik.com"), vec![1]);
        assert_eq!(run(&docs, "tag:banjir"), vec![1]);
        assert_eq!(run(&docs, "tag:\"banjir jakarta\""), vec![1]);
        assert_eq!(run(&docs, "tag:politik"), Vec::<usize>::new());
        assert_eq!(run(&docs, "author:FERIDA"), vec![0]);
    }

    #[test]
    fn matches_map_back_to_original_offsets() {
        let text = "Di CAFÉ itu, café dan Café.";
        let q = Query::parse("cafe", false);
        let m = matches_in(text, &q);
        assert_eq!(m.len(), 3);
        for (s, e) in m {
            assert!(
                text[s..e].to_lowercase().starts_with("caf"),
                "{}",
                &text[s..e]
            );
        }
    }
}
