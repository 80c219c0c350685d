//! Entity engine throughput: tokenizing, tagging, whole-article analysis, and model loading.
//!
//! Uses English (BBC) and Indonesian (IndoSum) news from the shared corpora beside the
//! repository when present (about 1 MB of article text of each), otherwise a small text
//! written for this benchmark. Each group reports bytes per second for the tokenizer alone
//! (a baseline measured in the same run), for tokenizing and tagging (`mentions`), and for
//! [`Engine::analyze`] end to end (language guess, tagging of title and body, resolution),
//! plus tokens per second for `analyze`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use warta::article::{self, Article, Block, Format, Origin};
use warta::ner::tagger::{Compiled, EN_MODEL, ID_MODEL};
use warta::ner::{Engine, Lang, tokenize};

const FALLBACK: &str = "The finance minister said on Tuesday that the central bank would keep \
its rate unchanged. Speaking in London, Jane Miller of Northwind Capital told reporters the \
decision was expected. Shares in Contoso Ltd rose 3.5% after the company announced a new \
factory in Ohio.\n\nIn Geneva, the World Health Organization warned that cases were rising.";

/// About this many bytes of body text per corpus.
const BUDGET: usize = 1 << 20;

fn shared(sub: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora")).join(sub)
}

/// Every `stride`-th article until the budget is reached, so that all categories are used.
fn sample(articles: Vec<Article>) -> Vec<Article> {
    let total: usize = articles.iter().map(|a| a.body_text().len()).sum();
    let stride = (total / BUDGET).max(1);
    let mut out = Vec::new();
    let mut bytes = 0;
    for a in articles.into_iter().step_by(stride) {
        if bytes >= BUDGET {
            break;
        }
        bytes += a.body_text().len();
        out.push(a);
    }
    out
}

fn fallback() -> Vec<Article> {
    eprintln!("shared corpus not found; using the built-in sample text");
    let origin = Origin {
        path: PathBuf::from("bench"),
        index: 0,
        format: Format::Text,
    };
    let mut a = Article::new("Central bank keeps its rate", origin);
    a.body = FALLBACK
        .repeat(20)
        .split("\n\n")
        .map(|p| Block::Paragraph { text: p.into() })
        .collect();
    vec![a]
}

/// IndoSum lines (`paragraphs`: lists of sentences of tokens) as articles, for when the
/// loaders do not read JSON Lines.
fn indosum_jsonl(path: &Path) -> Vec<Article> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(paras) = v.get("paragraphs").and_then(|p| p.as_array()) else {
            continue;
        };
        let join = |sent: &serde_json::Value| -> String {
            sent.as_array()
                .map(|toks| {
                    toks.iter()
                        .filter_map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
        };
        let body: Vec<Block> = paras
            .iter()
            .filter_map(|p| p.as_array())
            .map(|sents| Block::Paragraph {
                text: sents.iter().map(join).collect::<Vec<_>>().join(" "),
            })
            .collect();
        let title = body
            .first()
            .map(|b| b.text().split(" . ").next().unwrap_or("").to_string())
            .unwrap_or_default();
        let origin = Origin {
            path: path.to_path_buf(),
            index,
            format: Format::Jsonl,
        };
        let mut a = Article::new(title, origin);
        a.body = body.into();
        out.push(a);
    }
    out
}

fn load(sub: &str) -> Vec<Article> {
    let dir = shared(sub);
    if !dir.is_dir() {
        return fallback();
    }
    let mut articles = article::load_paths(std::slice::from_ref(&dir)).articles;
    if articles.is_empty() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        articles = files.iter().flat_map(|p| indosum_jsonl(p)).collect();
    }
    if articles.is_empty() {
        return fallback();
    }
    sample(articles)
}

fn bench_corpus(c: &mut Criterion, name: &str, lang: Lang) {
    let articles = load(name);
    let engine = Engine::global();
    let texts: Vec<String> = articles.iter().map(Article::body_text).collect();
    let bytes: u64 = articles
        .iter()
        .map(|a| (a.title.len() + a.body_text().len()) as u64)
        .sum();
    let body_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let tokens: u64 = articles
        .iter()
        .map(|a| {
            (tokenize::tokenize(&a.title).len() + tokenize::tokenize(&a.body_text()).len()) as u64
        })
        .sum();
    eprintln!(
        "{name}: {} articles, {bytes} bytes, {tokens} tokens",
        articles.len()
    );
    let _ = engine.analyze(&articles[0]);
    let mut g = c.benchmark_group(name.to_string());
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(8));
    g.throughput(Throughput::Bytes(body_bytes));
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tokenize::tokenize(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("mentions", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| engine.tagger().mentions(black_box(t), lang).len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| engine.analyze(black_box(a)).entities.len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Elements(tokens));
    g.bench_function("analyze_tokens", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| engine.analyze(black_box(a)).entities.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_articles(c: &mut Criterion) {
    bench_corpus(c, "bbc", Lang::En);
    bench_corpus(c, "indosum", Lang::Id);
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

criterion_group!(benches, bench_articles, bench_load);
criterion_main!(benches);
