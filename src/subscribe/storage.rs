//! The feeds folder: one JSON Feed file per subscription, with its fetch state beside it.
//!
//! `NAME.json` holds every item kept of one feed, newest first, as a JSON Feed 1.1 that
//! warta's feed loader reads like any other file (so `warta list FOLDER` and the reader
//! work on the folder as they are). The item fields are kept as the feed wrote them; the
//! loader cleans them when it reads them, as it cleans any file. Each item carries a
//! `_warta` object (JSON Feed's way to extend an item) with the feed's own guid, when
//! warta first saw it and whether its page was fetched for the full text.
//!
//! `.state/NAME.json` holds the fetch state: validators for a conditional GET, the last
//! fetch and error, and when the feed may be asked again. Hidden names keep the state,
//! temporary files and the lock out of the collection.
//!
//! Every file is written whole to a temporary file in the same folder and renamed over
//! the old one, so a crash leaves the old file or the new one, never a mix; the items file
//! is synced to disk before the rename. Items are written before the state, so a state
//! file never claims a validator for items that were not kept.

use crate::article::date;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The JSON Feed version written.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Errors of the feeds folder.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A feed's items file is not a JSON Feed warta wrote; it is left alone.
    #[error("{path}: kept items unreadable ({reason}); the file is left as it is")]
    Corrupt {
        /// The items file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// Another update holds the folder.
    #[error("another update is running on {0}")]
    Busy(PathBuf),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One feed's kept items: a JSON Feed 1.1 document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFeed {
    /// Always [`JSON_FEED_VERSION`].
    pub version: String,
    /// The feed's title (what the reader shows as the source).
    pub title: String,
    /// The site the feed belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    /// The subscribed URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    /// The feed's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The items, newest first.
    pub items: Vec<StoredItem>,
}

impl StoredFeed {
    /// An empty feed for `url`.
    pub fn new(url: &str) -> StoredFeed {
        StoredFeed {
            version: JSON_FEED_VERSION.to_string(),
            title: String::new(),
            home_page_url: None,
            feed_url: Some(url.to_string()),
            language: None,
            items: Vec::new(),
        }
    }
}

/// An item's author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The display name.
    pub name: String,
}

/// One kept item, with the fields as the feed wrote them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredItem {
    /// The guid, else the link, else the title and date.
    pub id: String,
    /// The item's link (http or https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The title, markup and entities as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The content (the page's article, for a full-text item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    /// The summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// When it was published, as warta writes dates (RFC 3339 when the zone is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// When it was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// Categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What warta knows of the item.
    #[serde(rename = "_warta")]
    pub meta: ItemMeta,
}

/// The `_warta` object of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemMeta {
    /// The feed's own guid, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// When warta first saw the item (Unix seconds).
    pub first_seen: i64,
    /// Whether the item's page was fetched for its full text.
    #[serde(default, skip_serializing_if = "FullText::is_not_asked")]
    pub full_text: FullText,
}

/// An item's full-text fetch: asked for once, done once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FullText {
    /// The feed did not ask for full text when the item arrived.
    #[default]
    NotAsked,
    /// To be fetched (the update that found the item stopped before it).
    Pending,
    /// Fetched; the content is the page's article.
    Done,
    /// Tried once and failed (the reason); the feed's content is kept.
    Failed(String),
}

impl FullText {
    fn is_not_asked(&self) -> bool {
        *self == FullText::NotAsked
    }
}

/// A feed's fetch state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// The subscribed URL.
    #[serde(default)]
    pub url: String,
    /// The feed's title at the last fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The `ETag` of the last full response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` of the last full response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The last attempt (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetch: Option<i64>,
    /// The last attempt that worked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<i64>,
    /// The last attempt's error, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Failures in a row.
    #[serde(default)]
    pub failures: u32,
    /// Not to be asked before this time (a server's `Retry-After`, or backing off after
    /// failures), Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<i64>,
    /// Whether `retry_at` is the server's own wish (then even a forced update waits).
    #[serde(default)]
    pub server_asked: bool,
    /// Items kept after the last update.
    #[serde(default)]
    pub items: usize,
}

