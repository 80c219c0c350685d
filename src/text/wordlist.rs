//! Word lists: phrases matched after folding, and the curated list of known places.
//!
//! A [`WordList`] is a set of folded phrases (see [`fold_lookup`]): dots dropped, hyphens as
//! spaces, case ignored, except for entries of at most three letters written in capitals
//! (`AS`, `PM`, `H`), which only match in capitals. The entity engine keeps its curated
//! lists as word lists; the list of known places ([`places`]) is also what the loaders'
//! dateline parser asks, so it lives here, below both.

use rustc_hash::FxHashSet;
use std::cell::RefCell;
use std::sync::OnceLock;

/// The curated list of countries, provinces, cities and regions
/// (`assets/wordlists/places.txt`), parsed on first use.
pub fn places() -> &'static WordList {
    static PLACES: OnceLock<WordList> = OnceLock::new();
    PLACES.get_or_init(|| WordList::parse(include_str!("../../assets/wordlists/places.txt")))
}

/// One word list: phrases matched after folding.
///
/// Besides the entries themselves, the list keeps hashes of their lowercase forms, of their
/// first words and of their last words ([`key_hash`]): most lookups are of words that are in
/// no list, and the hashes turn those away without folding the word into a string. A hash
/// that matches only lets the lookup go on to the entries, so the answers are exactly those
/// of the entries.
#[derive(Debug, Default)]
pub struct WordList {
    /// Short all-capital entries, matched exactly (after dot removal).
    exact: FxHashSet<String>,
    /// Every other entry, lowercased.
    folded: FxHashSet<String>,
    /// The most words any entry has.
    max_words: usize,
    /// Hashes of every entry, lowercased: a quick rejection for [`WordList::contains`].
    entries: FxHashSet<u64>,
    /// Hashes of the first words of the entries, lowercased: a quick rejection for prefixes.
    firsts: FxHashSet<u64>,
    /// Hashes of the last words of the entries, lowercased: a quick rejection for suffixes.
    lasts: FxHashSet<u64>,
}

/// Which part of a folded text [`key_hash`] hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// All of it.
    Whole,
    /// Its first word.
    First,
    /// Its last word.
    Last,
}

