//! Document-level resolution: from tagged mentions to one entity per referent.
//!
//! The tagger labels spans sentence by sentence; resolution looks at the whole article:
//!
//! 1. **Clean** each mention ([`roles::name_words`]): lowercase and non-name words at its
//!    edges go (`Berbicara`, `Senin`, `Dok`), so do honorifics, titles and degrees
//!    (`Sekjen NATO Jens Stoltenberg` → `Jens Stoltenberg`); a mention with no name left
//!    (`Kapolri`, `Menkeu`) is dropped. A place right after an organization head becomes
//!    that organization (`Pemprov` + `Riau`). Metadata is dropped: photo credit leftovers
//!    (`(Dok. AFP)`, `Liputan6.com/NAME`), the article's own publisher, its authors. In
//!    English the words around a mention correct the tagger's type: a name after a word for
//!    a kind of organization is one (`media giant TimeWarner`), a one-word name after an
//!    article is a thing (`an Oscar`), one opening a clause with a plural verb a group
//!    (`Chelsea are`).
//! 2. **Parentheses** and their written equivalents link forms: `Badan Pusat Statistik
//!    (BPS)`, `Joko Widodo (Jokowi)`, `the House of Representatives, or DPR,`.
//! 3. **One type per string**, by vote across its mentions, overruled by the word lists:
//!    a known place is a place (`Riau`, `AS`, `U.S.`); a known organization, a name opened
//!    by an organization head (`Pemprov Riau`) or holding an organization word
//!    (`... Institute ...`, `Bank ...`) is an organization.
//! 4. **Repeats**: every other occurrence of a kept form counts as a mention, tagged or not.
//! 5. **Strictness**: a one-word form seen only where every word is capitalised (title,
//!    headings, sentence starts) is dropped when the article also uses it in lowercase or
//!    only has it in the title; a phrase the article also writes in lowercase is dropped.
//! 6. **Merging** ([`merge`]): a surname or first name joins the one full name containing it
//!    (`Austin` → `Lloyd Austin`, never when two full names contain it); an acronym joins
//!    the organization it spells (`BPS` → `Badan Pusat Statistik`); a shortened organization
//!    name joins the one longer name it opens (or ends, for one word that is no acronym:
//!    `United` → `Manchester United`); legal forms (`PT`, `Tbk`) are ignored; a longer name
//!    written as one word joins it (`TimeWarner` → `Time Warner`).
//! 7. **Entities**: the canonical name is the fullest form (most words, then longest), the
//!    other forms are aliases, a person's role is the first title seen with any of its
//!    mentions (or a later, fuller one that extends it; an honorific before the name is no
//!    part of it, and `head of` before a name is no role). A person introduced anywhere
//!    as an organization is one. People and organizations come first
//!    by mention count, then first appearance; places after them.
//!
//! Everything is linear in the text and the mentions, up to small per-article sets; the word
//! lists are parsed once per process.

mod find;
mod initials;
mod institutions;
mod lists;
mod merge;
mod roles;
mod words;

pub use merge::UnionFind;

use super::{Entity, EntityKind, Lang, Mention, SpanType};
use lists::Lists;
use merge::merge_forms;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use words::{
    Span, at_word_boundary, fold_key, is_all_caps, is_capitalised, opens_sentence, pieces,
    split_words, surface, window_end, window_start, word_after, word_before,
};

/// Everything resolution looks at for one article.
pub struct Input<'a> {
    /// The article's title.
    pub title: &'a str,
    /// The article's body text ([`crate::article::Article::body_text`]).
    pub body: &'a str,
    /// Tagger mentions in the title.
    pub title_mentions: &'a [Mention],
    /// Tagger mentions in the body.
    pub body_mentions: &'a [Mention],
    /// The article's language.
    pub language: Lang,
    /// The article's publisher (`Liputan6.com`): never an entity of its own article.
    pub publisher: Option<&'a str>,
    /// The article's authors: metadata, never entities of their own article.
    pub authors: &'a [String],
    /// Byte ranges of the body's section headings, where every word is capitalised.
    pub headings: &'a [Range<usize>],
}

/// Which text of the article a span is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Seg {
    /// The headline.
    Title,
    /// The body text.
    Body,
}

