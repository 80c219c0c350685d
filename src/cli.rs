//! The command line: arguments (clap) and the non-interactive subcommands.
//!
//! `main` parses [`Cli`] and calls [`run`]; the TUI is started from here when no subcommand
//! is given. Every subcommand writes its results to stdout and each skipped input to stderr,
//! one line each.

use crate::article::{self, Article, LoadReport};
use crate::ner::{Engine, Lang};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// warta: a terminal news reader that follows the people and organizations in the news.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about, long_about = None)]
pub struct Cli {
    /// Files and folders of articles to open (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
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
    match cli.command {
        None => crate::tui::run(load(&cli.paths)),
        Some(Command::List(args)) => list(&args),
        Some(Command::Entities(args)) => entities(&args),
        Some(Command::Ner(args)) => crate::ner::tagger::cli_ner(&args),
        Some(Command::Eval(args)) => crate::ner::tagger::cli_eval(&args),
        Some(Command::Train(args)) => crate::ner::tagger::cli_train(&args),
    }
}

/// Load the given paths (or the bundled samples) and report every problem on stderr.
pub fn load(paths: &[PathBuf]) -> LoadReport {
    let report = if paths.is_empty() {
        article::load_samples()
    } else {
        article::load_paths(paths)
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for problem in &report.problems {
        let _ = writeln!(err, "warta: skipped {problem}");
    }
    report
}

fn exit_for(articles: &[Article]) -> ExitCode {
    if articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `warta list`.
fn list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let report = load(&args.paths);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for a in &report.articles {
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
fn entities(args: &EntitiesArgs) -> anyhow::Result<ExitCode> {
    let report = load(&args.paths);
    let engine = Engine::global();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for a in &report.articles {
        let analysis = engine.analyze(a);
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
    Ok(exit_for(&report.articles))
}
