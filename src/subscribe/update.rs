//! Updating: every subscription fetched, merged into its file, with progress as events.
//!
//! [`run`] updates on the calling thread and reports each step to a callback; [`spawn`]
//! runs it on a thread of its own and sends the same events over a channel, and can be
//! stopped. Feeds are fetched by a few threads at once ([`UpdateOptions::jobs`]), never
//! more than [`UpdateOptions::per_host`] from one host. A feed that fails keeps its items
//! and records its error; nothing else stops. A server's `Retry-After` is kept, and a feed
//! that keeps failing is asked less often (backing off), until it works again. A feed that
//! moved for good (every redirect permanent) is renamed in the urls file.

use super::Paths;
use super::fetch::{Client, FetchError, Fetched, HttpOptions, Validators};
use super::fulltext;
use super::storage::{
    self, FeedState, FeedStore, FullText, ItemMeta, Retention, StorageError, StoredFeed, StoredItem,
};
use super::urls::{Subscription, UrlsError, UrlsFile};
use crate::article::Problem;
use crate::article::feed::FeedItems;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use url::Url;

/// How an update runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateOptions {
    /// Limits of every request.
    pub http: HttpOptions,
    /// Feeds fetched at once.
    pub jobs: usize,
    /// Feeds fetched at once from one host.
    pub per_host: usize,
    /// What is kept of items no longer in their feed.
    pub retention: Retention,
    /// Ask feeds that are backing off after failures anyway (a server's `Retry-After` is
    /// still respected).
    pub force: bool,
    /// The wait after the second failure in a row; it doubles with each further one.
    pub backoff: Duration,
    /// The longest wait, after failures or asked by a server.
    pub max_backoff: Duration,
    /// Most pages fetched for full text per feed and update (the rest wait for the next).
    pub max_full_text: usize,
    /// Update only these URLs (all when empty).
    pub only: Vec<String>,
}

impl Default for UpdateOptions {
    fn default() -> UpdateOptions {
        UpdateOptions {
            http: HttpOptions::default(),
            jobs: 8,
            per_host: 2,
            retention: Retention::default(),
            force: false,
            backoff: Duration::from_secs(15 * 60),
            max_backoff: Duration::from_secs(24 * 3600),
            max_full_text: 20,
            only: Vec::new(),
        }
    }
}

/// Errors that stop an update before it starts.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The urls file could not be read.
    #[error(transparent)]
    Urls(#[from] UrlsError),
    /// The feeds folder could not be made or is held by another update.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The update's thread ended in a panic (a bug; what was stored stays).
    #[error("the update stopped on an internal error")]
    Panicked,
}

/// How one feed's update ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// New content was stored (or kept items changed).
    Updated,
    /// Nothing new (304 Not Modified, or the same items).
    Unchanged,
    /// Not asked: waiting until this time (Unix seconds), after failures or because the
    /// server asked.
    Waiting {
        /// When the feed may be asked again.
        until: i64,
    },
    /// The fetch or the parse failed; the kept items are untouched.
    Failed(String),
    /// The update was stopped before this feed finished.
    Stopped,
}

/// One feed's update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// Position of the subscription in the urls file (among the updated ones).
    pub index: usize,
    /// The URL as subscribed.
    pub url: String,
    /// The feed's title, when known.
    pub title: Option<String>,
    /// The items file (under the new URL's name after a move).
    pub file: PathBuf,
    /// How it ended.
    pub outcome: Outcome,
    /// Items new in this update.
    pub new_items: usize,
    /// Items kept now.
    pub items: usize,
    /// Whether the items file was rewritten (the collection should read it again).
    pub changed: bool,
    /// Where the feed moved for good, when it did.
    pub moved_to: Option<String>,
}

impl FeedReport {
    /// The failure as a problem for the Problems view (the feed's URL as its path).
    pub fn problem(&self) -> Option<Problem> {
        match &self.outcome {
            Outcome::Failed(reason) => Some(Problem {
                path: PathBuf::from(&self.url),
                line: None,
                reason: reason.clone(),
            }),
            _ => None,
        }
    }
}

/// A whole update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateSummary {
    /// Every feed's report, in urls-file order.
    pub feeds: Vec<FeedReport>,
    /// Lines of the urls file that were skipped, and trouble rewriting it after a move.
    pub notes: Vec<Problem>,
    /// Whether the update was stopped.
    pub stopped: bool,
}

