//! The application state and `update`, the only place it changes.
//!
//! [`App`] holds the loaded articles, what is selected and open, scroll positions, focus and
//! overlays, plus the per-article entity analyses (computed when an article is opened, then
//! cached). [`App::update`] applies a [`Message`]: an [`Action`] from the keymap or a
//! resize. Views only read it.

mod effects;
mod mouse;
mod reading;
mod search;

pub use super::config::Settings;
pub use effects::Effect;
pub use mouse::Mouse;

use super::action::Action;
use super::document::{self, Document, Highlight, Marks};
use super::entities::{EntityPage, History, PageLine, Snapshot};
use super::keymap::{Context, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::theme::Theme;
use crate::article::{Article, LoadReport, Problem};
use crate::corpus::load::LoadBatch;
use crate::corpus::{Corpus, EntityId};
use crate::ner::{Analysis, Entity, EntityKind};
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// Finds the entities of an article (the engine in the program, a fixed table in tests).
pub type Analyzer = Box<dyn Fn(&Article) -> Analysis>;

/// What the sidebar says while the open article's names are being found.
pub const FINDING_NAMES: &str = "Finding names\u{2026}";

/// What the status bar says when something needs the entity index before it is built.
const INDEXING: &str = "indexing\u{2026} entity pages and filters need the finished index";

/// Something for [`App::update`] to apply.
#[derive(Debug)]
pub enum Message {
    /// A user action, from the keymap.
    Action(Action),
    /// A character typed into the search prompt (keys the search context does not bind).
    Input(char),
    /// A mouse click or wheel turn.
    Mouse(Mouse),
    /// Time passed: pick up the results of background work (the search index).
    Tick,
    /// Something to tell the user in the status bar (a browser that would not start).
    Notice(String),
    /// The terminal changed size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// Background loading found this many files to read.
    LoadFound {
        /// Files to read.
        files: usize,
    },
    /// Background loading delivered the next articles, in collection order.
    Loaded {
        /// The articles, their keys and the problems met.
        batch: Box<LoadBatch>,
        /// Files read so far.
        files_done: usize,
    },
    /// Background loading has read every file: the list is complete.
    LoadFinished,
    /// Background analysis has started: opened articles are asked of it rather than
    /// analysed here.
    AnalysisStarted,
    /// Background analysis has done `done` of `total` articles.
    AnalysisProgress {
        /// Articles analysed so far.
        done: usize,
        /// Articles in all.
        total: usize,
        /// The time still needed, once the rate is known.
        left: Option<Duration>,
    },
    /// Background analysis answered a request for one article's analysis.
    Analysed {
        /// The article's position in the collection.
        article: usize,
        /// Its analysis.
        analysis: Box<Analysis>,
    },
    /// Background analysis finished: every article's analysis and the entity index.
    AnalysisFinished(Box<Corpus>),
}

/// A window drawn over the panes; keys go to it until it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key binding, by pane.
    Help,
    /// The files and lines that could not be loaded.
    Problems,
}

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// A group heading with the number of entities in it; places can be folded.
    Group {
        /// The kind of entity in the group.
        kind: EntityKind,
        /// How many entities the group has.
        count: usize,
        /// Whether its entities are listed (always for people and organizations).
        open: bool,
    },
    /// An entity: an index into the open article's [`Analysis::entities`].
    Entity(usize),
    /// A line of explanation (nothing found).
    Note(&'static str),
    /// The role of the entity above it, on a line of its own (not selectable).
    Role(usize),
}

impl SidebarRow {
    fn selectable(self) -> bool {
        matches!(
            self,
            SidebarRow::Entity(_)
                | SidebarRow::Group {
                    kind: EntityKind::Place,
                    ..
                }
        )
    }
}

/// The whole state of the interface.
pub struct App {
    articles: Arc<Vec<Article>>,
    problems: Vec<Problem>,
    keymap: Keymap,
    theme: Theme,
    analyzer: Analyzer,
    size: Rect,
    running: bool,
    focus: Pane,
    sidebar_hidden: bool,
    overlay: Option<Overlay>,
    overlay_scroll: usize,
    selected: usize,
    list_offset: usize,
    read: Vec<bool>,
    open: Option<usize>,
    /// Analyses held whole: before the corpus arrives, those of the articles opened so
    /// far; after, the open article's alone (decoded from the corpus).
    analyses: HashMap<usize, Analysis>,
    sidebar_rows: Vec<SidebarRow>,
    sidebar_selected: usize,
    sidebar_offset: usize,
    places_open: bool,
    doc: Document,
    doc_width: u16,
    reader_scroll: usize,
    mention: Option<usize>,
    /// The list's rows as article indices, when a search narrows it (`None`: every article).
    rows: Option<Vec<usize>>,
    search: search::SearchState,
    reading: reading::Reading,
    settings: Settings,
    effects: Vec<Effect>,
    corpus: Option<Box<Corpus>>,
    indexing: Option<(usize, usize)>,
    indexing_left: Option<Duration>,
    /// Background loading under way: (files read, files in all once known).
    loading: Option<(usize, Option<usize>)>,
    /// Whether background analysis serves the analyses of opened articles.
    analysis_running: bool,
    /// The opened article whose analysis was asked of background analysis.
    wanted: Option<usize>,
    /// Articles not opened yet (kept up to date with `read`).
    unread: usize,
    notice: Option<String>,
    page: Option<EntityPage>,
    history: History,
    filter: Option<(EntityId, Vec<usize>)>,
    /// The quotes of the entity under the sidebar cursor, for (article, entity).
    quotes: (Option<(usize, usize)>, Vec<String>),
}