const KEY_SEED: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn key_step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Hash of a part of the lowercase fold of `text` ([`fold_lookup`], then
/// [`str::to_lowercase`]); `None` when that part is empty.
fn key_hash(text: &str, part: Part) -> Option<u64> {
    let [whole, first, last] = key_hashes(text);
    match part {
        Part::Whole => whole,
        Part::First => first,
        Part::Last => last,
    }
}

/// The hashes of all of the lowercase fold of `text`, of its first word and of its last
/// word (see [`key_hash`]). ASCII text is folded and hashed in one pass without building
/// the string.
fn key_hashes(text: &str) -> [Option<u64>; 3] {
    if !text.is_ascii() {
        let lower = fold_lookup(text).to_lowercase();
        if lower.is_empty() {
            return [None; 3];
        }
        let hash = |piece: &str| Some(piece.bytes().fold(KEY_SEED, key_step));
        return [
            hash(&lower),
            hash(lower.split(' ').next().unwrap_or("")),
            hash(lower.rsplit(' ').next().unwrap_or("")),
        ];
    }
    let (mut whole, mut first, mut last) = (KEY_SEED, None, KEY_SEED);
    let (mut any, mut space) = (false, false);
    for b in text.bytes() {
        if b == b'.' {
            continue;
        }
        if b == b'-' || char::from(b).is_whitespace() {
            space = true;
            continue;
        }
        if space && any {
            whole = key_step(whole, b' ');
            first.get_or_insert(last);
            last = KEY_SEED;
        }
        space = false;
        any = true;
        let c = b.to_ascii_lowercase();
        whole = key_step(whole, c);
        last = key_step(last, c);
    }
    if !any {
        return [None; 3];
    }
    [Some(whole), Some(first.unwrap_or(last)), Some(last)]
}

/// Buffers for lookups, reused so that a lookup allocates nothing.
#[derive(Default)]
struct Scratch {
    /// Folded text (case kept).
    folded: String,
    /// Its lowercase form.
    lower: String,
    /// Where each word's folded form ends in `folded` (words joined by one space).
    ends: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Run `f` with this thread's lookup buffers (fresh ones if they are in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Lowercase `text` into `out` (cleared first), as [`str::to_lowercase`] does.
fn lower_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

impl WordList {
    /// Parse a list: one entry per line, `#` comments and blank lines ignored.
    pub fn parse(source: &str) -> WordList {
        let mut list = WordList::default();
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            list.insert(line);
        }
        list
    }

    fn insert(&mut self, entry: &str) {
        let folded = fold_lookup(entry);
        if folded.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(folded.split(' ').count());
        for (part, set) in [
            (Part::Whole, &mut self.entries),
            (Part::First, &mut self.firsts),
            (Part::Last, &mut self.lasts),
        ] {
            set.extend(key_hash(entry, part));
        }
        let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = folded.chars().all(|c| !c.is_lowercase());
        if capitals && letters <= 3 {
            self.exact.insert(folded);
        } else {
            self.folded.insert(folded.to_lowercase());
        }
    }

    /// Whether `text` (one or more words, any spacing) is an entry.
    ///
    /// Text of at most three letters written in capitals only matches such entries:
    /// `AS` is not the word `as`.
    pub fn contains(&self, text: &str) -> bool {
        if !key_hash(text, Part::Whole).is_some_and(|h| self.entries.contains(&h)) {
            return false;
        }
        with_scratch(|s| {
            s.folded.clear();
            fold_into(text, &mut s.folded);
            self.has_folded(&s.folded, &mut s.lower)
        })
    }

    /// [`WordList::contains`] for text already folded by [`fold_lookup`].
    fn has_folded(&self, folded: &str, lower: &mut String) -> bool {
        if folded.is_empty() {
            return false;
        }
        if self.exact.contains(folded) {
            return true;
        }
        let mut letters = 0;
        let mut capitals = true;
        for c in folded.chars() {
            if c.is_alphabetic() {
                letters += 1;
            }
            if c.is_lowercase() {
                capitals = false;
                break;
            }
        }
        if capitals && letters <= 3 {
            return false;
        }
        lower_into(folded, lower);
        self.folded.contains(lower.as_str())
    }

    /// The longest entry among the first words of `words`, as a count of words (0 if none).
    pub fn longest_prefix(&self, words: &[&str]) -> usize {
        let first = words.first().and_then(|w| key_hash(w, Part::First));
        self.prefix_after(words, first)
    }

    /// [`WordList::longest_prefix`] of words whose keys are known.
    pub fn longest_prefix_of(&self, words: Words<'_>) -> usize {
        self.prefix_after(words.texts, words.keys.first().and_then(|k| k.first))
    }

    /// The longest prefix, given the hash of the first word's first part.
    fn prefix_after(&self, words: &[&str], first: Option<u64>) -> usize {
        if !first.is_some_and(|h| self.firsts.contains(&h)) {
            return 0;
        }
        with_scratch(|s| {
            let most = self.max_words.min(words.len());
            self.fold_words(&words[..most], s);
            let Scratch {
                folded,
                lower,
                ends,
            } = s;
            (1..=most)
                .rev()
                .find(|&n| self.has_folded(&folded[..ends[n - 1]], lower))
                .unwrap_or(0)
        })
    }

    /// The longest entry among the last words of `words`, as a count of words (0 if none).
    pub fn longest_suffix(&self, words: &[&str]) -> usize {
        let last = words.last().and_then(|w| key_hash(w, Part::Last));
        self.suffix_after(words, last)
    }

    /// [`WordList::longest_suffix`] of words whose keys are known.
    pub fn longest_suffix_of(&self, words: Words<'_>) -> usize {
        self.suffix_after(words.texts, words.keys.last().and_then(|k| k.last))
    }

    /// The longest suffix, given the hash of the last word's last part.
    fn suffix_after(&self, words: &[&str], last: Option<u64>) -> usize {
        if !last.is_some_and(|h| self.lasts.contains(&h)) {
            return 0;
        }
        with_scratch(|s| {
            let most = self.max_words.min(words.len());
            // Suffixes share no prefix of their fold: each is folded on its own.
            let Scratch { folded, lower, .. } = s;
            (1..=most)
                .rev()
                .find(|&n| {
                    folded.clear();
                    for w in &words[words.len() - n..] {
                        fold_word_joined(w, folded);
                    }
                    self.has_folded(folded, lower)
                })
                .unwrap_or(0)
        })
    }

    /// Fold `words` one after the other into `s.folded`, joined as [`fold_lookup`] joins
    /// them, recording where each word's part ends in `s.ends`.
    fn fold_words(&self, words: &[&str], s: &mut Scratch) {
        s.folded.clear();
        s.ends.clear();
        for w in words {
            fold_word_joined(w, &mut s.folded);
            s.ends.push(s.folded.len());
        }
    }
}

/// The lookup keys of one word: the hashes of the first and last parts of its lowercase
/// fold, which say whether a list may have an entry starting or ending with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordKey {
    first: Option<u64>,
    last: Option<u64>,
}

