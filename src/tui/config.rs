//! The config file: key bindings, theme colours and interface settings over the embedded
//! defaults.
//!
//! TOML in `config.toml` under the platform config directory (`--config PATH` picks
//! another file). Tables: `[ui]` (mouse, sidebar, pane widths, date format), `[theme]`
//! (a style per name, `"fg on bg modifiers"`) and `[keys.CONTEXT]` (key = action name,
//! merged over the default keymap). The file is read line by line, so one bad line is
//! reported with its file and line and the rest still applies; duplicate bindings and
//! bindings that replace a different default action are reported too.
//! [`default_text`] writes the complete default config, generated from the keymap and
//! the theme.

use super::keymap::{self, Context, Key, Keymap, KeymapError};
use super::layout::Widths;
use super::theme::Theme;
use crate::article::Problem;
use crate::corpus::order::Sort;
use ratatui::style::{Color, Modifier, Style};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The default date format in the article list.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";

/// Interface settings from the `[ui]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Whether clicks and the wheel are used.
    pub mouse: bool,
    /// Whether the sidebar is shown at start.
    pub sidebar: bool,
    /// Configured pane widths.
    pub widths: Widths,
    /// `strftime` format of dates in the list.
    pub date_format: String,
    /// The list's order at start.
    pub sort: Sort,
    /// Whether read articles are listed (else only unread ones, and the one open).
    pub show_read: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            mouse: true,
            sidebar: true,
            widths: Widths::default(),
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            sort: Sort::default(),
            show_read: true,
        }
    }
}

/// A config file read over the defaults, with what was wrong in it.
#[derive(Debug, Clone)]
pub struct Config {
    /// The default keymap with the file's bindings merged over it.
    pub keymap: Keymap,
    /// The theme with the file's styles.
    pub theme: Theme,
    /// The `[ui]` settings.
    pub settings: Settings,
    /// Bad lines and conflicting bindings, each with its file and line.
    pub problems: Vec<Problem>,
}

/// The default config location: `warta/config.toml` in the platform config directory.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("warta").join("config.toml"))
}

/// The defaults, with no file.
pub fn defaults(theme: Theme) -> Config {
    Config {
        keymap: default_keymap(),
        theme,
        settings: Settings::default(),
        problems: Vec::new(),
    }
}

fn default_keymap() -> Keymap {
    // The embedded keymap is checked by tests; should it ever fail, no bindings beat a crash.
    Keymap::embedded().unwrap_or_default()
}

/// Read the config at `path` over the defaults. A missing file is fine unless the user
/// named it (`explicit`); `theme` is the base theme (colour, or modifiers only with
/// `NO_COLOR`, in which case colours in the file are ignored too).
pub fn load(path: &Path, explicit: bool, theme: Theme, no_color: bool) -> Config {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path, theme, no_color),
        Err(err) => {
            let mut config = defaults(theme);
            if explicit || err.kind() != std::io::ErrorKind::NotFound {
                config.problems.push(Problem {
                    path: path.to_path_buf(),
                    line: None,
                    reason: format!("config not read: {err}"),
                });
            }
            config
        }
    }
}

/// Which table the lines belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before any table header.
    Top,
    Ui,
    Theme,
    Keys(Context),
    /// An unknown table, already reported; its lines are skipped.
    Unknown,
}

/// Parse config text (from `path`, for messages) over the defaults.
pub fn parse(text: &str, path: &Path, theme: Theme, no_color: bool) -> Config {
    let mut config = defaults(theme);
    let mut keys = KeyLines {
        defaults: default_keymap(),
        seen: HashMap::new(),
    };
    let mut section = Section::Top;
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let mut problem = |reason: String| {
            problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(line_no),
                reason,
            })
        };
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            match header(line) {
                Ok(s) => section = s,
                Err(reason) => {
                    problem(reason);
                    section = Section::Unknown;
                }
            }
            continue;
        }
        let (name, value) = match entry(line) {
            Ok(e) => e,
            Err(reason) => {
                problem(reason);
                continue;
            }
        };
        let result = match section {
            Section::Top => Err(format!(
                "`{name}` is outside any table (expected [ui], [theme] or [keys.CONTEXT])"
            )),
            Section::Unknown => continue,
            Section::Ui => ui_setting(&mut config.settings, &name, &value),
            Section::Theme => theme_style(&mut config.theme, &name, &value, no_color),
            Section::Keys(context) => keys
                .bind(&mut config.keymap, context, (&name, &value), line_no)
                .map(|notes| notes.into_iter().for_each(&mut problem)),
        };
        if let Err(reason) = result {
            problem(reason);
        }
    }
    config.problems = problems;
    config
}

