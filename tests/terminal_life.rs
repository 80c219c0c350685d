//! Terminal life with the real binary in tmux: SIGTERM, SIGHUP and SIGINT sent with `kill`
//! while the reader runs leave the terminal as it was (the raw bytes, recorded by
//! `script`, end by leaving the alternate screen, mouse capture and hidden cursor; `stty`
//! afterwards finds the line discipline cooked again) and save the reading state (the
//! scroll position and the last article); a storm of window resizes leaves a sane screen.
//! Skipped when tmux or script is missing.

mod tmux_support;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;
use tmux_support::{Session, eventually, have, shell_quote, tmux};
use warta::article::load_paths;
use warta::store::{Store, article_key};

const BIN: &str = env!("CARGO_BIN_EXE_warta");

/// Two invented articles, the first long enough to scroll through.
fn write_articles(dir: &Path) -> std::io::Result<()> {
    let mut long = String::from("Laporan panjang tentang pelabuhan Sendangsari\n\n");
    for i in 1..=80 {
        long.push_str(&format!(
            "Paragraf nomor {i} menceritakan dermaga, kapal dan para pekerja pelabuhan.\n\n"
        ));
    }
    std::fs::write(dir.join("a-panjang.txt"), long)?;
    std::fs::write(
        dir.join("b-pendek.txt"),
        "Kebun raya dibuka kembali\n\nPengelola menanam ulang seratus pohon.\n",
    )
}

/// The PID of the only child of `parent` (Linux `/proc`).
fn child_of(parent: u32) -> Option<u32> {
    let children =
        std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
    children.split_whitespace().next()?.parse().ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Start warta under `script` in tmux, open the long article, page down, send `signal`
/// with `kill` `times` times back to back, and check the terminal and the saved state.
fn signal_restores_terminal_and_saves_state(
    signal: &str,
    times: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles)?;
    write_articles(&articles)?;
    let state = dir.path().join("state.sqlite3");
    let raw = dir.path().join("raw.bin");
    let stty = dir.path().join("stty.txt");
    let shell_pid = dir.path().join("shell.pid");
    let run = dir.path().join("run.sh");
    std::fs::write(
        &run,
        format!(
            "echo $$ > {pid}\nXDG_CONFIG_HOME={cfg} {bin} --state {state} {articles}\n\
             echo $? > {exit}\nstty -a > {stty}\n",
            pid = shell_quote(&shell_pid),
            cfg = shell_quote(dir.path()),
            bin = shell_quote(Path::new(BIN)),
            state = shell_quote(&state),
            articles = shell_quote(&articles),
            exit = shell_quote(&dir.path().join("exit.txt")),
            stty = shell_quote(&stty),
        ),
    )?;
    let command = format!(
        "script -q -f -c {} {}",
        shell_quote(Path::new(&format!("sh {}", shell_quote(&run)))),
        shell_quote(&raw)
    );
    let name = format!("warta-signal-{signal}-{times}-{}", std::process::id());
    let Some(session) = Session::start(&name, 100, 30, &command) else {
        eprintln!("tmux could not start a session: skipping");
        return Ok(());
    };
    session.wait_for("the article list", |s| s.contains("Laporan panjang"));
    session.keys(&["Enter"]);
    session.wait_for("the long article", |s| s.contains("Paragraf nomor 1 "));
    session.keys(&["Space"]);
    session.keys(&["Space"]);
    session.wait_for("the reader paged down", |s| {
        s.contains("Paragraf nomor 20 ") && !s.contains("Paragraf nomor 1 ")
    });

    let shell: u32 = std::fs::read_to_string(&shell_pid)?.trim().parse()?;
    let Some(pid) = child_of(shell) else {
        eprintln!("no /proc children list: skipping");
        return Ok(());
    };
    // Repeated signals come a few milliseconds apart, as from a closing terminal window
    // (apart enough that the kernel does not merge them into one pending signal).
    for n in 0..times {
        if n > 0 {
            sleep(Duration::from_millis(5));
        }
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()?;
        assert!(killed.success(), "kill -{signal} {pid}");
    }
    assert!(
        eventually(|| stty.exists() && std::fs::metadata(&stty).is_ok_and(|m| m.len() > 0)),
        "warta did not end after SIG{signal}; screen:\n{}",
        session.capture()
    );
    // Let script write out the last bytes and end the session.
    eventually(|| !session.alive());
    drop(session);

    // The terminal: the alternate screen left after it was last entered, mouse capture
    // off and the cursor shown after that; the line discipline cooked (not raw) again.
    let bytes = std::fs::read(&raw)?;
    let entered = find(&bytes, b"\x1b[?1049h").ok_or("the alternate screen was never entered")?;
    let left = find(&bytes, b"\x1b[?1049l").ok_or("the alternate screen was not left")?;
    assert!(left > entered, "the alternate screen left at the end");
    let mouse_off = find(&bytes, b"\x1b[?1000l").ok_or("mouse capture not disabled")?;
    assert!(mouse_off > entered, "mouse capture disabled at the end");
    let shown = find(&bytes, b"\x1b[?25h").ok_or("the cursor was not shown again")?;
    assert!(shown > entered, "the cursor shown at the end");
    let modes = std::fs::read_to_string(&stty)?;
    let flags: Vec<&str> = modes.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(
            flags.contains(&flag),
            "{flag} is back on after SIG{signal}: {modes}"
        );
    }
    let exit = std::fs::read_to_string(dir.path().join("exit.txt"))?;
    assert_eq!(exit.trim(), "0", "warta quits normally on SIG{signal}");

    // The state: the long article was the last open and its scroll position was saved.
    let report = load_paths(std::slice::from_ref(&articles));
    let article = report
        .articles
        .iter()
        .find(|a| a.title.starts_with("Laporan panjang"))
        .ok_or("the long article loads")?;
    let key = article_key(article);
    let store = Store::open(&state)?;
    assert_eq!(store.last_open()?, Some(key.clone()), "the last article");
    let saved = store.get(&key)?;
    assert!(saved.read, "opened, so read");
    assert!(saved.scroll > 0, "the scroll position was saved: {saved:?}");
    Ok(())
}

