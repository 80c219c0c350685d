//! Saved-page extraction and feed parsing costs: the project's fixtures, a generated
//! news page of realistic size (about 250 KB with scripts, navigation and a related list),
//! a generated 500-item feed, and the shared saved pages when `../shared` exists.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use warta::article::{feed, html};

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_default()
}

/// A page with the shape of a real news page: a large head full of scripts, navigation,
/// a 40-paragraph article with figures, and a related-story list.
fn big_page() -> String {
    let mut page = String::from("<html><head><title>Generated story</title>");
    for i in 0..40 {
        page.push_str(&format!(
            "<script>var tracker{i} = {{id: {i}, tags: ['a','b','c']}};</script>"
        ));
        page.push_str(&format!("<meta name=\"k{i}\" content=\"value {i}\">"));
    }
    page.push_str("<style>");
    page.push_str(&".x { color: red; } ".repeat(3000));
    page.push_str("</style></head><body><nav><ul>");
    for i in 0..120 {
        page.push_str(&format!("<li><a href=\"/s{i}\">Section {i}</a></li>"));
    }
    page.push_str("</ul></nav><article><h1>Generated story</h1>");
    for i in 0..40 {
        page.push_str(&format!(
            "<p>Paragraph {i} tells how the council, the harbour board and the ferry operator \
             argued over the timetable for another week, with &ldquo;quotes&rdquo; &amp; \
             <a href=\"/x\">links</a> along the way, before anyone agreed on a date.</p>"
        ));
        if i % 8 == 0 {
            page.push_str("<figure><img src=a.jpg><figcaption>A generated picture (Photo: Desk)</figcaption></figure>");
        }
    }
    page.push_str("</article><aside><ul>");
    for i in 0..200 {
        page.push_str(&format!(
            "<li><a href=\"/r{i}\">Related story number {i} with a long headline</a></li>"
        ));
    }
    page.push_str("</ul></aside><footer>Footer text</footer></body></html>");
    page
}

fn big_feed(items: usize) -> String {
    let mut feed = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Generated</title><link>https://x.example/</link><description>d</description>",
    );
    for i in 0..items {
        feed.push_str(&format!(
            "<item><title>Item {i} &amp; more</title><link>https://x.example/{i}</link>\
             <pubDate>Tue, 12 Mar 2024 08:15:00 +0100</pubDate><category>News</category>\
             <description>Summary of item {i}.</description><content:encoded><![CDATA[<p>First paragraph of item {i}.</p><p>Second paragraph with <b>bold</b> text.</p>]]></content:encoded></item>"
        ));
    }
    feed.push_str("</channel></rss>");
    feed
}

fn shared_pages() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/html");
    let mut sites: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    sites.sort();
    sites
        .into_iter()
        .filter_map(|site| {
            let name = site.file_name()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(site.join("source.html")).ok()?))
        })
        .collect()
}

fn pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("html_load");
    let path = Path::new("page.html");
    let fixture_page = fixture("html/news-page.html");
    group.throughput(Throughput::Bytes(fixture_page.len() as u64));
    group.bench_function("fixture_news_page", |b| {
        b.iter(|| html::load(path, black_box(&fixture_page)))
    });
    let big = big_page().into_bytes();
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("generated_250k_page", |b| {
        b.iter(|| html::load(path, black_box(&big)))
    });
    for (name, bytes) in shared_pages() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("shared_{name}"), |b| {
            b.iter(|| html::load(path, black_box(&bytes)))
        });
    }
    group.finish();
}

fn feeds(c: &mut Criterion) {
    let mut group = c.benchmark_group("feed_load");
    let path = Path::new("feed.xml");
    let rss = fixture("feeds/rss2.xml");
    group.bench_function("fixture_rss2", |b| {
        b.iter(|| feed::load(path, black_box(&rss)))
    });
    let big = big_feed(500).into_bytes();
    group.throughput(Throughput::Elements(500));
    group.bench_function("generated_500_items", |b| {
        b.iter(|| feed::load(path, black_box(&big)))
    });
    group.finish();
}

fn fragments(c: &mut Criterion) {
    let fragment = "<p>Harga cabai naik &amp; pasokan turun.</p><h2>Sebab</h2><p>Hujan deras.</p><ul><li>Satu</li><li>Dua</li></ul>";
    c.bench_function("fragment_blocks", |b| {
        b.iter(|| html::fragment_blocks(black_box(fragment)))
    });
}

criterion_group!(benches, pages, feeds, fragments);
criterion_main!(benches);
