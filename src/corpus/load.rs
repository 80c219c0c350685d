//! Loading a collection on every core, delivered in collection order while it goes.
//!
//! [`spawn_load`] walks the paths, then worker threads (one per core) read and parse the
//! files; a coordinator puts the results back in walk order and sends them in batches, so
//! the reader can show the first articles long before the last file is parsed. Each article
//! comes with its content key ([`article_key`]), which the reading state and the analysis
//! cache both use. [`load_all`] runs the same pipeline and waits for all of it (the CLI).
//!
//! With a [`FileCache`] ([`spawn_load_cached`], [`load_all_cached`]) a file whose size and
//! times are unchanged since it was last parsed is not parsed again: its articles, their
//! keys and its problems come back from the cache. Files parsed afresh are written to the
//! cache by a thread of their own, in batches, while loading goes on.

pub use super::parsed::LoadBatch;
use crate::article::sniff::{self, Kind};
use crate::article::{self, LoadReport, walk};

use super::parsed::{decode_file, encode_file};
use crate::store::{FileCache, FileHit, FileRow, FileStamp};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What to load.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files and folders.
    Paths(Vec<PathBuf>),
    /// The sample articles bundled in the binary.
    Samples,
}

/// A message from background loading.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk is done: this many files will be read.
    Found {
        /// Files to read.
        files: usize,
    },
    /// The next articles, in collection order.
    Batch {
        /// The articles and problems.
        batch: LoadBatch,
        /// Files read so far.
        files_done: usize,
    },
    /// Every file has been read.
    Finished,
}

/// Send a batch once it holds this many articles...
const BATCH_ARTICLES: usize = 2_000;
/// ...or once this much time has passed since the last one.
const BATCH_INTERVAL: Duration = Duration::from_millis(40);

/// Entries a worker takes at once, looked up in the file cache in one transaction.
const CHUNK: usize = 16;
/// Parsed files written to the cache per transaction, at most.
const WRITE_BATCH: usize = 256;
/// Parsed files waiting to be written, at most (the workers wait beyond it).
const WRITE_QUEUE: usize = 1_024;

/// Load a collection on background threads; events arrive on the receiver, batches in
/// collection order. Dropping the receiver stops the work.
pub fn spawn_load(source: Source) -> mpsc::Receiver<LoadEvent> {
    spawn_load_cached(source, None)
}

/// [`spawn_load`], taking unchanged files from `cache` and storing the others in it.
pub fn spawn_load_cached(source: Source, cache: Option<FileCache>) -> mpsc::Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    let worker_tx = tx.clone();
    let again = source.clone();
    let spawned = thread::Builder::new()
        .name("load".into())
        .spawn(move || run_load(source, cache, &|event| worker_tx.send(event).is_ok()));
    if spawned.is_err() {
        // No thread to spare: load here, then hand everything over at once.
        run_load(again, None, &|event| tx.send(event).is_ok());
    }
    rx
}

/// Load a whole collection (on every core) and wait for it: the articles in collection
/// order, the problems, and each article's key.
pub fn load_all(source: Source) -> (LoadReport, Vec<String>) {
    load_all_cached(source, None)
}

/// [`load_all`], taking unchanged files from `cache` and storing the others in it (it
/// returns once they are stored).
pub fn load_all_cached(source: Source, cache: Option<FileCache>) -> (LoadReport, Vec<String>) {
    let all = std::sync::Mutex::new((LoadReport::default(), Vec::new()));
    run_load(source, cache, &|event| {
        if let LoadEvent::Batch { batch, .. } = event
            && let Ok(mut all) = all.lock()
        {
            all.0.articles.extend(batch.articles);
            all.0.problems.extend(batch.problems);
            all.1.extend(batch.keys);
        }
        true
    });
    all.into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A write for the cache's writer thread.
enum CacheWrite {
    /// A freshly parsed file.
    Put(FileRow),
    /// A file served from the cache whose last-use day should be renewed.
    Touch(PathBuf),
}

/// The cache's writer: stores what the workers send, in batches, until they are done; then
/// prunes rows of other loader versions if anything was written.
fn write_cache(cache: &FileCache, rx: &mpsc::Receiver<CacheWrite>) {
    let mut wrote = false;
    while let Ok(first) = rx.recv() {
        let mut puts = Vec::new();
        let mut touches = Vec::new();
        let mut take = |write| match write {
            CacheWrite::Put(row) => puts.push(row),
            CacheWrite::Touch(path) => touches.push(path),
        };
        take(first);
        for _ in 1..WRITE_BATCH {
            match rx.recv_timeout(BATCH_INTERVAL) {
                Ok(write) => take(write),
                Err(_) => break,
            }
        }
        // A failed write costs a re-parse next time, nothing more.
        if !puts.is_empty() {
            wrote |= cache.put_many(&puts).is_ok();
        }
        if !touches.is_empty() {
            let _ = cache.touch_many(&touches);
        }
    }
    if wrote {
        let _ = cache.prune();
        let _ = cache.checkpoint();
    }
}

/// Nanoseconds since 1970, now.
fn now_nanos() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(i64::MAX)
}