/// One mention on its way to an entity.
#[derive(Debug, Clone)]
struct Cand {
    seg: Seg,
    span: Span,
    /// The tagger's type, as corrected by the words around the mention; `None` for
    /// mentions resolution found itself, and for names used as things (`an Oscar`).
    vote: Option<SpanType>,
    /// Introduced by a word that names a kind of organization (`media giant X`).
    described: bool,
    /// Index into the article's keys.
    key: usize,
}

/// One surface form (folded), with what the article says about it.
#[derive(Debug)]
struct Key {
    /// Folded words.
    words: Vec<String>,
    /// The form as first written.
    surface: String,
    /// Where it first appears.
    first: (Seg, usize),
    /// Tagger votes: PER, ORG, LOC, MISC.
    votes: [usize; 4],
    /// The resolved type; `None` drops the form (unless a parenthesis links it).
    kind: Option<EntityKind>,
    /// The type comes from a word list, not from votes.
    listed: bool,
    /// Some mention is introduced by a word that names a kind of organization.
    described: bool,
    /// Dropped by a strictness rule.
    dropped: bool,
}

/// The article being resolved and what is derived from it once.
struct Doc<'a> {
    input: &'a Input<'a>,
    lists: &'static Lists,
    /// Body ranges where capitals say nothing (headings and heading-like lines).
    title_like: Vec<Range<usize>>,
    /// Folded forms of the publisher's name.
    publisher: Vec<String>,
    /// Folded author names.
    authors: Vec<String>,
    /// The words of the article's forms that it also writes in lowercase; built on first
    /// use.
    lower_words: OnceCell<FxHashSet<String>>,
    /// Whether the article is about sport; found on first use.
    sporty: OnceCell<bool>,
}

/// How many different words of sport make an article about sport.
const SPORT_WORDS_NEEDED: usize = 3;

/// Merge an article's mentions into entities.
pub fn resolve(input: &Input<'_>) -> Vec<Entity> {
    let doc = Doc::new(input);
    let mut cands = doc.clean_all();
    let links = doc.parentheticals(&mut cands);
    let mut keys = doc.assign_keys(&mut cands);
    let mut uf = UnionFind::new(keys.len());
    for (a, b) in links {
        uf.union(cands[a].key, cands[b].key);
    }
    doc.find_repeats(&mut cands, &keys);
    doc.drop_common_phrases(&mut keys);
    merge_forms(&keys, &mut uf);
    initials::merge_initialled(&keys, &mut uf);
    doc.entities(&cands, &keys, &mut uf)
}

