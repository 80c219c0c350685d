//! Key sequences driven through the real keymap and `App::update`, checking the state and
//! what is drawn.

mod tui_support;

use crossterm::event::{KeyEventKind, KeyModifiers};
use tui_support::{app, key, press, render, screen_text};
use warta::ner::EntityKind;
use warta::tui::Message;
use warta::tui::app::SidebarRow;
use warta::tui::layout::Pane;

#[test]
fn j_j_enter_opens_the_third_article_and_focuses_the_reader() {
    let mut app = app(120, 40);
    assert_eq!(app.reading().unread(), 12);
    press(&mut app, "j j enter");
    assert_eq!(app.list().selected(), 2);
    assert_eq!(app.reader().open(), Some(2));
    assert_eq!(app.focus(), Pane::Reader);
    assert!(app.reading().is_read(2));
    assert_eq!(app.reading().unread(), 11);
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("Pasar malam kembali dibuka setelah renovasi"));
    assert!(screen.contains(" 3/12 · 11 unread · 1 problem"));
}

#[test]
fn movement_keys_stay_in_bounds() {
    let mut app = app(80, 24);
    press(&mut app, "k up home");
    assert_eq!(app.list().selected(), 0);
    press(&mut app, "G");
    assert_eq!(app.list().selected(), 11);
    press(&mut app, "j down end");
    assert_eq!(app.list().selected(), 11);
    press(&mut app, "g");
    assert_eq!(app.list().selected(), 0);
    // 80x24: 21 list rows inside the border, two per article: a page is 10 articles.
    press(&mut app, "pagedown");
    assert_eq!(app.list().selected(), 10);
    press(&mut app, "pageup ctrl-d");
    assert_eq!(app.list().selected(), 5);
    press(&mut app, "ctrl-u");
    assert_eq!(app.list().selected(), 0);
    // The list scrolls to keep the selection visible.
    press(&mut app, "G");
    assert!(app.list().offset() > 0);
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(screen.contains("Bus fares frozen"));
}

#[test]
fn only_key_presses_count() {
    let mut app = app(80, 24);
    let mut release = key("j");
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    let mut repeat = key("j");
    repeat.kind = KeyEventKind::Repeat;
    app.handle_key(repeat);
    assert_eq!(app.list().selected(), 0);
    app.handle_key(key("j"));
    assert_eq!(app.list().selected(), 1);
}

#[test]
fn focus_moves_with_tab_shift_tab_h_and_l() {
    let mut app = app(120, 40);
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "tab");
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, "tab");
    assert_eq!(app.focus(), Pane::Sidebar);
    press(&mut app, "tab");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "shift-tab");
    assert_eq!(app.focus(), Pane::Sidebar);
    press(&mut app, "h h h");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "l");
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, "right right");
    assert_eq!(app.focus(), Pane::Sidebar);
    // The focused pane has the thick border.
    let screen = screen_text(&render(&app, 120, 40));
    assert!(
        screen[0].ends_with("┏ Names ━━━━━━━━━━━━━━━━━━━┓"),
        "{}",
        screen[0]
    );
    assert!(screen[0].starts_with("┌ Articles"));
}

#[test]
fn the_sidebar_toggle_hides_it_and_moves_focus_out() {
    let mut app = app(100, 30);
    press(&mut app, "enter 3");
    assert_eq!(app.focus(), Pane::Sidebar);
    press(&mut app, "s");
    assert!(app.sidebar_hidden());
    assert_eq!(app.focus(), Pane::Reader);
    assert!(app.panes().sidebar.is_none());
    // Tab skips the hidden pane; its number brings it back.
    press(&mut app, "tab tab");
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, "3");
    assert!(!app.sidebar_hidden());
    assert_eq!(app.focus(), Pane::Sidebar);
}

#[test]
fn narrow_screens_show_one_pane_and_switch_quickly() {
    let mut app = app(60, 20);
    let screen = screen_text(&render(&app, 60, 20));
    assert!(
        screen[0].contains("1 Articles  2 Reader  3 Names"),
        "{}",
        screen[0]
    );
    assert!(screen.iter().any(|l| l.contains("Banjir rendam")));
    press(&mut app, "enter");
    assert_eq!(app.focus(), Pane::Reader);
    let reader = screen_text(&render(&app, 60, 20));
    assert!(
        !reader.iter().any(|l| l.contains("2024-02-03")),
        "the list is hidden"
    );
    press(&mut app, "3");
    let names = screen_text(&render(&app, 60, 20)).join("\n");
    assert!(names.contains("People (2)"));
    press(&mut app, "1");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "tab tab tab");
    assert_eq!(app.focus(), Pane::List);
}

