//! Files of hundreds of megabytes: one above the size limit is refused with a message
//! before a byte of it is read; a 200 MB single line under a raised limit loads, its line
//! cut with a note, in memory bounded by a small multiple of the file (and in linear time:
//! the test would never finish otherwise). One test, so that the process-wide counters it
//! reads (`/proc/self/io`, `/proc/self/status`) see only its own work.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use warta::article::read::{Limits, MAX_FILE_BYTES, READ_DEADLINE, read_file_with};
use warta::article::{load_bytes, load_paths};

const MB: u64 = 1024 * 1024;

fn limit(max_bytes: u64) -> Limits {
    Limits {
        max_bytes,
        deadline: READ_DEADLINE,
    }
}

/// A number from a `/proc/self` file: the value after `key` (in the file's unit).
fn proc_value(file: &str, key: &str) -> Option<u64> {
    let text = fs::read_to_string(format!("/proc/self/{file}")).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().next()?.parse().ok()
}

/// Write `size` bytes of one line of words after a title, in 1 MB chunks.
fn write_single_line(path: &Path, size: u64) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(fs::File::create(path)?);
    file.write_all(b"Judul panjang sekali\n\n")?;
    let chunk = "Kata demi kata tanpa henti ".repeat((MB / 27) as usize);
    let mut written = 0;
    while written < size {
        file.write_all(chunk.as_bytes())?;
        written += chunk.len() as u64;
    }
    file.write_all(b"\n")?;
    file.flush()
}

#[test]
fn huge_files_are_refused_unread_or_loaded_in_bounded_memory()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;

    // Above the limit: refused by its size, nothing read (a sparse file takes no disk).
    let sparse = dir.path().join("sparse.txt");
    fs::File::create(&sparse)?.set_len(200 * MB)?;
    let read_before = proc_value("io", "rchar:");
    let refused = read_file_with(&sparse, limit(MAX_FILE_BYTES));
    let read_after = proc_value("io", "rchar:");
    let problem = match refused {
        Ok(bytes) => panic!(
            "a 200 MB file over the limit was read ({} bytes)",
            bytes.len()
        ),
        Err(p) => p.to_string(),
    };
    assert!(
        problem.contains("file too large (200 MB; the limit is 64 MB"),
        "{problem}"
    );
    if let (Some(before), Some(after)) = (read_before, read_after) {
        assert!(after - before < MB, "{} bytes read", after - before);
    }
    let report = load_paths(std::slice::from_ref(&sparse));
    assert!(report.articles.is_empty());
    assert!(report.problems[0].reason.starts_with("file too large"));
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "list"])
        .arg(&sparse)
        .output()?;
    assert_eq!(out.status.code(), Some(1), "nothing loaded");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("file too large") && stderr.contains("--max-file-size"),
        "{stderr}"
    );

    // A real 200 MB single line, under a raised limit.
    let long = dir.path().join("long.txt");
    write_single_line(&long, 200 * MB)?;
    let size = fs::metadata(&long)?.len();
    let rss_before = proc_value("status", "VmRSS:");
    let bytes = match read_file_with(&long, limit(256 * MB)) {
        Ok(b) => b,
        Err(p) => panic!("{p}"),
    };
    assert_eq!(bytes.len() as u64, size);
    let report = load_bytes(&long, &bytes);
    drop(bytes);
    let peak = proc_value("status", "VmHWM:");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1);
    let article = &report.articles[0];
    assert_eq!(article.title, "Judul panjang sekali");
    let body = article.body_text();
    assert!(body.starts_with("Kata demi kata"));
    assert!(
        body.len() <= warta::article::MAX_LINE_BYTES,
        "{} bytes",
        body.len()
    );
    assert!(
        article
            .notes
            .iter()
            .any(|n| n.starts_with("a line of 20") && n.ends_with("MB was cut to its first 1 MB")),
        "{:?}",
        article.notes
    );
    // The file's bytes and one decoded copy, and little else (values in kB).
    if let (Some(before), Some(peak)) = (rss_before, peak) {
        let used = peak.saturating_sub(before) * 1024;
        eprintln!("peak memory {} MB for a {} MB file", used / MB, size / MB);
        assert!(
            used < 3 * size,
            "peak memory {} MB for a {} MB file",
            used / MB,
            size / MB
        );
    }
    Ok(())
}
