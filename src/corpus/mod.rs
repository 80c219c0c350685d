//! The loaded collection: every article, its entity analysis, and the index across them.
//!
//! A large collection is loaded and analysed in the background so the reader never waits:
//! [`load::spawn_load`] parses files on every core and delivers articles in collection
//! order; [`spawn_indexing`] then finds each article's entities, first from the analysis
//! cache ([`cache`], stored beside the reading state), the rest on worker threads (one per
//! core), the article the user opened before any other. Both report progress over a
//! channel; the finished [`Corpus`] arrives last. The CLI calls [`Corpus::analyze_cached`]
//! and waits.

pub mod cache;
pub mod generate;
pub mod index;
pub mod load;
pub mod order;
pub mod packed;
pub mod parsed;
pub mod snapshot;

pub use index::{EntityId, EntityIndex, GlobalEntity, Occurrence};
pub use packed::Analyses;

use crate::article::Article;
use crate::ner::{Analysis, Engine};
use crate::store::AnalysisCache;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// Articles with their analyses and the collection-wide entity index.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every loaded article, in collection order.
    pub articles: Arc<Vec<Article>>,
    /// The engine's analysis of each article (same order), kept encoded: see
    /// [`Corpus::analysis`].
    pub analyses: Analyses,
    /// The entities across all articles.
    pub index: EntityIndex,
}

impl Corpus {
    /// Analyse every article (on all cores) and build the index; waits for the result.
    pub fn analyze(articles: Arc<Vec<Article>>) -> Corpus {
        let analyses = analyze_all(&articles, Engine::global(), &|_| {});
        Corpus::from_encoded(articles, analyses)
    }

