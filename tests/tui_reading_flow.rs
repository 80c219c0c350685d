//! The daily reading loop through the real keymap: back one level with `q`, quit with `Q`,
//! the next and previous article (`J`/`K`) and unread article (`]`/`[`), marking the list
//! or everything read (`A`/`C`) and undoing it (`U`).

mod tui_support;

use tui_support::{app, finish_indexing, press, render, screen_text};
use warta::corpus::order::Sort;
use warta::store::Store;
use warta::tui::layout::Pane;
use warta::tui::{App, Headless, Keymap, Theme};

fn status(app: &Headless, width: u16, height: u16) -> String {
    screen_text(&render(app, width, height))
        .pop()
        .unwrap_or_default()
}

#[test]
fn q_goes_back_one_level_and_quits_from_the_list() {
    let mut app = app(120, 40);
    press(&mut app, "j enter ?");
    assert!(app.overlay().is_some());
    press(&mut app, "q");
    assert!(app.overlay().is_none(), "q closes the overlay first");
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, "q");
    assert_eq!(app.focus(), Pane::List, "then leaves the reader");
    assert_eq!(app.reader().open(), Some(1), "the article stays in view");
    assert!(app.is_running());
    press(&mut app, "q");
    assert!(!app.is_running(), "and quits from the list");
}

#[test]
fn q_leaves_the_entity_page_and_shift_q_quits_from_anywhere() {
    let mut app = app(120, 40);
    finish_indexing(&mut app);
    press(&mut app, "enter 3 enter");
    assert!(app.entity_page().is_some(), "an entity page is open");
    press(&mut app, "q");
    assert!(app.entity_page().is_none());
    assert!(app.is_running());
    press(&mut app, "enter");
    assert!(app.entity_page().is_some());
    press(&mut app, "Q");
    assert!(!app.is_running(), "Q quits from the entity page");
    // The help says so, from the keymap.
    let mut app = tui_support::app(120, 40);
    press(&mut app, "? G");
    let help = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(help.contains("quit warta from anywhere"), "{help}");
    assert!(help.contains("back one level"), "{help}");
}

#[test]
fn shift_j_and_k_open_the_next_and_previous_article() {
    let mut app = app(120, 40);
    press(&mut app, "J");
    assert_eq!(
        app.reader().open(),
        Some(0),
        "nothing open: the cursor's article"
    );
    press(&mut app, "J J");
    assert_eq!(app.reader().open(), Some(2));
    assert_eq!(app.list().selected(), 2, "the cursor follows");
    assert!(
        (0..=2).all(|i| app.reading().is_read(i)),
        "each marked read"
    );
    assert_eq!(
        app.focus(),
        Pane::List,
        "the list keeps focus on a wide screen"
    );
    press(&mut app, "enter K");
    assert_eq!(app.reader().open(), Some(1), "from the reader too");
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, "K K");
    assert_eq!(app.reader().open(), Some(0));
    assert!(status(&app, 120, 40).contains("this is the first article"));
    press(&mut app, "1 G J");
    assert!(status(&app, 120, 40).contains("this is the last article"));
    assert_eq!(app.reader().open(), Some(0));
    // Back returns to the article before, the list highlighting it.
    press(&mut app, "ctrl-o");
    assert_eq!(app.reader().open(), Some(1));
    assert_eq!(app.list().selected(), 1);
}

#[test]
fn on_a_narrow_screen_the_next_article_shows_the_reader() {
    let mut app = app(60, 24);
    press(&mut app, "j J");
    assert_eq!(app.reader().open(), Some(1), "the cursor's article first");
    assert_eq!(app.focus(), Pane::Reader);
    let screen = screen_text(&render(&app, 60, 24)).join("\n");
    assert!(screen.contains("Northport harbour"), "{screen}");
    press(&mut app, "J");
    assert_eq!(app.reader().open(), Some(2));
}

#[test]
fn brackets_open_the_next_and_previous_unread_article_going_round() {
    let mut app = app(120, 40);
    // Read articles 1 and 2 first, from the list.
    press(&mut app, "j u j u g");
    assert!(app.reading().is_read(1) && app.reading().is_read(2));
    press(&mut app, "]");
    assert_eq!(
        app.reader().open(),
        Some(0),
        "the cursor's own article is unread"
    );
    press(&mut app, "enter ]");
    assert_eq!(app.reader().open(), Some(3), "1 and 2 are skipped");
    press(&mut app, "[");
    assert_eq!(
        app.reader().open(),
        Some(11),
        "round to the bottom: 0 is read now"
    );
    // Read everything: there is nothing left to go to.
    press(&mut app, "C ]");
    assert!(status(&app, 120, 40).contains("no other unread article"));
    assert_eq!(app.reader().open(), Some(11));
}

#[test]
fn a_marks_the_list_read_and_u_undoes_it_until_the_next_key() {
    let mut app = app(120, 40);
    press(&mut app, "j u");
    assert_eq!(app.reading().unread(), 11);
    press(&mut app, "A");
    assert_eq!(app.reading().unread(), 0);
    let line = status(&app, 120, 40);
    assert!(
        line.contains("marked 11 articles read · U undoes"),
        "{line}"
    );
    press(&mut app, "U");
    assert_eq!(app.reading().unread(), 11, "what A changed, and only that");
    assert!(
        app.reading().is_read(1),
        "the article read before stays read"
    );
    assert!(status(&app, 120, 40).contains("11 articles unread again"));
    // Undo lasts until the next key.
    press(&mut app, "A j U");
    assert_eq!(app.reading().unread(), 0);
    assert!(status(&app, 120, 40).contains("nothing to undo"));
    press(&mut app, "A");
    assert!(status(&app, 120, 40).contains("nothing unread in the list"));
}

