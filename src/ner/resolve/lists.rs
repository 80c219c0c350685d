//! The curated word lists resolution relies on, embedded from `assets/wordlists/`.
//!
//! Each list is a [`WordList`] (phrases matched after folding; see
//! [`crate::text::wordlist`]). The place list is shared with the loaders' dateline parser
//! ([`crate::text::wordlist::places`]); the others are parsed here, once per process.

pub use crate::text::wordlist::{WordKey, WordList, Words, fold_lookup};

use std::sync::OnceLock;

/// Every list resolution uses.
#[derive(Debug)]
pub struct Lists {
    /// Countries, provinces, cities, regions.
    pub places: &'static WordList,
    /// Well-known organizations.
    pub organizations: WordList,
    /// Words that make an organization of the place after them.
    pub org_heads: WordList,
    /// Words that make a name of two words or more an organization.
    pub org_words: WordList,
    /// Words for kinds of organization that introduce a name (`firm`, `carmaker`).
    pub org_descriptors: WordList,
    /// Titles and offices that open a role.
    pub titles: WordList,
    /// Words that continue a role.
    pub role_words: WordList,
    /// Words that may open a role before its title (`mantan`, `former`).
    pub role_modifiers: WordList,
    /// Honorifics before a name.
    pub honorifics: WordList,
    /// Degrees after a name.
    pub degrees: WordList,
    /// Capitalised words that are not names.
    pub non_names: WordList,
    /// Nouns that are no name alone but may open one.
    pub generic_nouns: WordList,
    /// Agencies and photo libraries seen in credits.
    pub credits: WordList,
    /// Places that also name sports clubs.
    pub clubs: WordList,
    /// Lowercase words that mark an article about sport.
    pub sport_words: WordList,
}

impl Lists {
    /// The lists, parsed on first use.
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(|| Lists {
            places: crate::text::wordlist::places(),
            organizations: WordList::parse(include_str!(
                "../../../assets/wordlists/organizations.txt"
            )),
            org_heads: WordList::parse(include_str!("../../../assets/wordlists/org-heads.txt")),
            org_words: WordList::parse(include_str!("../../../assets/wordlists/org-words.txt")),
            org_descriptors: WordList::parse(include_str!(
                "../../../assets/wordlists/org-descriptors.txt"
            )),
            titles: WordList::parse(include_str!("../../../assets/wordlists/titles.txt")),
            role_words: WordList::parse(include_str!("../../../assets/wordlists/role-words.txt")),
            role_modifiers: WordList::parse(include_str!(
                "../../../assets/wordlists/role-modifiers.txt"
            )),
            honorifics: WordList::parse(include_str!("../../../assets/wordlists/honorifics.txt")),
            degrees: WordList::parse(include_str!("../../../assets/wordlists/degrees.txt")),
            non_names: WordList::parse(include_str!("../../../assets/wordlists/non-names.txt")),
            generic_nouns: WordList::parse(include_str!(
                "../../../assets/wordlists/generic-nouns.txt"
            )),
            credits: WordList::parse(include_str!("../../../assets/wordlists/credits.txt")),
            clubs: WordList::parse(include_str!("../../../assets/wordlists/clubs.txt")),
            sport_words: WordList::parse(include_str!("../../../assets/wordlists/sport-words.txt")),
        })
    }

    /// Whether a word or phrase belongs to a role (title, continuation or modifier).
    pub fn is_role_word(&self, text: &str) -> bool {
        self.titles.contains(text)
            || self.role_words.contains(text)
            || self.role_modifiers.contains(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_load_and_know_the_basics() {
        let lists = Lists::get();
        for place in [
            "Korea Selatan",
            "Riau",
            "AS",
            "U.S.",
            "Seoul",
            "Asia Pasifik",
            "Itaewon",
        ] {
            assert!(lists.places.contains(place), "{place}");
        }
        for org in ["NATO", "KPK", "BPS", "Polri", "TNI", "DPR", "Pertamina"] {
            assert!(lists.organizations.contains(org), "{org}");
        }
        for word in ["Senin", "Berbicara", "Pada", "Infografis", "Dok", "POPULER"] {
            assert!(lists.non_names.contains(word), "{word}");
        }
        assert!(lists.titles.contains("Sekjen"));
        assert!(lists.titles.contains("Kapolri"));
        assert!(lists.honorifics.contains("Dr."));
        assert!(lists.degrees.contains("S.H."));
        assert!(!lists.places.contains("As"));
    }
}
