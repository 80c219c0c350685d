//! Invented articles and a table-driven analyzer for the TUI tests, so screens do not
//! change when the entity engine's models do.

#![allow(dead_code)] // Each test file uses a different part of this module.

use chrono::{FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use warta::article::{Article, Block, Caption, Format, LoadReport, Origin, Problem, Published};
use warta::corpus::AnalysisEvent;
use warta::corpus::order::Sort;
use warta::ner::{Analysis, Entity, EntityKind, Lang};
use warta::tui::app::Settings;
use warta::tui::{App, Headless, Keymap, Message, Theme};

/// Names the fake analyzer finds, with their kind and role.
const NAMES: &[(&str, EntityKind, Option<&str>, &[&str])] = &[
    (
        "Siti Rahmawati",
        EntityKind::Person,
        Some("Wali Kota Tegalsari"),
        &["Siti"],
    ),
    (
        "Bambang Hartono",
        EntityKind::Person,
        Some("Kepala Dinas Pekerjaan Umum"),
        &["Bambang"],
    ),
    ("Dewi Anggraini", EntityKind::Person, None, &[]),
    (
        "Badan Penanggulangan Bencana Daerah",
        EntityKind::Organization,
        None,
        &["BPBD"],
    ),
    (
        "Palang Merah Indonesia",
        EntityKind::Organization,
        None,
        &["PMI"],
    ),
    ("Tegalsari", EntityKind::Place, None, &[]),
    ("Sungai Cibening", EntityKind::Place, None, &[]),
    (
        "Margaret Oduya",
        EntityKind::Person,
        Some("finance minister"),
        &["Oduya"],
    ),
    (
        "Northport Harbour Authority",
        EntityKind::Organization,
        None,
        &["the authority"],
    ),
    ("Kessington", EntityKind::Place, None, &[]),
    (
        "Tomás Ferreira",
        EntityKind::Person,
        Some("union leader"),
        &["Ferreira"],
    ),
];

fn origin(i: usize) -> Origin {
    Origin {
        path: PathBuf::from(format!("fixtures/article-{i:02}.txt")),
        index: 0,
        format: Format::Text,
    }
}

fn date(y: i32, m: u32, d: u32, hm: Option<(u32, u32)>) -> Option<Published> {
    let day = NaiveDate::from_ymd_opt(y, m, d)?;
    let (h, min) = hm.unwrap_or((0, 0));
    Some(Published {
        local: day.and_hms_opt(h, min, 0)?,
        offset: hm.and_then(|_| FixedOffset::east_opt(7 * 3600)),
        has_time: hm.is_some(),
    })
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_string(),
    }
}

/// The flood story: the one the tests open; long enough to scroll.
fn flood() -> Article {
    let mut a = Article::new(
        "Banjir rendam tiga kecamatan di Tegalsari, Siti Rahmawati minta warga mengungsi",
        origin(0),
    );
    a.lead = Some("Hujan deras sejak Minggu malam membuat Sungai Cibening meluap.".into());
    a.authors = vec!["Rina Kusuma".into(), "Agus Salim".into()];
    a.published = date(2024, 1, 15, Some((9, 30)));
    a.source_name = Some("Kabar Tegalsari".into());
    a.dateline = Some("Tegalsari".into());
    a.language = Some("id".into());
    a.body = vec![
        para(
            "Wali Kota Tegalsari Siti Rahmawati meminta warga di bantaran Sungai Cibening segera mengungsi ke tempat yang lebih tinggi. Menurut Siti, air masih bisa naik hingga sore.",
        ),
        para(
            "Badan Penanggulangan Bencana Daerah (BPBD) mencatat sedikitnya 1.200 rumah terendam. BPBD juga menyiapkan dapur umum di tiga titik.",
        ),
        Block::Caption(Caption {
            text: "Petugas BPBD mengevakuasi warga dengan perahu karet".into(),
            credit: Some("Foto: Dewi Anggraini".into()),
        }),
        Block::Heading {
            text: "Tanggul jebol".into(),
        },
        para(
            "Kepala Dinas Pekerjaan Umum Bambang Hartono mengatakan tanggul sepanjang dua puluh meter jebol pada Senin dini hari. Bambang memperkirakan perbaikan butuh waktu satu minggu.",
        ),
        Block::Quote {
            text: "Kami bekerja siang dan malam supaya warga bisa pulang secepatnya.".into(),
        },
        para(
            "Relawan Palang Merah Indonesia (PMI) membagikan selimut dan obat-obatan. PMI membuka posko kesehatan di balai desa.",
        ),
        para(
            "Siti Rahmawati menambahkan, sekolah di tiga kecamatan diliburkan sampai air surut. Warga diminta memantau pengumuman resmi dari BPBD.",
        ),
        para(
            "Hingga Senin siang, belum ada laporan korban jiwa. Siti berjanji pemerintah kota menanggung biaya pengobatan warga yang sakit.",
        ),
    ].into();
    a
}

