//! The command line: arguments (clap) and the non-interactive subcommands.
//!
//! `main` parses [`Cli`] and calls [`run`]; the TUI is started from here when no subcommand
//! is given. Every subcommand writes its results to stdout and each skipped input to stderr,
//! one line each.

mod subscribe;

pub use subscribe::{
    ExportArgs, ImportArgs, PathArgs, SubscribeArgs, SubscriptionsArgs, UnsubscribeArgs, UpdateArgs,
};

use crate::article::{Article, LoadReport};
use crate::corpus::{Corpus, EntityId};
use crate::ner::EntityKind;
use crate::ner::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// warta: a terminal news reader that follows the people and organizations in the news.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about, long_about = None)]
pub struct Cli {
    /// Files and folders of articles to open (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The reading-state file (default: state.sqlite3 in the platform data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub state: Option<PathBuf>,
    /// Remember nothing: no reading state is read or written.
    #[arg(long, global = true, conflicts_with = "state")]
    pub no_state: bool,
    /// The config file (default: warta/config.toml in the platform config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Refuse files larger than this many megabytes without reading them (default 64).
    #[arg(long, global = true, value_name = "MB")]
    pub max_file_size: Option<u64>,
}

impl Cli {
    /// The reading-state store the flags ask for: none with `--no-state`, else the file
    /// given with `--state` or the default one.
    pub fn store(&self) -> anyhow::Result<Option<crate::store::Store>> {
        use crate::store::Store;
        if self.no_state {
            return Ok(None);
        }
        let path = match &self.state {
            Some(p) => p.clone(),
            None => match Store::default_path() {
                Some(p) => p,
                None => return Ok(Some(Store::in_memory()?)),
            },
        };
        Ok(Some(Store::open(&path)?))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one line per article.
    List(ListArgs),
    /// Print the people, organizations and places of each article.
    Entities(EntitiesArgs),
    /// Tag a CoNLL file (token in the first column) and print `token<TAB>tag` lines.
    Ner(NerArgs),
    /// Tag a gold CoNLL file and print per-type precision, recall and F1.
    Eval(EvalArgs),
    /// Train a tagging model from gold CoNLL files.
    Train(TrainArgs),
    /// Print an entity's page: its articles with snippets, and who appears with it.
    Entity(EntityArgs),
    /// Export the co-mention graph of the collection's people and organizations.
    Graph(GraphArgs),
    /// Write a synthetic collection of articles (for benchmarks and tests).
    Generate(GenerateArgs),
    /// Show the config file's location, or print the default config.
    Config(ConfigArgs),
    /// Subscribe to a feed: add its URL (and tags) to the urls file.
    Subscribe(SubscribeArgs),
    /// Unsubscribe from a feed (its kept items are removed unless --keep-items).
    Unsubscribe(UnsubscribeArgs),
    /// List the subscriptions: title, URL, items kept, last fetch and error.
    Subscriptions(SubscriptionsArgs),
    /// Fetch every subscription and keep the new items in the feeds folder.
    Update(UpdateArgs),
    /// Subscribe to every feed of an OPML file (folders and categories become tags).
    ImportOpml(ImportArgs),
    /// Print the subscriptions as OPML.
    ExportOpml(ExportArgs),
}

/// Arguments of `warta config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the complete default config, commented.
    #[arg(long)]
    pub default: bool,
}

/// Format of `warta generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateFormat {
    /// Scraped text files.
    Txt,
    /// JSON lines.
    Jsonl,
    /// JSON arrays.
    Json,
    /// CSV.
    Csv,
    /// Markdown with front matter.
    Md,
    /// All of them.
    Mixed,
}

/// Arguments of `warta generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    pub count: usize,
    /// File format.
    #[arg(long, value_enum, default_value = "mixed")]
    pub format: GenerateFormat,
    /// Random seed (the same seed writes the same collection).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write into (created if needed).
    pub out: PathBuf,
}

