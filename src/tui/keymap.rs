//! The keymap: key strings bound to [`Action`]s per [`Context`], from embedded TOML.
//!
//! The default bindings live in `assets/keymap.toml`, compiled into the binary. A user file
//! in the same shape can be merged over them with [`Keymap::merge_toml`]. The help overlay
//! and the status-bar hints read the bindings back with [`Keymap::keys_for`].

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// The default keymap, as shipped.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere except overlays and the search prompt; the panes' contexts and the
    /// entity page's win over it ([`Context::inherits_global`]).
    Global,
    /// The article list has focus.
    List,
    /// The reader has focus.
    Reader,
    /// The entity sidebar has focus.
    Sidebar,
    /// The help overlay is open.
    Help,
    /// The search prompt is open; keys not bound here are typed into it.
    Search,
    /// An entity page is shown.
    Entity,
}

impl Context {
    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Context; 7] = [
        Context::List,
        Context::Reader,
        Context::Sidebar,
        Context::Entity,
        Context::Global,
        Context::Search,
        Context::Help,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Sidebar => "sidebar",
            Context::Help => "help",
            Context::Search => "search",
            Context::Entity => "entity",
        }
    }

    /// The heading shown in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reader",
            Context::Sidebar => "People and organizations",
            Context::Help => "This help",
            Context::Search => "Search prompt",
            Context::Entity => "Entity page",
        }
    }

    /// The context with this table name, if any.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether a key this context does not bind falls back to its `[global]` binding.
    ///
    /// The panes and the entity page do; the help overlay and the search prompt do not
    /// (keys not bound in the prompt are typed into it), and `global` is the fallback
    /// itself. The keymap's lookup, its reverse lookup for hints and the config's report
    /// of replaced defaults all ask this.
    pub fn inherits_global(self) -> bool {
        match self {
            Context::List | Context::Reader | Context::Sidebar | Context::Entity => true,
            Context::Global | Context::Help | Context::Search => false,
        }
    }

    /// The table names of every context, for messages: `list, reader, …, search or help`.
    pub fn names() -> String {
        let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.concat(),
        }
    }
}

/// A key with its modifiers, normalised so that the same key typed or written compares equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is folded into characters and `BackTab`).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Normalise a key event: Shift is dropped for characters (`G` already says it) and
    /// for `BackTab`; only Ctrl and Alt remain.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if code == KeyCode::BackTab {
            modifiers = KeyModifiers::NONE | (modifiers & KeyModifiers::CONTROL);
        }
        Key { code, modifiers }
    }

    /// Parse a key string such as `j`, `G`, `?`, `enter`, `ctrl-d` or `shift-tab`.
    pub fn parse(text: &str) -> Result<Key, KeymapError> {
        let bad = || KeymapError::BadKey(text.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut shift = false;
        let mut rest = text;
        // A lone `-` is a key, so only strip prefixes while something follows them.
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(after) = lower.strip_prefix("ctrl-").filter(|a| !a.is_empty()) {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - after.len()..];
            } else if let Some(after) = lower.strip_prefix("alt-").filter(|a| !a.is_empty()) {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[rest.len() - after.len()..];
            } else if let Some(after) = lower.strip_prefix("shift-").filter(|a| !a.is_empty()) {
                shift = true;
                rest = &rest[rest.len() - after.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if modifiers.contains(KeyModifiers::CONTROL) || shift {
                    let c = if shift { c.to_ascii_uppercase() } else { c };
                    KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    })
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
            },
        };
        Ok(Key::from_event(&KeyEvent::new(code, modifiers)))
    }
}

impl fmt::Display for Key {
    /// The key as written in keymap files (`ctrl-d`, `shift-tab`, `space`, `G`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A keymap that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The file is not valid TOML.
    #[error("keymap is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    /// A top-level table is not one of the contexts.
    #[error("unknown keymap context `{0}` (expected {names})", names = Context::names())]
    UnknownContext(String),
    /// A context is not a table.
    #[error("keymap context `{0}` must be a table of key = \"action\"")]
    NotATable(String),
    /// A key string could not be parsed.
    #[error("unknown key `{0}`")]
    BadKey(String),
    /// An action name is not known.
    #[error("unknown action {action} for key `{key}`")]
    UnknownAction {
        /// The key it was bound to.
        key: String,
        /// The unknown name.
        action: String,
    },
}

/// One `key = "action"` entry of a `[context]` table: the key and the action it names.
///
/// The embedded keymap ([`Keymap::merge_toml`]) and the config file (line by line, so that
/// each bad line is reported on its own) both read their bindings with it.
pub fn binding(key_text: &str, action: &toml::Value) -> Result<(Key, Action), KeymapError> {
    let key = Key::parse(key_text)?;
    let action =
        action
            .as_str()
            .and_then(Action::from_name)
            .ok_or_else(|| KeymapError::UnknownAction {
                key: key_text.to_string(),
                action: action.to_string(),
            })?;
    Ok((key, action))
}

