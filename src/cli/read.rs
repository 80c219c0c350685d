//! The reading commands: `list`, `entities`, `entity`, `graph`, `generate` and `config`.
//!
//! Each loads the collection (through the parsed-file and analysis caches of the state
//! file when one is open), prints to stdout and reports skipped inputs on stderr.

use super::args::{
    ConfigArgs, EntitiesArgs, EntityArgs, GenerateArgs, GenerateFormat, GraphArgs, GraphFormat,
    ListArgs, StateArgs,
};
use super::json;
use crate::article::{Article, LoadReport};
use crate::corpus::{Corpus, EntityId};
use crate::ner::EntityKind;
use crate::store::Store;
use serde_json::json;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// `warta config`: the default config (`--default`), or where the config file is (its
/// problems on stderr).
pub(super) fn config(
    args: &ConfigArgs,
    path: Option<&Path>,
    explicit: bool,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.default {
        out.write_all(crate::tui::config::default_text().as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    match path {
        Some(path) => {
            let state = if path.exists() {
                ""
            } else {
                " (not created yet)"
            };
            writeln!(
                out,
                "{}{state}",
                crate::text::sanitize_line(&path.to_string_lossy())
            )?;
            out.flush()?;
            if path.exists() {
                super::report_config_problems(path, explicit);
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("warta: this platform has no config folder; use --config PATH");
            Ok(ExitCode::from(1))
        }
    }
}

/// `warta config --paths`: the config file's and the state file's paths, one a line
/// (`config PATH`, `state PATH`), each marked when the file is not there yet; nothing is
/// created. The config file's problems go to stderr.
pub(super) fn paths(config: Option<&Path>, state: &StateArgs) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let describe = |path: Option<&Path>, none: &str| match path {
        Some(path) if path.exists() => path.display().to_string(),
        Some(path) => format!("{} (not created yet)", path.display()),
        None => none.to_string(),
    };
    writeln!(
        out,
        "config {}",
        describe(config, "none (this platform has no config folder)")
    )?;
    let none = if state.no_state {
        "none (--no-state)"
    } else {
        "none (this platform has no data folder; state is kept in memory)"
    };
    writeln!(out, "state {}", describe(state.path().as_deref(), none))?;
    out.flush()?;
    if let Some(path) = config.filter(|p| p.exists()) {
        super::report_config_problems(path, true);
    }
    Ok(ExitCode::SUCCESS)
}

/// Load the given paths (or the bundled samples), each article with its content key, and
/// report every problem on stderr; unchanged files come from the parsed-file cache of the
/// state file when one is open.
fn load_keyed(paths: &[PathBuf], store: Option<&Store>) -> (LoadReport, Vec<String>) {
    use crate::corpus::load::{Source, load_all_cached};
    let (report, keys) = if paths.is_empty() {
        load_all_cached(Source::Samples, None)
    } else {
        let cache = store.and_then(|s| {
            s.file_cache(&crate::corpus::cache::loader_version())
                .ok()
                .flatten()
        });
        load_all_cached(Source::Paths(paths.to_vec()), cache)
    };

    let stderr = io::stderr();
    let mut err = stderr.lock();
    for problem in &report.problems {
        let _ = writeln!(err, "warta: skipped {problem}");
    }
    (report, keys)
}

fn exit_for(articles: &[Article]) -> ExitCode {
    if articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `warta list`.
pub(super) fn list(args: &ListArgs, store: Option<&Store>) -> anyhow::Result<ExitCode> {
    let (report, keys) = load_keyed(&args.paths, store);
    let states = match store {
        Some(store) => {
            if let Some(notice) = store.notice() {
                eprintln!("warta: {notice}");
            }
            store.all()?
        }
        None => Default::default(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let source = args.source.as_deref().map(crate::search::fold);
    let mut listed = 0;
    for (a, key) in report.articles.iter().zip(&keys) {
        if let Some(source) = &source
            && !crate::search::source_matches(a, source)
        {
            continue;
        }
        listed += 1;
        if args.json {
            let mut line = json!({
                "source": a.origin.path.to_string_lossy(),
                "index": a.origin.index,
                "format": a.origin.format.name(),
                "title": a.title,
                "lead": a.lead,
                "authors": a.authors,
                "published": a.published.map(|p| p.to_string()),
                "source_name": a.source_name,
                "dateline": a.dateline,
                "url": a.url,
                "language": a.language,
                "tags": a.tags,
                "links": a.links,
            });
            if a.published.is_some() {
                line["published_from"] = json!(a.published_from.name());
            }
            let state = states.get(key).copied().unwrap_or_default();
            line["read"] = json!(state.read);
            line["starred"] = json!(state.starred);
            if args.body {
                line["body"] = json!(a.body_text());
            }
            json::write_line(&mut out, &line)?;
        } else {
            let date = a.published.map(|p| p.to_string()).unwrap_or_default();
            let date = date.get(..10).unwrap_or(&date);
            writeln!(
                out,
                "{:<10}  {:<16}  {}",
                date,
                crate::text::sanitize_line(a.source_name.as_deref().unwrap_or("")),
                crate::text::sanitize_line(&a.title)
            )?;
        }
    }
    out.flush()?;
    if let Some(name) = &args.source
        && listed == 0
        && !report.articles.is_empty()
    {
        eprintln!(
            "warta: no article of a source named {:?} among {} articles",
            crate::text::sanitize_line(name),
            report.articles.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(exit_for(&report.articles))
}

/// `warta entities`.
pub(super) fn entities(args: &EntitiesArgs, store: Option<&Store>) -> anyhow::Result<ExitCode> {
    let corpus = load_corpus(&args.paths, store);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (a, analysis) in corpus.articles.iter().zip(corpus.analyses.iter()) {
        if args.json {
            let line = json!({
                "source": a.origin.path.to_string_lossy(),
                "index": a.origin.index,
                "title": a.title,
                "language": analysis.language.code(),
                "entities": analysis.entities,
            });
            json::write_line(&mut out, &line)?;
        } else {
            writeln!(out, "{}", crate::text::sanitize_line(&a.title))?;
            for e in &analysis.entities {
                let role = e
                    .role
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                let aliases = if e.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" aka {}", e.aliases.join(", "))
                };
                writeln!(
                    out,
                    "  {:<12} {:>3}x  {}{role}{aliases}",
                    format!("{:?}", e.kind).to_lowercase(),
                    e.mentions,
                    crate::text::sanitize_line(&e.name)
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_for(&corpus.articles))
}

/// Load the paths and analyse them into a corpus (all cores; waits), with the analysis
/// cache of the state file when one is open.
fn load_corpus(paths: &[PathBuf], store: Option<&Store>) -> Corpus {
    let (report, keys) = load_keyed(paths, store);
    let cache = store.and_then(|s| {
        s.analysis_cache(&crate::corpus::cache::engine_version())
            .ok()
            .flatten()
    });
    let corpus = Corpus::analyze_cached(Arc::new(report.articles), Arc::new(keys), cache);
    super::report_model_failures();
    corpus
}

/// The JSON form of an entity page.
fn entity_page_json(corpus: &Corpus, id: EntityId) -> serde_json::Value {
    let e = &corpus.index.entities[id];
    let articles: Vec<serde_json::Value> = corpus
        .articles_of(id)
        .iter()
        .filter_map(|occ| {
            let a = corpus.articles.get(occ.article)?;
            let analysis = corpus.analysis(occ.article)?;
            let local = analysis.entities.get(occ.local)?;
            let body = a.body_text();
            let quotes = if e.kind == EntityKind::Person {
                crate::ner::quotes::quotes_of(&body, &local.spans)
            } else {
                Vec::new()
            };
            Some(json!({
                "source": a.origin.path.to_string_lossy(),
                "index": a.origin.index,
                "title": a.title,
                "published": a.published.map(|p| p.to_string()),
                "mentions": local.mentions,
                "snippet": crate::corpus::first_mention_snippet(a, &body, local, 100),
                "quotes": quotes.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
            }))
        })
        .collect();
    let co: Vec<serde_json::Value> = corpus
        .index
        .co_mentions(id)
        .into_iter()
        .filter(|(other, _)| corpus.index.entities[*other].kind != EntityKind::Place)
        .take(20)
        .map(|(other, n)| {
            let o = &corpus.index.entities[other];
            json!({"name": o.name, "kind": o.kind.name(), "articles": n})
        })
        .collect();
    json!({
        "name": e.name,
        "kind": e.kind.name(),
        "aliases": e.aliases,
        "roles": e.roles,
        "article_count": e.article_count(),
        "mentions": e.mentions,
        "articles": articles,
        "co_mentions": co,
    })
}

/// `warta entity NAME`.
pub(super) fn entity_page(args: &EntityArgs, store: Option<&Store>) -> anyhow::Result<ExitCode> {
    let corpus = load_corpus(&args.paths, store);
    let ids = corpus.index.find(&args.name);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if ids.is_empty() {
        eprintln!(
            "warta: no entity named {:?} in {} articles",
            crate::text::sanitize_line(&args.name),
            corpus.articles.len()
        );
        return Ok(ExitCode::from(1));
    }
    for id in ids {
        let page = entity_page_json(&corpus, id);
        if args.json {
            json::write_line(&mut out, &page)?;
            continue;
        }
        let e = &corpus.index.entities[id];
        let clean = crate::text::sanitize_line;
        writeln!(out, "{} ({})", clean(&e.name), e.kind.name())?;
        if !e.roles.is_empty() {
            writeln!(out, "  roles:    {}", clean(&e.roles.join("; ")))?;
        }
        if !e.aliases.is_empty() {
            writeln!(out, "  aliases:  {}", clean(&e.aliases.join(", ")))?;
        }
        writeln!(
            out,
            "  {} articles, {} mentions\n",
            e.article_count(),
            e.mentions
        )?;
        writeln!(out, "Articles")?;
        for a in page["articles"].as_array().into_iter().flatten() {
            let date = a["published"].as_str().unwrap_or("");
            writeln!(
                out,
                "  {:<10}  {}",
                date.get(..10).unwrap_or(date),
                clean(a["title"].as_str().unwrap_or(""))
            )?;
            writeln!(
                out,
                "              {}",
                clean(a["snippet"].as_str().unwrap_or(""))
            )?;
            for q in a["quotes"].as_array().into_iter().flatten() {
                writeln!(
                    out,
                    "              \u{201c}{}\u{201d}",
                    clean(q.as_str().unwrap_or(""))
                )?;
            }
        }
        writeln!(out, "\nMentioned with")?;
        for c in page["co_mentions"].as_array().into_iter().flatten() {
            writeln!(
                out,
                "  {:>3}  {} ({})",
                c["articles"],
                clean(c["name"].as_str().unwrap_or("")),
                c["kind"].as_str().unwrap_or("")
            )?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `warta graph`.
pub(super) fn graph(args: &GraphArgs, store: Option<&Store>) -> anyhow::Result<ExitCode> {
    let corpus = load_corpus(&args.paths, store);
    let index = &corpus.index;
    let keep = |id: EntityId| {
        let e = &index.entities[id];
        e.kind != EntityKind::Place && e.article_count() >= args.min_articles
    };
    let nodes: Vec<EntityId> = (0..index.entities.len()).filter(|&id| keep(id)).collect();
    let edges: Vec<(EntityId, EntityId, usize)> = index
        .edges()
        .into_iter()
        .filter(|&(a, b, _)| keep(a) && keep(b))
        .collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        GraphFormat::Json => {
            // Written as it is serialized (a graph of a large collection has hundreds of
            // thousands of edges); fields in sorted order, as JSON objects print.
            #[derive(serde::Serialize)]
            struct Node<'a> {
                articles: usize,
                id: EntityId,
                kind: &'static str,
                mentions: usize,
                name: &'a str,
            }
            #[derive(serde::Serialize)]
            struct Edge {
                count: usize,
                source: EntityId,
                target: EntityId,
            }
            #[derive(serde::Serialize)]
            struct Graph<'a> {
                edges: Vec<Edge>,
                nodes: Vec<Node<'a>>,
            }
            let nodes = nodes
                .iter()
                .map(|&id| {
                    let e = &index.entities[id];
                    Node {
                        articles: e.article_count(),
                        id,
                        kind: e.kind.name(),
                        mentions: e.mentions,
                        name: &e.name,
                    }
                })
                .collect();
            let edges = edges
                .iter()
                .map(|&(source, target, count)| Edge {
                    count,
                    source,
                    target,
                })
                .collect();
            json::write_line(&mut out, &Graph { edges, nodes })?;
        }
        GraphFormat::Dot => {
            writeln!(out, "graph warta {{")?;
            for &id in &nodes {
                let e = &index.entities[id];
                let shape = if e.kind == EntityKind::Person {
                    "ellipse"
                } else {
                    "box"
                };
                writeln!(
                    out,
                    "  n{id} [label={}, shape={shape}, articles={}];",
                    dot_string(&e.name),
                    e.article_count()
                )?;
            }
            for (a, b, n) in &edges {
                writeln!(out, "  n{a} -- n{b} [weight={n}, label={n}];")?;
            }
            writeln!(out, "}}")?;
        }
    }
    out.flush()?;
    Ok(exit_for(&corpus.articles))
}

/// A DOT string literal.
fn dot_string(s: &str) -> String {
    let clean = crate::text::sanitize_line(s);
    format!("\"{}\"", clean.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `warta generate`.
pub(super) fn generate(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    use crate::corpus::generate::{GenFormat, write_collection};
    let format = match args.format {
        GenerateFormat::Txt => GenFormat::Text,
        GenerateFormat::Jsonl => GenFormat::Jsonl,
        GenerateFormat::Json => GenFormat::Json,
        GenerateFormat::Csv => GenFormat::Csv,
        GenerateFormat::Md => GenFormat::Markdown,
        GenerateFormat::Mixed => GenFormat::Mixed,
    };
    let stats = write_collection(&args.out, args.count, format, args.seed)?;
    eprintln!(
        "warta: wrote {} articles in {} files ({:.1} MB) to {}",
        stats.articles,
        stats.files,
        stats.bytes as f64 / 1e6,
        crate::text::sanitize_line(&args.out.to_string_lossy())
    );
    Ok(ExitCode::SUCCESS)
}