/// The cache key of an entry (its absolute path and its stamp), or `None` when the entry
/// is not to be cached: a named non-article (reported without reading), a file over the
/// size limit (refused), one changed within the last second (a second change in the same
/// clock tick could go unseen), or one whose stamp cannot be read.
fn cache_key(entry: &walk::Entry, now: i64) -> Option<(PathBuf, FileStamp)> {
    if entry.explicit && matches!(sniff::by_name(&entry.path), Some(Kind::NotArticle(_))) {
        return None;
    }
    let meta = std::fs::metadata(&entry.path).ok()?;
    if !meta.is_file() || meta.len() > walk::max_file_bytes() {
        return None;
    }
    let stamp = FileStamp::of(&meta)?;
    if stamp.is_recent(now) {
        return None;
    }
    Some((std::path::absolute(&entry.path).ok()?, stamp))
}

/// Load one entry: from the cache on a hit, else by parsing it (and then queueing the
/// result for the cache when the entry has a key and was read whole).
fn load_one(
    entry: &walk::Entry,
    key: Option<(PathBuf, FileStamp)>,
    hit: Option<FileHit>,
    writes: Option<&mpsc::SyncSender<CacheWrite>>,
) -> LoadBatch {
    let Some((path, stamp)) = key else {
        return LoadBatch::from_report(article::load_entry(entry));
    };
    if let Some(hit) = hit
        && let Some(batch) = decode_file(&entry.path, &hit.data)
    {
        if hit.renew
            && let Some(writes) = writes
        {
            let _ = writes.send(CacheWrite::Touch(path));
        }
        return batch;
    }
    let bytes = match walk::read_limited(&entry.path) {
        Ok(bytes) => bytes,
        Err(problem) => {
            return LoadBatch {
                problems: vec![problem],
                ..LoadBatch::default()
            };
        }
    };
    let batch = LoadBatch::from_report(article::load_bytes(&entry.path, &bytes));
    // A file that changed while it was read is not stored under its earlier stamp.
    if let Some(writes) = writes
        && u64::try_from(bytes.len()).ok() == Some(stamp.size)
        && let Some(data) = encode_file(&entry.path, &batch)
    {
        let _ = writes.send(CacheWrite::Put(FileRow { path, stamp, data }));
    }
    batch
}

/// Load a run of entries, looking them all up in the cache first.
fn load_chunk(
    chunk: &[walk::Entry],
    reader: Option<&FileCache>,
    writes: Option<&mpsc::SyncSender<CacheWrite>>,
    now: i64,
) -> Vec<LoadBatch> {
    let keys: Vec<Option<(PathBuf, FileStamp)>> = match reader {
        Some(_) => chunk.iter().map(|e| cache_key(e, now)).collect(),
        None => vec![None; chunk.len()],
    };
    let mut hits: Vec<Option<FileHit>> = vec![None; chunk.len()];
    if let Some(reader) = reader {
        let wanted: Vec<(usize, (&std::path::Path, FileStamp))> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.as_ref().map(|(p, s)| (i, (p.as_path(), *s))))
            .collect();
        let lookups: Vec<(&std::path::Path, FileStamp)> = wanted.iter().map(|w| w.1).collect();
        // A cache that cannot be read is a miss for every file.
        if let Ok(found) = reader.get_many(&lookups) {
            for ((i, _), hit) in wanted.iter().zip(found) {
                hits[*i] = hit;
            }
        }
    }
    chunk
        .iter()
        .zip(keys)
        .zip(hits)
        .map(|((entry, key), hit)| load_one(entry, key, hit, writes))
        .collect()
}

