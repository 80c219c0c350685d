//! Loading a collection on every core, delivered in collection order while it goes.
//!
//! [`spawn_load`] walks the paths, then worker threads (one per core) read and parse the
//! files; a coordinator puts the results back in walk order and sends them in batches, so
//! the reader can show the first articles long before the last file is parsed. Each article
//! comes with its content key ([`article_key`]), which the reading state and the analysis
//! cache both use. [`load_all`] runs the same pipeline and waits for all of it (the CLI).

use crate::article::{self, Article, LoadReport, Problem, walk};
use crate::store::article_key;
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

/// Articles loaded next in collection order, with their content keys.
#[derive(Debug, Default)]
pub struct LoadBatch {
    /// The articles, continuing the collection.
    pub articles: Vec<Article>,
    /// Each article's [`article_key`] (same order).
    pub keys: Vec<String>,
    /// Files or lines that could not be loaded.
    pub problems: Vec<Problem>,
}

impl LoadBatch {
    fn extend(&mut self, other: LoadBatch) {
        self.articles.extend(other.articles);
        self.keys.extend(other.keys);
        self.problems.extend(other.problems);
    }

    fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.problems.is_empty()
    }

    fn from_report(report: LoadReport) -> LoadBatch {
        let keys = report.articles.iter().map(article_key).collect();
        LoadBatch {
            articles: report.articles,
            keys,
            problems: report.problems,
        }
    }
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

/// Load a collection on background threads; events arrive on the receiver, batches in
/// collection order. Dropping the receiver stops the work.
pub fn spawn_load(source: Source) -> mpsc::Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    let worker_tx = tx.clone();
    let again = source.clone();
    let spawned = thread::Builder::new()
        .name("load".into())
        .spawn(move || run_load(source, &|event| worker_tx.send(event).is_ok()));
    if spawned.is_err() {
        // No thread to spare: load here, then hand everything over at once.
        run_load(again, &|event| tx.send(event).is_ok());
    }
    rx
}

/// Load a whole collection (on every core) and wait for it: the articles in collection
/// order, the problems, and each article's key.
pub fn load_all(source: Source) -> (LoadReport, Vec<String>) {
    let all = std::sync::Mutex::new((LoadReport::default(), Vec::new()));
    run_load(source, &|event| {
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

/// The loading pipeline; `send` returns false when nobody listens any more.
fn run_load(source: Source, send: &(dyn Fn(LoadEvent) -> bool + Sync)) {
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
    thread::scope(|scope| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (next, stop, entries) = (&next, &stop, &entries);
            let spawned = thread::Builder::new()
                .name("load-worker".into())
                .spawn_scoped(scope, move || {
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(entry) = entries.get(i) else {
                            break;
                        };
                        let batch = LoadBatch::from_report(article::load_entry(entry));
                        if done_tx.send((i, batch)).is_err() {
                            break;
                        }
                    }
                });
            if spawned.is_err() {
                break;
            }
        }
        drop(done_tx);
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
    send(LoadEvent::Finished);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::generate::{GenFormat, write_collection};

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