#[test]
fn a_marks_only_the_filtered_list_and_c_marks_everything() {
    let mut app = app(120, 40);
    finish_indexing(&mut app);
    // The flood article's first name, as the list filter.
    press(&mut app, "enter 3 f");
    let listed = app.list().len();
    assert!(
        listed > 0 && listed < 12,
        "the filter narrows the list: {listed}"
    );
    // Opening the article read it: make its row unread again.
    press(&mut app, "u");
    let before = app.reading().unread();
    press(&mut app, "A");
    let marked = before - app.reading().unread();
    assert!(marked > 0 && marked <= listed, "{marked} of {listed}");
    assert!(
        app.reading().unread() > 0,
        "articles outside the filter stay unread"
    );
    press(&mut app, "C");
    assert_eq!(app.reading().unread(), 0);
}

#[test]
fn marking_all_read_is_saved_in_one_go() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("state.sqlite3");
    let keymap = Keymap::embedded()?;
    let open = || -> Result<Headless, Box<dyn std::error::Error>> {
        let mut app = Headless::new(
            App::loading(keymap.clone(), Theme::colour()),
            Box::new(tui_support::analyze),
        )
        .with_store(Store::open(&path)?);
        app.load(tui_support::report());
        Ok(app)
    };
    let mut first = open()?;
    press(&mut first, "C");
    assert_eq!(first.reading().unread(), 0);
    drop(first);
    let mut again = open()?;
    assert_eq!(again.reading().unread(), 0, "remembered");
    press(&mut again, "C U");
    assert_eq!(
        again.reading().unread(),
        0,
        "nothing to undo after a restart"
    );
    Ok(())
}

/// The articles of the list's rows, top to bottom.
fn rows(app: &Headless) -> Vec<usize> {
    let list = app.list();
    (0..list.len()).filter_map(|r| list.article_at(r)).collect()
}

#[test]
fn the_list_is_newest_first_by_default_and_s_cycles_the_orders() {
    let mut app = tui_support::loading_app_sorted(120, 40, Sort::Date);
    app.load(tui_support::report());
    // The fillers are of March (later ones newer), the harbour of February, the flood of
    // January.
    let mut newest: Vec<usize> = (2..12).rev().collect();
    newest.extend([1, 0]);
    assert_eq!(rows(&app), newest);
    assert_eq!(
        app.list().selected(),
        11,
        "the cursor starts on the top row"
    );
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("Articles · newest first"), "{screen}");
    press(&mut app, "S");
    let titles: Vec<String> = rows(&app)
        .iter()
        .map(|&i| app.articles()[i].title.to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    assert!(status(&app, 120, 40).contains("sorted by title"));
    press(&mut app, "S");
    let sources: Vec<String> = rows(&app)
        .iter()
        .map(|&i| app.articles()[i].source_name.clone().unwrap_or_default())
        .collect();
    let mut by_source = sources.clone();
    by_source.sort();
    assert_eq!(sources, by_source);
    press(&mut app, "S");
    assert_eq!(rows(&app), (0..12).collect::<Vec<_>>(), "file order");
    press(&mut app, "S");
    assert_eq!(rows(&app), newest, "and round to newest first");
    // The cursor keeps its article through a change of order.
    press(&mut app, "j j");
    let on = app.list().selected();
    press(&mut app, "S");
    assert_eq!(app.list().selected(), on);
}

#[test]
fn shift_r_hides_read_articles_keeping_the_open_one() {
    let mut app = app(120, 40);
    press(&mut app, "J J J");
    assert_eq!(app.reader().open(), Some(2));
    press(&mut app, "R");
    assert_eq!(
        rows(&app),
        [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        "0 and 1 are read"
    );
    let screen = screen_text(&render(&app, 120, 40)).join("\n");
    assert!(screen.contains("· unread"), "{screen}");
    assert!(status(&app, 120, 40).contains("showing unread articles only"));
    // Reading on leaves the article before out.
    press(&mut app, "J");
    assert_eq!(rows(&app).first(), Some(&3));
    press(&mut app, "C");
    assert_eq!(rows(&app), [3], "only the open one is left");
    press(&mut app, "U");
    assert_eq!(rows(&app).len(), 9);
    press(&mut app, "R");
    assert_eq!(rows(&app).len(), 12);
    assert!(status(&app, 120, 40).contains("showing read articles too"));
}

#[test]
fn f_during_a_search_narrows_the_results_to_the_entity() {
    let mut app = app(120, 40);
    finish_indexing(&mut app);
    // The flood article open, then a search for every Indonesian article.
    press(&mut app, "enter / l a n g : i d enter");
    let found = app.list().len();
    assert!(found > 1, "{found} results");
    press(&mut app, "3 f");
    assert_eq!(rows(&app), [0], "only the results that mention the entity");
    let line = status(&app, 120, 40);
    assert!(
        line.contains("/lang:id"),
        "the search is still named: {line}"
    );
    // Esc drops both.
    press(&mut app, "esc");
    assert_eq!(app.list().len(), 12);
}