impl UpdateSummary {
    /// The items files rewritten by this update.
    pub fn changed_files(&self) -> Vec<PathBuf> {
        self.feeds
            .iter()
            .filter(|f| f.changed)
            .map(|f| f.file.clone())
            .collect()
    }

    /// Items new in this update, all feeds together.
    pub fn new_items(&self) -> usize {
        self.feeds.iter().map(|f| f.new_items).sum()
    }

    /// The feeds that failed, as problems.
    pub fn problems(&self) -> Vec<Problem> {
        self.feeds.iter().filter_map(FeedReport::problem).collect()
    }
}

/// Progress of an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateEvent {
    /// The update began with this many feeds.
    Started {
        /// Feeds to update.
        feeds: usize,
    },
    /// A feed is being fetched.
    FeedStarted {
        /// Its index (see [`FeedReport::index`]).
        index: usize,
        /// Its URL.
        url: String,
    },
    /// A feed is done.
    FeedDone(FeedReport),
    /// Every feed is done (or the update was stopped); the last event.
    Finished(UpdateSummary),
    /// The update could not start (the reason); the last event.
    Failed(String),
}

/// An update running on its own thread.
#[derive(Debug)]
pub struct UpdateHandle {
    events: Receiver<UpdateEvent>,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Result<UpdateSummary, UpdateError>>,
}

impl UpdateHandle {
    /// The progress events; the channel closes after [`UpdateEvent::Finished`] or
    /// [`UpdateEvent::Failed`].
    pub fn events(&self) -> &Receiver<UpdateEvent> {
        &self.events
    }

    /// Ask the update to stop: feeds not begun are left out, reads in flight end at their
    /// next chunk. What was stored stays.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Wait for the update to end.
    pub fn join(self) -> Result<UpdateSummary, UpdateError> {
        self.thread.join().unwrap_or(Err(UpdateError::Panicked))
    }
}

/// Start an update on a thread of its own.
pub fn spawn(paths: Paths, options: UpdateOptions) -> UpdateHandle {
    let (tx, rx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        let result = run(&paths, &options, &flag, |event| {
            let _ = tx.send(event.clone());
        });
        if let Err(err) = &result {
            let _ = tx.send(UpdateEvent::Failed(err.to_string()));
        }
        result
    });
    UpdateHandle {
        events: rx,
        stop,
        thread,
    }
}

/// Update every subscription (or those in [`UpdateOptions::only`]) on this thread,
/// reporting each step to `on_event`.
pub fn run(
    paths: &Paths,
    options: &UpdateOptions,
    stop: &AtomicBool,
    mut on_event: impl FnMut(&UpdateEvent),
) -> Result<UpdateSummary, UpdateError> {
    let urls = UrlsFile::read(&paths.urls)?;
    let store = FeedStore::new(&paths.feeds);
    let _lock = store.lock()?;
    store.clean_temporaries();
    let only: HashSet<String> = options
        .only
        .iter()
        .map(|u| super::urls::same_url_key(u))
        .collect();
    let subscriptions: Vec<Subscription> = urls
        .subscriptions()
        .into_iter()
        .filter(|s| only.is_empty() || only.contains(&super::urls::same_url_key(&s.url)))
        .collect();
    let hosts = urls
        .subscriptions()
        .iter()
        .filter_map(|s| Url::parse(&s.url).ok()?.host_str().map(str::to_string))
        .collect::<Vec<_>>();
    let client = Client::new(options.http.clone(), hosts);
    let mut summary = UpdateSummary {
        notes: urls.notes().to_vec(),
        ..UpdateSummary::default()
    };
    let started = UpdateEvent::Started {
        feeds: subscriptions.len(),
    };
    on_event(&started);

    let context = Context {
        client: &client,
        store: &store,
        options,
        stop,
    };
    let queue = Queue::new(&subscriptions, options.per_host.max(1));
    let (tx, rx) = mpsc::channel::<UpdateEvent>();
    let mut reports: Vec<FeedReport> = Vec::with_capacity(subscriptions.len());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, subscriptions.len().max(1)) {
            let tx = tx.clone();
            let (queue, context, subscriptions) = (&queue, &context, &subscriptions);
            scope.spawn(move || {
                while let Some(index) = queue.next(stop) {
                    let subscription = &subscriptions[index];
                    let _ = tx.send(UpdateEvent::FeedStarted {
                        index,
                        url: subscription.url.clone(),
                    });
                    let report = update_feed(context, index, subscription);
                    queue.done(index);
                    let _ = tx.send(UpdateEvent::FeedDone(report));
                }
            });
        }
        drop(tx);
        for event in rx {
            if let UpdateEvent::FeedDone(report) = &event {
                reports.push(report.clone());
            }
            on_event(&event);
        }
    });
    summary.stopped = stop.load(Ordering::Relaxed);
    // Feeds never begun, so that every subscription has its report.
    let done: HashSet<usize> = reports.iter().map(|r| r.index).collect();
    for (index, subscription) in subscriptions.iter().enumerate() {
        if !done.contains(&index) {
            reports.push(FeedReport {
                index,
                url: subscription.url.clone(),
                title: None,
                file: store.items_path(&subscription.url),
                outcome: Outcome::Stopped,
                new_items: 0,
                items: store.state(&subscription.url).items,
                changed: false,
                moved_to: None,
            });
        }
    }
    reports.sort_by_key(|r| r.index);
    store.sync_dir();
    let moves: Vec<(String, String)> = reports
        .iter()
        .filter_map(|r| Some((r.url.clone(), r.moved_to.clone()?)))
        .collect();
    if !moves.is_empty()
        && let Err(err) = record_moves(paths, &moves)
    {
        summary.notes.push(Problem {
            path: paths.urls.clone(),
            line: None,
            reason: format!("moved feeds not recorded: {err}"),
        });
    }
    summary.feeds = reports;
    on_event(&UpdateEvent::Finished(summary.clone()));
    Ok(summary)
}

