//! The reader before its collection has finished loading and being analysed: the first
//! frame, a list that grows batch by batch and can be used at once, and the opened article
//! asked of the background workers first.

mod tui_support;

use tui_support::{analyze, key, press, render, report, screen_text};
use warta::corpus::AnalysisEvent;
use warta::corpus::load::{LoadBatch, LoadEvent};
use warta::store::article_key;
use warta::tui::{App, Headless, Message};

fn loading_app() -> Headless {
    tui_support::loading_app(120, 40)
}

fn batch(range: std::ops::Range<usize>) -> LoadBatch {
    let articles: Vec<_> = report().articles[range].to_vec();
    let keys = articles.iter().map(article_key).collect();
    LoadBatch {
        articles,
        keys,
        problems: Vec::new(),
    }
}

fn screen(app: &App) -> String {
    screen_text(&render(app, 120, 40)).join("\n")
}

#[test]
fn the_first_frame_shows_the_panes_before_any_article() {
    let mut app = loading_app();
    app.update(Message::Load(LoadEvent::Found { files: 12 }));
    let text = screen(&app);
    assert!(text.contains("Articles"), "{text}");
    assert!(text.contains("Loading…"), "{text}");
    assert!(text.contains("loading 0/12 files"), "{text}");
    assert!(!text.contains("No articles loaded"), "{text}");
}

#[test]
fn the_list_grows_and_works_while_loading_and_analysing() {
    let mut app = loading_app();
    app.update(Message::Load(LoadEvent::Found { files: 12 }));
    app.update(Message::Load(LoadEvent::Batch {
        batch: batch(0..5),
        files_done: 5,
    }));
    let first = report().articles[0].title.clone();
    let text = screen(&app);
    assert!(text.contains(&first[..20]), "{text}");
    assert!(text.contains("loading 5/12 files, 5 articles"), "{text}");
    assert_eq!(app.reading().unread(), 5);

    // The cursor moves at once, before the rest has loaded.
    press(&mut app, "j j");
    assert_eq!(app.list().selected(), 2);
    app.update(Message::Load(LoadEvent::Batch {
        batch: batch(5..12),
        files_done: 12,
    }));
    assert_eq!(app.list().selected(), 2, "a new batch keeps the cursor");
    assert_eq!(app.articles().len(), 12);
    app.update(Message::Load(LoadEvent::Finished));
    assert!(!app.progress().is_loading());

    // Background analysis runs: the opened article is asked of the workers first.
    app.update(Message::AnalysisStarted);
    app.update(Message::Analysis(AnalysisEvent::Progress {
        done: 3,
        total: 12,
        left: Some(std::time::Duration::from_secs(21)),
    }));
    press(&mut app, "k k enter");
    assert_eq!(app.reader().open(), Some(0));
    assert_eq!(app.progress().wanted(), Some(0));
    assert!(app.analysis().is_none());
    let text = screen(&app);
    assert!(text.contains("indexing 3/12, 21 s left"), "{text}");
    assert!(text.contains("Finding names…"), "{text}");

    // Its analysis arrives before the rest: the sidebar fills in.
    let analysis = analyze(&app.articles()[0]);
    app.update(Message::Analysis(AnalysisEvent::Analysed {
        article: 0,
        analysis: Box::new(analysis),
    }));
    assert_eq!(app.progress().wanted(), None);
    let text = screen(&app);
    assert!(text.contains("Siti Rahmawati"), "{text}");
    assert!(!text.contains("Finding names…"), "{text}");
    assert_eq!(app.reading().unread(), 11);

    // Keys keep working: the reader scrolls, the list moves on.
    app.handle_key(key("1"));
    press(&mut app, "j");
    assert_eq!(app.list().selected(), 1);
}
