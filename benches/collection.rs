//! Collection-level costs: loading per format, the analysis cache, the entity index,
//! search keystrokes, and the reader at 100,000 articles (frame render, key press to
//! rendered frame).
//!
//! Synthetic collections come from `warta::corpus::generate`; the search benchmark uses
//! `../shared/corpora/bbc` when it exists (a generated collection otherwise). The 100,000
//! article reader repeats 2,000 generated articles fifty times (each copy retitled), so
//! its text is about 400 MB, like `warta generate --count 100000`.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use warta::article::{Article, LoadReport, load_paths};
use warta::corpus::generate::{GenFormat, write_collection};
use warta::corpus::load::{Source, load_all};
use warta::corpus::{Corpus, EntityIndex};
use warta::ner::{Analysis, Entity, EntityKind, Lang};
use warta::search::{Context, Query, SearchIndex};
use warta::store::ArticleState;
use warta::store::{AnalysisCache, article_key};
use warta::tui::runtime::engine;
use warta::tui::{App, Headless, Keymap, Message, Theme};

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                dir_bytes(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            };
        }
    }
    total
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (name, format) in [
        ("txt", GenFormat::Text),
        ("jsonl", GenFormat::Jsonl),
        ("json", GenFormat::Json),
        ("csv", GenFormat::Csv),
        ("md", GenFormat::Markdown),
    ] {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        if write_collection(dir.path(), 2000, format, 3).is_err() {
            return;
        }
        group.throughput(Throughput::Bytes(dir_bytes(dir.path())));
        let paths = vec![dir.path().to_path_buf()];
        group.bench_with_input(BenchmarkId::from_parameter(name), &paths, |b, paths| {
            b.iter(|| black_box(load_paths(paths).articles.len()));
        });
    }
    // The reader's loader: every core, articles in collection order.
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if write_collection(dir.path(), 2000, GenFormat::Mixed, 3).is_err() {
        return;
    }
    group.throughput(Throughput::Bytes(dir_bytes(dir.path())));
    let paths = vec![dir.path().to_path_buf()];
    group.bench_function("mixed_all_cores", |b| {
        b.iter(|| black_box(load_all(Source::Paths(paths.clone())).0.articles.len()));
    });
    group.finish();
}

/// Memory per loaded article, measured first, before other benchmarks leave freed memory
/// behind for the allocator to reuse.
fn memory(_: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    // Enough articles that the loader threads' own allocations are a small part.
    if write_collection(dir.path(), 20_000, GenFormat::Mixed, 5).is_ok() {
        memory_per_article(dir.path());
    }
}

/// Resident memory of this process, in bytes (Linux; 0 elsewhere).
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// Memory per loaded article: the growth of resident memory while 20,000 are held, the
/// heap their bodies take (compressed), and the text they hold. Printed, since criterion
/// measures time only.
fn memory_per_article(dir: &Path) {
    let before = rss();
    let (report, keys) = load_all(Source::Paths(vec![dir.to_path_buf()]));
    let after = rss();
    let n = report.articles.len().max(1) as u64;
    let text: usize = report
        .articles
        .iter()
        .map(|a| {
            a.title.len()
                + a.body
                    .blocks()
                    .iter()
                    .map(|b| b.text().len())
                    .sum::<usize>()
        })
        .sum();
    let bodies: usize = report.articles.iter().map(|a| a.body.heap_size()).sum();
    eprintln!(
        "memory/loaded_article: {} bytes resident per article, its body {} bytes on the heap \
         ({} bytes of text each), {} articles",
        after.saturating_sub(before) / n,
        bodies as u64 / n,
        text as u64 / n,
        n
    );
    black_box((report, keys));
}

/// Reading cached analyses back: one lookup transaction and the decoding, per article.
fn analysis_cache(c: &mut Criterion) {
    let articles = search_articles();
    let articles: Vec<Article> = articles.into_iter().take(1000).collect();
    let engine = warta::ner::Engine::global();
    let Ok(cache) = AnalysisCache::in_memory("bench") else {
        return;
    };
    let keys: Vec<String> = articles.iter().map(article_key).collect();
    let rows: Vec<(String, Vec<u8>)> = articles
        .iter()
        .zip(&keys)
        .map(|(a, k)| (k.clone(), warta::corpus::cache::encode(&engine.analyze(a))))
        .collect();
    if cache.put_many(&rows).is_err() {
        return;
    }
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("analysis_cache");
    group.sample_size(10);
    group.throughput(Throughput::Elements(refs.len() as u64));
    group.bench_function("read_and_decode_1000", |b| {
        b.iter(|| {
            let rows = cache.get_many(&refs).unwrap_or_default();
            black_box(
                rows.iter()
                    .filter_map(|r| r.as_deref().and_then(warta::corpus::cache::decode))
                    .count(),
            )
        });
    });
    group.finish();
}

