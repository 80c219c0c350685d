//! The loaded collection: every article, its entity analysis, and the index across them.
//!
//! Analysing a large collection takes a while, so [`spawn_analysis`] runs it on worker
//! threads (one per core) and reports progress over a channel; the caller (the TUI) stays
//! responsive and swaps the finished [`Corpus`] in when it arrives. The CLI calls
//! [`Corpus::analyze`] and waits.

pub mod generate;
pub mod index;

pub use index::{EntityId, EntityIndex, GlobalEntity, Occurrence};

use crate::article::Article;
use crate::ner::{Analysis, Engine};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

/// Articles with their analyses and the collection-wide entity index.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every loaded article, in collection order.
    pub articles: Arc<Vec<Article>>,
    /// The engine's analysis of each article (same order).
    pub analyses: Vec<Analysis>,
    /// The entities across all articles.
    pub index: EntityIndex,
}

impl Corpus {
    /// Analyse every article (on all cores) and build the index; waits for the result.
    pub fn analyze(articles: Arc<Vec<Article>>) -> Corpus {
        let analyses = analyze_all(&articles, Engine::global(), &|_| {});
        Corpus::from_analyses(articles, analyses)
    }

    /// Build the index over analyses already made.
    pub fn from_analyses(articles: Arc<Vec<Article>>, analyses: Vec<Analysis>) -> Corpus {
        let refs: Vec<&Analysis> = analyses.iter().collect();
        let index = EntityIndex::build(&refs);
        Corpus {
            articles,
            analyses,
            index,
        }
    }

    /// The articles that mention an entity, newest first (undated last, then by position).
    pub fn articles_of(&self, id: EntityId) -> Vec<Occurrence> {
        let Some(entity) = self.index.entities.get(id) else {
            return Vec::new();
        };
        let mut occ = entity.occurrences.clone();
        occ.sort_by(|a, b| {
            let da = self.articles[a.article].published.map(|p| p.sort_key());
            let db = self.articles[b.article].published.map(|p| p.sort_key());
            db.cmp(&da).then(a.article.cmp(&b.article))
        });
        occ
    }
}

/// Analyse articles on every core, calling `progress` with the number done so far.
pub fn analyze_all(
    articles: &[Article],
    engine: &Engine,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Analysis> {
    let workers = thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(articles.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Analysis>>> = Mutex::new(vec![None; articles.len()]);
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(article) = articles.get(i) else {
                        break;
                    };
                    let analysis = engine.analyze(article);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(analysis);
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .zip(articles)
        .map(|(a, article)| a.unwrap_or_else(|| engine.analyze(article)))
        .collect()
}

/// A message from background analysis.
#[derive(Debug)]
pub enum AnalysisEvent {
    /// `done` of `total` articles analysed.
    Progress {
        /// Articles analysed so far.
        done: usize,
        /// Articles in all.
        total: usize,
    },
    /// Everything analysed and indexed.
    Finished(Box<Corpus>),
}

/// Analyse and index the articles on background threads; events arrive on the receiver.
pub fn spawn_analysis(articles: Arc<Vec<Article>>) -> mpsc::Receiver<AnalysisEvent> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let total = articles.len();
        let step = (total / 100).max(1);
        let progress_tx = Mutex::new(tx.clone());
        let analyses = analyze_all(&articles, Engine::global(), &|done| {
            if (done % step == 0 || done == total)
                && let Ok(tx) = progress_tx.lock()
            {
                let _ = tx.send(AnalysisEvent::Progress { done, total });
            }
        });
        let corpus = Corpus::from_analyses(articles, analyses);
        let _ = tx.send(AnalysisEvent::Finished(Box::new(corpus)));
    });
    rx
}

/// A one-line snippet of about `width` characters around an entity's first mention in the
/// body (or the title when it is mentioned only there).
pub fn first_mention_snippet(
    article: &Article,
    body: &str,
    entity: &crate::ner::Entity,
    width: usize,
) -> String {
    let (text, span) = match (entity.spans.first(), entity.title_spans.first()) {
        (Some(&s), _) => (body, s),
        (None, Some(&s)) => (article.title.as_str(), s),
        (None, None) => return String::new(),
    };
    snippet(text, span, width)
}

/// About `width` characters of `text` around `span`, on one line, cut at word boundaries
/// with an ellipsis where text was left out.
pub fn snippet(text: &str, span: (usize, usize), width: usize) -> String {
    let (start, end) = span;
    if end > text.len()
        || start > end
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return String::new();
    }
    let mention_chars = text[start..end].chars().count();
    let room = width.saturating_sub(mention_chars) / 2;
    // Walk back `room` chars, then forward to a word start.
    let mut from = start;
    for (i, _) in text[..start].char_indices().rev().take(room) {
        from = i;
    }
    if from > 0
        && let Some(sp) = text[from..start].find(char::is_whitespace)
    {
        from += sp + 1;
    }
    let mut to = end;
    for (i, c) in text[end..].char_indices().take(room) {
        to = end + i + c.len_utf8();
    }
    if to < text.len()
        && let Some(sp) = text[end..to].rfind(char::is_whitespace)
    {
        to = end + sp;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('\u{2026}');
    }
    // Paragraph breaks and runs of spaces read as one space on a single line.
    let words: Vec<&str> = text[from..to].split_whitespace().collect();
    out.push_str(&crate::text::sanitize_line(&words.join(" ")));
    if to < text.len() {
        out.push('\u{2026}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_is_centred_and_cut_at_words() {
        let text = "Pada hari Senin pagi, Menteri Rina Hartono membuka rapat anggaran di gedung DPR bersama para pejabat.";
        let at = text.find("Rina").unwrap_or(0);
        let s = snippet(text, (at, at + "Rina Hartono".len()), 40);
        assert!(s.contains("Rina Hartono"), "{s}");
        assert!(s.starts_with('\u{2026}') && s.ends_with('\u{2026}'), "{s}");
        assert!(s.chars().count() <= 44, "{s}");
    }

    #[test]
    fn snippet_joins_paragraphs_with_one_space() {
        let text = "Rapat dimulai pukul sembilan.\n\nMenteri Rina Hartono lalu berbicara.";
        let at = text.find("Rina").unwrap_or(0);
        let s = snippet(text, (at, at + "Rina Hartono".len()), 60);
        assert!(s.contains("sembilan. Menteri Rina"), "{s}");
        assert!(!s.contains("  "), "{s}");
    }

    #[test]
    fn snippet_survives_bad_spans_and_wide_text() {
        assert_eq!(snippet("abc", (5, 9), 10), "");
        let text = "東京で会議 Kim Jong-un 😀 datang";
        let at = text.find("Kim").unwrap_or(0);
        assert!(snippet(text, (at, at + 3), 6).contains("Kim"));
    }
}