impl App {
    /// The state for a loaded collection, analysing articles with the global entity engine.
    pub fn new(report: LoadReport, keymap: Keymap, theme: Theme) -> App {
        App::with_analyzer(
            report,
            keymap,
            theme,
            Box::new(|a| crate::ner::Engine::global().analyze(a)),
        )
    }

    /// The state for a loaded collection with a given analyzer.
    pub fn with_analyzer(
        report: LoadReport,
        keymap: Keymap,
        theme: Theme,
        analyzer: Analyzer,
    ) -> App {
        let read = vec![false; report.articles.len()];
        let unread = read.len();
        let mut app = App {
            articles: Arc::new(report.articles),
            problems: report.problems,
            keymap,
            theme,
            analyzer,
            size: Rect::new(0, 0, 80, 24),
            running: true,
            focus: Pane::List,
            sidebar_hidden: false,
            overlay: None,
            overlay_scroll: 0,
            selected: 0,
            list_offset: 0,
            read,
            open: None,
            analyses: HashMap::new(),
            sidebar_rows: Vec::new(),
            sidebar_selected: 0,
            sidebar_offset: 0,
            places_open: false,
            doc: Document::default(),
            doc_width: 0,
            reader_scroll: 0,
            mention: None,
            rows: None,
            search: search::SearchState::default(),
            reading: reading::Reading::default(),
            settings: Settings::default(),
            effects: Vec::new(),
            corpus: None,
            indexing: None,
            indexing_left: None,
            loading: None,
            analysis_running: false,
            wanted: None,
            unread,
            notice: None,
            page: None,
            history: History::default(),
            filter: None,
            quotes: (None, Vec::new()),
        };
        app.start_indexing();
        app
    }

    /// The state before anything is loaded, for a collection that arrives in
    /// [`Message::Loaded`] batches (the list grows as they come; the search index and the
    /// entity index are built once [`Message::LoadFinished`] says the list is complete).
    pub fn loading(keymap: Keymap, theme: Theme) -> App {
        let mut app = App::with_analyzer(
            LoadReport::default(),
            keymap,
            theme,
            Box::new(|a| crate::ner::Engine::global().analyze(a)),
        );
        app.search = search::SearchState::default();
        app.loading = Some((0, None));
        app
    }

    /// Apply the config file's settings (mouse, sidebar at start, pane widths, date
    /// format) and add its problems to the load problems, where `p` lists them.
    pub fn with_settings(mut self, settings: Settings, problems: Vec<Problem>) -> App {
        self.sidebar_hidden = !settings.sidebar;
        self.settings = settings;
        if !problems.is_empty() {
            let n = problems.len();
            self.notice = Some(format!(
                "config: {n} problem{} (press {} to see)",
                if n == 1 { "" } else { "s" },
                self.keymap
                    .keys_for(Context::Global, Action::ToggleProblems)
                    .first()
                    .map_or_else(|| "toggle_problems".to_string(), ToString::to_string)
            ));
            self.problems.extend(problems);
        }
        self.relayout();
        self
    }

    // ----- reading the state (for views and tests) -----

