//! Name lists and cue words, as hashed sets the tagger's features look up.
//!
//! A gazetteer holds two tables: full names (a sequence of lower-cased tokens, hashed) with
//! their types, and single tokens with bits saying which kind of name they occur in and
//! which cue-word classes (titles, honorifics, speech verbs...) they belong to. It is built
//! at training time from the curated lists in `assets/gazetteer/` and any name lists given
//! to `warta train`, and stored inside the model file, so that tagging sees exactly the
//! lists the model was trained with.

use crate::ner::tagger::bin::{ModelError, Reader, Writer};
use crate::ner::tagger::hash::{self, fold, lower_hash};
use crate::ner::tagger::table::KeyMap;
use crate::ner::tokenize;

/// Token bit: occurs in a person name.
pub const T_PER: u16 = 1;
/// Token bit: occurs in an organization name.
pub const T_ORG: u16 = 2;
/// Token bit: occurs in a place name.
pub const T_LOC: u16 = 4;
/// Token bit: occurs in another kind of name.
pub const T_MISC: u16 = 8;

/// Cue-word classes, as token bits from bit 8 upward, by name in the list files.
pub const CUE_CLASSES: &[(&str, u16)] = &[
    ("title", 1 << 8),
    ("honorific", 1 << 9),
    ("say", 1 << 10),
    ("orgword", 1 << 11),
    ("locword", 1 << 12),
    ("prep", 1 << 13),
    ("misc", 1 << 14),
];

/// The curated lists shipped with warta (names of countries, cities, institutions; cue words).
pub const CURATED: &str = include_str!("../../assets/gazetteer/curated.txt");

/// Value bit of the names table: the key is the beginning of a longer name.
const PREFIX: u8 = 0x80;

/// Longest name, in tokens, that is matched as a whole.
const MAX_LEN: usize = 6;

/// Hashed name and cue-word sets.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    names: KeyMap<u8>,
    tokens: KeyMap<u16>,
}

/// The type bit (PER 1, ORG 2, LOC 4, MISC 8) of a type name.
fn type_bit(name: &str) -> Option<u8> {
    match name {
        "PER" => Some(1),
        "ORG" => Some(2),
        "LOC" => Some(4),
        "MISC" => Some(8),
        _ => None,
    }
}

const SEQ_SEED: u64 = 0x5EED;

fn seq_key(lowers: impl Iterator<Item = u64>) -> u32 {
    let mut h = SEQ_SEED;
    for l in lowers {
        h = hash::mix(h, l);
    }
    fold(hash::finish(h))
}

impl Gazetteer {
    /// Add a name of the given type bits (`1` PER, `2` ORG, `4` LOC, `8` MISC).
    pub fn add_name(&mut self, name: &str, bits: u8) {
        let toks = tokenize::tokenize(name);
        if toks.is_empty() || toks.len() > MAX_LEN {
            return;
        }
        let mut buf = String::new();
        let lowers: Vec<u64> = toks
            .iter()
            .map(|t| lower_hash(t.text(name), &mut buf))
            .collect();
        *self.names.entry(seq_key(lowers.iter().copied())) |= bits;
        for k in 1..lowers.len() {
            *self.names.entry(seq_key(lowers[..k].iter().copied())) |= PREFIX;
        }
        for (t, l) in toks.iter().zip(&lowers) {
            let text = t.text(name);
            if text.chars().next().is_some_and(char::is_uppercase) {
                *self.tokens.entry(fold(*l)) |= u16::from(bits);
            }
        }
    }

    /// Add a cue word of a class from [`CUE_CLASSES`].
    pub fn add_cue(&mut self, word: &str, class_bit: u16) {
        let mut buf = String::new();
        *self.tokens.entry(fold(lower_hash(word.trim(), &mut buf))) |= class_bit;
    }

