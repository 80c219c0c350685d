//! The theme: every style the views use, by name.
//!
//! Views never pick colours; they ask the [`Theme`] for a named style. With `NO_COLOR` set
//! ([`Theme::monochrome`]) the same names map to modifiers only (bold, dim, italic,
//! underline, reversed), so focus, selection and highlights stay visible without colour.

use crate::ner::EntityKind;
use ratatui::style::{Color, Modifier, Style};

/// Named styles for every part of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Border of the focused pane.
    pub border_focused: Style,
    /// Border of the other panes.
    pub border: Style,
    /// Pane titles.
    pub pane_title: Style,
    /// The focused pane's title.
    pub pane_title_focused: Style,
    /// The selected row in the focused pane.
    pub selected: Style,
    /// The selected row in an unfocused pane.
    pub selected_unfocused: Style,
    /// The unread marker in the list.
    pub unread: Style,
    /// Titles in the list.
    pub list_title: Style,
    /// Titles of unread articles in the list.
    pub list_title_unread: Style,
    /// Date and source under each title in the list.
    pub list_meta: Style,
    /// The article title in the reader.
    pub title: Style,
    /// The lead (standfirst).
    pub lead: Style,
    /// Authors, date, source and dateline.
    pub byline: Style,
    /// Running text.
    pub body: Style,
    /// Headings inside the body.
    pub heading: Style,
    /// Photo captions.
    pub caption: Style,
    /// Photo credits.
    pub credit: Style,
    /// Block quotes.
    pub quote: Style,
    /// A mention of a person in the reader.
    pub mention_person: Style,
    /// A mention of an organization in the reader.
    pub mention_org: Style,
    /// A mention of a place in the reader.
    pub mention_place: Style,
    /// Mentions of the entity selected in the sidebar.
    pub mention_selected: Style,
    /// Group headings in the sidebar.
    pub group: Style,
    /// Mention counts in the sidebar.
    pub count: Style,
    /// Roles in the sidebar.
    pub role: Style,
    /// Secondary text (empty states, hints).
    pub dim: Style,
    /// The status bar.
    pub status: Style,
    /// Keys in the status bar and help.
    pub key: Style,
    /// Problems and warnings.
    pub warning: Style,
    /// The scrollbar thumb.
    pub scrollbar: Style,
    /// Matches of the search query in the reader.
    pub search_match: Style,
    /// The match `n`/`N` moved to.
    pub search_current: Style,
    /// The search prompt.
    pub prompt: Style,
    /// The star before a starred article in the list.
    pub star: Style,
}

