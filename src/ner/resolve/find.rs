//! Finding an article's own forms again in its text: a leftmost-longest search for the
//! few dozen forms of one article.
//!
//! Building a general multi-pattern automaton costs more than searching one article with
//! it, so the forms are indexed by their first byte and tried, longest first, wherever the
//! text holds such a byte. Matches are those of a leftmost-longest, non-overlapping scan:
//! the earliest start wins, then the longest form starting there, and the search resumes
//! after the match.

/// A set of forms to find.
pub struct Forms<'p> {
    forms: Vec<&'p str>,
    /// Form indices ordered by first byte, then longest first.
    order: Vec<u32>,
    /// `order[offs[b]..offs[b + 1]]`: the forms starting with byte `b`.
    offs: [u32; 257],
}

/// One occurrence of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the form in the list given to [`Forms::new`].
    pub form: usize,
}

impl<'p> Forms<'p> {
    /// Index non-empty, distinct forms.
    pub fn new(forms: Vec<&'p str>) -> Forms<'p> {
        let mut order: Vec<u32> = (0..forms.len() as u32)
            .filter(|&i| !forms[i as usize].is_empty())
            .collect();
        order.sort_by_key(|&i| {
            let f = forms[i as usize].as_bytes();
            (f[0], std::cmp::Reverse(f.len()), i)
        });
        let mut offs = [0u32; 257];
        for &i in &order {
            offs[usize::from(forms[i as usize].as_bytes()[0]) + 1] += 1;
        }
        for b in 0..256 {
            offs[b + 1] += offs[b];
        }
        Forms { forms, order, offs }
    }

    /// Every leftmost-longest, non-overlapping occurrence in `text`, in order.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        let hay = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < hay.len() {
                let b = usize::from(hay[at]);
                let (lo, hi) = (self.offs[b] as usize, self.offs[b + 1] as usize);
                if lo < hi {
                    let rest = &hay[at..];
                    for &i in &self.order[lo..hi] {
                        let form = self.forms[i as usize].as_bytes();
                        if rest.starts_with(form) {
                            let found = Found {
                                start: at,
                                end: at + form.len(),
                                form: i as usize,
                            };
                            at = found.end;
                            return Some(found);
                        }
                    }
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(forms: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        Forms::new(forms.to_vec())
            .find_iter(text)
            .map(|f| (f.start, f.end, f.form))
            .collect()
    }

    #[test]
    fn leftmost_then_longest_without_overlaps() {
        let forms = ["Ann", "Anna", "nna Lee", "Lee"];
        // `Anna` starts first and is longer than `Ann`; `nna Lee` overlaps it and is skipped.
        assert_eq!(spans(&forms, "Anna Lee"), [(0, 4, 1), (5, 8, 3)]);
        assert_eq!(spans(&forms, "xAnn Lee"), [(1, 4, 0), (5, 8, 3)]);
        assert_eq!(spans(&forms, "no match"), []);
        assert_eq!(spans(&[], "Anna"), []);
    }

    #[test]
    fn multibyte_text_and_forms() {
        let forms = ["Ömer", "Ö"];
        let text = "Ömer and Öz, Ömer";
        let found = spans(&forms, text);
        let words: Vec<&str> = found.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(words, ["Ömer", "Ö", "Ömer"]);
    }

    proptest::proptest! {
        #[test]
        fn same_matches_as_a_leftmost_longest_automaton(
            forms in proptest::collection::hash_set("[abA ]{1,4}", 0..8),
            text in "[abA Ö]{0,40}",
        ) {
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&forms)
                .expect("small automaton");
            let expected: Vec<(usize, usize, usize)> = ac
                .find_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            proptest::prop_assert_eq!(spans(&forms, &text), expected);
        }
    }
}