    /// [`Corpus::analyze`] with the analysis cache: cached analyses are read, the others
    /// made (on all cores) and stored. `keys` are the articles'
    /// [`crate::store::article_key`]s.
    pub fn analyze_cached(
        articles: Arc<Vec<Article>>,
        keys: Arc<Vec<String>>,
        cache: Option<AnalysisCache>,
    ) -> Corpus {
        let (tx, rx) = mpsc::channel();
        let control = Control::default();
        run_indexing(articles, keys, cache, &control, &tx);
        drop(tx);
        rx.into_iter()
            .find_map(|event| match event {
                AnalysisEvent::Finished(corpus) => Some(*corpus),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Build the index over analyses already made. Each is encoded and let go in turn,
    /// and the index is built from the encodings.
    pub fn from_analyses(articles: Arc<Vec<Article>>, analyses: Vec<Analysis>) -> Corpus {
        let encoded = analyses.into_iter().map(|a| held(&a)).collect();
        Corpus::from_encoded(articles, Analyses::from_encoded(encoded))
    }

    /// Build the index over analyses already made and encoded (an encoding that does not
    /// decode reads as an analysis without entities, as [`Analyses::get`] reads it).
    pub fn from_encoded(articles: Arc<Vec<Article>>, analyses: Analyses) -> Corpus {
        let (index, _) = EntityIndex::build_encoded(&analyses);
        Corpus {
            articles,
            analyses,
            index,
        }
    }

    /// The analysis of article `i` (decoded from its compact form).
    pub fn analysis(&self, i: usize) -> Option<Analysis> {
        self.analyses.get(i)
    }

    /// The articles that mention an entity, newest first (undated last, then by position).
    pub fn articles_of(&self, id: EntityId) -> Vec<Occurrence> {
        let Some(entity) = self.index.entities.get(id) else {
            return Vec::new();
        };
        let mut occ = entity.occurrences.clone();
        occ.sort_by(|a, b| {
            let da = self.articles[a.article].published.map(|p| p.sort_key());
            let db = self.articles[b.article].published.map(|p| p.sort_key());
            db.cmp(&da).then(a.article.cmp(&b.article))
        });
        occ
    }
}

/// An analysis encoded ([`cache::encode`]) to be held until the collection's analyses are
/// packed: without the spare capacity the encoder's growing buffer leaves.
fn held(analysis: &Analysis) -> Vec<u8> {
    let mut bytes = cache::encode(analysis);
    bytes.shrink_to_fit();
    bytes
}

/// Worker threads to use: one per core.
fn cores() -> usize {
    thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Analyse articles on every core, calling `progress` with the number done so far. Each
/// analysis is encoded as soon as it is made, so they are never all held decoded.
pub fn analyze_all(
    articles: &[Article],
    engine: &Engine,
    progress: &(dyn Fn(usize) + Sync),
) -> Analyses {
    let workers = cores().min(articles.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Vec<OnceLock<Vec<u8>>> = (0..articles.len()).map(|_| OnceLock::new()).collect();
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(article) = articles.get(i) else {
                        break;
                    };
                    results[i].get_or_init(|| held(&engine.analyze(article)));
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    let encoded = results
        .into_iter()
        .zip(articles)
        .map(|(slot, article)| {
            slot.into_inner()
                .unwrap_or_else(|| held(&engine.analyze(article)))
        })
        .collect();
    Analyses::from_encoded(encoded)
}

/// A message from background analysis.
#[derive(Debug)]
pub enum AnalysisEvent {
    /// `done` of `total` articles analysed (from the cache or by the engine).
    Progress {
        /// Articles analysed so far.
        done: usize,
        /// Articles in all.
        total: usize,
        /// The time still needed at the current rate, once there is a rate to tell.
        left: Option<Duration>,
    },
    /// An article asked for with [`Indexing::prioritize`] has been analysed.
    Analysed {
        /// The article's position in the collection.
        article: usize,
        /// Its analysis.
        analysis: Box<Analysis>,
    },
    /// Everything analysed and indexed.
    Finished(Box<Corpus>),
}

/// What the caller can tell the workers while they run.
#[derive(Debug, Default)]
struct Control {
    /// Articles wanted before any other, oldest request first.
    wanted: Mutex<Vec<usize>>,
    /// Set when nobody listens any more.
    stop: AtomicBool,
}

impl Control {
    fn next_wanted(&self) -> Option<usize> {
        let mut wanted = self.wanted.lock().ok()?;
        (!wanted.is_empty()).then(|| wanted.remove(0))
    }
}

/// Background analysis under way: its events, and a way to ask for an article first.
/// Dropping it stops the workers.
#[derive(Debug)]
pub struct Indexing {
    events: mpsc::Receiver<AnalysisEvent>,
    control: Arc<Control>,
}

impl Indexing {
    /// The progress, priority results and the finished corpus, in that order.
    pub fn events(&self) -> &mpsc::Receiver<AnalysisEvent> {
        &self.events
    }

    /// Analyse this article before any other; its analysis comes back as
    /// [`AnalysisEvent::Analysed`] (at once when it is already done).
    pub fn prioritize(&self, article: usize) {
        if let Ok(mut wanted) = self.control.wanted.lock()
            && !wanted.contains(&article)
        {
            wanted.push(article);
        }
    }
}

impl Drop for Indexing {
    fn drop(&mut self) {
        self.control.stop.store(true, Ordering::Relaxed);
    }
}

/// Analyse and index the articles on background threads, reading and filling the analysis
/// cache when there is one. `keys` are the articles' [`crate::store::article_key`]s.
pub fn spawn_indexing(
    articles: Arc<Vec<Article>>,
    keys: Arc<Vec<String>>,
    cache: Option<AnalysisCache>,
) -> Indexing {
    let (tx, rx) = mpsc::channel();
    let control = Arc::new(Control::default());
    let shared = Arc::clone(&control);
    let spawned = thread::Builder::new()
        .name("index".into())
        .spawn(move || run_indexing(articles, keys, cache, &shared, &tx));
    if let Err(err) = spawned {
        // The receiver sees a closed channel: the reader goes on without the index.
        drop(err);
    }
    Indexing {
        events: rx,
        control,
    }
}

/// Cached analyses are looked up this many at a time (one transaction each).
const LOOKUP_CHUNK: usize = 2_000;
/// New analyses are written to the cache this many at a time (one transaction each).
const WRITE_CHUNK: usize = 1_000;
/// Progress is reported at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The indexing pipeline: the collection's [`snapshot`] when it is unchanged; otherwise
/// cache lookups, the engine on every core for the rest (the wanted articles first), cache
/// writes, the index, and a new snapshot.
///
/// Analyses are held encoded throughout (the form the cache stores and the corpus keeps);
/// the index decodes them one at a time as it reads them.
fn run_indexing(
    articles: Arc<Vec<Article>>,
    keys: Arc<Vec<String>>,
    cache: Option<AnalysisCache>,
    control: &Control,
    tx: &mpsc::Sender<AnalysisEvent>,
) {
    let total = articles.len();
    let engine = Engine::global();
    let results: Vec<OnceLock<Vec<u8>>> = (0..total).map(|_| OnceLock::new()).collect();
    let done = AtomicUsize::new(0);
    // Articles analysed for a request, to be written to the cache with the rest.
    let served: Mutex<Vec<usize>> = Mutex::new(Vec::new());
    let send = |event| {
        if tx.send(event).is_err() {
            control.stop.store(true, Ordering::Relaxed);
        }
    };
    // A wanted article: analysed now unless it already is, and sent back.
    let serve = |i: usize| {
        let Some(article) = articles.get(i) else {
            return;
        };
        let mut fresh = None;
        let bytes = results[i].get_or_init(|| {
            done.fetch_add(1, Ordering::Relaxed);
            let analysis = engine.analyze(article);
            let bytes = held(&analysis);
            fresh = Some(analysis);
            bytes
        });
        let analysis = match fresh {
            Some(analysis) => {
                if let Ok(mut served) = served.lock() {
                    served.push(i);
                }
                analysis
            }
            None => cache::decode(bytes).unwrap_or_else(|| engine.analyze(article)),
        };
        send(AnalysisEvent::Analysed {
            article: i,
            analysis: Box::new(analysis),
        });
    };

    // 0. An unchanged collection: its snapshot holds everything.
    let snapshot_key = snapshot::key(&keys);
    if let Some(cache) = &cache
        && let Some((index, analyses)) = snapshot::decode(
            (0..).map(|i| {
                // One piece at a time, each let go once decompressed.
                cache
                    .get_many(&[snapshot::piece_key(&snapshot_key, i).as_str()])
                    .ok()
                    .and_then(|mut rows| rows.pop().flatten())
            }),
            total,
        )
    {
        send(AnalysisEvent::Progress {
            done: total,
            total,
            left: None,
        });
        send(AnalysisEvent::Finished(Box::new(Corpus {
            articles,
            analyses,
            index,
        })));
        return;
    }

    // 1. The cache, a chunk at a time, answering wanted articles between chunks.
    if let Some(cache) = &cache {
        for start in (0..total).step_by(LOOKUP_CHUNK) {
            if control.stop.load(Ordering::Relaxed) {
                return;
            }
            let end = (start + LOOKUP_CHUNK).min(total);
            let chunk: Vec<&str> = keys[start..end].iter().map(String::as_str).collect();
            if let Ok(rows) = cache.get_many(&chunk) {
                for (offset, row) in rows.into_iter().enumerate() {
                    if let Some(bytes) = row
                        && results[start + offset].set(bytes).is_ok()
                    {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            while let Some(i) = control.next_wanted() {
                serve(i);
            }
            send(AnalysisEvent::Progress {
                done: done.load(Ordering::Relaxed),
                total,
                left: None,
            });
        }
    }

    // 2. The engine for the rest, on every core; the wanted articles first.
    let missing: Vec<usize> = (0..total).filter(|&i| results[i].get().is_none()).collect();
    let next = AtomicUsize::new(0);
    let (row_tx, row_rx) = mpsc::channel::<usize>();
    let workers = cores().min(missing.len()).max(1);
    let engine_start = Instant::now();
    let before_engine = done.load(Ordering::Relaxed);
    let mut rows: Vec<(String, Vec<u8>)> = Vec::new();
    let flush = |rows: &mut Vec<(String, Vec<u8>)>| {
        if let Some(cache) = &cache
            && !rows.is_empty()
        {
            // A failed cache write only means these are analysed again next time.
            let _ = cache.put_many(rows);
        }
        rows.clear();
    };
    let row = |i: usize| {
        (
            keys[i].clone(),
            results[i].get().cloned().unwrap_or_default(),
        )
    };
    thread::scope(|scope| {
        for _ in 0..workers {
            let row_tx = row_tx.clone();
            let (missing, next, results, articles, done, serve) =
                (&missing, &next, &results, &articles, &done, &serve);
            let spawned = thread::Builder::new()
                .name("index-worker".into())
                .spawn_scoped(scope, move || {
                    while !control.stop.load(Ordering::Relaxed) {
                        if let Some(i) = control.next_wanted() {
                            serve(i);
                            continue;
                        }
                        let Some(&i) = missing.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        let mut made = false;
                        results[i].get_or_init(|| {
                            made = true;
                            done.fetch_add(1, Ordering::Relaxed);
                            held(&engine.analyze(&articles[i]))
                        });
                        if made && row_tx.send(i).is_err() {
                            break;
                        }
                    }
                });
            if spawned.is_err() {
                break;
            }
        }
        drop(row_tx);
        // Meanwhile: progress with the time left, cache writes in batches, late requests.
        let mut last_progress = Instant::now();
        loop {
            match row_rx.recv_timeout(PROGRESS_EVERY) {
                Ok(i) => {
                    if cache.is_some() {
                        rows.push(row(i));
                    }
                    if rows.len() >= WRITE_CHUNK {
                        flush(&mut rows);
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if last_progress.elapsed() >= PROGRESS_EVERY {
                last_progress = Instant::now();
                let now = done.load(Ordering::Relaxed);
                let made = now.saturating_sub(before_engine);
                let left = (made >= workers * 4).then(|| {
                    let per = engine_start.elapsed().as_secs_f64() / made as f64;
                    Duration::from_secs_f64(per * total.saturating_sub(now) as f64)
                });
                send(AnalysisEvent::Progress {
                    done: now,
                    total,
                    left,
                });
            }
        }
    });
    if cache.is_some() {
        let served = served.into_inner().unwrap_or_else(|p| p.into_inner());
        rows.extend(served.into_iter().map(row));
        flush(&mut rows);
    }
    if control.stop.load(Ordering::Relaxed) {
        return;
    }
    // Anything a failed worker left undone is analysed here.
    let encoded: Vec<Vec<u8>> = results
        .into_iter()
        .zip(articles.iter())
        .map(|(slot, article)| {
            slot.into_inner()
                .unwrap_or_else(|| held(&engine.analyze(article)))
        })
        .collect();
    send(AnalysisEvent::Progress {
        done: total,
        total,
        left: None,
    });

    // 3. The index, built over the encoded analyses (each decoded in turn by the scan);
    // then the snapshot stored.
    let mut analyses = Analyses::from_encoded(encoded);
    let (mut index, unread) = EntityIndex::build_encoded(&analyses);
    if !unread.is_empty() {
        // Damaged cache rows: analysed again, kept in their new form, indexed again.
        let fresh = unread
            .into_iter()
            .filter_map(|i| Some((i, held(&engine.analyze(articles.get(i)?)))))
            .collect();
        analyses = analyses.replaced(fresh);
        index = EntityIndex::build_encoded(&analyses).0;
    }
    if let Some(cache) = &cache
        && snapshot::encode_to(&index, &analyses, &mut |i, piece| {
            // Each piece stored as soon as it is made.
            let key = snapshot::piece_key(&snapshot_key, i);
            cache.put_many(&[(key, piece)]).ok()
        })
        .is_some()
    {
        // One snapshot is kept: the last collection opened. A failure only means the
        // index is built again next time.
        let _ = cache.remove_prefixed_except(snapshot::PREFIX, &snapshot_key);
    }
    let corpus = Corpus {
        articles,
        analyses,
        index,
    };
    send(AnalysisEvent::Finished(Box::new(corpus)));
    if let Some(cache) = &cache {
        // Old engine versions and long-unused rows; a failure leaves them for next time.
        let _ = cache.prune(&[]);
        let _ = cache.checkpoint();
    }
}

/// A one-line snippet of about `width` characters around an entity's first mention in the
/// body (or the title when it is mentioned only there).
pub fn first_mention_snippet(
    article: &Article,
    body: &str,
    entity: &crate::ner::Entity,
    width: usize,
) -> String {
    let (text, span) = match (entity.spans.first(), entity.title_spans.first()) {
        (Some(&s), _) => (body, s),
        (None, Some(&s)) => (article.title.as_str(), s),
        (None, None) => return String::new(),
    };
    snippet(text, span, width)
}

/// About `width` characters of `text` around `span`, on one line, cut at word boundaries
/// with an ellipsis where text was left out.
pub fn snippet(text: &str, span: (usize, usize), width: usize) -> String {
    let (start, end) = span;
    if end > text.len()
        || start > end
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return String::new();
    }
    let mention_chars = text[start..end].chars().count();
    let room = width.saturating_sub(mention_chars) / 2;
    // Walk back `room` chars, then forward to a word start.
    let mut from = start;
    for (i, _) in text[..start].char_indices().rev().take(room) {
        from = i;
    }
    if from > 0
        && let Some((sp, c)) = text[from..start]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
    {
        // Past the space, which may be wider than a byte (a no-break space).
        from += sp + c.len_utf8();
    }
    let mut to = end;
    for (i, c) in text[end..].char_indices().take(room) {
        to = end + i + c.len_utf8();
    }
    if to < text.len()
        && let Some(sp) = text[end..to].rfind(char::is_whitespace)
    {
        to = end + sp;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('\u{2026}');
    }
    // Paragraph breaks and runs of spaces read as one space on a single line.
    let words: Vec<&str> = text[from..to].split_whitespace().collect();
    out.push_str(&crate::text::sanitize_line(&words.join(" ")));
    if to < text.len() {
        out.push('\u{2026}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;
    use crate::ner::{Entity, EntityKind};
    use crate::store::article_key;

    #[test]
    fn a_snippet_cut_at_a_wide_space_keeps_whole_characters() {
        // The space before the mention's context is a no-break space (two bytes).
        let text = "awal kata\u{a0}lain di sini Jens Stoltenberg berkata";
        let start = text.find("Jens").unwrap_or(0);
        let span = (start, start + "Jens Stoltenberg".len());
        for width in 0..60 {
            let s = snippet(text, span, width);
            assert!(s.contains("Jens Stoltenberg"), "{width}: {s}");
        }
    }

    fn sample_articles() -> Vec<Article> {
        crate::article::load_samples()
            .articles
            .into_iter()
            .take(6)
            .collect()
    }

    /// Analyse with a fresh connection to the cache at `path`, as a new process would.
    fn run(articles: &[Article], path: &std::path::Path) -> Corpus {
        let keys: Vec<String> = articles.iter().map(article_key).collect();
        let cache = AnalysisCache::open(path, &cache::engine_version()).ok();
        Corpus::analyze_cached(Arc::new(articles.to_vec()), Arc::new(keys), cache)
    }

    /// A fresh state file in a temporary folder (kept while the folder lives), and the
    /// analysis cache in it.
    fn state_file()
    -> Result<(tempfile::TempDir, std::path::PathBuf, AnalysisCache), crate::store::StoreError>
    {
        let dir = tempfile::tempdir().map_err(|source| crate::store::StoreError::Io {
            path: Default::default(),
            source,
        })?;
        let path = dir.path().join("state.sqlite3");
        let cache = AnalysisCache::open(&path, &cache::engine_version())?;
        Ok((dir, path, cache))
    }

    fn marker() -> Analysis {
        Analysis {
            language: crate::ner::Lang::Id,
            entities: vec![Entity {
                name: "Penanda Tembolok".into(),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                role: None,
                mentions: 1,
                spans: Vec::new(),
                title_spans: Vec::new(),
            }],
        }
    }

    /// Rows of a small collection's snapshot: its head and one chunk.
    const SNAPSHOT_ROWS: usize = 2;

    #[test]
    fn the_cache_serves_hits_and_analyses_only_what_changed() -> Result<(), crate::store::StoreError>
    {
        let (_dir, path, cache) = state_file()?;
        let mut articles = sample_articles();
        let n = articles.len();

        // Cold: everything analysed and stored, with the index's snapshot.
        let cold = run(&articles, &path);
        assert_eq!(cache.len()?, n + SNAPSHOT_ROWS);
        assert_eq!(
            cold.analysis(1).unwrap_or_else(marker),
            Engine::global().analyze(&articles[1])
        );

        // A hit is served from the cache, not analysed again: plant a marker to tell.
        let key0 = article_key(&articles[0]);
        cache.put_many(&[(key0.clone(), cache::encode(&marker()))])?;
        // The snapshot still describes the real analyses: drop it so the index is built.
        cache.remove_prefixed_except(snapshot::PREFIX, "")?;
        let warm = run(&articles, &path);
        assert_eq!(warm.analysis(0), Some(marker()));
        assert_eq!(
            warm.analyses.iter().skip(1).collect::<Vec<_>>(),
            cold.analyses.iter().skip(1).collect::<Vec<_>>()
        );
        assert!(!warm.index.find("Penanda Tembolok").is_empty());

        // A changed article misses and is analysed alone; the others still hit.
        articles[1].body.push(Block::Paragraph {
            text: "Paragraf tambahan yang mengubah isi artikel.".into(),
        });
        let changed = run(&articles, &path);
        assert_eq!(changed.analysis(0), Some(marker()));
        assert_eq!(
            changed.analysis(1).unwrap_or_else(marker),
            Engine::global().analyze(&articles[1])
        );
        // One more analysis; the old snapshot was replaced by the new one.
        assert_eq!(cache.len()?, n + 1 + SNAPSHOT_ROWS);

        // A removed article leaves the index; its row can be pruned.
        let removed = articles.remove(0);
        let fewer = run(&articles, &path);
        assert_eq!(fewer.analyses.len(), n - 1);
        assert!(fewer.index.find("Penanda Tembolok").is_empty());
        assert_eq!(cache.prune(&[&article_key(&removed)])?, 1);

        // Another engine version reads none of these rows, and prunes them.
        let other = AnalysisCache::open(&path, "another-engine")?;
        let keys: Vec<String> = articles.iter().map(article_key).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert!(other.get_many(&refs)?.iter().all(Option::is_none));
        other.put_many(&[(keys[0].clone(), cache::encode(&marker()))])?;
        assert!(other.prune(&[])? >= n - 1);
        assert_eq!(cache.len()?, 0);
        assert_eq!(other.len()?, 1);
        Ok(())
    }

    #[test]
    fn an_unchanged_collection_takes_its_index_from_the_snapshot()
    -> Result<(), crate::store::StoreError> {
        let (_dir, path, cache) = state_file()?;
        let mut articles = sample_articles();
        let cold = run(&articles, &path);

        // Replace the stored snapshot with one made from a marker, to tell it was used.
        let keys: Vec<String> = articles.iter().map(article_key).collect();
        let mut analyses: Vec<Analysis> = cold.analyses.iter().collect();
        analyses[0] = marker();
        let planted = EntityIndex::build(&analyses.iter().collect::<Vec<_>>());
        let pieces = snapshot::encode(&planted, &Analyses::pack(&analyses)).unwrap_or_default();
        let key = snapshot::key(&keys);
        let rows: Vec<(String, Vec<u8>)> = pieces
            .into_iter()
            .enumerate()
            .map(|(i, piece)| (snapshot::piece_key(&key, i), piece))
            .collect();
        cache.put_many(&rows)?;
        let warm = run(&articles, &path);
        assert_eq!(warm.index, planted);
        assert_eq!(warm.analysis(0), Some(marker()));
        assert_eq!(
            warm.analyses.iter().skip(1).collect::<Vec<_>>(),
            cold.analyses.iter().skip(1).collect::<Vec<_>>()
        );
        // A damaged snapshot is not used: the index is built from the analyses again.
        cache.put_many(&[(snapshot::key(&keys), vec![1, 2, 3])])?;
        let rebuilt = run(&articles, &path);
        assert_eq!(rebuilt.index, cold.index);

        // Another collection (one article fewer) builds its own and keeps only that one.
        articles.pop();
        let fewer = run(&articles, &path);
        assert!(fewer.index.find("Penanda Tembolok").is_empty());
        assert_eq!(fewer.index.by_article.len(), articles.len());
        assert_eq!(cache.len()?, articles.len() + 1 + SNAPSHOT_ROWS);
        assert_eq!(
            cache.remove_prefixed_except(snapshot::PREFIX, "")?,
            SNAPSHOT_ROWS
        );
        Ok(())
    }

    #[test]
    fn a_damaged_cache_row_is_analysed_again() -> Result<(), crate::store::StoreError> {
        let (_dir, path, cache) = state_file()?;
        let articles = sample_articles();
        let cold = run(&articles, &path);
        cache.put_many(&[(article_key(&articles[2]), vec![0xff, 0xff, 0xff])])?;
        cache.remove_prefixed_except(snapshot::PREFIX, "")?;
        let warm = run(&articles, &path);
        assert_eq!(
            warm.analysis(2).unwrap_or_else(marker),
            Engine::global().analyze(&articles[2])
        );
        assert_eq!(warm.index, cold.index);
        Ok(())
    }

    #[test]
    fn a_wanted_article_comes_back_before_the_end() {
        let articles = Arc::new(sample_articles());
        let keys = Arc::new(articles.iter().map(article_key).collect());
        let last = articles.len() - 1;
        let indexing = spawn_indexing(Arc::clone(&articles), keys, None);
        indexing.prioritize(last);
        let mut got = None;
        for event in indexing.events().iter() {
            match event {
                AnalysisEvent::Analysed { article, analysis } => got = Some((article, analysis)),
                AnalysisEvent::Finished(corpus) => {
                    assert_eq!(corpus.analyses.len(), articles.len());
                    break;
                }
                AnalysisEvent::Progress { done, total, .. } => assert!(done <= total),
            }
        }
        let (article, analysis) = got.expect("the wanted article is sent back");
        assert_eq!(article, last);
        assert_eq!(*analysis, Engine::global().analyze(&articles[last]));
    }

    #[test]
    fn snippet_is_centred_and_cut_at_words() {
        let text = "Pada hari Senin pagi, Menteri Rina Hartono membuka rapat anggaran di gedung DPR bersama para pejabat.";
        let at = text.find("Rina").unwrap_or(0);
        let s = snippet(text, (at, at + "Rina Hartono".len()), 40);
        assert!(s.contains("Rina Hartono"), "{s}");
        assert!(s.starts_with('\u{2026}') && s.ends_with('\u{2026}'), "{s}");
        assert!(s.chars().count() <= 44, "{s}");
    }

    #[test]
    fn snippet_joins_paragraphs_with_one_space() {
        let text = "Rapat dimulai pukul sembilan.\n\nMenteri Rina Hartono lalu berbicara.";
        let at = text.find("Rina").unwrap_or(0);
        let s = snippet(text, (at, at + "Rina Hartono".len()), 60);
        assert!(s.contains("sembilan. Menteri Rina"), "{s}");
        assert!(!s.contains("  "), "{s}");
    }

    #[test]
    fn snippet_survives_bad_spans_and_wide_text() {
        assert_eq!(snippet("abc", (5, 9), 10), "");
        let text = "東京で会議 Kim Jong-un 😀 datang";
        let at = text.find("Kim").unwrap_or(0);
        assert!(snippet(text, (at, at + 3), 6).contains("Kim"));
    }
}
