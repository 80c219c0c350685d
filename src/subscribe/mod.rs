//! Subscriptions: feeds warta fetches itself and keeps as files of an ordinary collection.
//!
//! - [`urls`]: the `urls` file in the config folder (newsboat's shape).
//! - [`opml`]: OPML import and export.
//! - [`fetch`]: HTTP with limits (timeouts, size, redirects checked hop by hop).
//! - [`storage`]: the feeds folder, one JSON Feed file per subscription, written
//!   atomically, merged by guid, link or title and date.
//! - [`fulltext`]: an item's page fetched once and its article extracted.
//! - [`update`]: fetching every subscription at once, with progress events; runs on a
//!   thread of its own for the reader.
//!
//! The feeds folder is a collection like any other: `warta list FOLDER` and the reader
//! load it with the usual loaders, which clean fetched text as they clean files.

pub mod fetch;
pub mod fulltext;
pub mod opml;
pub mod storage;
pub mod update;
pub mod urls;

pub use update::{
    FeedReport, Outcome, UpdateEvent, UpdateHandle, UpdateOptions, UpdateSummary, run, spawn,
};
pub use urls::{Subscription, UrlsFile};

use std::path::{Path, PathBuf};
use storage::FeedStore;

/// Environment variable naming the urls file (over the default; a flag is over both).
pub const URLS_ENV: &str = "WARTA_URLS";
/// Environment variable naming the feeds folder.
pub const FEEDS_ENV: &str = "WARTA_FEEDS";

/// Where the subscriptions live: the urls file and the feeds folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The urls file.
    pub urls: PathBuf,
    /// The feeds folder (one items file per subscription).
    pub feeds: PathBuf,
}

impl Paths {
    /// The paths in force: each given one, else its environment variable ([`URLS_ENV`],
    /// [`FEEDS_ENV`]), else the default (`warta/urls` in the platform config folder,
    /// `warta/feeds` in the platform data folder). `None` when a default is needed and the
    /// platform has no such folder.
    pub fn resolve(urls: Option<&Path>, feeds: Option<&Path>) -> Option<Paths> {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let urls = match urls {
            Some(path) => path.to_path_buf(),
            None => from_env(URLS_ENV).or_else(default_urls)?,
        };
        let feeds = match feeds {
            Some(path) => path.to_path_buf(),
            None => from_env(FEEDS_ENV).or_else(default_feeds)?,
        };
        Some(Paths { urls, feeds })
    }
}

/// The default urls file: `warta/urls` in the platform config folder.
pub fn default_urls() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("warta").join("urls"))
}

/// The default feeds folder: `warta/feeds` in the platform data folder.
pub fn default_feeds() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("warta").join("feeds"))
}

/// A subscription with what the feeds folder knows of it, for listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The subscription.
    pub subscription: Subscription,
    /// The feed's title (the user's `~title`, else the feed's own).
    pub title: Option<String>,
    /// The items file.
    pub file: PathBuf,
    /// Items kept.
    pub items: usize,
    /// The last fetch (Unix seconds).
    pub last_fetch: Option<i64>,
    /// The last fetch that worked.
    pub last_success: Option<i64>,
    /// The last fetch's error, when it failed.
    pub last_error: Option<String>,
    /// When it will be asked again, when it is waiting.
    pub retry_at: Option<i64>,
}

/// Every subscription with its state, in urls-file order.
pub fn list(paths: &Paths) -> Result<(Vec<Listed>, Vec<crate::article::Problem>), urls::UrlsError> {
    let file = UrlsFile::read(&paths.urls)?;
    let store = FeedStore::new(&paths.feeds);
    let listed = file
        .subscriptions()
        .into_iter()
        .map(|subscription| {
            let state = store.state(&subscription.url);
            let items = if state.last_success.is_some() {
                state.items
            } else {
                store.item_count(&subscription.url).unwrap_or(0)
            };
            Listed {
                title: subscription
                    .title()
                    .map(str::to_string)
                    .or(state.title.clone()),
                file: store.items_path(&subscription.url),
                items,
                last_fetch: state.last_fetch,
                last_success: state.last_success,
                last_error: state.last_error,
                retry_at: state.retry_at,
                subscription,
            }
        })
        .collect();
    Ok((listed, file.notes().to_vec()))
}

/// What [`import_opml`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Feeds added.
    pub added: usize,
    /// Feeds already subscribed (their new tags added).
    pub existing: usize,
    /// Outlines and URLs left out, and why.
    pub notes: Vec<crate::article::Problem>,
}

/// Errors of the subscription commands.
#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    /// The urls file.
    #[error(transparent)]
    Urls(#[from] urls::UrlsError),
    /// The OPML document.
    #[error(transparent)]
    Opml(#[from] opml::OpmlError),
    /// The feeds folder.
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
}

/// Subscribe to every feed of an OPML file.
pub fn import_opml(paths: &Paths, file: &Path) -> Result<ImportReport, SubscribeError> {
    let imported = opml::read(file)?;
    let mut urls = UrlsFile::read(&paths.urls)?;
    let mut report = ImportReport {
        notes: imported.notes,
        ..ImportReport::default()
    };
    for feed in imported.feeds {
        match urls.add(&feed.url, &feed.tags) {
            Ok(urls::Added::New) => report.added += 1,
            Ok(urls::Added::Existing) => report.existing += 1,
            Err(err) => report.notes.push(crate::article::Problem {
                path: file.to_path_buf(),
                line: None,
                reason: err.to_string(),
            }),
        }
    }
    if report.added + report.existing > 0 {
        urls.write()?;
    }
    Ok(report)
}

/// Every subscription as newsboat's OPML 2.0 (titles and sites from the kept feeds).
pub fn export_opml(paths: &Paths) -> Result<String, SubscribeError> {
    let urls = UrlsFile::read(&paths.urls)?;
    let store = FeedStore::new(&paths.feeds);
    let feeds: Vec<opml::OpmlFeed> = urls
        .subscriptions()
        .into_iter()
        .map(|s| {
            let kept = store.load(&s.url).ok().flatten();
            let title = s.title().map(str::to_string).or_else(|| {
                kept.as_ref()
                    .map(|k| crate::article::html::plain_line(&k.title))
                    .filter(|t| !t.is_empty())
            });
            opml::OpmlFeed {
                url: s.url.clone(),
                title,
                html_url: kept.and_then(|k| k.home_page_url),
                tags: s.tags().map(str::to_string).collect(),
            }
        })
        .collect();
    Ok(opml::write(&feeds))
}

/// Unsubscribe from `url`, removing its kept items unless `keep_items`. Whether it was
/// subscribed.
pub fn unsubscribe(paths: &Paths, url: &str, keep_items: bool) -> Result<bool, SubscribeError> {
    let mut file = UrlsFile::read(&paths.urls)?;
    let Some(found) = file.find(url).map(|s| s.url.clone()) else {
        return Ok(false);
    };
    file.remove(url);
    file.write()?;
    if !keep_items {
        FeedStore::new(&paths.feeds).remove(&found)?;
    }
    Ok(true)
}
