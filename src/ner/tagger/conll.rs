//! CoNLL files (token in the first column, IOB2 tag in the last) and exact-span scoring.
//!
//! Scoring follows the project's scorer line for line: spans are read from IOB2 tags the
//! same way (a stray `I-` opens a span), a span counts only when start, end and type match.

use crate::ner::{Label, SpanType};
use std::collections::HashSet;
use std::fmt::Write as _;

/// One sentence: tokens and, for gold files, their tags (raw strings as in the file).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The tokens (first column).
    pub tokens: Vec<String>,
    /// The tags (last column; `O` when there is only one column).
    pub tags: Vec<String>,
}

/// A parsed CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct Conll {
    /// Documents of sentences. Without `-DOCSTART-` lines every sentence is its own document
    /// (the sentences of such files are usually shuffled).
    pub docs: Vec<Vec<Sentence>>,
}

/// Why a text is not CoNLL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotConll {
    /// Nothing but blank lines and document separators.
    #[error(
        "no tokens: a CoNLL file has one token a line (token<TAB>tag), sentences separated by blank lines"
    )]
    Empty,
    /// Lines holding several words before any tab: prose, not one token a line.
    #[error(
        "not CoNLL: line {line} holds several words where one token is expected ({bad} of {lines} token lines do); \
         a CoNLL file has one token a line (token<TAB>tag), sentences separated by blank lines"
    )]
    Prose {
        /// The first such line (1-based).
        line: usize,
        /// How many token lines are like it.
        bad: usize,
        /// How many token lines there are.
        lines: usize,
    },
    /// A gold file whose lines have no tag column.
    #[error(
        "no tags: a gold file needs a tag in its last column (token<TAB>tag), but no line has a tab"
    )]
    NoTags,
}

/// Check that a text reads as CoNLL before it is tagged or scored: token lines are one
/// token, alone or before a tab (`token<TAB>...<TAB>tag`); `gold` files also need tags.
///
/// A few odd lines are tolerated (one in a hundred token lines); prose (a paragraph a
/// line) is refused, so it is not tagged by the first word of each line.
pub fn check(text: &str, gold: bool) -> Result<(), NotConll> {
    let mut lines = 0usize;
    let mut bad = 0usize;
    let mut first_bad = None;
    let mut tabbed = 0usize;
    for (n, line) in text.lines().enumerate() {
        if is_docstart(line) || line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let first = line.split('\t').next().unwrap_or("").trim();
        if line.contains('\t') {
            tabbed += 1;
        }
        if first.split_whitespace().nth(1).is_some() {
            bad += 1;
            first_bad.get_or_insert(n + 1);
        }
    }
    if lines == 0 {
        return Err(NotConll::Empty);
    }
    if let Some(line) = first_bad
        && bad * 100 > lines
    {
        return Err(NotConll::Prose { line, bad, lines });
    }
    if gold && tabbed == 0 {
        return Err(NotConll::NoTags);
    }
    Ok(())
}

/// Whether a line separates documents.
pub fn is_docstart(line: &str) -> bool {
    line.starts_with("-DOCSTART-")
}

impl Conll {
    /// Parse CoNLL text.
    pub fn parse(text: &str) -> Conll {
        let has_docs = text.lines().any(is_docstart);
        let mut docs: Vec<Vec<Sentence>> = Vec::new();
        let mut doc: Vec<Sentence> = Vec::new();
        let mut sent = Sentence::default();
        let flush_sent =
            |sent: &mut Sentence, doc: &mut Vec<Sentence>, docs: &mut Vec<Vec<Sentence>>| {
                if !sent.tokens.is_empty() {
                    let s = std::mem::take(sent);
                    if has_docs {
                        doc.push(s);
                    } else {
                        docs.push(vec![s]);
                    }
                }
            };
        for line in text.lines() {
            if is_docstart(line) {
                flush_sent(&mut sent, &mut doc, &mut docs);
                if !doc.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
                continue;
            }
            if line.trim().is_empty() {
                flush_sent(&mut sent, &mut doc, &mut docs);
                continue;
            }
            let token = line.split_whitespace().next().unwrap_or("");
            let cols: Vec<&str> = line.split('\t').collect();
            let tag = if cols.len() > 1 {
                cols[cols.len() - 1].trim()
            } else {
                "O"
            };
            sent.tokens.push(token.to_string());
            sent.tags.push(tag.to_string());
        }
        flush_sent(&mut sent, &mut doc, &mut docs);
        if !doc.is_empty() {
            docs.push(doc);
        }
        Conll { docs }
    }

    /// All sentences in order.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.docs.iter().flatten()
    }
}

/// Parse an IOB2 tag string (`O`, `B-PER`...); unknown types become O.
pub fn parse_label(tag: &str) -> Label {
    let (bio, ty) = tag.split_once('-').unwrap_or((tag, ""));
    let ty = match ty {
        "PER" => SpanType::Per,
        "ORG" => SpanType::Org,
        "LOC" => SpanType::Loc,
        "MISC" => SpanType::Misc,
        _ => return Label::O,
    };
    match bio {
        "B" => Label::B(ty),
        "I" => Label::I(ty),
        _ => Label::O,
    }
}

/// Write the tagged output: every input line, token lines as `token<TAB>tag`.
///
/// `tags` holds one tag per token line, in order.
pub fn render(input: &str, tags: &[Label]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut it = tags.iter();
    for line in input.lines() {
        if is_docstart(line) || line.trim().is_empty() {
            out.push_str(line);
        } else {
            let token = line.split_whitespace().next().unwrap_or("");
            let tag = it.next().copied().unwrap_or(Label::O);
            let _ = write!(out, "{token}\t{tag}");
        }
        out.push('\n');
    }
    out
}

