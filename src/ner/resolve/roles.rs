//! Names and roles: which words of a mention are the name, and which words around it are
//! the person's role.
//!
//! A role is a run of title words (`Presiden`, `Sekjen`, `Secretary`) and what continues
//! them (offices, places, organizations, capitalised words) right before a name
//! (`Sekjen NATO Jens Stoltenberg`, `U.S. Defense Secretary Lloyd Austin`), or an apposition
//! right after it (`Lloyd Austin, the U.S. defense secretary,`). Honorifics (`Pak`, `Dr.`)
//! and degrees (`S.H.`) are stripped from names and belong to no role.

use super::lists::{Lists, WordKey, WordList, Words};
use super::words::{
    Span, is_all_caps, is_capitalised, opens_sentence, pieces, window_end, window_start,
};
use crate::ner::Lang;

/// What a word (or phrase) of a role window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// An office or title: opens a role.
    Title,
    /// `mantan`, `former`: may come before a title.
    Modifier,
    /// A word continuing a role (`Pertahanan`, `Defense`).
    RoleWord,
    /// A known place.
    Place,
    /// A known organization.
    Org,
    /// Any other capitalised word (an organization's name inside a role).
    Capital,
    /// `of`, `for`, `the`: only inside a role.
    Connector,
}

/// A classified word or phrase.
#[derive(Debug, Clone, Copy)]
struct Unit {
    span: Span,
    class: Class,
    caps: bool,
}

/// Words allowed inside a role between other role words.
const CONNECTORS: &[&str] = &["of", "for", "the", "on", "&"];

/// Words opening an apposition before its role (`, the defense secretary`).
const DETERMINERS: &[&str] = &["the", "a", "an", "sang", "selaku", "yakni", "yaitu"];

/// The longest list entry ending at (`suffix`) or starting at the edge of `words`, with its
/// class: titles win ties, then modifiers, places, organizations and role words.
fn classify(lists: &Lists, words: Words<'_>, suffix: bool) -> (usize, Class) {
    let order: [(&WordList, Class); 5] = [
        (&lists.titles, Class::Title),
        (&lists.role_modifiers, Class::Modifier),
        (lists.places, Class::Place),
        (&lists.organizations, Class::Org),
        (&lists.role_words, Class::RoleWord),
    ];
    let mut best = (0, Class::Capital);
    for (list, class) in order {
        let n = if suffix {
            list.longest_suffix_of(words)
        } else {
            list.longest_prefix_of(words)
        };
        if n > best.0 {
            best = (n, class);
        }
    }
    best
}

/// Split words into classified units from right to left; stops at the first word that
/// cannot be part of a role. Units come back in text order.
fn units(text: &str, words: &[Span]) -> Vec<Unit> {
    let lists = Lists::get();
    let texts: Vec<&str> = words.iter().map(|&(s, e)| &text[s..e]).collect();
    let keys = WordKey::all(&texts);
    let all = Words::new(&texts, &keys);
    let mut out = Vec::new();
    let mut j = texts.len();
    while j > 0 {
        let (n, class) = classify(lists, all.range(0..j), true);
        let (n, class) = if n > 0 {
            (n, class)
        } else {
            let w = texts[j - 1];
            if CONNECTORS.contains(&w) {
                (1, Class::Connector)
            } else if is_capitalised(w) {
                (1, Class::Capital)
            } else {
                break;
            }
        };
        let span = (words[j - n].0, words[j - 1].1);
        let caps = texts[j - n..j].iter().all(|w| is_all_caps(w));
        out.push(Unit { span, class, caps });
        j -= n;
    }
    out.reverse();
    out
}

