//! Subscriptions against a local HTTP server: conditional GET, redirects, errors and
//! waits, timeouts, size limits, malformed feeds, changing guids, moved feeds, full text,
//! the private-address guard, OPML, and the feeds folder read as a collection.

mod http_support;

use http_support::{Reply, Server, numbered, rss};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use warta::subscribe::fetch::{Client, FetchError, HttpOptions, Validators};
use warta::subscribe::storage::{FeedStore, FullText, Retention};
use warta::subscribe::{Outcome, Paths, UpdateOptions, UpdateSummary, UrlsFile};

/// A urls file and a feeds folder in a temporary folder.
struct Setup {
    _dir: tempfile::TempDir,
    paths: Paths,
}

fn setup(urls: &str) -> Setup {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = Paths {
        urls: dir.path().join("urls"),
        feeds: dir.path().join("feeds"),
    };
    std::fs::write(&paths.urls, urls).expect("the urls file written");
    Setup { _dir: dir, paths }
}

/// Options with short limits, so the slow cases finish fast.
fn options() -> UpdateOptions {
    UpdateOptions {
        http: HttpOptions {
            connect_timeout: Duration::from_secs(2),
            response_timeout: Duration::from_millis(800),
            max_bytes: 1024 * 1024,
            max_redirects: 5,
            ..HttpOptions::default()
        },
        backoff: Duration::from_secs(60),
        ..UpdateOptions::default()
    }
}

fn update(setup: &Setup, options: &UpdateOptions) -> UpdateSummary {
    let stop = AtomicBool::new(false);
    warta::subscribe::run(&setup.paths, options, &stop, |_| {}).expect("the update ran")
}

fn store(setup: &Setup) -> FeedStore {
    FeedStore::new(&setup.paths.feeds)
}

fn ids(setup: &Setup, url: &str) -> Vec<String> {
    store(setup)
        .load(url)
        .expect("readable items")
        .map(|f| f.items.into_iter().map(|i| i.id).collect())
        .unwrap_or_default()
}

#[test]
fn an_unchanged_feed_costs_one_conditional_request() {
    let server = Server::start(|request| {
        if request.header("if-none-match") == Some("\"v1\"") {
            return Reply::status(304);
        }
        Reply::ok(
            rss("Kabar", &numbered("k", "http://x.invalid", 0, 3)),
            "application/rss+xml",
        )
        .header("ETag", "\"v1\"")
        .header("Last-Modified", "Tue, 16 Sep 2025 03:00:00 GMT")
    });
    let setup = setup(&format!("{} berita\n", server.url("/rss")));
    let first = update(&setup, &options());
    assert_eq!(first.feeds[0].outcome, Outcome::Updated);
    assert_eq!(first.feeds[0].new_items, 3);
    assert!(first.feeds[0].changed);
    let before = std::fs::read(&first.feeds[0].file).expect("the items file");

    let second = update(&setup, &options());
    assert_eq!(second.feeds[0].outcome, Outcome::Unchanged);
    assert!(!second.feeds[0].changed);
    assert_eq!(second.feeds[0].items, 3);
    assert_eq!(second.changed_files(), Vec::<std::path::PathBuf>::new());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        requests[1].header("if-modified-since"),
        Some("Tue, 16 Sep 2025 03:00:00 GMT")
    );
    assert!(
        requests[0]
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("warta/"))
    );
    assert_eq!(std::fs::read(&first.feeds[0].file).ok(), Some(before));
}