    /// Add the lines of a list file: `TYPE<TAB>entry` (TYPE one of PER, ORG, LOC, MISC or a
    /// cue class), or, when `default` is given, one plain name per line of that type.
    /// Lines starting with `#` are comments.
    pub fn add_list(&mut self, text: &str, default: Option<u8>) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match (default, line.split_once('\t')) {
                (Some(bits), _) => {
                    if let Some(name) = clean_dbpedia(line) {
                        self.add_name(name, bits);
                    }
                }
                (None, Some((kind, entry))) => {
                    let entry = entry.trim();
                    if let Some(bits) = type_bit(kind) {
                        self.add_name(entry, bits);
                    } else if let Some((_, bit)) = CUE_CLASSES.iter().find(|(n, _)| *n == kind) {
                        self.add_cue(entry, *bit);
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// The curated lists alone.
    pub fn curated() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add_list(CURATED, None);
        g
    }

    /// Token bits (`T_*` and cue classes) of one token, by its lower-case hash.
    pub fn token_bits(&self, lower: u64) -> u16 {
        self.tokens.get(fold(lower)).unwrap_or(0)
    }

    /// The names-table value of the one-token sequence `lower` (0 when absent): what
    /// [`Gazetteer::spans_from`] needs to know of each token.
    pub fn first(&self, lower: u64) -> u8 {
        self.names.get(seq_key(std::iter::once(lower))).unwrap_or(0)
    }

    /// Mark the tokens covered by listed names: for each token, bit `4 * type + pos` with
    /// type 0..4 (PER, ORG, LOC, MISC) and pos 0..4 (begin, inside, last, unit), for the
    /// longest listed name starting at every position.
    ///
    /// `lower(i)` is the lower-case hash of token `i` of `n`.
    pub fn spans(&self, n: usize, lower: impl Fn(usize) -> u64, out: &mut Vec<u16>) {
        self.spans_from(n, &lower, |i| self.first(lower(i)), out);
    }

    /// [`Gazetteer::spans`] with each token's [`Gazetteer::first`] value known already.
    pub fn spans_from(
        &self,
        n: usize,
        lower: impl Fn(usize) -> u64,
        first: impl Fn(usize) -> u8,
        out: &mut Vec<u16>,
    ) {
        out.clear();
        out.resize(n, 0);
        if self.names.is_empty() {
            return;
        }
        for i in 0..n {
            let max = MAX_LEN.min(n - i);
            let mut h = SEQ_SEED;
            let mut best = None;
            for len in 1..=max {
                h = hash::mix(h, lower(i + len - 1));
                let v = if len == 1 {
                    first(i)
                } else {
                    self.names.get(fold(hash::finish(h))).unwrap_or(0)
                };
                if v == 0 {
                    break;
                }
                if v & 0x0f != 0 {
                    best = Some((len, u16::from(v & 0x0f)));
                }
                if v & PREFIX == 0 {
                    break;
                }
            }
            let Some((len, bits)) = best else {
                continue;
            };
            for ty in 0..4u16 {
                if bits & (1 << ty) == 0 {
                    continue;
                }
                if len == 1 {
                    out[i] |= 1 << (4 * ty + 3);
                } else {
                    out[i] |= 1 << (4 * ty);
                    for o in &mut out[i + 1..i + len - 1] {
                        *o |= 1 << (4 * ty + 1);
                    }
                    out[i + len - 1] |= 1 << (4 * ty + 2);
                }
            }
        }
    }

    /// Number of full names and of tokens with bits.
    pub fn sizes(&self) -> (usize, usize) {
        (self.names.len(), self.tokens.len())
    }

    /// Append the gazetteer to a model file.
    pub fn write(&self, out: &mut Vec<u8>) {
        let names = self.names.sorted();
        out.put_u32(names.len() as u32);
        for (k, v) in names {
            out.put_u32(k);
            out.push(v);
        }
        let toks = self.tokens.sorted();
        out.put_u32(toks.len() as u32);
        for (k, v) in toks {
            out.put_u32(k);
            out.put_u16(v);
        }
    }

    /// Read a gazetteer written by [`Gazetteer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Gazetteer, ModelError> {
        let n = r.u32()? as usize;
        let mut names = KeyMap::with_capacity(n);
        for _ in 0..n {
            let k = r.u32()?;
            *names.entry(k) = r.u8()?;
        }
        let n = r.u32()? as usize;
        let mut tokens = KeyMap::with_capacity(n);
        for _ in 0..n {
            let k = r.u32()?;
            *tokens.entry(k) = r.u16()?;
        }
        Ok(Gazetteer { names, tokens })
    }
}

/// Clean one line of a DBpedia name list: drop the parenthesised qualifier and anything after
/// a comma, and skip entries that are unlikely to be written as-is in news (digits, odd
/// characters, lower-case starts, very long names).
pub fn clean_dbpedia(line: &str) -> Option<&str> {
    let mut name = line;
    if let Some(p) = name.find(['(', ',']) {
        name = &name[..p];
    }
    let name = name.trim();
    if name.chars().count() < 2 || name.split_whitespace().count() > 4 {
        return None;
    }
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if name
        .chars()
        .any(|c| c.is_numeric() || c == '\u{FFFD}' || c == '"' || c == ':' || c == '/')
    {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_spans() {
        let mut g = Gazetteer::default();
        g.add_list(
            "LOC\tJakarta\nORG\tBank Indonesia\ntitle\tPresiden\n# comment\n",
            None,
        );
        let mut buf = String::new();
        let words = ["Gubernur", "Bank", "Indonesia", "di", "Jakarta"];
        let lowers: Vec<u64> = words.iter().map(|w| lower_hash(w, &mut buf)).collect();
        let mut out = Vec::new();
        g.spans(lowers.len(), |i| lowers[i], &mut out);
        assert_eq!(out, [0, 1 << 4, 1 << 6, 0, 1 << 11]);
        assert_eq!(g.token_bits(lower_hash("presiden", &mut buf)), 1 << 8);
        assert_eq!(g.token_bits(lower_hash("JAKARTA", &mut buf)), T_LOC);
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Gazetteer::read(&mut Reader::new(&bytes)).expect("round trip");
        assert_eq!(back.sizes(), g.sizes());
    }

    #[test]
    fn dbpedia_cleaning() {
        assert_eq!(
            clean_dbpedia("Budi Santoso (politikus)"),
            Some("Budi Santoso")
        );
        assert_eq!(clean_dbpedia("SDN Duren Sawit 08"), None);
        assert_eq!(clean_dbpedia("de Gaulle"), None);
    }

    #[test]
    fn curated_lists_parse() {
        let g = Gazetteer::curated();
        assert!(g.sizes().0 > 100);
    }
}