/// The role written right before a name starting at `name_start`, as a span of `text`.
///
/// `blocked` says whether a byte offset lies in another person's mention: a role never
/// runs across another name.
pub fn role_before(
    text: &str,
    name_start: usize,
    lang: Lang,
    blocked: &dyn Fn(usize) -> bool,
) -> Option<Span> {
    const WINDOW: usize = 10;
    let from = window_start(text, name_start);
    let mut words = Vec::new();
    for piece in pieces(text, from, name_start).rev().take(WINDOW) {
        if piece.stop_after || piece.word.0 == piece.word.1 || blocked(piece.word.0) {
            break;
        }
        words.push(piece.word);
        if piece.stop_before {
            break;
        }
    }
    words.reverse();
    // An honorific right before the name is the name's, not the role's (`home secretary Mr
    // Davis`).
    let honorifics = &Lists::get().honorifics;
    while words
        .last()
        .is_some_and(|&(s, e)| honorifics.contains(&text[s..e]))
    {
        words.pop();
    }
    let units = units(text, &words);
    // A role never ends in `of`, `for`, `the`: the name completes another phrase (`over the
    // head of Mr Brown`).
    if units.last().is_some_and(|u| u.class == Class::Connector) {
        return None;
    }
    let first_title = units.iter().position(|u| u.class == Class::Title)?;
    let mut start = first_title;
    while start > 0 {
        let u = units[start - 1];
        let extends = match u.class {
            Class::Modifier => true,
            Class::Place | Class::RoleWord | Class::Org => lang == Lang::En,
            Class::Capital => lang == Lang::En && (u.caps || !opens_sentence(text, u.span.0)),
            Class::Title | Class::Connector => false,
        };
        if !extends {
            break;
        }
        start -= 1;
    }
    let last = units.last()?;
    Some((units[start].span.0, last.span.1))
}

/// The role in an apposition right after a name ending at `name_end`
/// (`Lloyd Austin, the U.S. defense secretary,`).
pub fn role_after(text: &str, name_end: usize, blocked: &dyn Fn(usize) -> bool) -> Option<Span> {
    const WINDOW: usize = 10;
    let rest = &text[name_end..];
    let after_comma = rest.trim_start_matches([' ', '\t']).strip_prefix(',')?;
    let from = text.len() - after_comma.len();
    let to = window_end(text, from);
    let mut words = Vec::new();
    let mut closed = false;
    for (i, piece) in pieces(text, from, to).enumerate() {
        if i >= WINDOW || piece.word.0 == piece.word.1 || blocked(piece.word.0) {
            return None;
        }
        if piece.stop_before && i > 0 {
            return None;
        }
        let word = &text[piece.word.0..piece.word.1];
        if !(words.is_empty() && DETERMINERS.contains(&word.to_lowercase().as_str())) {
            words.push(piece.word);
        }
        if piece.stop_after {
            closed = true;
            break;
        }
    }
    if !closed && words.len() >= WINDOW {
        return None;
    }
    let units = units(text, &words);
    // Every word must have been classified, the role must hold a title, and only place,
    // office and organization words may come before the title.
    let covered = units.first().map(|u| u.span.0) == words.first().map(|w| w.0);
    if !covered {
        return None;
    }
    let first_title = units.iter().position(|u| u.class == Class::Title)?;
    let lead_ok = units[..first_title].iter().all(|u| {
        matches!(
            u.class,
            Class::Modifier | Class::Place | Class::RoleWord | Class::Org
        ) || (u.class == Class::Capital && u.caps)
    });
    if !lead_ok {
        return None;
    }
    Some((units.first()?.span.0, units.last()?.span.1))
}