#[test]
fn redirect_chains_are_followed_and_loops_and_long_chains_are_errors() {
    let server = Server::start(|request| match request.path.as_str() {
        "/a" => Reply::redirect(302, "/b"),
        "/b" => Reply::redirect(301, "/feed"),
        "/feed" => Reply::ok(
            rss("Kabar", &numbered("k", "http://x.invalid", 0, 2)),
            "text/xml",
        ),
        "/loop1" => Reply::redirect(307, "/loop2"),
        "/loop2" => Reply::redirect(308, "/loop1"),
        path if path.starts_with("/hop") => {
            let n: usize = path[4..].parse().unwrap_or(0);
            Reply::redirect(302, &format!("/hop{}", n + 1))
        }
        "/to-file" => Reply::redirect(302, "file:///etc/passwd"),
        _ => Reply::status(404),
    });
    let urls = ["/a", "/loop1", "/hop0", "/to-file"]
        .iter()
        .map(|p| server.url(p))
        .collect::<Vec<_>>();
    let setup = setup(&(urls.join("\n") + "\n"));
    let summary = update(&setup, &options());
    let outcome = |i: usize| summary.feeds[i].outcome.clone();
    assert_eq!(outcome(0), Outcome::Updated);
    // One temporary hop: the feed did not move for good.
    assert_eq!(summary.feeds[0].moved_to, None);
    assert!(
        matches!(outcome(1), Outcome::Failed(r) if r.contains("redirect loop")),
        "{:?}",
        outcome(1)
    );
    assert!(matches!(outcome(2), Outcome::Failed(r) if r.contains("more than 5 redirects")));
    assert!(matches!(outcome(3), Outcome::Failed(r) if r.contains("not an http or https URL")));
    assert_eq!(server.hits("/hop5"), 1);
    assert_eq!(server.hits("/hop6"), 0);
    let file = UrlsFile::read(&setup.paths.urls).expect("the urls file");
    assert_eq!(file.subscriptions()[0].url, urls[0]);
}

#[test]
fn a_feed_that_moved_for_good_is_renamed_in_the_urls_file() {
    let server = Server::start(|request| match request.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        "/new" => Reply::ok(
            rss("Kabar", &numbered("k", "http://x.invalid", 0, 4)),
            "text/xml",
        ),
        _ => Reply::status(404),
    });
    let old = server.url("/old");
    let new = server.url("/new");
    let setup = setup(&format!(
        "# my feeds\n{old} berita \"dalam negeri\"\n\n# end\n"
    ));
    let summary = update(&setup, &options());
    assert_eq!(summary.feeds[0].outcome, Outcome::Updated);
    assert_eq!(summary.feeds[0].moved_to.as_deref(), Some(new.as_str()));
    assert_eq!(
        std::fs::read_to_string(&setup.paths.urls).ok(),
        Some(format!(
            "# my feeds\n{new} berita \"dalam negeri\"\n\n# end\n"
        ))
    );
    assert_eq!(ids(&setup, &new).len(), 4);
    assert!(!store(&setup).items_path(&old).exists());
    let again = update(&setup, &options());
    assert_eq!(again.feeds[0].url, new);
    assert_eq!(again.feeds[0].new_items, 0);
    assert_eq!(server.hits("/old"), 1);
    assert_eq!(ids(&setup, &new).len(), 4);
}

#[test]
fn a_failing_feed_keeps_its_items_and_shows_its_error() {
    let status = Arc::new(AtomicUsize::new(200));
    let served = status.clone();
    let server = Server::start(move |request| match request.path.as_str() {
        "/good" => Reply::ok(
            rss("Good", &numbered("g", "http://x.invalid", 0, 2)),
            "text/xml",
        ),
        _ => match served.load(Ordering::SeqCst) {
            200 => Reply::ok(
                rss("Flaky", &numbered("f", "http://x.invalid", 0, 5)),
                "text/xml",
            ),
            code => Reply::status(u16::try_from(code).unwrap_or(500)),
        },
    });
    let flaky = server.url("/flaky");
    let setup = setup(&format!("{flaky}\n{}\n", server.url("/good")));
    update(&setup, &options());
    let kept = std::fs::read(store(&setup).items_path(&flaky)).expect("items kept");
    for code in [500, 404] {
        status.store(code, Ordering::SeqCst);
        let summary = update(
            &setup,
            &UpdateOptions {
                force: true,
                ..options()
            },
        );
        assert_eq!(
            summary.feeds[0].outcome,
            Outcome::Failed(format!("HTTP {code}"))
        );
        assert_eq!(summary.feeds[0].items, 5);
        assert_eq!(summary.feeds[1].outcome, Outcome::Unchanged);
        let problems = summary.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), format!("{flaky}: HTTP {code}"));
        assert_eq!(
            std::fs::read(store(&setup).items_path(&flaky))
                .ok()
                .as_ref(),
            Some(&kept)
        );
        let (listed, _) = warta::subscribe::list(&setup.paths).expect("the list");
        assert_eq!(
            listed[0].last_error.as_deref(),
            Some(format!("HTTP {code}").as_str())
        );
        assert_eq!(listed[0].items, 5);
        assert!(listed[0].last_fetch.is_some());
        assert_eq!(listed[1].last_error, None);
    }
    // The second failure in a row backs off; a forced update asks anyway.
    let waiting = update(&setup, &options());
    assert!(matches!(waiting.feeds[0].outcome, Outcome::Waiting { .. }));
    status.store(200, Ordering::SeqCst);
    let back = update(
        &setup,
        &UpdateOptions {
            force: true,
            ..options()
        },
    );
    assert_eq!(back.feeds[0].outcome, Outcome::Unchanged);
    let (listed, _) = warta::subscribe::list(&setup.paths).expect("the list");
    assert_eq!(listed[0].last_error, None);
}

