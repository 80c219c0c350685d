//! The release binary in a real terminal, as a user would drive it: tmux starts `warta`,
//! keys are sent, the pane is captured and checked. Skipped when tmux is not installed.
//! Also: without a terminal, `warta` says so and exits 1.

mod tmux_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};
use tmux_support::{Session, have, shell_quote};

const BIN: &str = env!("CARGO_BIN_EXE_warta");

/// A folder of two invented plain-text articles, removed on drop.
struct Fixture(PathBuf);

impl Fixture {
    fn new(tag: &str) -> Fixture {
        let dir = std::env::temp_dir().join(format!("warta-tui-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("a-pelabuhan.txt"),
            "Pelabuhan Sendangsari diperluas tahun depan\n\n\
             Menteri Perhubungan Wulan Prasetyo meresmikan proyek perluasan dermaga di Sendangsari.\n\n\
             Proyek itu dikerjakan oleh PT Dermaga Nusantara selama dua tahun.\n",
        )
        .expect("write fixture");
        std::fs::write(
            dir.join("b-kebun.txt"),
            "Kebun raya kota dibuka kembali untuk umum\n\n\
             Pengelola kebun raya menanam ulang seratus pohon langka setelah badai.\n\n\
             Pengunjung diminta menjaga kebersihan jalur pejalan kaki.\n",
        )
        .expect("write fixture");
        Fixture(dir)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_binary_in_tmux_lists_opens_helps_and_quits() {
    if !have("tmux") {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let fixture = Fixture::new("tmux");
    let name = format!("warta-test-{}", std::process::id());
    let command = format!(
        "XDG_CONFIG_HOME={} {} --no-state {}",
        shell_quote(&fixture.0),
        shell_quote(Path::new(BIN)),
        shell_quote(&fixture.0)
    );
    let session = Session::start(&name, 100, 30, &command).expect("tmux session starts");

    let screen = session.wait_for("the article list", |s| s.contains("Pelabuhan Sendangsari"));
    assert!(screen.contains("Kebun raya kota"), "{screen}");
    assert!(screen.contains("No article open."), "{screen}");
    assert!(screen.contains("1/2 · 2 unread"), "{screen}");
    assert!(screen.contains("? help"), "{screen}");

    session.keys(&["j", "Enter"]);
    let screen = session.wait_for("the second article", |s| s.contains("Pengelola kebun raya"));
    assert!(screen.contains("2/2 · 1 unread"), "{screen}");
    assert!(
        screen.contains("┏ Reader"),
        "the reader has focus:\n{screen}"
    );

    session.keys(&["?"]);
    let screen = session.wait_for("the help overlay", |s| s.contains("Keys by pane"));
    assert!(screen.contains("Article list"), "{screen}");
    session.keys(&["Escape"]);
    session.wait_for("the overlay to close", |s| !s.contains("Keys by pane"));

    // Resizing to tiny and back must not crash.
    for (w, h) in [("1", "1"), ("30", "5"), ("100", "30")] {
        let _ = Command::new("tmux")
            .args(["resize-window", "-t", &name, "-x", w, "-y", h])
            .status();
    }
    let screen = session.wait_for("the reader after resizing", |s| {
        s.contains("Pengelola kebun")
    });
    assert!(screen.contains("Kebun raya"), "{screen}");

    session.keys(&["q"]);
    let screen = session.wait_for("q back to the list", |s| s.contains("Articles ·"));
    assert!(
        session.alive(),
        "q from the reader goes back, not out:\n{screen}"
    );
    session.keys(&["q"]);
    let start = Instant::now();
    while session.alive() && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert!(
        !session.alive(),
        "q on the list quits warta and closes the session"
    );
}

#[test]
fn without_a_terminal_the_reader_explains_and_exits_1() {
    let fixture = Fixture::new("pipe");
    let out = Command::new(BIN)
        .arg(&fixture.0)
        .stdin(Stdio::null())
        .output()
        .expect("run warta");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a terminal"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// Write an executable shell script.
fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn the_pager_and_the_browser_get_the_article_and_the_screen_comes_back() {
    if !have("tmux") {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let fixture = Fixture::new("external");
    let dir = &fixture.0;
    // Only the linked article, so that it is first in the list.
    for name in ["a-pelabuhan.txt", "b-kebun.txt"] {
        let _ = std::fs::remove_file(dir.join(name));
    }
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).expect("articles dir");
    std::fs::write(
        articles.join("linked.json"),
        r#"[{"title": "Jembatan gantung Kali Lenteng selesai dibangun",
             "url": "https://news.example.org/jembatan-kali-lenteng",
             "text": "Warga dua desa kini menyeberang tanpa perahu.\n\nBupati Rahmat Sulistyo meresmikan jembatan itu pada Sabtu pagi."}]"#,
    )
    .expect("write article");
    let paged = dir.join("paged.txt");
    let opened = dir.join("opened.txt");
    let pager = dir.join("pager.sh");
    let browser = dir.join("browser.sh");
    // The pager keeps what it is given; the browser notes its argument and prints noise
    // that must not reach the screen.
    script(&pager, &format!("cat > {}", shell_quote(&paged)));
    script(
        &browser,
        &format!(
            "echo BROWSER-NOISE; printf '%s' \"$1\" > {}",
            shell_quote(&opened)
        ),
    );
    let name = format!("warta-external-{}", std::process::id());
    let command = format!(
        "XDG_CONFIG_HOME={} PAGER={} BROWSER={} {} --no-state {}",
        shell_quote(dir),
        shell_quote(&pager),
        shell_quote(&browser),
        shell_quote(Path::new(BIN)),
        shell_quote(&articles)
    );
    let session = Session::start(&name, 100, 30, &command).expect("tmux session starts");
    session.wait_for("the article list", |s| s.contains("Jembatan gantung"));
    session.keys(&["Enter"]);
    session.wait_for("the article", |s| s.contains("Warga dua desa"));

    session.keys(&["v"]);
    let start = Instant::now();
    while !std::fs::read_to_string(&paged).is_ok_and(|t| t.contains("Rahmat Sulistyo"))
        && start.elapsed() < Duration::from_secs(20)
    {
        sleep(Duration::from_millis(100));
    }
    let text = std::fs::read_to_string(&paged).unwrap_or_default();
    assert!(text.starts_with("Jembatan gantung Kali Lenteng"), "{text}");
    assert!(text.contains("Warga dua desa kini menyeberang"), "{text}");
    // The reader is back, whole, and still takes keys.
    let screen = session.wait_for("the reader after the pager", |s| {
        s.contains("Warga dua desa") && s.contains("? help")
    });
    assert!(screen.contains("┏ Reader"), "{screen}");

    session.keys(&["o"]);
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap_or_default(),
        "https://news.example.org/jembatan-kali-lenteng"
    );
    let screen = session.wait_for("the notice", |s| s.contains("opening the link"));
    assert!(!screen.contains("BROWSER-NOISE"), "{screen}");
    assert!(screen.contains("Warga dua desa"), "{screen}");
    session.keys(&["Q"]);
}

/// Whether a process is still running (not gone, not a zombie); `None` without `/proc`.
fn running(pid: u32) -> Option<bool> {
    if !Path::new("/proc/self").exists() {
        return None;
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    Some(
        status
            .lines()
            .find(|l| l.starts_with("State:"))
            .is_some_and(|l| !l.contains("Z")),
    )
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    if !have("tmux") || running(std::process::id()).is_none() {
        eprintln!("skipped: needs tmux and /proc");
        return;
    }
    let fixture = Fixture::new("hangup");
    let name = format!("warta-hangup-{}", std::process::id());
    let command = format!(
        "XDG_CONFIG_HOME={} exec {} --no-state {}",
        shell_quote(&fixture.0),
        shell_quote(Path::new(BIN)),
        shell_quote(&fixture.0)
    );
    let session = Session::start(&name, 100, 30, &command).expect("tmux session starts");
    session.wait_for("the article list", |s| s.contains("Pelabuhan Sendangsari"));
    let pid: u32 = Command::new("tmux")
        .args(["display-message", "-p", "-t", &name, "#{pane_pid}"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .expect("the pane's process id");
    assert_eq!(running(pid), Some(true));
    // The terminal goes away: the reader gets SIGHUP and its input ends.
    drop(session);
    let start = Instant::now();
    while running(pid) == Some(true) && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert_eq!(running(pid), Some(false), "warta still runs after a hangup");
}
