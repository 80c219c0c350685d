//! The bundled samples: they load cleanly through the real loaders, in the expected shapes,
//! and the people and organizations they share recur across articles and files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use warta::article::samples::SAMPLES;
use warta::article::{Article, Block, Format, LoadReport, load_bytes, load_samples};

/// Articles expected in each bundled file.
const COUNTS: &[(&str, usize)] = &[
    ("menhan-buka-pertemuan-pertahanan-asean-2026.txt", 1),
    ("asean-defence-ministers-back-naval-hotline-2026.txt", 1),
    ("kpk-tahan-kepala-bpbd-riau-2025.txt", 1),
    ("kpk-geledah-kantor-bpbd-riau-2025.txt", 1),
    ("indonesia-news-briefs-2025-2026.csv", 3),
    ("berita-pilihan-okt-2025-feb-2026.jsonl", 3),
    ("banjir-riau-bnpb-kirim-bantuan-2026.txt", 1),
    ("riau-floods-displace-thousands-2026.txt", 1),
    ("bi-pertahankan-suku-bunga-rupiah-menguat-2026.txt", 1),
    ("indonesia-central-bank-holds-rates-2026.txt", 1),
    ("economy-and-floods-newsapi-2026.json", 2),
    ("persija-winger-dimas-arya-joins-buriram-2026.txt", 1),
    ("mengenal-ruu-kecerdasan-artifisial-2026.md", 1),
    ("indonesia-ai-bill-parliament-debate-2026.txt", 1),
    ("sepekan-hotline-asean-kasus-bpbd-riau-dimas-2026.md", 1),
];

const TOTAL: usize = 20;

fn file_name(article: &Article) -> String {
    article
        .origin
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn articles_in<'a>(report: &'a LoadReport, file: &str) -> Vec<&'a Article> {
    report
        .articles
        .iter()
        .filter(|article| file_name(article) == file)
        .collect()
}

fn only_article<'a>(report: &'a LoadReport, file: &str) -> &'a Article {
    let found = articles_in(report, file);
    assert_eq!(found.len(), 1, "{file}: expected one article");
    found[0]
}

