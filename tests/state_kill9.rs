//! The state file under `kill -9`: a writer process is killed at random moments, 100 times;
//! after each kill the database must pass `PRAGMA integrity_check` and hold every change the
//! writer had acknowledged (reported after its commit returned). Also: two writer processes
//! on one state file at once both finish, and every change of both is there.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use warta::store::Store;

const CHILD_ENV: &str = "WARTA_KILL9_STATE";

/// The writer: opens the store and commits changes forever, acknowledging each on stdout.
/// Run only as the child of `kill9_never_corrupts_nor_loses_acknowledged_changes`.
#[test]
#[ignore = "entry point of the child process of the kill -9 test"]
fn kill9_child_writer() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let Ok(store) = Store::open(Path::new(&path)) else {
        std::process::exit(3);
    };
    let start: u32 = std::env::var("WARTA_KILL9_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // Without a count, write until killed.
    let end: u32 = std::env::var("WARTA_KILL9_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(u32::MAX, |count: u32| start + count);
    let prefix = std::env::var("WARTA_KILL9_PREFIX").unwrap_or_else(|_| "article".into());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for n in start..end {
        let key = format!("{prefix}-{}", n % 7);
        let ok = store.set_scroll(&key, n).is_ok()
            && store.set_read(&key, n % 2 == 0).is_ok()
            && store.set_last_open(&key).is_ok();
        if !ok {
            std::process::exit(4);
        }
        // Acknowledge only after the commits returned.
        if writeln!(out, "ack {n}").and_then(|()| out.flush()).is_err() {
            std::process::exit(0);
        }
    }
}

#[test]
fn kill9_never_corrupts_nor_loses_acknowledged_changes() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("state.sqlite3");
    let exe = std::env::current_exe()?;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next_start = 0u32;
    for round in 0..100 {
        // xorshift: how many acknowledgements to wait for before the kill (0..16).
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait_for = (seed % 16) as usize;
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "kill9_child_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env("WARTA_KILL9_START", next_start.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut last_ack: Option<u32> = None;
        let mut seen = 0;
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            if let Some(n) = line
                .strip_prefix("ack ")
                .and_then(|n| n.trim().parse().ok())
            {
                last_ack = Some(n);
                seen += 1;
                if seen > wait_for {
                    break;
                }
            }
        }
        child.kill()?; // SIGKILL on Unix
        child.wait()?;

        let conn = rusqlite::Connection::open(&path)?;
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok", "round {round}: integrity check failed");
        drop(conn);
        let store = Store::open(&path)?;
        assert!(
            store.notice().is_none(),
            "round {round}: {:?}",
            store.notice()
        );
        if let Some(n) = last_ack {
            let key = format!("article-{}", n % 7);
            let state = store.get(&key)?;
            assert!(
                state.scroll >= n,
                "round {round}: acknowledged scroll {n} for {key} lost (found {})",
                state.scroll
            );
            next_start = n + 1;
        }
    }
    Ok(())
}

#[test]
fn two_processes_write_one_state_file_at_once() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("state.sqlite3");
    let exe = std::env::current_exe()?;
    const COUNT: u32 = 300;
    let children = ["left", "right"]
        .into_iter()
        .map(|prefix| {
            Command::new(&exe)
                .args([
                    "--ignored",
                    "--exact",
                    "kill9_child_writer",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_ENV, &path)
                .env("WARTA_KILL9_COUNT", COUNT.to_string())
                .env("WARTA_KILL9_PREFIX", prefix)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
        })
        .collect::<Result<Vec<_>, _>>()?;
    for mut child in children {
        let status = child.wait()?;
        assert!(status.success(), "a writer failed: {status}");
    }
    let store = Store::open(&path)?;
    for prefix in ["left", "right"] {
        // The last write to each key: the largest n below COUNT with n % 7 == k.
        for k in 0..7 {
            let last = (0..COUNT).rev().find(|n| n % 7 == k).unwrap_or(0);
            let state = store.get(&format!("{prefix}-{k}"))?;
            assert_eq!(state.scroll, last, "{prefix}-{k}");
            assert_eq!(state.read, last % 2 == 0, "{prefix}-{k}");
        }
    }
    Ok(())
}
