//! Loading never waits forever: a path swapped for a FIFO after the walk saw a file is
//! refused at once, a regular file whose read blocks is given up after the read deadline
//! and reported while the rest loads, and the files before a slow one are delivered
//! without waiting for it.
//!
//! Each wait below has a generous limit that only turns a hang into a failure; nothing
//! here measures speed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use warta::article::{LoadReport, load_entry, walk};
use warta::corpus::load::{LoadEvent, Source, spawn_load};

/// Longer than any of these loads takes unless it hangs.
const HANG: Duration = Duration::from_secs(60);

/// Run `work` on a thread and give its result, or fail if it does not finish in time
/// (the stuck thread is left behind).
fn finishes<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(HANG) {
        Ok(value) => value,
        Err(_) => panic!("{what} did not finish within {HANG:?}"),
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> std::io::Result<()> {
    let status = Command::new("mkfifo").arg(path).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other("mkfifo failed"))
    }
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_the_walk_is_refused_at_once() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("z.txt");
    std::fs::write(&path, "Judul\n\nIsi.\n")?;
    let entries = walk::collect(&[dir.path().to_path_buf()], &mut Vec::new());
    assert_eq!(entries.len(), 1);
    // Between the walk and the read, the file becomes a FIFO with no writer.
    std::fs::remove_file(&path)?;
    mkfifo(&path)?;
    let entry = entries[0].clone();
    let report: LoadReport = finishes("loading a FIFO", move || load_entry(&entry));
    assert!(report.articles.is_empty());
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("z.txt: not a regular file (a FIFO)"),
        "{problems:?}"
    );
    Ok(())
}

/// Whether a read of the kernel log would block now: it can be read by this user and holds
/// no unread message. (A freshly booted machine with no log daemon still holds its boot
/// messages; the log would then give data at once and prove nothing.) The probe reads at
/// most one byte.
#[cfg(unix)]
fn kernel_log_blocks() -> bool {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    let mut log = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking)
        .open("/proc/kmsg")
    {
        Ok(log) => log,
        Err(_) => {
            eprintln!("skipped: /proc/kmsg cannot be read by this user");
            return false;
        }
    };
    match log.read(&mut [0u8; 1]) {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => true,
        _ => {
            eprintln!("skipped: /proc/kmsg holds unread messages, so a read would not block");
            false
        }
    }
}

/// A folder holding `a.txt`, then `x.txt` (a link to the kernel log, a regular file whose
/// read blocks once it has given what it holds), then `z.txt`; `None` when this user
/// cannot read the kernel log (it takes root), and then the tests below skip.
#[cfg(unix)]
fn folder_with_a_blocking_file(dir: &Path) -> Option<PathBuf> {
    if !kernel_log_blocks() {
        return None;
    }
    let folder = dir.join("news");
    std::fs::create_dir_all(&folder).ok()?;
    std::fs::write(
        folder.join("a.txt"),
        "Berita Pertama\n\nIsi berita pertama.\n",
    )
    .ok()?;
    std::os::unix::fs::symlink("/proc/kmsg", folder.join("x.txt")).ok()?;
    std::fs::write(
        folder.join("z.txt"),
        "Berita Terakhir\n\nIsi berita terakhir.\n",
    )
    .ok()?;
    Some(folder)
}

#[cfg(unix)]
#[test]
fn a_file_whose_read_blocks_is_reported_and_the_rest_lists() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let Some(folder) = folder_with_a_blocking_file(dir.path()) else {
        return Ok(());
    };
    let child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "--read-timeout", "0.5", "list"])
        .arg(&folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let out = match finishes("warta list", move || child.wait_with_output()) {
        Ok(out) => out,
        Err(e) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            return Err(e);
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("Berita Pertama"), "{stdout}");
    assert!(stdout.contains("Berita Terakhir"), "{stdout}");
    let skipped: Vec<&str> = stderr.lines().collect();
    assert_eq!(skipped.len(), 1, "{stderr}");
    assert!(skipped[0].contains("x.txt: no"), "{stderr}");
    assert!(skipped[0].ends_with("after 0.5 s"), "{stderr}");
    Ok(())
}

#[cfg(unix)]
#[test]
fn files_before_a_blocking_one_arrive_without_waiting_for_it() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let Some(folder) = folder_with_a_blocking_file(dir.path()) else {
        return Ok(());
    };
    // The deadline is longer than the wait for the first file below: that file arrives
    // while the blocking one is still being waited for.
    warta::article::read::set_read_deadline(HANG * 2);
    let events = spawn_load(Source::Paths(vec![folder]));
    let first = finishes("the first file", move || {
        let mut titles = Vec::new();
        for event in events.iter() {
            match event {
                LoadEvent::Found { files } => assert_eq!(files, 3),
                LoadEvent::Batch { batch, files_done } => {
                    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
                    titles.extend(batch.articles.into_iter().map(|a| a.title));
                    if !titles.is_empty() {
                        return (titles, files_done);
                    }
                }
                LoadEvent::Finished => break,
            }
        }
        (titles, 0)
    });
    assert_eq!(first, (vec!["Berita Pertama".to_string()], 1));
    Ok(())
}
