//! The runtime without a terminal, for tests and benchmarks: an [`App`] driven through
//! `update` with every command carried out at once on the caller's thread.
//!
//! Opened articles are analysed with the given analyzer, the search index is built on the
//! spot and reading-state changes are saved to the store (when one is given) before the
//! call returns. Background analysis is not started: a test hands the finished index in
//! with `Message::Analysis(AnalysisEvent::Finished ..)`, as the workers would. The browser,
//! clipboard and pager commands are kept, in order, for the caller to look at.

use super::Analyzer;
use crate::article::LoadReport;
use crate::corpus::AnalysisEvent;
use crate::corpus::load::{LoadBatch, LoadEvent};
use crate::search::SearchIndex;
use crate::store::{Store, article_key};
use crate::tui::app::{App, Message, Remembered};
use crate::tui::command::{Command, Write};
use crossterm::event::KeyEvent;

/// An [`App`] with its commands carried out at once. Reads as the app it drives.
pub struct Headless {
    app: App,
    analyzer: Analyzer,
    store: Option<Store>,
    external: Vec<Command>,
}

impl Headless {
    /// Drive `app`, analysing opened articles with `analyzer`.
    pub fn new(app: App, analyzer: Analyzer) -> Headless {
        Headless {
            app,
            analyzer,
            store: None,
            external: Vec::new(),
        }
    }

    /// Remember reading state in `store`: what it holds applies to the articles loaded
    /// from now on (so give it before [`Headless::load`]), and every change is saved to it.
    pub fn with_store(self, store: Store) -> Headless {
        Headless {
            app: self.app.with_remembered(Remembered::read(&store)),
            store: Some(store),
            ..self
        }
    }

    /// The app driven.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Hand a loaded collection to the app, as background loading does: one batch, then
    /// the end of loading.
    pub fn load(&mut self, report: LoadReport) {
        let keys = report.articles.iter().map(article_key).collect();
        let batch = LoadBatch {
            articles: report.articles,
            keys,
            problems: report.problems,
        };
        self.update(Message::Load(LoadEvent::Batch {
            batch,
            files_done: 0,
        }));
        self.update(Message::Load(LoadEvent::Finished));
    }

    /// Apply a message and carry out every command that follows from it.
    pub fn update(&mut self, message: Message) {
        let Headless {
            app,
            analyzer,
            store,
            external,
        } = self;
        super::deliver(app, message, |app, command| match command {
            Command::Analyse { article } => {
                let analysis = analyzer(app.articles().get(article)?);
                Some(Message::Analysis(AnalysisEvent::Analysed {
                    article,
                    analysis: Box::new(analysis),
                }))
            }
            Command::BuildSearchIndex(articles) => Some(Message::SearchReady(Box::new(
                SearchIndex::build(&articles),
            ))),
            Command::Save(write) => Some(Message::Saved(write.apply(store.as_ref()?))),
            Command::SaveAll(writes) => {
                Some(Message::Saved(Write::apply_all(&writes, store.as_ref()?)))
            }
            Command::StartAnalysis { .. } | Command::Prioritize { .. } => None,
            Command::OpenUrl(_) | Command::Copy(_) | Command::Pager(_) => {
                external.push(command);
                None
            }
        });
    }

    /// Apply a key press, as the event loop does.
    pub fn handle_key(&mut self, event: KeyEvent) {
        if let Some(message) = self.app.key_message(&event) {
            self.update(message);
        }
    }

    /// The browser, clipboard and pager commands asked for since the last call.
    pub fn take_external(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.external)
    }
}

impl std::ops::Deref for Headless {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format, Origin};
    use crate::ner::{Analysis, Lang};
    use crate::tui::{Keymap, Theme};
    use crossterm::event::{KeyCode, KeyModifiers};

    fn report() -> LoadReport {
        let mut linked = Article::new(
            "Jembatan baru dibuka",
            Origin {
                path: "a.txt".into(),
                index: 0,
                format: Format::Text,
            },
        );
        linked.url = Some("https://example.org/jembatan".into());
        LoadReport {
            articles: vec![linked],
            problems: Vec::new(),
        }
    }

    fn press(app: &mut Headless, c: char) {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }

    #[test]
    fn commands_are_carried_out_before_the_call_returns() -> Result<(), Box<dyn std::error::Error>>
    {
        let nothing = |_: &Article| Analysis {
            language: Lang::Id,
            entities: Vec::new(),
        };
        let app = App::loading(Keymap::embedded()?, Theme::monochrome());
        let mut app = Headless::new(app, Box::new(nothing)).with_store(Store::in_memory()?);
        app.load(report());
        assert!(!app.search().is_indexing(), "the search index is built");
        app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert!(app.analysis().is_some(), "the opened article is analysed");
        assert!(app.reading().is_read(0));
        let key = &app.reading().keys()[0];
        assert!(app.store.as_ref().ok_or("store")?.get(key)?.read, "saved");
        press(&mut app, 'o');
        press(&mut app, 'y');
        assert_eq!(
            app.take_external(),
            [
                Command::OpenUrl("https://example.org/jembatan".into()),
                Command::Copy("https://example.org/jembatan".into())
            ]
        );
        assert!(app.take_external().is_empty());
        Ok(())
    }
}