    /// The loaded articles.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }
    /// The load problems.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
    /// The keymap in use.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    /// Whether the event loop should go on.
    pub fn is_running(&self) -> bool {
        self.running
    }
    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }
    /// Whether the user hid the sidebar.
    pub fn sidebar_hidden(&self) -> bool {
        self.sidebar_hidden
    }
    /// The help overlay's scroll position, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        (self.overlay == Some(Overlay::Help)).then_some(self.overlay_scroll)
    }
    /// The open overlay, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }
    /// The open overlay's scroll position.
    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }
    /// The open overlay's lines.
    pub fn overlay_lines(&self) -> Vec<ratatui::text::Line<'static>> {
        match self.overlay {
            Some(Overlay::Help) => super::view::help::lines(&self.keymap, &self.theme),
            Some(Overlay::Problems) => {
                super::view::help::problem_lines(&self.problems, &self.theme)
            }
            None => Vec::new(),
        }
    }
    /// The selected article's index (the list cursor).
    pub fn selected(&self) -> usize {
        self.selected
    }
    /// The article under the list cursor, when the list shows it.
    pub fn selected_article(&self) -> Option<usize> {
        self.list_article(self.list_position(self.selected))
            .filter(|&a| a == self.selected)
    }
    /// A message for the status bar (state file, config or clipboard news), if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
    /// The settings from the config file.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The first article shown in the list.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }
    /// Whether an article has been opened.
    pub fn is_read(&self, index: usize) -> bool {
        self.read.get(index).copied().unwrap_or(false)
    }
    /// How many articles have not been opened yet.
    pub fn unread_count(&self) -> usize {
        self.unread
    }
    /// Background loading progress while it runs: (files read, files in all once known).
    pub fn loading_progress(&self) -> Option<(usize, Option<usize>)> {
        self.loading
    }
    /// Whether articles are still being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
    /// The time background analysis still needs, once it can tell.
    pub fn indexing_left(&self) -> Option<Duration> {
        self.indexing_left
    }
    /// The opened article whose analysis is awaited from background analysis (the event
    /// loop asks the workers for it first).
    pub fn wanted_analysis(&self) -> Option<usize> {
        self.wanted
    }
    /// The articles' content keys, in collection order.
    pub fn article_keys(&self) -> &[String] {
        self.reading_keys()
    }
    /// The index of the article in the reader.
    pub fn open_index(&self) -> Option<usize> {
        self.open
    }
    /// The article in the reader.
    pub fn open_article(&self) -> Option<&Article> {
        self.open.and_then(|i| self.articles.get(i))
    }
    /// The entity analysis of the article in the reader.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analyses.get(&self.open?)
    }
    /// The loaded articles, shared (for background analysis).
    pub fn shared_articles(&self) -> Arc<Vec<Article>> {
        Arc::clone(&self.articles)
    }
    /// The finished collection analysis and entity index, once background analysis is done.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.corpus.as_deref()
    }
    /// Background analysis progress (`done`, `total`) while it runs.
    pub fn indexing(&self) -> Option<(usize, usize)> {
        self.indexing
    }
    /// The entity page shown over the panes, if any.
    pub fn entity_page(&self) -> Option<&EntityPage> {
        self.page.as_ref()
    }
    /// How many steps back the history holds.
    pub fn history_len(&self) -> usize {
        self.history.back_len()
    }
    /// The entity whose articles the list is limited to, if any.
    pub fn filter(&self) -> Option<EntityId> {
        self.filter.as_ref().map(|(id, _)| *id)
    }
    /// How many articles the list shows.
    pub fn list_len(&self) -> usize {
        if let Some(rows) = &self.rows {
            return rows.len();
        }
        match &self.filter {
            Some((_, rows)) => rows.len(),
            None => self.articles.len(),
        }
    }
    /// The article at a position of the list.
    pub fn list_article(&self, position: usize) -> Option<usize> {
        if let Some(rows) = &self.rows {
            return rows.get(position).copied();
        }
        match &self.filter {
            Some((_, rows)) => rows.get(position).copied(),
            None => (position < self.articles.len()).then_some(position),
        }
    }
    /// The list position of an article (the first row when it is filtered out).
    pub fn list_position(&self, article: usize) -> usize {
        if let Some(rows) = &self.rows {
            // Search results are in rank order, not article order.
            return rows.iter().position(|&r| r == article).unwrap_or(0);
        }
        match &self.filter {
            Some((_, rows)) => rows.binary_search(&article).unwrap_or(0),
            None => article,
        }
    }
    /// The global id of the entity under the sidebar cursor (needs the finished index).
    pub fn selected_entity_id(&self) -> Option<EntityId> {
        let (open, corpus) = (self.open?, self.corpus.as_ref()?);
        match self.sidebar_rows.get(self.sidebar_selected)? {
            SidebarRow::Entity(i) => corpus.index.global_id(open, *i),
            _ => None,
        }
    }
    /// Lines visible on the entity page at once.
    pub fn page_height(&self) -> usize {
        usize::from(layout::inner(self.page_area()).height).max(1)
    }
    /// Where the entity page is drawn: the whole screen above the status bar.
    pub fn page_area(&self) -> Rect {
        Rect {
            height: self.size.height.saturating_sub(1),
            ..self.size
        }
    }
    /// The reader's laid-out lines.
    pub fn document(&self) -> &Document {
        &self.doc
    }
    /// The first reader line on screen.
    pub fn reader_scroll(&self) -> usize {
        self.reader_scroll
    }
    /// The sidebar rows.
    pub fn sidebar_rows(&self) -> &[SidebarRow] {
        &self.sidebar_rows
    }
    /// The sidebar cursor (an index into [`App::sidebar_rows`]).
    pub fn sidebar_selected(&self) -> usize {
        self.sidebar_selected
    }
    /// The first sidebar row on screen.
    pub fn sidebar_offset(&self) -> usize {
        self.sidebar_offset
    }
    /// The quotes the open article attributes to the entity under the sidebar cursor.
    pub fn selected_quotes(&self) -> &[String] {
        &self.quotes.1
    }
    /// The entity under the sidebar cursor.
    pub fn selected_entity(&self) -> Option<&Entity> {
        match self.sidebar_rows.get(self.sidebar_selected)? {
            SidebarRow::Entity(i) => self.analysis()?.entities.get(*i),
            _ => None,
        }
    }
    /// The screen divided into panes for the current size, focus and sidebar toggle.
    pub fn panes(&self) -> Panes {
        self.panes_in(self.size)
    }
    /// The panes for a screen area, with the configured widths.
    pub fn panes_in(&self, area: Rect) -> Panes {
        Panes::with_widths(area, self.focus, self.sidebar_hidden, self.settings.widths)
    }
    /// The keymap context keys are looked up in: the overlay's, else the focused pane's.
    pub fn context(&self) -> Context {
        if self.search.prompt_open() {
            return Context::Search;
        }
        if self.overlay.is_some() {
            return Context::Help;
        }
        if self.page.is_some() {
            return Context::Entity;
        }
        match self.focus {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Sidebar => Context::Sidebar,
        }
    }

    // ----- changing it -----

    /// Look a key press up in the keymap and apply its action. Releases and repeats are
    /// ignored (some terminals report both, which would double every key).
    pub fn handle_key(&mut self, event: KeyEvent) {
        if event.kind != KeyEventKind::Press {
            return;
        }
        let context = self.context();
        if let Some(action) = self.keymap.action(context, &event) {
            self.update(Message::Action(action));
        } else if context == Context::Search
            && let crossterm::event::KeyCode::Char(c) = event.code
            && !event.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            )
        {
            self.update(Message::Input(c));
        }
    }

    /// Apply one message. The only place the state changes.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.relayout();
            }
            Message::Action(action) => {
                self.notice = None;
                self.apply(action);
            }
            Message::LoadFound { files } => {
                if let Some(loading) = &mut self.loading {
                    loading.1 = Some(files);
                }
            }
            Message::Loaded { batch, files_done } => self.append(*batch, files_done),
            Message::LoadFinished => {
                self.loading = None;
                self.start_indexing();
            }
            Message::AnalysisStarted => {
                self.analysis_running = true;
                // Progress shows from the start, before the workers' first report.
                self.indexing = Some((0, self.articles.len()));
            }
            Message::AnalysisProgress { done, total, left } => {
                self.indexing = Some((done, total));
                self.indexing_left = left;
            }
            Message::Analysed { article, analysis } => {
                if self.corpus.is_none() {
                    self.analyses.insert(article, *analysis);
                }
                if self.wanted == Some(article) {
                    self.wanted = None;
                }
                if self.open == Some(article) {
                    self.rebuild_sidebar();
                }
            }
            Message::AnalysisFinished(corpus) => {
                self.indexing = None;
                self.indexing_left = None;
                self.analysis_running = false;
                self.wanted = None;
                self.corpus = Some(corpus);
                self.analyses.clear();
                if let Some(open) = self.open {
                    self.take_corpus_analysis(open);
                    self.rebuild_sidebar();
                }
                self.requery_entities();
            }
            Message::Input(c) => self.search_input(c),
            Message::Mouse(mouse) => self.mouse(mouse),
            Message::Tick => self.tick(),
            Message::Notice(text) => self.notice = Some(text),
        }
        self.sync_quotes();
    }

    /// Find the selected entity's quotes when the article or the selection changed.
    fn sync_quotes(&mut self) {
        let key = match (self.open, self.sidebar_rows.get(self.sidebar_selected)) {
            (Some(open), Some(SidebarRow::Entity(i))) => Some((open, *i)),
            _ => None,
        };
        if key == self.quotes.0 {
            return;
        }
        let quotes = match (self.open_article(), self.selected_entity()) {
            (Some(article), Some(entity)) => {
                crate::ner::quotes::quotes_of(&article.body_text(), &entity.spans)
                    .into_iter()
                    .map(|q| q.text)
                    .collect()
            }
            _ => Vec::new(),
        };
        self.quotes = (key, quotes);
    }

    fn apply(&mut self, action: Action) {
        // A notice stays until the next key.
        self.notice = None;
        match action {
            Action::Quit => {
                self.save_scroll();
                self.running = false;
            }
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::ToggleProblems => self.toggle_overlay(Overlay::Problems),
            Action::CloseOverlay => self.overlay = None,
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::FocusLeft => self.step_focus(-1),
            Action::FocusRight => self.step_focus(1),
            Action::FocusList => {
                self.leave_page();
                self.set_focus(Pane::List);
            }
            Action::FocusReader => {
                self.leave_page();
                self.set_focus(Pane::Reader);
            }
            Action::FocusSidebar => {
                self.leave_page();
                self.sidebar_hidden = false;
                self.set_focus(Pane::Sidebar);
            }
            Action::ToggleSidebar => {
                self.sidebar_hidden = !self.sidebar_hidden;
                if self.sidebar_hidden
                    && self.focus == Pane::Sidebar
                    && self.panes().mode != Mode::Single
                {
                    self.focus = Pane::Reader;
                }
                self.relayout();
            }
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::MoveTop => self.move_by(isize::MIN / 2),
            Action::MoveBottom => self.move_by(isize::MAX / 2),
            Action::HalfPageDown => self.move_pages(1, 2),
            Action::HalfPageUp => self.move_pages(-1, 2),
            Action::PageDown => self.move_pages(1, 1),
            Action::PageUp => self.move_pages(-1, 1),
            Action::ReaderPageDown => self.reader_page(1),
            Action::ReaderPageUp => self.reader_page(-1),
            Action::Open => self.open_selected(),
            Action::NextMention => self.next_match(1),
            Action::PrevMention => self.next_match(-1),
            Action::FirstMention => {
                self.mention = None;
                self.jump_mention(1);
                if self.panes().mode == Mode::Single {
                    self.set_focus(Pane::Reader);
                }
            }
            Action::Back => {
                let here = self.snapshot();
                match self.history.back(here) {
                    Some(to) => self.restore(to),
                    None => self.notice = Some("nothing to go back to".into()),
                }
            }
            Action::Forward => {
                let here = self.snapshot();
                match self.history.forward(here) {
                    Some(to) => self.restore(to),
                    None => self.notice = Some("nothing to go forward to".into()),
                }
            }
            Action::FilterEntity => self.filter_entity(),
            Action::ClearFilter => {
                if self.filter.take().is_some() {
                    self.clamp_list();
                }
                self.search_clear();
            }
            Action::Search => self.search_open(),
            Action::SearchAccept => self.search_accept(),
            Action::SearchCancel => self.search_cancel(),
            Action::SearchBackspace => self.search_edit(|s| {
                s.pop();
            }),
            Action::SearchDeleteWord => self.search_edit(|s| {
                let kept = s.trim_end().rfind(' ').map_or(0, |i| i + 1);
                s.truncate(kept);
            }),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleStar => self.toggle_star(),
            Action::OpenInBrowser => self.open_in_browser(),
            Action::CopyLink => self.copy_link(),
            Action::OpenInPager => self.open_in_pager(),
        }
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        if self.overlay == Some(overlay) {
            self.overlay = None;
        } else {
            self.overlay = Some(overlay);
            self.overlay_scroll = 0;
        }
    }

    fn set_focus(&mut self, pane: Pane) {
        let before = self.panes().mode;
        self.focus = pane;
        if before == Mode::Single {
            self.clamp_all();
        }
    }

    /// The panes Tab cycles through: all three when one is shown at a time, else those on
    /// screen.
    fn focusable(&self) -> Vec<Pane> {
        let panes = self.panes();
        Pane::ORDER
            .into_iter()
            .filter(|&p| panes.mode == Mode::Single || panes.shows(p))
            .collect()
    }

    fn cycle_focus(&mut self, step: isize) {
        let order = self.focusable();
        let Some(at) = order.iter().position(|&p| p == self.focus) else {
            self.set_focus(Pane::List);
            return;
        };
        let next = (at as isize + step).rem_euclid(order.len() as isize) as usize;
        self.set_focus(order[next]);
    }

    fn step_focus(&mut self, step: isize) {
        let order = self.focusable();
        let at = order.iter().position(|&p| p == self.focus).unwrap_or(0);
        let next = (at as isize + step).clamp(0, order.len() as isize - 1) as usize;
        self.set_focus(order[next]);
    }

    /// The area a pane has when it is on screen (on narrow screens: when it has focus).
    fn pane_area(&self, pane: Pane) -> Rect {
        Panes::with_widths(self.size, pane, self.sidebar_hidden, self.settings.widths)
            .get(pane)
            .unwrap_or_default()
    }

    /// Articles visible in the list at once (two lines each).
    pub fn list_page(&self) -> usize {
        (usize::from(layout::inner(self.pane_area(Pane::List)).height) / 2).max(1)
    }
    /// Reader lines visible at once.
    pub fn reader_height(&self) -> usize {
        usize::from(layout::reader_text(self.pane_area(Pane::Reader)).height).max(1)
    }
    /// Sidebar rows visible at once.
    pub fn sidebar_page(&self) -> usize {
        usize::from(
            layout::sidebar_parts(self.pane_area(Pane::Sidebar))
                .0
                .height,
        )
        .max(1)
    }
    /// Overlay lines visible at once.
    pub fn overlay_page(&self) -> usize {
        usize::from(layout::inner(super::view::help::area(self.size)).height).max(1)
    }

    fn max_reader_scroll(&self) -> usize {
        self.doc.lines.len().saturating_sub(self.reader_height())
    }

    fn move_pages(&mut self, direction: isize, divisor: usize) {
        let page = match self.context() {
            Context::List => self.list_page(),
            Context::Reader => self.reader_height().saturating_sub(1),
            Context::Sidebar => self.sidebar_page(),
            Context::Help => self.overlay_page(),
            Context::Entity => self.page_height(),
            Context::Global => 1,
            Context::Search => self.list_page(),
        };
        let step = (page / divisor).max(1) as isize;
        self.move_by(direction * step);
    }

    fn move_by(&mut self, delta: isize) {
        match self.context() {
            Context::Help => {
                let max = self
                    .overlay_lines()
                    .len()
                    .saturating_sub(self.overlay_page());
                self.overlay_scroll = offset(self.overlay_scroll, delta, max);
            }
            Context::List | Context::Search => {
                let last = self.list_len().saturating_sub(1);
                let at = offset(self.list_position(self.selected), delta, last);
                if let Some(article) = self.list_article(at) {
                    self.selected = article;
                }
                self.clamp_list();
            }
            Context::Entity => {
                let height = self.page_height();
                if let Some(page) = &mut self.page {
                    if let Some(corpus) = &self.corpus {
                        page.grow_for(corpus, delta, height);
                    }
                    page.move_by(delta, height);
                }
            }
            Context::Reader => {
                self.reader_scroll = offset(self.reader_scroll, delta, self.max_reader_scroll());
            }
            Context::Sidebar => self.move_sidebar(delta),
            Context::Global => {}
        }
    }

    fn reader_page(&mut self, direction: isize) {
        if self.open.is_none() {
            if direction > 0
                && let Some(index) = self.selected_article()
            {
                self.open_article_at(index);
            }
            return;
        }
        if self.panes().mode == Mode::Single && self.focus != Pane::Reader {
            self.set_focus(Pane::Reader);
        }
        let step = self.reader_height().saturating_sub(1).max(1) as isize;
        self.reader_scroll = offset(
            self.reader_scroll,
            direction * step,
            self.max_reader_scroll(),
        );
    }

    fn open_selected(&mut self) {
        if self.page.is_some() {
            self.open_from_page();
            return;
        }
        match self.focus {
            Pane::List => {
                if self.selected < self.articles.len() {
                    if self.open != Some(self.selected) {
                        self.history.visit(self.snapshot());
                    }
                    self.open_article_at(self.selected);
                    self.set_focus(Pane::Reader);
                }
            }
            Pane::Sidebar => match self.sidebar_rows.get(self.sidebar_selected).copied() {
                Some(SidebarRow::Group {
                    kind: EntityKind::Place,
                    ..
                }) => {
                    self.places_open = !self.places_open;
                    self.rebuild_sidebar();
                }
                Some(SidebarRow::Entity(_)) => match self.selected_entity_id() {
                    Some(id) => self.open_page(id),
                    None => self.notice = Some(INDEXING.into()),
                },
                _ => {}
            },
            Pane::Reader => {}
        }
    }

    fn open_article_at(&mut self, index: usize) {
        if self.open != Some(index) && index < self.articles.len() {
            self.save_scroll();
        }
        let Some(article) = self.articles.get(index) else {
            return;
        };
        if self.open != Some(index) {
            if self.corpus.is_some() {
                self.take_corpus_analysis(index);
            } else if !self.analyses.contains_key(&index) {
                if self.analysis_running {
                    // The workers analyse it before anything else; the sidebar waits.
                    self.wanted = Some(index);
                } else {
                    let analysis = (self.analyzer)(article);
                    self.analyses.insert(index, analysis);
                }
            }
            self.open = Some(index);
            self.reader_scroll = 0;
            self.sidebar_selected = 0;
            self.sidebar_offset = 0;
            self.mention = None;
            self.search.current = None;
            self.rebuild_sidebar();
            self.restore_scroll(index);
        }
        self.mark_opened(index);
    }

    /// Add the next loaded articles to the list, with their reading state.
    fn append(&mut self, batch: LoadBatch, files_done: usize) {
        if let Some(loading) = &mut self.loading {
            loading.0 = files_done;
        }
        self.problems.extend(batch.problems);
        if batch.articles.is_empty() {
            return;
        }
        let from = self.articles.len();
        let added = batch.articles.len();
        // Nothing else holds the articles while they load, so this appends in place.
        Arc::make_mut(&mut self.articles).extend(batch.articles);
        self.read.resize(self.articles.len(), false);
        self.unread += added;
        self.add_reading_state(from, batch.keys);
        self.clamp_list();
    }

    /// Keep the open article's analysis, decoded from the corpus, as the only one held
    /// beside it (the corpus keeps every analysis in compact form).
    fn take_corpus_analysis(&mut self, index: usize) {
        self.analyses.clear();
        if let Some(analysis) = self.corpus.as_ref().and_then(|c| c.analysis(index)) {
            self.analyses.insert(index, analysis);
        }
    }

    fn rebuild_sidebar(&mut self) {
        let keep = self
            .sidebar_rows
            .get(self.sidebar_selected)
            .copied()
            .filter(|r| r.selectable());
        self.sidebar_rows = match self.analysis() {
            Some(analysis) => sidebar_rows(analysis, self.places_open),
            None => Vec::new(),
        };
        self.sidebar_selected = keep
            .and_then(|row| self.sidebar_rows.iter().position(|r| *r == row))
            .or_else(|| self.sidebar_rows.iter().position(|r| r.selectable()))
            .unwrap_or(0);
        self.relayout();
    }

    fn move_sidebar(&mut self, delta: isize) {
        let selectable: Vec<usize> = (0..self.sidebar_rows.len())
            .filter(|&i| self.sidebar_rows[i].selectable())
            .collect();
        if selectable.is_empty() {
            return;
        }
        let at = selectable
            .iter()
            .position(|&i| i >= self.sidebar_selected)
            .unwrap_or(0);
        let next = offset(at, delta, selectable.len() - 1);
        if selectable[next] != self.sidebar_selected {
            self.sidebar_selected = selectable[next];
            self.mention = None;
            self.relayout();
        }
    }

    fn jump_mention(&mut self, step: isize) {
        let Some(entity) = self.selected_entity() else {
            return;
        };
        let starts: Vec<usize> = entity.spans.iter().map(|s| s.0).collect();
        if starts.is_empty() {
            self.reader_scroll = 0;
            return;
        }
        let n = starts.len() as isize;
        let next = match self.mention {
            Some(m) => (m as isize + step).rem_euclid(n) as usize,
            None if step > 0 => 0,
            None => starts.len() - 1,
        };
        self.mention = Some(next);
        if let Some(line) = self.doc.line_of(starts[next]) {
            let context = self.reader_height() / 3;
            self.reader_scroll = line.saturating_sub(context).min(self.max_reader_scroll());
        }
    }

    /// Which mention of the selected entity the reader was last moved to.
    pub fn mention_index(&self) -> Option<usize> {
        self.mention
    }

    /// Lay the open article out again for the reader's width and the current highlights.
    ///
    /// When the width changes, the reader stays on the same paragraph text: the body byte
    /// at the top of the screen is found again in the new lines.
    fn relayout(&mut self) {
        let width = layout::reader_text(self.pane_area(Pane::Reader)).width;
        let anchor = if width != self.doc_width && self.reader_scroll > 0 {
            self.doc
                .body_lines
                .iter()
                .take_while(|&&(_, line)| line <= self.reader_scroll)
                .last()
                .map(|&(offset, _)| offset)
        } else {
            None
        };
        self.doc = match self.open_article() {
            Some(article) => {
                let marks = self.marks();
                document::layout(article, width, &self.theme, &marks)
            }
            None => Document::default(),
        };
        self.doc_width = width;
        if let Some(line) = anchor.and_then(|offset| self.doc.line_of(offset)) {
            self.reader_scroll = line;
        }
        self.clamp_all();
    }

    /// Highlights for the open article: every person and organization by kind, the
    /// sidebar's entity (of any kind) on top.
    fn marks(&self) -> Marks {
        let mut marks = Marks::default();
        let Some(analysis) = self.analysis() else {
            return marks;
        };
        let selected = self.selected_entity();
        let mut add = |e: &Entity, style| {
            for &(s, t) in &e.spans {
                marks.body.push(Highlight { range: s..t, style });
            }
            for &(s, t) in &e.title_spans {
                marks.title.push(Highlight { range: s..t, style });
            }
        };
        for e in &analysis.entities {
            if e.kind != EntityKind::Place {
                add(e, self.theme.mention(e.kind));
            }
        }
        if let Some(e) = selected {
            add(e, self.theme.mention_selected);
        }
        self.search_marks(&mut marks);
        marks
    }

    fn clamp_list(&mut self) {
        let page = self.list_page();
        self.selected = self.selected.min(self.articles.len().saturating_sub(1));
        if self.list_article(self.list_position(self.selected)) != Some(self.selected)
            && let Some(first) = self.list_article(0)
        {
            self.selected = first;
        }
        let at = self.list_position(self.selected);
        if at < self.list_offset {
            self.list_offset = at;
        } else if at >= self.list_offset + page {
            self.list_offset = at + 1 - page;
        }
        let max_offset = self.list_len().saturating_sub(page);
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn clamp_all(&mut self) {
        self.clamp_list();
        self.reader_scroll = self.reader_scroll.min(self.max_reader_scroll());
        let page = self.sidebar_page();
        // Keep the selected entity's role line on screen with it.
        let last = match self.sidebar_rows.get(self.sidebar_selected + 1) {
            Some(SidebarRow::Role(_)) => self.sidebar_selected + 1,
            _ => self.sidebar_selected,
        };
        if self.sidebar_selected < self.sidebar_offset {
            self.sidebar_offset = self.sidebar_selected;
        } else if last >= self.sidebar_offset + page {
            self.sidebar_offset = (last + 1 - page).min(self.sidebar_selected);
        }
        self.sidebar_offset = self
            .sidebar_offset
            .min(self.sidebar_rows.len().saturating_sub(page));
        let height = self.page_height();
        if let Some(page) = &mut self.page {
            page.clamp(height);
        }
        if self.overlay.is_some() {
            let max = self
                .overlay_lines()
                .len()
                .saturating_sub(self.overlay_page());
            self.overlay_scroll = self.overlay_scroll.min(max);
        }
    }
}

