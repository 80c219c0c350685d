//! warta: a terminal news reader that follows the people and organizations in the news.
//!
//! - [`article`]: the article model, one loader per file format, format sniffing, the
//!   bundled samples.
//! - [`ner`]: the entity engine (tokenizer, language guess, tagger, document resolution).
//! - [`corpus`]: the loaded collection, background analysis, the entity index across
//!   articles.
//! - [`search`]: the query language, the inverted index and ranking.
//! - [`store`]: persistent reading state (read, starred, scroll) in SQLite.
//! - [`subscribe`]: feeds fetched over HTTP and kept as files (urls file, OPML, update).
//! - [`text`]: helpers below the loaders and the engine: removing terminal controls from
//!   untrusted text, the language guess, word lists (the known places).
//! - [`tui`]: the terminal interface (state, actions, keymap, views).
//! - [`cli`]: the command line and the non-interactive subcommands.
//!
//! Everything except [`tui`] is free of terminal code, so tests and benchmarks drive it
//! directly.

pub mod article;
pub mod cli;
pub mod corpus;
pub mod ner;
pub mod search;
pub mod store;
pub mod subscribe;
pub mod text;
pub mod tui;
