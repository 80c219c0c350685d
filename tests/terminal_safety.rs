//! Terminal safety, checked on the raw bytes: `warta` runs under `script` (which records
//! every byte the program writes to its pseudo-terminal) inside tmux, opens articles whose
//! titles and bodies carry clipboard writes (OSC 52), hyperlinks (OSC 8), title changes,
//! screen clears, C1 controls and bidi overrides, and none of them may reach the terminal.
//! Skipped when tmux or script is missing.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_warta");

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn tmux(args: &[&str]) -> bool {
    Command::new("tmux")
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

fn write_hostile_articles(dir: &Path) -> std::io::Result<()> {
    let osc52 = "\u{1b}]52;c;UEFZTE9BRC1DTElQ\u{7}";
    let osc8 = "\u{1b}]8;;https://evil.example/x\u{1b}\\klik\u{1b}]8;;\u{1b}\\";
    let title = "\u{1b}]0;PAYLOAD-TITLE\u{7}";
    let clear = "\u{1b}[2J\u{1b}[3J\u{1b}[1;1H";
    let c1 = "\u{9b}6n\u{9d}0;PAYLOAD-C1\u{9c}";
    let bidi = "\u{202e}\u{2066}";
    std::fs::write(
        dir.join("a-serangan.txt"),
        format!(
            "Judul {osc52}berbahaya {title}sekali{bidi}\n\n\
             Paragraf pertama {osc8} dengan {clear}teks {c1}biasa.\n\n\
             Kata Menteri Wulan Prasetyo{osc52} di Jakarta.\n"
        ),
    )?;
    std::fs::write(
        dir.join("b-json.json"),
        serde_json::json!({
            "title": format!("JSON {title}title {osc8}"),
            "author": format!("Penulis {osc52}"),
            "content": format!("Isi {clear}{c1}berita {bidi}panjang."),
        })
        .to_string(),
    )?;
    Ok(())
}

#[test]
fn no_input_escape_sequence_reaches_the_terminal() -> Result<(), Box<dyn std::error::Error>> {
    if !have("tmux") || !have("script") {
        eprintln!("tmux or script not installed: skipping");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    write_hostile_articles(dir.path())?;
    let record = dir.path().join("raw-output.bin");
    let session = format!("warta-safety-{}", std::process::id());
    let command = format!(
        "script -q -f -c '{BIN} --no-state {}' {}",
        dir.path().display(),
        record.display()
    );
    if !tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]) {
        eprintln!("tmux could not start a session: skipping");
        return Ok(());
    }
    let keys: &[&[&str]] = &[
        &["Enter"],
        &["l"],
        &["j"],
        &["h"],
        &["j"],
        &["Enter"],
        &["Q"],
    ];
    sleep(Duration::from_millis(800));
    for k in keys {
        let mut args = vec!["send-keys", "-t", session.as_str()];
        args.extend_from_slice(k);
        tmux(&args);
        sleep(Duration::from_millis(250));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while tmux(&["has-session", "-t", &session]) && Instant::now() < deadline {
        sleep(Duration::from_millis(100));
    }
    tmux(&["kill-session", "-t", &session]);
    let raw = std::fs::read(&record)?;
    assert!(
        raw.len() > 1000,
        "the screen was drawn ({} bytes)",
        raw.len()
    );
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("berbahaya"), "the hostile article was shown");
    for needle in [
        "\u{1b}]52",
        "\u{1b}]8;",
        "\u{1b}]0;",
        "UEFZTE9BRC1DTElQ",
        "PAYLOAD-TITLE",
        "PAYLOAD-C1",
        "evil.example",
        "\u{9b}",
        "\u{9d}",
        "\u{202e}",
        "\u{2066}",
    ] {
        assert!(!text.contains(needle), "{needle:?} reached the terminal");
    }
    Ok(())
}
