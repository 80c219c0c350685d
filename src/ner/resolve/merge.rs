//! Deciding that two surface forms name one referent: partial names, acronyms, legal
//! affixes; and the union-find that groups forms into entities.

/// Disjoint sets over `0..n`.
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
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join the sets of `a` and `b`.
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