/// A table header: `[ui]`, `[theme]`, `[keys.list]`.
fn header(line: &str) -> Result<Section, String> {
    let inner = line
        .split('#')
        .next()
        .unwrap_or("")
        .trim()
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .map(str::trim)
        .filter(|l| !l.starts_with('['))
        .ok_or_else(|| format!("`{line}` is not a table header like [ui]"))?;
    match inner {
        "ui" => Ok(Section::Ui),
        "theme" => Ok(Section::Theme),
        _ => match inner.strip_prefix("keys.").map(str::trim) {
            Some(name) => Context::from_name(name.trim_matches('"'))
                .map(Section::Keys)
                .ok_or_else(|| {
                    format!(
                        "unknown key context [keys.{name}] (expected {})",
                        Context::names()
                    )
                }),
            None => Err(format!(
                "unknown table [{inner}] (expected [ui], [theme] or [keys.CONTEXT])"
            )),
        },
    }
}

/// One `key = value` line, parsed as TOML.
fn entry(line: &str) -> Result<(String, toml::Value), String> {
    let table: toml::Table = toml::from_str(line).map_err(|e| {
        let name = line.split('=').next().unwrap_or("").trim();
        format!(
            "`{name}`: not a `key = value` line (strings need quotes): {}",
            first_line(&e)
        )
    })?;
    let mut entries = table.into_iter();
    match (entries.next(), entries.next()) {
        (Some((name, value)), None) if !value.is_table() => Ok((name, value)),
        _ => Err("expected one `key = value` (quote keys with dots: \".\")".to_string()),
    }
}

fn first_line(err: &toml::de::Error) -> String {
    err.message().lines().next().unwrap_or("").to_string()
}

fn ui_setting(settings: &mut Settings, name: &str, value: &toml::Value) -> Result<(), String> {
    let boolean = || {
        value
            .as_bool()
            .ok_or_else(|| format!("`{name}` wants true or false, not {value}"))
    };
    let width = || -> Result<Option<u16>, String> {
        match value.as_integer() {
            Some(0) => Ok(None),
            Some(n @ 8..=400) => Ok(u16::try_from(n).ok()),
            _ => Err(format!(
                "`{name}` wants a width in columns (8 to 400, or 0 for automatic), not {value}"
            )),
        }
    };
    match name {
        "mouse" => settings.mouse = boolean()?,
        "sidebar" => settings.sidebar = boolean()?,
        "list_width" => settings.widths.list = width()?,
        "sidebar_width" => settings.widths.sidebar = width()?,
        "date_format" => {
            let format = value
                .as_str()
                .ok_or_else(|| format!("`date_format` wants a string, not {value}"))?;
            check_date_format(format)?;
            settings.date_format = format.to_string();
        }
        "sort" => {
            settings.sort = value.as_str().and_then(Sort::from_name).ok_or_else(|| {
                format!("`sort` wants \"date\", \"title\", \"source\" or \"file\", not {value}")
            })?;
        }
        "show_read" => settings.show_read = boolean()?,
        _ => {
            return Err(format!(
                "unknown setting `{name}` in [ui] (expected mouse, sidebar, list_width, \
                 sidebar_width, date_format, sort or show_read)"
            ));
        }
    }
    Ok(())
}

/// Reject `strftime` formats chrono cannot print (printing them would fail mid-draw).
fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if format.trim().is_empty() {
        return Err("`date_format` is empty".into());
    }
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "`date_format` {format:?} is not a valid strftime format"
        ));
    }
    Ok(())
}

fn theme_style(
    theme: &mut Theme,
    name: &str,
    value: &toml::Value,
    no_color: bool,
) -> Result<(), String> {
    let text = value.as_str().ok_or_else(|| {
        format!("theme `{name}` wants a string like \"yellow bold\", not {value}")
    })?;
    let slot = theme.style_mut(name).ok_or_else(|| {
        format!(
            "unknown theme style `{name}` (one of: {})",
            Theme::NAMES.join(", ")
        )
    })?;
    let mut style = parse_style(text).map_err(|e| format!("theme `{name}`: {e}"))?;
    if no_color {
        style.fg = None;
        style.bg = None;
    }
    *slot = style;
    Ok(())
}