#[test]
fn retry_after_is_waited_for_even_when_forced() {
    let server = Server::start(|request| match request.path.as_str() {
        "/busy" => Reply::status(429).header("Retry-After", "120"),
        _ => Reply::status(503).header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
    });
    let setup = setup(&format!(
        "{}\n{}\n",
        server.url("/busy"),
        server.url("/down")
    ));
    let before = chrono::Utc::now().timestamp();
    let summary = update(&setup, &options());
    assert_eq!(
        summary.feeds[0].outcome,
        Outcome::Failed("HTTP 429 (retry after 120 s)".into())
    );
    let state = store(&setup).state(&server.url("/busy"));
    let wait = state.retry_at.map(|at| at - before);
    assert!(wait.is_some_and(|w| (119..=122).contains(&w)), "{wait:?}");
    let forced = update(
        &setup,
        &UpdateOptions {
            force: true,
            ..options()
        },
    );
    assert!(matches!(forced.feeds[0].outcome, Outcome::Waiting { .. }));
    assert_eq!(server.hits("/busy"), 1);
    // A date in the past asks for no wait.
    assert_eq!(server.hits("/down"), 2);
}

#[test]
fn silent_and_stalling_servers_time_out_and_nothing_else_stops() {
    let server = Server::start(|request| match request.path.as_str() {
        "/silent" => Reply::Silent,
        "/stall" => Reply::HeadersThenStall,
        _ => Reply::ok(
            rss("Good", &numbered("g", "http://x.invalid", 0, 2)),
            "text/xml",
        ),
    });
    let setup = setup(&format!(
        "{}\n{}\n{}\n",
        server.url("/silent"),
        server.url("/stall"),
        server.url("/good")
    ));
    let summary = update(&setup, &options());
    assert_eq!(
        summary.feeds[0].outcome,
        Outcome::Failed("timed out".into())
    );
    assert_eq!(
        summary.feeds[1].outcome,
        Outcome::Failed("timed out".into())
    );
    // "timed out", not a closed connection: the client gave up before the server did.
    assert_eq!(summary.feeds[2].outcome, Outcome::Updated);
}

