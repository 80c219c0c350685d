//! Following entities through the collection: entity pages, history, the entity filter,
//! background indexing, driven through the real keymap and `update`.

mod tui_support;

use insta::assert_snapshot;
use tui_support::{finish_indexing, press, render, screen_text};
use warta::article::{Article, Block, Format, LoadReport, Origin};
use warta::corpus::AnalysisEvent;
use warta::tui::{App, Headless, Message};

/// The fixture collection plus a newer article that mentions Siti Rahmawati again and
/// quotes her.
fn report() -> LoadReport {
    let mut report = tui_support::report();
    let mut a = Article::new(
        "Regional leaders meet in Kessington",
        Origin {
            path: "fixtures/article-extra.txt".into(),
            index: 0,
            format: Format::Text,
        },
    );
    a.published = chrono::NaiveDate::from_ymd_opt(2024, 4, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|local| warta::article::Published {
            local,
            offset: None,
            has_time: false,
        });
    a.source_name = Some("Coastal Ledger".into());
    a.language = Some("en".into());
    a.body = vec![
        Block::Paragraph {
            text: "Siti Rahmawati met finance minister Margaret Oduya in Kessington on Tuesday."
                .into(),
        },
        Block::Paragraph {
            text: "\"The flood towns need the harbour money now,\" Siti said after the meeting."
                .into(),
        },
    ]
    .into();
    report.articles.push(a);
    report
}

const EXTRA: usize = 12;

fn app(width: u16, height: u16, indexed: bool) -> Headless {
    let mut app = tui_support::app_with(report(), width, height);
    if indexed {
        finish_indexing(&mut app);
    }
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    screen_text(&render(app, width, height)).join("\n")
}

#[test]
fn entity_page_article_and_back_twice_restore_the_first_screen() {
    let mut app = app(120, 40, true);
    // Read the newer article first, so that opening it again changes no read marker.
    press(&mut app, "G enter 1 g enter 3 n n");
    assert_eq!(app.reader().mention(), Some(1));
    let first = render(&app, 120, 40).backend().buffer().clone();
    let first_text = screen(&app, 120, 40);
    assert!(screen(&app, 120, 40).contains("mention 2/4"));

    press(&mut app, "enter");
    let page = app.entity_page().expect("entity page open");
    let corpus = app.corpus().expect("indexed");
    assert_eq!(corpus.index.entities[page.id].name, "Siti Rahmawati");
    let text = screen(&app, 120, 40);
    assert!(text.contains("person · 2 articles"), "{text}");
    assert!(
        text.contains("Bambang Hartono"),
        "co-mention listed: {text}"
    );
    assert!(
        text.contains("The flood towns need the harbour money now"),
        "quote: {text}"
    );
    // Newest first: the April article above the January one.
    let april = text.find("Regional leaders meet").expect("April article");
    let january = text.find("Banjir rendam").expect("January article");
    assert!(april < january);

    // Enter opens the newest article at the first mention, with Siti selected.
    press(&mut app, "enter");
    assert!(app.entity_page().is_none());
    assert_eq!(app.reader().open(), Some(EXTRA));
    assert_eq!(
        app.selected_entity().map(|e| e.name.as_str()),
        Some("Siti Rahmawati")
    );
    assert_eq!(app.reader().mention(), Some(0));
    press(&mut app, "n");
    assert_eq!(app.reader().mention(), Some(1));

    press(&mut app, "backspace");
    assert!(app.entity_page().is_some(), "back to the page");
    press(&mut app, "ctrl-o");
    assert!(app.entity_page().is_none());
    assert_eq!(screen(&app, 120, 40), first_text);
    assert_eq!(render(&app, 120, 40).backend().buffer(), &first);

    // Forward twice goes to the page, then the article again.
    press(&mut app, "ctrl-n");
    assert!(app.entity_page().is_some());
    press(&mut app, "ctrl-n");
    assert_eq!(app.reader().open(), Some(EXTRA));
}

#[test]
fn related_names_open_their_own_page() {
    let mut app = app(120, 40, true);
    press(&mut app, "enter 3 enter g enter");
    let corpus = app.corpus().expect("indexed");
    let page = app.entity_page().expect("page");
    assert_ne!(corpus.index.entities[page.id].name, "Siti Rahmawati");
    press(&mut app, "esc");
    let page = app.entity_page().expect("page");
    assert_eq!(corpus_name(&app, page.id), "Siti Rahmawati");
}

fn corpus_name(app: &App, id: usize) -> String {
    app.corpus()
        .map(|c| c.index.entities[id].name.clone())
        .unwrap_or_default()
}

#[test]
fn f_filters_the_list_to_the_entity_and_esc_clears_it() {
    let mut app = app(120, 40, true);
    press(&mut app, "enter 3 f");
    assert_eq!(app.list().len(), 2);
    assert_eq!(app.list().article_at(0), Some(0));
    assert_eq!(app.list().article_at(1), Some(EXTRA));
    let text = screen(&app, 120, 40);
    assert!(text.contains("only Siti Rahmawati"), "{text}");
    assert!(!text.contains("Pasar malam"), "{text}");
    press(&mut app, "j enter");
    assert_eq!(app.reader().open(), Some(EXTRA));
    press(&mut app, "1 esc");
    assert_eq!(app.list().len(), 13);
    assert!(!screen(&app, 120, 40).contains("only Siti"));
    // From the page too.
    press(&mut app, "3 enter");
    assert!(app.entity_page().is_some(), "{}", screen(&app, 120, 40));
    press(&mut app, "f");
    assert!(app.entity_page().is_none());
    assert_eq!(app.list().len(), 2);
}

