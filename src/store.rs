//! Persistent reading state in SQLite: read/unread, starred, scroll position per article,
//! and the last open article; beside it, the cache of entity analyses ([`AnalysisCache`])
//! and the cache of parsed files ([`FileCache`]).
//!
//! Articles are identified by content ([`article_key`]), not by path, so the state follows
//! a collection when its folder moves. Every change is one transaction written at once;
//! the database runs in WAL mode with a busy timeout, so two warta processes can share one
//! state file, and a `kill -9` loses at most the change in flight. A file that is not a
//! warta state database (corrupt, or someone else's) is moved aside and a fresh one made;
//! a location that cannot be written makes the store read-only, and [`Store::notice`] says
//! so for the user.

use crate::article::Article;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// SQLite `application_id` marking a warta state file ("WRTA").
const APPLICATION_ID: i64 = 0x5752_5441;
/// Schema version in `user_version`.
const SCHEMA_VERSION: i64 = 3;
/// Cached analyses unused for this many days are pruned.
const CACHE_KEEP_DAYS: i64 = 90;
/// A cached row's "used" day is renewed only once it is this old: renewing rewrites the
/// row, and doing it daily would rewrite the whole cache on the first run of each day.
const CACHE_TOUCH_DAYS: i64 = 30;

/// Errors from the state store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("state database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file could not be moved aside or its folder created.
    #[error("state file {path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The reading state of one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleState {
    /// Opened at least once (or marked read).
    pub read: bool,
    /// Starred by the user.
    pub starred: bool,
    /// Reader scroll offset, in lines.
    pub scroll: u32,
}

/// The stable identity of an article: a hash of its title, URL and body text.
///
/// Independent of the file's path and name, so moving a collection keeps its state.
pub fn article_key(article: &Article) -> String {
    // FNV-1a, 128-bit, over the fields that make an article itself.
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(PRIME);
    };
    feed(article.title.as_bytes());
    feed(article.url.as_deref().unwrap_or("").as_bytes());
    for block in article.body.blocks().iter() {
        feed(block.text().as_bytes());
    }
    format!("{hash:032x}")
}

/// The state database, or a memory-only stand-in when saving is off or impossible.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    writable: bool,
    notice: Option<String>,
}

