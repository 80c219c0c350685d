//! The command line's arguments: the clap structs of `warta` and its subcommands.
//!
//! Only what the user types lives here; [`super::run`] turns it into library calls. Each
//! subcommand takes the options it uses and no others (so its `--help` lists only those):
//! the state options ([`StateArgs`]) and the file size limit ([`LoadArgs`]) belong to the
//! reader and the reading commands, `--config` to the reader and `warta config`. Written
//! before the subcommand (`warta --state S list`), they are still accepted, as before.

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
    /// Where reading state is kept.
    #[command(flatten)]
    pub state: StateArgs,
    /// The config file (default: warta/config.toml in the platform config folder).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// How files are read.
    #[command(flatten)]
    pub load: LoadArgs,
}

/// The reading-state options of the reader and the reading commands.
#[derive(Debug, Clone, Default, Args)]
pub struct StateArgs {
    /// The reading-state file (default: state.sqlite3 in the platform data folder). Its
    /// folder is created when the folder above it exists.
    #[arg(long, value_name = "PATH")]
    pub state: Option<PathBuf>,
    /// Remember nothing: no reading state is read or written.
    #[arg(long, conflicts_with = "state")]
    pub no_state: bool,
}

impl StateArgs {
    /// These options, with those written before the subcommand (`outer`) where these
    /// say nothing.
    pub fn or(&self, outer: &StateArgs) -> StateArgs {
        if self.state.is_some() || self.no_state {
            self.clone()
        } else {
            outer.clone()
        }
    }
}

/// How the reader and the reading commands read files.
#[derive(Debug, Clone, Default, Args)]
pub struct LoadArgs {
    /// Refuse files larger than this many megabytes without reading them (default 64).
    #[arg(long, value_name = "MB", value_parser = megabytes)]
    pub max_file_size: Option<u64>,
}

/// A size limit in megabytes: a whole number, at least 1 (a limit of 0 would refuse every
/// file).
fn megabytes(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("a limit of 0 MB would refuse every file; give 1 or more".to_string()),
        Ok(mb) => Ok(mb),
        Err(_) => Err(format!("{text:?} is not a whole number of megabytes")),
    }
}

impl LoadArgs {
    /// These options, with those written before the subcommand where these say nothing.
    pub fn or(&self, outer: &LoadArgs) -> LoadArgs {
        LoadArgs {
            max_file_size: self.max_file_size.or(outer.max_file_size),
        }
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
    /// Show the config file's location, print the default config, or print where the
    /// config and the state file are.
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
    #[arg(long, conflicts_with = "paths")]
    pub default: bool,
    /// Print the config file's and the state file's paths, one a line.
    #[arg(long)]
    pub paths: bool,
    /// The config file (default: warta/config.toml in the platform config folder).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The state file whose path `--paths` prints.
    #[command(flatten)]
    pub state: StateArgs,
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
    /// Where reading state (and the caches) are kept.
    #[command(flatten)]
    pub state: StateArgs,
    /// How files are read.
    #[command(flatten)]
    pub load: LoadArgs,
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
    /// Where reading state (and the caches) are kept.
    #[command(flatten)]
    pub state: StateArgs,
    /// How files are read.
    #[command(flatten)]
    pub load: LoadArgs,
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
    /// Only articles of this source: its name or its site's domain contains NAME
    /// (case- and accent-insensitive; `detik` matches `detikNews` and `news.detik.com`).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
    /// Where reading state (and the caches) are kept.
    #[command(flatten)]
    pub state: StateArgs,
    /// How files are read.
    #[command(flatten)]
    pub load: LoadArgs,
}

/// Arguments of `warta entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Print JSON lines instead of a readable listing.
    #[arg(long)]
    pub json: bool,
    /// Files and folders to read (the bundled samples when none are given).
    pub paths: Vec<PathBuf>,
    /// Where reading state (and the caches) are kept.
    #[command(flatten)]
    pub state: StateArgs,
    /// How files are read.
    #[command(flatten)]
    pub load: LoadArgs,
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

/// Where the subscriptions live (every subscription command takes these).
#[derive(Debug, Clone, Args)]
pub struct PathArgs {
    /// The urls file (default: warta/urls in the platform config folder, or $WARTA_URLS).
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// The feeds folder (default: warta/feeds in the platform data folder, or
    /// $WARTA_FEEDS).
    #[arg(long, value_name = "DIR")]
    pub feeds: Option<PathBuf>,
}

/// Arguments of `warta subscribe`.
#[derive(Debug, Args)]
pub struct SubscribeArgs {
    /// The feed's URL (http or https).
    pub url: String,
    /// Tags (`full-text` fetches each new item's page; `~Name` names the feed).
    pub tags: Vec<String>,
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}

/// Arguments of `warta unsubscribe`.
#[derive(Debug, Args)]
pub struct UnsubscribeArgs {
    /// The feed's URL.
    pub url: String,
    /// Keep the feed's items in the feeds folder.
    #[arg(long)]
    pub keep_items: bool,
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}

/// Arguments of `warta subscriptions`.
#[derive(Debug, Args)]
pub struct SubscriptionsArgs {
    /// Print JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print the urls file and the feeds folder instead.
    #[arg(long = "paths")]
    pub show_paths: bool,
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}

/// Arguments of `warta update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Update only these subscriptions (all when none are given).
    #[arg(value_name = "URL")]
    pub only: Vec<String>,
    /// Ask feeds that are backing off after failures too (a server's Retry-After is
    /// still respected).
    #[arg(long)]
    pub force: bool,
    /// Feeds fetched at once.
    #[arg(long, default_value_t = 8)]
    pub jobs: usize,
    /// Longest time for one response, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Drop items no longer in their feed after this many days.
    #[arg(long, value_name = "DAYS")]
    pub keep_days: Option<u32>,
    /// Keep at most this many items per feed (items still in the feed always stay).
    #[arg(long, value_name = "N")]
    pub keep_items: Option<usize>,
    /// Print only the summary, not a line per feed.
    #[arg(long, short)]
    pub quiet: bool,
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}

/// Arguments of `warta import-opml`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The OPML file.
    pub file: PathBuf,
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}

/// Arguments of `warta export-opml`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the subscriptions live.
    #[command(flatten)]
    pub paths: PathArgs,
}
