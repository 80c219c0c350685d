//! Metadata a file holds without naming it: a source from the URL's site, a date from the
//! URL or the record's id (and `list --json` saying where it came from), titles rebuilt
//! from slugs, body links, code blocks; and site boilerplate in the shapes scraped Detik
//! and CNN pages have, removed wherever it sits. The fixtures are written here.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use warta::article::{Block, PublishedFrom, load_bytes};

fn load_one(name: &str, bytes: &[u8]) -> warta::article::Article {
    let report = load_bytes(Path::new(name), bytes);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1, "{name}");
    report.articles.into_iter().next().expect("one article")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-meta-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A scraped Detik page as text: promotion lines between paragraphs and at the end.
const DETIK_TEXT: &str = "\
Jembatan Gantung Baru Dibuka untuk Warga Dua Desa

Jakarta - Pemerintah kabupaten membuka jembatan gantung yang menghubungkan dua desa di tepi sungai.

SCROLL TO RESUME CONTENT

Bupati mengatakan jembatan itu memangkas waktu tempuh warga ke pasar dari satu jam menjadi sepuluh menit.

Saksikan Live DetikSore :

Ngobrol Sore Bareng Warga Desa

Warga berharap jembatan itu dirawat dengan baik. Simak selengkapnya di halaman selanjutnya.

Lihat juga Video 'Warga Seberangi Sungai dengan Rakit':

Lihat juga Video: Bupati Resmikan Jembatan Gantung
";

#[test]
fn detik_boilerplate_goes_wherever_it_sits() {
    let a = load_one("jembatan.txt", DETIK_TEXT.as_bytes());
    let body = a.body_text();
    assert_eq!(
        body,
        "Pemerintah kabupaten membuka jembatan gantung yang menghubungkan dua desa di tepi sungai.\n\n\
         Bupati mengatakan jembatan itu memangkas waktu tempuh warga ke pasar dari satu jam menjadi sepuluh menit.\n\n\
         Warga berharap jembatan itu dirawat dengan baik."
    );
}

#[test]
fn detik_boilerplate_goes_from_comma_joined_csv_bodies() {
    let csv = "judul,berita\n\
        \"Harga Cabai Turun di Pasar Induk\",\"Harga cabai rawit turun dua hari terakhir.,SCROLL TO RESUME CONTENT,\
        Pedagang menyebut pasokan dari petani melimpah.,Lihat juga Video: Pedagang Cabai Keluhkan Sepi Pembeli\"\n";
    let report = load_bytes(Path::new("detik.csv"), csv.as_bytes());
    let a = &report.articles[0];
    assert_eq!(
        a.body_text(),
        "Harga cabai rawit turun dua hari terakhir.\n\nPedagang menyebut pasokan dari petani melimpah."
    );
}

/// A saved CNN-style page: a dated URL and no date field, a code block, body links, a
/// related-stories list, and the `First published` footer line.
const CNN_PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Parsers get faster - CNN</title>
<link rel="canonical" href="https://money.cnn.com/2016/02/01/technology/parsers-get-faster/index.html">
<meta property="og:site_name" content="CNNMoney">
</head><body><article>
<h1>Parsers get faster</h1>
<p>Developers who maintain the library said the new version reads documents in half the time,
according to <a href="/2016/01/20/technology/benchmarks/">benchmarks</a> they published last month.</p>
<p>The change needs one line in a project's settings, and the maintainers showed it in
<a href="https://example.org/docs/settings" title="docs">their documentation</a>:</p>
<pre><code>[parser]
  mode = "fast"
  threads = 2</code></pre>
<p>Older versions keep working, the maintainers said, and a <a href="javascript:void(0)">migration tool</a>
is planned for the spring.</p>
<p>Users who tried the release early reported that large files no longer stalled their editors.</p>
<div class="related-stories"><p><a href="/2016/01/10/other-story/">Another story</a></p></div>
<p>CNNMoney (New York) First published February 1, 2016: 1:28 AM ET</p>
</article></body></html>"#;