/// Modifier names in style strings.
const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("slow_blink", Modifier::SLOW_BLINK),
    ("rapid_blink", Modifier::RAPID_BLINK),
    ("reversed", Modifier::REVERSED),
    ("hidden", Modifier::HIDDEN),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// Parse a style: `"fg on bg modifiers"`, each part optional (`"yellow bold"`,
/// `"#ff8800 on black underlined"`, `"on blue"`, `"reversed"`, `"default"`).
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    let mut seen_fg = false;
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "underline" => Some(Modifier::UNDERLINED),
            "reverse" => Some(Modifier::REVERSED),
            "blink" => Some(Modifier::SLOW_BLINK),
            other => MODIFIERS.iter().find(|(n, _)| *n == other).map(|(_, m)| *m),
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lower == "on" {
            let bg = words.next().ok_or("`on` needs a background colour")?;
            style = style.bg(colour(bg)?);
        } else if lower == "default" || lower == "none" {
            continue;
        } else if !seen_fg {
            style = style.fg(colour(word)?);
            seen_fg = true;
        } else {
            return Err(format!("`{word}` is not a colour or modifier here"));
        }
    }
    Ok(style)
}

fn colour(word: &str) -> Result<Color, String> {
    word.parse::<Color>().map_err(|_| {
        format!("`{word}` is not a colour (a name like yellow or lightblue, #rrggbb, or 0-255)")
    })
}

/// A style written back as `parse_style` reads it.
pub fn style_text(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(fg.to_string().to_lowercase());
    }
    if let Some(bg) = style.bg {
        parts.push(format!("on {}", bg.to_string().to_lowercase()));
    }
    for (name, m) in MODIFIERS {
        if style.add_modifier.contains(*m) {
            parts.push((*name).to_string());
        }
    }
    if parts.is_empty() {
        "default".to_string()
    } else {
        parts.join(" ")
    }
}

/// The `[keys.CONTEXT]` lines read so far, to report what they override.
struct KeyLines {
    /// The default keymap, to tell when a line replaces a different default action.
    defaults: Keymap,
    /// The line each (context, key) was first bound on in this file.
    seen: HashMap<(Context, Key), usize>,
}

impl KeyLines {
    /// Bind one `key = "action"` line; notes say what it overrides (the same key earlier in
    /// the file, or a different default action of the context or of `[keys.global]`).
    fn bind(
        &mut self,
        keymap: &mut Keymap,
        context: Context,
        (key_text, value): (&str, &toml::Value),
        line_no: usize,
    ) -> Result<Vec<String>, String> {
        let (key, action) = keymap::binding(key_text, value).map_err(|e| match e {
            KeymapError::UnknownAction { .. } => format!("{e} (see `?` in warta)"),
            _ => e.to_string(),
        })?;
        let section = context.name();
        let mut notes = Vec::new();
        if let Some(first) = self.seen.insert((context, key), line_no) {
            notes.push(format!(
                "`{key}` is bound twice in [keys.{section}] (also line {first}); this line wins"
            ));
        }
        let shadowed = self
            .defaults
            .get(context, key)
            .map(|a| (a, section))
            .or_else(|| {
                context
                    .inherits_global()
                    .then(|| self.defaults.get(Context::Global, key))
                    .flatten()
                    .map(|a| (a, Context::Global.name()))
            });
        if let Some((default, where_)) = shadowed.filter(|(a, _)| *a != action) {
            notes.push(format!(
                "`{key}` in [keys.{section}] replaces the default `{default}` of \
                 [keys.{where_}] with `{action}`"
            ));
        }
        keymap.bind(context, key, action);
        Ok(notes)
    }
}

