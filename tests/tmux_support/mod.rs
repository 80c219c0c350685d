//! The real binary in a real terminal: a tmux session to start it in, send keys to and
//! read the screen of, for the tests that drive `warta` as a user would.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Whether a program is on the `PATH`.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Run tmux; whether it succeeded.
pub fn tmux(args: &[&str]) -> bool {
    Command::new("tmux")
        .args(args)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A path as one word for `sh`.
pub fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', "'\\''"))
}

/// A tmux session, killed on drop.
pub struct Session(pub String);

impl Session {
    /// A detached session `name` of `width` x `height` running `command` (colours on).
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Session> {
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-s", name])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .env_remove("NO_COLOR")
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Session(name.to_string()))
    }

    /// Send keys, in tmux's names (`Enter`, `Space`, `C-c`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.0.as_str()];
        args.extend_from_slice(keys);
        assert!(tmux(&args), "tmux send-keys {keys:?}");
    }

    /// The screen as text.
    pub fn capture(&self) -> String {
        Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.0])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// Capture until the screen satisfies `ok`, for at most 20 seconds (a slow machine
    /// must not fail the test; no time is asserted).
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never saw {what}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Whether the session still runs.
    pub fn alive(&self) -> bool {
        tmux(&["has-session", "-t", &self.0])
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.0]);
    }
}

/// Wait until `ok` holds, for at most 20 seconds; whether it did.
pub fn eventually(ok: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if ok() {
            return true;
        }
        sleep(Duration::from_millis(100));
    }
    ok()
}
