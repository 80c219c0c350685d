//! Walking the paths a user gives: folders recursively in sorted order, symlinks followed
//! without looping, hidden files and non-articles left out, oversized and special files
//! refused before they are read.

use super::Problem;
use super::read::{self, io_reason};
use super::sniff::{self, Kind};
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use super::read::{MAX_FILE_BYTES, max_file_bytes, set_max_file_bytes};

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
    let mut seen = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut seen, &mut out, problems),
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

/// What a folder entry is, symlinks followed.
enum Found {
    Dir,
    File,
    /// A FIFO, socket or device, and which.
    Special(&'static str),
    Unreadable(io::Error),
}

/// An open folder whose entries are still being walked.
struct Level {
    /// The folder's path.
    path: PathBuf,
    /// The folder's handle, for opening the folders in it relative to it; `None` once no
    /// folder is left to open in it, or when too many are held already.
    handle: Option<folder::Handle>,
    /// Its entries not walked yet, in name order.
    entries: std::vec::IntoIter<(OsString, Found)>,
    /// How many of them are folders.
    folders_left: usize,
}

/// Handles held open at most while walking (one per folder whose subfolders are not all
/// walked yet); deeper than that, folders are opened by their path.
const MAX_HANDLES: usize = 64;

/// Walk a folder depth-first in sorted order.
///
/// Each folder is opened relative to its parent's open handle and its entries are
/// classified from the listing (metadata is read, relative to the folder, only for a
/// symlink or an entry of unknown kind), so no step looks up a path again from the root:
/// the walk costs the same for every folder however deep it is, and is linear in the
/// entries. Its own stack, not recursion, holds the folders being walked, so folders
/// nested thousands deep need no deep call stack; a folder reached twice (a symlink loop,
/// two links to one place) is read once.
fn walk_dir(
    root: &Path,
    seen: &mut HashSet<folder::Key>,
    out: &mut Vec<Entry>,
    problems: &mut Vec<Problem>,
) {
    let mut stack: Vec<Level> = Vec::new();
    let mut held = 0;
    let mut open = |parent: Option<&folder::Handle>,
                    name: &OsStr,
                    path: PathBuf,
                    held: usize,
                    problems: &mut Vec<Problem>|
     -> Option<Level> {
        let listed = folder::open(parent, name, &path).and_then(|(handle, key)| {
            if !seen.insert(key) {
                return Ok(None);
            }
            let entries = folder::list(&handle, &path)?;
            Ok(Some((handle, entries)))
        });
        match listed {
            Ok(Some((handle, mut entries))) => {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let folders = entries.iter().filter(|e| matches!(e.1, Found::Dir)).count();
                let keep = held < MAX_HANDLES && folders > 0;
                Some(Level {
                    path,
                    handle: keep.then_some(handle),
                    entries: entries.into_iter(),
                    folders_left: folders,
                })
            }
            Ok(None) => None,
            Err(err) => {
                problems.push(problem(
                    &path,
                    &format!("cannot read folder: {}", io_reason(&err)),
                ));
                None
            }
        }
    };
    if let Some(level) = open(None, root.as_os_str(), root.to_path_buf(), held, problems) {
        held += usize::from(level.handle.is_some());
        stack.push(level);
    }
    while let Some(top) = stack.last_mut() {
        let Some((name, found)) = top.entries.next() else {
            held -= usize::from(top.handle.is_some());
            stack.pop();
            continue;
        };
        let child = top.path.join(&name);
        match found {
            Found::Dir => {
                let level = open(top.handle.as_ref(), &name, child, held, problems);
                // A handle is kept only while folders are left to open in it.
                top.folders_left = top.folders_left.saturating_sub(1);
                if top.folders_left == 0 && top.handle.take().is_some() {
                    held -= 1;
                }
                if let Some(level) = level {
                    held += usize::from(level.handle.is_some());
                    stack.push(level);
                }
            }
            Found::File => match sniff::by_name(&child) {
                Some(Kind::Article(_)) => out.push(Entry {
                    path: child,
                    explicit: false,
                }),
                // Non-articles and unknown extensions inside folders are passed over quietly.
                Some(Kind::NotArticle(_)) | None => {}
            },
            Found::Special(what) => {
                if let Some(Kind::Article(_)) = sniff::by_name(&child) {
                    // A FIFO, socket or device named like an article is reported, never
                    // opened; other special files are passed over.
                    problems.push(problem(&child, &format!("not a regular file ({what})")));
                }
            }
            Found::Unreadable(err) => problems.push(problem(
                &child,
                &format!("cannot open: {}", io_reason(&err)),
            )),
        }
    }
}

/// Opening and listing folders: relative to an open parent with `openat` where the
/// platform has it, by path elsewhere.
#[cfg(unix)]
mod folder {
    use super::Found;
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};
    use std::ffi::{OsStr, OsString};
    use std::io;
    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    /// An open folder.
    pub(super) type Handle = OwnedFd;

    /// A folder's identity: its device and inode.
    pub(super) type Key = (u64, u64);

