//! Subscription updates against a local HTTP server on 127.0.0.1.
//!
//! - `subscriptions/unchanged_200`: 200 subscriptions, every one unchanged (each answers a
//!   conditional GET with 304): one whole update.
//! - `subscriptions/changed_200x50`: 200 feeds of 50 new items each, fetched and stored
//!   into an empty feeds folder, then the folder loaded and analysed by warta's collection
//!   loader and entity engine (what the reader does with it).

#[path = "../tests/http_support/mod.rs"]
mod http_support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use http_support::{Reply, Server};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use warta::subscribe::{Outcome, Paths, UpdateOptions};

const FEEDS: usize = 200;
const ITEMS: usize = 50;

const PEOPLE: &[&str] = &[
    "Ratna Wulandari",
    "Bambang Hartono",
    "Sari Puspitasari",
    "Agus Salim Nasution",
    "Dewi Kartika",
    "Hendra Gunawan",
];
const ORGS: &[&str] = &[
    "Kementerian Perhubungan",
    "Badan Meteorologi",
    "PT Kereta Api Nusantara",
    "Dewan Perwakilan Rakyat Daerah",
];

/// A feed of `ITEMS` items whose guids carry the generation, so each generation is new.
fn feed(name: &str, generation: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Kabar {name}</title><link>https://example.invalid/{name}</link>\n"
    );
    for i in 0..ITEMS {
        let n = generation * ITEMS + i;
        let person = PEOPLE[n % PEOPLE.len()];
        let other = PEOPLE[(n / 3 + 1) % PEOPLE.len()];
        let org = ORGS[n % ORGS.len()];
        out.push_str(&format!(
            "<item><title>{org} umumkan jadwal baru nomor {n}</title>\
             <link>https://example.invalid/{name}/{generation}/{i}</link><guid>{name}-{generation}-{i}</guid>\
             <pubDate>Tue, 16 Sep 2025 10:{:02}:00 +0700</pubDate>\
             <description>&lt;p&gt;JAKARTA - {org} mengumumkan jadwal baru pada Selasa. \
             Juru bicara {person} mengatakan perubahan berlaku pekan depan.&lt;/p&gt;\
             &lt;p&gt;&quot;Kami sudah berkoordinasi dengan semua pihak,&quot; kata {person}. \
             Menurut {other}, warga diminta memeriksa jadwal sebelum berangkat.&lt;/p&gt;\
             &lt;p&gt;Rapat dengan {org} dan para pengelola terminal berlangsung hingga sore. \
             {other} menambahkan bahwa tiket lama tetap berlaku sampai akhir bulan.&lt;/p&gt;</description></item>\n",
            i % 60
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn options() -> UpdateOptions {
    UpdateOptions {
        per_host: 8,
        ..UpdateOptions::default()
    }
}

fn urls_file(server: &Server, dir: &std::path::Path) -> Paths {
    let paths = Paths {
        urls: dir.join("urls"),
        feeds: dir.join("feeds"),
    };
    let urls: String = (0..FEEDS)
        .map(|n| format!("{}\n", server.url(&format!("/f{n}"))))
        .collect();
    std::fs::write(&paths.urls, urls).expect("the urls file");
    paths
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("subscriptions");
    group.sample_size(10);

    let unchanged = Server::start(|request| {
        if request.header("if-none-match") == Some("\"same\"") {
            return Reply::status(304);
        }
        let name = request.path.trim_start_matches('/').to_string();
        Reply::ok(feed(&name, 0), "application/rss+xml").header("ETag", "\"same\"")
    });
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = urls_file(&unchanged, dir.path());
    let stop = AtomicBool::new(false);
    warta::subscribe::run(&paths, &options(), &stop, |_| {}).expect("the first update");
    group.bench_function("unchanged_200", |b| {
        b.iter(|| {
            let summary =
                warta::subscribe::run(&paths, &options(), &stop, |_| {}).expect("an update");
            assert!(
                summary
                    .feeds
                    .iter()
                    .all(|f| f.outcome == Outcome::Unchanged)
            );
        })
    });

    let generation = Arc::new(AtomicUsize::new(0));
    let serving = generation.clone();
    let changed = Server::start(move |request| {
        let name = request.path.trim_start_matches('/').to_string();
        Reply::ok(
            feed(&name, serving.load(Ordering::SeqCst)),
            "application/rss+xml",
        )
    });
    group.bench_function("changed_200x50", |b| {
        b.iter_batched(
            || {
                generation.fetch_add(1, Ordering::SeqCst);
                let dir = tempfile::tempdir().expect("a temporary folder");
                let paths = urls_file(&changed, dir.path());
                (dir, paths)
            },
            |(_dir, paths)| {
                let summary =
                    warta::subscribe::run(&paths, &options(), &stop, |_| {}).expect("an update");
                assert_eq!(summary.new_items(), FEEDS * ITEMS);
                let (report, keys) =
                    warta::corpus::load::load_all(warta::corpus::load::Source::Paths(vec![
                        paths.feeds.clone(),
                    ]));
                assert_eq!(report.articles.len(), FEEDS * ITEMS);
                let corpus = warta::corpus::Corpus::analyze_cached(
                    Arc::new(report.articles),
                    Arc::new(keys),
                    None,
                );
                assert!(!corpus.index.entities.is_empty());
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
