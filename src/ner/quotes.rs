//! Quotes attributed to a person: `"...," kata Stoltenberg`, `"...," Austin said`,
//! `said Austin`, `Stoltenberg mengatakan, "..."`, `according to Austin, ...`.
//!
//! Works on an article's body text and the byte spans of one entity's mentions (from
//! resolution), so a quote is attributed only to a mention the engine resolved.

use serde::Serialize;

/// A quote attributed to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks and trailing comma.
    pub text: String,
    /// Byte span of the quoted words in the body text.
    pub span: (usize, usize),
}

/// Speech verbs that follow a quote and precede the speaker (`kata X`, `said X`), or follow
/// the speaker (`X said`).
const VERBS_AFTER_QUOTE: &[&str] = &[
    "kata",
    "ujar",
    "ucap",
    "ungkap",
    "tegas",
    "jelas",
    "tutur",
    "imbuh",
    "terang",
    "tambah",
    "lanjut",
    "sebut",
    "papar",
    "ujarnya",
    "said",
    "says",
    "told",
    "added",
    "explained",
    "stated",
    "wrote",
    "insisted",
    "noted",
    "warned",
    "asked",
    "replied",
    "according to",
];

/// Verbs that introduce a quote after the speaker (`X mengatakan, "..."`, `X said: "..."`).
const VERBS_BEFORE_QUOTE: &[&str] = &[
    "mengatakan",
    "menyatakan",
    "menegaskan",
    "menjelaskan",
    "mengungkapkan",
    "berkata",
    "menambahkan",
    "menuturkan",
    "said",
    "says",
    "told reporters",
    "added",
    "wrote",
    "stated",
];

const OPEN: &[char] = &['"', '\u{201c}', '\u{201e}', '\u{ab}'];
const CLOSE: &[char] = &['"', '\u{201d}', '\u{bb}'];

/// Find the quotes in `body` attributed to the entity whose mentions are at `spans`.
pub fn quotes_of(body: &str, spans: &[(usize, usize)]) -> Vec<Quote> {
    quoted_passages(body)
        .into_iter()
        .filter(|&(qs, qe)| attributed(body, qs, qe, spans))
        .map(|(qs, qe)| {
            let raw = &body[qs..qe];
            let text = raw
                .trim()
                .trim_end_matches([',', '\u{2026}'])
                .trim_end()
                .to_string();
            Quote {
                text,
                span: (qs, qe),
            }
        })
        .filter(|q| q.text.chars().count() >= 3)
        .collect()
}

/// Byte ranges of the text inside paired quotation marks (at least two words long).
fn quoted_passages(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in body.char_indices() {
        match open {
            None if OPEN.contains(&c) => open = Some(i + c.len_utf8()),
            Some(start) if CLOSE.contains(&c) => {
                if body[start..i].contains(' ') {
                    out.push((start, i));
                }
                open = None;
            }
            Some(_) if c == '\n' && body[..i].ends_with('\n') => open = None,
            _ => {}
        }
    }
    out
}

/// Whether the quote at `qs..qe` is attributed to a mention in `spans`.
fn attributed(body: &str, qs: usize, qe: usize, spans: &[(usize, usize)]) -> bool {
    // After the closing mark: `," kata [Title] NAME`, `," NAME said`, `," said NAME`.
    let close_len = body[qe..].chars().next().map_or(0, char::len_utf8);
    let after_start = qe + close_len;
    let after = window_after(body, after_start, 80);
    let rest = after.trim_start_matches([',', ' ']);
    let rest_at = after_start + (after.len() - rest.len());
    let lower = rest.to_ascii_lowercase();
    for verb in VERBS_AFTER_QUOTE {
        if let Some(tail) = lower.strip_prefix(verb)
            && tail.starts_with([' ', ','])
        {
            // The speaker's mention starts within a few words after the verb.
            let from = rest_at + verb.len();
            if spans.iter().any(|&(s, _)| {
                s >= from && s <= from + 48 && !body[from..s].contains(['.', '"', '\n'])
            }) {
                return true;
            }
        }
    }
    // `," NAME said`, also after a role in lower case: `," chief executive NAME said`.
    let speaker_then_verb = |&&(s, e): &&(usize, usize)| {
        s >= rest_at
            && s <= rest_at + 48
            && body[rest_at..s]
                .chars()
                .all(|c| c.is_lowercase() || c == ' ' || c == '-')
            && {
                let tail = window_after(body, e, 16).to_ascii_lowercase();
                let tail = tail.trim_start();
                VERBS_AFTER_QUOTE.iter().any(|v| {
                    tail.strip_prefix(v)
                        .is_some_and(|t| t.is_empty() || t.starts_with([' ', ',', '.']))
                })
            }
    };
    if spans.iter().any(|span| speaker_then_verb(&span)) {
        return true;
    }
    // Before the opening mark: `NAME said: "`, `NAME mengatakan, "`.
    let open_len = body[..qs].chars().next_back().map_or(0, char::len_utf8);
    let before_end = qs - open_len;
    let before = window_before(body, before_end, 60);
    let before_trim = before.trim_end_matches([' ', ',', ':']);
    let lower = before_trim.to_ascii_lowercase();
    for verb in VERBS_BEFORE_QUOTE {
        if let Some(head) = lower.strip_suffix(verb) {
            let verb_at = before_end - (before.len() - head.len());
            if spans.iter().any(|&(_, e)| {
                e <= verb_at && verb_at - e <= 24 && !body[e..verb_at].contains(['.', '"', '\n'])
            }) {
                return true;
            }
        }
    }
    // `NAME told the meeting on Monday: "` — a colon opens the quote, and the clause
    // before it has the speaker right before a speech verb.
    if before.trim_end().ends_with(':') {
        let colon = before_end - (before.len() - before.trim_end().len()) - 1;
        let clause = window_before(body, colon, 160);
        let clause_start = colon
            - clause
                .rfind(['.', '"', '\n', '\u{201d}', ':'])
                .map_or(clause.len(), |i| clause.len() - i - 1);
        return spans.iter().any(|&(s, e)| {
            s >= clause_start && e < colon && {
                let next = body[e..colon].trim_start().to_ascii_lowercase();
                SPEAKER_VERBS.iter().any(|v| {
                    next.strip_prefix(v)
                        .is_some_and(|t| t.is_empty() || t.starts_with([' ', ',']))
                })
            }
        });
    }
    false
}

