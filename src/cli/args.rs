//! The command line's arguments: the clap structs of `warta` and its subcommands.
//!
//! Only what the user types lives here; [`super::run`] turns it into library calls.

use crate::ner::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