/// Rename moved feeds in the urls file, read afresh so edits made meanwhile stay.
fn record_moves(paths: &Paths, moves: &[(String, String)]) -> Result<(), UrlsError> {
    let mut urls = UrlsFile::read(&paths.urls)?;
    let mut changed = false;
    for (from, to) in moves {
        changed |= urls.rename(from, to);
    }
    if changed {
        urls.write()?;
    }
    Ok(())
}

/// What every fetching thread shares.
struct Context<'a> {
    client: &'a Client,
    store: &'a FeedStore,
    options: &'a UpdateOptions,
    stop: &'a AtomicBool,
}

/// The feeds waiting, handed out so that no host has more than `per_host` in flight.
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
    hosts: Vec<String>,
    per_host: usize,
}

struct QueueState {
    waiting: VecDeque<usize>,
    busy: HashMap<String, usize>,
}

impl Queue {
    fn new(subscriptions: &[Subscription], per_host: usize) -> Queue {
        let hosts = subscriptions
            .iter()
            .map(|s| {
                Url::parse(&s.url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                    .unwrap_or_default()
            })
            .collect();
        Queue {
            state: Mutex::new(QueueState {
                waiting: (0..subscriptions.len()).collect(),
                busy: HashMap::new(),
            }),
            ready: Condvar::new(),
            hosts,
            per_host,
        }
    }

    /// The next feed whose host has room, waiting for one to free up; `None` when every
    /// feed is handed out or the update is stopped.
    fn next(&self, stop: &AtomicBool) -> Option<usize> {
        let mut state = self.state.lock().ok()?;
        loop {
            if stop.load(Ordering::Relaxed) || state.waiting.is_empty() {
                return None;
            }
            let free = state.waiting.iter().position(|&i| {
                state.busy.get(&self.hosts[i]).copied().unwrap_or(0) < self.per_host
            });
            if let Some(at) = free {
                let index = state.waiting.remove(at)?;
                *state.busy.entry(self.hosts[index].clone()).or_default() += 1;
                return Some(index);
            }
            // Woken when a feed is done; the timeout also notices a stop.
            state = self
                .ready
                .wait_timeout(state, Duration::from_millis(100))
                .ok()?
                .0;
        }
    }

    fn done(&self, index: usize) {
        if let Ok(mut state) = self.state.lock()
            && let Some(busy) = state.busy.get_mut(&self.hosts[index])
        {
            *busy = busy.saturating_sub(1);
        }
        self.ready.notify_all();
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Update one feed; never fails: a failure is the report's outcome.
fn update_feed(context: &Context<'_>, index: usize, subscription: &Subscription) -> FeedReport {
    let Context {
        client,
        store,
        options,
        stop,
    } = context;
    let url = subscription.url.as_str();
    let mut state = store.state(url);
    let mut report = FeedReport {
        index,
        url: url.to_string(),
        title: subscription
            .title()
            .map(str::to_string)
            .or(state.title.clone()),
        file: store.items_path(url),
        outcome: Outcome::Unchanged,
        new_items: 0,
        items: state.items,
        changed: false,
        moved_to: None,
    };
    let started = now();
    if let Some(until) = state.retry_at
        && until > started
        && (state.server_asked || !options.force)
    {
        report.outcome = Outcome::Waiting { until };
        return report;
    }
    let parsed = match Url::parse(url) {
        Ok(parsed) => parsed,
        Err(err) => {
            report.outcome = Outcome::Failed(format!("not a URL: {err}"));
            return report;
        }
    };
    let validators = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let fetched = match client.get(&parsed, &validators, true, stop) {
        Ok(fetched) => fetched,
        Err(FetchError::Stopped) => {
            report.outcome = Outcome::Stopped;
            return report;
        }
        Err(err) => {
            let retry = match &err {
                FetchError::Status {
                    status: 429 | 503,
                    retry_after: Some(wait),
                } => Some(*wait),
                _ => None,
            };
            fail(context, url, &mut state, err.to_string(), retry, started);
            report.outcome = Outcome::Failed(err.to_string());
            return report;
        }
    };
    let home = fetched.moved.as_ref().map(Url::to_string);
    let key = home.as_deref().unwrap_or(url).to_string();
    if let Some(to) = &home {
        report.moved_to = Some(to.clone());
        report.file = store.items_path(to);
        if let Err(err) = store.adopt(url, to) {
            report.outcome = Outcome::Failed(err.to_string());
            return report;
        }
        state.url.clone_from(to);
    }
    match store_fetched(
        context,
        subscription,
        &key,
        url,
        fetched,
        &mut state,
        started,
    ) {
        Ok((outcome, new_items, changed)) => {
            report.outcome = outcome;
            report.new_items = new_items;
            report.changed = changed;
            report.items = state.items;
            report.title = subscription
                .title()
                .map(str::to_string)
                .or(state.title.clone());
        }
        Err(reason) => {
            fail(context, &key, &mut state, reason.clone(), None, started);
            report.outcome = Outcome::Failed(reason);
        }
    }
    report
}

/// Record a failure: the error, and when to ask again.
fn fail(
    context: &Context<'_>,
    key: &str,
    state: &mut FeedState,
    reason: String,
    server_wait: Option<Duration>,
    at: i64,
) {
    let options = context.options;
    state.failures = state.failures.saturating_add(1);
    state.last_fetch = Some(at);
    state.last_error = Some(reason);
    let cap = options.max_backoff.as_secs();
    let (wait, server) = match server_wait {
        Some(wait) => (wait.as_secs().min(cap), true),
        None if state.failures >= 2 => {
            let doublings = (state.failures - 2).min(20);
            (
                options
                    .backoff
                    .as_secs()
                    .saturating_mul(1 << doublings)
                    .min(cap),
                false,
            )
        }
        None => (0, false),
    };
    state.retry_at = (wait > 0).then(|| at + i64::try_from(wait).unwrap_or(i64::MAX / 2));
    state.server_asked = server && wait > 0;
    let _ = context.store.save_state(key, state);
}

/// Merge a fetched feed into its file and record the fetch. `key` is the URL the files
/// are named by (the new one after a move), `subscribed` the URL in the urls file.
fn store_fetched(
    context: &Context<'_>,
    subscription: &Subscription,
    key: &str,
    subscribed: &str,
    fetched: Fetched,
    state: &mut FeedState,
    at: i64,
) -> Result<(Outcome, usize, bool), String> {
    let store = context.store;
    let succeed = |state: &mut FeedState| {
        state.url = key.to_string();
        state.last_fetch = Some(at);
        state.last_success = Some(at);
        state.last_error = None;
        state.failures = 0;
        state.retry_at = None;
        state.server_asked = false;
    };
    let moved = key != subscribed;
    let Some(body) = &fetched.body else {
        // 304 Not Modified: nothing to read.
        succeed(state);
        let _ = store.save_state(key, state);
        return Ok((Outcome::Unchanged, 0, false));
    };
    let parsed = crate::article::feed::read_items(body)?;
    let mut kept = store
        .load(key)
        .map_err(|e| e.to_string())?
        .unwrap_or_else(|| StoredFeed::new(key));
    // A move onto a URL that had items already: the old file's items join them.
    let old_items = if moved {
        store.load(subscribed).map_err(|e| e.to_string())?
    } else {
        None
    };
    let before = kept.clone();
    if let Some(old) = old_items {
        storage::merge(&mut kept.items, old.items, at);
    }
    let incoming = stored_items(&parsed, &fetched.url, subscription.full_text(), at);
    let merged = storage::merge(&mut kept.items, incoming, at);
    fetch_full_texts(context, &mut kept.items, &fetched.url);
    let mut present = merged.present;
    // Items waiting for their page are not dropped before it came.
    present.extend(
        kept.items
            .iter()
            .filter(|i| i.meta.full_text == FullText::Pending)
            .map(|i| i.id.clone()),
    );
    storage::retain(&mut kept.items, context.options.retention, &present, at);
    kept.title = subscription
        .title()
        .map(|t| html_escape::encode_text(t).into_owned())
        .or_else(|| parsed.title.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| Url::parse(key).ok()?.host_str().map(str::to_string))
        .unwrap_or_default();
    kept.home_page_url = parsed
        .home
        .as_deref()
        .and_then(|h| web_link(&fetched.url, h));
    kept.feed_url = Some(key.to_string());
    kept.language.clone_from(&parsed.language);
    let changed = kept != before;
    if changed {
        store.save(key, &kept).map_err(|e| e.to_string())?;
    }
    if moved {
        let _ = store.remove(subscribed);
    }
    succeed(state);
    state.etag = fetched.validators.etag;
    state.last_modified = fetched.validators.last_modified;
    state.title = Some(crate::article::html::plain_line(&kept.title)).filter(|t| !t.is_empty());
    state.items = kept.items.len();
    let _ = store.save_state(key, state);
    let outcome = if changed {
        Outcome::Updated
    } else {
        Outcome::Unchanged
    };
    Ok((outcome, merged.new, changed))
}

/// Fetch the pages of items waiting for their full text (at most
/// [`UpdateOptions::max_full_text`]); each is tried once.
fn fetch_full_texts(context: &Context<'_>, items: &mut [StoredItem], feed_url: &Url) {
    let mut left = context.options.max_full_text;
    for item in items
        .iter_mut()
        .filter(|i| i.meta.full_text == FullText::Pending)
    {
        if left == 0 || context.stop.load(Ordering::Relaxed) {
            return;
        }
        left -= 1;
        let Some(link) = item.url.as_deref().and_then(|u| Url::parse(u).ok()) else {
            item.meta.full_text = FullText::Failed("no link".to_string());
            continue;
        };
        let private_ok = context.client.may_reach_private(&link, feed_url);
        match context
            .client
            .get(&link, &Validators::default(), private_ok, context.stop)
        {
            Ok(Fetched {
                body: Some(body),
                url,
                ..
            }) => match fulltext::extract(&url, &body) {
                Ok(page) => fulltext::apply(item, page),
                Err(reason) => item.meta.full_text = FullText::Failed(reason),
            },
            Ok(_) => item.meta.full_text = FullText::Failed("no page".to_string()),
            Err(FetchError::Stopped) => return,
            Err(err) => item.meta.full_text = FullText::Failed(err.to_string()),
        }
    }
}

/// A link from fetched content, made absolute against the page it was found on; only
/// http and https links are kept.
fn web_link(base: &Url, link: &str) -> Option<String> {
    let url = base.join(link.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// A fetched feed's items as they are stored (see [`storage::StoredItem`]).
pub fn stored_items(parsed: &FeedItems, base: &Url, full_text: bool, now: i64) -> Vec<StoredItem> {
    parsed
        .items
        .iter()
        .map(|item| {
            let link = item.link.as_deref().and_then(|l| web_link(base, l));
            let date_published = item.published.map(|p| p.to_string());
            let id = item
                .guid
                .clone()
                .or_else(|| link.clone())
                .unwrap_or_else(|| {
                    format!(
                        "{} {}",
                        item.title.as_deref().unwrap_or(""),
                        date_published.as_deref().unwrap_or("")
                    )
                });
            let has = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
            let content_html = if has(&item.content) {
                item.content.clone()
            } else if has(&item.summary) {
                None
            } else {
                item.media.clone()
            };
            StoredItem {
                id,
                url: link.clone(),
                title: item.title.clone(),
                content_html,
                summary: item.summary.clone().filter(|s| !s.trim().is_empty()),
                date_published,
                date_modified: item.updated.map(|p| p.to_string()),
                authors: item
                    .authors
                    .iter()
                    .map(|name| storage::Author { name: name.clone() })
                    .collect(),
                tags: item.tags.clone(),
                meta: ItemMeta {
                    guid: item.guid.clone(),
                    first_seen: now,
                    full_text: if full_text && link.is_some() {
                        FullText::Pending
                    } else {
                        FullText::NotAsked
                    },
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar &amp; Warta</title><link>https://kabar.example/</link>
<language>id</language>
<item><title>Banjir di Riau</title><link>/berita/1</link><guid>kabar-1</guid>
<description>&lt;p&gt;Ringkasan &lt;b&gt;banjir&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Tue, 16 Sep 2025 19:05:00 +0700</pubDate><author>budi@kabar.example (Budi Santoso)</author>
<category>Daerah</category></item>
<item><title>Tanpa guid</title><link>javascript:alert(1)</link>
<description>Isi kedua.</description></item>
</channel></rss>"#;

    #[test]
    fn stored_items_load_as_the_feed_itself_does() -> Result<(), Box<dyn std::error::Error>> {
        let parsed = crate::article::feed::read_items(RSS.as_bytes())?;
        let base = Url::parse("https://kabar.example/rss.xml")?;
        let items = stored_items(&parsed, &base, false, 5);
        assert_eq!(
            items[0].url.as_deref(),
            Some("https://kabar.example/berita/1")
        );
        assert_eq!(items[1].url, None, "a javascript: link is not kept");
        let mut feed = StoredFeed::new(base.as_str());
        feed.title = parsed.title.clone().unwrap_or_default();
        feed.language.clone_from(&parsed.language);
        feed.items = items;
        let json = serde_json::to_vec(&feed)?;
        let original = crate::article::load_bytes(Path::new("kabar.xml"), RSS.as_bytes());
        let stored = crate::article::load_bytes(Path::new("kabar.json"), &json);
        assert!(stored.problems.is_empty(), "{:?}", stored.problems);
        assert_eq!(original.articles.len(), stored.articles.len());
        for (a, b) in original.articles.iter().zip(&stored.articles) {
            assert_eq!(a.title, b.title);
            assert_eq!(a.lead, b.lead);
            assert_eq!(a.body_text(), b.body_text());
            assert_eq!(a.published, b.published);
            assert_eq!(a.authors, b.authors);
            assert_eq!(a.tags, b.tags);
            assert_eq!(a.source_name, b.source_name);
            assert_eq!(a.language, b.language);
        }
        assert_eq!(
            stored.articles[0].url.as_deref(),
            Some("https://kabar.example/berita/1")
        );
        Ok(())
    }

    #[test]
    fn failures_back_off_and_a_server_wait_is_kept() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = FeedStore::new(dir.path());
        let client = Client::new(HttpOptions::default(), []);
        let options = UpdateOptions {
            backoff: Duration::from_secs(60),
            max_backoff: Duration::from_secs(300),
            ..UpdateOptions::default()
        };
        let stop = AtomicBool::new(false);
        let context = Context {
            client: &client,
            store: &store,
            options: &options,
            stop: &stop,
        };
        let mut state = FeedState::default();
        let waits: Vec<Option<i64>> = (0..5)
            .map(|_| {
                fail(
                    &context,
                    "http://x.example/",
                    &mut state,
                    "HTTP 500".into(),
                    None,
                    1000,
                );
                state.retry_at.map(|at| at - 1000)
            })
            .collect();
        assert_eq!(waits, [None, Some(60), Some(120), Some(240), Some(300)]);
        fail(
            &context,
            "http://x.example/",
            &mut state,
            "HTTP 429".into(),
            Some(Duration::from_secs(90)),
            1000,
        );
        assert_eq!(state.retry_at, Some(1090));
        assert!(state.server_asked);
        assert_eq!(store.state("http://x.example/").retry_at, Some(1090));
        Ok(())
    }
}