impl Store {
    /// The default location: `state.sqlite3` in the platform data directory.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("warta").join("state.sqlite3"))
    }

    /// A store that keeps state in memory only (`--no-state`).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        init_schema(&conn)?;
        Ok(Store {
            conn,
            path: None,
            writable: true,
            notice: None,
        })
    }

    /// Open (or create) the state file at `path`.
    ///
    /// A corrupt or foreign file is renamed to `NAME.bad-UNIXTIME` and replaced; a location
    /// that cannot be written gives a memory-only store. Either way [`Store::notice`] tells.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Err(err) = std::fs::create_dir_all(dir)
        {
            return Store::fallback(path, format!("cannot create {}: {err}", dir.display()));
        }
        match open_checked(path) {
            Ok(conn) => Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
                writable: true,
                notice: None,
            }),
            Err(OpenFailure::Unusable(reason)) => {
                let backup = backup_name(path);
                std::fs::rename(path, &backup).map_err(|source| StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", path.display()));
                    let _ = std::fs::remove_file(side);
                }
                let conn = open_checked(path).map_err(|e| match e {
                    OpenFailure::Sqlite(e) => StoreError::Sqlite(e),
                    OpenFailure::Unusable(r) => {
                        StoreError::Sqlite(rusqlite::Error::InvalidParameterName(r))
                    }
                    OpenFailure::ReadOnly(r) => {
                        StoreError::Sqlite(rusqlite::Error::InvalidParameterName(r))
                    }
                })?;
                Ok(Store {
                    conn,
                    path: Some(path.to_path_buf()),
                    writable: true,
                    notice: Some(format!(
                        "state file was not usable ({reason}); kept it as {} and started afresh",
                        backup.display()
                    )),
                })
            }
            Err(OpenFailure::ReadOnly(reason)) => Store::fallback(path, reason),
            Err(OpenFailure::Sqlite(e)) => Err(StoreError::Sqlite(e)),
        }
    }

    /// A memory-only store standing in for an unwritable `path`.
    fn fallback(path: &Path, reason: String) -> Result<Store, StoreError> {
        let mut store = Store::in_memory()?;
        store.writable = false;
        store.notice = Some(format!(
            "reading state will not be saved: {} ({reason})",
            path.display()
        ));
        Ok(store)
    }

    /// Something the user should be told about the store (a backup made, saving off).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The state file, when the store is backed by one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether changes are saved to a file.
    pub fn is_persistent(&self) -> bool {
        self.path.is_some() && self.writable
    }

    /// The state of one article (all defaults when never seen).
    pub fn get(&self, key: &str) -> Result<ArticleState, StoreError> {
        let state = self
            .conn
            .query_row(
                "SELECT read, starred, scroll FROM article_state WHERE key = ?1",
                params![key],
                |row| {
                    Ok(ArticleState {
                        read: row.get(0)?,
                        starred: row.get(1)?,
                        scroll: row.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(state.unwrap_or_default())
    }

    /// Every stored state, by article key.
    pub fn all(&self) -> Result<HashMap<String, ArticleState>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, read, starred, scroll FROM article_state")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                ArticleState {
                    read: row.get(1)?,
                    starred: row.get(2)?,
                    scroll: row.get(3)?,
                },
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (key, state) = row?;
            out.insert(key, state);
        }
        Ok(out)
    }

    /// Mark an article read or unread.
    pub fn set_read(&self, key: &str, read: bool) -> Result<(), StoreError> {
        self.upsert(key, "read", i64::from(read))
    }

    /// Star or unstar an article.
    pub fn set_starred(&self, key: &str, starred: bool) -> Result<(), StoreError> {
        self.upsert(key, "starred", i64::from(starred))
    }

    /// Remember the reader's scroll offset for an article.
    pub fn set_scroll(&self, key: &str, scroll: u32) -> Result<(), StoreError> {
        self.upsert(key, "scroll", i64::from(scroll))
    }

    /// Remember the last open article.
    pub fn set_last_open(&self, key: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta (name, value) VALUES ('last_open', ?1)
             ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            params![key],
        )?;
        Ok(())
    }

    /// The last open article's key.
    pub fn last_open(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE name = 'last_open'",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Run several changes as one transaction: all of them land, or none.
    pub fn batch(
        &self,
        changes: impl FnOnce(&Store) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        changes(self)?;
        tx.commit()?;
        Ok(())
    }

    /// One column of one article's row, in its own transaction (autocommit).
    fn upsert(&self, key: &str, column: &'static str, value: i64) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO article_state (key, {column}, updated) VALUES (?1, ?2, strftime('%s','now'))
             ON CONFLICT(key) DO UPDATE SET {column} = excluded.{column}, updated = excluded.updated"
        );
        self.conn.execute(&sql, params![key, value])?;
        Ok(())
    }
}

/// Cached entity analyses in the state file, by article key and engine version, on a
/// connection of their own (so a background thread can use it beside the reading state).
///
/// Reads and writes are batched, one transaction per call. The cache is expendable: its
/// writes do not wait for the disk, and a row that fails to decode is simply a miss.
pub struct AnalysisCache {
    conn: Connection,
    engine: String,
}

impl std::fmt::Debug for AnalysisCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisCache")
            .field("engine", &self.engine)
            .finish()
    }
}

/// Today as a day number (days since 1970), for the cache's last-use stamps.
fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    i64::try_from(secs / 86_400).unwrap_or(0)
}