impl<'a> Doc<'a> {
    fn new(input: &'a Input<'a>) -> Doc<'a> {
        let mut publisher = Vec::new();
        if let Some(p) = input.publisher {
            publisher.push(fold_key(p));
            if let Some((stem, _)) = p.split_once('.') {
                publisher.push(fold_key(stem));
            }
            if let Some(stem) = p.strip_suffix(" News") {
                publisher.push(fold_key(stem));
            }
            publisher.retain(|p| !p.is_empty());
        }
        let authors = input.authors.iter().map(|a| fold_key(a)).collect();
        let mut title_like: Vec<Range<usize>> = input.headings.to_vec();
        let mut pos = 0;
        for block in input.body.split("\n\n") {
            let range = pos..pos + block.len();
            pos += block.len() + 2;
            let trimmed = block.trim_end();
            let ends_sentence = trimmed.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ')']);
            if !trimmed.is_empty() && !ends_sentence && trimmed.split_whitespace().count() <= 12 {
                title_like.push(range);
            }
        }
        title_like.sort_by_key(|r| r.start);
        Doc {
            input,
            lists: Lists::get(),
            title_like,
            publisher,
            authors,
            lower_words: OnceCell::new(),
            sporty: OnceCell::new(),
        }
    }

    fn text(&self, seg: Seg) -> &'a str {
        match seg {
            Seg::Title => self.input.title,
            Seg::Body => self.input.body,
        }
    }

    /// Whether capitals at `pos` say nothing: the title, a heading, a sentence start.
    fn weak(&self, seg: Seg, pos: usize) -> bool {
        if seg == Seg::Title || opens_sentence(self.text(seg), pos) {
            return true;
        }
        let i = self.title_like.partition_point(|r| r.start <= pos);
        self.title_like[..i]
            .iter()
            .rev()
            .take(4)
            .any(|r| r.contains(&pos))
    }

    /// Which words of the forms `keys` the article writes in lowercase somewhere (a word
    /// starting with a small letter, or a hyphenated part of one), lowercased.
    fn lower_words(&self, keys: &[Key]) -> &FxHashSet<String> {
        self.lower_words.get_or_init(|| {
            let wanted: FxHashSet<&str> = keys
                .iter()
                .flat_map(|k| k.words.iter().map(String::as_str))
                .collect();
            // A quick rejection by length and first and last byte.
            let slot = |w: &[u8]| match (w.first(), w.last()) {
                (Some(&a), Some(&z)) => (w.len() * 37 + usize::from(a) * 11 + usize::from(z)) % 256,
                _ => 0,
            };
            let mut seen = [0u64; 4];
            for w in &wanted {
                let k = slot(w.as_bytes());
                seen[k / 64] |= 1 << (k % 64);
            }
            let mut set = FxHashSet::default();
            let mut check = |part: &str| {
                let lower = if part
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
                {
                    let k = slot(part.as_bytes());
                    if seen[k / 64] & (1 << (k % 64)) == 0 {
                        return;
                    }
                    Cow::Borrowed(part)
                } else {
                    Cow::Owned(part.to_lowercase())
                };
                if wanted.contains(lower.as_ref()) && !set.contains(lower.as_ref()) {
                    set.insert(lower.into_owned());
                }
            };
            for text in [self.input.title, self.input.body] {
                words::lowercase_words(text, |word| {
                    if word.contains('-') {
                        word.split('-').for_each(&mut check);
                    } else {
                        check(word);
                    }
                });
            }
            set
        })
    }

    /// Whether the article is about sport: it uses at least [`SPORT_WORDS_NEEDED`]
    /// different words of the sport list in lowercase.
    fn sporty(&self) -> bool {
        *self.sporty.get_or_init(|| {
            let mut seen: Vec<&str> = Vec::new();
            for text in [self.input.title, self.input.body] {
                words::lowercase_words(text, |word| {
                    if seen.len() < SPORT_WORDS_NEEDED
                        && self.lists.sport_words.contains(word)
                        && !seen.contains(&word)
                    {
                        seen.push(word);
                    }
                });
            }
            seen.len() >= SPORT_WORDS_NEEDED
        })
    }

    // ---- 1. cleaning -------------------------------------------------------------------

    /// Clean every tagger mention; drop contained duplicates.
    fn clean_all(&self) -> Vec<Cand> {
        let mut cands: Vec<Cand> = [
            (Seg::Title, self.input.title_mentions),
            (Seg::Body, self.input.body_mentions),
        ]
        .into_iter()
        .flat_map(|(seg, mentions)| mentions.iter().filter_map(move |m| self.clean(seg, m)))
        .collect();
        cands.sort_by_key(|c| (c.seg, c.span.0, std::cmp::Reverse(c.span.1)));
        let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
        for c in cands {
            match kept.last() {
                Some(last) if last.seg == c.seg && c.span.0 < last.span.1 => {}
                _ => kept.push(c),
            }
        }
        kept
    }

    fn clean(&self, seg: Seg, m: &Mention) -> Option<Cand> {
        let text = self.text(seg);
        let ok = m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end);
        if !ok {
            return None;
        }
        let ws = split_words(text, m.start, m.end);
        let person = m.kind == SpanType::Per;
        let (i, j) = roles::name_words(text, &ws, person, self.input.language)?;
        let mut span = (ws[i].0, ws[j - 1].1);
        let mut vote = m.kind;
        let form = &text[span.0..span.1];
        if !form.chars().any(char::is_alphabetic) {
            return None;
        }
        if self.lists.places.contains(form)
            && let Some(head) = self.org_head_before(text, span.0)
        {
            span.0 = head;
            vote = SpanType::Org;
        }
        if self.input.language == Lang::Id && vote != SpanType::Per {
            span.1 = institutions::extend(self.lists, text, span);
        }
        if self.is_metadata(seg, span) {
            return None;
        }
        let (vote, described) = if self.input.language == Lang::En {
            self.english_usage(text, span, vote)
        } else {
            (Some(vote), false)
        };
        Some(Cand {
            seg,
            span,
            vote,
            described,
            key: usize::MAX,
        })
    }

    /// The start of an organization head written right before `pos` (`Pemprov` before
    /// `Riau`, `Pemerintah Provinsi` before `Jawa Barat`).
    fn org_head_before(&self, text: &str, pos: usize) -> Option<usize> {
        let from = window_start(text, pos);
        let mut words = Vec::new();
        for p in pieces(text, from, pos).rev().take(3) {
            if p.stop_after || p.word.0 == p.word.1 || !is_capitalised(&text[p.word.0..p.word.1]) {
                break;
            }
            words.push(p.word);
            if p.stop_before {
                break;
            }
        }
        words.reverse();
        let texts: Vec<&str> = words.iter().map(|&(s, e)| &text[s..e]).collect();
        let n = self.lists.org_heads.longest_suffix(&texts);
        (n > 0).then(|| words[words.len() - n].0)
    }

    /// What the words around an English mention say about the tagger's type `vote`: a name
    /// after a word for a kind of organization is one (`media giant TimeWarner`, but not a
    /// list of names: `champions Mike and Bob Bryan`); a one-word
    /// name after an article or a possessive names a thing, not a person (`an Oscar`, `the
    /// Chelsea side`); a one-word name opening a clause with a plural verb is a group
    /// (`Chelsea are`), an organization. Returns the vote to count and whether such a word
    /// introduced the mention.
    fn english_usage(&self, text: &str, span: Span, vote: SpanType) -> (Option<SpanType>, bool) {
        let before = word_before(text, span.0);
        let descriptor =
            |w: &str| w.starts_with(char::is_lowercase) && self.lists.org_descriptors.contains(w);
        let after = word_after(text, span.1);
        // Titles people hold too introduce a list of people (`champions Mike and Bob Bryan`).
        let listed = text[span.1..]
            .trim_start_matches([' ', '\t'])
            .starts_with('&')
            || after == Some("and");
        let held = before.is_some_and(|w| SHARED_TITLES.contains(&w));
        if before.is_some_and(descriptor) && !(listed && held) {
            return (Some(SpanType::Org), true);
        }
        let one_word = !text[span.0..span.1].contains(char::is_whitespace);
        if vote != SpanType::Per || !one_word {
            return (Some(vote), false);
        }
        let lower_before = before.map(str::to_ascii_lowercase);
        let before_in =
            |words: &[&str]| lower_before.as_deref().is_some_and(|w| words.contains(&w));
        if before_in(DETERMINERS) {
            return (None, false);
        }
        let plural = after.is_some_and(|w| matches!(w, "are" | "were" | "have"));
        if plural && (before.is_none() || before_in(CLAUSE_OPENERS)) {
            return (Some(SpanType::Org), false);
        }
        (Some(vote), false)
    }

    /// Whether a span is metadata: a photo credit leftover, the publisher, an author.
    fn is_metadata(&self, seg: Seg, span: Span) -> bool {
        let text = self.text(seg);
        let named = || {
            let key = fold_key(&text[span.0..span.1]);
            self.publisher.contains(&key) || self.authors.contains(&key)
        };
        let has_names = !self.publisher.is_empty() || !self.authors.is_empty();
        has_names && named() || self.in_credit(text, span)
    }

    /// Whether a span sits in a photo credit: `(Dok. AFP)`, `(NAME / AP PHOTO)`,
    /// `Liputan6.com/NAME`, `Foto: Antara`.
    fn in_credit(&self, text: &str, span: Span) -> bool {
        let (ls, le) = (window_start(text, span.0), window_end(text, span.1));
        let before = &text[ls..span.0];
        let after = &text[span.1..le];
        if before.trim_end().ends_with('/') || after.trim_start().starts_with('/') {
            return true;
        }
        let open = before.rfind('(').filter(|&i| !before[i..].contains(')'));
        let close = after.find(')').filter(|&i| !after[..i].contains('('));
        if let (Some(o), Some(c)) = (open, close) {
            let content = &text[ls + o + 1..span.1 + c];
            if self.credit_like(content) {
                return true;
            }
        }
        let form = &text[span.0..span.1];
        if self.lists.credits.contains(form) {
            let lead = before.trim_end().to_lowercase();
            let tail = after.trim_start().to_lowercase();
            let lead_word = lead.rsplit([' ', '(']).next().unwrap_or("");
            let credit_lead = matches!(
                lead_word.trim_end_matches([':', '.']),
                "dok" | "foto" | "photo" | "sumber" | "source" | "kredit" | "credit"
            );
            let whole_line = lead.is_empty() && tail.trim_end_matches([')', '.']).is_empty();
            return credit_lead
                || tail.starts_with("photo")
                || tail.starts_with("foto")
                || whole_line;
        }
        false
    }

    /// Whether the text inside parentheses is a photo credit.
    fn credit_like(&self, content: &str) -> bool {
        let content = content.trim();
        if content.contains('/') || self.lists.credits.contains(content) {
            return true;
        }
        let lower = content.to_lowercase();
        let first = lower
            .split(|c: char| c.is_whitespace() || c == '.' || c == ':')
            .next()
            .unwrap_or("");
        let last = lower.split_whitespace().next_back().unwrap_or("");
        matches!(
            first,
            "dok"
                | "dokumentasi"
                | "foto"
                | "photo"
                | "ist"
                | "istimewa"
                | "sumber"
                | "source"
                | "credit"
                | "kredit"
                | "courtesy"
                | "gambar"
                | "image"
                | "repro"
        ) || matches!(
            last,
            "photo" | "photos" | "foto" | "images" | "image" | "pool"
        )
    }

    // ---- 2. parentheses ----------------------------------------------------------------

    /// Link `Long Name (ACR)`, `ACR (Long Name)`, `Full Name (Nickname)`, `Long Name, known
    /// as ACR` and `Long Name, or ACR,`; returns pairs of candidate indices, adding
    /// candidates for untagged forms.
    fn parentheticals(&self, cands: &mut Vec<Cand>) -> Vec<(usize, usize)> {
        let mut links = Vec::new();
        let mut added = Vec::new();
        for (idx, c) in cands.iter().enumerate() {
            let text = self.text(c.seg);
            let Some(alias) = alias_after(text, c.span.1) else {
                continue;
            };
            let (inner, inner_words) = (alias.span, alias.words);
            let form = &text[c.span.0..c.span.1];
            let form_words = form.split_whitespace().count();
            let inner_text = &text[inner.0..inner.1];
            if alias.caps_only && !is_all_caps(inner_text) {
                continue;
            }
            let nickname = alias.nickname_ok
                && c.vote == Some(SpanType::Per)
                && inner_words <= 2
                && inner_text
                    .split_whitespace()
                    .all(|w| is_capitalised(w) && !is_all_caps(w))
                && !self.is_listed_word(inner_text);
            let acronym = c.vote != Some(SpanType::Per)
                && form_words >= 2
                && inner_words == 1
                && (is_all_caps(inner_text) || merge::spells(inner_text, form))
                && is_capitalised(inner_text);
            let expansion = alias.nickname_ok
                && c.vote != Some(SpanType::Per)
                && form_words == 1
                && inner_words >= 2
                && merge::spells(form, inner_text);
            if !(nickname || acronym || expansion) {
                continue;
            }
            let i = cands.partition_point(|o| (o.seg, o.span.1) <= (c.seg, inner.0));
            let existing = cands
                .get(i)
                .filter(|o| o.seg == c.seg && o.span.0 < inner.1)
                .map(|_| i);
            match existing {
                Some(o) if cands[o].span == inner => links.push((idx, o)),
                Some(_) => {}
                None => {
                    if !self.is_metadata(c.seg, inner) {
                        added.push((idx, c.seg, inner, c.vote));
                    }
                }
            }
        }
        for (idx, seg, span, vote) in added {
            links.push((idx, cands.len()));
            cands.push(Cand {
                seg,
                span,
                vote,
                described: false,
                key: usize::MAX,
            });
        }
        links
    }

    /// Whether a form is a listed place, organization, title or non-name.
    fn is_listed_word(&self, form: &str) -> bool {
        let l = self.lists;
        l.places.contains(form)
            || l.organizations.contains(form)
            || l.non_names.contains(form)
            || l.titles.contains(form)
            || l.credits.contains(form)
    }

    // ---- 3. one type per string --------------------------------------------------------

    fn assign_keys(&self, cands: &mut [Cand]) -> Vec<Key> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<Key> = Vec::new();
        for c in cands.iter_mut() {
            c.key = self.key_for(c.seg, c.span, &mut index, &mut keys);
            if let Some(v) = c.vote {
                keys[c.key].votes[vote_slot(v)] += 1;
            }
            keys[c.key].described |= c.described;
        }
        for key in &mut keys {
            self.decide_kind(key);
        }
        keys
    }

    fn key_for(
        &self,
        seg: Seg,
        span: Span,
        index: &mut HashMap<String, usize>,
        keys: &mut Vec<Key>,
    ) -> usize {
        let text = self.text(seg);
        let form = surface(text, span);
        let folded = fold_key(&form);
        if let Some(&k) = index.get(&folded) {
            let key = &mut keys[k];
            if (seg, span.0) < key.first {
                key.first = (seg, span.0);
                key.surface = form;
            }
            return k;
        }
        keys.push(Key {
            words: folded.split(' ').map(str::to_string).collect(),
            surface: form,
            first: (seg, span.0),
            votes: [0; 4],
            kind: None,
            listed: false,
            described: false,
            dropped: false,
        });
        index.insert(folded, keys.len() - 1);
        keys.len() - 1
    }

    fn decide_kind(&self, key: &mut Key) {
        let l = self.lists;
        let form = key.surface.as_str();
        let words: Vec<&str> = form.split(' ').collect();
        let head = l.org_heads.longest_prefix(&words);
        let (kind, listed) = if l.organizations.contains(form) {
            (Some(EntityKind::Organization), true)
        } else if l.clubs.contains(form) && self.sporty() {
            // `Barcelona` in a match report is the club.
            (Some(EntityKind::Organization), true)
        } else if l.places.contains(form) {
            (Some(EntityKind::Place), true)
        } else if head > 0 && head < words.len()
            || words.len() >= 2 && words.iter().any(|w| l.org_words.contains(w))
        {
            (Some(EntityKind::Organization), true)
        } else if key.described {
            (Some(EntityKind::Organization), false)
        } else {
            let [per, org, loc, misc] = key.votes;
            let best = per.max(org).max(loc);
            let kind = if best == 0 || misc > best {
                None
            } else if per == best && !(words.len() == 1 && words::is_camel_case(form)) {
                Some(EntityKind::Person)
            } else if per == best || org == best {
                Some(EntityKind::Organization)
            } else {
                Some(EntityKind::Place)
            };
            (kind, false)
        };
        key.kind = kind;
        key.listed = listed;
    }

    // ---- 4. repeats --------------------------------------------------------------------

    /// Count every other occurrence of a kept form as a mention of it.
    fn find_repeats(&self, cands: &mut Vec<Cand>, keys: &[Key]) {
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_key: Vec<usize> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for c in cands.iter() {
            let form = &self.text(c.seg)[c.span.0..c.span.1];
            if keys[c.key].kind.is_some() && form.len() >= 2 && seen.insert(form) {
                patterns.push(form);
                pattern_key.push(c.key);
            }
        }
        if patterns.is_empty() {
            return;
        }
        let forms = find::Forms::new(patterns);
        let mut taken: Vec<(Seg, Span)> = cands.iter().map(|c| (c.seg, c.span)).collect();
        taken.sort();
        let mut found = Vec::new();
        for seg in [Seg::Title, Seg::Body] {
            let text = self.text(seg);
            for m in forms.find_iter(text) {
                let span = (m.start, m.end);
                if !at_word_boundary(text, span.0, span.1) {
                    continue;
                }
                let i = taken.partition_point(|&(s, sp)| (s, sp.1) <= (seg, span.0));
                let overlaps = taken
                    .get(i)
                    .is_some_and(|&(s, sp)| s == seg && sp.0 < span.1);
                if overlaps || self.glued_to_capital(text, span) || self.is_metadata(seg, span) {
                    continue;
                }
                found.push(Cand {
                    seg,
                    span,
                    vote: None,
                    described: false,
                    key: pattern_key[m.form],
                });
            }
        }
        cands.extend(found);
        cands.sort_by_key(|c| (c.seg, c.span.0));
    }

    /// Whether a found form is part of a longer capitalised name (`Korea` in `Korea Utara`),
    /// which is not the same referent.
    fn glued_to_capital(&self, text: &str, span: Span) -> bool {
        let (ls, le) = (window_start(text, span.0), window_end(text, span.1));
        let prev = pieces(text, ls, span.0).next_back();
        let next = pieces(text, span.1, le).next();
        let l = self.lists;
        let name_like = |w: &str| {
            is_capitalised(w)
                && !l.non_names.contains(w)
                && !l.is_role_word(w)
                && !l.honorifics.contains(w)
        };
        let prev_glued = prev.is_some_and(|p| {
            !p.stop_after
                && text[p.word.1..span.0].trim().is_empty()
                && name_like(&text[p.word.0..p.word.1])
        });
        let next_glued = next.is_some_and(|n| {
            !n.stop_before
                && text[span.1..n.word.0].trim().is_empty()
                && name_like(&text[n.word.0..n.word.1])
        });
        prev_glued || next_glued
    }

    // ---- 5. strictness -----------------------------------------------------------------

    /// Drop phrases the article also writes in lowercase (`Ancaman Global` in a heading
    /// when the text speaks of `ancaman global`).
    fn drop_common_phrases(&self, keys: &mut [Key]) {
        let mut common = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            if key.listed || key.words.len() < 2 || key.kind.is_none() {
                continue;
            }
            let lower = self.lower_words(keys);
            if !key.words.iter().all(|w| lower.contains(w.as_str())) {
                continue;
            }
            let phrase = key.words.join(" ");
            let body = self.input.body;
            if body
                .match_indices(&phrase)
                .any(|(i, _)| at_word_boundary(body, i, i + phrase.len()))
            {
                common.push(k);
            }
        }
        for k in common {
            keys[k].dropped = true;
        }
    }

    /// Whether a one-form, one-word entity is only a capitalised common word.
    fn is_common_word(&self, keys: &[Key], key: &Key, cands: &[&Cand]) -> bool {
        if key.listed || key.words.len() != 1 {
            return false;
        }
        if !cands.iter().all(|c| self.weak(c.seg, c.span.0)) {
            return false;
        }
        let title_only = cands.iter().all(|c| c.seg == Seg::Title);
        title_only || self.lower_words(keys).contains(key.words[0].as_str())
    }

    // ---- 7. entities -------------------------------------------------------------------

    fn entities(&self, cands: &[Cand], keys: &[Key], uf: &mut UnionFind) -> Vec<Entity> {
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, key) in keys.iter().enumerate() {
            if !key.dropped {
                members.entry(uf.find(k)).or_default().push(k);
            }
        }
        let mut by_key: Vec<Vec<&Cand>> = vec![Vec::new(); keys.len()];
        for c in cands {
            by_key[c.key].push(c);
        }
        let mut out: Vec<((usize, Seg, usize), Entity)> = Vec::new();
        let mut people: Vec<(Seg, Span)> = Vec::new();
        let mut clusters = Vec::new();
        for group in members.into_values() {
            let Some(canon) = group
                .iter()
                .copied()
                .filter(|&k| keys[k].kind.is_some())
                .max_by_key(|&k| {
                    let key = &keys[k];
                    (
                        key.words.len(),
                        key.surface.len(),
                        std::cmp::Reverse(key.first),
                    )
                })
            else {
                continue;
            };
            let Some(kind) = keys[canon].kind else {
                continue;
            };
            // A name the article introduces as an organization is one under all its forms.
            let kind = if kind == EntityKind::Person && group.iter().any(|&k| keys[k].described) {
                EntityKind::Organization
            } else {
                kind
            };
            if group.len() == 1 && self.is_common_word(keys, &keys[canon], &by_key[canon]) {
                continue;
            }
            let mut mentions: Vec<&Cand> = group
                .iter()
                .flat_map(|&k| by_key[k].iter().copied())
                .collect();
            if mentions.is_empty() {
                continue;
            }
            mentions.sort_by_key(|c| (c.seg, c.span.0));
            if kind == EntityKind::Person {
                people.extend(mentions.iter().map(|c| (c.seg, c.span)));
            }
            clusters.push((group, canon, kind, mentions));
        }
        people.sort();
        for (mut group, canon, kind, mentions) in clusters {
            group.sort_by_key(|&k| keys[k].first);
            let aliases = group
                .iter()
                .filter(|&&k| k != canon)
                .map(|&k| keys[k].surface.clone())
                .collect();
            let role = if kind == EntityKind::Person {
                self.role(&mentions, &people)
            } else {
                None
            };
            let spans = |seg: Seg| {
                mentions
                    .iter()
                    .filter(|c| c.seg == seg)
                    .map(|c| c.span)
                    .collect::<Vec<_>>()
            };
            let first = mentions
                .first()
                .map_or((Seg::Body, 0), |c| (c.seg, c.span.0));
            let entity = Entity {
                name: keys[canon].surface.clone(),
                kind,
                aliases,
                role,
                mentions: mentions.len(),
                spans: spans(Seg::Body),
                title_spans: spans(Seg::Title),
            };
            let group_rank = usize::from(kind == EntityKind::Place);
            out.push(((group_rank, first.0, first.1), entity));
        }
        out.sort_by(|(a, ea), (b, eb)| {
            a.0.cmp(&b.0)
                .then(eb.mentions.cmp(&ea.mentions))
                .then((a.1, a.2).cmp(&(b.1, b.2)))
        });
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// A person's role: the first one written with any mention, or a later one that
    /// extends it (`Presiden` then `Presiden Rusia`).
    fn role(&self, mentions: &[&Cand], people: &[(Seg, Span)]) -> Option<String> {
        let mut role: Option<String> = None;
        for c in mentions {
            let text = self.text(c.seg);
            let blocked = |pos: usize| {
                let i = people.partition_point(|&(s, sp)| (s, sp.1) <= (c.seg, pos));
                people
                    .get(i)
                    .is_some_and(|&(s, sp)| s == c.seg && sp.0 <= pos && sp != c.span)
            };
            let found = roles::role_before(text, c.span.0, self.input.language, &blocked)
                .or_else(|| roles::role_after(text, c.span.1, &blocked))
                .map(|span| surface(text, span));
            match (&role, found) {
                (None, Some(r)) => role = Some(r),
                (Some(old), Some(r)) if r.len() > old.len() && r.starts_with(old.as_str()) => {
                    role = Some(r);
                }
                _ => {}
            }
        }
        role
    }
}