/// Synthetic analyses: `n` articles, each naming a handful of a few thousand entities.
fn synthetic_analyses(n: usize) -> Vec<Analysis> {
    let mut x: u64 = 88172645463325252;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|_| {
            let entities = (0..8)
                .map(|k| {
                    let id = (next() % 5000) as usize;
                    let kind = if k % 3 == 0 {
                        EntityKind::Organization
                    } else {
                        EntityKind::Person
                    };
                    Entity {
                        name: format!("Nama{id} Keluarga{}", id % 97),
                        kind,
                        aliases: vec![format!("Keluarga{}", id % 97)],
                        role: None,
                        mentions: 1 + (id % 5),
                        spans: vec![(0, 5)],
                        title_spans: vec![],
                    }
                })
                .collect();
            Analysis {
                language: Lang::Id,
                entities,
            }
        })
        .collect()
}

fn entity_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("entity_index_build");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let analyses = synthetic_analyses(n);
        let refs: Vec<&Analysis> = analyses.iter().collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &refs, |b, refs| {
            b.iter(|| black_box(EntityIndex::build(refs).entities.len()));
        });
        // The reader's way: from the encoded analyses, each decoded as the scan reads it.
        let packed = warta::corpus::Analyses::pack(&analyses);
        group.bench_with_input(BenchmarkId::new("encoded", n), &packed, |b, packed| {
            b.iter(|| black_box(EntityIndex::build_encoded(packed).0.entities.len()));
        });
        // The same from every analysis decoded first, all held at once.
        group.bench_with_input(BenchmarkId::new("decode_all", n), &packed, |b, packed| {
            b.iter(|| {
                let decoded: Vec<Analysis> = packed.iter().collect();
                let refs: Vec<&Analysis> = decoded.iter().collect();
                black_box(EntityIndex::build(&refs).entities.len())
            });
        });
    }
    // An unchanged collection reads its index back from the cache instead.
    let analyses = synthetic_analyses(100_000);
    let refs: Vec<&Analysis> = analyses.iter().collect();
    let index = EntityIndex::build(&refs);
    let pieces = warta::corpus::snapshot::encode(&index, &warta::corpus::Analyses::pack(&analyses))
        .unwrap_or_default();
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("snapshot_read_100000", |b| {
        b.iter_batched(
            || pieces.clone(),
            |pieces| {
                black_box(
                    warta::corpus::snapshot::decode(pieces.into_iter().map(Some), 100_000)
                        .map(|(index, _)| index.entities.len())
                        .unwrap_or(0),
                )
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

fn search_articles() -> Vec<Article> {
    let bbc = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/bbc"
    ));
    if bbc.is_dir() {
        return load_paths(&[bbc]).articles;
    }
    let Ok(dir) = tempfile::tempdir() else {
        return Vec::new();
    };
    let _ = write_collection(dir.path(), 2000, GenFormat::Text, 9);
    load_paths(&[dir.path().to_path_buf()]).articles
}

fn search(c: &mut Criterion) {
    let articles = search_articles();
    let index = SearchIndex::build(&articles);
    eprintln!(
        "memory/search_index: {} articles, heap {} bytes",
        articles.len(),
        index.heap_size()
    );
    let corpus = Corpus::from_analyses(Arc::new(Vec::new()), Vec::new());
    let state = |_: usize| ArticleState::default();
    let ctx = Context {
        articles: &articles,
        corpus: Some(&corpus),
        state: &state,
    };
    let mut group = c.benchmark_group("search_keystroke");
    // Each prefix of a query as the user types it, as the TUI runs it per key.
    for typed in [
        "g",
        "go",
        "gov",
        "government",
        "government \"prime minister\"",
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(typed), typed, |b, typed| {
            b.iter(|| black_box(index.search(&Query::parse(typed, true), &ctx).len()));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("search_index_build");
    group.sample_size(10);
    group.bench_function("bbc_or_generated", |b| {
        b.iter(|| black_box(SearchIndex::build(&articles)));
    });
    group.finish();
}

/// The search index over the collection in `WARTA_BENCH_COLLECTION` (a folder, for instance
/// one made by `warta generate --count 100000`): its heap size, the resident memory it
/// added, and one build's time. Printed, since criterion measures time only; nothing runs
/// when the variable is unset.
fn search_index_size(_: &mut Criterion) {
    let Some(dir) = std::env::var_os("WARTA_BENCH_COLLECTION") else {
        return;
    };
    let report = load_all(Source::Paths(vec![PathBuf::from(dir)])).0;
    let before = rss();
    // Linux: restart the peak count at the current size, to see the build's own peak.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = std::time::Instant::now();
    let index = SearchIndex::build(&report.articles);
    let took = start.elapsed();
    let after = rss();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb * 1024);
    eprintln!(
        "memory/search_index: {} articles, heap {} bytes, resident growth {} bytes \
         (peak {} bytes while building), built in {:.2} s",
        report.articles.len(),
        index.heap_size(),
        after.saturating_sub(before),
        peak.saturating_sub(before),
        took.as_secs_f64()
    );
    black_box((report, index));
}

/// 100,000 articles: 2,000 generated ones repeated, each copy with its own title.
fn big_report() -> LoadReport {
    let Ok(dir) = tempfile::tempdir() else {
        return LoadReport::default();
    };
    let _ = write_collection(dir.path(), 2000, GenFormat::Mixed, 11);
    let base = load_all(Source::Paths(vec![dir.path().to_path_buf()])).0;
    let mut articles = Vec::with_capacity(100_000);
    for copy in 0..50 {
        for a in &base.articles {
            let mut a = a.clone();
            if copy > 0 {
                a.title = format!("{} ({copy})", a.title);
            }
            articles.push(a);
        }
    }
    LoadReport {
        articles,
        problems: Vec::new(),
    }
}

/// The reader over 100,000 articles at a terminal size, with its search index built. Its
/// commands are carried out at once: an opened article is analysed by the engine before
/// the key's frame is drawn, as the reader does before background analysis has started.
fn big_app(report: LoadReport, width: u16, height: u16) -> Headless {
    let keymap = Keymap::embedded().unwrap_or_default();
    let mut app = Headless::new(App::loading(keymap, Theme::colour()), engine());
    app.update(Message::Resize { width, height });
    app.load(report);
    app
}

fn key(code: crossterm::event::KeyCode) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)
}

/// Frame render and key press to rendered frame at 100,000 articles.
fn reader(c: &mut Criterion) {
    use crossterm::event::KeyCode;
    let report = big_report();
    if report.articles.is_empty() {
        return;
    }
    let mut app = big_app(report, 200, 60);
    // An article open in the reader, its names in the sidebar.
    app.handle_key(key(KeyCode::Enter));
    let mut group = c.benchmark_group("frame_render");
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        app.update(Message::Resize { width, height });
        let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
        group.bench_function(format!("{width}x{height}"), |b| {
            b.iter(|| {
                let _ = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
            });
        });
    }
    group.finish();

    app.update(Message::Resize {
        width: 120,
        height: 40,
    });
    let Ok(mut terminal) = Terminal::new(TestBackend::new(120, 40));
    let mut group = c.benchmark_group("key_to_frame_100k");
    group.sample_size(30);
    app.handle_key(key(KeyCode::Char('1')));
    group.bench_function("list_move", |b| {
        let mut down = true;
        b.iter(|| {
            // Down to the bottom and back, a row per key.
            if app.list().selected() == 0 {
                down = true;
            } else if app.list().selected() + 1 == app.articles().len() {
                down = false;
            }
            let code = if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            };
            app.handle_key(key(code));
            let _ = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
        });
    });
    app.handle_key(key(KeyCode::Char('g')));
    group.bench_function("open_article", |b| {
        // Each key opens the next article (its names found then, as on a first visit).
        b.iter(|| {
            app.handle_key(key(KeyCode::Char('1')));
            app.handle_key(key(KeyCode::Char('j')));
            app.handle_key(key(KeyCode::Enter));
            let _ = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
        });
    });
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Char('/')));
    for c in "kementeria".chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
    group.bench_function("search_keystroke", |b| {
        // One letter typed then erased: two keystrokes, two searches, two frames.
        b.iter(|| {
            app.handle_key(key(KeyCode::Char('n')));
            let _ = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
            app.handle_key(key(KeyCode::Backspace));
            let _ = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    memory,
    search_index_size,
    loading,
    analysis_cache,
    entity_index,
    search,
    reader
);
criterion_main!(benches);