/// A key as a TOML key: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The complete default config, commented, generated from the default keymap, the colour
/// theme and the default settings.
pub fn default_text() -> String {
    let keymap = default_keymap();
    let theme = Theme::colour();
    let settings = Settings::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# warta configuration: every setting with its default value.\n\
         # Save as config.toml in warta's config folder (or pass --config PATH) and keep only\n\
         # what you change; anything not set keeps its default. A bad line is reported with\n\
         # its line number and the rest of the file still applies.\n"
    );
    let _ = writeln!(out, "[ui]");
    let _ = writeln!(
        out,
        "# Clicks select rows, entities and panes; the wheel scrolls."
    );
    let _ = writeln!(out, "mouse = {}", settings.mouse);
    let _ = writeln!(
        out,
        "# Show the sidebar of names at start (toggle with `s`)."
    );
    let _ = writeln!(out, "sidebar = {}", settings.sidebar);
    let _ = writeln!(
        out,
        "# Widths in columns of the list and the sidebar; 0 picks one from the screen width."
    );
    let _ = writeln!(out, "list_width = 0");
    let _ = writeln!(out, "sidebar_width = 0");
    let _ = writeln!(out, "# strftime format of the dates in the list.");
    let _ = writeln!(out, "date_format = \"{}\"", settings.date_format);
    let _ = writeln!(
        out,
        "# The list's order at start: \"date\" (newest first), \"title\", \"source\" or \"file\"."
    );
    let _ = writeln!(out, "sort = \"{}\"", settings.sort.name());
    let _ = writeln!(out, "# List read articles too (toggle with `R`).");
    let _ = writeln!(out, "show_read = {}", settings.show_read);
    let _ = writeln!(
        out,
        "\n[theme]\n\
         # \"FG on BG MODIFIERS\", each part optional. Colours: black red green yellow blue\n\
         # magenta cyan gray darkgray lightred lightgreen lightyellow lightblue lightmagenta\n\
         # lightcyan white, #rrggbb, or 0-255. Modifiers: {}.\n\
         # With NO_COLOR set, colours are ignored and modifiers kept.",
        MODIFIERS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut probe = theme.clone();
    for name in Theme::NAMES {
        if let Some(style) = probe.style_mut(name) {
            let _ = writeln!(out, "{name} = \"{}\"", style_text(*style));
        }
    }
    let _ = writeln!(
        out,
        "\n# Key bindings per context: key = \"action\". `global` applies everywhere except\n\
         # overlays and the search prompt; list, reader and sidebar win over it when focused,\n\
         # entity while an entity page is shown.\n\
         # Keys: a character or enter esc tab space backspace up down left right home end\n\
         # pageup pagedown f1-f12, with ctrl- alt- shift- prefixes."
    );
    for context in Context::ALL {
        let _ = writeln!(out, "\n[keys.{}]", context.name());
        for (key, action) in keymap.entries(context) {
            let _ = writeln!(
                out,
                "{} = \"{}\"  # {}",
                toml_key(&key.to_string()),
                action.name(),
                action.description()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn parse_text(text: &str) -> Config {
        parse(text, Path::new("conf/warta.toml"), Theme::colour(), false)
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_default_config_reads_back_without_problems_and_changes_nothing() {
        let text = default_text();
        let config = parse_text(&text);
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        assert_eq!(config.theme, Theme::colour());
        assert_eq!(config.settings, Settings::default());
        let defaults = Keymap::embedded().expect("embedded keymap");
        for context in Context::ALL {
            assert_eq!(config.keymap.entries(context), defaults.entries(context));
        }
        // Every action and every theme style is in it.
        for action in Action::ALL {
            assert!(text.contains(&format!("\"{}\"", action.name())), "{action}");
        }
        for name in Theme::NAMES {
            assert!(text.contains(&format!("\n{name} = ")), "{name}");
        }
    }

    #[test]
    fn keys_merge_over_the_defaults() {
        let config =
            parse_text("[keys.list]\nx = \"quit\"\n\n[keys.global]\nctrl-f = \"search\"\n");
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        assert_eq!(
            config.keymap.action(Context::List, &key('x')),
            Some(Action::Quit)
        );
        assert_eq!(
            config.keymap.action(Context::List, &key('j')),
            Some(Action::MoveDown)
        );
        assert_eq!(
            config.keymap.action(
                Context::Reader,
                &KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)
            ),
            Some(Action::Search)
        );
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line_and_the_rest_applies() {
        let text = "\
[ui]
mouse = maybe
sidebar = false
date_format = \"%d %b %Y\"
[theme]
selected = \"#ff8800 on black underline\"
title = \"purple-ish\"
nonsense = \"bold\"
[keys.list]
x = \"fly\"
hyper-q = \"quit\"
y = \"quit\"
[keys.nowhere]
z = \"quit\"
[keys.reader]
this is not toml
m = \"move_down\"
";
        let config = parse_text(text);
        let lines: Vec<Option<usize>> = config.problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            [2, 7, 8, 10, 11, 12, 13, 16].map(Some),
            "{:#?}",
            config.problems
        );
        for p in &config.problems {
            let shown = p.to_string();
            assert!(shown.contains("conf/warta.toml"), "{shown}");
            assert!(shown.contains(&p.line.unwrap_or(0).to_string()), "{shown}");
        }
        assert!(config.problems[0].reason.contains("mouse"));
        // `y` replaced the default copy_link from the global table: reported, but applied.
        assert!(config.problems[5].reason.contains("copy_link"));
        // The good lines around the bad ones still apply.
        assert!(config.settings.mouse);
        assert!(!config.settings.sidebar);
        assert_eq!(config.settings.date_format, "%d %b %Y");
        assert_eq!(
            config.theme.selected,
            Style::new()
                .fg(Color::Rgb(0xff, 0x88, 0))
                .bg(Color::Black)
                .add_modifier(Modifier::UNDERLINED)
        );
        assert_eq!(config.theme.title, Theme::colour().title);
        assert_eq!(
            config.keymap.action(Context::List, &key('y')),
            Some(Action::Quit)
        );
        assert_eq!(
            config.keymap.action(Context::Reader, &key('m')),
            Some(Action::MoveDown)
        );
    }

    #[test]
    fn duplicate_and_shadowing_bindings_are_reported() {
        let config = parse_text("[keys.reader]\nx = \"quit\"\nx = \"move_up\"\nj = \"move_up\"\n");
        let reasons: Vec<&str> = config.problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].contains("twice") && reasons[0].contains("line 2"));
        assert!(reasons[1].contains("move_down"));
        assert_eq!(config.problems[0].line, Some(3));
        // The entity page falls back to [keys.global] too, so replacing a global default
        // there is reported like in the panes; the search prompt does not fall back.
        let config = parse_text("[keys.entity]\no = \"back\"\n[keys.search]\no = \"quit\"\n");
        let reasons: Vec<&str> = config.problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].contains("open_in_browser") && reasons[0].contains("[keys.global]"),
            "{reasons:?}"
        );
        assert_eq!(config.problems[0].line, Some(2));
        // Rebinding a key to its own default is no conflict.
        assert!(
            parse_text("[keys.list]\nj = \"move_down\"\n")
                .problems
                .is_empty()
        );
    }

    #[test]
    fn styles_parse_and_print_back() {
        for text in [
            "yellow bold",
            "#ff8800 on black underlined",
            "on blue",
            "reversed",
            "default",
            "lightgreen italic dim",
            "208 on 17",
        ] {
            let style = parse_style(text).expect(text);
            assert_eq!(parse_style(&style_text(style)), Ok(style), "{text}");
        }
        assert_eq!(
            parse_style("Light-Blue UNDERLINE"),
            Ok(Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::UNDERLINED))
        );
        assert!(parse_style("yellow green").is_err());
        assert!(parse_style("on").is_err());
        assert!(parse_style("#12345").is_err());
    }

    #[test]
    fn no_color_drops_configured_colours_but_keeps_modifiers() {
        let config = parse(
            "[theme]\nselected = \"red on white bold\"\n",
            Path::new("c.toml"),
            Theme::monochrome(),
            true,
        );
        assert!(config.problems.is_empty());
        assert_eq!(
            config.theme.selected,
            Style::new().add_modifier(Modifier::BOLD)
        );
    }

    #[test]
    fn bad_widths_and_date_formats_are_refused() {
        let config = parse_text("[ui]\nlist_width = 3\nsidebar_width = 30\ndate_format = \"%Q\"\n");
        assert_eq!(
            config.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            [Some(2), Some(4)]
        );
        assert_eq!(config.settings.widths.sidebar, Some(30));
        assert_eq!(config.settings.date_format, DEFAULT_DATE_FORMAT);
    }

    #[test]
    fn a_missing_file_is_fine_unless_named() {
        let path = Path::new("/nonexistent/warta/config.toml");
        assert!(
            load(path, false, Theme::colour(), false)
                .problems
                .is_empty()
        );
        assert_eq!(load(path, true, Theme::colour(), false).problems.len(), 1);
    }
}
