//! Actions: everything a key can ask the interface to do, each with a stable name.
//!
//! The keymap binds key strings to these names; the help overlay and the status-bar hints
//! show them with their descriptions. [`crate::tui::app::App::update`] applies them.
//!
//! Every action is declared once, in the table of the `actions!` call below: its variant
//! with its doc, its name in keymap files, the word or two of its status-bar hint and the
//! line of its help entry. [`Action::ALL`], [`Action::name`], [`Action::hint`] and
//! [`Action::description`] are generated from that table, so adding an action is one row
//! there (plus its default key in `assets/keymap.toml` and its arm in `App::update`, which
//! the compiler asks for).

use std::fmt;

/// Declares [`Action`] and its tables from rows of
/// `Variant => "name", "hint", "description";` (each row with its `///` doc).
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $hint:literal, $description:literal;)*) => {
        /// One thing the user can ask for. Every variant has a stable snake_case name
        /// ([`Action::name`]) used in keymap files, and a description
        /// ([`Action::description`]) shown in the help overlay.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The stable snake_case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// A word or two for the status-bar hints.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Action::$variant => $hint,)*
                }
            }

            /// A one-line description for the help overlay.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }
        }
    };
}

// The help overlay and the README list the actions in this order.
actions! {
    /// Open the selected article, or expand the group or show the entity under the cursor.
    Open => "open", "open", "open the article / entity page / group";
    /// Open the next article in the list (marking it read, as Enter does).
    NextArticle => "next_article", "next", "open the next article";
    /// Open the previous article in the list.
    PrevArticle => "prev_article", "previous", "open the previous article";
    /// Open the next unread article in the list, from the top again after the last.
    NextUnread => "next_unread", "next unread", "open the next unread article";
    /// Open the previous unread article in the list, from the bottom after the first.
    PrevUnread => "prev_unread", "prev unread", "open the previous unread article";
    /// Move down one row or line.
    MoveDown => "move_down", "move", "down one row or line";
    /// Move up one row or line.
    MoveUp => "move_up", "move", "up one row or line";
    /// Go to the first row or the top.
    MoveTop => "move_top", "ends", "to the top";
    /// Go to the last row or the bottom.
    MoveBottom => "move_bottom", "ends", "to the bottom";
    /// Move down half a page.
    HalfPageDown => "half_page_down", "half page", "down half a page";
    /// Move up half a page.
    HalfPageUp => "half_page_up", "half page", "up half a page";
    /// Move down a page.
    PageDown => "page_down", "page", "down a page";
    /// Move up a page.
    PageUp => "page_up", "page", "up a page";
    /// Page the reader down, whichever pane has focus.
    ReaderPageDown => "reader_page_down", "page", "page the reader down";
    /// Page the reader up, whichever pane has focus.
    ReaderPageUp => "reader_page_up", "page", "page the reader up";
    /// Scroll the reader to the next mention of the selected entity.
    NextMention => "next_mention", "mention", "next search match, else mention of the entity";
    /// Scroll the reader to the previous mention of the selected entity.
    PrevMention => "prev_mention", "mention", "previous search match, else mention";
    /// Open the search prompt.
    Search => "search", "search", "search the articles";
    /// Keep the search results as the list and close the prompt.
    SearchAccept => "search_accept", "keep", "keep the results as the list";
    /// Close the search prompt and restore the list shown before it.
    SearchCancel => "search_cancel", "cancel", "cancel, restore the list";
    /// Delete the character before the cursor in the search prompt.
    SearchBackspace => "search_backspace", "delete", "delete a character";
    /// Delete the word before the cursor in the search prompt.
    SearchDeleteWord => "search_delete_word", "delete", "delete a word";
    /// Mark the selected article read or unread.
    ToggleRead => "toggle_read", "read", "mark read / unread";
    /// Mark every article in the list read (undoable until the next key).
    MarkAllRead => "mark_all_read", "all read", "mark every article in the list read";
    /// Mark every loaded article read, whatever the list shows (undoable).
    MarkEverythingRead => "mark_everything_read", "everything read", "mark every loaded article read";
    /// Undo the last marking of many articles, until another key is pressed.
    Undo => "undo", "undo", "undo marking all read";
    /// Star or unstar the selected article.
    ToggleStar => "toggle_star", "star", "star / unstar";
    /// Open the article's link in the web browser.
    OpenInBrowser => "open_in_browser", "browser", "open the link in the browser";
    /// Copy the article's link (or title) to the clipboard.
    CopyLink => "copy_link", "copy", "copy the link (or title)";
    /// Show the article's text in the pager.
    OpenInPager => "open_in_pager", "pager", "read the text in the pager";
    /// Scroll the reader to the first mention of the selected entity.
    FirstMention => "first_mention", "first mention", "show the entity's first mention";
    /// Go back to the previous article or entity page.
    Back => "back", "back", "back to the previous article or page";
    /// Go forward again after going back.
    Forward => "forward", "forward", "forward again";
    /// Show only the articles that mention the selected entity.
    FilterEntity => "filter_entity", "filter", "only articles that mention the entity";
    /// Show every article again.
    ClearFilter => "clear_filter", "all articles", "show every article again";
    /// Put the list in the next order: newest first, by title, by source, file order.
    CycleSort => "cycle_sort", "sort", "sort by date / title / source / file order";
    /// List read articles too, or only unread ones (and the one open).
    ToggleShowRead => "toggle_show_read", "hide read", "show or hide read articles";
    /// Move focus to the next pane.
    FocusNext => "focus_next", "pane", "focus the next pane";
    /// Move focus to the previous pane.
    FocusPrev => "focus_prev", "pane", "focus the previous pane";
    /// Move focus to the pane on the left.
    FocusLeft => "focus_left", "pane", "focus the pane on the left";
    /// Move focus to the pane on the right.
    FocusRight => "focus_right", "pane", "focus the pane on the right";
    /// Focus the article list (shown alone on narrow screens).
    FocusList => "focus_list", "list", "focus the article list";
    /// Focus the reader (shown alone on narrow screens).
    FocusReader => "focus_reader", "reader", "focus the reader";
    /// Focus the entity sidebar (shown alone on narrow screens).
    FocusSidebar => "focus_sidebar", "names", "focus the names sidebar";
    /// Show or hide the sidebar on medium-width screens.
    ToggleSidebar => "toggle_sidebar", "sidebar", "show or hide the sidebar";
    /// Show or hide the help overlay.
    ToggleHelp => "toggle_help", "help", "show or hide this help";
    /// Show or hide the list of load problems.
    ToggleProblems => "toggle_problems", "problems", "show or hide the load problems";
    /// Close the open overlay (help, problems), if any.
    CloseOverlay => "close_overlay", "close", "close the overlay";
    /// Go back one level: close the overlay, leave the entity page, leave the reader for
    /// the list; from the list, quit.
    Leave => "leave", "back", "back one level (overlay, page, reader), quit from the list";
    /// Leave warta, from anywhere.
    Quit => "quit", "quit", "quit warta from anywhere";
}

impl Action {
    /// The action with this name, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
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
            assert!(!a.hint().is_empty());
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