#[test]
fn a_gzip_bomb_and_a_100_mb_body_stop_at_the_limit() {
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;
    let mut bomb = GzEncoder::new(Vec::new(), Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        bomb.write_all(&zeros).expect("compressed");
    }
    let bomb = bomb.finish().expect("compressed");
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb itself is under the limit"
    );
    let server = Server::start(move |request| match request.path.as_str() {
        "/bomb" => {
            Reply::ok(bomb.clone(), "application/rss+xml").header("Content-Encoding", "gzip")
        }
        "/gzip" => {
            let mut small = GzEncoder::new(Vec::new(), Compression::fast());
            let _ =
                small.write_all(rss("Small", &numbered("s", "http://x.invalid", 0, 3)).as_bytes());
            Reply::ok(small.finish().unwrap_or_default(), "text/xml")
                .header("Content-Encoding", "gzip")
        }
        _ => Reply::Stream {
            chunk: b"<!-- padding padding padding padding padding padding -->\n".repeat(1000),
            total: 100 * 1024 * 1024,
        },
    });
    let setup = setup(&format!(
        "{}\n{}\n{}\n",
        server.url("/bomb"),
        server.url("/huge"),
        server.url("/gzip")
    ));
    let options = UpdateOptions {
        http: HttpOptions {
            response_timeout: Duration::from_secs(10),
            ..options().http
        },
        ..options()
    };
    let summary = update(&setup, &options);
    let too_large = Outcome::Failed("response larger than 1024 KiB".into());
    assert_eq!(summary.feeds[0].outcome, too_large);
    assert_eq!(summary.feeds[1].outcome, too_large);
    assert_eq!(
        summary.feeds[2].outcome,
        Outcome::Updated,
        "gzip bodies are read"
    );
    assert!(
        server.bytes_sent() < 40 * 1024 * 1024,
        "the 100 MB body was not read to its end ({} bytes sent)",
        server.bytes_sent()
    );
}

#[test]
fn a_malformed_feed_is_an_error_and_its_items_stay() {
    let broken = Arc::new(AtomicBool::new(false));
    let serving = broken.clone();
    let server = Server::start(move |_| {
        if serving.load(Ordering::SeqCst) {
            Reply::ok("<rss version=\"2.0\"><channel><title>x</ti", "text/xml")
        } else {
            Reply::ok(
                rss("Kabar", &numbered("k", "http://x.invalid", 0, 3)),
                "text/xml",
            )
        }
    });
    let url = server.url("/rss");
    let setup = setup(&format!("{url}\n"));
    update(&setup, &options());
    broken.store(true, Ordering::SeqCst);
    let summary = update(&setup, &options());
    assert!(
        matches!(&summary.feeds[0].outcome, Outcome::Failed(r) if r.starts_with("invalid feed")),
        "{:?}",
        summary.feeds[0].outcome
    );
    assert_eq!(ids(&setup, &url).len(), 3);
}

#[test]
fn items_are_kept_once_when_the_feed_changes_their_guids_or_drops_them() {
    let round = Arc::new(AtomicUsize::new(0));
    let serving = round.clone();
    let server = Server::start(move |_| {
        let r = serving.load(Ordering::SeqCst);
        // Every round the feed renames its guids; from round 2 the window slides on.
        let items = numbered(
            &format!("round{r}"),
            "http://x.invalid",
            r.saturating_sub(1) * 3,
            5 + r * 3,
        );
        Reply::ok(rss("Kabar", &items), "text/xml")
    });
    let url = server.url("/rss");
    let setup = setup(&format!("{url}\n"));
    for r in 0..4 {
        round.store(r, Ordering::SeqCst);
        update(&setup, &options());
        let kept = ids(&setup, &url);
        let unique: std::collections::HashSet<_> = kept.iter().collect();
        assert_eq!(unique.len(), kept.len(), "round {r}: duplicates");
        assert_eq!(
            kept.len(),
            5 + r * 3,
            "round {r}: every item once, none lost"
        );
    }
    // Retention: items gone from the feed are dropped past the count; listed ones stay.
    let summary = update(
        &setup,
        &UpdateOptions {
            retention: Retention {
                max_age_days: None,
                max_items: Some(9),
            },
            ..options()
        },
    );
    assert_eq!(
        summary.feeds[0].items, 9,
        "the feed's 8 items and the newest other one"
    );
    let links: Vec<String> = store(&setup)
        .load(&url)
        .expect("readable")
        .map(|f| f.items.into_iter().filter_map(|i| i.url).collect())
        .unwrap_or_default();
    assert_eq!(links.len(), 9);
    assert!(
        (6..14).all(|n| links.contains(&format!("http://x.invalid/item/{n}"))),
        "{links:?}"
    );
}