impl Theme {
    /// The theme for this environment: [`Theme::monochrome`] when `NO_COLOR` is set to a
    /// non-empty value, [`Theme::colour`] otherwise.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colour(),
        }
    }

    /// The default colour theme (16 ANSI colours, so it follows the terminal's palette).
    pub fn colour() -> Theme {
        let plain = Style::new();
        Theme {
            border_focused: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            pane_title: plain.fg(Color::Gray),
            pane_title_focused: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: plain
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: plain.bg(Color::DarkGray).fg(Color::White),
            unread: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            list_title: plain,
            list_title_unread: plain.add_modifier(Modifier::BOLD),
            list_meta: plain.fg(Color::DarkGray),
            title: plain.fg(Color::White).add_modifier(Modifier::BOLD),
            lead: plain.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            byline: plain.fg(Color::DarkGray),
            body: plain,
            heading: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            caption: plain.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            credit: plain.fg(Color::DarkGray).add_modifier(Modifier::DIM),
            quote: plain.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            mention_person: plain.fg(Color::LightGreen),
            mention_org: plain.fg(Color::LightMagenta),
            mention_place: plain,
            mention_selected: plain
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            group: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            count: plain.fg(Color::DarkGray),
            role: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            dim: plain.fg(Color::DarkGray),
            status: plain.bg(Color::Black).fg(Color::Gray),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            scrollbar: plain.fg(Color::Cyan),
            search_match: plain.bg(Color::Cyan).fg(Color::Black),
            search_current: plain
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            prompt: plain.fg(Color::White).bg(Color::Black),
            star: plain.fg(Color::Yellow),
        }
    }

    /// The `NO_COLOR` theme: modifiers only.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        let italic = plain.add_modifier(Modifier::ITALIC);
        Theme {
            border_focused: bold,
            border: dim,
            pane_title: plain,
            pane_title_focused: bold.add_modifier(Modifier::REVERSED),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            unread: bold,
            list_title: plain,
            list_title_unread: bold,
            list_meta: dim,
            title: bold,
            lead: italic,
            byline: dim,
            body: plain,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            caption: italic,
            credit: dim,
            quote: italic,
            // People bold, organizations underlined: kinds differ without colour.
            mention_person: bold,
            mention_org: plain.add_modifier(Modifier::UNDERLINED),
            mention_place: plain,
            mention_selected: plain.add_modifier(Modifier::REVERSED),
            group: bold.add_modifier(Modifier::UNDERLINED),
            count: dim,
            role: dim.add_modifier(Modifier::ITALIC),
            dim,
            status: plain.add_modifier(Modifier::REVERSED),
            key: bold,
            warning: bold,
            scrollbar: bold,
            search_match: plain.add_modifier(Modifier::REVERSED),
            search_current: bold.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            prompt: plain,
            star: bold,
        }
    }

    /// The name of every style, as written in the `[theme]` table of the config file.
    pub const NAMES: &'static [&'static str] = &[
        "border_focused",
        "border",
        "pane_title",
        "pane_title_focused",
        "selected",
        "selected_unfocused",
        "unread",
        "list_title",
        "list_title_unread",
        "list_meta",
        "title",
        "lead",
        "byline",
        "body",
        "heading",
        "caption",
        "credit",
        "quote",
        "mention_person",
        "mention_org",
        "mention_place",
        "mention_selected",
        "group",
        "count",
        "role",
        "dim",
        "status",
        "key",
        "warning",
        "scrollbar",
        "search_match",
        "search_current",
        "prompt",
        "star",
    ];

    /// The style with this name, to change it (see [`Theme::NAMES`]).
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border_focused" => &mut self.border_focused,
            "border" => &mut self.border,
            "pane_title" => &mut self.pane_title,
            "pane_title_focused" => &mut self.pane_title_focused,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "unread" => &mut self.unread,
            "list_title" => &mut self.list_title,
            "list_title_unread" => &mut self.list_title_unread,
            "list_meta" => &mut self.list_meta,
            "title" => &mut self.title,
            "lead" => &mut self.lead,
            "byline" => &mut self.byline,
            "body" => &mut self.body,
            "heading" => &mut self.heading,
            "caption" => &mut self.caption,
            "credit" => &mut self.credit,
            "quote" => &mut self.quote,
            "mention_person" => &mut self.mention_person,
            "mention_org" => &mut self.mention_org,
            "mention_place" => &mut self.mention_place,
            "mention_selected" => &mut self.mention_selected,
            "group" => &mut self.group,
            "count" => &mut self.count,
            "role" => &mut self.role,
            "dim" => &mut self.dim,
            "status" => &mut self.status,
            "key" => &mut self.key,
            "warning" => &mut self.warning,
            "scrollbar" => &mut self.scrollbar,
            "search_match" => &mut self.search_match,
            "search_current" => &mut self.search_current,
            "prompt" => &mut self.prompt,
            "star" => &mut self.star,
            _ => return None,
        })
    }

    /// The style of a mention of this kind of entity in the reader.
    pub fn mention(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.mention_person,
            EntityKind::Organization => self.mention_org,
            EntityKind::Place => self.mention_place,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_uses_no_colours() {
        let t = Theme::monochrome();
        for style in [
            t.border_focused,
            t.selected,
            t.selected_unfocused,
            t.title,
            t.mention_person,
            t.mention_org,
            t.mention_selected,
            t.status,
            t.warning,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert_ne!(t.selected, Style::new());
        assert_ne!(t.mention_person, t.mention_org, "kinds must differ");
        assert_ne!(t.mention_person, Style::new());
        assert_ne!(t.mention_org, Style::new());
        assert_ne!(t.border_focused, t.border);
    }
}