/// English words before which a name is used as a thing, not a person (`an Oscar`).
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "your", "my",
    "every", "each", "another",
];

/// Organization descriptors that are also titles of people, so that they introduce people
/// when a list of names follows (`champions Mike and Bob Bryan`).
const SHARED_TITLES: &[&str] = &["champions", "holders", "leaders"];

/// English words after which the next word opens a clause as its subject (`but Chelsea
/// have`).
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "when", "because", "although", "though", "if", "since", "where", "whereas",
    "unless", "so",
];

/// The slot of a tagger type in [`Key::votes`].
fn vote_slot(t: SpanType) -> usize {
    match t {
        SpanType::Per => 0,
        SpanType::Org => 1,
        SpanType::Loc => 2,
        SpanType::Misc => 3,
    }
}

/// Another name for the form ending at `end`, written right after it.
struct AliasAfter {
    /// The other name's span.
    span: Span,
    /// Its number of words.
    words: usize,
    /// Written in a way that also introduces nicknames (`(Jokowi)`, `, known as ...`).
    nickname_ok: bool,
    /// Only an acronym in capitals is meant (`, or DPR,`, `atau BPS`).
    caps_only: bool,
}

/// Phrases introducing another name after a comma-less or comma form: (phrase, nickname_ok,
/// caps_only).
const ALIAS_PHRASES: &[(&str, bool, bool)] = &[
    (", known as ", true, false),
    (", also known as ", true, false),
    (", yang dikenal sebagai ", true, false),
    (", dikenal sebagai ", true, false),
    (", or ", false, true),
    (", atau ", false, true),
    (" atau ", false, true),
];