#[test]
fn the_feeds_folder_is_an_ordinary_collection() {
    let server = Server::start(|request| {
        let name = request.path.trim_start_matches('/').to_string();
        Reply::ok(
            rss(&name, &numbered(&name, "http://x.invalid", 0, 3)),
            "text/xml",
        )
    });
    let setup = setup(&format!(
        "{}\n{} \"~Nama Lain\"\n",
        server.url("/satu"),
        server.url("/dua")
    ));
    update(&setup, &options());
    let report = warta::article::load_paths(std::slice::from_ref(&setup.paths.feeds));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 6);
    let mut sources: Vec<_> = report
        .articles
        .iter()
        .filter_map(|a| a.source_name.clone())
        .collect();
    sources.dedup();
    sources.sort();
    assert_eq!(sources, ["Nama Lain", "satu"]);
    assert!(
        report
            .articles
            .iter()
            .all(|a| a.lead.is_none() && !a.body_text().is_empty())
    );
}

#[test]
fn full_text_is_fetched_once_per_item_with_the_summary_as_lead() {
    let server = Server::start(|request| match request.path.as_str() {
        "/rss" => Reply::ok(
            rss(
                "Kabar",
                &[
                    ("p1".into(), "Satu".into(), "/page/1".into()),
                    ("p2".into(), "Dua".into(), "/page/404".into()),
                ],
            ),
            "text/xml",
        ),
        "/page/1" => Reply::ok(
            "<html><head><title>Satu</title></head><body><nav>Menu</nav><article><h1>Satu</h1>\
             <p>Paragraf pertama halaman ini cukup panjang untuk menjadi isi artikel lengkap.</p>\
             <p>Paragraf kedua menambah keterangan tentang kejadian yang sama dengan rinci.</p>\
             </article></body></html>",
            "text/html",
        ),
        _ => Reply::status(404),
    });
    let url = server.url("/rss");
    let setup = setup(&format!("{url} full-text\n"));
    update(&setup, &options());
    update(&setup, &options());
    assert_eq!(server.hits("/page/1"), 1, "fetched once ever");
    assert_eq!(server.hits("/page/404"), 1, "a failure is not tried again");
    let feed = store(&setup).load(&url).expect("readable").expect("items");
    let one = feed.items.iter().find(|i| i.id == "p1").expect("item p1");
    assert_eq!(one.meta.full_text, FullText::Done);
    let two = feed.items.iter().find(|i| i.id == "p2").expect("item p2");
    assert_eq!(two.meta.full_text, FullText::Failed("HTTP 404".into()));
    let report = warta::article::load_paths(std::slice::from_ref(&setup.paths.feeds));
    let article = report
        .articles
        .iter()
        .find(|a| a.title == "Satu")
        .expect("the full-text article");
    assert!(
        article
            .body_text()
            .starts_with("Paragraf pertama halaman ini")
    );
    assert!(!article.body_text().contains("Menu"));
    assert_eq!(
        article.lead.as_deref(),
        Some("Ringkasan tentang Satu dari redaksi.")
    );
}

#[test]
fn links_found_in_content_may_not_reach_private_addresses_and_only_http_is_followed() {
    let server = Server::start(|_| Reply::ok("x", "text/plain"));
    let client = Client::new(HttpOptions::default(), Vec::new());
    let stop = AtomicBool::new(false);
    let url = url::Url::parse(&server.url("/page")).expect("a URL");
    // As a redirect target or a link from a public feed: refused before connecting.
    let refused = client.get(&url, &Validators::default(), false, &stop);
    assert_eq!(refused, Err(FetchError::Refused("127.0.0.1".into())));
    assert_eq!(server.requests().len(), 0);
    // The same address subscribed to directly is fetched.
    assert!(
        client
            .get(&url, &Validators::default(), true, &stop)
            .is_ok()
    );
    let subscribed = Client::new(HttpOptions::default(), vec!["127.0.0.1".to_string()]);
    assert!(
        subscribed
            .get(&url, &Validators::default(), false, &stop)
            .is_ok()
    );
}

