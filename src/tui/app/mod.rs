//! The application state and [`App::update`], the only place it changes.
//!
//! [`App`] keeps the routing (which pane has focus, the overlay, the entity page and the
//! history) and one state struct per pane and concern, each owning its fields and its
//! moves: [`List`], [`Reader`], [`Sidebar`], [`OverlayState`], [`Progress`] (background
//! work), [`SearchState`], [`Reading`] (read, starred, scroll) and the status-bar
//! [`Notice`]. `update` applies a [`Message`] (an [`Action`] from the keymap, typed text, the
//! mouse, a resize, or the answer of background work) by calling those moves, and returns
//! the [`Command`]s for the work outside the state; it reads no file, writes no store,
//! starts no thread and runs no entity engine. Views only read the state.

mod list;
mod mouse;
mod overlay;
mod progress;
mod reader;
mod reading;
mod search;
mod sidebar;
mod steps;

pub use super::config::Settings;
pub use list::List;
pub use mouse::Mouse;
pub use overlay::{Overlay, OverlayState, help_lines, problem_lines};
pub use progress::Progress;
pub use reader::Reader;
pub use reading::{Reading, Remembered};
pub use search::SearchState;
pub use sidebar::{Sidebar, SidebarRow, sidebar_rows};

use super::action::Action;
use super::command::Command;
use super::document::{Highlight, Marks};
use super::entities::{EntityPage, History, PageLine, Snapshot};
use super::keymap::{Context, Keymap};
use super::layout::{self, Mode, Pane, Panes};
use super::theme::Theme;
use crate::article::{Article, Problem};
use crate::corpus::load::LoadEvent;
use crate::corpus::{AnalysisEvent, Corpus, EntityId};
use crate::ner::{Analysis, Entity, EntityKind};
use crate::search::{Context as SearchContext, SearchIndex};
use crate::store::{ArticleState, StoreError};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;

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
    /// Something to tell the user in the status bar (a browser that would not start).
    Notice(String),
    /// The terminal changed size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// News from background loading: files found, the next articles, the end.
    Load(LoadEvent),
    /// Background analysis has started ([`Command::StartAnalysis`]): opened articles are
    /// asked of it rather than analysed at once.
    AnalysisStarted,
    /// News from analysis: progress, an article's analysis, the finished entity index.
    Analysis(AnalysisEvent),
    /// The search index asked for with [`Command::BuildSearchIndex`].
    SearchReady(Box<SearchIndex>),
    /// How a [`Command::Save`] went.
    Saved(Result<(), StoreError>),
}

/// What the status bar says about a pressed key that means nothing here: the key, and
/// the key that opens the help. Releases, repeats and bare modifier keys say nothing.
fn unbound_notice(event: &KeyEvent, keymap: &Keymap, context: Context) -> Option<String> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    if matches!(event.code, KeyCode::Modifier(_) | KeyCode::Null) {
        return None;
    }
    let key = super::keymap::Key::from_event(event);
    // In the prompt `?` is typed, so the help key is only named where it opens the help.
    let help = match context {
        Context::Search => None,
        _ => keymap
            .effective_keys(context, Action::ToggleHelp)
            .first()
            .map(ToString::to_string),
    };
    Some(match help {
        Some(help) => format!("{key} is not bound here \u{b7} {help} for help"),
        None => format!("{key} is not bound here"),
    })
}

/// A line for the status bar, shown until the next key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notice(Option<String>);

impl Notice {
    /// The text shown, if any.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    fn show(&mut self, text: impl Into<String>) {
        self.0 = Some(text.into());
    }

    fn clear(&mut self) {
        self.0 = None;
    }
}

/// The whole state of the interface.
pub struct App {
    articles: Arc<Vec<Article>>,
    problems: Vec<Problem>,
    keymap: Keymap,
    theme: Theme,
    settings: Settings,
    size: Rect,
    running: bool,
    focus: Pane,
    sidebar_hidden: bool,
    overlay: OverlayState,
    /// The entity page shown over the panes, if any.
    page: Option<EntityPage>,
    history: History,
    list: List,
    reader: Reader,
    sidebar: Sidebar,
    progress: Progress,
    search: SearchState,
    reading: Reading,
    /// The articles the last mark-all-read changed, until the next key (for undo).
    undo: Option<Vec<usize>>,
    notice: Notice,
}

impl App {
    /// The state before anything is loaded. The articles arrive in
    /// [`Message::Load`] batches (the list grows as they come); the search index and the
    /// entity analysis are asked for once the list is complete.
    pub fn loading(keymap: Keymap, theme: Theme) -> App {
        App {
            articles: Arc::new(Vec::new()),
            problems: Vec::new(),
            keymap,
            theme,
            settings: Settings::default(),
            size: Rect::new(0, 0, 80, 24),
            running: true,
            focus: Pane::List,
            sidebar_hidden: false,
            overlay: OverlayState::default(),
            page: None,
            history: History::default(),
            list: List::default(),
            reader: Reader::default(),
            sidebar: Sidebar::default(),
            progress: Progress::loading(),
            search: SearchState::default(),
            reading: Reading::default(),
            undo: None,
            notice: Notice::default(),
        }
    }