/// Arguments of `warta entity`.
#[derive(Debug, Args)]
pub struct EntityArgs {
    /// The entity's name or one of its aliases (case- and punctuation-insensitive).
    pub name: String,
    /// Print JSON instead of a readable page.
    #[arg(long)]
    pub json: bool,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
}

/// Output format of `warta graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
    /// Graphviz DOT.
    Dot,
}

/// Arguments of `warta graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: GraphFormat,
    /// Leave out entities mentioned in fewer articles than this.
    #[arg(long, default_value_t = 1)]
    pub min_articles: usize,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
}

/// Arguments of `warta list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Include the body as plain text (JSON only), paragraphs separated by a blank line.
    #[arg(long)]
    pub body: bool,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
}

/// Arguments of `warta entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Print JSON lines instead of a readable listing.
    #[arg(long)]
    pub json: bool,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
}

/// Which language model to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// Indonesian.
    Id,
    /// English.
    En,
    /// Guess per document from its words.
    Auto,
}

impl LangChoice {
    /// The fixed language, or `None` for a per-document guess.
    pub fn fixed(self) -> Option<Lang> {
        match self {
            LangChoice::Id => Some(Lang::Id),
            LangChoice::En => Some(Lang::En),
            LangChoice::Auto => None,
        }
    }
}

/// Arguments of `warta ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// Read and write CoNLL (the only format for now; accepted for clarity).
    #[arg(long)]
    pub conll: bool,
    /// Language of the input.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangChoice,
    /// Input file, or `-` for standard input.
    pub file: PathBuf,
}

/// Arguments of `warta eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Language of the gold file.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangChoice,
    /// Gold file: `token<TAB>tag` lines in IOB2.
    pub gold: PathBuf,
}

/// Arguments of `warta train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The language of the model.
    #[arg(long, value_enum)]
    pub lang: LangChoice,
    /// Gold training files.
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Gold development files, for choosing the number of epochs.
    #[arg(long, num_args = 1..)]
    pub dev: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Name lists for the gazetteer features (type from the file name, see `warta train`).
    #[arg(long, num_args = 1..)]
    pub gazetteer: Vec<PathBuf>,
    /// Most training epochs.
    #[arg(long, default_value_t = 30)]
    pub epochs: usize,
    /// Stop after this many epochs without a better dev score.
    #[arg(long, default_value_t = 5)]
    pub patience: usize,
    /// Seed of shuffling and augmentation.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fraction of sentences copied in Title Case or ALL CAPS.
    #[arg(long, default_value_t = 0.15)]
    pub augment: f64,
    /// Drop weights smaller than this fraction of the largest.
    #[arg(long, default_value_t = 0.002)]
    pub prune: f32,
}

/// Run the parsed command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(mb) = cli.max_file_size {
        crate::article::walk::set_max_file_bytes(mb.saturating_mul(1024 * 1024));
    }
    match &cli.command {
        None => {
            let options = crate::tui::Options {
                store: cli.store()?,
                config: cli.config.clone(),
            };
            let source = if cli.paths.is_empty() {
                crate::corpus::load::Source::Samples
            } else {
                crate::corpus::load::Source::Paths(cli.paths.clone())
            };
            crate::tui::run_loading(source, options)
        }
        Some(Command::List(args)) => list(args, cli.store()?.as_ref()),
        Some(Command::Config(args)) => config(args, cli.config.as_deref()),
        Some(Command::Entities(args)) => entities(args, cli.store()?.as_ref()),
        Some(Command::Ner(args)) => crate::ner::tagger::cli_ner(args),
        Some(Command::Eval(args)) => crate::ner::tagger::cli_eval(args),
        Some(Command::Train(args)) => crate::ner::tagger::cli_train(args),
        Some(Command::Entity(args)) => entity_page(args, cli.store()?.as_ref()),
        Some(Command::Graph(args)) => graph(args, cli.store()?.as_ref()),
        Some(Command::Generate(args)) => generate(args),
        Some(Command::Subscribe(args)) => subscribe::subscribe(args),
        Some(Command::Unsubscribe(args)) => subscribe::unsubscribe(args),
        Some(Command::Subscriptions(args)) => subscribe::subscriptions(args),
        Some(Command::Update(args)) => subscribe::update(args),
        Some(Command::ImportOpml(args)) => subscribe::import_opml(args),
        Some(Command::ExportOpml(args)) => subscribe::export_opml(args),
    }
}