#[test]
fn updates_keep_to_the_per_host_bound() {
    let server = Server::start(|request| {
        std::thread::sleep(Duration::from_millis(60));
        let name = request.path.trim_start_matches('/').to_string();
        Reply::ok(
            rss(&name, &numbered(&name, "http://x.invalid", 0, 1)),
            "text/xml",
        )
    });
    let urls: String = (0..10)
        .map(|n| format!("{}\n", server.url(&format!("/f{n}"))))
        .collect();
    let setup = setup(&urls);
    let summary = update(
        &setup,
        &UpdateOptions {
            jobs: 8,
            per_host: 2,
            ..options()
        },
    );
    assert!(summary.feeds.iter().all(|f| f.outcome == Outcome::Updated));
    assert!(
        server.most_at_once() <= 2,
        "{} at once",
        server.most_at_once()
    );
}

#[test]
fn a_spawned_update_reports_progress_and_can_be_stopped() {
    let server = Server::start(|request| {
        let name = request.path.trim_start_matches('/').to_string();
        Reply::ok(
            rss(&name, &numbered(&name, "http://x.invalid", 0, 2)),
            "text/xml",
        )
    });
    let urls: String = (0..3)
        .map(|n| format!("{}\n", server.url(&format!("/f{n}"))))
        .collect();
    let setup = setup(&urls);
    let handle = warta::subscribe::spawn(setup.paths.clone(), options());
    let events: Vec<_> = handle.events().iter().collect();
    let summary = handle.join().expect("the update ran");
    use warta::subscribe::UpdateEvent;
    assert_eq!(events.first(), Some(&UpdateEvent::Started { feeds: 3 }));
    let done = events
        .iter()
        .filter(|e| matches!(e, UpdateEvent::FeedDone(_)))
        .count();
    assert_eq!(done, 3);
    assert_eq!(events.last(), Some(&UpdateEvent::Finished(summary.clone())));
    assert_eq!(summary.changed_files().len(), 3);
    assert_eq!(summary.new_items(), 6);

    // Stopped before it starts: every feed is left out, nothing is fetched.
    let hits = server.requests().len();
    let stopped = warta::subscribe::run(&setup.paths, &options(), &AtomicBool::new(true), |_| {})
        .expect("the update ran");
    assert!(stopped.stopped);
    assert_eq!(stopped.feeds.len(), 3);
    assert!(stopped.feeds.iter().all(|f| f.outcome == Outcome::Stopped));
    assert_eq!(server.requests().len(), hits);

    // A second update while one runs is refused.
    let lock = store(&setup).lock().expect("the folder lock");
    let refused = warta::subscribe::run(&setup.paths, &options(), &AtomicBool::new(false), |_| {});
    assert!(refused.is_err());
    drop(lock);
}

#[test]
fn a_stop_ends_a_body_being_read() {
    let server = Server::start(|_| Reply::Stream {
        chunk: b"<!-- padding padding padding padding padding padding -->\n".repeat(1000),
        total: 100 * 1024 * 1024,
    });
    let setup = setup(&format!("{}\n", server.url("/huge")));
    let options = UpdateOptions {
        http: HttpOptions {
            response_timeout: Duration::from_secs(60),
            max_bytes: 200 * 1024 * 1024,
            ..options().http
        },
        ..options()
    };
    let stop = AtomicBool::new(false);
    let summary = warta::subscribe::run(&setup.paths, &options, &stop, |event| {
        if matches!(event, warta::subscribe::UpdateEvent::FeedStarted { .. }) {
            stop.store(true, Ordering::SeqCst);
        }
    })
    .expect("the update ran");
    assert_eq!(summary.feeds[0].outcome, Outcome::Stopped);
    assert!(summary.stopped);
    assert!(server.bytes_sent() < 100 * 1024 * 1024);
    assert!(!store(&setup).items_path(&server.url("/huge")).exists());
}

