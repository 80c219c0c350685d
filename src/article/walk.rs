//! Walking the paths a user gives: folders recursively in sorted order, symlinks followed
//! without looping, hidden files and non-articles left out, oversized and special files
//! refused before they are read.

use super::Problem;
use super::sniff::{self, Kind};
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused without being read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
            Ok(_) => problems.push(problem(path, "not a regular file (device, FIFO or socket)")),
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
        }
        // FIFOs, sockets and devices inside folders are passed over quietly.
    }
}

/// Read a whole file, refusing one over [`MAX_FILE_BYTES`] without reading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let file = fs::File::open(path)
        .map_err(|err| problem(path, &format!("cannot open: {}", io_reason(&err))))?;
    if let Ok(meta) = file.metadata() {
        if !meta.is_file() {
            return Err(problem(path, "not a regular file (device, FIFO or socket)"));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(path, meta.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| problem(path, &format!("cannot read: {}", io_reason(&err))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, len: u64) -> Problem {
    problem(
        path,
        &format!(
            "file too large ({} MB; the limit is {} MB)",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
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
