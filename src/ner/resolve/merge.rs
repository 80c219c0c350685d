//! Deciding that two surface forms name one referent: partial names, acronyms, legal
//! affixes; the union-find that groups forms into entities; and [`merge_forms`], which
//! applies those rules to the forms of one article.

use super::Key;
use super::lists::Lists;
use super::words::{is_all_caps, is_capitalised};
use crate::ner::EntityKind;
use std::collections::HashMap;

/// Disjoint sets over `0..n`; a set's representative is its smallest member.
///
/// Resolution groups the forms of one article with it, and the collection's entity index
/// (`corpus::index`) the entities of all articles.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `x`'s set.
    #[inline]
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Whether `items` are not empty and all in one group.
    pub fn one_group(&mut self, items: &[usize]) -> bool {
        let Some((&first, rest)) = items.split_first() else {
            return false;
        };
        let root = self.find(first);
        rest.iter().all(|&x| self.find(x) == root)
    }

    /// Join the sets of `a` and `b`.
    #[inline]
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[rb.max(ra)] = rb.min(ra);
        }
    }
}

/// Whether `short` occurs in `long` as a contiguous run of words.
pub fn contains_run(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Whether `short` is a part of the name `long`: a run of its words, or for a person also
/// its first and last words with middle names left out (`Satria Lubis` of
/// `Satria Mahendra Lubis`).
pub fn part_of(long: &[String], short: &[String], person: bool) -> bool {
    if contains_run(long, short) {
        return true;
    }
    if !person || short.len() < 2 || short.len() >= long.len() {
        return false;
    }
    let same_ends = long.first() == short.first() && long.last() == short.last();
    let mut rest = long.iter();
    same_ends && short.iter().all(|w| rest.any(|l| l == w))
}

/// Whether the one word `nick` blends the openings of the first two or more words of the
/// name `words`, in order, the first opening at least three letters long and the others
/// at least two: `Jokowi` blends `Joko Widodo`. Case is ignored.
pub fn blends(nick: &str, words: &[String]) -> bool {
    fn from(nick: &[char], words: &[String], used: usize) -> bool {
        if nick.is_empty() {
            return used >= 2;
        }
        let Some((word, rest)) = words.split_first() else {
            return false;
        };
        let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        let least = if used == 0 { 3 } else { 2 };
        (least..=word.len().min(nick.len()))
            .rev()
            .any(|l| word[..l] == nick[..l] && from(&nick[l..], rest, used + 1))
    }
    let nick: Vec<char> = nick.chars().flat_map(char::to_lowercase).collect();
    nick.len() >= 5 && words.len() >= 2 && from(&nick, words, 0)
}

/// Words that may be skipped when spelling an acronym (`Badan Pengawas Obat dan Makanan`).
const SKIPPABLE: &[&str] = &[
    "dan", "di", "ke", "untuk", "dari", "yang", "of", "for", "the", "and", "&", "de", "la", "del",
    "der", "on", "in",
];

/// Words that are a company's legal form, not its name (`PT`, `Tbk`, `Inc`).
const LEGAL_FORMS: &[&str] = &[
    "pt",
    "tbk",
    "persero",
    "cv",
    "inc",
    "ltd",
    "corp",
    "corporation",
    "co",
    "plc",
    "llc",
    "ag",
    "gmbh",
    "sa",
    "nv",
    "bv",
    "group",
];

/// Whether `acronym` spells `long`: every word of `long` gives a non-empty prefix of itself
/// (function words may give nothing), in order, and together they make the acronym, case
/// ignored. `BPS` spells `Badan Pusat Statistik`, `Kemenkeu` spells `Kementerian Keuangan`,
/// `PBB` spells `Perserikatan Bangsa-Bangsa`.
pub fn spells(acronym: &str, long: &str) -> bool {
    let acr: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<Vec<char>> = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    if acr.len() < 2 || words.len() < 2 || words.len() > 12 {
        return false;
    }
    spell_from(&acr, &words)
}

fn spell_from(acr: &[char], words: &[Vec<char>]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return acr.is_empty();
    };
    let text: String = word.iter().collect();
    if SKIPPABLE.contains(&text.as_str()) && spell_from(acr, rest) {
        return true;
    }
    let most = word.len().min(acr.len());
    (1..=most)
        .rev()
        .any(|l| word[..l] == acr[..l] && spell_from(&acr[l..], rest))
}

