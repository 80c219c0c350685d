//! Indonesian institution names: an institution head, its fields and the place or number
//! that closes the name.
//!
//! The tagger often stops an institution's name at a comma or at `dan`
//! (`Kementerian Energi` for `Kementerian Energi dan Sumber Daya Mineral`) or before the
//! region that ends it (`Dinas Pendidikan` for `Dinas Pendidikan Mataram`). A mention that
//! opens with an institution head grows to the right over:
//! - fields joined by `dan` or by a comma list closed with `dan` (`Pemuda, Olahraga, dan
//!   Pariwisata`), each field a run of capitalised words; a field that opens another
//!   organization (`dan Bank Indonesia`) ends the name instead, two bodies are two names;
//! - a closing place, acronym, number or Roman numeral (`Sumut`, `DPR RI`, `VII`, `8`).
//!
//! A sentence end, a lowercase word or any other punctuation ends the name.

use super::lists::Lists;
use super::words::{Span, is_all_caps, is_capitalised};

/// First words that open an institution's name, beyond the organization heads list.
const HEADS: &[&str] = &[
    "Kementerian",
    "Kemenko",
    "Badan",
    "Dinas",
    "Komisi",
    "Dewan",
    "Direktorat",
    "Ditjen",
    "Pemerintah",
    "Sekretariat",
    "Setda",
    "Biro",
    "Lembaga",
    "Ikatan",
    "Perkumpulan",
    "Majelis",
    "Fraksi",
    "Partai",
    "DPD",
    "DPW",
    "DPC",
    "Pengadilan",
    "Kejaksaan",
    "Universitas",
    "Institut",
    "Politeknik",
    "Yayasan",
];

/// Words that continue a field without being a name of their own (`Bidang`, `Urusan`).
const FIELD_OPENERS: &[&str] = &["Bidang", "Urusan"];

/// Longest acronym accepted as the closing unit of a name (`DPR`, `RI`, `SDABMBK`).
const MAX_ACRONYM: usize = 8;

/// At most this many words are added to one name.
const MAX_ADDED: usize = 10;

/// Whether the name `form` opens with an institution head.
pub fn opens_with_head(lists: &Lists, form: &str) -> bool {
    let words: Vec<&str> = form.split_whitespace().collect();
    starts_with_head(lists, &words)
}

/// Whether `words` open with an institution head (this module's or the heads list's).
fn starts_with_head(lists: &Lists, words: &[&str]) -> bool {
    words.first().is_some_and(|w| HEADS.contains(w)) || lists.org_heads.longest_prefix(words) > 0
}

/// One word after the name, with what stands between it and the previous one.
#[derive(Debug, Clone, Copy)]
struct Next<'t> {
    /// Byte range of the word.
    span: Span,
    word: &'t str,
    /// A comma stands right before the word.
    comma: bool,
}

/// The words after `end`, up to the first punctuation other than a single comma.
fn words_after(text: &str, end: usize) -> Vec<Next<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = end;
    while out.len() < MAX_ADDED * 2 {
        let mut comma = false;
        let mut gap = 0;
        while pos < bytes.len() && matches!(bytes[pos], b' ' | b',') {
            if bytes[pos] == b',' {
                if comma {
                    return out;
                }
                comma = true;
            }
            gap += 1;
            pos += 1;
        }
        if gap == 0 && pos != end || pos >= bytes.len() {
            break;
        }
        let start = pos;
        while pos < bytes.len()
            && !matches!(
                bytes[pos],
                b' ' | b',' | b'.' | b'\n' | b'(' | b')' | b':' | b';' | b'"'
            )
        {
            pos += 1;
        }
        if pos == start {
            break;
        }
        out.push(Next {
            span: (start, pos),
            word: &text[start..pos],
            comma,
        });
    }
    out
}

/// Whether `word` closes a name: an acronym, a number or a Roman numeral.
fn is_closer(word: &str) -> bool {
    let roman = !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    roman || number || is_all_caps(word) && word.chars().count() <= MAX_ACRONYM
}

