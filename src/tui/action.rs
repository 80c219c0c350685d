//! Actions: everything a key can ask the interface to do, each with a stable name.
//!
//! The keymap binds key strings to these names; the help overlay and the status-bar hints
//! show them with their descriptions. [`crate::tui::app::App::update`] applies them.

use std::fmt;

/// One thing the user can ask for. Every variant has a stable snake_case name
/// ([`Action::name`]) used in keymap files, and a description ([`Action::description`]) shown
/// in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave warta.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Show or hide the list of load problems.
    ToggleProblems,
    /// Close the open overlay (help, problems), if any.
    CloseOverlay,
    /// Move focus to the next pane.
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Move focus to the pane on the left.
    FocusLeft,
    /// Move focus to the pane on the right.
    FocusRight,
    /// Focus the article list (shown alone on narrow screens).
    FocusList,
    /// Focus the reader (shown alone on narrow screens).
    FocusReader,
    /// Focus the entity sidebar (shown alone on narrow screens).
    FocusSidebar,
    /// Show or hide the sidebar on medium-width screens.
    ToggleSidebar,
    /// Move down one row or line.
    MoveDown,
    /// Move up one row or line.
    MoveUp,
    /// Go to the first row or the top.
    MoveTop,
    /// Go to the last row or the bottom.
    MoveBottom,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Page the reader down, whichever pane has focus.
    ReaderPageDown,
    /// Page the reader up, whichever pane has focus.
    ReaderPageUp,
    /// Open the selected article, or expand the group or show the entity under the cursor.
    Open,
    /// Scroll the reader to the next mention of the selected entity.
    NextMention,
    /// Scroll the reader to the previous mention of the selected entity.
    PrevMention,
    /// Open the search prompt.
    Search,
    /// Keep the search results as the list and close the prompt.
    SearchAccept,
    /// Close the search prompt and restore the list shown before it.
    SearchCancel,
    /// Delete the character before the cursor in the search prompt.
    SearchBackspace,
    /// Delete the word before the cursor in the search prompt.
    SearchDeleteWord,
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Star or unstar the selected article.
    ToggleStar,
    /// Open the article's link in the web browser.
    OpenInBrowser,
    /// Copy the article's link (or title) to the clipboard.
    CopyLink,
    /// Show the article's text in the pager.
    OpenInPager,
    /// Scroll the reader to the first mention of the selected entity.
    FirstMention,
    /// Go back to the previous article or entity page.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Show only the articles that mention the selected entity.
    FilterEntity,
    /// Show every article again.
    ClearFilter,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: &'static [Action] = &[
        Action::Open,
        Action::MoveDown,
        Action::MoveUp,
        Action::MoveTop,
        Action::MoveBottom,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::ReaderPageDown,
        Action::ReaderPageUp,
        Action::NextMention,
        Action::PrevMention,
        Action::Search,
        Action::SearchAccept,
        Action::SearchCancel,
        Action::SearchBackspace,
        Action::SearchDeleteWord,
        Action::ToggleRead,
        Action::ToggleStar,
        Action::OpenInBrowser,
        Action::CopyLink,
        Action::OpenInPager,
        Action::FirstMention,
        Action::Back,
        Action::Forward,
        Action::FilterEntity,
        Action::ClearFilter,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusLeft,
        Action::FocusRight,
        Action::FocusList,
        Action::FocusReader,
        Action::FocusSidebar,
        Action::ToggleSidebar,
        Action::ToggleHelp,
        Action::ToggleProblems,
        Action::CloseOverlay,
        Action::Quit,
    ];

    /// The stable snake_case name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "toggle_help",
            Action::ToggleProblems => "toggle_problems",
            Action::CloseOverlay => "close_overlay",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::FocusList => "focus_list",
            Action::FocusReader => "focus_reader",
            Action::FocusSidebar => "focus_sidebar",
            Action::ToggleSidebar => "toggle_sidebar",
            Action::MoveDown => "move_down",
            Action::MoveUp => "move_up",
            Action::MoveTop => "move_top",
            Action::MoveBottom => "move_bottom",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::ReaderPageDown => "reader_page_down",
            Action::ReaderPageUp => "reader_page_up",
            Action::Open => "open",
            Action::NextMention => "next_mention",
            Action::PrevMention => "prev_mention",
            Action::Search => "search",
            Action::SearchAccept => "search_accept",
            Action::SearchCancel => "search_cancel",
            Action::SearchBackspace => "search_backspace",
            Action::SearchDeleteWord => "search_delete_word",
            Action::ToggleRead => "toggle_read",
            Action::ToggleStar => "toggle_star",
            Action::OpenInBrowser => "open_in_browser",
            Action::CopyLink => "copy_link",
            Action::OpenInPager => "open_in_pager",
            Action::FirstMention => "first_mention",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::FilterEntity => "filter_entity",
            Action::ClearFilter => "clear_filter",
        }
    }

    /// The action with this name, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// A one-line description for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit warta",
            Action::ToggleHelp => "show or hide this help",
            Action::ToggleProblems => "show or hide the load problems",
            Action::CloseOverlay => "close the overlay",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::FocusLeft => "focus the pane on the left",
            Action::FocusRight => "focus the pane on the right",
            Action::FocusList => "focus the article list",
            Action::FocusReader => "focus the reader",
            Action::FocusSidebar => "focus the names sidebar",
            Action::ToggleSidebar => "show or hide the sidebar",
            Action::MoveDown => "down one row or line",
            Action::MoveUp => "up one row or line",
            Action::MoveTop => "to the top",
            Action::MoveBottom => "to the bottom",
            Action::HalfPageDown => "down half a page",
            Action::HalfPageUp => "up half a page",
            Action::PageDown => "down a page",
            Action::PageUp => "up a page",
            Action::ReaderPageDown => "page the reader down",
            Action::ReaderPageUp => "page the reader up",
            Action::Open => "open the article / entity page / group",
            Action::NextMention => "next search match, else mention of the entity",
            Action::PrevMention => "previous search match, else mention",
            Action::Search => "search the articles",
            Action::SearchAccept => "keep the results as the list",
            Action::SearchCancel => "cancel, restore the list",
            Action::SearchBackspace => "delete a character",
            Action::SearchDeleteWord => "delete a word",
            Action::ToggleRead => "mark read / unread",
            Action::ToggleStar => "star / unstar",
            Action::OpenInBrowser => "open the link in the browser",
            Action::CopyLink => "copy the link (or title)",
            Action::OpenInPager => "read the text in the pager",
            Action::FirstMention => "show the entity's first mention",
            Action::Back => "back to the previous article or page",
            Action::Forward => "forward again",
            Action::FilterEntity => "only articles that mention the entity",
            Action::ClearFilter => "show every article again",
        }
    }

    /// A word or two for the status-bar hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::ToggleProblems => "problems",
            Action::CloseOverlay => "close",
            Action::FocusNext | Action::FocusPrev => "pane",
            Action::FocusLeft | Action::FocusRight => "pane",
            Action::FocusList => "list",
            Action::FocusReader => "reader",
            Action::FocusSidebar => "names",
            Action::ToggleSidebar => "sidebar",
            Action::MoveDown | Action::MoveUp => "move",
            Action::MoveTop | Action::MoveBottom => "ends",
            Action::HalfPageDown | Action::HalfPageUp => "half page",
            Action::PageDown | Action::PageUp => "page",
            Action::ReaderPageDown | Action::ReaderPageUp => "page",
            Action::Open => "open",
            Action::NextMention | Action::PrevMention => "mention",
            Action::Search => "search",
            Action::SearchAccept => "keep",
            Action::SearchCancel => "cancel",
            Action::SearchBackspace | Action::SearchDeleteWord => "delete",
            Action::ToggleRead => "read",
            Action::ToggleStar => "star",
            Action::OpenInBrowser => "browser",
            Action::CopyLink => "copy",
            Action::OpenInPager => "pager",
            Action::FirstMention => "first mention",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::FilterEntity => "filter",
            Action::ClearFilter => "all articles",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a.name()), "duplicate name {}", a.name());
            assert!(a.name().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(!a.description().is_empty());
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