impl Store {
    /// The analysis cache in this store's file, for analyses of engine version `engine`;
    /// `None` when the store keeps nothing on disk.
    pub fn analysis_cache(&self, engine: &str) -> Result<Option<AnalysisCache>, StoreError> {
        self.cache_file()
            .map(|path| AnalysisCache::open(path, engine))
            .transpose()
    }

    /// The file the caches share with the reading state; `None` when nothing is kept on
    /// disk.
    fn cache_file(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.writable)
    }
}

impl AnalysisCache {
    /// Open the cache in the state file at `path` (created if needed).
    pub fn open(path: &Path, engine: &str) -> Result<AnalysisCache, StoreError> {
        let conn = open_cache_connection(path)?;
        Ok(AnalysisCache {
            conn,
            engine: engine.to_string(),
        })
    }

    /// A cache in memory only (for tests).
    pub fn in_memory(engine: &str) -> Result<AnalysisCache, StoreError> {
        let conn = Connection::open_in_memory()?;
        init_schema(&conn)?;
        Ok(AnalysisCache {
            conn,
            engine: engine.to_string(),
        })
    }

    /// The engine version this cache reads and writes.
    pub fn engine(&self) -> &str {
        &self.engine
    }

    /// The cached bytes for each key (same order; `None` for a miss), in one transaction.
    /// Rows found that were last stamped a month or more ago are stamped as used today,
    /// so pruning keeps them.
    pub fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let today = today();
        let mut out = Vec::with_capacity(keys.len());
        let mut stale = Vec::new();
        {
            let mut get = tx.prepare_cached(
                "SELECT data, used FROM analysis_cache WHERE key = ?1 AND engine = ?2",
            )?;
            for key in keys {
                let row = get
                    .query_row(params![key, self.engine], |row| {
                        Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, i64>(1)?))
                    })
                    .optional()?;
                if let Some((_, used)) = &row
                    && *used <= today - CACHE_TOUCH_DAYS
                {
                    stale.push(*key);
                }
                out.push(row.map(|(data, _)| data));
            }
        }
        if !stale.is_empty() {
            let mut touch = tx.prepare_cached(
                "UPDATE analysis_cache SET used = ?3 WHERE key = ?1 AND engine = ?2",
            )?;
            for key in stale {
                touch.execute(params![key, self.engine, today])?;
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Store analyses' bytes by key, in one transaction.
    pub fn put_many(&self, rows: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO analysis_cache (key, engine, data, used)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let today = today();
            for (key, data) in rows {
                put.execute(params![key, self.engine, data, today])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Remove the rows of other engine versions, those unused for a long time, and those
    /// of `removed` articles; returns how many went.
    pub fn prune(&self, removed: &[&str]) -> Result<usize, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let mut gone = tx.execute(
            "DELETE FROM analysis_cache WHERE engine <> ?1 OR used < ?2",
            params![self.engine, today() - CACHE_KEEP_DAYS],
        )?;
        {
            let mut del = tx.prepare_cached("DELETE FROM analysis_cache WHERE key = ?1")?;
            for key in removed {
                gone += del.execute(params![key])?;
            }
        }
        tx.commit()?;
        Ok(gone)
    }

    /// Remove the rows whose key starts with `prefix`, all but `keep` and the rows stored
    /// as its pieces (`KEEP/1`, `KEEP/2`...), in every engine version; returns how many
    /// went.
    pub fn remove_prefixed_except(&self, prefix: &str, keep: &str) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM analysis_cache WHERE substr(key, 1, length(?1)) = ?1 AND key <> ?2
             AND substr(key, 1, length(?2) + 1) <> ?2 || '/'",
            params![prefix, keep],
        )?)
    }

    /// Move what this run wrote out of the write-ahead log (see [`FileCache::checkpoint`]).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        checkpoint(&self.conn)
    }

    /// How many analyses are cached for this engine version.
    pub fn len(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM analysis_cache WHERE engine = ?1",
            params![self.engine],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Whether nothing is cached for this engine version.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }
}