    /// Open the folder `name` in `parent`, or at `path` when there is no parent handle,
    /// following a symlink; with its identity.
    pub(super) fn open(
        parent: Option<&Handle>,
        name: &OsStr,
        path: &Path,
    ) -> io::Result<(Handle, Key)> {
        // NONBLOCK and NOCTTY: whatever is found there, opening it never waits or
        // takes a terminal.
        let flags = OFlags::RDONLY
            | OFlags::DIRECTORY
            | OFlags::CLOEXEC
            | OFlags::NOCTTY
            | OFlags::NONBLOCK;
        let handle = match parent {
            Some(parent) => rustix::fs::openat(parent, name, flags, Mode::empty())?,
            None => rustix::fs::openat(rustix::fs::CWD, path, flags, Mode::empty())?,
        };
        let stat = rustix::fs::fstat(&handle)?;
        #[allow(clippy::useless_conversion)] // The field types differ between platforms.
        let key = (u64::from(stat.st_dev), u64::from(stat.st_ino));
        Ok((handle, key))
    }

    /// The folder's visible entries (hidden ones left out), each with what it is.
    pub(super) fn list(handle: &Handle, _path: &Path) -> io::Result<Vec<(OsString, Found)>> {
        let mut out = Vec::new();
        for entry in Dir::read_from(handle)? {
            let entry = entry?;
            let name = entry.file_name().to_bytes();
            if name.starts_with(b".") {
                continue;
            }
            let found = match entry.file_type() {
                FileType::RegularFile => Found::File,
                FileType::Directory => Found::Dir,
                FileType::Symlink | FileType::Unknown => {
                    match rustix::fs::statat(handle, entry.file_name(), AtFlags::empty()) {
                        Ok(stat) => kind(FileType::from_raw_mode(stat.st_mode)),
                        Err(err) => Found::Unreadable(err.into()),
                    }
                }
                other => kind(other),
            };
            out.push((OsStr::from_bytes(name).to_os_string(), found));
        }
        Ok(out)
    }

    fn kind(kind: FileType) -> Found {
        match kind {
            FileType::RegularFile => Found::File,
            FileType::Directory => Found::Dir,
            FileType::Fifo => Found::Special("a FIFO"),
            FileType::Socket => Found::Special("a socket"),
            FileType::CharacterDevice | FileType::BlockDevice => Found::Special("a device"),
            _ => Found::Special("a special file"),
        }
    }
}

/// Opening and listing folders by path, where there is no `openat`.
#[cfg(not(unix))]
mod folder {
    use super::Found;
    use std::ffi::{OsStr, OsString};
    use std::fs;
    use std::io;
    use std::path::{Path, PathBuf};

    /// A folder is found again by its path.
    pub(super) type Handle = ();

    /// A folder's identity: its canonical path.
    pub(super) type Key = PathBuf;

    pub(super) fn open(
        _parent: Option<&Handle>,
        _name: &OsStr,
        path: &Path,
    ) -> io::Result<(Handle, Key)> {
        Ok(((), fs::canonicalize(path)?))
    }

    pub(super) fn list(_handle: &Handle, path: &Path) -> io::Result<Vec<(OsString, Found)>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(path)?.filter_map(Result::ok) {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let meta = match entry.file_type() {
                Ok(kind) if kind.is_file() => {
                    out.push((name, Found::File));
                    continue;
                }
                Ok(kind) if kind.is_symlink() => fs::metadata(entry.path()),
                _ => entry.metadata(),
            };
            let found = match meta {
                Ok(meta) if meta.is_dir() => Found::Dir,
                Ok(meta) if meta.is_file() => Found::File,
                Ok(_) => Found::Special("device, FIFO or socket"),
                Err(err) => Found::Unreadable(err),
            };
            out.push((name, found));
        }
        Ok(out)
    }
}

/// The reason a special file is not read, naming what it is where the platform says.
fn not_regular(meta: &fs::Metadata) -> String {
    format!("not a regular file ({})", read::special_kind(meta))
}

/// A problem with a whole file.
pub fn problem(path: &Path, reason: &str) -> Problem {
    Problem {
        path: path.to_path_buf(),
        line: None,
        reason: crate::text::sanitize_line(reason),
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
    fn folders_nested_thousands_deep_are_walked() {
        let dir = temp_dir("deep");
        let mut deep = dir.clone();
        for _ in 0..1_500 {
            deep.push("d");
        }
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("x.txt"), "x").unwrap();
        let mut problems = Vec::new();
        let found = collect(std::slice::from_ref(&dir), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, deep.join("x.txt"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn more_open_folders_than_handles_kept_are_walked_in_order() {
        // Each level holds `a` (the next level) and then `z` (a leaf): every level is
        // still open when the one below it is walked.
        let dir = temp_dir("bushy");
        let mut level = dir.clone();
        let mut expected = Vec::new();
        for i in 0..(MAX_HANDLES + 20) {
            fs::create_dir_all(level.join("z")).unwrap();
            fs::write(level.join("z").join(format!("{i}.txt")), "x").unwrap();
            expected.push(level.join("z").join(format!("{i}.txt")));
            level.push("a");
        }
        expected.reverse();
        let mut problems = Vec::new();
        let found: Vec<PathBuf> = collect(std::slice::from_ref(&dir), &mut problems)
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found, expected);
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
