//! Search, reading state and mouse through the real keymap and `update`.

mod tui_support;

use tui_support::{app, press, render, report, screen_text};
use warta::store::Store;
use warta::tui::app::Mouse;
use warta::tui::{Headless, Message};

fn type_text(app: &mut Headless, text: &str) {
    for c in text.chars() {
        app.handle_key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ));
    }
}

#[test]
fn slash_types_a_query_enter_keeps_it_and_esc_restores_the_list() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    assert_eq!(app.search().prompt(), Some(""));
    type_text(&mut app, "harb");
    // Prefix matching while typing: the harbour story only.
    assert_eq!(app.list().len(), 1);
    assert_eq!(app.list().article_at(0), Some(1));
    // Typed `j` goes into the prompt, not to the list.
    press(&mut app, "enter");
    assert_eq!(app.search().prompt(), None);
    assert_eq!(app.search().kept(), Some("harb"));
    assert_eq!(app.list().len(), 1);
    let text = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(text.contains("/harb"), "{text}");
    // A second search, cancelled: the kept results come back.
    press(&mut app, "/");
    press(&mut app, "backspace backspace backspace backspace");
    type_text(&mut app, "banjir");
    assert_eq!(app.list().article_at(0), Some(0));
    press(&mut app, "esc");
    assert_eq!(app.search().kept(), Some("harb"));
    assert_eq!(app.list().article_at(0), Some(1));
    // Esc in the list shows every article again.
    press(&mut app, "esc");
    assert_eq!(app.list().len(), 12);
}

#[test]
fn accents_and_case_fold_and_n_steps_through_matches_in_the_reader() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "TOMAS");
    assert_eq!(app.list().article_at(0), Some(1));
    press(&mut app, "enter enter");
    assert_eq!(app.reader().open(), Some(1));
    press(&mut app, "n");
    assert_eq!(app.search().current(), Some(0));
    press(&mut app, "n");
    // One match only: n wraps around to it.
    assert_eq!(app.search().current(), Some(0));
}

#[test]
fn opening_marks_read_and_a_new_app_on_the_same_store_restores_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.sqlite3");
    let new_app = |path: &std::path::Path| {
        let mut app =
            tui_support::loading_app(120, 40).with_store(Store::open(path).expect("store"));
        app.load(report());
        app
    };
    let mut app = new_app(&path);
    assert!(!app.reading().is_read(1));
    press(&mut app, "j enter");
    assert!(app.reading().is_read(1));
    press(&mut app, "1 j * q");
    assert!(app.reading().is_starred(2));
    drop(app);
    let app = new_app(&path);
    assert!(app.reading().is_read(1));
    assert!(!app.reading().is_read(2));
    assert!(app.reading().is_starred(2));
    assert_eq!(app.reader().open(), Some(1));
}

#[test]
fn clicks_select_rows_and_the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app(120, 40);
    // Third row of the list: two lines per article, inside the border.
    app.update(Message::Mouse(Mouse::Click { column: 5, row: 5 }));
    assert_eq!(app.list().selected(), 2);
    app.update(Message::Mouse(Mouse::Click { column: 5, row: 5 }));
    assert_eq!(app.reader().open(), Some(2));
    press(&mut app, "1 g enter");
    app.update(Message::Mouse(Mouse::WheelDown {
        column: 60,
        row: 10,
    }));
    assert!(app.reader().scroll() > 0);
    app.update(Message::Mouse(Mouse::WheelDown { column: 5, row: 10 }));
    assert_eq!(app.list().selected(), 1);
}

#[test]
fn the_search_prompt_draws_at_every_size() {
    for (w, h) in [(1, 1), (5, 3), (20, 5), (60, 20), (80, 24), (200, 60)] {
        let mut app = app(w, h);
        press(&mut app, "/");
        type_text(&mut app, "banjir tegalsari lang:id person:x");
        let _ = render(&app, w, h);
    }
}