/// How long items no longer in their feed are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retention {
    /// Drop items older than this many days (by publication date, else by when they were
    /// first seen).
    pub max_age_days: Option<u32>,
    /// Keep at most this many items per feed (the newest).
    pub max_items: Option<usize>,
}

/// The feeds folder.
#[derive(Debug, Clone)]
pub struct FeedStore {
    dir: PathBuf,
}

/// The folder held for one update; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct FolderLock {
    _file: std::fs::File,
}

impl FeedStore {
    /// The store in `dir` (created when first written).
    pub fn new(dir: impl Into<PathBuf>) -> FeedStore {
        FeedStore { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The items file of a subscription.
    pub fn items_path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{}.json", file_stem(url)))
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.join(".state")
    }

    fn state_path(&self, url: &str) -> PathBuf {
        self.state_dir().join(format!("{}.json", file_stem(url)))
    }

    /// Create the folders.
    pub fn create(&self) -> Result<(), StorageError> {
        let state = self.state_dir();
        std::fs::create_dir_all(&state).map_err(io_error(&state))
    }

    /// Hold the folder for an update: a second update at the same time is refused.
    pub fn lock(&self) -> Result<FolderLock, StorageError> {
        self.create()?;
        let path = self.dir.join(".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error(&path))?;
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    return Err(StorageError::Busy(self.dir.clone()));
                }
                Err(err) => return Err(io_error(&path)(err.into())),
            }
        }
        Ok(FolderLock { _file: file })
    }

    /// Remove temporary files a killed update left behind.
    pub fn clean_temporaries(&self) {
        for dir in [self.dir.clone(), self.state_dir()] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') && name.contains(TEMP_MARK) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    /// The kept items of a subscription; `None` when there are none yet.
    pub fn load(&self, url: &str) -> Result<Option<StoredFeed>, StorageError> {
        let path = self.items_path(url);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StorageError::Io { path, source }),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|err| StorageError::Corrupt {
                path,
                reason: err.to_string(),
            })
    }

    /// How many items a subscription has kept (`None` when its file is missing or
    /// unreadable).
    pub fn item_count(&self, url: &str) -> Option<usize> {
        #[derive(Deserialize)]
        struct Count {
            items: Vec<serde::de::IgnoredAny>,
        }
        let bytes = std::fs::read(self.items_path(url)).ok()?;
        serde_json::from_slice::<Count>(&bytes)
            .ok()
            .map(|c| c.items.len())
    }

    /// Write a subscription's items (atomically, synced to disk).
    pub fn save(&self, url: &str, feed: &StoredFeed) -> Result<(), StorageError> {
        self.create()?;
        let path = self.items_path(url);
        let bytes = serde_json::to_vec_pretty(feed).map_err(|err| StorageError::Io {
            path: path.clone(),
            source: std::io::Error::other(err),
        })?;
        write_atomic(&path, &bytes, true).map_err(io_error(&path))
    }

    /// A subscription's fetch state (a missing or damaged file is a fresh state).
    pub fn state(&self, url: &str) -> FeedState {
        let state = std::fs::read(self.state_path(url))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<FeedState>(&bytes).ok())
            .unwrap_or_default();
        FeedState {
            url: url.to_string(),
            ..state
        }
    }

    /// Write a subscription's fetch state (atomically; not synced: a state lost to a power
    /// cut only costs a full fetch, whose items are merged as usual).
    pub fn save_state(&self, url: &str, state: &FeedState) -> Result<(), StorageError> {
        self.create()?;
        let path = self.state_path(url);
        let bytes = serde_json::to_vec_pretty(state).map_err(|err| StorageError::Io {
            path: path.clone(),
            source: std::io::Error::other(err),
        })?;
        write_atomic(&path, &bytes, false).map_err(io_error(&path))
    }

    /// A feed moved from `from` to `to`: its files take the new URL's names (when the new
    /// URL has none yet; otherwise the next save merges into them).
    pub fn adopt(&self, from: &str, to: &str) -> Result<(), StorageError> {
        for (old, new) in [
            (self.items_path(from), self.items_path(to)),
            (self.state_path(from), self.state_path(to)),
        ] {
            if old == new || !old.exists() || new.exists() {
                continue;
            }
            std::fs::rename(&old, &new).map_err(io_error(&old))?;
        }
        Ok(())
    }

    /// Remove a subscription's files; whether there were items.
    pub fn remove(&self, url: &str) -> Result<bool, StorageError> {
        let items = self.items_path(url);
        let had = items.exists();
        for path in [items, self.state_path(url)] {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StorageError::Io { path, source }),
            }
        }
        Ok(had)
    }

    /// Sync the folder itself, so the renames of this update survive a power cut.
    pub fn sync_dir(&self) {
        #[cfg(unix)]
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
    }
}