/// Which words of a mention are the name: `Some((first, end))` indices into `words`, after
/// dropping lowercase and non-name words at the edges, leading honorifics and titles (with
/// the office words, places and organizations after a title), trailing degrees, and a
/// trailing title that introduces the next name (`Polda Metro Jaya Kombes` + name). For a
/// `person`, leading places, organizations and acronyms go too while two words stay
/// (`AS Marcus Whitfield`), and in English office words (`Defense Marcus Whitfield`). `None` when nothing of a name is left (`Kapolri`,
/// `Menteri Pertahanan`, `Senin`).
pub fn name_words(text: &str, words: &[Span], person: bool, lang: Lang) -> Option<(usize, usize)> {
    let lists = Lists::get();
    let texts: Vec<&str> = words.iter().map(|&(s, e)| &text[s..e]).collect();
    let keys = WordKey::all(&texts);
    let all = Words::new(&texts, &keys);
    let is_small =
        |w: &str| !is_capitalised(w) && !w.chars().any(|c| c.is_ascii_digit()) || is_contraction(w);
    let (mut i, mut j) = (0, texts.len());
    // Edges: lowercase words, non-names, degrees.
    loop {
        let before = (i, j);
        while i < j && is_small(texts[i]) {
            i += 1;
        }
        while j > i && is_small(texts[j - 1]) {
            j -= 1;
        }
        if i < j {
            let n = lists.non_names.longest_prefix_of(all.range(i..j));
            if n < j - i {
                i += n;
            }
        }
        if i < j {
            let n = lists
                .non_names
                .longest_suffix_of(all.range(i..j))
                .max(lists.degrees.longest_suffix_of(all.range(i..j)));
            if n < j - i {
                j -= n;
            }
        }
        if (i, j) == before {
            break;
        }
    }
    if i >= j {
        return None;
    }
    // Honorifics and titles at the start, with what continues a title.
    let mut after_title = false;
    loop {
        let rest = all.range(i..j);
        let honorific = lists.honorifics.longest_prefix_of(rest);
        if honorific > 0 && honorific < rest.len() {
            i += honorific;
            continue;
        }
        let title = lists
            .titles
            .longest_prefix_of(rest)
            .max(lists.role_modifiers.longest_prefix_of(rest));
        // Outside a person's mention a title is only dropped before a known organization,
        // place or acronym (`Sekjen NATO`), never from a name (`General Motors`).
        let opens_known =
            |w: &str| is_all_caps(w) || lists.organizations.contains(w) || lists.places.contains(w);
        if title > 0 && title < rest.len() && (person || opens_known(texts[i + title])) {
            i += title;
            after_title = true;
            continue;
        }
        if after_title || person {
            let (n, class) = classify(lists, rest, false);
            let n = if n == 0 && is_all_caps(texts[i]) {
                1
            } else {
                n
            };
            let continues = match class {
                Class::Modifier => false,
                Class::RoleWord => after_title || lang == Lang::En,
                _ => n > 0,
            };
            let keep = if after_title { 1 } else { 2 };
            if continues && n + keep <= rest.len() {
                i += n;
                continue;
            }
        }
        break;
    }
    // A title at the end that opens the next name.
    while j - i >= 2 {
        let n = lists.titles.longest_suffix_of(all.range(i..j));
        if n == 0 || n >= j - i || !next_is_capitalised(text, words[j - 1].1) {
            break;
        }
        j -= n;
    }
    // A generic noun alone, or a mention made only of role words, honorifics and non-names,
    // has no name.
    if lists.generic_nouns.contains(&texts[i..j].join(" ")) {
        return None;
    }
    let mut k = i;
    while k < j {
        let rest = all.range(k..j);
        let n = lists
            .titles
            .longest_prefix_of(rest)
            .max(lists.role_words.longest_prefix_of(rest))
            .max(lists.role_modifiers.longest_prefix_of(rest))
            .max(lists.honorifics.longest_prefix_of(rest))
            .max(lists.non_names.longest_prefix_of(rest));
        if n == 0 {
            return Some((i, j));
        }
        k += n;
    }
    None
}

/// `I'm`, `don't`, `We've`: English contractions are never part of a name.
fn is_contraction(word: &str) -> bool {
    const ENDS: [&str; 5] = ["'m", "'ve", "'re", "'ll", "n't"];
    if word.is_ascii() {
        let b = word.as_bytes();
        return ENDS.iter().any(|e| {
            b.len() >= e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        });
    }
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    ENDS.iter().any(|end| lower.ends_with(end))
}