/// Speech verbs right after the speaker in a clause that ends in a colon before the quote
/// (`X told reporters:`, `X mengatakan kepada wartawan:`).
const SPEAKER_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "warned",
    "insisted",
    "explained",
    "wrote",
    "stated",
    "declared",
    "mengatakan",
    "menyatakan",
    "menegaskan",
    "menjelaskan",
    "mengungkapkan",
    "berkata",
    "menambahkan",
    "menuturkan",
];

fn window_after(body: &str, at: usize, len: usize) -> &str {
    let mut end = (at + len).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.get(at..end).unwrap_or("")
}

fn window_before(body: &str, at: usize, len: usize) -> &str {
    let mut start = at.saturating_sub(len);
    while !body.is_char_boundary(start) {
        start += 1;
    }
    body.get(start..at).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(body: &str, name: &str) -> Vec<(usize, usize)> {
        body.match_indices(name)
            .map(|(i, m)| (i, i + m.len()))
            .collect()
    }

    #[test]
    fn indonesian_quote_with_kata() {
        let body =
            "\u{201c}Kami akan memeriksa semua saksi,\u{201d} kata Wulan Sari kepada wartawan.";
        let q = quotes_of(body, &spans_of(body, "Wulan Sari"));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "Kami akan memeriksa semua saksi");
    }

    #[test]
    fn a_clause_ending_in_a_colon_names_the_speaker() {
        let body = "Mr Hale told the committee on Monday: \"We will not cut the grant this \
                    year.\" Ms Ortiz told Mr Hale: \"The towns need it now.\"";
        let hale = quotes_of(body, &spans_of(body, "Hale"));
        assert_eq!(hale.len(), 1, "{hale:?}");
        assert!(hale[0].text.starts_with("We will not cut"));
        let ortiz = quotes_of(body, &spans_of(body, "Ortiz"));
        assert_eq!(ortiz.len(), 1, "{ortiz:?}");
        assert!(ortiz[0].text.starts_with("The towns need"));
        // A colon without a speech verb after the name attributes nothing.
        let body = "Mr Hale's plan: \"cut the grant\" and wait.";
        assert!(quotes_of(body, &spans_of(body, "Hale")).is_empty());
    }

    #[test]
    fn title_between_verb_and_name_is_allowed() {
        let body = "\"Anggaran itu sudah cukup,\" ujar Menteri Keuangan Rina Hartono.";
        assert_eq!(quotes_of(body, &spans_of(body, "Rina Hartono")).len(), 1);
    }

    #[test]
    fn english_name_said_and_said_name() {
        let body = "\"We will respond soon,\" Austin said. \"Not today,\" said Austin.";
        assert_eq!(quotes_of(body, &spans_of(body, "Austin")).len(), 2);
    }

    #[test]
    fn a_role_in_lower_case_may_come_between_quote_and_speaker() {
        let body = "\"Sales were strong this year,\" chairman and chief executive Dana \
                    Whitlock said. \"Costs rose,\" analyst Lee Brandt told us. \"Later,\" \
                    the board asked Dana Whitlock.";
        let dana = quotes_of(body, &spans_of(body, "Dana Whitlock"));
        assert_eq!(dana.len(), 1, "{dana:?}");
        assert!(dana[0].text.starts_with("Sales were strong"));
        let lee = quotes_of(body, &spans_of(body, "Lee Brandt"));
        assert_eq!(lee.len(), 1, "{lee:?}");
        // The role words must be lower case and the name followed by a speech verb.
        let body = "\"Prices fell,\" Ana Ruiz and Dana Whitlock agreed.";
        assert!(quotes_of(body, &spans_of(body, "Dana Whitlock")).is_empty());
    }

    #[test]
    fn speaker_before_the_quote() {
        let body = "Budi mengatakan, \"Harga beras turun minggu ini.\"";
        assert_eq!(quotes_of(body, &spans_of(body, "Budi")).len(), 1);
        let body = "Ms Carter said: \"The vote is next week.\"";
        assert_eq!(quotes_of(body, &spans_of(body, "Carter")).len(), 1);
    }

    #[test]
    fn quotes_of_someone_else_are_not_attributed() {
        let body = "\"Kami menolak,\" kata Andi. Budi diam saja.";
        assert!(quotes_of(body, &spans_of(body, "Budi")).is_empty());
        assert_eq!(quotes_of(body, &spans_of(body, "Andi")).len(), 1);
    }

    #[test]
    fn unbalanced_quotes_and_multibyte_text_do_not_panic() {
        let body = "\u{201c}Tidak ada \u{1f600} kata Budi \u{201c}\u{201c}";
        let _ = quotes_of(body, &spans_of(body, "Budi"));
        let _ = quotes_of("\"", &[(0, 1)]);
    }
}
