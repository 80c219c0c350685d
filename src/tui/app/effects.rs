//! Work outside the terminal that an action asks for: opening a link in the browser,
//! copying to the clipboard, showing the text in the pager.
//!
//! `update` only records an [`Effect`]; the event loop takes them with
//! [`App::take_effects`] and carries them out, so tests can check what would happen
//! without starting a browser.

use super::App;
use crate::text::sanitize;

/// Something for the event loop to do outside the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL with `$BROWSER` (or `xdg-open`), detached.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52, through the terminal).
    Copy(String),
    /// Show this text in `$PAGER` (default `less`).
    Pager(String),
}

impl App {
    /// The effects asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The article the browser, copy and pager keys act on: the open one, else the
    /// selected one.
    fn share_target(&self) -> Option<&crate::article::Article> {
        self.open
            .or_else(|| self.selected_article())
            .and_then(|i| self.articles.get(i))
    }

    pub(super) fn open_in_browser(&mut self) {
        let url = self
            .share_target()
            .and_then(|a| a.url.clone())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        match url {
            Some(url) => {
                self.notice = Some("opening the link in the browser".into());
                self.effects.push(Effect::OpenUrl(url));
            }
            None => self.notice = Some("this article has no web link".into()),
        }
    }

    pub(super) fn copy_link(&mut self) {
        let Some(article) = self.share_target() else {
            return;
        };
        let (text, what) = match &article.url {
            Some(url) => (url.clone(), "link"),
            None => (crate::text::sanitize_line(&article.title), "title"),
        };
        self.notice = Some(format!("copied the {what} to the clipboard"));
        self.effects.push(Effect::Copy(text));
    }

    pub(super) fn open_in_pager(&mut self) {
        let Some(article) = self.share_target() else {
            return;
        };
        let mut text = crate::text::sanitize_line(&article.title);
        text.push_str("\n\n");
        if let Some(lead) = &article.lead {
            text.push_str(&sanitize(lead));
            text.push_str("\n\n");
        }
        text.push_str(&sanitize(&article.body_text()));
        text.push('\n');
        self.effects.push(Effect::Pager(text));
    }
}