/// Bindings per context, with their order kept for display.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    lookup: HashMap<(Context, Key), Action>,
    order: Vec<(Context, Key)>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn embedded() -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        keymap.merge_toml(DEFAULT_KEYMAP)?;
        Ok(keymap)
    }

    /// Merge bindings from TOML text over the current ones (same key, same context: the new
    /// binding wins).
    pub fn merge_toml(&mut self, text: &str) -> Result<(), KeymapError> {
        let table: toml::Table = toml::from_str(text)?;
        for (context_name, value) in &table {
            let context = Context::from_name(context_name)
                .ok_or_else(|| KeymapError::UnknownContext(context_name.clone()))?;
            let bindings = value
                .as_table()
                .ok_or_else(|| KeymapError::NotATable(context_name.clone()))?;
            for (key_text, action_value) in bindings {
                let (key, action) = binding(key_text, action_value)?;
                self.bind(context, key, action);
            }
        }
        Ok(())
    }

    /// Bind one key in one context, replacing any earlier binding of that key there.
    pub fn bind(&mut self, context: Context, key: Key, action: Action) {
        if self.lookup.insert((context, key), action).is_none() {
            self.order.push((context, key));
        }
    }

    /// The action for a key event in a context: the context's own binding, else (outside
    /// overlays) the global one.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        self.lookup.get(&(context, key)).copied().or_else(|| {
            context
                .inherits_global()
                .then(|| self.lookup.get(&(Context::Global, key)).copied())
                .flatten()
        })
    }

    /// Keys bound to an action in exactly this context, in file order.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        self.order
            .iter()
            .filter(|(c, key)| *c == context && self.lookup.get(&(*c, *key)) == Some(&action))
            .map(|(_, key)| *key)
            .collect()
    }

    /// Keys that reach an action from a context, its own bindings first, then global
    /// bindings that the context does not shadow.
    pub fn effective_keys(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys = self.keys_for(context, action);
        if context.inherits_global() {
            for key in self.keys_for(Context::Global, action) {
                if !self.lookup.contains_key(&(context, key)) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// The action bound to a key in exactly this context.
    pub fn get(&self, context: Context, key: Key) -> Option<Action> {
        self.lookup.get(&(context, key)).copied()
    }

    /// Every binding of a context, in file order.
    pub fn entries(&self, context: Context) -> Vec<(Key, Action)> {
        self.order
            .iter()
            .filter(|(c, _)| *c == context)
            .filter_map(|&(c, key)| Some((key, self.get(c, key)?)))
            .collect()
    }

    /// The actions bound in a context, in [`Action::ALL`] order, each with its keys.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        Action::ALL
            .iter()
            .map(|&a| (a, self.keys_for(context, a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn embedded_keymap_parses_and_binds_the_basics() {
        let km = Keymap::embedded().expect("embedded keymap");
        let none = KeyModifiers::NONE;
        let list = Context::List;
        assert_eq!(
            km.action(list, &ev(KeyCode::Char('j'), none)),
            Some(Action::MoveDown)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Down, none)),
            Some(Action::MoveDown)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::MoveBottom)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Enter, none)),
            Some(Action::Open)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Char('q'), none)),
            Some(Action::Leave)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(Context::Reader, &ev(KeyCode::Char(']'), none)),
            Some(Action::NextUnread)
        );
        assert_eq!(
            km.action(list, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            km.action(Context::Reader, &ev(KeyCode::Char(' '), none)),
            Some(Action::PageDown)
        );
        assert_eq!(
            km.action(Context::Help, &ev(KeyCode::Char('q'), none)),
            Some(Action::CloseOverlay)
        );
        assert_eq!(
            km.action(Context::Help, &ev(KeyCode::Char('h'), none)),
            None
        );
    }

    #[test]
    fn key_strings_parse_and_print_back() {
        for text in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "shift-tab",
            "space",
            "enter",
            "pagedown",
            "f5",
        ] {
            let key = Key::parse(text).expect(text);
            assert_eq!(key.to_string(), text);
        }
        assert_eq!(Key::parse("shift-g").expect("shift-g").to_string(), "G");
        assert_eq!(Key::parse("-").expect("-").to_string(), "-");
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn reverse_lookup_keeps_file_order_and_user_files_merge() {
        let mut km = Keymap::embedded().expect("embedded keymap");
        let keys = km.keys_for(Context::List, Action::MoveDown);
        assert_eq!(
            keys.iter().map(Key::to_string).collect::<Vec<_>>(),
            ["j", "down"]
        );
        km.merge_toml("[list]\nx = \"quit\"\nj = \"move_up\"\n")
            .expect("merge");
        assert_eq!(
            km.action(Context::List, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.keys_for(Context::List, Action::MoveUp)
                .iter()
                .map(Key::to_string)
                .collect::<Vec<_>>(),
            ["j", "k", "up"]
        );
        assert!(matches!(
            km.merge_toml("[list]\nx = \"fly\"\n"),
            Err(KeymapError::UnknownAction { .. })
        ));
        let err = km.merge_toml("[lists]\nx = \"quit\"\n");
        assert!(matches!(err, Err(KeymapError::UnknownContext(_))));
        let message = err.map_or_else(|e| e.to_string(), |()| String::new());
        for context in Context::ALL {
            assert!(message.contains(context.name()), "{message}");
        }
    }

    #[test]
    fn panes_and_the_entity_page_fall_back_to_global_and_overlays_do_not() {
        let km = Keymap::embedded().expect("embedded keymap");
        // `o` (open in the browser) is bound in [global] only.
        let o = ev(KeyCode::Char('o'), KeyModifiers::NONE);
        for context in Context::ALL {
            let expected = (context.inherits_global() || context == Context::Global)
                .then_some(Action::OpenInBrowser);
            assert_eq!(km.action(context, &o), expected, "{}", context.name());
            let hinted = km.effective_keys(context, Action::OpenInBrowser);
            assert_eq!(
                hinted.is_empty(),
                !(context.inherits_global() || context == Context::Global),
                "{}",
                context.name()
            );
        }
        assert_eq!(
            Context::ALL.map(Context::inherits_global),
            [true, true, true, true, false, false, false]
        );
        assert_eq!(
            Context::names(),
            "list, reader, sidebar, entity, global, search or help"
        );
    }
}
