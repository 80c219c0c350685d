//! Whole-screen snapshots of the interface at 80x24 and 120x40, driven through the real
//! keymap and `update`.

mod tui_support;

use insta::assert_snapshot;
use tui_support::{app, press, render};

fn shot(keys: &str, width: u16, height: u16) -> String {
    let mut app = app(width, height);
    press(&mut app, keys);
    render(&app, width, height).backend().to_string()
}

#[test]
fn startup_80x24() {
    assert_snapshot!(shot("", 80, 24));
}

#[test]
fn startup_120x40() {
    assert_snapshot!(shot("", 120, 40));
}

#[test]
fn open_article_80x24() {
    assert_snapshot!(shot("enter", 80, 24));
}

#[test]
fn open_article_120x40() {
    assert_snapshot!(shot("enter", 120, 40));
}

#[test]
fn open_article_sidebar_focused_120x40() {
    assert_snapshot!(shot("enter l j j", 120, 40));
}

#[test]
fn second_article_paged_120x40() {
    assert_snapshot!(shot("j enter space", 120, 40));
}

#[test]
fn help_80x24() {
    assert_snapshot!(shot("?", 80, 24));
}

#[test]
fn help_120x40() {
    assert_snapshot!(shot("enter ?", 120, 40));
}

#[test]
fn narrow_reader_60x20() {
    assert_snapshot!(shot("enter", 60, 20));
}

#[test]
fn empty_collection_80x24() {
    let report = warta::article::LoadReport {
        articles: Vec::new(),
        problems: vec![warta::article::Problem {
            path: "news/feed.xml".into(),
            line: None,
            reason: "not an RSS, Atom or JSON feed".into(),
        }],
    };
    let app = tui_support::app_with(report, 80, 24);
    assert_snapshot!(render(&app, 80, 24).backend().to_string());
}

#[test]
fn search_in_progress_80x24() {
    let mut app = app(80, 24);
    press(&mut app, "/");
    for c in "rail".chars() {
        app.update(warta::tui::Message::Input(c));
    }
    assert_snapshot!(render(&app, 80, 24).backend().to_string());
}

#[test]
fn search_in_progress_120x40() {
    let mut app = app(120, 40);
    press(&mut app, "enter /");
    for c in "siti".chars() {
        app.update(warta::tui::Message::Input(c));
    }
    assert_snapshot!(render(&app, 120, 40).backend().to_string());
}
