//! The runtime: the event loop, the work running beside it, and carrying out the
//! [`Command`]s that [`App::update`] returns.
//!
//! Each turn of the loop draws the screen, takes in what the background has sent (the
//! loader's batches, analysis events, the search index, the store writer's outcomes),
//! waits a little for a terminal event, and hands every one of them to `update` as a
//! [`Message`]. The commands `update` returns are carried out at once, here: opening a
//! link, the clipboard and the pager; analysing the opened article; starting background
//! analysis and asking it for the open article first; building the search index (on a
//! thread for large collections); saving the reading state (on the writer's thread).
//! What they produce comes back to `update` as messages too. [`Headless`] does the same
//! without a terminal or threads, for tests and benchmarks.

mod external;
mod headless;
mod writer;

pub use headless::Headless;

use super::action::Action;
use super::app::{App, Message, Mouse};
use super::command::Command;
use super::{shutdown, view};
use crate::article::Article;
use crate::corpus::load::LoadEvent;
use crate::corpus::{AnalysisEvent, Indexing};
use crate::ner::Analysis;
use crate::search::SearchIndex;
use crate::store::AnalysisCache;
use crossterm::event::{self, Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::DefaultTerminal;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};
use writer::Writer;

/// Finds the entities of an article (the engine in the program, a fixed table in tests).
pub type Analyzer = Box<dyn Fn(&Article) -> Analysis>;

/// The entity engine as an [`Analyzer`].
pub fn engine() -> Analyzer {
    Box::new(|a| crate::ner::Engine::global().analyze(a))
}

/// Collections larger than this get their search index built on a thread.
const INDEX_INLINE_MAX: usize = 500;

/// Longest time spent taking in loaded articles before the next frame.
const LOAD_SLICE: Duration = Duration::from_millis(12);

/// Apply `message`, then carry out each command it returns with `carry_out`, applying what
/// that answers in turn, until nothing is left to do.
fn deliver(
    app: &mut App,
    message: Message,
    mut carry_out: impl FnMut(&App, Command) -> Option<Message>,
) {
    let mut queue = VecDeque::from(app.update(message));
    while let Some(command) = queue.pop_front() {
        if let Some(answer) = carry_out(app, command) {
            queue.extend(app.update(answer));
        }
    }
}

/// What the event loop runs beside the screen, and what it needs to carry out commands.
pub struct Runtime {
    analyzer: Analyzer,
    /// Background loading, until it has read every file.
    loader: Option<Receiver<LoadEvent>>,
    /// The analysis cache, handed to background analysis when it starts.
    cache: Option<AnalysisCache>,
    /// Background analysis, until it has finished.
    analysis: Option<Indexing>,
    /// The search index being built on a thread.
    search: Option<Receiver<SearchIndex>>,
    /// Saves the reading state, when there is a store.
    writer: Option<Writer>,
    /// Whether mouse capture is on (the pager turns it off and on again).
    mouse: bool,
}

impl Runtime {
    /// A runtime for articles arriving from `loader`, analysed with `analyzer` (the
    /// analysis cache `cache` is used once background analysis starts).
    pub fn new(
        analyzer: Analyzer,
        loader: Receiver<LoadEvent>,
        cache: Option<AnalysisCache>,
        mouse: bool,
    ) -> Runtime {
        Runtime {
            analyzer,
            loader: Some(loader),
            cache,
            analysis: None,
            search: None,
            writer: None,
            mouse,
        }
    }

    /// Save the reading state to `store` (on a thread of its own).
    pub fn with_store(mut self, store: crate::store::Store) -> Runtime {
        self.writer = Some(Writer::start(store));
        self
    }

    /// Draw, wait for an event, apply it, carry out what it asks; until the app stops
    /// running. Every queued store write is finished before this returns.
    pub fn run(&mut self, terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
        let size = terminal.size()?;
        self.deliver(
            app,
            terminal,
            Message::Resize {
                width: size.width,
                height: size.height,
            },
        );
        while app.is_running() {
            // SIGINT, SIGTERM, SIGHUP: quit as on `q` (the scroll position is saved).
            if shutdown::stop_requested() {
                self.deliver(app, terminal, Message::Action(Action::Quit));
                break;
            }
            terminal.draw(|frame| view::draw(frame, app))?;
            self.pump(app, terminal);
            // Wake up now and then while background work may report back.
            let wait = if self.busy() { 30 } else { 100 };
            if event::poll(Duration::from_millis(wait))? {
                let message = match event::read()? {
                    Event::Key(key) => app.key_message(&key),
                    Event::Resize(width, height) => Some(Message::Resize { width, height }),
                    Event::Mouse(m) => mouse_message(m),
                    _ => None,
                };
                if let Some(message) = message {
                    self.deliver(app, terminal, message);
                }
            }
        }
        if let Some(writer) = &mut self.writer {
            writer.finish();
        }
        Ok(())
    }

    fn deliver(&mut self, app: &mut App, terminal: &mut DefaultTerminal, message: Message) {
        deliver(app, message, |app, command| {
            self.carry_out(app, terminal, command)
        });
    }

