//! Loading the fixture folder through `load_paths`: every format, the walk order, skipped
//! files, and inputs that must never stop the rest.

use std::fs;
use std::path::{Path, PathBuf};
use warta::article::{self, Article, Block, Format, LoadReport};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn load_fixtures() -> LoadReport {
    article::load_paths(&[fixtures()])
}

fn by_title<'a>(report: &'a LoadReport, title: &str) -> &'a Article {
    report
        .articles
        .iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no article titled {title:?}"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-loaders-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn folder_walk_is_sorted_and_skips_non_articles() {
    let report = load_fixtures();
    let files: Vec<String> = report
        .articles
        .iter()
        .map(|a| {
            let rel = a
                .origin
                .path
                .strip_prefix(fixtures())
                .expect("under fixtures");
            format!("{}#{}", rel.to_string_lossy(), a.origin.index)
        })
        .collect();
    assert_eq!(
        files,
        [
            "bbc-shape.txt#0",
            "lines.jsonl#0",
            "lines.jsonl#2",
            "news.json#0",
            "news.json#1",
            "note.md#0",
            "rows.csv#0",
            "rows.csv#1",
            "rows.tsv#0",
            "scraped.txt#0",
            "sub/agnews.csv#0",
            "sub/agnews.csv#1",
            "wrapped.txt#0",
        ]
    );
    // README.md and .hidden.txt are passed over without a word; the broken JSON line and
    // the empty JSON record are reported, one line each.
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("lines.jsonl:2: invalid JSON"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("news.json: record 3: no title or body"),
        "{problems:?}"
    );
    let formats: Vec<Format> = report.articles.iter().map(|a| a.origin.format).collect();
    for f in [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Tsv,
        Format::Markdown,
    ] {
        assert!(formats.contains(&f), "{f} missing");
    }
}

#[test]
fn scraped_text_fixture() {
    let report = load_fixtures();
    let a = by_title(&report, "Jembatan Gantung Desa Sukamaju Resmi Dibuka");
    assert_eq!(
        a.lead.as_deref(),
        Some("Warga kini tak perlu memutar sejauh tujuh kilometer.")
    );
    assert_eq!(a.authors, ["Dimas Putra"]);
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2023-02-02T09:15:00+08:00")
    );
    assert_eq!(a.source_name.as_deref(), Some("TEMPO.CO"));
    assert_eq!(a.dateline.as_deref(), Some("Makassar"));
    assert!(
        matches!(&a.body.blocks()[0], Block::Caption(c) if c.credit.as_deref() == Some("ANTARA/Andi Wijaya"))
    );
    assert!(a.body.blocks().contains(&Block::Heading {
        text: "Anak Sekolah Paling Senang".into()
    }));
    let body = a.body_text();
    assert!(
        body.contains("\n\nBupati meresmikan jembatan gantung"),
        "{body}"
    );
    for gone in [
        "ADVERTISEMENT",
        "SCROLL",
        "(ant/ded)",
        "Baca juga",
        "Simak Video",
        "Berita Terkait",
        "Judul Berita Lain",
        "Editor",
    ] {
        assert!(!body.contains(gone), "{gone} left in {body}");
    }
}

#[test]
fn plain_and_wrapped_text_fixtures() {
    let report = load_fixtures();
    let a = by_title(&report, "Ferry operator adds winter crossings");
    assert_eq!(a.body.len(), 3);
    assert!(a.lead.is_none() && a.authors.is_empty() && a.dateline.is_none());
    let a = by_title(&report, "Library opens on Sundays");
    assert_eq!(a.authors, ["Ana Lee"]);
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2021-03-03")
    );
    assert_eq!(a.source_name.as_deref(), Some("AP"));
    assert_eq!(a.dateline.as_deref(), Some("Washington"));
    assert_eq!(a.body.len(), 2);
    assert!(
        a.body_text()
            .starts_with("The town library will open on Sundays from next month, the council said")
    );
}