/// `warta config`: the default config (`--default`), or where the config file is.
fn config(args: &ConfigArgs, path: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    if args.default {
        print!("{}", crate::tui::config::default_text());
        return Ok(ExitCode::SUCCESS);
    }
    let path = path
        .map(std::path::Path::to_path_buf)
        .or_else(crate::tui::config::default_path);
    match path {
        Some(path) => {
            let state = if path.exists() {
                ""
            } else {
                " (not created yet)"
            };
            println!("{}{state}", path.display());
            if path.exists() {
                let theme = crate::tui::Theme::colour();
                for problem in crate::tui::config::load(&path, true, theme, false).problems {
                    eprintln!("warta: {problem}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("warta: this platform has no config folder; use --config PATH");
            Ok(ExitCode::from(1))
        }
    }
}

/// Load the given paths (or the bundled samples) and report every problem on stderr.
pub fn load(paths: &[PathBuf]) -> LoadReport {
    load_keyed(paths, None).0
}

/// [`load`], with each article's content key; unchanged files come from the parsed-file
/// cache of the state file when one is open.
fn load_keyed(paths: &[PathBuf], store: Option<&crate::store::Store>) -> (LoadReport, Vec<String>) {
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
fn list(args: &ListArgs, store: Option<&crate::store::Store>) -> anyhow::Result<ExitCode> {
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
    for (a, key) in report.articles.iter().zip(&keys) {
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
            });
            let state = states.get(key).copied().unwrap_or_default();
            line["read"] = json!(state.read);
            line["starred"] = json!(state.starred);
            if args.body {
                line["body"] = json!(a.body_text());
            }
            writeln!(out, "{line}")?;
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
    Ok(exit_for(&report.articles))
}

/// `warta entities`.
fn entities(args: &EntitiesArgs, store: Option<&crate::store::Store>) -> anyhow::Result<ExitCode> {
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
            writeln!(out, "{line}")?;
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
fn load_corpus(paths: &[PathBuf], store: Option<&crate::store::Store>) -> Corpus {
    let (report, keys) = load_keyed(paths, store);
    let cache = store.and_then(|s| {
        s.analysis_cache(&crate::corpus::cache::engine_version())
            .ok()
            .flatten()
    });
    Corpus::analyze_cached(Arc::new(report.articles), Arc::new(keys), cache)
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
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
            json!({"name": o.name, "kind": kind_name(o.kind), "articles": n})
        })
        .collect();
    json!({
        "name": e.name,
        "kind": kind_name(e.kind),
        "aliases": e.aliases,
        "roles": e.roles,
        "article_count": e.article_count(),
        "mentions": e.mentions,
        "articles": articles,
        "co_mentions": co,
    })
}

/// `warta entity NAME`.
fn entity_page(args: &EntityArgs, store: Option<&crate::store::Store>) -> anyhow::Result<ExitCode> {
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
            writeln!(out, "{page}")?;
            continue;
        }
        let e = &corpus.index.entities[id];
        let clean = crate::text::sanitize_line;
        writeln!(out, "{} ({})", clean(&e.name), kind_name(e.kind))?;
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
fn graph(args: &GraphArgs, store: Option<&crate::store::Store>) -> anyhow::Result<ExitCode> {
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
                        kind: kind_name(e.kind),
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
            serde_json::to_writer(&mut out, &Graph { edges, nodes })?;
            writeln!(out)?;
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
fn generate(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
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
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