/// The part of a temporary file's name that marks it as one.
const TEMP_MARK: &str = ".tmp.";

/// Write `bytes` to `path` whole or not at all: a hidden temporary file in the same
/// folder, synced when `sync` is set, then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}{TEMP_MARK}{}.{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The file name (without extension) of a subscription: its host and path as a readable
/// slug, and a hash of the whole URL so two URLs never share a file.
pub fn file_stem(url: &str) -> String {
    let key = super::urls::same_url_key(url);
    let (host, rest) = match url::Url::parse(&key) {
        Ok(parsed) => (
            parsed.host_str().unwrap_or("feed").to_string(),
            match parsed.query() {
                Some(query) => format!("{}?{query}", parsed.path()),
                None => parsed.path().to_string(),
            },
        ),
        Err(_) => ("feed".to_string(), key.clone()),
    };
    let mut slug = String::new();
    for c in format!("{host} {rest}").chars() {
        let c = if c.is_ascii_alphanumeric() || c == '.' {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        slug.push(c);
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_matches(['-', '.']);
    let slug = if slug.is_empty() { "feed" } else { slug };
    format!("{slug}-{:012x}", fnv1a(key.as_bytes()) & 0xffff_ffff_ffff)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What [`merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Items that were new.
    pub new: usize,
    /// The ids of the kept items the feed lists now (matched or new).
    pub present: HashSet<String>,
}

/// Merge freshly fetched items into the kept ones.
///
/// An item is the one kept when it has the same guid; else, when the feed gave it a new
/// guid but kept its link (and the kept item's own guid is gone from the feed), the same
/// link; else, for items with neither guid nor link, the same title and date. A kept item
/// stays as it was first stored (its guid follows the feed's); new items are added with
/// `first_seen = now` and `full_text` as given.
pub fn merge(kept: &mut Vec<StoredItem>, fetched: Vec<StoredItem>, now: i64) -> Merged {
    let incoming_guids: HashSet<String> =
        fetched.iter().filter_map(|i| i.meta.guid.clone()).collect();
    let mut by_guid: HashMap<String, usize> = HashMap::new();
    let mut by_link: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<(String, String), usize> = HashMap::new();
    let index = |at: usize,
                 item: &StoredItem,
                 by_guid: &mut HashMap<String, usize>,
                 by_link: &mut HashMap<String, usize>,
                 by_title: &mut HashMap<(String, String), usize>| {
        if let Some(guid) = &item.meta.guid {
            by_guid.entry(guid.clone()).or_insert(at);
        }
        if let Some(link) = &item.url {
            by_link.entry(link.clone()).or_insert(at);
        }
        if item.meta.guid.is_none() && item.url.is_none() {
            by_title.entry(title_key(item)).or_insert(at);
        }
    };
    for (at, item) in kept.iter().enumerate() {
        index(at, item, &mut by_guid, &mut by_link, &mut by_title);
    }
    let mut new = 0;
    let mut present = HashSet::new();
    for mut item in fetched {
        let same = match &item.meta.guid {
            Some(guid) => by_guid.get(guid).copied().or_else(|| {
                let link = item.url.as_ref()?;
                let at = *by_link.get(link)?;
                // The kept item still in the feed under its own guid is another item.
                let old = kept[at].meta.guid.as_ref();
                old.is_none_or(|g| !incoming_guids.contains(g))
                    .then_some(at)
            }),
            None => match &item.url {
                Some(link) => by_link.get(link).copied(),
                None => by_title.get(&title_key(&item)).copied(),
            },
        };
        match same {
            Some(at) => {
                let old = &mut kept[at];
                present.insert(old.id.clone());
                if item.meta.guid.is_some() && old.meta.guid != item.meta.guid {
                    old.meta.guid.clone_from(&item.meta.guid);
                    if let Some(guid) = &item.meta.guid {
                        by_guid.insert(guid.clone(), at);
                    }
                }
            }
            None => {
                item.meta.first_seen = now;
                present.insert(item.id.clone());
                let at = kept.len();
                index(at, &item, &mut by_guid, &mut by_link, &mut by_title);
                kept.push(item);
                new += 1;
            }
        }
    }
    sort_newest_first(kept);
    Merged { new, present }
}

fn title_key(item: &StoredItem) -> (String, String) {
    (
        item.title.clone().unwrap_or_default(),
        item.date_published.clone().unwrap_or_default(),
    )
}

/// An item's age key: its publication instant, else when it was first seen (seconds).
fn when(item: &StoredItem) -> i64 {
    item.date_published
        .as_deref()
        .and_then(date::parse)
        .map_or(item.meta.first_seen, |p| p.sort_key().and_utc().timestamp())
}

/// Newest first; ties keep their order.
fn sort_newest_first(items: &mut [StoredItem]) {
    items.sort_by_cached_key(|item| std::cmp::Reverse(when(item)));
}

/// Drop items by age and count, except those still in the feed (`present` holds their
/// ids): an item the feed still lists would only come back as new. Those count towards
/// the limit; the others are kept newest first (items must be sorted so) while there is
/// room. Returns how many were dropped.
pub fn retain(
    items: &mut Vec<StoredItem>,
    retention: Retention,
    present: &HashSet<String>,
    now: i64,
) -> usize {
    let before = items.len();
    let oldest = retention
        .max_age_days
        .map(|days| now - i64::from(days) * 86_400);
    let mut kept = items.iter().filter(|i| present.contains(&i.id)).count();
    items.retain(|item| {
        if present.contains(&item.id) {
            return true;
        }
        let too_old = oldest.is_some_and(|oldest| when(item) < oldest);
        let too_many = retention.max_items.is_some_and(|max| kept >= max);
        let keep = !too_old && !too_many;
        if keep {
            kept += 1;
        }
        keep
    });
    before - items.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(guid: Option<&str>, link: Option<&str>, title: &str) -> StoredItem {
        StoredItem {
            id: guid.or(link).unwrap_or(title).to_string(),
            url: link.map(str::to_string),
            title: Some(title.to_string()),
            content_html: None,
            summary: None,
            date_published: None,
            date_modified: None,
            authors: Vec::new(),
            tags: Vec::new(),
            meta: ItemMeta {
                guid: guid.map(str::to_string),
                first_seen: 0,
                full_text: FullText::NotAsked,
            },
        }
    }

    #[test]
    fn items_are_matched_by_guid_then_link_then_title() {
        let mut kept = vec![
            item(Some("g1"), Some("http://x/1"), "one"),
            item(None, Some("http://x/2"), "two"),
            item(None, None, "three"),
        ];
        let fetched = vec![
            item(Some("g1"), Some("http://x/1-moved"), "one, edited"),
            item(Some("g2"), Some("http://x/2"), "two"),
            item(None, None, "three"),
            item(None, None, "four"),
            item(Some("g5"), None, "five"),
            item(Some("g5"), None, "five again"),
        ];
        let merged = merge(&mut kept, fetched, 10);
        assert_eq!(merged.new, 2);
        assert_eq!(merged.present.len(), 5);
        let titles: Vec<_> = kept.iter().map(|i| i.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                Some("four"),
                Some("five"),
                Some("one"),
                Some("two"),
                Some("three")
            ]
        );
        assert_eq!(kept[3].meta.guid.as_deref(), Some("g2"));
        assert_eq!(kept[0].meta.first_seen, 10);
    }

    #[test]
    fn a_changed_guid_with_the_same_link_is_the_same_item() {
        let mut kept = vec![item(Some("a-1"), Some("http://x/a"), "a")];
        assert_eq!(
            merge(
                &mut kept,
                vec![item(Some("a-2"), Some("http://x/a"), "a")],
                1
            )
            .new,
            0
        );
        assert_eq!(kept[0].meta.guid.as_deref(), Some("a-2"));
        // Both guids in the feed at once: two items that share a link.
        assert_eq!(
            merge(
                &mut kept,
                vec![
                    item(Some("a-2"), Some("http://x/a"), "a"),
                    item(Some("a-3"), Some("http://x/a"), "a, part two"),
                ],
                2
            )
            .new,
            1
        );
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn retention_spares_what_the_feed_still_lists() {
        let mut items: Vec<StoredItem> = (0..6)
            .map(|n| {
                let mut i = item(Some(&format!("g{n}")), None, "t");
                i.id = format!("g{n}");
                i.meta.first_seen = 1000 - n * 100;
                i
            })
            .collect();
        let present: HashSet<String> = ["g5".to_string()].into();
        let dropped = retain(
            &mut items,
            Retention {
                max_age_days: None,
                max_items: Some(2),
            },
            &present,
            1000,
        );
        assert_eq!(dropped, 4);
        let ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["g0", "g5"]);
        let dropped = retain(
            &mut items,
            Retention {
                max_age_days: Some(1),
                max_items: None,
            },
            &HashSet::new(),
            900 + 86_400 + 50,
        );
        assert_eq!(dropped, 1);
    }

    #[test]
    fn file_names_are_readable_and_distinct() {
        let a = file_stem("https://Kabar.example/rss/berita.xml?x=1");
        assert!(a.starts_with("kabar.example-rss-berita.xml-x-1-"), "{a}");
        assert_eq!(a, file_stem("https://kabar.example:443/rss/berita.xml?x=1"));
        assert_ne!(a, file_stem("https://kabar.example/rss/berita.xml?x=2"));
        assert!(file_stem("http://127.0.0.1:8080/").starts_with("127.0.0.1-"));
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporaries() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = FeedStore::new(dir.path());
        let mut feed = StoredFeed::new("http://x.example/feed");
        feed.items.push(item(Some("g"), None, "t"));
        assert!(store.save("http://x.example/feed", &feed).is_ok());
        assert!(store.save("http://x.example/feed", &feed).is_ok());
        assert_eq!(
            store.load("http://x.example/feed").ok().flatten().as_ref(),
            Some(&feed)
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        std::fs::write(dir.path().join(".x.json.tmp.1.2"), b"{")?;
        store.clean_temporaries();
        assert!(!dir.path().join(".x.json.tmp.1.2").exists());
        Ok(())
    }

    #[test]
    fn a_second_lock_is_refused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = FeedStore::new(dir.path());
        let held = store.lock();
        assert!(held.is_ok());
        if cfg!(unix) {
            assert!(matches!(store.lock(), Err(StorageError::Busy(_))));
        }
        drop(held);
        assert!(store.lock().is_ok());
        Ok(())
    }
}