#[test]
fn reader_pages_with_space_and_b_and_stops_at_the_end() {
    let mut app = app(80, 24);
    press(&mut app, "enter");
    let height = app.reader_height();
    let total = app.reader().document().lines.len();
    assert!(total > height, "the fixture article must scroll");
    press(&mut app, "space");
    assert_eq!(app.reader().scroll(), height - 1);
    press(&mut app, "b");
    assert_eq!(app.reader().scroll(), 0);
    press(&mut app, "G");
    assert_eq!(app.reader().scroll(), total - height);
    press(&mut app, "space j down ctrl-d pagedown");
    assert_eq!(app.reader().scroll(), total - height);
    press(&mut app, "g");
    assert_eq!(app.reader().scroll(), 0);
    // Space pages the reader from the list too.
    press(&mut app, "1 space");
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(app.reader().scroll(), height - 1);
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(
        screen.contains(&format!("{}–", height)),
        "position indicator"
    );
}

#[test]
fn help_opens_scrolls_and_closes_before_quit() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    assert_eq!(app.help_scroll(), Some(0));
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(screen.contains("Keys by pane"));
    assert!(screen.contains("Article list"));
    assert!(screen.contains("j down"));
    press(&mut app, "j j");
    assert_eq!(app.help_scroll(), Some(2));
    // Movement keys scroll the help, not the list behind it.
    assert_eq!(app.list().selected(), 0);
    press(&mut app, "G");
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(screen.contains("This help"));
    press(&mut app, "esc");
    assert_eq!(app.help_scroll(), None);
    assert!(app.is_running());
    press(&mut app, "? q");
    assert_eq!(app.help_scroll(), None);
    assert!(app.is_running(), "q closes the overlay first");
    press(&mut app, "esc");
    assert!(app.is_running());
    press(&mut app, "q");
    assert!(!app.is_running());
}

#[test]
fn ctrl_c_quits_even_from_help() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    ));
    assert!(!app.is_running());
}

#[test]
fn help_lists_every_binding_of_the_keymap() {
    let app = app(120, 40);
    let lines: Vec<String> = warta::tui::app::help_lines(app.keymap(), app.theme())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for context in warta::tui::keymap::Context::ALL {
        for (action, keys) in app.keymap().bindings(context) {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains(&keys) && l.contains(action.name())),
                "{} {keys} {action} missing",
                context.name()
            );
        }
    }
}

#[test]
fn sidebar_groups_sort_and_folds_places() {
    let mut app = app(120, 40);
    press(&mut app, "enter");
    let rows = app.sidebar().rows().to_vec();
    let analysis = app.analysis().expect("analysed on open").clone();
    let name = |row: &SidebarRow| match row {
        SidebarRow::Entity(i) => analysis.entities[*i].name.clone(),
        SidebarRow::Group { kind, count, open } => format!("[{kind:?} {count} {open}]"),
        SidebarRow::Note(n) => n.to_string(),
        SidebarRow::Role(i) => format!(
            "  {}",
            analysis.entities[*i].role.clone().unwrap_or_default()
        ),
    };
    let shown: Vec<String> = rows.iter().map(name).collect();
    assert_eq!(
        shown,
        [
            "[Person 2 true]",
            "Siti Rahmawati",
            "  Wali Kota Tegalsari",
            "Bambang Hartono",
            "  Kepala Dinas Pekerjaan Umum",
            "[Organization 2 true]",
            "Badan Penanggulangan Bencana Daerah",
            "Palang Merah Indonesia",
            "[Place 2 false]",
        ]
    );
    // Places open with enter on their heading, and are never mixed into organizations.
    press(&mut app, "l G enter");
    let shown: Vec<String> = app.sidebar().rows().iter().map(name).collect();
    assert_eq!(shown[8], "[Place 2 true]");
    assert_eq!(&shown[9..], ["Tegalsari", "Sungai Cibening"]);
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("▾ Places (2)"));
    let siti = screen
        .lines()
        .find(|l| l.contains(" Siti Rahmawati "))
        .expect("Siti listed");
    assert!(siti.ends_with(" 5┃"), "count at the right edge: {siti}");
    assert!(screen.contains("   Wali Kota Tegalsari"), "{screen}");
}