/// `long` without its legal forms (`PT Pertamina (Persero)` → `pertamina`), when it had any.
pub fn without_legal_forms(words: &[String]) -> Option<Vec<String>> {
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
        .cloned()
        .collect();
    (kept.len() < words.len() && !kept.is_empty()).then_some(kept)
}

/// Join the forms of one article that name one referent: partial names, acronyms,
/// shortened organization names (the rules of step 6 in [`super`]).
pub(super) fn merge_forms(keys: &[Key], uf: &mut UnionFind) {
    let live = |k: usize| !keys[k].dropped && keys[k].kind.is_some();
    let is = |k: usize, kind: EntityKind| keys[k].kind == Some(kind);
    // Index multi-word forms by word.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        if live(k) && key.words.len() >= 2 {
            for w in &key.words {
                let list = by_word.entry(w.as_str()).or_default();
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..keys.len()).filter(|&k| live(k)).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(keys[k].words.len()));
    for &k in &order {
        let key = &keys[k];
        let first = key.words[0].as_str();
        let containing: Vec<usize> = by_word
            .get(first)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| f != k && keys[f].words.len() > key.words.len())
            .filter(|&f| part_of(&keys[f].words, &key.words, is(f, EntityKind::Person)))
            .collect();
        // People: a part of exactly one full name.
        let short_form = key.words.len() == 1
            && !key.listed
            && !is_all_caps(&key.surface)
            && !is(k, EntityKind::Person);
        let person_like = is(k, EntityKind::Person) || short_form || key.votes[0] > 0;
        if person_like {
            let full: Vec<usize> = containing
                .iter()
                .copied()
                .filter(|&f| is(f, EntityKind::Person))
                .collect();
            if let Some(target) = unique_maximal(keys, uf, &full) {
                uf.union(k, target);
                continue;
            }
            // A single word taken for a person that no person's name holds but that opens
            // exactly one organization's name is that organization (`Menatep` after
            // `Menatep Group`).
            if full.is_empty() && is(k, EntityKind::Person) && key.words.len() == 1 && !key.listed {
                let opened: Vec<usize> = containing
                    .iter()
                    .copied()
                    .filter(|&f| is(f, EntityKind::Organization))
                    .filter(|&f| keys[f].words.starts_with(&key.words))
                    .collect();
                if let Some(target) = unique_maximal(keys, uf, &opened) {
                    uf.union(k, target);
                    continue;
                }
            }
        }
        // Organizations: the opening words of exactly one longer name, its last word when
        // that is a name and not an acronym (`United` of `Manchester United`), or the name
        // without its legal forms.
        if is(k, EntityKind::Organization) {
            let single_name = key.words.len() == 1 && !is_all_caps(&key.surface) && !key.listed;
            let longer: Vec<usize> = containing
                .iter()
                .copied()
                .filter(|&f| is(f, EntityKind::Organization))
                .filter(|&f| {
                    let long = &keys[f].words;
                    key.words.len() >= 2 && long.starts_with(&key.words)
                        || single_name && long.ends_with(&key.words)
                        || without_legal_forms(long).as_ref() == Some(&key.words)
                })
                .collect();
            if let Some(target) = unique_maximal(keys, uf, &longer) {
                uf.union(k, target);
                continue;
            }
        }
    }
    // A longer name written as one word (`TimeWarner` for `Time Warner`).
    let mut joined: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        if live(k) && key.words.len() >= 2 {
            joined.entry(key.words.concat()).or_default().push(k);
        }
    }
    for (k, key) in keys.iter().enumerate() {
        if !live(k) || key.words.len() != 1 {
            continue;
        }
        if let Some(&[target]) = joined.get(&key.words[0]).map(Vec::as_slice) {
            uf.union(k, target);
        }
    }
    // Acronyms: a one-word form spelling exactly one longer organization or place.
    let mut by_initial: HashMap<char, Vec<usize>> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        if live(k)
            && key.words.len() >= 2
            && !is(k, EntityKind::Person)
            && let Some(c) = key.surface.chars().next()
        {
            by_initial
                .entry(c.to_ascii_lowercase())
                .or_default()
                .push(k);
        }
    }
    for k in 0..keys.len() {
        let key = &keys[k];
        let capitals = key.surface.chars().filter(|c| c.is_uppercase()).count();
        let acronym_like = key.words.len() == 1
            && is_capitalised(&key.surface)
            && (capitals >= 2 || is(k, EntityKind::Organization));
        if !live(k) || !acronym_like || is(k, EntityKind::Person) {
            continue;
        }
        let Some(c) = key.surface.chars().next() else {
            continue;
        };
        let spelled: Vec<usize> = by_initial
            .get(&c.to_ascii_lowercase())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| spells(&key.surface, &keys[f].surface))
            .filter(|&f| is_all_caps(&key.surface) || !holds_place(&keys[f].surface))
            .collect();
        let mut roots: Vec<usize> = spelled.iter().map(|&f| uf.find(f)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [_] = roots.as_slice() {
            uf.union(k, spelled[0]);
        }
    }
    // Nicknames: a one-word person blending the openings of exactly one person's full
    // name (`Jokowi` of `Joko Widodo`).
    for k in 0..keys.len() {
        let key = &keys[k];
        if !live(k)
            || !is(k, EntityKind::Person)
            || key.words.len() != 1
            || is_all_caps(&key.surface)
        {
            continue;
        }
        let blended: Vec<usize> = (0..keys.len())
            .filter(|&f| live(f) && is(f, EntityKind::Person) && keys[f].words.len() >= 2)
            .filter(|&f| blends(&key.words[0], &keys[f].words))
            .collect();
        let mut roots: Vec<usize> = blended.iter().map(|&f| uf.find(f)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [_] = roots.as_slice() {
            uf.union(k, blended[0]);
        }
    }
}