/// Whether the word right after `pos` (spaces only between, after an abbreviation's dot)
/// is capitalised.
fn next_is_capitalised(text: &str, pos: usize) -> bool {
    let rest = text[pos..].strip_prefix('.').unwrap_or(&text[pos..]);
    let trimmed = rest.trim_start_matches([' ', '\t']);
    trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::resolve::words::split_words;

    fn before(text: &str, name: &str, lang: Lang) -> Option<String> {
        let pos = text.find(name)?;
        role_before(text, pos, lang, &|_| false).map(|(s, e)| text[s..e].to_string())
    }

    fn after(text: &str, name: &str) -> Option<String> {
        let pos = text.find(name)? + name.len();
        role_after(text, pos, &|_| false).map(|(s, e)| text[s..e].to_string())
    }

    fn name(text: &str) -> Option<String> {
        name_of(text, text.len(), false)
    }

    fn name_of(text: &str, end: usize, person: bool) -> Option<String> {
        let words = split_words(text, 0, end);
        let (i, j) = name_words(text, &words, person, Lang::En)?;
        Some(text[words[i].0..words[j - 1].1].to_string())
    }

    #[test]
    fn indonesian_roles_before_names() {
        let id = Lang::Id;
        let t = "Kemarin Sekjen PBB Antonio Guterres tiba.";
        assert_eq!(before(t, "Antonio", id).as_deref(), Some("Sekjen PBB"));
        let t = "ujar Menteri Luar Negeri Jepang Yoko Kamikawa";
        assert_eq!(
            before(t, "Yoko", id).as_deref(),
            Some("Menteri Luar Negeri Jepang")
        );
        let t = "Kami bertemu Pemimpin Tertinggi Iran Ali Khamenei";
        assert_eq!(
            before(t, "Ali", id).as_deref(),
            Some("Pemimpin Tertinggi Iran")
        );
        let t = "tetapi Presiden Emmanuel Macron menolak";
        assert_eq!(before(t, "Emmanuel", id).as_deref(), Some("Presiden"));
        let t = "kata mantan Gubernur Jawa Tengah Ganjar Pranowo";
        assert_eq!(
            before(t, "Ganjar", id).as_deref(),
            Some("mantan Gubernur Jawa Tengah")
        );
        let t = "kata juru bicara Kemenlu Rina Sari";
        assert_eq!(
            before(t, "Rina", id).as_deref(),
            Some("juru bicara Kemenlu")
        );
    }

    #[test]
    fn no_role_across_punctuation_or_without_a_title() {
        let id = Lang::Id;
        assert_eq!(before("dari Korea Selatan, Park Jin", "Park", id), None);
        assert_eq!(before("Berbicara di Bandung Rina Sari", "Rina", id), None);
        assert_eq!(before("Rina Sari datang", "Rina", id), None);
        let t = "Presiden Budi Santoso dan Menteri Ani Lestari";
        let blocked_budi = |pos: usize| pos < t.find("dan").unwrap_or(0);
        let pos = t.find("Ani").unwrap_or(0);
        let role = role_before(t, pos, id, &blocked_budi).map(|(s, e)| &t[s..e]);
        assert_eq!(role, Some("Menteri"));
    }

    #[test]
    fn english_roles_before_and_after_names() {
        let en = Lang::En;
        let t = "said U.S. Defense Secretary Lloyd Austin on Monday";
        assert_eq!(
            before(t, "Lloyd", en).as_deref(),
            Some("U.S. Defense Secretary")
        );
        let t = "The former Prime Minister Tony Blair spoke";
        assert_eq!(
            before(t, "Tony", en).as_deref(),
            Some("former Prime Minister")
        );
        let t = "said Microsoft boss Bill Gates";
        assert_eq!(before(t, "Bill", en).as_deref(), Some("Microsoft boss"));
        let t = "Yesterday boss Bill Gates";
        assert_eq!(before(t, "Bill", en).as_deref(), Some("boss"));
        let t = "said shadow home secretary Mr Ronald Pike would speak";
        assert_eq!(before(t, "Ronald", en).as_deref(), Some("home secretary"));
        let t = "a deputy was brought in over the head of Mr Pike to run it";
        assert_eq!(before(t, "Pike", en), None);
        let t = "met Secretary of State Antony Blinken";
        assert_eq!(
            before(t, "Antony", en).as_deref(),
            Some("Secretary of State")
        );
        let t = "Lloyd Austin, the U.S. defense secretary, said";
        assert_eq!(
            after(t, "Lloyd Austin").as_deref(),
            Some("U.S. defense secretary")
        );
        let t = "Park Jin, Menteri Luar Negeri Korea Selatan.";
        assert_eq!(
            after(t, "Park Jin").as_deref(),
            Some("Menteri Luar Negeri Korea Selatan")
        );
        assert_eq!(after("Austin, who spoke first, said", "Austin"), None);
        assert_eq!(after("Rina, Budi dan Ani", "Rina"), None);
    }

    #[test]
    fn names_lose_titles_honorifics_and_degrees() {
        let person = |t: &str| name_of(t, t.len(), true);
        assert_eq!(
            person("Presiden Rusia Boris Yeltsin").as_deref(),
            Some("Boris Yeltsin")
        );
        assert_eq!(
            person("Sekjen NATO Anders Rasmussen").as_deref(),
            Some("Anders Rasmussen")
        );
        assert_eq!(
            person("Menteri Pertahanan AS Mark Esper").as_deref(),
            Some("Mark Esper")
        );
        assert_eq!(person("Pak Budi Santoso").as_deref(), Some("Budi Santoso"));
        assert_eq!(
            person("Prof. Dr. H. Ani Lestari, S.H.").as_deref(),
            Some("Ani Lestari")
        );
        assert_eq!(person("Mr Smith").as_deref(), Some("Smith"));
        assert_eq!(
            name("dari Bank Sentral Eropa").as_deref(),
            Some("Bank Sentral Eropa")
        );
        assert_eq!(name("Dok AFP").as_deref(), Some("AFP"));
        assert_eq!(name("Kepala BPS").as_deref(), Some("BPS"));
        let t = "Polda Metro Jaya Kombes Ade Putra";
        assert_eq!(name_of(t, 23, false).as_deref(), Some("Polda Metro Jaya"));
        let t = "Polda Bali Kombes Pol. Ade Putra";
        assert_eq!(name_of(t, 21, false).as_deref(), Some("Polda Bali"));
        assert_eq!(
            name("Kantor Staf Presiden").as_deref(),
            Some("Kantor Staf Presiden")
        );
        let t = "AS Marcus Whitfield";
        assert_eq!(
            name_of(t, t.len(), true).as_deref(),
            Some("Marcus Whitfield")
        );
        let t = "Defense Marcus Whitfield";
        assert_eq!(
            name_of(t, t.len(), true).as_deref(),
            Some("Marcus Whitfield")
        );
        let words = split_words("Agung Budi Santoso", 0, 18);
        let kept = name_words("Agung Budi Santoso", &words, true, Lang::Id);
        assert_eq!(kept, Some((0, 3)));
        let t = "Washington Irving";
        assert_eq!(
            name_of(t, t.len(), true).as_deref(),
            Some("Washington Irving")
        );
        assert_eq!(name("General Motors").as_deref(), Some("General Motors"));
        assert_eq!(name("Gubernur Riau").as_deref(), Some("Riau"));
        assert_eq!(name("I'm"), None);
        assert_eq!(name("We\u{2019}ve Ken Loach").as_deref(), Some("Ken Loach"));
        assert_eq!(name("Kapolri"), None);
        assert_eq!(name("Menkeu"), None);
        assert_eq!(name("Menteri Pertahanan"), None);
        assert_eq!(name("Senin"), None);
        assert_eq!(
            name("Chey Institute for Advanced Studies").as_deref(),
            Some("Chey Institute for Advanced Studies")
        );
    }
}