#[test]
fn entity_mentions_are_highlighted_and_n_jumps_between_them() {
    let mut app = app(80, 24);
    press(&mut app, "enter 3");
    let theme = app.theme().clone();
    let entity = app
        .selected_entity()
        .expect("first person selected")
        .clone();
    assert_eq!(entity.kind, EntityKind::Person);
    assert_eq!(entity.name, "Siti Rahmawati");
    // The selected entity's mentions stand out; other people are styled by kind.
    let styled = |app: &warta::tui::App, style| -> Vec<String> {
        app.reader()
            .document()
            .lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style == style)
            .map(|s| s.content.to_string())
            .collect()
    };
    let selected = styled(&app, theme.body.patch(theme.mention_selected));
    // The title wraps between the two words at this width.
    let title: String = app.reader().document().lines[..2]
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| s.style.bg == theme.mention_selected.bg)
        .map(|s| s.content.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(title, "Siti Rahmawati", "title mention");
    assert_eq!(
        selected.iter().filter(|s| *s == "Siti").count(),
        3,
        "alias mentions in the body: {selected:?}"
    );
    assert!(
        styled(&app, theme.body.patch(theme.mention_person))
            .iter()
            .any(|s| s == "Bambang Hartono")
    );
    // n walks the mentions and wraps; each jump brings the mention on screen.
    for expected in [0, 1, 2, 3, 0] {
        press(&mut app, "n");
        assert_eq!(app.reader().mention(), Some(expected));
        let (start, _) = entity.spans[expected];
        let line = app
            .reader()
            .document()
            .line_of(start)
            .expect("mention laid out");
        let top = app.reader().scroll();
        assert!(
            line >= top && line < top + app.reader_height(),
            "mention {expected}"
        );
    }
    press(&mut app, "N N");
    assert_eq!(app.reader().mention(), Some(2));
    // Moving in the sidebar changes the highlighted entity.
    press(&mut app, "j");
    assert_eq!(
        app.selected_entity().map(|e| e.name.as_str()),
        Some("Bambang Hartono")
    );
    assert!(
        styled(&app, theme.body.patch(theme.mention_selected))
            .contains(&"Bambang Hartono".to_string())
    );
}

#[test]
fn analyses_are_cached_per_article() {
    use std::cell::Cell;
    use std::rc::Rc;
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let keymap = warta::tui::Keymap::embedded().expect("keymap");
    let mut app = warta::tui::Headless::new(
        warta::tui::App::loading(keymap, warta::tui::Theme::colour()).with_settings(
            warta::tui::app::Settings {
                sort: warta::corpus::order::Sort::File,
                ..Default::default()
            },
            Vec::new(),
        ),
        Box::new(move |a| {
            counter.set(counter.get() + 1);
            tui_support::analyze(a)
        }),
    );
    app.update(Message::Resize {
        width: 120,
        height: 40,
    });
    app.load(tui_support::report());
    assert_eq!(
        calls.get(),
        0,
        "nothing is analysed before an article is opened"
    );
    press(&mut app, "enter 1 j enter 1 k enter 1 j enter");
    assert_eq!(calls.get(), 2);
}

#[test]
fn every_size_down_to_1x1_draws_without_panicking() {
    let mut app = app(120, 40);
    press(&mut app, "j enter l");
    for width in (1..=130).step_by(3).chain([1, 2, 79, 80, 119, 120]) {
        for height in (1..=45).step_by(4).chain([1, 2, 3]) {
            app.update(Message::Resize { width, height });
            render(&app, width, height);
            press(&mut app, "?");
            render(&app, width, height);
            press(&mut app, "G esc n G");
            render(&app, width, height);
        }
    }
    // And back to a normal size with sane positions.
    app.update(Message::Resize {
        width: 120,
        height: 40,
    });
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("Northport"));
}