/// The other name written right after `end`: `Name (ACR)`, `Name, known as ACR`,
/// `Name, or ACR,`.
fn alias_after(text: &str, end: usize) -> Option<AliasAfter> {
    let rest = &text[end..];
    let open = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[open..].starts_with('(') {
        let inner_start = end + open + 1;
        let close = text[inner_start..]
            .char_indices()
            .take(60)
            .find(|&(_, c)| matches!(c, ')' | '(' | '\n'))
            .filter(|&(_, c)| c == ')')
            .map(|(i, _)| inner_start + i)?;
        let ws = split_words(text, inner_start, close);
        let (first, last) = (ws.first()?, ws.last()?);
        let span = (first.0, last.1);
        let content = &text[span.0..span.1];
        if content
            .chars()
            .any(|c| c.is_ascii_digit() || c == '/' || c == ',')
        {
            return None;
        }
        return Some(AliasAfter {
            span,
            words: ws.len(),
            nickname_ok: true,
            caps_only: false,
        });
    }
    let &(phrase, nickname_ok, caps_only) =
        ALIAS_PHRASES.iter().find(|(p, _, _)| rest.starts_with(p))?;
    let from = end + phrase.len();
    let piece = pieces(text, from, window_end(text, from)).next()?;
    let (s, e) = piece.word;
    let word = &text[s..e];
    let ended = text[e..].starts_with([',', '.', ')', ';', ' ']) || e == text.len();
    (s == from && ended && is_capitalised(word) && !word.chars().any(|c| c.is_ascii_digit()))
        .then_some(AliasAfter {
            span: (s, e),
            words: 1,
            nickname_ok,
            caps_only,
        })
}

#[cfg(test)]
mod tests;