/// What identifies one version of a file without reading it: its size and its
/// modification and status-change times (nanoseconds since 1970).
///
/// A write changes the modification time, a permission change the status-change time
/// (unix; elsewhere it is 0), so a file whose stamp is unchanged reads as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Length in bytes.
    pub size: u64,
    /// Last modification, nanoseconds since 1970.
    pub mtime: i64,
    /// Last status change (unix `ctime`), nanoseconds since 1970; 0 where unknown.
    pub ctime: i64,
}

impl FileStamp {
    /// The stamp of a file from its metadata; `None` for times before 1970 or beyond 2262.
    pub fn of(meta: &std::fs::Metadata) -> Option<FileStamp> {
        let nanos = |t: std::time::SystemTime| {
            t.duration_since(std::time::UNIX_EPOCH)
                .ok()
                .and_then(|d| i64::try_from(d.as_nanos()).ok())
        };
        let mtime = nanos(meta.modified().ok()?)?;
        #[cfg(unix)]
        let ctime = {
            use std::os::unix::fs::MetadataExt;
            meta.ctime()
                .checked_mul(1_000_000_000)?
                .checked_add(meta.ctime_nsec())?
        };
        #[cfg(not(unix))]
        let ctime = 0;
        Some(FileStamp {
            size: meta.len(),
            mtime,
            ctime,
        })
    }

    /// Whether the file changed so recently (within a second of `now`, nanoseconds since
    /// 1970) that a second change in the same clock tick could keep this stamp; such a
    /// file is not cached.
    pub fn is_recent(&self, now: i64) -> bool {
        now.saturating_sub(self.mtime.max(self.ctime)) < 1_000_000_000
    }
}

/// A path as the bytes the file cache stores it under: the OS bytes on unix, UTF-8
/// elsewhere (`None` for a name that is not, which is then not cached).
pub(crate) fn path_bytes(path: &Path) -> Option<&[u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.to_str().map(str::as_bytes)
    }
}

/// The path back from [`path_bytes`].
pub(crate) fn bytes_path(bytes: Vec<u8>) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// One parsed file to store in the [`FileCache`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// The file, as the cache looks it up.
    pub path: PathBuf,
    /// Its stamp when it was read.
    pub stamp: FileStamp,
    /// What parsing it gave, encoded.
    pub data: Vec<u8>,
}

/// A file found in the [`FileCache`] with an unchanged stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHit {
    /// The stored bytes.
    pub data: Vec<u8>,
    /// Whether the row's last-use day is old enough to be renewed ([`FileCache::touch_many`]).
    pub renew: bool,
}

/// Parsed files in the state file, by path, stamp and loader version, on a connection of
/// their own, so reopening an unchanged collection need not parse it again.
///
/// Only files that were read are stored: a file that could not be read is tried again
/// next time. Reads and writes are batched, one transaction per call; like the
/// [`AnalysisCache`] the rows are expendable (no fsync per batch; an undecodable row is a
/// miss).
pub struct FileCache {
    conn: Connection,
    path: PathBuf,
    loader: String,
}

impl std::fmt::Debug for FileCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileCache")
            .field("path", &self.path)
            .field("loader", &self.loader)
            .finish()
    }
}

impl Store {
    /// The file cache in this store's file, for files parsed by loader version `loader`;
    /// `None` when the store keeps nothing on disk.
    pub fn file_cache(&self, loader: &str) -> Result<Option<FileCache>, StoreError> {
        self.cache_file()
            .map(|path| FileCache::open(path, loader))
            .transpose()
    }
}

impl FileCache {
    /// Open the cache in the state file at `path` (created if needed).
    pub fn open(path: &Path, loader: &str) -> Result<FileCache, StoreError> {
        let conn = open_cache_connection(path)?;
        Ok(FileCache {
            conn,
            path: path.to_path_buf(),
            loader: loader.to_string(),
        })
    }

    /// Another connection to the same cache, for another thread.
    pub fn reopen(&self) -> Result<FileCache, StoreError> {
        FileCache::open(&self.path, &self.loader)
    }

