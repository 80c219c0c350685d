//! The background work as the interface sees it: loading progress, analysis progress, the
//! analyses it has delivered and the entity index once it is finished.
//!
//! Before the index arrives, the analyses of the articles opened so far are held whole; an
//! opened article is analysed at once ([`Command::Analyse`]) while no background analysis
//! runs, or asked of it first ([`Command::Prioritize`]) while one does. Once the index
//! ([`Corpus`]) arrives, it holds every analysis in compact form and only the open
//! article's is kept decoded beside it. Progress of other background work (updating
//! feeds, say) belongs here too.

use crate::corpus::Corpus;
use crate::ner::Analysis;
use crate::tui::command::Command;
use std::collections::HashMap;
use std::time::Duration;

/// Background analysis, from the interface's side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Stage {
    /// Not asked for yet (the collection is still loading, or is empty).
    #[default]
    Waiting,
    /// Asked for ([`Command::StartAnalysis`]), not reported started.
    Asked,
    /// Running: opened articles are asked of it.
    Running,
    /// The entity index has arrived.
    Done,
}

/// What background work has done and delivered so far.
#[derive(Debug, Default)]
pub struct Progress {
    /// Loading under way: (files read, files in all once known).
    loading: Option<(usize, Option<usize>)>,
    stage: Stage,
    /// Analysis progress while it runs: (done, total).
    indexing: Option<(usize, usize)>,
    /// The time analysis still needs, once it can tell.
    left: Option<Duration>,
    /// The finished analysis of every article and the entity index.
    corpus: Option<Box<Corpus>>,
    /// Analyses held whole: before the corpus arrives, those of the articles opened so
    /// far; after, the open article's alone (decoded from the corpus).
    analyses: HashMap<usize, Analysis>,
    /// The opened article whose analysis is awaited from background analysis.
    wanted: Option<usize>,
}

impl Progress {
    /// Progress for a collection about to be loaded.
    pub(super) fn loading() -> Progress {
        Progress {
            loading: Some((0, None)),
            ..Progress::default()
        }
    }

    /// Loading progress while it runs: (files read, files in all once known).
    pub fn loading_progress(&self) -> Option<(usize, Option<usize>)> {
        self.loading
    }

    /// Whether articles are still being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Background analysis progress (`done`, `total`) while it runs.
    pub fn indexing(&self) -> Option<(usize, usize)> {
        self.indexing
    }

    /// The time background analysis still needs, once it can tell.
    pub fn indexing_left(&self) -> Option<Duration> {
        self.left
    }

    /// The finished collection analysis and entity index.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.corpus.as_deref()
    }

    /// The opened article whose analysis is awaited from background analysis.
    pub fn wanted(&self) -> Option<usize> {
        self.wanted
    }

    /// The analysis of an article, when it is held.
    pub fn analysis(&self, article: usize) -> Option<&Analysis> {
        self.analyses.get(&article)
    }

    /// Loading found this many files to read.
    pub(super) fn found(&mut self, files: usize) {
        if let Some(loading) = &mut self.loading {
            loading.1 = Some(files);
        }
    }

    /// Loading has read this many files.
    pub(super) fn read(&mut self, files_done: usize) {
        if let Some(loading) = &mut self.loading {
            loading.0 = files_done;
        }
    }

    /// Loading is done; whether background analysis should be asked for now (there are
    /// articles and it has not been asked for).
    pub(super) fn loaded(&mut self, articles: usize) -> bool {
        self.loading = None;
        let ask = articles > 0 && self.stage == Stage::Waiting;
        if ask {
            self.stage = Stage::Asked;
        }
        ask
    }

    /// Background analysis has started on `total` articles.
    pub(super) fn started(&mut self, total: usize) {
        if self.stage != Stage::Done {
            self.stage = Stage::Running;
            // Progress shows from the start, before the workers' first report.
            self.indexing = Some((0, total));
        }
    }

    /// Background analysis has done `done` of `total`.
    pub(super) fn advanced(&mut self, done: usize, total: usize, left: Option<Duration>) {
        self.indexing = Some((done, total));
        self.left = left;
    }

    /// An article's analysis arrived (asked for, or from background analysis).
    pub(super) fn analysed(&mut self, article: usize, analysis: Analysis) {
        if self.corpus.is_none() {
            self.analyses.insert(article, analysis);
        }
        if self.wanted == Some(article) {
            self.wanted = None;
        }
    }

    /// The entity index arrived; `open` is the article in the reader.
    pub(super) fn finished(&mut self, corpus: Box<Corpus>, open: Option<usize>) {
        self.stage = Stage::Done;
        self.indexing = None;
        self.left = None;
        self.wanted = None;
        self.corpus = Some(corpus);
        self.analyses.clear();
        if let Some(open) = open {
            self.hold_corpus_analysis(open);
        }
    }

    /// An article is opened: its analysis is held, or what to ask for it.
    pub(super) fn open(&mut self, article: usize) -> Option<Command> {
        if self.corpus.is_some() {
            self.hold_corpus_analysis(article);
            return None;
        }
        if self.analyses.contains_key(&article) {
            return None;
        }
        if self.stage == Stage::Running {
            // The workers analyse it before anything else; the sidebar waits.
            self.wanted = Some(article);
            Some(Command::Prioritize { article })
        } else {
            Some(Command::Analyse { article })
        }
    }

    /// Keep the article's analysis, decoded from the corpus, as the only one held beside
    /// it (the corpus keeps every analysis in compact form).
    fn hold_corpus_analysis(&mut self, article: usize) {
        self.analyses.clear();
        if let Some(analysis) = self.corpus.as_ref().and_then(|c| c.analysis(article)) {
            self.analyses.insert(article, analysis);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Lang;

    fn analysis() -> Analysis {
        Analysis {
            language: Lang::En,
            entities: Vec::new(),
        }
    }

    #[test]
    fn opened_articles_are_analysed_at_once_until_background_analysis_runs() {
        let mut progress = Progress::loading();
        progress.found(4);
        progress.read(2);
        assert_eq!(progress.loading_progress(), Some((2, Some(4))));
        assert_eq!(progress.open(1), Some(Command::Analyse { article: 1 }));
        progress.analysed(1, analysis());
        assert_eq!(progress.open(1), None, "held");
        assert!(progress.loaded(4));
        assert!(!progress.loaded(4), "asked once");
        assert!(!progress.is_loading());
        // Asked for but not running yet: still analysed at once.
        assert_eq!(progress.open(2), Some(Command::Analyse { article: 2 }));
        progress.started(4);
        assert_eq!(progress.indexing(), Some((0, 4)));
        assert_eq!(progress.open(3), Some(Command::Prioritize { article: 3 }));
        assert_eq!(progress.wanted(), Some(3));
        progress.advanced(2, 4, Some(Duration::from_secs(3)));
        assert_eq!(progress.indexing_left(), Some(Duration::from_secs(3)));
        progress.analysed(3, analysis());
        assert_eq!(progress.wanted(), None);
        assert!(progress.analysis(3).is_some());
    }

    #[test]
    fn an_empty_collection_asks_for_no_analysis() {
        let mut progress = Progress::loading();
        assert!(!progress.loaded(0));
        assert_eq!(progress.indexing(), None);
    }
}