impl WordKey {
    /// The keys of `word`.
    pub fn of(word: &str) -> WordKey {
        let [_, first, last] = key_hashes(word);
        WordKey { first, last }
    }

    /// The keys of every word.
    pub fn all(words: &[&str]) -> Vec<WordKey> {
        words.iter().map(|w| WordKey::of(w)).collect()
    }
}

/// Words with their [`WordKey`]s, for lookups of several lists on the same words.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    texts: &'a [&'a str],
    keys: &'a [WordKey],
}

impl<'a> Words<'a> {
    /// Words and their keys (`keys[i]` of `texts[i]`).
    pub fn new(texts: &'a [&'a str], keys: &'a [WordKey]) -> Words<'a> {
        let n = texts.len().min(keys.len());
        Words {
            texts: &texts[..n],
            keys: &keys[..n],
        }
    }

    /// The words `range`.
    pub fn range(self, range: std::ops::Range<usize>) -> Words<'a> {
        Words {
            texts: &self.texts[range.clone()],
            keys: &self.keys[range],
        }
    }

    /// Number of words.
    pub fn len(self) -> usize {
        self.texts.len()
    }

    /// Whether there are no words.
    pub fn is_empty(self) -> bool {
        self.texts.is_empty()
    }
}

/// Append the fold of one word to `out` as [`fold_lookup`] would fold it after the words
/// already in `out` and a space: `fold_lookup("a b") == fold("a") + " " + fold("b")` when
/// both are non-empty, and an empty fold adds nothing.
fn fold_word_joined(word: &str, out: &mut String) {
    if !out.is_empty() {
        let before = out.len();
        out.push(' ');
        fold_into(word, out);
        if out.len() == before + 1 {
            out.truncate(before);
        }
    } else {
        fold_into(word, out);
    }
}