fn tools_present() -> bool {
    if !have("tmux") || !have("script") {
        eprintln!("tmux or script not installed: skipping");
        return false;
    }
    true
}

#[test]
fn sigterm_restores_the_terminal_and_saves_state() -> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    signal_restores_terminal_and_saves_state("TERM", 1)
}

#[test]
fn sighup_restores_the_terminal_and_saves_state() -> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    signal_restores_terminal_and_saves_state("HUP", 1)
}

#[test]
fn a_second_sighup_still_restores_the_terminal_and_saves_state()
-> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    signal_restores_terminal_and_saves_state("HUP", 2)
}

#[test]
fn a_second_sigterm_still_restores_the_terminal_and_saves_state()
-> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    signal_restores_terminal_and_saves_state("TERM", 2)
}

#[test]
fn sigint_restores_the_terminal_and_saves_state() -> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    signal_restores_terminal_and_saves_state("INT", 1)
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

#[test]
fn a_resize_storm_leaves_a_sane_screen() -> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    write_articles(dir.path())?;
    let command = format!(
        "XDG_CONFIG_HOME={} {} --no-state {}",
        shell_quote(dir.path()),
        shell_quote(Path::new(BIN)),
        shell_quote(dir.path())
    );
    let name = format!("warta-resize-{}", std::process::id());
    let Some(session) = Session::start(&name, 100, 30, &command) else {
        eprintln!("tmux could not start a session: skipping");
        return Ok(());
    };
    session.wait_for("the article list", |s| s.contains("Laporan panjang"));
    session.keys(&["Enter"]);
    session.wait_for("the long article", |s| s.contains("Paragraf nomor 1 "));
    let mut rng = Lcg(7);
    for i in 0..60 {
        let (w, h) = (1 + rng.below(300), 1 + rng.below(100));
        tmux(&[
            "resize-window",
            "-t",
            &name,
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        if i % 3 == 0 {
            session.keys(&[["j", "k", "Tab", "Space", "b"][i % 5]]);
        }
        sleep(Duration::from_millis(if i % 10 == 0 { 50 } else { 5 }));
    }
    tmux(&["resize-window", "-t", &name, "-x", "100", "-y", "30"]);
    let screen = session.wait_for("the reader redrawn at 100x30", |s| {
        s.contains("Laporan panjang") && s.contains("Paragraf nomor") && s.contains("quit")
    });
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 30, "{screen}");
    assert!(
        lines.iter().all(|l| l.chars().count() <= 100),
        "no line wider than the window:\n{screen}"
    );
    assert!(session.alive(), "warta survived the storm");
    session.keys(&["Q"]);
    assert!(
        eventually(|| !session.alive()),
        "Q still quits after the storm"
    );
    Ok(())
}

#[test]
fn ctrl_c_in_the_pager_does_not_quit_the_reader() -> Result<(), Box<dyn std::error::Error>> {
    if !tools_present() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles)?;
    write_articles(&articles)?;
    // A pager that reads its input, then waits to be interrupted.
    let pager = dir.path().join("pager.sh");
    let started = dir.path().join("pager-started");
    std::fs::write(
        &pager,
        format!(
            "cat > /dev/null\necho PAGER-WAITING\ntouch {}\nsleep 30\n",
            shell_quote(&started)
        ),
    )?;
    let command = format!(
        "XDG_CONFIG_HOME={} PAGER='sh {}' {} --no-state {}",
        shell_quote(dir.path()),
        pager.display(),
        shell_quote(Path::new(BIN)),
        shell_quote(&articles)
    );
    let name = format!("warta-pager-{}", std::process::id());
    let Some(session) = Session::start(&name, 100, 30, &command) else {
        eprintln!("tmux could not start a session: skipping");
        return Ok(());
    };
    session.wait_for("the article list", |s| s.contains("Laporan panjang"));
    session.keys(&["Enter"]);
    session.wait_for("the long article", |s| s.contains("Paragraf nomor 1 "));
    session.keys(&["v"]);
    assert!(eventually(|| started.exists()), "the pager started");
    session.keys(&["C-c"]);
    let screen = session.wait_for("the reader back after the pager", |s| {
        s.contains("Paragraf nomor 1 ") && s.contains("Laporan panjang")
    });
    assert!(
        session.alive(),
        "Ctrl-C in the pager left warta running:\n{screen}"
    );
    session.keys(&["Q"]);
    assert!(eventually(|| !session.alive()), "Q quits afterwards");
    Ok(())
}