/// Spans `(start, end, type)` of a tag sequence, exactly as the scorer reads them.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> HashSet<(usize, usize, String)> {
    let mut out = HashSet::new();
    let mut start: Option<usize> = None;
    let mut typ = String::new();
    for i in 0..=tags.len() {
        let t = tags.get(i).map_or("O", |s| s.as_ref());
        let (bio, ty) = t.split_once('-').unwrap_or((t, ""));
        if let Some(s) = start
            && (bio != "I" || ty != typ)
        {
            out.insert((s, i, std::mem::take(&mut typ)));
            start = None;
        }
        if bio == "B" || (bio == "I" && start.is_none()) {
            start = Some(i);
            typ = ty.to_string();
        }
    }
    out
}

/// Precision, recall and F1 per type, in the scorer's format.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// `(type, true positives, predicted, gold)`.
    pub per_type: Vec<(String, usize, usize, usize)>,
}

fn prf(tp: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let pr = if p > 0 { tp as f64 / p as f64 } else { 0.0 };
    let rc = if g > 0 { tp as f64 / g as f64 } else { 0.0 };
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

impl Score {
    /// Compare predicted with gold tags (flat, over the whole file).
    pub fn new<S: AsRef<str>, T: AsRef<str>>(gold: &[S], pred: &[T], types: &[&str]) -> Score {
        let g = spans(gold);
        let p = spans(pred);
        let per_type = types
            .iter()
            .map(|ty| {
                let gs: HashSet<_> = g.iter().filter(|s| s.2 == *ty).collect();
                let ps: HashSet<_> = p.iter().filter(|s| s.2 == *ty).collect();
                (
                    ty.to_string(),
                    gs.intersection(&ps).count(),
                    ps.len(),
                    gs.len(),
                )
            })
            .collect();
        Score { per_type }
    }

    /// The line of one type: `PER: P 0.912 R 0.900 F1 0.906 (gold 1842, pred 1830)`.
    pub fn line(&self, ty: &str) -> Option<String> {
        let (_, tp, p, g) = self.per_type.iter().find(|t| t.0 == ty)?;
        let (pr, rc, f) = prf(*tp, *p, *g);
        Some(format!(
            "{ty}: P {pr:.3} R {rc:.3} F1 {f:.3} (gold {g}, pred {p})"
        ))
    }

    /// Micro-averaged F1 over PER and ORG.
    pub fn per_org_f1(&self) -> f64 {
        let (mut tp, mut p, mut g) = (0, 0, 0);
        for (ty, a, b, c) in &self.per_type {
            if ty == "PER" || ty == "ORG" {
                tp += a;
                p += b;
                g += c;
            }
        }
        prf(tp, p, g).2
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn prose_and_untagged_gold_are_not_conll() {
        assert_eq!(check("Jokowi\tB-PER\ndatang\tO\n\nKe\tO\n", true), Ok(()));
        assert_eq!(
            check("-DOCSTART- -X- O O\n\nJokowi\ndatang\n", false),
            Ok(())
        );
        let prose =
            "Presiden datang ke Bandung pada Senin pagi.\n\nWarga menyambut di alun-alun.\n";
        assert_eq!(
            check(prose, false),
            Err(NotConll::Prose {
                line: 1,
                bad: 2,
                lines: 2
            })
        );
        assert_eq!(check("\n-DOCSTART-\n\n", false), Err(NotConll::Empty));
        assert_eq!(check("Jokowi\ndatang\n", true), Err(NotConll::NoTags));
        // One odd line in a long file is tolerated.
        let mut long = "kata\tO\n".repeat(200);
        long.push_str("dua kata\tO\n");
        assert_eq!(check(&long, true), Ok(()));
    }
    use super::*;

    #[test]
    fn parse_and_render() {
        let text = "-DOCSTART-\n\nBudi\tB-PER\npergi\tO\n\nKe\tO\nBandung\tB-LOC\n";
        let c = Conll::parse(text);
        assert_eq!(c.docs.len(), 1);
        assert_eq!(c.docs[0].len(), 2);
        let tags = [
            Label::B(SpanType::Per),
            Label::O,
            Label::O,
            Label::B(SpanType::Loc),
        ];
        assert_eq!(
            render(text, &tags),
            "-DOCSTART-\n\nBudi\tB-PER\npergi\tO\n\nKe\tO\nBandung\tB-LOC\n"
        );
        let flat = Conll::parse("a\tO\n\nb\tO\n");
        assert_eq!(flat.docs.len(), 2);
    }

    #[test]
    fn spans_like_the_scorer() {
        let tags = ["B-PER", "I-PER", "I-ORG", "O", "I-LOC", "B-LOC", "I-LOC"];
        let s = spans(&tags);
        assert!(s.contains(&(0, 2, "PER".into())));
        assert!(s.contains(&(2, 3, "ORG".into())));
        assert!(s.contains(&(4, 5, "LOC".into())));
        assert!(s.contains(&(5, 7, "LOC".into())));
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn score_lines() {
        let gold = ["B-PER", "I-PER", "O", "B-ORG"];
        let pred = ["B-PER", "I-PER", "O", "B-PER"];
        let s = Score::new(&gold, &pred, &["PER", "ORG"]);
        assert_eq!(
            s.line("PER").as_deref(),
            Some("PER: P 0.500 R 1.000 F1 0.667 (gold 1, pred 2)")
        );
        assert_eq!(
            s.line("ORG").as_deref(),
            Some("ORG: P 0.000 R 0.000 F1 0.000 (gold 1, pred 0)")
        );
        assert!((s.per_org_f1() - 0.5).abs() < 1e-9);
    }
}