/// The loading pipeline; `send` returns false when nobody listens any more.
fn run_load(source: Source, cache: Option<FileCache>, send: &(dyn Fn(LoadEvent) -> bool + Sync)) {
    let paths = match source {
        Source::Samples => {
            send(LoadEvent::Found { files: 1 });
            let batch = LoadBatch::from_report(article::load_samples());
            send(LoadEvent::Batch {
                batch,
                files_done: 1,
            });
            send(LoadEvent::Finished);
            return;
        }
        Source::Paths(paths) => paths,
    };
    let mut walk_problems = Vec::new();
    let entries = walk::collect(&paths, &mut walk_problems);
    if !send(LoadEvent::Found {
        files: entries.len(),
    }) {
        return;
    }
    let stop = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let workers = thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(entries.len())
        .max(1);
    let (done_tx, done_rx) = mpsc::channel::<(usize, LoadBatch)>();
    // Each worker reads the cache on a connection of its own; one thread writes to it.
    let readers: Vec<Option<FileCache>> = (0..workers)
        .map(|_| cache.as_ref().and_then(|c| c.reopen().ok()))
        .collect();
    let (write_tx, write_rx) = mpsc::sync_channel::<CacheWrite>(WRITE_QUEUE);
    let now = now_nanos();
    thread::scope(|outer| {
        let writes = cache.and_then(|cache| {
            thread::Builder::new()
                .name("load-cache".into())
                .spawn_scoped(outer, move || write_cache(&cache, &write_rx))
                .ok()
                .map(|_| write_tx)
        });
        thread::scope(|scope| {
            for reader in readers {
                let done_tx = done_tx.clone();
                let writes = writes.clone();
                let (next, stop, entries) = (&next, &stop, &entries);
                let spawned = thread::Builder::new()
                    .name("load-worker".into())
                    .spawn_scoped(scope, move || {
                        while !stop.load(Ordering::Relaxed) {
                            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                            let Some(chunk) =
                                entries.get(start..(start + CHUNK).min(entries.len()))
                            else {
                                break;
                            };
                            if chunk.is_empty() {
                                break;
                            }
                            let loaded = load_chunk(chunk, reader.as_ref(), writes.as_ref(), now);
                            for (i, batch) in (start..).zip(loaded) {
                                if done_tx.send((i, batch)).is_err() {
                                    return;
                                }
                            }
                        }
                    });
                if spawned.is_err() {
                    break;
                }
            }
            drop(done_tx);
            drop(writes);
            // Put the files back in walk order; send what is ready in batches.
            let mut pending: BTreeMap<usize, LoadBatch> = BTreeMap::new();
            let mut ready = LoadBatch {
                problems: walk_problems,
                ..LoadBatch::default()
            };
            let mut files_done = 0;
            let mut last = Instant::now();
            let flush = |ready: &mut LoadBatch, files_done: usize| {
                if !send(LoadEvent::Batch {
                    batch: std::mem::take(ready),
                    files_done,
                }) {
                    stop.store(true, Ordering::Relaxed);
                }
            };
            // Anything a failed worker left undone is loaded here, so nothing is lost.
            while files_done < entries.len() && !stop.load(Ordering::Relaxed) {
                match done_rx.recv_timeout(BATCH_INTERVAL) {
                    Ok((i, batch)) => {
                        pending.insert(i, batch);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if let Some(entry) = entries.get(i) {
                            pending.insert(i, LoadBatch::from_report(article::load_entry(entry)));
                        } else if !pending.contains_key(&files_done) {
                            break;
                        }
                    }
                }
                while let Some(batch) = pending.remove(&files_done) {
                    ready.extend(batch);
                    files_done += 1;
                }
                if ready.articles.len() >= BATCH_ARTICLES
                    || (!ready.is_empty() && last.elapsed() >= BATCH_INTERVAL)
                {
                    flush(&mut ready, files_done);
                    last = Instant::now();
                }
            }
            if !ready.is_empty() {
                flush(&mut ready, files_done);
            }
            stop.store(true, Ordering::Relaxed);
        });
        // Everything is delivered; the cache's writer finishes on its own (waited for here).
        send(LoadEvent::Finished);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::corpus::generate::{GenFormat, write_collection};
    use crate::store::article_key;
    use std::path::Path;

    /// Copy a folder of fixtures, recursively.
    fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            let target = to.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                copy_dir(&entry.path(), &target)?;
            } else {
                std::fs::copy(entry.path(), target)?;
            }
        }
        Ok(())
    }

    /// Files changed within the last second are not cached: let the fixtures age.
    fn age() {
        thread::sleep(Duration::from_millis(1_100));
    }

    fn io(e: crate::store::StoreError) -> std::io::Error {
        std::io::Error::other(e.to_string())
    }

    /// What the pipeline gives without a cache, keys included.
    fn fresh(paths: &[PathBuf]) -> (LoadReport, Vec<String>) {
        load_all(Source::Paths(paths.to_vec()))
    }

    fn assert_same(a: &(LoadReport, Vec<String>), b: &(LoadReport, Vec<String>)) {
        assert_eq!(a.0.articles, b.0.articles);
        assert_eq!(a.0.problems, b.0.problems);
        assert_eq!(a.1, b.1);
    }

    #[test]
    fn cached_files_read_back_exactly_as_parsed_in_every_format() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("news");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for sub in ["articles", "feeds", "html"] {
            copy_dir(&fixtures.join(sub), &root.join(sub))?;
        }
        write_collection(&root.join("generated"), 60, GenFormat::Mixed, 7)?;
        std::fs::write(root.join("broken.json"), b"{ not json")?;
        age();
        let state = dir.path().join("state.sqlite3");
        let paths = vec![root.clone()];
        let expected = fresh(&paths);
        let formats: std::collections::HashSet<_> = expected
            .0
            .articles
            .iter()
            .map(|a| a.origin.format)
            .collect();
        assert_eq!(formats.len(), 8, "every format is exercised: {formats:?}");

        let cache = FileCache::open(&state, "test").map_err(io)?;
        let first = load_all_cached(Source::Paths(paths.clone()), Some(cache));
        assert_same(&first, &expected);

        // Every file that was read is now cached, and its row decodes to exactly what
        // parsing the file gives, keys included.
        let cache = FileCache::open(&state, "test").map_err(io)?;
        let entries = walk::collect(&paths, &mut Vec::new());
        assert_eq!(cache.len().map_err(io)?, entries.len());
        let now = now_nanos();
        for entry in &entries {
            let (path, stamp) = cache_key(entry, now).expect("an aged, readable file");
            let hit = cache.get_many(&[(&path, stamp)]).map_err(io)?.remove(0);
            let hit = hit.expect("cached");
            let cached = decode_file(&entry.path, &hit.data).expect("decodes");
            let parsed = LoadBatch::from_report(article::load_entry(entry));
            assert_eq!(cached.articles, parsed.articles, "{}", entry.path.display());
            assert_eq!(cached.keys, parsed.keys);
            assert_eq!(cached.problems, parsed.problems);
        }

        // The second load comes from the cache and is the same, walk order and all.
        let second = load_all_cached(Source::Paths(paths.clone()), Some(cache));
        assert_same(&second, &expected);
        // Through the event stream too.
        let cache = FileCache::open(&state, "test").map_err(io)?;
        let events: Vec<LoadEvent> = spawn_load_cached(Source::Paths(paths), Some(cache))
            .iter()
            .collect();
        let streamed: Vec<Article> = events
            .into_iter()
            .flat_map(|e| match e {
                LoadEvent::Batch { batch, .. } => batch.articles,
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(streamed, expected.0.articles);
        Ok(())
    }

    /// Plant a row for `file` under its current stamp that says it holds one article
    /// titled `title`, so a load that serves the cache shows it.
    fn plant(cache: &FileCache, file: &Path, title: &str) -> std::io::Result<()> {
        let entry = walk::Entry {
            path: file.to_path_buf(),
            explicit: false,
        };
        let (path, stamp) = cache_key(&entry, now_nanos()).expect("cacheable");
        let mut parsed = LoadBatch::from_report(article::load_entry(&entry));
        parsed.articles.truncate(1);
        parsed.articles[0].title = title.to_string();
        parsed.keys = parsed.articles.iter().map(article_key).collect();
        let data = encode_file(file, &parsed).expect("encodes");
        cache.put_many(&[FileRow { path, stamp, data }]).map_err(io)
    }

    fn titles(paths: &[PathBuf], cache: Option<FileCache>) -> Vec<String> {
        load_all_cached(Source::Paths(paths.to_vec()), cache)
            .0
            .articles
            .into_iter()
            .map(|a| a.title)
            .collect()
    }

    #[test]
    fn stale_damaged_and_foreign_rows_are_misses() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("news");
        std::fs::create_dir_all(&root)?;
        let file = root.join("a.txt");
        std::fs::write(&file, "Judul Pertama\n\nIsi berita pertama di sini.\n")?;
        age();
        let state = dir.path().join("state.sqlite3");
        let paths = vec![root.clone()];
        let open = |loader: &str| FileCache::open(&state, loader).map_err(io);

        // A row under the file's current stamp is served as is.
        plant(&open("v1")?, &file, "Planted")?;
        assert_eq!(titles(&paths, Some(open("v1")?)), ["Planted"]);
        // Another loader version does not see it (and prunes it once it has written).
        assert_eq!(titles(&paths, Some(open("v2")?)), ["Judul Pertama"]);
        assert_eq!(open("v1")?.len().map_err(io)?, 0);
        assert_eq!(open("v2")?.len().map_err(io)?, 1);
        // A damaged row is parsed again (and replaced).
        let cache = open("v2")?;
        assert_eq!(cache.damage_all(b"\xff\xff\xff garbage").map_err(io)?, 1);
        assert_eq!(titles(&paths, Some(cache)), ["Judul Pertama"]);
        plant(&open("v2")?, &file, "Planted")?;
        assert_eq!(titles(&paths, Some(open("v2")?)), ["Planted"]);
        // Without a cache nothing is served from it.
        assert_eq!(titles(&paths, None), ["Judul Pertama"]);
        // A changed file (same size, new content) is parsed again.
        std::fs::write(&file, "Judul Kedua!!\n\nIsi berita pertama di sini.\n")?;
        age();
        assert_eq!(titles(&paths, Some(open("v2")?)), ["Judul Kedua!!"]);
        // So is one whose modification time alone changed.
        plant(&open("v2")?, &file, "Planted")?;
        let past = std::time::SystemTime::now() - Duration::from_secs(3_600);
        std::fs::File::options()
            .write(true)
            .open(&file)?
            .set_modified(past)?;
        age();
        assert_eq!(titles(&paths, Some(open("v2")?)), ["Judul Kedua!!"]);
        Ok(())
    }

    #[test]
    fn fresh_and_unreadable_files_are_not_cached() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("news");
        std::fs::create_dir_all(&root)?;
        let file = root.join("a.txt");
        std::fs::write(&file, "Judul\n\nIsi berita.\n")?;
        let state = dir.path().join("state.sqlite3");
        let paths = vec![root.clone()];
        let count = || {
            FileCache::open(&state, "v1")
                .and_then(|c| c.len())
                .map_err(io)
        };
        // Just written: too fresh to trust its stamp.
        let cache = FileCache::open(&state, "v1").map_err(io)?;
        assert_eq!(titles(&paths, Some(cache)), ["Judul"]);
        assert_eq!(count()?, 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000))?;
            age();
            // Root reads it anyway; anyone else gets a problem, which is not cached.
            if std::fs::read(&file).is_err() {
                let cache = FileCache::open(&state, "v1").map_err(io)?;
                let (report, _) = load_all_cached(Source::Paths(paths.clone()), Some(cache));
                assert!(report.articles.is_empty());
                assert_eq!(report.problems.len(), 1);
                assert_eq!(count()?, 0);
            }
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
        }
        age();
        let cache = FileCache::open(&state, "v1").map_err(io)?;
        assert_eq!(titles(&paths, Some(cache)), ["Judul"]);
        assert_eq!(count()?, 1);
        Ok(())
    }

    #[test]
    fn parallel_load_keeps_the_walk_order() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write_collection(dir.path(), 120, GenFormat::Mixed, 4)?;
        std::fs::write(dir.path().join("zz-broken.json"), b"{ not json")?;
        let paths = vec![dir.path().to_path_buf()];
        let serial = article::load_paths(&paths);
        let (parallel, keys) = load_all(Source::Paths(paths));
        assert_eq!(parallel.articles, serial.articles);
        assert_eq!(parallel.problems, serial.problems);
        assert_eq!(keys.len(), parallel.articles.len());
        assert_eq!(keys[0], article_key(&parallel.articles[0]));
        Ok(())
    }

    #[test]
    fn events_arrive_in_order_and_finish() {
        let rx = spawn_load(Source::Samples);
        let events: Vec<LoadEvent> = rx.iter().collect();
        assert!(matches!(events.first(), Some(LoadEvent::Found { .. })));
        assert!(matches!(events.last(), Some(LoadEvent::Finished)));
        let articles: usize = events
            .iter()
            .map(|e| match e {
                LoadEvent::Batch { batch, .. } => batch.articles.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(articles, article::load_samples().articles.len());
    }
}
