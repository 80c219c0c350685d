//! Updates under `kill -9`: a child process updates one large, ever-sliding feed in a loop
//! and is killed at random moments. After each kill an update runs to its end, and then
//! the feed's file must read as it did (no half-written file), hold every item once, and
//! hold every item of every update the child had acknowledged, although the feed itself
//! has long dropped them.

mod http_support;

use http_support::{Reply, Server, numbered};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use warta::subscribe::storage::FeedStore;
use warta::subscribe::{Paths, UpdateOptions};

const CHILD_URLS: &str = "WARTA_KILL9_URLS";
const CHILD_FEEDS: &str = "WARTA_KILL9_FEEDS";

/// Items per response, and how far the window slides between responses.
const WINDOW: usize = 200;
const SLIDE: usize = 20;

/// The items of response `k` (numbered from 0).
fn window(k: usize) -> std::ops::Range<usize> {
    k * SLIDE..k * SLIDE + WINDOW
}

/// The feed of response `k`: its number in the title, and long items so that writing the
/// file takes a while.
fn feed(k: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Kabar {k}</title>\n"
    );
    let range = window(k);
    for (guid, title, link) in numbered("item", "http://x.invalid", range.start, range.end) {
        out.push_str(&format!(
            "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid><description>{}</description></item>\n",
            "Warga kota menunggu keputusan dewan tentang jadwal kapal feri. ".repeat(6)
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn paths() -> Option<Paths> {
    Some(Paths {
        urls: PathBuf::from(std::env::var_os(CHILD_URLS)?),
        feeds: PathBuf::from(std::env::var_os(CHILD_FEEDS)?),
    })
}

/// The child: updates until killed, acknowledging on stdout the response number of each
/// update that returned. Run only by `kill9_never_loses_nor_duplicates_items`.
#[test]
#[ignore = "entry point of the child process of the kill -9 test"]
fn kill9_update_child() {
    let Some(paths) = paths() else {
        return;
    };
    let stop = AtomicBool::new(false);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    loop {
        let Ok(summary) = warta::subscribe::run(&paths, &UpdateOptions::default(), &stop, |_| {})
        else {
            std::process::exit(3);
        };
        let number = summary.feeds.first().and_then(|f| {
            f.title
                .as_deref()?
                .strip_prefix("Kabar ")?
                .parse::<usize>()
                .ok()
        });
        if let Some(k) = number
            && (writeln!(out, "ack {k}").and_then(|()| out.flush())).is_err()
        {
            std::process::exit(0);
        }
    }
}

#[test]
fn kill9_never_loses_nor_duplicates_items() -> Result<(), Box<dyn std::error::Error>> {
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    let server = Server::start(move |_| {
        let k = counter.fetch_add(1, Ordering::SeqCst);
        Reply::ok(feed(k), "application/rss+xml")
    });
    let dir = tempfile::tempdir()?;
    let paths = Paths {
        urls: dir.path().join("urls"),
        feeds: dir.path().join("feeds"),
    };
    let url = server.url("/rss");
    std::fs::write(&paths.urls, format!("{url}\n"))?;
    let exe = std::env::current_exe()?;
    let store = FeedStore::new(&paths.feeds);
    let mut acknowledged: Option<usize> = None;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait_for = (seed % 4) as usize;
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "kill9_update_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_URLS, &paths.urls)
            .env(CHILD_FEEDS, &paths.feeds)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut seen = 0;
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            if let Some(k) = line
                .strip_prefix("ack ")
                .and_then(|k| k.trim().parse().ok())
            {
                acknowledged = Some(acknowledged.map_or(k, |a: usize| a.max(k)));
                seen += 1;
                if seen > wait_for {
                    break;
                }
            }
        }
        child.kill()?; // SIGKILL on Unix
        child.wait()?;

        let summary = warta::subscribe::run(
            &paths,
            &UpdateOptions::default(),
            &AtomicBool::new(false),
            |_| {},
        )?;
        let last: usize = summary.feeds[0]
            .title
            .as_deref()
            .and_then(|t| t.strip_prefix("Kabar "))
            .and_then(|k| k.parse().ok())
            .ok_or("the update fetched the feed")?;
        let kept = store.load(&url)?.ok_or("items kept")?;
        let links: Vec<String> = kept.items.iter().filter_map(|i| i.url.clone()).collect();
        let unique: std::collections::HashSet<&String> = links.iter().collect();
        assert_eq!(
            unique.len(),
            links.len(),
            "round {round}: an item kept twice"
        );
        assert_eq!(links.len(), kept.items.len());
        let must_have = window(last).chain(acknowledged.map(window).unwrap_or(0..0));
        for n in must_have {
            assert!(
                unique.contains(&format!("http://x.invalid/item/{n}")),
                "round {round}: item {n} lost (acknowledged {acknowledged:?}, last {last})"
            );
        }
        // Everything ever served is there, in order: nothing between was lost either.
        assert_eq!(links.len(), window(last).end, "round {round}");
        let report = warta::article::load_paths(std::slice::from_ref(&paths.feeds));
        assert!(
            report.problems.is_empty(),
            "round {round}: {:?}",
            report.problems
        );
    }
    assert!(served.load(Ordering::SeqCst) > 20);
    Ok(())
}