impl App {
    // ----- entity pages, history and the filter -----

    /// Where the user is now, for the history.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            page: self.page.clone(),
            open: self.open,
            selected: self.selected,
            list_offset: self.list_offset,
            focus: self.focus,
            reader_scroll: self.reader_scroll,
            sidebar_selected: self.sidebar_selected,
            sidebar_offset: self.sidebar_offset,
            places_open: self.places_open,
            mention: self.mention,
        }
    }

    /// Go back to a recorded place: the same article, page, cursors and scroll.
    fn restore(&mut self, to: Snapshot) {
        if let Some(index) = to.open {
            self.open_article_at(index);
        } else {
            self.open = None;
        }
        self.page = to.page;
        self.selected = to.selected.min(self.articles.len().saturating_sub(1));
        self.list_offset = to.list_offset;
        self.focus = to.focus;
        self.places_open = to.places_open;
        self.sidebar_rows = match self.analysis() {
            Some(analysis) => sidebar_rows(analysis, self.places_open),
            None => Vec::new(),
        };
        self.sidebar_selected = to.sidebar_selected;
        self.sidebar_offset = to.sidebar_offset;
        self.mention = to.mention;
        self.reader_scroll = to.reader_scroll;
        self.relayout();
    }

    /// Leave the entity page for the panes, remembering it for Back.
    fn leave_page(&mut self) {
        if self.page.is_some() {
            self.history.visit(self.snapshot());
            self.page = None;
            self.relayout();
        }
    }

    /// Show the page of a global entity.
    fn open_page(&mut self, id: EntityId) {
        let Some(corpus) = &self.corpus else {
            self.notice = Some(INDEXING.into());
            return;
        };
        let page = EntityPage::build(corpus, id);
        self.history.visit(self.snapshot());
        self.page = Some(page);
        self.clamp_all();
    }

    /// Enter on the entity page: open the article (at the entity's first mention) or the
    /// related entity's page under the cursor.
    fn open_from_page(&mut self) {
        let Some(line) = self.page.as_ref().and_then(|p| p.selected_line()).cloned() else {
            return;
        };
        match line {
            PageLine::Related(id, _) => self.open_page(id),
            PageLine::Article(occ) => {
                self.history.visit(self.snapshot());
                self.page = None;
                let place = self
                    .corpus
                    .as_ref()
                    .and_then(|c| c.analysis(occ.article)?.entities.into_iter().nth(occ.local))
                    .is_some_and(|e| e.kind == EntityKind::Place);
                if place {
                    self.places_open = true;
                }
                self.open_article_at(occ.article);
                self.selected = occ.article;
                self.rebuild_sidebar();
                if let Some(row) = self
                    .sidebar_rows
                    .iter()
                    .position(|r| *r == SidebarRow::Entity(occ.local))
                {
                    self.sidebar_selected = row;
                }
                self.set_focus(Pane::Reader);
                self.relayout();
                self.mention = None;
                self.jump_mention(1);
            }
            _ => {}
        }
    }

    /// The entity for `f`: the page's entity (or the related one under its cursor), else
    /// the sidebar's.
    fn filter_entity(&mut self) {
        let id = match &self.page {
            Some(page) => match page.selected_line() {
                Some(PageLine::Related(id, _)) => Some(*id),
                _ => Some(page.id),
            },
            None => self.selected_entity_id(),
        };
        let Some(corpus) = &self.corpus else {
            self.notice = Some(INDEXING.into());
            return;
        };
        let Some(id) = id else {
            self.notice = Some("select a name to filter by".into());
            return;
        };
        let mut rows: Vec<usize> = corpus
            .index
            .entities
            .get(id)
            .map(|e| e.occurrences.iter().map(|o| o.article).collect())
            .unwrap_or_default();
        rows.sort_unstable();
        rows.dedup();
        self.filter = Some((id, rows));
        self.leave_page();
        self.list_offset = 0;
        self.set_focus(Pane::List);
        self.clamp_list();
    }

    /// The position of the reader on the selected entity's mentions: (`n`th, of).
    pub fn mention_position(&self) -> Option<(usize, usize)> {
        let m = self.mention?;
        let total = self.selected_entity()?.spans.len();
        Some((m + 1, total))
    }

    /// The name of the entity the list is filtered by.
    pub fn filter_name(&self) -> Option<&str> {
        let id = self.filter()?;
        Some(self.corpus.as_ref()?.index.entities.get(id)?.name.as_str())
    }
}