    /// The loader version this cache reads and writes.
    pub fn loader(&self) -> &str {
        &self.loader
    }

    /// The stored bytes of each file whose stamp is unchanged (same order; `None` for a
    /// miss), in one transaction.
    pub fn get_many(
        &self,
        files: &[(&Path, FileStamp)],
    ) -> Result<Vec<Option<FileHit>>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let renew_before = today() - CACHE_TOUCH_DAYS;
        let mut out = Vec::with_capacity(files.len());
        {
            let mut get = tx.prepare_cached(
                "SELECT size, mtime, ctime, data, used FROM file_cache
                 WHERE path = ?1 AND loader = ?2",
            )?;
            for (path, stamp) in files {
                let Some(key) = path_bytes(path) else {
                    out.push(None);
                    continue;
                };
                let row = get
                    .query_row(params![key, self.loader], |row| {
                        let found = FileStamp {
                            size: row.get::<_, i64>(0)?.try_into().unwrap_or(u64::MAX),
                            mtime: row.get(1)?,
                            ctime: row.get(2)?,
                        };
                        if found != *stamp {
                            return Ok(None);
                        }
                        Ok(Some(FileHit {
                            data: row.get(3)?,
                            renew: row.get::<_, i64>(4)? <= renew_before,
                        }))
                    })
                    .optional()?;
                out.push(row.flatten());
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Store parsed files, in one transaction (replacing older rows of the same paths).
    /// Paths that cannot be stored ([`path_bytes`]) are left out.
    pub fn put_many(&self, rows: &[FileRow]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO file_cache (path, loader, size, mtime, ctime, data, used)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let today = today();
            for row in rows {
                let Some(key) = path_bytes(&row.path) else {
                    continue;
                };
                let size = i64::try_from(row.stamp.size).unwrap_or(i64::MAX);
                put.execute(params![
                    key,
                    self.loader,
                    size,
                    row.stamp.mtime,
                    row.stamp.ctime,
                    row.data,
                    today
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stamp these files' rows as used today, so pruning keeps them, in one transaction.
    pub fn touch_many(&self, paths: &[PathBuf]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut touch = tx.prepare_cached(
                "UPDATE file_cache SET used = ?3 WHERE path = ?1 AND loader = ?2",
            )?;
            let today = today();
            for path in paths {
                if let Some(key) = path_bytes(path) {
                    touch.execute(params![key, self.loader, today])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Remove the rows of other loader versions and those unused for a long time; returns
    /// how many went.
    pub fn prune(&self) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM file_cache WHERE loader <> ?1 OR used < ?2",
            params![self.loader, today() - CACHE_KEEP_DAYS],
        )?)
    }

    /// Copy the write-ahead log back into the database and empty it: after a large write
    /// the log holds tens of megabytes that every later read looks through until then.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        checkpoint(&self.conn)
    }

    /// How many files are cached for this loader version.
    pub fn len(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM file_cache WHERE loader = ?1",
            params![self.loader],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Whether nothing is cached for this loader version.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Overwrite the stored bytes of every row (for tests of damaged rows).
    #[cfg(test)]
    pub(crate) fn damage_all(&self, data: &[u8]) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .execute("UPDATE file_cache SET data = ?1", params![data])?)
    }
}

enum OpenFailure {
    /// Not a warta state database, or damaged.
    Unusable(String),
    /// The location cannot be written.
    ReadOnly(String),
    /// Anything else.
    Sqlite(rusqlite::Error),
}

/// A connection to the state file for a cache: it waits for other writers, and a lost
/// cache write costs a re-parse or re-analysis, never the user's state, so commits are not
/// synced to disk one by one.
fn open_cache_connection(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    ensure_wal(&conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    init_schema(&conn)?;
    Ok(conn)
}

/// Turn on the write-ahead log, which lets readers and one writer work at once. The mode
/// is kept in the file, so only its first opener needs the exclusive lock that setting it
/// takes.
fn ensure_wal(conn: &Connection) -> Result<(), rusqlite::Error> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    Ok(())
}

/// Copy the write-ahead log back into the database and empty it. After a large cache
/// write the log holds tens of megabytes, and every later read looks through it until it
/// is emptied; the next start reads the cache much faster without it.
fn checkpoint(conn: &Connection) -> Result<(), StoreError> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The tables of the reading state proper, checked for damage when the file is opened.
const STATE_TABLES: [&str; 2] = ["article_state", "meta"];

/// [`open_checked_once`], tried again while another process holds a lock it needs. Some
/// steps of opening (turning on the write-ahead log, creating the tables) can report "busy"
/// at once instead of waiting out the busy timeout when several processes start together.
fn open_checked(path: &Path) -> Result<Connection, OpenFailure> {
    let start = std::time::Instant::now();
    loop {
        match open_checked_once(path) {
            Err(OpenFailure::Sqlite(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// How long a process waits for another one's lock on the state file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn open_checked_once(path: &Path) -> Result<Connection, OpenFailure> {
    use rusqlite::ErrorCode;
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            OpenFailure::Unusable(e.to_string())
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            OpenFailure::ReadOnly(e.to_string())
        }
        _ => OpenFailure::Sqlite(e),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )
    .map_err(classify)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
    // Both in one statement, so one snapshot: another process creating the file commits
    // its tables and its application id together, and is never caught half-way.
    let (app_id, tables): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(classify)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables != 0) {
        return Err(OpenFailure::Unusable(
            "not a warta state database".to_string(),
        ));
    }
    // The reading state is checked at every start; the analysis cache beside it can be
    // hundreds of megabytes, so it is left out (a damaged cache row reads as a miss).
    for table in STATE_TABLES {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(classify)?;
        if exists == 0 {
            continue;
        }
        let ok: String = conn
            .query_row(&format!("PRAGMA quick_check({table})"), [], |r| r.get(0))
            .map_err(classify)?;
        if ok != "ok" {
            return Err(OpenFailure::Unusable(format!("integrity check: {ok}")));
        }
    }
    // FULL makes a commit of the reading state durable on return.
    ensure_wal(&conn).map_err(classify)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(classify)?;
    init_schema(&conn).map_err(classify)?;
    Ok(conn)
}

fn init_schema(conn: &Connection) -> Result<(), rusqlite::Error> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= SCHEMA_VERSION {
        return Ok(());
    }
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         CREATE TABLE IF NOT EXISTS article_state (
             key TEXT PRIMARY KEY,
             read INTEGER NOT NULL DEFAULT 0,
             starred INTEGER NOT NULL DEFAULT 0,
             scroll INTEGER NOT NULL DEFAULT 0,
             updated INTEGER NOT NULL DEFAULT 0
         );
         CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS analysis_cache (
             key TEXT NOT NULL,
             engine TEXT NOT NULL,
             data BLOB NOT NULL,
             used INTEGER NOT NULL,
             UNIQUE (key, engine)
         );
         CREATE TABLE IF NOT EXISTS file_cache (
             path BLOB NOT NULL,
             loader TEXT NOT NULL,
             size INTEGER NOT NULL,
             mtime INTEGER NOT NULL,
             ctime INTEGER NOT NULL,
             data BLOB NOT NULL,
             used INTEGER NOT NULL,
             UNIQUE (path, loader)
         );
         PRAGMA application_id = {APPLICATION_ID};
         PRAGMA user_version = {SCHEMA_VERSION};
         COMMIT;"
    ))
}

fn backup_name(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".bad-{secs}"));
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format, Origin};

    /// A temporary folder for a state file, its error as the store's.
    fn temp_dir() -> Result<tempfile::TempDir, StoreError> {
        tempfile::tempdir().map_err(|source| StoreError::Io {
            path: PathBuf::new(),
            source,
        })
    }

    fn article(title: &str, path: &str) -> Article {
        let mut a = Article::new(
            title,
            Origin {
                path: path.into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.body.push(Block::Paragraph {
            text: "Isi berita.".into(),
        });
        a
    }

    #[test]
    fn key_follows_content_not_path() {
        assert_eq!(
            article_key(&article("Judul", "a/x.txt")),
            article_key(&article("Judul", "b/y.txt"))
        );
        assert_ne!(
            article_key(&article("Judul", "a/x.txt")),
            article_key(&article("Judul lain", "a/x.txt"))
        );
    }

    #[test]
    fn changes_survive_reopening() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("sub").join("state.sqlite3");
        {
            let store = Store::open(&path)?;
            assert!(store.notice().is_none());
            store.set_read("k1", true)?;
            store.set_starred("k1", true)?;
            store.set_scroll("k2", 42)?;
            store.set_last_open("k2")?;
        }
        let store = Store::open(&path)?;
        assert_eq!(
            store.get("k1")?,
            ArticleState {
                read: true,
                starred: true,
                scroll: 0
            }
        );
        assert_eq!(store.get("k2")?.scroll, 42);
        assert_eq!(store.get("nope")?, ArticleState::default());
        assert_eq!(store.last_open()?.as_deref(), Some("k2"));
        assert_eq!(store.all()?.len(), 2);
        Ok(())
    }

    #[test]
    fn file_cache_hits_only_an_unchanged_stamp_of_its_loader() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("state.sqlite3");
        let cache = Store::open(&path)?
            .file_cache("v1")?
            .expect("a file-backed store has a file cache");
        let stamp = FileStamp {
            size: 10,
            mtime: 1_700_000_000_000_000_001,
            ctime: 1_700_000_000_000_000_002,
        };
        let file = Path::new("/news/a.txt");
        cache.put_many(&[FileRow {
            path: file.to_path_buf(),
            stamp,
            data: b"one".to_vec(),
        }])?;
        let get = |cache: &FileCache, stamp: FileStamp| {
            cache
                .get_many(&[(file, stamp)])
                .map(|mut v| v.remove(0).map(|h| h.data))
        };
        assert_eq!(get(&cache, stamp)?, Some(b"one".to_vec()));
        for changed in [
            FileStamp { size: 11, ..stamp },
            FileStamp {
                mtime: stamp.mtime + 1,
                ..stamp
            },
            FileStamp {
                ctime: stamp.ctime + 1,
                ..stamp
            },
        ] {
            assert_eq!(get(&cache, changed)?, None);
        }
        // Another connection sees it; another loader version does not.
        assert_eq!(get(&cache.reopen()?, stamp)?, Some(b"one".to_vec()));
        let other = FileCache::open(&path, "v2")?;
        assert_eq!(get(&other, stamp)?, None);
        // A newer parse replaces the row; pruning by another version removes it.
        cache.put_many(&[FileRow {
            path: file.to_path_buf(),
            stamp,
            data: b"two".to_vec(),
        }])?;
        assert_eq!(get(&cache, stamp)?, Some(b"two".to_vec()));
        assert_eq!(cache.len()?, 1);
        // A row last used long ago asks to be renewed, and is renewed by a touch.
        let renew = |cache: &FileCache| {
            cache
                .get_many(&[(file, stamp)])
                .map(|mut v| v.remove(0).is_some_and(|h| h.renew))
        };
        assert!(!renew(&cache)?);
        cache.conn.execute(
            "UPDATE file_cache SET used = ?1",
            params![today() - CACHE_TOUCH_DAYS],
        )?;
        assert!(renew(&cache)?);
        cache.touch_many(&[file.to_path_buf()])?;
        assert!(!renew(&cache)?);
        // Rows unused for longer than the cache keeps them are pruned.
        cache.conn.execute(
            "UPDATE file_cache SET used = ?1",
            params![today() - CACHE_KEEP_DAYS - 1],
        )?;
        assert_eq!(cache.prune()?, 1);
        cache.put_many(&[FileRow {
            path: file.to_path_buf(),
            stamp,
            data: b"two".to_vec(),
        }])?;
        assert_eq!(other.prune()?, 1);
        assert!(cache.is_empty()?);
        Ok(())
    }

    #[test]
    fn a_version_two_file_gains_the_file_cache_and_keeps_its_state() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("state.sqlite3");
        {
            let conn = Connection::open(&path)?;
            conn.execute_batch(&format!(
                "CREATE TABLE article_state (key TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
                     starred INTEGER NOT NULL DEFAULT 0, scroll INTEGER NOT NULL DEFAULT 0,
                     updated INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE analysis_cache (key TEXT NOT NULL, engine TEXT NOT NULL,
                     data BLOB NOT NULL, used INTEGER NOT NULL, UNIQUE (key, engine));
                 INSERT INTO article_state (key, starred) VALUES ('k', 1);
                 PRAGMA application_id = {APPLICATION_ID};
                 PRAGMA user_version = 2;"
            ))?;
        }
        let store = Store::open(&path)?;
        assert!(store.notice().is_none());
        assert!(store.get("k")?.starred);
        let cache = store.file_cache("v1")?.expect("file cache");
        assert!(cache.is_empty()?);
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, SCHEMA_VERSION);
        Ok(())
    }

    #[test]
    fn two_connections_share_the_file() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("state.sqlite3");
        let a = Store::open(&path)?;
        let b = Store::open(&path)?;
        a.set_read("x", true)?;
        b.set_starred("x", true)?;
        assert_eq!(
            a.get("x")?,
            ArticleState {
                read: true,
                starred: true,
                scroll: 0
            }
        );
        Ok(())
    }

    #[test]
    fn processes_creating_one_new_state_file_at_once_all_keep_it() -> Result<(), StoreError> {
        // A new file is being created by one opener while another looks at it: the second
        // must never take the half-made file for a foreign one and set it aside.
        for round in 0..40 {
            let dir = temp_dir()?;
            let path = dir.path().join("state.sqlite3");
            let barrier = std::sync::Barrier::new(4);
            let notices: Vec<Option<String>> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            Store::open(&path).map(|s| s.notice().map(str::to_string))
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(Ok(Some("panicked".into()))))
                    .collect::<Result<_, _>>()
            })?;
            assert!(
                notices.iter().all(Option::is_none),
                "round {round}: {notices:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn a_foreign_file_is_kept_aside() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("state.sqlite3");
        std::fs::write(&path, b"this is not a database at all, just text ........").map_err(
            |source| StoreError::Io {
                path: path.clone(),
                source,
            },
        )?;
        let store = Store::open(&path)?;
        assert!(store.notice().is_some_and(|n| n.contains("kept it as")));
        store.set_read("k", true)?;
        let backups = std::fs::read_dir(dir.path())
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(backups, 1);
        Ok(())
    }

    #[test]
    fn another_programs_database_is_not_touched_in_place() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        let path = dir.path().join("state.sqlite3");
        {
            let conn = Connection::open(&path)?;
            conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")?;
        }
        let store = Store::open(&path)?;
        assert!(store.notice().is_some());
        assert!(store.is_persistent());
        Ok(())
    }

    #[test]
    fn an_unwritable_location_runs_without_saving() -> Result<(), StoreError> {
        let dir = temp_dir()?;
        // A regular file where a folder should be: the folder cannot be created.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, b"x").map_err(|source| StoreError::Io {
            path: blocker.clone(),
            source,
        })?;
        let store = Store::open(&blocker.join("state.sqlite3"))?;
        assert!(!store.is_persistent());
        assert!(
            store
                .notice()
                .is_some_and(|n| n.contains("will not be saved"))
        );
        store.set_read("k", true)?;
        assert!(store.get("k")?.read);
        Ok(())
    }
}
