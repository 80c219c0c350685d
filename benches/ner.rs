//! Entity engine throughput: tokenizing and tagging article text, and model loading.
//!
//! Uses the BBC news texts from the shared corpora beside the repository when present
//! (about 1 MB of them), otherwise a small text written for this benchmark.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use warta::ner::Lang;
use warta::ner::tagger::{Compiled, EN_MODEL, ID_MODEL, Tagger};
use warta::ner::tokenize;

const FALLBACK: &str = "The finance minister said on Tuesday that the central bank would keep \
its rate unchanged. Speaking in London, Jane Miller of Northwind Capital told reporters the \
decision was expected. Shares in Contoso Ltd rose 3.5% after the company announced a new \
factory in Ohio.\n\nIn Geneva, the World Health Organization warned that cases were rising.";

fn corpus() -> Vec<String> {
    let root = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/bbc"
    ));
    let mut files = Vec::new();
    if let Ok(cats) = std::fs::read_dir(root) {
        let mut cats: Vec<_> = cats
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        cats.sort();
        for c in cats {
            let Ok(entries) = std::fs::read_dir(&c) else {
                continue;
            };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            files.extend(paths.into_iter().take(100));
        }
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    if texts.is_empty() {
        eprintln!("shared BBC corpus not found; using the built-in sample text");
        vec![FALLBACK.repeat(20)]
    } else {
        texts
    }
}

fn bench_tagging(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokens: usize = texts.iter().map(|t| tokenize::tokenize(t).len()).sum();
    let tagger = Tagger::embedded();
    let _ = tagger.model(Lang::En);
    let mut g = c.benchmark_group("ner");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tokenize::tokenize(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("mentions_bytes", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tagger.mentions(black_box(t), Lang::En).len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("mentions_tokens", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tagger.mentions(black_box(t), Lang::En).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("en_model", |b| {
        b.iter(|| Compiled::from_bytes(black_box(EN_MODEL)).is_ok())
    });
    g.bench_function("id_model", |b| {
        b.iter(|| Compiled::from_bytes(black_box(ID_MODEL)).is_ok())
    });
    g.finish();
}

criterion_group!(benches, bench_tagging, bench_load);
criterion_main!(benches);
