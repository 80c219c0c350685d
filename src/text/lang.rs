//! The languages warta knows ([`Lang`]) and the language guess from function words.
//!
//! The loaders fill in an article's language with [`guess`] when its file does not declare
//! one, and the entity engine picks its model by it. [`guess`] counts the frequent
//! grammatical words of Indonesian and English in the text; the language with more hits
//! wins, English on a tie (and for every other language, whose names and capitalisation
//! the English rules handle best).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// A language the engine has a model for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Indonesian.
    Id,
    /// English (also the fallback for other languages).
    En,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parse an ISO code (`id`, `in`, `en`, `en-US`...); other languages give `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        match lower.split(['-', '_']).next().unwrap_or("") {
            "id" | "in" | "ind" => Some(Lang::Id),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Frequent Indonesian function words (lower case).
const ID_WORDS: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak", "dalam",
    "akan", "juga", "adalah", "oleh", "karena", "telah", "sudah", "bahwa", "saat", "kata", "para",
    "ada", "atau", "bisa", "mereka", "kami", "kita", "tersebut", "sebagai", "namun", "menjadi",
    "lebih", "secara", "masih", "hingga", "tak", "belum", "serta", "jika", "agar", "yakni", "ujar",
    "tahun", "sejak", "antara", "bagi", "tetapi", "sangat", "dia", "ia", "saya",
];

/// Frequent English function words (lower case).
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "at",
    "by", "from", "he", "she", "said", "his", "her", "are", "were", "be", "has", "have", "an",
    "this", "which", "not", "but", "they", "had", "will", "would", "been", "their", "its", "who",
    "after", "than", "there", "also", "into", "about", "more", "we", "or", "when",
];

/// A lower-cased ASCII word of at most 8 bytes as one integer (`None` for other words, none
/// of which is listed).
fn pack(word: &[u8]) -> Option<u64> {
    if word.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut b = [0u8; 8];
    b[..word.len()].copy_from_slice(word);
    b.make_ascii_lowercase();
    Some(u64::from_le_bytes(b))
}

/// Every listed word, packed, sorted, with bit 0 for Indonesian and bit 1 for English.
fn table() -> &'static [(u64, u8)] {
    static TABLE: OnceLock<Vec<(u64, u8)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(u64, u8)> = Vec::new();
        for (list, bit) in [(ID_WORDS, 1u8), (EN_WORDS, 2u8)] {
            for w in list {
                let Some(k) = pack(w.as_bytes()) else {
                    continue;
                };
                match t.iter_mut().find(|e| e.0 == k) {
                    Some(e) => e.1 |= bit,
                    None => t.push((k, bit)),
                }
            }
        }
        t.sort_unstable();
        t
    })
}

/// Guess whether a text is Indonesian or English (English for anything else).
pub fn guess(text: &str) -> Lang {
    let (mut id, mut en) = (0usize, 0usize);
    let table = table();
    let mut buf = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 10)
    {
        let key = if word.is_ascii() {
            pack(word.as_bytes())
        } else {
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            pack(buf.as_bytes())
        };
        let Some(key) = key else {
            continue;
        };
        if let Ok(i) = table.binary_search_by_key(&key, |e| e.0) {
            id += usize::from(table[i].1 & 1);
            en += usize::from(table[i].1 >> 1);
        }
    }
    if id > en { Lang::Id } else { Lang::En }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english() {
        assert_eq!(
            guess("Menteri itu mengatakan bahwa harga beras akan turun pada bulan depan."),
            Lang::Id
        );
        assert_eq!(
            guess("Gubernur datang ke pasar dan berbicara dengan para pedagang di sana."),
            Lang::Id
        );
        assert_eq!(
            guess("The minister said that rice prices would fall in the coming month."),
            Lang::En
        );
        assert_eq!(
            guess("He told reporters it was too early to say."),
            Lang::En
        );
    }

    #[test]
    fn fallback_is_english() {
        assert_eq!(guess(""), Lang::En);
        assert_eq!(guess("Der Minister sagte gestern etwas"), Lang::En);
    }
}