fn harbour() -> Article {
    let mut a = Article::new("Northport harbour to expand after record year", origin(1));
    a.lead = Some("Container traffic grew by a fifth, the authority said.".into());
    a.authors = vec!["Jonas Whitfield".into()];
    a.published = date(2024, 2, 3, None);
    a.source_name = Some("Coastal Ledger".into());
    a.dateline = Some("Kessington".into());
    a.language = Some("en".into());
    a.body = vec![
        para(
            "The Northport Harbour Authority will build two new berths, finance minister Margaret Oduya announced on Friday in Kessington.",
        ),
        para(
            "Oduya said the expansion would be paid for from port fees. Tomás Ferreira, a union leader, welcomed the plan but asked for safety guarantees.",
        ),
        para("The authority expects work to begin in the spring."),
    ].into();
    a
}

fn filler(i: usize) -> Article {
    let topics = [
        (
            "Pasar malam kembali dibuka setelah renovasi",
            "Warta Kota",
            "id",
        ),
        (
            "Rail line reopens after a month of repairs",
            "Morning Post",
            "en",
        ),
        (
            "Harga cabai turun menjelang panen raya",
            "Kabar Tegalsari",
            "id",
        ),
        (
            "Library extends weekend opening hours",
            "Coastal Ledger",
            "en",
        ),
        (
            "Festival layang-layang menarik ribuan pengunjung",
            "Warta Kota",
            "id",
        ),
        (
            "Council approves new cycle lanes on the ring road",
            "Morning Post",
            "en",
        ),
        (
            "Sekolah dasar mendapat bantuan komputer baru",
            "Kabar Tegalsari",
            "id",
        ),
        (
            "Storm warning lifted for the northern coast",
            "Coastal Ledger",
            "en",
        ),
        (
            "Pelatihan wirausaha digelar untuk pemuda desa",
            "Warta Kota",
            "id",
        ),
        ("Bus fares frozen for another year", "Morning Post", "en"),
    ];
    let (title, source, lang) = topics[i % topics.len()];
    let mut a = Article::new(title, origin(i + 2));
    a.published = date(2024, 3, (i % 27 + 1) as u32, None);
    a.source_name = Some(source.into());
    a.language = Some(lang.into());
    a.body = vec![para("Short piece for the list.")].into();
    a
}

/// A collection of twelve invented articles and one load problem.
pub fn report() -> LoadReport {
    let mut articles = vec![flood(), harbour()];
    articles.extend((0..10).map(filler));
    LoadReport {
        articles,
        problems: vec![Problem {
            path: PathBuf::from("fixtures/broken.json"),
            line: Some(3),
            reason: "expected a JSON object".into(),
        }],
    }
}