#[test]
fn a_page_keeps_its_code_links_and_a_date_from_its_url() {
    let a = load_one("parsers.html", CNN_PAGE.as_bytes());
    let blocks = a.body.blocks();
    assert!(
        blocks.contains(&Block::Code {
            text: "[parser]\n  mode = \"fast\"\n  threads = 2".into()
        }),
        "{blocks:?}"
    );
    let body = a.body_text();
    assert!(!body.contains("First published"), "{body}");
    assert!(body.ends_with("no longer stalled their editors."), "{body}");
    assert_eq!(
        a.links,
        [
            "https://money.cnn.com/2016/01/20/technology/benchmarks/",
            "https://example.org/docs/settings",
        ]
    );
    assert_eq!(a.source_name.as_deref(), Some("CNNMoney"));
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2016-02-01")
    );
    assert_eq!(a.published_from, PublishedFrom::Url);
}

#[test]
fn a_feed_item_keeps_its_links_and_code() {
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Catatan Teknis</title><link>https://catatan.contoh.id/</link>
<item><title>Cara Memasang Alat Baru</title><link>https://catatan.contoh.id/2024/03/05/cara-memasang</link>
<description><![CDATA[<p>Unduh dulu <a href="/unduh">berkasnya</a> lalu jalankan:</p>
<pre>pasang --semua
pasang --periksa</pre><p>Selesai, kata <a href="https://contoh.org/tim">tim pengembang</a>.</p>]]></description>
</item></channel></rss>"#;
    let a = load_one("catatan.xml", feed.as_bytes());
    assert!(a.body.blocks().contains(&Block::Code {
        text: "pasang --semua\npasang --periksa".into()
    }));
    assert_eq!(
        a.links,
        ["https://catatan.contoh.id/unduh", "https://contoh.org/tim"]
    );
    assert_eq!(a.published_from, PublishedFrom::Url);
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-05")
    );
}

/// Records in IndoSum's shape and others: a source, a date and a title each file leaves
/// for the loader to find.
const RECORDS: &str = concat!(
    r#"{"id": "1490674536-ketua-mpr-minta-tarif-diatur", "source_url": "https://www.cnnindonesia.com/nasional/20170328101010-20-1/ketua-mpr-minta-tarif-ojek-online-diatur", "paragraphs": [[["Ketua", "MPR", "meminta", "tarif", "ojek", "online", "diatur", "pemerintah", "."]]]}"#,
    "\n",
    r#"{"judul": "Banjir Rendam Kampung", "isi": "Air naik sejak pagi.", "tautan": "https://news.detik.com/berita/d-3630412/banjir-rendam-kampung"}"#,
    "\n",
    r#"{"judul": "Sidang Ditunda", "isi": "Hakim menunda sidang.", "url": "https://www.kompas.com/read/2017/09/06/10150081/sidang-ditunda"}"#,
    "\n",
    r#"{"judul": "Harga Naik", "isi": "Pedagang mengeluh.", "tanggal": "2023-01-30", "source": "detiknews", "url": "https://www.kompas.com/read/2017/09/06/1/x"}"#,
    "\n",
);

#[test]
fn records_take_source_date_and_title_from_their_urls_and_ids() {
    let report = load_bytes(Path::new("berita.jsonl"), RECORDS.as_bytes());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let a = &report.articles;
    assert_eq!(a.len(), 4);
    assert_eq!(a[0].title, "Ketua MPR Minta Tarif Ojek Online Diatur");
    assert_eq!(a[0].source_name.as_deref(), Some("CNN Indonesia"));
    assert_eq!(a[0].published_from, PublishedFrom::Id);
    assert_eq!(a[1].source_name.as_deref(), Some("detikNews"));
    assert_eq!(a[1].published, None);
    assert_eq!(a[2].source_name.as_deref(), Some("KOMPAS.com"));
    assert_eq!(a[2].published_from, PublishedFrom::Url);
    assert_eq!(
        a[2].published.map(|p| p.to_string()).as_deref(),
        Some("2017-09-06")
    );
    // A source named in lower case is spelled as the site spells itself; a date field wins.
    assert_eq!(a[3].source_name.as_deref(), Some("detikNews"));
    assert_eq!(a[3].published_from, PublishedFrom::Field);
}

#[test]
fn list_json_says_where_each_date_came_from() {
    let dir = temp_dir("json");
    std::fs::write(dir.join("berita.jsonl"), RECORDS).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "list", "--json"])
        .arg(&dir)
        .output()
        .expect("run warta");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let from: Vec<Option<&str>> = lines
        .iter()
        .map(|l| l.get("published_from").and_then(Value::as_str))
        .collect();
    assert_eq!(from, [Some("id"), None, Some("url"), Some("field")]);
    assert_eq!(lines[1]["source_name"], "detikNews");
    assert!(lines.iter().all(|l| l["links"].is_array()));
}
