//! Walking the paths a user gives: folders recursively in sorted order, symlinks followed
//! without looping, hidden files and non-articles left out, oversized and special files
//! refused before they are read.

use super::Problem;
use super::sniff::{self, Kind};
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Files larger than this are refused without being read, unless the limit is changed
/// with [`set_max_file_bytes`] (`--max-file-size` on the command line).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The limit in force for this process.
static LIMIT: AtomicU64 = AtomicU64::new(MAX_FILE_BYTES);

/// Change the size above which files are refused without being read (for this process).
pub fn set_max_file_bytes(limit: u64) {
    LIMIT.store(limit, Ordering::Relaxed);
}

/// The size above which files are refused without being read.
pub fn max_file_bytes() -> u64 {
    LIMIT.load(Ordering::Relaxed)
}

/// A file chosen for loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as given or as found under a given folder.
    pub path: PathBuf,
    /// Whether the user named this file directly (then it is loaded even if hidden, and
    /// a non-article is reported instead of passed over).
    pub explicit: bool,
}

/// Expand the given paths into files in load order, reporting what cannot be used.
pub fn collect(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut seen_dirs, &mut out, problems),
            Ok(meta) if meta.is_file() => out.push(Entry {
                path: path.clone(),
                explicit: true,
            }),
            Ok(meta) => problems.push(problem(path, &not_regular(&meta))),
            Err(err) => problems.push(problem(path, &format!("cannot open: {}", io_reason(&err)))),
        }
    }
    out
}

fn walk_dir(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Entry>,
    problems: &mut Vec<Problem>,
) {
    // A folder reached twice (a symlink loop or two links to one place) is read once.
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(key) {
        return;
    }
    let reader = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(err) => {
            problems.push(problem(
                dir,
                &format!("cannot read folder: {}", io_reason(&err)),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = reader.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        if sniff::is_hidden(&child) {
            continue;
        }
        let meta = match fs::metadata(&child) {
            Ok(m) => m,
            Err(err) => {
                problems.push(problem(
                    &child,
                    &format!("cannot open: {}", io_reason(&err)),
                ));
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(&child, seen, out, problems);
        } else if meta.is_file() {
            match sniff::by_name(&child) {
                Some(Kind::Article(_)) => out.push(Entry {
                    path: child,
                    explicit: false,
                }),
                // Non-articles and unknown extensions inside folders are passed over quietly.
                Some(Kind::NotArticle(_)) | None => {}
            }
        } else if let Some(Kind::Article(_)) = sniff::by_name(&child) {
            // A FIFO, socket or device named like an article is reported, never opened
            // (reading a FIFO would wait forever); other special files are passed over.
            problems.push(problem(&child, &not_regular(&meta)));
        }
    }
}

/// Read a whole file, refusing one over [`max_file_bytes`] without reading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    read_limited_to(path, max_file_bytes())
}

/// Read a whole file, refusing one over `limit` bytes: by its size before any byte is
/// read, and by counting for a file that grows while it is read.
pub fn read_limited_to(path: &Path, limit: u64) -> Result<Vec<u8>, Problem> {
    let file = fs::File::open(path)
        .map_err(|err| problem(path, &format!("cannot open: {}", io_reason(&err))))?;
    let mut capacity = 0;
    if let Ok(meta) = file.metadata() {
        if !meta.is_file() {
            return Err(problem(path, &not_regular(&meta)));
        }
        if meta.len() > limit {
            return Err(too_large(path, meta.len(), limit));
        }
        capacity = usize::try_from(meta.len()).unwrap_or(0);
    }
    // One allocation of the right size, not a doubling series for a big file.
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| problem(path, &format!("cannot read: {}", io_reason(&err))))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// The reason a special file is not read, naming what it is where the platform says.
fn not_regular(meta: &fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        let what = if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else {
            "a special file"
        };
        format!("not a regular file ({what})")
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "not a regular file (device, FIFO or socket)".to_string()
    }
}

fn too_large(path: &Path, len: u64, limit: u64) -> Problem {
    const MB: u64 = 1024 * 1024;
    problem(
        path,
        &format!(
            "file too large ({} MB; the limit is {} MB, --max-file-size raises it)",
            len.div_ceil(MB),
            limit / MB
        ),
    )
}

/// A problem with a whole file.
pub fn problem(path: &Path, reason: &str) -> Problem {
    Problem {
        path: path.to_path_buf(),
        line: None,
        reason: crate::text::sanitize_line(reason),
    }
}

/// An I/O error as a short lowercase reason, without the `(os error N)` suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warta-walk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn sorted_recursive_and_filtered() {
        let dir = temp_dir("sorted");
        fs::create_dir_all(dir.join("b/sub")).unwrap();
        for f in [
            "b/sub/2.txt",
            "b/1.txt",
            "a.json",
            ".hidden.txt",
            "README.md",
            "pic.png",
            "c.csv",
        ] {
            fs::write(dir.join(f), "x").unwrap();
        }
        fs::create_dir_all(dir.join(".git")).unwrap();
        fs::write(dir.join(".git/x.txt"), "x").unwrap();
        let mut problems = Vec::new();
        let found: Vec<String> = collect(std::slice::from_ref(&dir), &mut problems)
            .into_iter()
            .map(|e| {
                e.path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(found, ["a.json", "b/1.txt", "b/sub/2.txt", "c.csv"]);
        assert!(problems.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = temp_dir("loop");
        fs::create_dir_all(dir.join("d")).unwrap();
        fs::write(dir.join("d/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("d/back")).unwrap();
        let mut problems = Vec::new();
        let found = collect(std::slice::from_ref(&dir), &mut problems);
        assert_eq!(found.len(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_path_is_a_problem() {
        let mut problems = Vec::new();
        let found = collect(&[PathBuf::from("/nonexistent/warta/x.txt")], &mut problems);
        assert!(found.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].reason.starts_with("cannot open"),
            "{}",
            problems[0].reason
        );
    }
}