/// Fold text for list lookup: dots dropped, hyphens and runs of whitespace as one space,
/// curly apostrophes as straight ones. Case is kept (the list decides).
pub fn fold_lookup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold_lookup`] appending to `out`, which must be empty or end in a word.
fn fold_into(text: &str, out: &mut String) {
    let base = out.len();
    let mut space = false;
    for c in text.chars() {
        match c {
            '.' => {}
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' => space = true,
            c if c.is_whitespace() => space = true,
            '\u{2019}' | '\u{2018}' => {
                if space && out.len() > base {
                    out.push(' ');
                }
                space = false;
                out.push('\'');
            }
            c => {
                if space && out.len() > base {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_capital_entries_match_only_in_capitals() {
        let list = WordList::parse("AS\nUS\nKorea Selatan\n# comment\nNATO\n");
        assert!(list.contains("AS"));
        assert!(list.contains("A.S."));
        assert!(list.contains("U.S."));
        assert!(!list.contains("As"));
        assert!(!list.contains("us"));
        let words = WordList::parse("As\nPopuler\n");
        assert!(!words.contains("AS"));
        assert!(words.contains("POPULER"));
        assert!(list.contains("korea  selatan"));
        assert!(list.contains("Nato"));
        assert!(!list.contains("comment"));
    }

    #[test]
    fn prefixes_and_suffixes_find_the_longest_entry() {
        let list = WordList::parse("Korea\nKorea Utara\nAsia-Pasifik\n");
        assert_eq!(list.longest_prefix(&["Korea", "Utara", "Kim"]), 2);
        assert_eq!(list.longest_suffix(&["Pemimpin", "Korea", "Utara"]), 2);
        assert_eq!(list.longest_suffix(&["di", "Asia", "Pasifik"]), 2);
        assert!(list.contains("Asia Pasifik"));
        assert_eq!(list.longest_prefix(&["Kim"]), 0);
        assert_eq!(list.longest_prefix(&["Asia-Pasifik", "Kim"]), 1);
        assert_eq!(list.longest_suffix(&["di", "Asia-Pasifik"]), 1);
    }

    /// The lookups as first written: fold, join and compare strings.
    struct Naive<'a>(&'a WordList, Vec<String>);

    impl Naive<'_> {
        fn new(entries: &[String]) -> Naive<'static> {
            let list = Box::leak(Box::new(WordList::parse(&entries.join("\n"))));
            let folded: Vec<String> = entries
                .iter()
                .map(|e| fold_lookup(e.split('#').next().unwrap_or("").trim()))
                .filter(|f| !f.is_empty())
                .collect();
            Naive(list, folded)
        }

        fn contains(&self, text: &str) -> bool {
            let folded = fold_lookup(text);
            if folded.is_empty() {
                return false;
            }
            let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = folded.chars().all(|c| !c.is_lowercase());
            self.1.iter().any(|e| {
                let e_letters = e.chars().filter(|c| c.is_alphabetic()).count();
                let e_capitals = e.chars().all(|c| !c.is_lowercase());
                if e_capitals && e_letters <= 3 {
                    *e == folded
                } else {
                    !(capitals && letters <= 3) && e.to_lowercase() == folded.to_lowercase()
                }
            })
        }

        fn max_words(&self) -> usize {
            self.1
                .iter()
                .map(|e| e.split(' ').count())
                .max()
                .unwrap_or(0)
        }

        /// The words of the lowercase fold of `text`.
        fn lower_words(text: &str) -> Vec<String> {
            fold_lookup(text)
                .to_lowercase()
                .split(' ')
                .map(str::to_string)
                .collect()
        }

        fn longest_prefix(&self, words: &[&str]) -> usize {
            let first = words.first().map(|w| Self::lower_words(w)[0].clone());
            let firsts: Vec<String> = self
                .1
                .iter()
                .map(|e| Self::lower_words(e)[0].clone())
                .collect();
            if !first.is_some_and(|f| firsts.contains(&f)) {
                return 0;
            }
            let most = self.max_words().min(words.len());
            (1..=most)
                .rev()
                .find(|&n| self.contains(&words[..n].join(" ")))
                .unwrap_or(0)
        }

        fn longest_suffix(&self, words: &[&str]) -> usize {
            let last = words.last().and_then(|w| Self::lower_words(w).pop());
            let lasts: Vec<String> = self
                .1
                .iter()
                .filter_map(|e| Self::lower_words(e).pop())
                .collect();
            if !last.is_some_and(|l| lasts.contains(&l)) {
                return 0;
            }
            let most = self.max_words().min(words.len());
            (1..=most)
                .rev()
                .find(|&n| self.contains(&words[words.len() - n..].join(" ")))
                .unwrap_or(0)
        }
    }

    /// A case the property below once found: an apostrophe entry and an empty word.
    #[test]
    fn an_apostrophe_entry_and_an_empty_word_match_plain_comparison() {
        let entries = vec!["\u{2019} a".to_string(), "\u{2019}".to_string()];
        let naive = Naive::new(&entries);
        let list = naive.0;
        let words = ["\u{2019}", ""];
        assert_eq!(
            list.contains(&words.join(" ")),
            naive.contains(&words.join(" "))
        );
        assert_eq!(list.longest_prefix(&words), naive.longest_prefix(&words));
        assert_eq!(list.longest_suffix(&words), naive.longest_suffix(&words));
        for w in words {
            assert_eq!(list.contains(w), naive.contains(w));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            // Found cases are kept as unit tests above, not in files beside the source.
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn lookups_match_plain_string_comparison(
            entries in proptest::collection::vec("[aAbB. \\-\u{2019}É]{1,7}", 1..6),
            words in proptest::collection::vec("[aAbB. \\-\u{2019}É]{0,4}", 0..5),
        ) {
            let naive = Naive::new(&entries);
            let list = naive.0;
            let text = words.join(" ");
            proptest::prop_assert_eq!(list.contains(&text), naive.contains(&text));
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(list.longest_prefix(&words), naive.longest_prefix(&words));
            proptest::prop_assert_eq!(list.longest_suffix(&words), naive.longest_suffix(&words));
            let keys = WordKey::all(&words);
            let keyed = Words::new(&words, &keys);
            proptest::prop_assert_eq!(list.longest_prefix_of(keyed), naive.longest_prefix(&words));
            proptest::prop_assert_eq!(list.longest_suffix_of(keyed), naive.longest_suffix(&words));
            for w in &words {
                proptest::prop_assert_eq!(list.contains(w), naive.contains(w));
            }
        }
    }
}