    /// Start with the config file's settings (mouse, sidebar at start, pane widths, date
    /// format) and its problems added to the load problems, where `p` lists them.
    pub fn with_settings(mut self, settings: Settings, problems: Vec<Problem>) -> App {
        self.sidebar_hidden = !settings.sidebar;
        self.list.set_order(settings.sort, Vec::new());
        self.list.set_unread_only(!settings.show_read);
        self.settings = settings;
        if !problems.is_empty() {
            let n = problems.len();
            self.notice.show(format!(
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

    /// Start with what the store remembered: read and starred marks and scroll positions
    /// apply as the articles load, and the last open article opens again when it arrives.
    /// The store's notice (a backup made, saving off) goes to the status bar.
    pub fn with_remembered(mut self, mut remembered: Remembered) -> App {
        if let Some(notice) = remembered.notice.take() {
            self.notice.show(notice);
        }
        self.reading.remember(remembered);
        self
    }

    // ----- reading the state (for views and tests) -----

    /// The loaded articles.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }
    /// The loaded articles, shared.
    pub fn shared_articles(&self) -> Arc<Vec<Article>> {
        Arc::clone(&self.articles)
    }
    /// The load problems (and the config's).
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
    /// The settings from the config file.
    pub fn settings(&self) -> &Settings {
        &self.settings
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
    /// The open overlay, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay.open()
    }
    /// The overlay and its scroll position.
    pub fn overlay_state(&self) -> &OverlayState {
        &self.overlay
    }
    /// The help overlay's scroll position, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        (self.overlay.open() == Some(Overlay::Help)).then_some(self.overlay.scroll())
    }
    /// The open overlay's lines.
    pub fn overlay_lines(&self) -> Vec<ratatui::text::Line<'static>> {
        self.overlay.open().map_or_else(Vec::new, |o| {
            overlay::lines(o, &self.keymap, &self.theme, &self.problems)
        })
    }
    /// The entity page shown over the panes, if any.
    pub fn entity_page(&self) -> Option<&EntityPage> {
        self.page.as_ref()
    }
    /// The article list.
    pub fn list(&self) -> &List {
        &self.list
    }
    /// The reader.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }
    /// The sidebar.
    pub fn sidebar(&self) -> &Sidebar {
        &self.sidebar
    }
    /// The search prompt and query.
    pub fn search(&self) -> &SearchState {
        &self.search
    }
    /// Read and starred marks, scroll positions.
    pub fn reading(&self) -> &Reading {
        &self.reading
    }
    /// Loading and analysis progress, and what they delivered.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }
    /// The status bar's notice (state file, config or clipboard news), if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.text()
    }
    /// The finished collection analysis and entity index, once background analysis is done.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.progress.corpus()
    }
    /// The article in the reader.
    pub fn open_article(&self) -> Option<&Article> {
        self.reader.open().and_then(|i| self.articles.get(i))
    }
    /// The entity analysis of the article in the reader.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.progress.analysis(self.reader.open()?)
    }
    /// The entity under the sidebar cursor.
    pub fn selected_entity(&self) -> Option<&Entity> {
        self.analysis()?
            .entities
            .get(self.sidebar.selected_entity()?)
    }
    /// The global id of the entity under the sidebar cursor (needs the finished index).
    pub fn selected_entity_id(&self) -> Option<EntityId> {
        let open = self.reader.open()?;
        let corpus = self.progress.corpus()?;
        corpus
            .index
            .global_id(open, self.sidebar.selected_entity()?)
    }
    /// The position of the reader on the selected entity's mentions: (`n`th, of).
    pub fn mention_position(&self) -> Option<(usize, usize)> {
        let m = self.reader.mention()?;
        let total = self.selected_entity()?.spans.len();
        Some((m + 1, total))
    }
    /// The name of the entity the list is filtered by.
    pub fn filter_name(&self) -> Option<&str> {
        let id = self.list.filter()?;
        Some(
            self.progress
                .corpus()?
                .index
                .entities
                .get(id)?
                .name
                .as_str(),
        )
    }
    /// The screen divided into panes for the current size, focus and sidebar toggle.
    pub fn panes(&self) -> Panes {
        self.panes_in(self.size)
    }
    /// The panes for a screen area, with the configured widths.
    pub fn panes_in(&self, area: Rect) -> Panes {
        Panes::with_widths(area, self.focus, self.sidebar_hidden, self.settings.widths)
    }
    /// Where the entity page is drawn: the whole screen above the status bar.
    pub fn page_area(&self) -> Rect {
        Rect {
            height: self.size.height.saturating_sub(1),
            ..self.size
        }
    }
    /// Lines visible on the entity page at once.
    pub fn page_height(&self) -> usize {
        usize::from(layout::inner(self.page_area()).height).max(1)
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
        let rows = layout::sidebar_parts(self.pane_area(Pane::Sidebar)).0;
        usize::from(rows.height).max(1)
    }
    /// Overlay lines visible at once.
    pub fn overlay_page(&self) -> usize {
        usize::from(layout::inner(layout::overlay(self.size)).height).max(1)
    }
    /// The keymap context keys are looked up in: the overlay's, else the focused pane's.
    pub fn context(&self) -> Context {
        if self.search.prompt_open() {
            return Context::Search;
        }
        if self.overlay.open().is_some() {
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

    /// What a key press means here: its action in the keymap, a character typed into
    /// the search prompt, or else a notice that the key is not bound here. Releases and repeats mean nothing (some terminals report both,
    /// which would double every key).
    pub fn key_message(&self, event: &KeyEvent) -> Option<Message> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let context = self.context();
        if let Some(action) = self.keymap.action(context, event) {
            return Some(Message::Action(action));
        }
        match event.code {
            KeyCode::Char(c)
                if context == Context::Search
                    && !event
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Message::Input(c))
            }
            _ => unbound_notice(event, &self.keymap, context).map(Message::Notice),
        }
    }

    /// Apply a key press ([`App::key_message`]).
    #[must_use = "the commands are the work the key asks for"]
    pub fn handle_key(&mut self, event: KeyEvent) -> Vec<Command> {
        match self.key_message(&event) {
            Some(message) => self.update(message),
            None => Vec::new(),
        }
    }

    // ----- changing it -----

    /// Apply one message: the only place the state changes. Returns the work outside the
    /// state that the message asks for, for the runtime to carry out.
    #[must_use = "the commands are the work the message asks for"]
    pub fn update(&mut self, message: Message) -> Vec<Command> {
        let mut out = Vec::new();
        match message {
            Message::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.relayout();
            }
            Message::Action(action) => {
                // A notice stays until the next key, and so does what undo would undo.
                self.notice.clear();
                let undo = self.undo.take();
                if action == Action::Undo {
                    self.undo_marks(undo, &mut out);
                } else {
                    self.apply(action, &mut out);
                }
            }
            Message::Input(c) => {
                if self.search.type_char(c) {
                    self.run_search();
                }
            }
            Message::Mouse(mouse) => self.mouse(mouse, &mut out),
            Message::Notice(text) => self.notice.show(text),
            Message::Load(event) => self.load(event, &mut out),
            Message::AnalysisStarted => self.progress.started(self.articles.len()),
            Message::Analysis(event) => self.analysis_event(event),
            Message::SearchReady(index) => {
                self.search.set_index(*index);
                if self.search.prompt_open() {
                    self.run_search();
                }
            }
            Message::Saved(result) => {
                if let Err(err) = result {
                    self.notice.show(format!("reading state not saved: {err}"));
                }
            }
        }
        self.sync_quotes();
        out
    }

    fn apply(&mut self, action: Action, out: &mut Vec<Command>) {
        match action {
            Action::Quit => self.quit(out),
            Action::Leave => self.leave(out),
            Action::NextArticle => self.step_article(1, false, out),
            Action::PrevArticle => self.step_article(-1, false, out),
            Action::NextUnread => self.step_article(1, true, out),
            Action::PrevUnread => self.step_article(-1, true, out),
            Action::MarkAllRead => {
                let rows: Vec<usize> = (0..self.list.len())
                    .filter_map(|row| self.list.article_at(row))
                    .collect();
                self.mark_read(rows, "in the list", out);
            }
            Action::MarkEverythingRead => {
                self.mark_read((0..self.articles.len()).collect(), "in all", out);
            }
            // Handled in `update`, which holds what there is to undo.
            Action::Undo => {}
            Action::CycleSort => {
                let sort = self.list.sort().next();
                self.sort_list(sort);
                self.notice.show(format!("sorted {}", sort.label()));
            }
            Action::ToggleShowRead => {
                let unread_only = !self.list.unread_only();
                self.list.set_unread_only(unread_only);
                self.refresh_list();
                self.notice.show(if unread_only {
                    "showing unread articles only"
                } else {
                    "showing read articles too"
                });
            }
            Action::ToggleHelp => self.overlay.toggle(Overlay::Help),
            Action::ToggleProblems => self.overlay.toggle(Overlay::Problems),
            Action::CloseOverlay => self.overlay.close(),
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
            Action::ReaderPageDown => self.reader_page(1, out),
            Action::ReaderPageUp => self.reader_page(-1, out),
            Action::Open => self.open_selected(out),
            Action::NextMention => self.next_match(1),
            Action::PrevMention => self.next_match(-1),
            Action::FirstMention => {
                self.reader.forget_mention();
                self.jump_mention(1);
                if self.panes().mode == Mode::Single {
                    self.set_focus(Pane::Reader);
                }
            }
            Action::Back => {
                let here = self.snapshot();
                match self.history.back(here) {
                    Some(to) => self.restore(to, out),
                    None => self.notice.show("nothing to go back to"),
                }
            }
            Action::Forward => {
                let here = self.snapshot();
                match self.history.forward(here) {
                    Some(to) => self.restore(to, out),
                    None => self.notice.show("nothing to go forward to"),
                }
            }
            Action::FilterEntity => self.filter_entity(),
            Action::ClearFilter => {
                if self.list.clear_filter() {
                    self.refresh_list();
                }
                self.search_clear();
            }
            Action::Search => self.search_open(),
            Action::SearchAccept => self.search_accept(),
            Action::SearchCancel => self.search_cancel(),
            Action::SearchBackspace => {
                if self.search.backspace() {
                    self.run_search();
                }
            }
            Action::SearchDeleteWord => {
                if self.search.delete_word() {
                    self.run_search();
                }
            }
            Action::ToggleRead => {
                if let Some(index) = self.target_article() {
                    out.extend(self.reading.toggle_read(index).map(Command::Save));
                    self.refresh_unread_only();
                    let read = self.reading.is_read(index);
                    self.notice
                        .show(if read { "marked read" } else { "marked unread" });
                }
            }
            Action::ToggleStar => {
                if let Some(index) = self.target_article() {
                    out.extend(self.reading.toggle_star(index).map(Command::Save));
                    let starred = self.reading.is_starred(index);
                    self.notice
                        .show(if starred { "starred" } else { "unstarred" });
                }
            }
            Action::OpenInBrowser => self.open_in_browser(out),
            Action::CopyLink => self.copy_link(out),
            Action::OpenInPager => self.open_in_pager(out),
        }
    }

    // ----- leaving, the next article, marking many read -----

    fn quit(&mut self, out: &mut Vec<Command>) {
        out.extend(self.save_scroll());
        self.running = false;
    }

    /// Back one level: the overlay, the entity page, the reader or sidebar (for the list),
    /// and from the list, quit.
    fn leave(&mut self, out: &mut Vec<Command>) {
        if self.overlay.open().is_some() {
            self.overlay.close();
        } else if self.page.is_some() {
            self.leave_page();
        } else if self.focus != Pane::List {
            self.set_focus(Pane::List);
        } else {
            self.quit(out);
        }
    }

    /// Open the article `step` rows on (`unread`: the nearest unread one that way, going
    /// round the list), opened and marked read as Enter does, the list cursor following.
    /// Rows count from the cursor while the list has focus, else from the open article
    /// (the cursor when the list does not show it); with nothing open yet, the cursor's
    /// own article comes first.
    fn step_article(&mut self, step: isize, unread: bool, out: &mut Vec<Command>) {
        let len = self.list.len() as isize;
        let Some(cursor) = self.list.selected_article() else {
            return;
        };
        let from = match self.reader.open() {
            Some(open) if self.focus != Pane::List && self.list.shows(open) => open,
            _ => cursor,
        };
        let at = self.list.position_of(from) as isize;
        let wanted = |a: usize| !unread || !self.reading.is_read(a);
        let target = if self.reader.open().is_none() && wanted(from) {
            Some(from)
        } else if unread {
            // Every other row once, going round the list.
            (1..len)
                .map(|k| (at + step * k).rem_euclid(len) as usize)
                .filter_map(|row| self.list.article_at(row))
                .find(|&a| wanted(a))
        } else {
            usize::try_from(at + step)
                .ok()
                .and_then(|row| self.list.article_at(row))
        };
        let Some(target) = target else {
            self.notice.show(match (unread, step > 0) {
                (true, _) => "no other unread article in the list",
                (false, true) => "this is the last article",
                (false, false) => "this is the first article",
            });
            return;
        };
        if self.reader.open() == Some(target) {
            return;
        }
        self.leave_page();
        self.history.visit(self.snapshot());
        self.list.select(target);
        self.clamp_list();
        self.open_article_at(target, out);
        if self.panes().mode == Mode::Single && self.focus == Pane::List {
            self.set_focus(Pane::Reader);
        }
    }

    /// Mark these articles read at once, in one write, remembering which changed so that
    /// the undo key can take it back until the next key; `where_` names them in the notice.
    fn mark_read(&mut self, articles: Vec<usize>, where_: &str, out: &mut Vec<Command>) {
        let mut changed = Vec::new();
        let mut writes = Vec::new();
        for article in articles {
            if let Some(write) = self.reading.set_read(article, true) {
                writes.push(write);
                changed.push(article);
            }
        }
        if changed.is_empty() {
            self.notice.show(format!("nothing unread {where_}"));
            return;
        }
        out.push(Command::SaveAll(writes));
        self.refresh_unread_only();
        let n = changed.len();
        let undo = self
            .keymap
            .keys_for(Context::Global, Action::Undo)
            .first()
            .map(|k| format!(" \u{b7} {k} undoes"))
            .unwrap_or_default();
        self.notice.show(format!(
            "marked {n} article{} read{undo}",
            if n == 1 { "" } else { "s" }
        ));
        self.undo = Some(changed);
    }

    /// Undo the last marking of many articles read, when it was the last key.
    fn undo_marks(&mut self, undo: Option<Vec<usize>>, out: &mut Vec<Command>) {
        let Some(articles) = undo else {
            self.notice.show("nothing to undo");
            return;
        };
        let writes: Vec<_> = articles
            .iter()
            .filter_map(|&a| self.reading.set_read(a, false))
            .collect();
        let n = writes.len();
        out.push(Command::SaveAll(writes));
        self.refresh_unread_only();
        self.notice.show(format!(
            "{n} article{} unread again",
            if n == 1 { "" } else { "s" }
        ));
    }

    // ----- the list's order and rows -----

    /// Put the list in an order, the cursor staying on its article.
    fn sort_list(&mut self, sort: crate::corpus::order::Sort) {
        let order = crate::corpus::order::order(&self.articles, sort);
        self.list.set_order(sort, order);
        self.refresh_list();
    }

    /// Make the list's rows again after what narrows them changed: the filter, the source,
    /// which articles are read (when only unread ones are listed; the open one stays).
    fn refresh_list(&mut self) {
        let (reading, open) = (&self.reading, self.reader.open());
        self.list.narrow(|a| !reading.is_read(a) || Some(a) == open);
        self.clamp_list();
    }

    /// [`App::refresh_list`] when read articles are left out (reading changed).
    fn refresh_unread_only(&mut self) {
        if self.list.unread_only() {
            self.refresh_list();
        }
    }

    // ----- background work -----

    fn load(&mut self, event: LoadEvent, out: &mut Vec<Command>) {
        match event {
            LoadEvent::Found { files } => self.progress.found(files),
            LoadEvent::Batch { batch, files_done } => {
                self.progress.read(files_done);
                self.problems.extend(batch.problems);
                if batch.articles.is_empty() {
                    return;
                }
                // Nothing else holds the articles while they load, so this appends in place.
                Arc::make_mut(&mut self.articles).extend(batch.articles);
                self.list.grow(self.articles.len());
                if self.list.is_narrowed() {
                    self.refresh_list();
                }
                let reopen = self.reading.add(batch.keys, self.articles.len());
                if let Some(index) = reopen
                    && self.reader.open().is_none()
                {
                    self.list.select(index);
                    self.open_article_at(index, out);
                    self.clamp_list();
                }
                self.clamp_list();
            }
            LoadEvent::Finished => {
                // In order once everything is here; from the top unless reading began.
                self.sort_list(self.list.sort());
                if self.reader.open().is_none() {
                    self.list.cursor_to_first();
                }
                out.push(Command::BuildSearchIndex(Arc::clone(&self.articles)));
                if self.progress.loaded(self.articles.len()) {
                    out.push(Command::StartAnalysis {
                        articles: Arc::clone(&self.articles),
                        keys: Arc::new(self.reading.keys().to_vec()),
                    });
                }
            }
        }
    }

    fn analysis_event(&mut self, event: AnalysisEvent) {
        match event {
            AnalysisEvent::Progress { done, total, left } => {
                self.progress.advanced(done, total, left);
            }
            AnalysisEvent::Analysed { article, analysis } => {
                self.progress.analysed(article, *analysis);
                if self.reader.open() == Some(article) {
                    self.rebuild_sidebar();
                }
            }
            AnalysisEvent::Finished(corpus) => {
                self.progress.finished(corpus, self.reader.open());
                if self.reader.open().is_some() {
                    self.rebuild_sidebar();
                }
                self.requery_entities();
            }
        }
    }

    // ----- focus and sizes -----

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

    // ----- moving -----

    fn move_pages(&mut self, direction: isize, divisor: usize) {
        let page = match self.context() {
            Context::List | Context::Search => self.list_page(),
            Context::Reader => self.reader_height().saturating_sub(1),
            Context::Sidebar => self.sidebar_page(),
            Context::Help => self.overlay_page(),
            Context::Entity => self.page_height(),
            Context::Global => 1,
        };
        let step = (page / divisor).max(1) as isize;
        self.move_by(direction * step);
    }

    fn move_by(&mut self, delta: isize) {
        match self.context() {
            Context::Help => {
                let total = self.overlay_lines().len();
                let page = self.overlay_page();
                self.overlay.scroll_by(delta, total, page);
            }
            Context::List | Context::Search => {
                let page = self.list_page();
                self.list.move_by(delta, page);
            }
            Context::Entity => {
                let height = self.page_height();
                if let Some(page) = &mut self.page {
                    if let Some(corpus) = self.progress.corpus() {
                        page.grow_for(corpus, delta, height);
                    }
                    page.move_by(delta, height);
                }
            }
            Context::Reader => {
                let height = self.reader_height();
                self.reader.scroll_by(delta, height);
            }
            Context::Sidebar => self.move_sidebar(delta),
            Context::Global => {}
        }
    }

    fn move_sidebar(&mut self, delta: isize) {
        if self.sidebar.move_by(delta) {
            self.reader.forget_mention();
            self.relayout();
        }
    }

    fn reader_page(&mut self, direction: isize, out: &mut Vec<Command>) {
        if self.reader.open().is_none() {
            if direction > 0
                && let Some(index) = self.list.selected_article()
            {
                self.open_article_at(index, out);
            }
            return;
        }
        if self.panes().mode == Mode::Single && self.focus != Pane::Reader {
            self.set_focus(Pane::Reader);
        }
        let height = self.reader_height();
        let step = height.saturating_sub(1).max(1) as isize;
        self.reader.scroll_by(direction * step, height);
    }

    fn jump_mention(&mut self, step: isize) {
        let Some(entity) = self.selected_entity() else {
            return;
        };
        let starts: Vec<usize> = entity.spans.iter().map(|s| s.0).collect();
        let height = self.reader_height();
        self.reader.step_mention(&starts, step, height);
    }

    /// `n`/`N`: the next query match when a search is active and the sidebar is not
    /// focused, else the next mention of the selected entity.
    fn next_match(&mut self, step: isize) {
        let matches = match self.open_article() {
            Some(article) if self.focus != Pane::Sidebar => self.search.body_matches(article),
            _ => Vec::new(),
        };
        if matches.is_empty() {
            self.jump_mention(step);
            return;
        }
        let Some(next) = self.search.step_match(step, matches.len()) else {
            return;
        };
        // Lay out again for the current match's highlight, then bring it on screen.
        let (scroll, mention) = (self.reader.scroll(), self.reader.mention());
        self.relayout();
        self.reader.restore_place(scroll, mention);
        let height = self.reader_height();
        self.reader.scroll_to_byte(matches[next].0, height);
    }

    // ----- opening -----

    fn open_selected(&mut self, out: &mut Vec<Command>) {
        if self.page.is_some() {
            self.open_from_page(out);
            return;
        }
        match self.focus {
            Pane::List => {
                if let Some(selected) = self.list.selected_article() {
                    if self.reader.open() != Some(selected) {
                        self.history.visit(self.snapshot());
                    }
                    self.open_article_at(selected, out);
                    self.set_focus(Pane::Reader);
                }
            }
            Pane::Sidebar => match self.sidebar.selected_row() {
                Some(SidebarRow::Group {
                    kind: EntityKind::Place,
                    ..
                }) => {
                    let analysis = self.reader.open().and_then(|i| self.progress.analysis(i));
                    self.sidebar.toggle_places(analysis);
                    self.relayout();
                }
                Some(SidebarRow::Entity(_)) => match self.selected_entity_id() {
                    Some(id) => self.open_page(id),
                    None => self.notice.show(INDEXING),
                },
                _ => {}
            },
            Pane::Reader => {}
        }
    }

    fn open_article_at(&mut self, index: usize, out: &mut Vec<Command>) {
        if index >= self.articles.len() {
            return;
        }
        if self.reader.open() != Some(index) {
            out.extend(self.save_scroll());
            let request = self.progress.open(index);
            let analysing = matches!(request, Some(Command::Analyse { .. }));
            out.extend(request);
            // At the line the reader left it, as far as the article allows.
            let scroll = self.reading.scroll_of(index).unwrap_or(0);
            self.reader.show(index, scroll);
            self.search.forget_match();
            let analysis = self.progress.analysis(index);
            self.sidebar.reset(analysis);
            // An analysis asked for now arrives before the next frame, and the article is
            // laid out then, once, with its names highlighted.
            if !analysing {
                self.relayout();
            }
        }
        out.extend(
            self.reading
                .mark_opened(index)
                .into_iter()
                .map(Command::Save),
        );
        self.refresh_unread_only();
    }

    fn rebuild_sidebar(&mut self) {
        let analysis = self.reader.open().and_then(|i| self.progress.analysis(i));
        self.sidebar.rebuild(analysis);
        self.relayout();
    }

    /// Remember the open article's scroll position (when it changed).
    fn save_scroll(&mut self) -> Option<Command> {
        let index = self.reader.open()?;
        self.reading
            .save_scroll(index, self.reader.scroll())
            .map(Command::Save)
    }

    /// The article read/star keys act on: the selected row in the list, else the open one.
    fn target_article(&self) -> Option<usize> {
        if self.focus == Pane::List {
            self.list.selected_article()
        } else {
            self.reader.open().or_else(|| self.list.selected_article())
        }
    }

    // ----- laying out and keeping things on screen -----

    /// Lay the open article out again for the reader's width and the current highlights,
    /// and keep every pane's cursor on screen.
    fn relayout(&mut self) {
        let width = layout::reader_text(self.pane_area(Pane::Reader)).width;
        let marks = self.marks();
        let article = self.reader.open().and_then(|i| self.articles.get(i));
        self.reader.lay_out(article, width, &self.theme, &marks);
        self.clamp_all();
    }

    /// Highlights for the open article: every person and organization by kind, the
    /// sidebar's entity (of any kind) on top, then the search's matches.
    fn marks(&self) -> Marks {
        let mut marks = Marks::default();
        let (Some(analysis), Some(article)) = (self.analysis(), self.open_article()) else {
            return marks;
        };
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
        if let Some(e) = self.selected_entity() {
            add(e, self.theme.mention_selected);
        }
        self.search.marks(article, &self.theme, &mut marks);
        marks
    }

    fn clamp_list(&mut self) {
        let page = self.list_page();
        self.list.clamp(page);
    }

    fn clamp_all(&mut self) {
        self.clamp_list();
        let height = self.reader_height();
        self.reader.clamp(height);
        let page = self.sidebar_page();
        self.sidebar.clamp(page);
        let height = self.page_height();
        if let Some(page) = &mut self.page {
            page.clamp(height);
        }
        if self.overlay.open().is_some() {
            let total = self.overlay_lines().len();
            let page = self.overlay_page();
            self.overlay.clamp(total, page);
        }
    }

    /// Find the selected entity's quotes when the article or the selection changed.
    fn sync_quotes(&mut self) {
        let open = self.reader.open();
        let article = open.and_then(|i| Some((i, self.articles.get(i)?)));
        let analysis = open.and_then(|i| self.progress.analysis(i));
        let entity = self
            .sidebar
            .selected_entity()
            .and_then(|i| analysis?.entities.get(i));
        self.sidebar.sync_quotes(article, entity);
    }

    // ----- the mouse -----

    fn mouse(&mut self, event: Mouse, out: &mut Vec<Command>) {
        if !self.settings.mouse || self.search.prompt_open() {
            return;
        }
        let overlay_open = self.overlay.open().is_some();
        let Some(target) = mouse::target(event, &self.panes(), overlay_open) else {
            return;
        };
        match target {
            mouse::Target::OverlayWheel(direction) => {
                let total = self.overlay_lines().len();
                let page = self.overlay_page();
                self.overlay
                    .scroll_by(direction * mouse::WHEEL_LINES, total, page);
            }
            mouse::Target::Wheel { pane, direction } => match pane {
                Pane::List => {
                    let page = self.list_page();
                    self.list.move_by(direction, page);
                }
                Pane::Reader => {
                    let height = self.reader_height();
                    self.reader
                        .scroll_by(direction * mouse::WHEEL_LINES, height);
                }
                Pane::Sidebar => self.move_sidebar(direction),
            },
            mouse::Target::Click { pane, line } => {
                if self.focus != pane {
                    self.set_focus(pane);
                }
                match (pane, line) {
                    (Pane::List, Some(line)) => {
                        if let Some(clicked) = self.list.article_at(self.list.offset() + line / 2) {
                            if clicked == self.list.selected() {
                                self.open_article_at(clicked, out);
                            }
                            self.list.select(clicked);
                            self.clamp_list();
                        }
                    }
                    (Pane::Sidebar, Some(line)) => {
                        let row = self.sidebar.offset() + line;
                        if self.sidebar.click(row) {
                            self.reader.forget_mention();
                            self.relayout();
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    // ----- search -----

    fn search_open(&mut self) {
        self.search.open(self.list.rows());
        self.overlay.close();
        self.run_search();
    }

    /// Run the prompt's query and show its results as the list, best first.
    fn run_search(&mut self) {
        if self.query(SearchState::run) {
            self.relayout();
        }
    }

    /// Run the open or kept query again once the entity index has arrived, when it asks
    /// for `person:` or `org:` (which match nothing until then). A kept query keeps the
    /// cursor on the same article when it is still among the results.
    fn requery_entities(&mut self) {
        if !self.search.uses_entities() {
            return;
        }
        if self.search.prompt_open() {
            self.run_search();
            return;
        }
        let before = self.list.selected();
        if !self.query(SearchState::rerun_kept) {
            return;
        }
        if self.list.has_results() && self.list.shows(before) {
            self.list.select(before);
            self.clamp_list();
        }
        self.relayout();
    }

    /// Run a query of the search state (`run`: the prompt's or the kept one) over the
    /// collection and show what it finds as the list; whether there was one to run.
    fn query(
        &mut self,
        run: impl FnOnce(
            &mut SearchState,
            &SearchContext<'_>,
            Option<&dyn Fn(usize) -> bool>,
        ) -> Option<search::Outcome>,
    ) -> bool {
        let reading = &self.reading;
        let state = |i: usize| ArticleState {
            read: reading.is_read(i),
            starred: reading.is_starred(i),
            scroll: 0,
        };
        let ctx = SearchContext {
            articles: &self.articles,
            // `person:` and `org:` need the analysed corpus; until background analysis has
            // finished it, those filters match nothing.
            corpus: self.progress.corpus(),
            state: &state,
        };
        let list = &self.list;
        let admits = |a: usize| list.admits(a);
        let only: Option<&dyn Fn(usize) -> bool> = list.is_narrowed().then_some(&admits);
        let Some(outcome) = run(&mut self.search, &ctx, only) else {
            return false;
        };
        match outcome {
            search::Outcome::All => self.list.show_results(None),
            search::Outcome::Results(hits) => self.list.show_results(Some(hits)),
            search::Outcome::Waiting => self.list.cursor_to_first(),
        }
        true
    }

    fn search_accept(&mut self) {
        let Some(back_to_all) = self.search.accept() else {
            return;
        };
        if back_to_all {
            self.list.clear_results();
        }
        if self.focus != Pane::List {
            self.set_focus(Pane::List);
        }
        self.relayout();
    }

    fn search_cancel(&mut self) {
        if !self.search.prompt_open() {
            return;
        }
        if let Some(rows) = self.search.cancel() {
            self.list.restore_rows(rows);
        }
        self.relayout();
    }

    /// Drop the kept search; the list shows every article, the cursor on the same one.
    fn search_clear(&mut self) {
        if !self.list.has_results() && !self.search.has_query() {
            return;
        }
        self.list.clear_results();
        self.search.clear();
        self.clamp_list();
        self.relayout();
    }

    // ----- entity pages, history and the filter -----

    /// Where the user is now, for the history.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            page: self.page.clone(),
            open: self.reader.open(),
            selected: self.list.selected(),
            list_offset: self.list.offset(),
            focus: self.focus,
            reader_scroll: self.reader.scroll(),
            sidebar_selected: self.sidebar.selected(),
            sidebar_offset: self.sidebar.offset(),
            places_open: self.sidebar.places_open(),
            mention: self.reader.mention(),
        }
    }

    /// Go back to a recorded place: the same article, page, cursors and scroll.
    fn restore(&mut self, to: Snapshot, out: &mut Vec<Command>) {
        match to.open {
            Some(index) => self.open_article_at(index, out),
            None => self.reader.close(),
        }
        self.page = to.page;
        self.list.restore_place(to.selected, to.list_offset);
        self.focus = to.focus;
        let analysis = self.reader.open().and_then(|i| self.progress.analysis(i));
        self.sidebar.restore_place(
            analysis,
            to.places_open,
            to.sidebar_selected,
            to.sidebar_offset,
        );
        self.reader.restore_place(to.reader_scroll, to.mention);
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
        let Some(corpus) = self.progress.corpus() else {
            self.notice.show(INDEXING);
            return;
        };
        let page = EntityPage::build(corpus, id);
        self.history.visit(self.snapshot());
        self.page = Some(page);
        self.clamp_all();
    }

    /// Enter on the entity page: open the article (at the entity's first mention) or the
    /// related entity's page under the cursor.
    fn open_from_page(&mut self, out: &mut Vec<Command>) {
        let Some(line) = self.page.as_ref().and_then(|p| p.selected_line()).cloned() else {
            return;
        };
        match line {
            PageLine::Related(id, _) => self.open_page(id),
            PageLine::Article(occ) => {
                self.history.visit(self.snapshot());
                self.page = None;
                let place = self
                    .progress
                    .corpus()
                    .and_then(|c| c.analysis(occ.article)?.entities.into_iter().nth(occ.local))
                    .is_some_and(|e| e.kind == EntityKind::Place);
                if place {
                    self.sidebar.open_places();
                }
                self.open_article_at(occ.article, out);
                self.list.select(occ.article);
                self.rebuild_sidebar();
                self.sidebar.select_entity(occ.local);
                self.set_focus(Pane::Reader);
                self.relayout();
                self.reader.forget_mention();
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
        let Some(corpus) = self.progress.corpus() else {
            self.notice.show(INDEXING);
            return;
        };
        let Some(id) = id else {
            self.notice.show("select a name to filter by");
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
        self.list.set_filter(id, rows);
        self.refresh_list();
        // A kept search now picks among the entity's articles.
        if self.search.kept().is_some() && !self.search.prompt_open() {
            self.query(SearchState::rerun_kept);
        }
        self.leave_page();
        self.list.scroll_to_top();
        self.set_focus(Pane::List);
        self.clamp_list();
    }

    // ----- the browser, the clipboard and the pager -----

    /// The article the browser, copy and pager keys act on: the open one, else the
    /// selected one.
    fn share_target(&self) -> Option<&Article> {
        self.reader
            .open()
            .or_else(|| self.list.selected_article())
            .and_then(|i| self.articles.get(i))
    }

    fn open_in_browser(&mut self, out: &mut Vec<Command>) {
        let url = self
            .share_target()
            .and_then(|a| a.url.clone())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        match url {
            Some(url) => {
                self.notice.show("opening the link in the browser");
                out.push(Command::OpenUrl(url));
            }
            None => self.notice.show("this article has no web link"),
        }
    }

    fn copy_link(&mut self, out: &mut Vec<Command>) {
        let Some(article) = self.share_target() else {
            return;
        };
        let (text, what) = match &article.url {
            Some(url) => (url.clone(), "link"),
            None => (crate::text::sanitize_line(&article.title), "title"),
        };
        self.notice
            .show(format!("copied the {what} to the clipboard"));
        out.push(Command::Copy(text));
    }

    fn open_in_pager(&mut self, out: &mut Vec<Command>) {
        let Some(article) = self.share_target() else {
            return;
        };
        let mut text = crate::text::sanitize_line(&article.title);
        text.push_str("\n\n");
        if let Some(lead) = &article.lead {
            text.push_str(&crate::text::sanitize(lead));
            text.push_str("\n\n");
        }
        text.push_str(&crate::text::sanitize(&article.body_text()));
        text.push('\n');
        out.push(Command::Pager(text));
    }
}