fn headings(article: &Article) -> Vec<String> {
    article
        .body
        .blocks()
        .iter()
        .filter_map(|block| match block {
            Block::Heading { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn captions(article: &Article) -> Vec<(String, Option<String>)> {
    article
        .body
        .blocks()
        .iter()
        .filter_map(|block| match block {
            Block::Caption(caption) => Some((caption.text.clone(), caption.credit.clone())),
            _ => None,
        })
        .collect()
}

fn quotes(article: &Article) -> usize {
    article
        .body
        .blocks()
        .iter()
        .filter(|block| matches!(block, Block::Quote { .. }))
        .count()
}

fn date(article: &Article) -> String {
    article
        .published
        .map(|published| published.to_string())
        .unwrap_or_default()
}

/// Whether `needle` occurs in `haystack` with no letter or digit touching either end.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn every_sample_loads_without_problems() {
    let report = load_samples();
    assert!(
        report.problems.is_empty(),
        "problems: {:?}",
        report.problems
    );
    assert_eq!(report.articles.len(), TOTAL);
    assert_eq!(SAMPLES.len(), COUNTS.len());
    for (file, count) in COUNTS {
        assert_eq!(articles_in(&report, file).len(), *count, "{file}");
    }
    for article in &report.articles {
        let name = file_name(article);
        assert!(!article.title.trim().is_empty(), "{name}: empty title");
        let words = article.body_text().split_whitespace().count();
        assert!(
            words >= 200,
            "{name} ({}): only {words} words",
            article.title
        );
    }
}

#[test]
fn each_file_loads_alone_with_its_format() {
    for (name, bytes) in SAMPLES {
        let report = load_bytes(Path::new(name), bytes);
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
        let expected = COUNTS
            .iter()
            .find(|(file, _)| file == name)
            .map(|(_, count)| *count);
        assert_eq!(Some(report.articles.len()), expected, "{name}");
        let format = match name.rsplit('.').next() {
            Some("txt") => Format::Text,
            Some("json") => Format::Json,
            Some("jsonl") => Format::Jsonl,
            Some("csv") => Format::Csv,
            Some("md") => Format::Markdown,
            other => panic!("{name}: unexpected extension {other:?}"),
        };
        for (index, article) in report.articles.iter().enumerate() {
            assert_eq!(article.origin.format, format, "{name}");
            assert_eq!(article.origin.index, index, "{name}");
        }
    }
}

#[test]
fn half_the_samples_are_indonesian_and_half_english() {
    let report = load_samples();
    let mut by_language: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for article in &report.articles {
        by_language
            .entry(article.language.clone().unwrap_or_default())
            .or_default()
            .push(article.title.clone());
    }
    assert_eq!(
        by_language.get("id").map(Vec::len),
        Some(10),
        "{by_language:#?}"
    );
    assert_eq!(
        by_language.get("en").map(Vec::len),
        Some(10),
        "{by_language:#?}"
    );
}

/// The same people and organizations turn up in several articles and several files, so the
/// entity sidebar has somewhere to go. Each entry: the forms that count as a mention.
const RECURRING: &[&[&str]] = &[
    // People.
    &["Satria Mahendra Lubis"],
    &["Ratna Kusumawardani"],
    &["Dwi Anggraini Prasetyo"],
    &["Irwan Syahputra"],
    &["Fadli Rachman"],
    &["Rudianto Simanjuntak"],
    &["Liem Hartono Wijaya"],
    &["Yohanes Marpaung"],
    &["Teguh Santoso Hakim"],
    &["Bayu Nugroho"],
    &["Dimas Arya Ramadhan"],
    &["Carlos Pereira"],
    &["Adrian Cheong"],
    // Organizations.
    &[
        "KPK",
        "Komisi Pemberantasan Korupsi",
        "Corruption Eradication Commission",
    ],
    &["Bank Indonesia"],
    &["BNPB", "Badan Nasional Penanggulangan Bencana"],
    &["ASEAN"],
    &["TNI"],
    &["DPR", "House of Representatives"],
    &["Komdigi", "Kementerian Komunikasi dan Digital"],
    &["Pertamina"],
    &["IMF", "International Monetary Fund"],
    &["OJK", "Otoritas Jasa Keuangan"],
    &["BPS", "Badan Pusat Statistik"],
    &["Persija Jakarta", "Persija"],
    &[
        "Pemprov Riau",
        "Pemerintah Provinsi Riau",
        "Pemerintah Provinsi (Pemprov) Riau",
    ],
    &["Polda Riau"],
    &["Polda Metro Jaya"],
    &["PT Sinar Bahtera Teknik"],
];

#[test]
fn people_and_organizations_recur_across_articles() {
    let report = load_samples();
    assert_eq!(report.articles.len(), TOTAL);
    let texts: Vec<(String, String)> = report
        .articles
        .iter()
        .map(|article| {
            (
                file_name(article),
                format!("{}\n\n{}", article.title, article.body_text()),
            )
        })
        .collect();
    for forms in RECURRING {
        let hits: Vec<&(String, String)> = texts
            .iter()
            .filter(|(_, text)| forms.iter().any(|form| contains_word(text, form)))
            .collect();
        let files: BTreeSet<&str> = hits.iter().map(|(file, _)| file.as_str()).collect();
        assert!(
            hits.len() >= 3 && files.len() >= 2,
            "{:?} is in {} articles across {:?}",
            forms[0],
            hits.len(),
            files
        );
    }
}

#[test]
fn site_boilerplate_and_bylines_stay_out_of_the_text() {
    const NEVER: &[&str] = &[
        "Baca juga",
        "SCROLL TO CONTINUE WITH CONTENT",
        "ADVERTISEMENT",
        "Simak Video",
        "Rekomendasi",
        "POPULER",
        "Berita Terkini Selengkapnya",
        "(rfz/ded)",
        "Editor:",
        "Pewarta:",
        "Penulis:",
        "Reporter:",
        "- detikNews",
        "diperbarui 04 Mar 2026",
        "By Michael Thornton",
        "By Claire Donovan",
        "Updated 8:45 PM",
    ];
    let report = load_samples();
    for article in &report.articles {
        let text = article.body_text();
        for line in NEVER {
            assert!(
                !text.contains(line),
                "{}: {line:?} left in the body",
                file_name(article)
            );
        }
    }
}

/// What the scraped-text loader should find in each `.txt` sample.
struct Scraped {
    file: &'static str,
    title: &'static str,
    authors: &'static [&'static str],
    /// Start of the published date as printed (`2026-03-04T13:45:00+07:00`).
    date: &'static str,
    /// The dateline place, lowercase; the loaded one may continue with a country.
    dateline: Option<&'static str>,
    headings: &'static [&'static str],
    /// Number of captions and the credit of the first.
    captions: (usize, Option<&'static str>),
}

const SCRAPED: &[Scraped] = &[
    Scraped {
        file: "menhan-buka-pertemuan-pertahanan-asean-2026.txt",
        title: "Menhan Satria Lubis Buka Pertemuan Menteri Pertahanan ASEAN di Jakarta",
        authors: &["Nadia Puspitasari"],
        date: "2026-03-04T13:45:00+07:00",
        dateline: Some("jakarta"),
        headings: &["Pengamanan Berlapis", "Mitra dari Luar Kawasan"],
        captions: (3, Some("Dok. Kemhan")),
    },
    Scraped {
        file: "asean-defence-ministers-back-naval-hotline-2026.txt",
        title: "ASEAN defence ministers back wider naval hotline after Jakarta talks",
        authors: &["Michael Thornton", "Putri Handayani"],
        date: "2026-03-05",
        dateline: Some("jakarta"),
        headings: &["PARTNERS WELCOME STEP", "BUDGET QUESTIONS"],
        captions: (1, Some("REUTERS/Putri Handayani")),
    },
    Scraped {
        file: "kpk-tahan-kepala-bpbd-riau-2025.txt",
        title: "KPK Tahan Kepala BPBD Riau dalam Kasus Suap Pengadaan Sistem Peringatan Dini Banjir",
        authors: &["Irfan Maulana"],
        date: "2025-09-16T19:05:00+07:00",
        dateline: Some("jakarta"),
        headings: &["Ditangkap di Jakarta", "Pemprov Riau Hormati Proses Hukum"],
        captions: (1, Some("KOMPAS.com/IRFAN MAULANA")),
    },
    Scraped {
        file: "kpk-geledah-kantor-bpbd-riau-2025.txt",
        title: "KPK Geledah Kantor BPBD Riau dan Perusahaan Rekanan di Pekanbaru",
        authors: &["Rahmat Fauzi"],
        date: "2025-09-19T16:40:00+07:00",
        dateline: Some("jakarta"),
        headings: &["Dikawal Polda Riau"],
        captions: (1, Some("Rahmat Fauzi/detikcom")),
    },
    Scraped {
        file: "banjir-riau-bnpb-kirim-bantuan-2026.txt",
        title: "Banjir Riau Meluas, BNPB Kirim Perahu Karet dan Logistik ke Pekanbaru",
        authors: &["Andika Putra"],
        date: "2026-01-05T18:10:00+07:00",
        dateline: Some("pekanbaru"),
        headings: &[
            "Status Tanggap Darurat",
            "Sirene Tak Berbunyi",
            "TNI dan Polri Dikerahkan",
        ],
        captions: (1, Some("TEMPO/Andika Putra")),
    },
    Scraped {
        file: "riau-floods-displace-thousands-2026.txt",
        title: "Floods displace thousands in Indonesia's Riau province as rivers keep rising",
        authors: &["Yusuf Pranata", "Claire Donovan"],
        date: "2026-01-06",
        dateline: Some("pekanbaru"),
        headings: &[],
        captions: (2, Some("AP Photo/Yusuf Pranata")),
    },
    Scraped {
        file: "bi-pertahankan-suku-bunga-rupiah-menguat-2026.txt",
        title: "BI Pertahankan Suku Bunga Acuan 4,75 Persen, Rupiah Menguat",
        authors: &["Dhemas Pratama"],
        date: "2026-01-21T15:20:00+07:00",
        dateline: Some("jakarta"),
        headings: &["Dampak Banjir Riau", "Koordinasi Fiskal dan Moneter"],
        captions: (1, Some("ANTARA/Dhemas Pratama")),
    },
    Scraped {
        file: "indonesia-central-bank-holds-rates-2026.txt",
        title: "Indonesia central bank holds rates, signals patience as rupiah steadies",
        authors: &["Michael Thornton"],
        date: "2026-01-21",
        dateline: Some("jakarta"),
        headings: &["FISCAL SUPPORT", "IMF VISIT"],
        captions: (0, None),
    },
    Scraped {
        file: "persija-winger-dimas-arya-joins-buriram-2026.txt",
        title: "Persija winger Dimas Arya seals move to Buriram United",
        authors: &[],
        date: "",
        dateline: None,
        headings: &[],
        captions: (0, None),
    },
    Scraped {
        file: "indonesia-ai-bill-parliament-debate-2026.txt",
        title: "Indonesia's parliament opens debate on AI law that would require labels on chatbot content",
        authors: &["Claire Donovan"],
        date: "2026-02-24",
        dateline: Some("jakarta"),
        headings: &[],
        captions: (1, Some("AP Photo/Dita Maharani")),
    },
];

#[test]
fn scraped_text_samples_keep_their_metadata_apart_from_the_text() {
    let report = load_samples();
    for want in SCRAPED {
        let article = only_article(&report, want.file);
        let file = want.file;
        assert_eq!(article.title, want.title, "{file}");
        assert_eq!(article.authors, want.authors, "{file}");
        assert!(
            date(article).starts_with(want.date),
            "{file}: published {:?}, expected {:?}",
            date(article),
            want.date
        );
        // The place may keep a country after it (`PEKANBARU, Indonesia (AP) --`).
        let dateline = article
            .dateline
            .as_deref()
            .map(|place| place.to_lowercase());
        match want.dateline {
            Some(place) => assert!(
                dateline
                    .as_deref()
                    .is_some_and(|got| got.starts_with(place)),
                "{file}: dateline {dateline:?}, expected {place:?}"
            ),
            None => assert_eq!(dateline, None, "{file}"),
        }
        assert_eq!(headings(article), want.headings, "{file}");
        let found = captions(article);
        assert_eq!(found.len(), want.captions.0, "{file}: {found:?}");
        assert_eq!(
            found.first().and_then(|c| c.1.as_deref()),
            want.captions.1,
            "{file}"
        );
    }
}

#[test]
fn structured_samples_keep_their_fields() {
    let report = load_samples();

    let json = articles_in(&report, "economy-and-floods-newsapi-2026.json");
    assert_eq!(json.len(), 2);
    assert_eq!(
        json[0].title,
        "IMF says Indonesia's economy resilient, backs central bank's focus on rupiah"
    );
    assert_eq!(json[0].authors, ["Kevin Tanujaya"]);
    assert_eq!(
        json[0].source_name.as_deref(),
        Some("Nusantara Business Daily")
    );
    assert!(date(json[0]).starts_with("2026-02-12"), "{}", date(json[0]));
    assert!(
        json[1]
            .url
            .as_deref()
            .is_some_and(|url| url.contains("riau-flood"))
    );

    let jsonl = articles_in(&report, "berita-pilihan-okt-2025-feb-2026.jsonl");
    assert_eq!(jsonl.len(), 3);
    assert_eq!(
        jsonl[0].title,
        "KPK Periksa Gubernur Riau Irwan Syahputra sebagai Saksi Kasus Sirene Banjir"
    );
    assert!(
        date(jsonl[0]).starts_with("2025-10-07"),
        "{}",
        date(jsonl[0])
    );
    assert!(
        jsonl[2]
            .url
            .as_deref()
            .is_some_and(|url| url.contains("persija"))
    );

    let csv = articles_in(&report, "indonesia-news-briefs-2025-2026.csv");
    assert_eq!(csv.len(), 3);
    assert_eq!(
        csv[1].title,
        "Indonesia's inflation eases to 2.3% in January, statistics bureau says"
    );
    assert_eq!(csv[1].authors, ["Michael Thornton"]);
    assert!(date(csv[1]).starts_with("2026-02-02"), "{}", date(csv[1]));
    assert!(
        csv[0].body.len() >= 8,
        "CSV body paragraphs: {}",
        csv[0].body.len()
    );

    let md = only_article(&report, "mengenal-ruu-kecerdasan-artifisial-2026.md");
    assert!(md.title.starts_with("Mengenal RUU Kecerdasan Artifisial"));
    assert_eq!(md.authors, ["Larasati Nugraheni"]);
    assert!(date(md).starts_with("2026-02-20"), "{}", date(md));
    assert_eq!(md.language.as_deref(), Some("id"));
    assert!(md.tags.iter().any(|tag| tag == "Komdigi"), "{:?}", md.tags);
    assert_eq!(headings(md).len(), 5, "{:?}", headings(md));
    assert_eq!(quotes(md), 2);
    let md_captions = captions(md);
    assert_eq!(md_captions.len(), 1, "{md_captions:?}");
    assert!(
        md_captions[0]
            .0
            .starts_with("Menteri Komunikasi dan Digital Yohanes Marpaung")
    );

    let roundup = only_article(
        &report,
        "sepekan-hotline-asean-kasus-bpbd-riau-dimas-2026.md",
    );
    assert!(date(roundup).starts_with("2026-03-08"), "{}", date(roundup));
    assert_eq!(roundup.tags.len(), 5, "{:?}", roundup.tags);
    assert_eq!(headings(roundup).len(), 5);
}
