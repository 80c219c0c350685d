//! Commands carried out outside the interface: the browser (detached, its output
//! discarded), the clipboard (an OSC 52 sequence written through the terminal backend)
//! and the pager (the terminal is handed over and taken back cleanly). Each returns what
//! went wrong, for the status bar.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::DefaultTerminal;
use std::io::Write;
use std::process::{Command, Stdio};

/// Put `text` on the clipboard through the terminal.
pub fn copy(text: &str, terminal: &mut DefaultTerminal) -> Result<(), String> {
    let seq = osc52(text);
    let backend = terminal.backend_mut();
    backend
        .write_all(seq.as_bytes())
        .and_then(|()| backend.flush())
        .map_err(|e| format!("could not copy: {e}"))
}

/// Start `$BROWSER` (or `xdg-open`, `open` on macOS) on a URL, detached from the terminal.
pub fn open_url(url: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "open".into()
            } else {
                "xdg-open".into()
            }
        });
    // `$BROWSER` may hold a list (`firefox:chromium`); the first is used.
    let program = browser.split(':').next().unwrap_or("xdg-open").trim();
    let mut words = program.split_whitespace();
    let Some(exe) = words.next() else {
        return Err("no browser set".into());
    };
    Command::new(exe)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_child| ())
        .map_err(|e| format!("could not start {exe}: {e}"))
}

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Leave the alternate screen, show `text` in `$PAGER` (default `less`), come back.
pub fn pager(text: &str, terminal: &mut DefaultTerminal, mouse: bool) -> Result<(), String> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".into());
    let mut words = pager.split_whitespace();
    let exe = words.next().unwrap_or("less").to_string();
    let args: Vec<String> = words.map(str::to_string).collect();
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    let result = Command::new(&exe)
        .args(&args)
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            if let Some(mut stdin) = child.stdin.take() {
                // The pager may quit before reading everything; that is not an error.
                let _ = stdin.write_all(text.as_bytes());
            }
            child.wait()
        });
    crate::tui::shutdown::forget_interrupt();
    *terminal = ratatui::init();
    // `init` wrapped the panic hook in its own, which would restore the terminal on any
    // thread's panic: put warta's back.
    crate::tui::shutdown::install_panic_hook();
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    }
    let _ = terminal.clear();
    result
        .map(|_| ())
        .map_err(|e| format!("could not start {exe}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