/// `at + delta`, kept within `0..=max`.
fn offset(at: usize, delta: isize, max: usize) -> usize {
    let target = at as isize + delta;
    target.clamp(0, max as isize) as usize
}

/// Where an entity first appears: the title counts as before the body.
fn first_seen(e: &Entity) -> usize {
    if !e.title_spans.is_empty() {
        0
    } else {
        e.spans
            .first()
            .map_or(usize::MAX, |s| s.0.saturating_add(1))
    }
}

/// The sidebar for an analysis: people, then organizations, then places (folded unless
/// `places_open`), each sorted by mention count then first appearance. A role, when the
/// article gives one, gets its own line under the name.
pub fn sidebar_rows(analysis: &Analysis, places_open: bool) -> Vec<SidebarRow> {
    let mut rows = Vec::new();
    let group = |kind: EntityKind| {
        let mut members: Vec<usize> = analysis
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(i, _)| i)
            .collect();
        members.sort_by_key(|&i| {
            let e = &analysis.entities[i];
            (std::cmp::Reverse(e.mentions), first_seen(e), i)
        });
        members
    };
    let people = group(EntityKind::Person);
    let orgs = group(EntityKind::Organization);
    let places = group(EntityKind::Place);
    for (kind, members) in [
        (EntityKind::Person, &people),
        (EntityKind::Organization, &orgs),
    ] {
        if members.is_empty() {
            continue;
        }
        rows.push(SidebarRow::Group {
            kind,
            count: members.len(),
            open: true,
        });
        for &i in members {
            rows.push(SidebarRow::Entity(i));
            if analysis.entities[i]
                .role
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty())
            {
                rows.push(SidebarRow::Role(i));
            }
        }
    }
    if people.is_empty() && orgs.is_empty() {
        rows.push(SidebarRow::Note("No names found."));
    }
    if !places.is_empty() {
        rows.push(SidebarRow::Group {
            kind: EntityKind::Place,
            count: places.len(),
            open: places_open,
        });
        if places_open {
            rows.extend(places.iter().map(|&i| SidebarRow::Entity(i)));
        }
    }
    rows
}