/// Whether a name holds a listed place word (`Polda Riau`): an acronym written in mixed
/// case (`Polri`) is not taken to spell it, since syllable acronyms match such names by
/// chance.
fn holds_place(name: &str) -> bool {
    let places = &Lists::get().places;
    name.split(' ').any(|w| places.contains(w))
}

/// The one form among `forms` not contained in another of them (counting forms already
/// merged as one); `None` when there are none or several.
fn unique_maximal(keys: &[Key], uf: &mut UnionFind, forms: &[usize]) -> Option<usize> {
    let maximal: Vec<usize> = forms
        .iter()
        .copied()
        .filter(|&f| {
            !forms.iter().any(|&g| {
                g != f
                    && keys[g].words.len() > keys[f].words.len()
                    && part_of(&keys[g].words, &keys[f].words, true)
            })
        })
        .collect();
    if uf.one_group(&maximal) {
        maximal.first().copied()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn acronyms_spell_their_long_forms() {
        assert!(spells("BPS", "Badan Pusat Statistik"));
        assert!(spells("KPK", "Komisi Pemberantasan Korupsi"));
        assert!(spells("PBB", "Perserikatan Bangsa-Bangsa"));
        assert!(spells("Kemenkeu", "Kementerian Keuangan"));
        assert!(spells("Basarnas", "Badan SAR Nasional"));
        assert!(spells("NATO", "North Atlantic Treaty Organization"));
        assert!(spells("BPOM", "Badan Pengawas Obat dan Makanan"));
        assert!(spells("AS", "Amerika Serikat"));
        assert!(!spells("BPS", "Badan Pengawas Pemilu"));
        assert!(!spells("KPU", "Komisi Pemberantasan Korupsi"));
        assert!(!spells("B", "Badan Pusat"));
        assert!(!spells("Pertamina", "Pertamina Hulu Energi"));
    }

    #[test]
    fn runs_and_legal_forms() {
        assert!(contains_run(&w("lloyd austin"), &w("austin")));
        assert!(contains_run(&w("kim jong un"), &w("kim")));
        assert!(!contains_run(&w("lloyd austin"), &w("austin lloyd")));
        assert!(part_of(
            &w("satria mahendra lubis"),
            &w("satria lubis"),
            true
        ));
        assert!(!part_of(
            &w("satria mahendra lubis"),
            &w("satria lubis"),
            false
        ));
        assert!(!part_of(
            &w("satria mahendra lubis"),
            &w("mahendra satria"),
            true
        ));
        assert!(!part_of(&w("ani budi sari"), &w("ani rina sari"), true));
        assert_eq!(
            without_legal_forms(&w("pt pertamina persero")),
            Some(w("pertamina"))
        );
        assert_eq!(without_legal_forms(&w("pertamina")), None);
    }

    #[test]
    fn union_find_joins() {
        let mut uf = UnionFind::new(4);
        uf.union(3, 1);
        uf.union(1, 2);
        assert_eq!(uf.find(2), uf.find(3));
        assert_ne!(uf.find(0), uf.find(3));
    }
}