#[test]
fn structured_fixtures() {
    let report = load_fixtures();
    let a = by_title(&report, "Kereta Cepat Tambah Jadwal");
    assert_eq!(a.authors, ["Rina Marlina", "Budi Santoso"]);
    assert_eq!(
        a.lead.as_deref(),
        Some("Operator menambah empat perjalanan.")
    );
    assert_eq!(a.source_name.as_deref(), Some("Contoh News"));
    assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
    assert_eq!(a.language.as_deref(), Some("id"));
    assert_eq!(a.body.len(), 2);
    let a = by_title(&report, "Pasar Malam Kembali Ramai");
    assert_eq!(
        a.body_text(),
        "Pasar malam kembali ramai, kata pedagang (12/5)."
    );
    let a = by_title(&report, "Nelayan Pulang Lebih Cepat");
    assert_eq!(a.source_name.as_deref(), Some("KOMPAS.com"));
    assert_eq!(
        a.body_text(),
        "Nelayan pulang lebih cepat karena ombak tinggi.\n\n\"Kami tidak berani,\" kata seorang nelayan."
    );
    let a = by_title(&report, "Chip Maker Profit Rises");
    assert_eq!(
        a.body_text(),
        "A chip maker's profit rose, \"beating forecasts\", as sales grew by $2 billion."
    );
    assert_eq!(a.tags, ["Business"]);
    let a = by_title(&report, "Festival Layang-Layang Digelar");
    assert!(a.body.blocks().contains(&Block::Quote {
        text: "Angin hari ini sempurna, kata seorang peserta.".into()
    }));
    assert!(
        matches!(a.body.blocks().last(), Some(Block::Caption(c)) if c.credit.as_deref() == Some("Dok. Panitia"))
    );
}

#[test]
fn bad_inputs_never_stop_the_rest() {
    let dir = temp_dir("bad");
    fs::write(dir.join("a-good.txt"), "Judul\n\nIsi berita.\n").unwrap();
    fs::write(
        dir.join("b-latin1.txt"),
        b"Prices\n\nIt costs \xa3300 now.\n",
    )
    .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Kabar\n\nIsi kabar.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(dir.join("c-utf16.txt"), utf16).unwrap();
    fs::write(dir.join("d-binary.txt"), b"\x00\x01\x02binary").unwrap();
    fs::write(dir.join("e-empty.txt"), "").unwrap();
    fs::write(dir.join("f-broken.json"), "{\"title\": [").unwrap();
    fs::write(
        dir.join("g-escapes.txt"),
        "Judul \u{1b}[31mmerah\u{1b}[0m\n\nIsi \u{1b}]0;x\u{7} aman.\n",
    )
    .unwrap();
    fs::write(dir.join("h-photo.png"), b"\x89PNG").unwrap();
    let big = fs::File::create(dir.join("i-huge.txt")).unwrap();
    big.set_len(article::walk::MAX_FILE_BYTES + 1).unwrap();
    drop(big);
    let report = article::load_paths(std::slice::from_ref(&dir));
    let titles: Vec<&str> = report.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Judul", "Prices", "Kabar", "Judul merah"]);
    let latin1 = &report.articles[1];
    assert_eq!(latin1.body_text(), "It costs £300 now.");
    assert_eq!(latin1.notes.len(), 1);
    assert_eq!(report.articles[3].body_text(), "Isi aman.");
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].contains("d-binary.txt: not an article file (binary data)"));
    assert!(problems[1].contains("e-empty.txt: no article found"));
    assert!(problems[2].contains("f-broken.json:1: invalid JSON"));
    assert!(problems[3].contains("i-huge.txt: file too large"));
    // A non-article named explicitly is reported rather than passed over.
    let report = article::load_paths(&[dir.join("h-photo.png"), dir.join("missing.txt")]);
    assert!(report.articles.is_empty());
    assert_eq!(report.problems.len(), 2);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.reason.contains("an image"))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.reason.starts_with("cannot open"))
    );
    let _ = fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn fifos_and_symlink_loops_are_safe() {
    let dir = temp_dir("special");
    fs::write(dir.join("a.txt"), "Judul\n\nIsi.\n").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let report = article::load_paths(std::slice::from_ref(&dir));
    assert_eq!(report.articles.len(), 1);
    // The loop is walked once; the FIFO is reported, never opened.
    assert_eq!(
        report.problems.len(),
        usize::from(made),
        "{:?}",
        report.problems
    );
    if made {
        assert_eq!(report.problems[0].reason, "not a regular file (a FIFO)");
        let report = article::load_paths(&[fifo]);
        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].reason.contains("not a regular file"));
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic spread of awkward inputs through every loader.
    let seeds: &[&[u8]] = &[
        b"",
        b"\n",
        b"{",
        b"[",
        b"[[[[",
        b"{\"title\":\"",
        b"\xff\xfe",
        b"\xfe\xff\x00",
        b"---\n",
        b"+++\n",
        b"# \n",
        b"(",
        b"a,b\n\"",
        b"\"1\",\"",
        b"\xe2\x82",
        b"oleh\n",
        b"- \n- \n",
        b"Judul\n\noleh X diperbarui 99 Foo 2023, 99:99 WIB\n\nA (B",
    ];
    let names = ["x.txt", "x.json", "x.jsonl", "x.csv", "x.tsv", "x.md", "x"];
    for seed in seeds {
        for name in names {
            let _ = article::load_bytes(Path::new(name), seed);
            let mut doubled = seed.to_vec();
            doubled.extend_from_slice(seed);
            doubled.extend_from_slice("é\u{1b}[2J".as_bytes());
            let _ = article::load_bytes(Path::new(name), &doubled);
        }
    }
}