/// Whether `word` opens another organization, which a name never swallows.
fn opens_other(lists: &Lists, rest: &[Next<'_>]) -> bool {
    let words: Vec<&str> = rest.iter().take(3).map(|n| n.word).collect();
    starts_with_head(lists, &words)
        || (1..=words.len()).any(|n| lists.organizations.contains(&words[..n].join(" ")))
}

/// The end of the institution name that `span` opens in `text`: `span.1` or further right.
pub fn extend(lists: &Lists, text: &str, span: Span) -> usize {
    let form = &text[span.0..span.1];
    if !opens_with_head(lists, form) {
        return span.1;
    }
    let next = words_after(text, span.1);
    let mut end = span.1;
    let mut i = 0;
    while i < next.len() && i < MAX_ADDED {
        let n = next[i];
        if n.word == "dan" && !n.comma {
            match dan_field(lists, &next[i..]) {
                Some(used) => {
                    i += used;
                    end = next[i - 1].span.1;
                }
                None => break,
            }
        } else if n.comma {
            // `, A, B, dan C`: a list of fields closed by `dan`.
            match comma_list(lists, &next[i..]) {
                Some(used) => {
                    i += used;
                    end = next[i - 1].span.1;
                }
                None => break,
            }
        } else if let Some(len) = closer_len(lists, &next[i..]) {
            i += len;
            end = next[i - 1].span.1;
        } else if FIELD_OPENERS.contains(&n.word) {
            let field = capital_run(&next[i + 1..]);
            if field == 0 {
                break;
            }
            i += 1 + field;
            end = next[i - 1].span.1;
        } else {
            break;
        }
    }
    end
}

/// How many words of `rest` (from its start) close the name: a known place, else one
/// acronym, number or Roman numeral that is not a title (`AKP`); `None` when none does.
fn closer_len(lists: &Lists, rest: &[Next<'_>]) -> Option<usize> {
    let place = place_len(lists, rest);
    if place > 0 {
        return Some(place);
    }
    let word = rest.first()?.word;
    (is_closer(word) && !lists.titles.contains(word)).then_some(1)
}

/// The words `dan` and the field after it use (`dan Sumber Daya Mineral`), when
/// `rest` opens with `dan` and a field that is not another organization.
fn dan_field(lists: &Lists, rest: &[Next<'_>]) -> Option<usize> {
    let field = capital_run(rest.get(1..)?);
    (field > 0 && !opens_other(lists, &rest[1..])).then_some(1 + field)
}

/// How many words of `rest` (from its start) form a known place, without a comma between.
fn place_len(lists: &Lists, rest: &[Next<'_>]) -> usize {
    let mut best = 0;
    for n in 1..=rest.len().min(3) {
        if rest[1..n].iter().any(|w| w.comma) {
            break;
        }
        let words: Vec<&str> = rest[..n].iter().map(|w| w.word).collect();
        if lists.places.contains(&words.join(" ")) {
            best = n;
        }
    }
    best
}

/// How many capitalised words open `rest` with no comma between them.
fn capital_run(rest: &[Next<'_>]) -> usize {
    rest.iter()
        .enumerate()
        .take_while(|(k, n)| is_capitalised(n.word) && (*k == 0 || !n.comma))
        .count()
}

/// The words a comma list of fields uses (`, Olahraga, dan Pariwisata`), when it is closed
/// by `dan` and a field; `None` when the comma ends the name.
fn comma_list(lists: &Lists, rest: &[Next<'_>]) -> Option<usize> {
    let mut i = 0;
    loop {
        let n = rest.get(i)?;
        if n.word == "dan" {
            return dan_field(lists, &rest[i..]).map(|used| i + used);
        }
        if !n.comma {
            return None;
        }
        let field = capital_run(&rest[i..]);
        if field == 0 || opens_other(lists, &rest[i..]) {
            return None;
        }
        i += field;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grow(text: &str, name: &str) -> String {
        let start = text.find(name).unwrap_or(0);
        let end = extend(Lists::get(), text, (start, start + name.len()));
        text[start..end].to_string()
    }

    #[test]
    fn fields_joined_by_dan_belong_to_the_name() {
        let t = "Rapat digelar oleh Kementerian Energi dan Sumber Daya Mineral kemarin.";
        assert_eq!(
            grow(t, "Kementerian Energi"),
            "Kementerian Energi dan Sumber Daya Mineral"
        );
    }

    #[test]
    fn a_comma_list_closed_by_dan_and_a_place_belongs_to_the_name() {
        let t = "Kepala Dinas Pemuda, Olahraga, dan Pariwisata Sleman hadir.";
        assert_eq!(
            grow(t, "Dinas Pemuda"),
            "Dinas Pemuda, Olahraga, dan Pariwisata Sleman"
        );
    }

    #[test]
    fn a_closing_place_number_or_acronym_belongs_to_the_name() {
        let t = "Surat itu dikirim Dinas Pendidikan Mataram pekan lalu.";
        assert_eq!(grow(t, "Dinas Pendidikan"), "Dinas Pendidikan Mataram");
        let t = "Anggota Komisi VII DPR RI menolak usul itu.";
        assert_eq!(grow(t, "Komisi"), "Komisi VII DPR RI");
    }

    #[test]
    fn a_rank_after_the_name_is_no_part_of_it() {
        let t = "Kasat Reskrim Polres Bogor AKP Rizka Fadhila menjelaskan.";
        assert_eq!(grow(t, "Polres Bogor"), "Polres Bogor");
    }

    #[test]
    fn a_second_body_after_dan_is_a_name_of_its_own() {
        let t = "Kementerian Keuangan dan Bank Indonesia sepakat.";
        assert_eq!(grow(t, "Kementerian Keuangan"), "Kementerian Keuangan");
        let t = "Badan Pangan, Kementerian Pertanian, dan Bulog bertemu.";
        assert_eq!(grow(t, "Badan Pangan"), "Badan Pangan");
    }

    #[test]
    fn a_comma_without_dan_a_sentence_end_or_a_lowercase_word_ends_the_name() {
        let t = "Dinas Sosial, Ahmad Yani mengatakan hal itu.";
        assert_eq!(grow(t, "Dinas Sosial"), "Dinas Sosial");
        let t = "Ia bekerja di Dinas Sosial. Mataram sedang hujan.";
        assert_eq!(grow(t, "Dinas Sosial"), "Dinas Sosial");
        let t = "Kementerian Agama menyatakan bahwa Aceh siap.";
        assert_eq!(grow(t, "Kementerian Agama"), "Kementerian Agama");
    }

    #[test]
    fn names_without_an_institution_head_do_not_grow() {
        let t = "Joko Widodo dan Iriana tiba di Solo.";
        assert_eq!(grow(t, "Joko Widodo"), "Joko Widodo");
    }
}