#[test]
fn an_empty_collection_shows_the_problems_and_quits() {
    let report = warta::article::LoadReport {
        articles: Vec::new(),
        problems: vec![warta::article::Problem {
            path: "bad\u{1b}[31m.csv".into(),
            line: None,
            reason: "no header row".into(),
        }],
    };
    let mut app = tui_support::app_with(report, 80, 24);
    press(&mut app, "j k enter G space tab n ? esc");
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(screen.contains("No articles loaded."));
    assert!(screen.contains("bad.csv: no header row"), "sanitized path");
    for (w, h) in [(1, 1), (10, 3), (200, 5)] {
        app.update(Message::Resize {
            width: w,
            height: h,
        });
        render(&app, w, h);
    }
    // Focus is on the reader after tab: q goes back to the list, then quits.
    press(&mut app, "q");
    assert!(app.is_running());
    press(&mut app, "q");
    assert!(!app.is_running());
}

#[test]
fn article_text_is_sanitized_on_screen() {
    let mut report = tui_support::report();
    report.articles[0].title = "Judul \u{1b}]0;pwned\u{7}bersih\u{202e}".into();
    report.articles[0].source_name = Some("Sumber\u{1b}[2J".into());
    if let Some(warta::article::Block::Paragraph { text }) =
        report.articles[0].body.blocks_mut().first_mut()
    {
        text.insert_str(0, "\u{1b}[31mMerah\u{1b}[0m ");
    }
    let mut app = tui_support::app_with(report, 120, 40);
    press(&mut app, "enter");
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("Judul bersih"));
    assert!(screen.contains("Sumber"));
    assert!(screen.contains("Merah Wali Kota"));
    assert!(
        !screen.contains('\u{1b}') && !screen.contains("pwned") && !screen.contains('\u{202e}')
    );
}

#[test]
fn p_lists_the_load_problems_and_esc_closes_it() {
    let mut app = app(80, 24);
    let status = screen_text(&render(&app, 80, 24));
    assert!(status[23].contains("p problems"), "{}", status[23]);
    press(&mut app, "p");
    assert_eq!(app.overlay(), Some(warta::tui::app::Overlay::Problems));
    let screen = screen_text(&render(&app, 80, 24)).join("\n");
    assert!(screen.contains("Load problems"));
    assert!(screen.contains("fixtures/broken.json:3: expected a JSON object"));
    // Keys go to the overlay, not the list.
    press(&mut app, "j enter");
    assert_eq!(app.list().selected(), 0);
    assert_eq!(app.reader().open(), None);
    press(&mut app, "esc");
    assert_eq!(app.overlay(), None);
    // Inside an overlay `?` closes it rather than opening help on top.
    press(&mut app, "p ?");
    assert_eq!(app.overlay(), None);
}

#[test]
fn resizing_keeps_the_reader_on_the_same_text() {
    let mut app = app(120, 16);
    press(&mut app, "enter");
    let target = app
        .reader()
        .document()
        .lines
        .iter()
        .position(|l| l.spans.iter().any(|s| s.content.contains("Tanggul jebol")))
        .expect("heading laid out");
    for _ in 0..target {
        press(&mut app, "j");
    }
    assert_eq!(app.reader().scroll(), target);
    for (w, h) in [(80, 24), (60, 20), (160, 50)] {
        app.update(Message::Resize {
            width: w,
            height: h,
        });
        if w < 160 {
            let top = &app.reader().document().lines[app.reader().scroll()];
            let top: String = top.spans.iter().map(|s| s.content.as_ref()).collect();
            assert_eq!(
                top, "Tanggul jebol",
                "{w}x{h}: the heading stays at the top"
            );
        }
        let screen = screen_text(&render(&app, w, h)).join("\n");
        assert!(screen.contains("Tanggul jebol"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn u_and_star_say_what_they_did_and_an_unbound_key_says_so() {
    let mut app = app(120, 40);
    press(&mut app, "u");
    assert!(app.reading().is_read(0));
    assert_eq!(app.notice(), Some("marked read"));
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("marked read"), "{screen}");
    press(&mut app, "u");
    assert_eq!(app.notice(), Some("marked unread"));
    press(&mut app, "*");
    assert_eq!(app.notice(), Some("starred"));
    press(&mut app, "*");
    assert_eq!(app.notice(), Some("unstarred"));
    press(&mut app, "x");
    assert_eq!(app.notice(), Some("x is not bound here · ? for help"));
    // The next bound key clears it.
    press(&mut app, "j");
    assert_eq!(app.notice(), None);
    // In the search prompt letters are typed, and nothing names the help key.
    press(&mut app, "/ x");
    assert_eq!(app.search().prompt(), Some("x"));
    press(&mut app, "f5");
    assert_eq!(app.notice(), Some("f5 is not bound here"));
}
