//! The interface under hostile conditions, on a TestBackend through the real keymap and
//! `update`: the hostile collection opened article by article at ordinary and tiny sizes
//! with its Problems view, and a storm of resizes of random sizes mixed with keys and draws.

mod hostile_support;
mod tui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::{app, app_with, press, render, screen_text};
use warta::article::load_paths;
use warta::tui::app::Overlay;
use warta::tui::{Headless, Message};

/// Every cell of the screen: no terminal control in any symbol.
fn assert_no_controls(terminal: &Terminal<TestBackend>, what: &str) {
    let buffer = terminal.backend().buffer();
    for (i, cell) in buffer.content().iter().enumerate() {
        assert!(
            !cell.symbol().chars().any(warta::text::is_unsafe),
            "{what}: control in cell {i}: {:?}",
            cell.symbol()
        );
    }
}

fn draw_at(app: &mut Headless, width: u16, height: u16, what: &str) -> Vec<String> {
    app.update(Message::Resize { width, height });
    let terminal = render(app, width, height);
    assert_no_controls(&terminal, &format!("{what} at {width}x{height}"));
    screen_text(&terminal)
}

#[test]
fn the_hostile_collection_opens_article_by_article_and_lists_its_problems() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    hostile_support::hostile_collection(dir.path());
    let report = load_paths(&[dir.path().to_path_buf()]);
    let count = report.articles.len();
    assert!(count >= 10, "most of the collection loads: {count}");
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let mut app = app_with(report, 80, 24);
    for i in 0..count {
        // Back to the list, to the i-th article, open it.
        app.update(Message::Resize {
            width: 80,
            height: 24,
        });
        press(&mut app, "1 g");
        for _ in 0..i {
            press(&mut app, "j");
        }
        press(&mut app, "enter");
        assert_eq!(
            app.reader().open(),
            app.list().article_at(i),
            "article {i} is open"
        );
        let title = app
            .open_article()
            .map(|a| a.title.clone())
            .unwrap_or_default();
        for (w, h) in [(80, 24), (30, 10), (1, 1)] {
            draw_at(&mut app, w, h, &title);
            press(&mut app, "G");
            draw_at(&mut app, w, h, &title);
            press(&mut app, "g");
        }
    }

    // The Problems view names every file that was skipped, each on one clean line.
    press(&mut app, "p");
    assert_eq!(app.overlay(), Some(Overlay::Problems));
    let listed: String = app
        .overlay_lines()
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for name in hostile_support::reported() {
        assert!(
            listed.contains(name),
            "{name} is in the Problems view:\n{listed}"
        );
    }
    assert!(problems.iter().all(|p| !p.contains('\n')));
    for (w, h) in [(80, 24), (30, 10), (1, 1)] {
        let screen = draw_at(&mut app, w, h, "the Problems view").join("\n");
        if w == 80 {
            assert!(screen.contains("Load problems"), "{screen}");
        }
    }
    press(&mut app, "esc");
    assert_eq!(app.overlay(), None);
}

/// A small deterministic generator, so the storm is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Keys a user might press while the window is being dragged about.
const KEYS: &[&str] = &[
    "j",
    "k",
    "enter",
    "tab",
    "shift-tab",
    "space",
    "b",
    "G",
    "g",
    "n",
    "N",
    "s",
    "?",
    "esc",
    "p",
    "ctrl-d",
    "ctrl-u",
    "pagedown",
    "pageup",
    "l",
    "h",
    "backspace",
    "ctrl-n",
    "3",
    "1",
    "2",
];

#[test]
fn a_resize_storm_with_keys_and_draws_never_panics() {
    let mut app = app(80, 24);
    let mut rng = Lcg(42);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    for step in 0..800 {
        let width = 1 + rng.below(300) as u16;
        let height = 1 + rng.below(100) as u16;
        app.update(Message::Resize { width, height });
        // Several resizes may arrive between two draws, and keys between resizes.
        if rng.below(3) == 0 {
            let key = KEYS[rng.below(KEYS.len() as u64) as usize];
            press(&mut app, key);
        }
        if rng.below(2) == 0 {
            terminal.backend_mut().resize(width, height);
            let drawn = terminal.draw(|frame| warta::tui::view::draw(frame, &app));
            assert!(drawn.is_ok(), "draw at step {step} ({width}x{height})");
        }
        assert!(app.is_running(), "no key here quits");
        // The state stays consistent with the size it was told.
        let page = app.page_area();
        assert!(
            page.right() <= width && page.bottom() <= height,
            "step {step}: page {page:?} inside {width}x{height}"
        );
    }
    // After the storm, a normal size draws the normal screen.
    press(&mut app, "esc esc 1");
    let screen = draw_at(&mut app, 100, 30, "after the storm").join("\n");
    assert!(screen.contains("Articles"), "{screen}");
}