fn find_all(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    haystack
        .match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// The fake analysis: every listed name or alias found in the title or body, longest
/// forms first so that a surname inside a full name is not counted twice.
pub fn analyze(article: &Article) -> Analysis {
    let body = article.body_text();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut taken_title: Vec<(usize, usize)> = Vec::new();
    let mut entities = Vec::new();
    let overlaps =
        |set: &[(usize, usize)], s: (usize, usize)| set.iter().any(|t| t.0 < s.1 && s.0 < t.1);
    for &(name, kind, role, aliases) in NAMES {
        let mut spans = Vec::new();
        let mut title_spans = Vec::new();
        for form in std::iter::once(&name).chain(aliases.iter()) {
            for s in find_all(&body, form) {
                if !overlaps(&taken, s) {
                    taken.push(s);
                    spans.push(s);
                }
            }
            for s in find_all(&article.title, form) {
                if !overlaps(&taken_title, s) {
                    taken_title.push(s);
                    title_spans.push(s);
                }
            }
        }
        if spans.is_empty() && title_spans.is_empty() {
            continue;
        }
        spans.sort_unstable();
        entities.push(Entity {
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: role.map(str::to_string),
            mentions: spans.len() + title_spans.len(),
            spans,
            title_spans,
        });
    }
    let language = if article.language.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Id
    };
    Analysis { language, entities }
}

/// An app over the fixture collection at a given size, with the real keymap.
pub fn app(width: u16, height: u16) -> Headless {
    app_with(report(), width, height)
}

/// An app over a given collection at a given size.
pub fn app_with(report: LoadReport, width: u16, height: u16) -> Headless {
    let mut app = loading_app(width, height);
    app.load(report);
    app
}

/// An app at a given size, its collection still to load, analysing opened articles with
/// the fake analyzer. The list is in file order, so that a row is its article's index
/// (the default order, newest first, has tests of its own).
pub fn loading_app(width: u16, height: u16) -> Headless {
    loading_app_sorted(width, height, Sort::File)
}

/// [`loading_app`] with the list in another order.
pub fn loading_app_sorted(width: u16, height: u16, sort: Sort) -> Headless {
    let keymap = Keymap::embedded().expect("embedded keymap parses");
    let settings = Settings {
        sort,
        ..Settings::default()
    };
    let app = App::loading(keymap, Theme::colour()).with_settings(settings, Vec::new());
    let mut app = Headless::new(app, Box::new(analyze));
    app.update(Message::Resize { width, height });
    app
}

/// A key event from a keymap-style key string (`j`, `G`, `enter`, `shift-tab`, `ctrl-d`).
pub fn key(text: &str) -> KeyEvent {
    let k = warta::tui::keymap::Key::parse(text).expect("test key parses");
    let mut modifiers = k.modifiers;
    if let KeyCode::Char(c) = k.code
        && c.is_ascii_uppercase()
    {
        modifiers |= KeyModifiers::SHIFT;
    }
    if k.code == KeyCode::BackTab {
        modifiers |= KeyModifiers::SHIFT;
    }
    KeyEvent::new_with_kind(k.code, modifiers, KeyEventKind::Press)
}

/// Press keys in order, as the event loop would.
pub fn press(app: &mut Headless, keys: &str) {
    for k in keys.split_whitespace() {
        app.handle_key(key(k));
    }
}

/// Draw the app into a test terminal of its size.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| warta::tui::view::draw(frame, app))
        .expect("draw");
    terminal
}

/// The screen as plain text lines.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            for x in 0..area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            line
        })
        .collect()
}

/// Build the collection index from the fake analyzer and hand it to the app, as the
/// background analysis does when it finishes.
pub fn finish_indexing(app: &mut Headless) {
    let articles = app.shared_articles();
    let analyses = articles.iter().map(analyze).collect();
    let corpus = warta::corpus::Corpus::from_analyses(articles, analyses);
    app.update(Message::Analysis(AnalysisEvent::Finished(Box::new(corpus))));
}