    /// Carry out one command; its answer, when it has one at once.
    fn carry_out(
        &mut self,
        app: &App,
        terminal: &mut DefaultTerminal,
        command: Command,
    ) -> Option<Message> {
        let problem = match command {
            Command::OpenUrl(url) => external::open_url(&url),
            Command::Copy(text) => external::copy(&text, terminal),
            Command::Pager(text) => external::pager(&text, terminal, self.mouse),
            Command::Save(write) => return self.writer.as_mut()?.save(write),
            Command::SaveAll(writes) => return self.writer.as_mut()?.save_all(writes),
            Command::BuildSearchIndex(articles) => return self.build_search_index(articles),
            Command::StartAnalysis { articles, keys } => {
                return self.start_analysis(articles, keys);
            }
            Command::Analyse { article } => {
                let analysis = (self.analyzer)(app.articles().get(article)?);
                return Some(Message::Analysis(AnalysisEvent::Analysed {
                    article,
                    analysis: Box::new(analysis),
                }));
            }
            Command::Prioritize { article } => {
                if let Some(analysis) = &self.analysis {
                    analysis.prioritize(article);
                }
                return None;
            }
        };
        problem.err().map(Message::Notice)
    }

    /// Build the search index: here for small collections, on a thread for large ones.
    fn build_search_index(&mut self, articles: Arc<Vec<Article>>) -> Option<Message> {
        if articles.len() <= INDEX_INLINE_MAX {
            return Some(Message::SearchReady(Box::new(SearchIndex::build(
                &articles,
            ))));
        }
        let (tx, rx) = mpsc::channel();
        let shared = Arc::clone(&articles);
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                // The receiver is gone only when the reader has quit; nothing to report then.
                let _ = tx.send(SearchIndex::build(&shared));
            });
        match spawned {
            Ok(_) => {
                self.search = Some(rx);
                None
            }
            Err(_) => Some(Message::SearchReady(Box::new(SearchIndex::build(
                &articles,
            )))),
        }
    }

    /// Start analysing the whole collection in the background (with the cache, when there
    /// is one).
    fn start_analysis(
        &mut self,
        articles: Arc<Vec<Article>>,
        keys: Arc<Vec<String>>,
    ) -> Option<Message> {
        if articles.is_empty() {
            return None;
        }
        let keys = if keys.len() == articles.len() {
            keys
        } else {
            Arc::new(articles.iter().map(crate::store::article_key).collect())
        };
        self.analysis = Some(crate::corpus::spawn_indexing(
            articles,
            keys,
            self.cache.take(),
        ));
        Some(Message::AnalysisStarted)
    }

    /// Take in what the loader, the workers, the search index's thread and the store
    /// writer have sent since the last frame.
    fn pump(&mut self, app: &mut App, terminal: &mut DefaultTerminal) {
        if let Some(rx) = self.loader.take() {
            // Batches are taken in (each one appended to the list) for a slice of time at
            // most, so that the list stays responsive while a large collection loads.
            let until = Instant::now() + LOAD_SLICE;
            let mut done = false;
            loop {
                let message = match rx.try_recv() {
                    Ok(LoadEvent::Finished) | Err(TryRecvError::Disconnected) => {
                        done = true;
                        Message::Load(LoadEvent::Finished)
                    }
                    Ok(event) => Message::Load(event),
                    Err(TryRecvError::Empty) => break,
                };
                self.deliver(app, terminal, message);
                if done || Instant::now() >= until {
                    break;
                }
            }
            if !done {
                self.loader = Some(rx);
            }
        }
        let mut messages = Vec::new();
        if let Some(analysis) = &self.analysis {
            loop {
                match analysis.events().try_recv() {
                    Ok(AnalysisEvent::Finished(corpus)) => {
                        messages.push(Message::Analysis(AnalysisEvent::Finished(corpus)));
                        self.analysis = None;
                        break;
                    }
                    Ok(event) => messages.push(Message::Analysis(event)),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.analysis = None;
                        break;
                    }
                }
            }
        }
        if let Some(rx) = &self.search {
            match rx.try_recv() {
                Ok(index) => {
                    self.search = None;
                    messages.push(Message::SearchReady(Box::new(index)));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.search = None;
                    messages.push(Message::Notice("search index could not be built".into()));
                }
            }
        }
        if let Some(writer) = &self.writer {
            messages.extend(writer.answers());
        }
        for message in messages {
            self.deliver(app, terminal, message);
        }
    }

    fn busy(&self) -> bool {
        self.loader.is_some() || self.analysis.is_some() || self.search.is_some()
    }
}

/// A crossterm mouse event as a message, when it is one the interface uses.
fn mouse_message(event: MouseEvent) -> Option<Message> {
    let (column, row) = (event.column, event.row);
    let mouse = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Mouse::Click { column, row },
        MouseEventKind::ScrollDown => Mouse::WheelDown { column, row },
        MouseEventKind::ScrollUp => Mouse::WheelUp { column, row },
        _ => return None,
    };
    Some(Message::Mouse(mouse))
}
