//! Collection-level costs: loading per format, the entity index, search keystrokes.
//!
//! Synthetic collections come from `warta::corpus::generate`; the search benchmark uses
//! `../shared/corpora/bbc` when it exists (a generated collection otherwise).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use warta::article::{Article, load_paths};
use warta::corpus::generate::{GenFormat, write_collection};
use warta::corpus::{Corpus, EntityIndex};
use warta::ner::{Analysis, Entity, EntityKind, Lang};
use warta::search::{Context, Query, SearchIndex};
use warta::store::ArticleState;

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
    }
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

criterion_group!(benches, loading, entity_index, search);
criterion_main!(benches);