#[test]
fn before_indexing_finishes_entity_pages_wait_and_progress_shows() {
    let mut app = app(120, 40, false);
    app.update(Message::Analysis(AnalysisEvent::Progress {
        done: 5,
        total: 13,
        left: None,
    }));
    press(&mut app, "enter 3");
    assert!(
        app.analysis().is_some(),
        "the open article is analysed on demand"
    );
    let text = screen(&app, 120, 40);
    assert!(text.contains("indexing 5/13"), "{text}");
    press(&mut app, "enter");
    assert!(app.entity_page().is_none());
    assert!(screen(&app, 120, 40).contains("indexing…"));
    // m still jumps to the first mention.
    press(&mut app, "m");
    assert_eq!(app.reader().mention(), Some(0));
    finish_indexing(&mut app);
    assert!(!screen(&app, 120, 40).contains("indexing"));
    assert_eq!(
        app.selected_entity().map(|e| e.name.as_str()),
        Some("Siti Rahmawati")
    );
    press(&mut app, "enter");
    assert!(app.entity_page().is_some());
}

#[test]
fn every_size_draws_the_entity_page_without_panicking() {
    let mut app = app(120, 40, true);
    press(&mut app, "enter 3 enter");
    for width in (1..=130).step_by(3).chain([1, 2, 79, 80, 119, 120]) {
        for height in (1..=45).step_by(4).chain([1, 2, 3]) {
            app.update(Message::Resize { width, height });
            render(&app, width, height);
            press(&mut app, "G");
            render(&app, width, height);
            press(&mut app, "g j");
            render(&app, width, height);
        }
    }
    assert!(app.entity_page().is_some());
}

#[test]
fn entity_page_120x40() {
    let mut app = app(120, 40, true);
    press(&mut app, "enter 3 enter");
    assert_snapshot!(render(&app, 120, 40).backend().to_string());
}

#[test]
fn entity_page_80x24() {
    let mut app = app(80, 24, true);
    press(&mut app, "enter 3 enter");
    assert_snapshot!(render(&app, 80, 24).backend().to_string());
}

#[test]
fn the_sidebar_detail_shows_the_selected_person_s_quotes() {
    let mut app = app(120, 40, true);
    press(&mut app, "G enter 3");
    assert_eq!(
        app.selected_entity().map(|e| e.name.as_str()),
        Some("Siti Rahmawati")
    );
    assert_eq!(
        app.sidebar().quotes(),
        ["The flood towns need the harbour money now"]
    );
    let text = screen(&app, 120, 40);
    assert!(text.contains("─ Siti Rahmawati"), "{text}");
    assert!(text.contains("“The flood towns need"), "{text}");
    // The next person says nothing in quotes here.
    press(&mut app, "j");
    assert_eq!(
        app.selected_entity().map(|e| e.name.as_str()),
        Some("Margaret Oduya")
    );
    assert!(app.sidebar().quotes().is_empty());
    let text = screen(&app, 120, 40);
    assert!(text.contains("No quotes in this article."), "{text}");
    assert!(!text.contains("“The flood towns"), "{text}");
    // A short screen has no room for the detail; the rows keep the whole pane.
    app.update(Message::Resize {
        width: 120,
        height: 14,
    });
    assert!(!screen(&app, 120, 14).contains("No quotes"));
}

#[test]
fn a_kept_person_search_fills_in_when_indexing_finishes() {
    let mut app = app(120, 40, false);
    press(&mut app, "/");
    for c in "person:\"Siti Rahmawati\"".chars() {
        app.update(Message::Input(c));
    }
    press(&mut app, "enter");
    assert_eq!(app.search().kept(), Some("person:\"Siti Rahmawati\""));
    assert_eq!(app.list().len(), 0, "no entity index yet");
    finish_indexing(&mut app);
    assert_eq!(app.list().len(), 2);
    assert_eq!(app.search().prompt(), None);
    let mut listed = vec![app.list().article_at(0), app.list().article_at(1)];
    listed.sort();
    assert_eq!(listed, [Some(0), Some(EXTRA)]);
}

#[test]
fn a_page_of_many_articles_is_filled_ahead_of_the_cursor() {
    use warta::tui::entities::{ARTICLES_AHEAD, PageLine};
    let mut report = LoadReport::default();
    for i in 0..250 {
        let mut a = Article::new(
            format!("Laporan banjir nomor {i}"),
            Origin {
                path: format!("many/{i}.txt").into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.body = vec![Block::Paragraph {
            text: "\"Kami siap membantu warga,\" kata Siti Rahmawati.".into(),
        }]
        .into();
        report.articles.push(a);
    }
    let mut app = tui_support::app_with(report, 100, 30);
    finish_indexing(&mut app);
    press(&mut app, "enter 3 enter");
    let articles_on = |app: &App| {
        app.entity_page().map_or(0, |p| {
            p.lines
                .iter()
                .filter(|l| matches!(l, PageLine::Article(_)))
                .count()
        })
    };
    let page = app.entity_page().expect("entity page open");
    // None of them is dated: the page does not claim an order by date.
    assert!(screen(&app, 100, 30).contains("Articles (250, file order)"));
    assert_eq!(articles_on(&app), ARTICLES_AHEAD);
    assert!(
        page.lines
            .iter()
            .any(|l| matches!(l, PageLine::Quote(q) if q.starts_with("Kami siap")))
    );
    // Paging down brings more articles before the cursor gets to the end.
    for _ in 0..10 {
        press(&mut app, "ctrl-d");
    }
    assert!(articles_on(&app) > ARTICLES_AHEAD);
    press(&mut app, "G");
    assert_eq!(articles_on(&app), 250);
    let last = app.entity_page().and_then(|p| p.selected_line());
    assert!(matches!(last, Some(PageLine::Article(_))), "{last:?}");
}