#[test]
fn pages_and_feeds_are_sniffed_by_content() {
    let dir = temp_dir("sniff");
    fs::write(
        dir.join("halaman"),
        "<!DOCTYPE html><html><head><title>Pasar Baru Dibuka</title></head><body><article><h1>Pasar Baru Dibuka</h1><p>Pedagang mulai menempati kios baru di pusat kota sejak Senin pagi, setelah renovasi selama delapan bulan.</p><p>Pengelola menyebut seluruh kios sudah terisi dan jam buka diperpanjang hingga malam hari.</p></article></body></html>",
    )
    .unwrap();
    fs::write(
        dir.join("kabar.json"),
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Kabar Kota", "items": [{"id": "1", "title": "Taman Kota Dibuka", "content_text": "Taman dibuka untuk umum."}]}"#,
    )
    .unwrap();
    fs::write(
        dir.join("umpan.txt"),
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Warta Desa</title><item><title>Sumur Baru</title><description>Warga menggali sumur baru.</description></item></channel></rss>",
    )
    .unwrap();
    fs::write(
        dir.join("isi.json"),
        r#"{"title": "Hujan Es", "content_html": "<p>Hujan es turun <b>sore</b> ini.</p><p>Warga berteduh.</p>"}"#,
    )
    .unwrap();
    let report = article::load_paths(std::slice::from_ref(&dir));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let got: Vec<(&str, Format)> = report
        .articles
        .iter()
        .map(|a| (a.title.as_str(), a.origin.format))
        .collect();
    assert_eq!(
        got,
        [
            ("Pasar Baru Dibuka", Format::Html),
            ("Hujan Es", Format::Json),
            ("Taman Kota Dibuka", Format::Feed),
            ("Sumur Baru", Format::Feed),
        ]
    );
    assert_eq!(
        report.articles[1].body_text(),
        "Hujan es turun sore ini.\n\nWarga berteduh."
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A field longer than a line may be (1 MB) in JSON, JSON lines and CSV is cut there, and
/// the article says so, as a text file's long line does.
#[test]
fn fields_over_a_megabyte_are_cut_with_a_note() {
    let long_body = "kata ".repeat(600_000); // 3 MB on one line
    let long_title = "Judul ".repeat(400_000); // 2.4 MB
    let json = serde_json::json!({"title": long_title, "content": long_body}).to_string();
    let csv = format!("title,body\nJudul pendek,\"{long_body}\"\n");
    let cases = [
        ("a.json", json.clone()),
        ("a.jsonl", format!("{json}\n")),
        ("a.csv", csv),
    ];
    for (name, text) in cases {
        let report = article::load_bytes(Path::new(name), text.as_bytes());
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
        let a = &report.articles[0];
        assert!(
            a.notes
                .iter()
                .any(|n| n == "a line of the body of 3 MB was cut to its first 1 MB"),
            "{name}: {:?}",
            a.notes
        );
        assert!(a.body_text().len() <= article::MAX_LINE_BYTES, "{name}");
        if name != "a.csv" {
            assert!(
                a.notes
                    .iter()
                    .any(|n| n == "a title of 3 MB was cut to its first 1 MB"),
                "{name}: {:?}",
                a.notes
            );
            assert!(a.title.len() <= article::MAX_LINE_BYTES, "{name}");
        }
    }
}