#[test]
fn brotli_bodies_are_read_and_hostile_text_is_cleaned_when_loaded() {
    // A brotli stream of one stored (uncompressed) meta-block, then an empty last one.
    fn brotli_stored(data: &[u8]) -> Vec<u8> {
        assert!(!data.is_empty() && data.len() <= 1 << 16);
        let header: u32 = ((data.len() as u32 - 1) << 4) | (1 << 20);
        let mut out = header.to_le_bytes()[..3].to_vec();
        out.extend_from_slice(data);
        out.push(0x03);
        out
    }
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Kabar\u{1b}]0;pwned\u{7}",
        "items": [
            {"id": "1", "url": "file:///etc/passwd", "title": "Judul \u{1b}[2Jbersih",
             "content_text": "Isi\u{1b}]52;c;SGFja2Vk\u{7} berita."},
            {"id": "2", "url": "javascript:alert(1)", "title": "Dua",
             "content_html": "<p>Dua <script>alert(1)</script>paragraf.</p>"},
        ]
    })
    .to_string();
    let body = brotli_stored(json.as_bytes());
    let server = Server::start(move |_| {
        Reply::ok(body.clone(), "application/feed+json").header("Content-Encoding", "br")
    });
    let url = server.url("/feed.json");
    let setup = setup(&format!("{url}\n"));
    let summary = update(&setup, &options());
    assert_eq!(
        summary.feeds[0].outcome,
        Outcome::Updated,
        "{:?}",
        summary.feeds[0]
    );
    let kept = store(&setup).load(&url).expect("readable").expect("items");
    assert!(
        kept.items.iter().all(|i| i.url.is_none()),
        "only http links are kept"
    );
    let report = warta::article::load_paths(std::slice::from_ref(&setup.paths.feeds));
    assert_eq!(report.articles.len(), 2);
    for article in &report.articles {
        let all = format!(
            "{}{}{:?}",
            article.title,
            article.body_text(),
            article.source_name
        );
        assert!(!all.chars().any(warta::text::is_unsafe), "{all:?}");
        assert!(!all.contains("alert"), "{all:?}");
    }
    assert_eq!(report.articles[0].title, "Judul bersih");
}

#[test]
fn opml_round_trips_newsboats_format() {
    let server = Server::start(|_| {
        Reply::ok(
            rss("Kabar", &numbered("k", "http://x.invalid", 0, 1)),
            "text/xml",
        )
    });
    let setup = setup("# kept comment\n");
    let dir = setup.paths.urls.parent().expect("a folder").to_path_buf();
    let newsboat = format!(
        "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Newsboat - Exported Feeds</title></head><body>\
         <outline type=\"rss\" xmlUrl=\"{}\" htmlUrl=\"https://kabar.example/\" title=\"Kabar\" text=\"Kabar\" category=\"berita,dalam negeri\"/>\
         <outline type=\"rss\" xmlUrl=\"https://blog.example/atom.xml\" htmlUrl=\"\" title=\"\" text=\"\" category=\"\"/>\
         </body></opml>\n",
        server.url("/rss")
    );
    let file = dir.join("newsboat.opml");
    std::fs::write(&file, newsboat).expect("written");
    let report = warta::subscribe::import_opml(&setup.paths, &file).expect("imported");
    assert_eq!((report.added, report.existing), (2, 0));
    let again = warta::subscribe::import_opml(&setup.paths, &file).expect("imported");
    assert_eq!((again.added, again.existing), (0, 2));
    let urls = std::fs::read_to_string(&setup.paths.urls).expect("the urls file");
    assert_eq!(
        urls,
        format!(
            "# kept comment\n{} berita \"dalam negeri\"\nhttps://blog.example/atom.xml\n",
            server.url("/rss")
        )
    );
    update(
        &setup,
        &UpdateOptions {
            only: vec![server.url("/rss")],
            ..options()
        },
    );
    let exported = warta::subscribe::export_opml(&setup.paths).expect("exported");
    assert!(exported.contains("title=\"Kabar\""), "{exported}");
    let back = warta::subscribe::opml::parse(&exported, Path::new("out.opml")).expect("read back");
    let pairs: Vec<_> = back
        .feeds
        .iter()
        .map(|f| (f.url.clone(), f.tags.clone()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                server.url("/rss"),
                vec!["berita".to_string(), "dalam negeri".into()]
            ),
            ("https://blog.example/atom.xml".to_string(), vec![]),
        ]
    );
}
