//! The command line says what went wrong with what the user typed: a missing config file,
//! a state file in a folder that cannot be made, a size limit of 0, an unwritable
//! `generate` folder, prose given to `ner` and `eval`; it ends quietly when its output is
//! closed early (`| head`); each subcommand's `--help` lists only its own options.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-honest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The binary, with the user's own state and config folders replaced by `home`.
fn command(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_warta"));
    cmd.args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    cmd
}

fn run(home: &Path, args: &[&str]) -> Output {
    command(home, args).output().expect("run warta")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_missing_config_file_is_an_error() {
    let home = temp_dir("config");
    let missing = home.join("nope.toml");
    let missing = missing.to_string_lossy();
    for args in [
        vec!["--config", &missing],
        vec!["--config", &missing, "list"],
        vec!["config", "--config", &missing],
        vec!["config", "--paths", "--config", &missing],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("nope.toml: no such file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn config_errors_appear_on_stderr() {
    let home = temp_dir("config-errors");
    let config = home.join("config.toml");
    std::fs::write(
        &config,
        "[ui]\nmouse = maybe\n[keys.list]\nx = \"no_such_action\"\n",
    )
    .expect("write config");
    let config = config.to_string_lossy();
    for args in [
        vec!["config", "--config", &config],
        vec!["--config", &config, "config", "--paths"],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {err}");
        assert!(lines[0].contains("config.toml:2:"), "{err}");
        assert!(lines[1].contains("config.toml:4:"), "{err}");
        assert!(lines[1].contains("no_such_action"), "{err}");
    }
    // The reader checks them before it needs a terminal, and says so there too.
    let out = run(&home, &["--config", &config, "--no-state"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("config.toml:2:"), "{err}");
    assert!(err.contains("not a terminal"), "{err}");
}

#[test]
fn the_paths_command_names_the_config_and_state_files_and_creates_nothing() {
    let home = temp_dir("paths");
    let out = run(&home, &["config", "--paths"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let config = home.join("config").join("warta").join("config.toml");
    let state = home.join("data").join("warta").join("state.sqlite3");
    assert_eq!(
        lines,
        [
            format!("config {} (not created yet)", config.display()),
            format!("state {} (not created yet)", state.display()),
        ]
    );
    assert!(!home.join("data").exists());
    let own = home.join("mine.sqlite3");
    std::fs::write(&own, b"").expect("write");
    let own = own.to_string_lossy();
    let out = run(&home, &["--state", &own, "config", "--paths"]);
    assert!(
        stdout(&out).contains(&format!("state {own}\n")),
        "{}",
        stdout(&out)
    );
    let out = run(&home, &["config", "--paths", "--no-state"]);
    assert!(
        stdout(&out).contains("state none (--no-state)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_state_file_folder_is_made_only_below_one_that_exists() {
    let home = temp_dir("state");
    let deep = home.join("a").join("b").join("state.sqlite3");
    let out = run(&home, &["list", "--state", &deep.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&home.join("a").join("b").display().to_string()),
        "{err}"
    );
    assert!(err.contains("does not exist"), "{err}");
    assert!(!home.join("a").exists());
    // One missing folder under an existing one is made, before or after the subcommand.
    let one = home.join("a").join("state.sqlite3");
    let out = run(&home, &["--state", &one.to_string_lossy(), "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(one.is_file());
    let out = run(&home, &["--state", &home.to_string_lossy(), "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[test]
fn a_size_limit_of_zero_is_refused() {
    let home = temp_dir("size");
    for args in [
        vec!["--max-file-size", "0", "list"],
        vec!["list", "--max-file-size", "0"],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("0 MB would refuse every file"),
            "{}",
            stderr(&out)
        );
    }
    let out = run(&home, &["--no-state", "list", "--max-file-size", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn generate_names_the_folder_it_could_not_write() {
    let home = temp_dir("generate");
    let file = home.join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let out_dir = file.join("collection");
    let out = run(
        &home,
        &["generate", "--count", "2", &out_dir.to_string_lossy()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&out_dir.display().to_string()), "{err}");
}

#[test]
fn ner_and_eval_refuse_prose() {
    let home = temp_dir("ner");
    let prose = home.join("article.txt");
    std::fs::write(
        &prose,
        "Wali Kota Bandung meresmikan taman baru di pusat kota pada Senin pagi.\n\
         Warga datang sejak pukul enam untuk melihat air mancur yang baru dipasang.\n",
    )
    .expect("write");
    let prose = prose.to_string_lossy();
    for command in ["ner", "eval"] {
        let out = run(&home, &[command, &prose]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(stdout(&out).is_empty(), "{command}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains("article.txt: not CoNLL: line 1"),
            "{command}: {err}"
        );
    }
    // Tokens without tags can be tagged, but not scored.
    let tokens = home.join("tokens.conll");
    std::fs::write(&tokens, "Wali\nKota\nBandung\ndatang\n.\n").expect("write");
    let tokens = tokens.to_string_lossy();
    let out = run(&home, &["ner", "--lang", "id", &tokens]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 5);
    let out = run(&home, &["eval", &tokens]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no tags"), "{}", stderr(&out));
}

/// Run a command whose standard output is closed before it writes anything, as `head`
/// leaves it; it must end with status 0 and say nothing.
fn closed_early(home: &Path, args: &[&str]) {
    let mut child = command(home, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn warta");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    assert_eq!(stderr(&out), "", "{args:?}");
}

#[test]
fn piping_into_head_ends_quietly() {
    let home = temp_dir("pipe");
    for args in [
        vec!["--no-state", "list"],
        vec!["--no-state", "entities"],
        vec!["--no-state", "graph"],
        vec!["--no-state", "graph", "--format", "dot"],
        vec!["--no-state", "entity", "KPK"],
    ] {
        closed_early(&home, &args);
    }
    // As `warta list --json --body | head -1`: a first line read, the rest refused.
    let dir = home.join("many");
    let out = run(
        &home,
        &[
            "generate",
            "--count",
            "120",
            "--format",
            "jsonl",
            &dir.to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut child = command(
        &home,
        &[
            "--no-state",
            "list",
            "--json",
            "--body",
            &dir.to_string_lossy(),
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn warta");
    let mut first = String::new();
    if let Some(stdout) = child.stdout.take() {
        BufReader::new(stdout).read_line(&mut first).expect("read");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(first.starts_with('{'), "{first}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// The long options a `--help` text lists.
fn options(home: &Path, args: &[&str]) -> Vec<String> {
    let out = run(home, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    stdout(&out)
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches([',', '.']).to_string())
        .filter(|w| w.len() > 2)
        .collect()
}

#[test]
fn each_subcommand_help_lists_only_its_options() {
    let home = temp_dir("help");
    let reading = ["--state", "--no-state", "--max-file-size"];
    for command in ["list", "entities", "entity", "graph"] {
        let got = options(&home, &[command, "--help"]);
        for option in reading {
            assert!(got.iter().any(|o| o == option), "{command}: {got:?}");
        }
        assert!(!got.iter().any(|o| o == "--config"), "{command}: {got:?}");
    }
    for command in ["ner", "eval", "train", "generate"] {
        let got = options(&home, &[command, "--help"]);
        for option in reading.iter().chain(&["--config"]) {
            assert!(!got.iter().any(|o| o == option), "{command} lists {option}");
        }
    }
    let got = options(&home, &["config", "--help"]);
    for option in ["--config", "--paths", "--default", "--state"] {
        assert!(got.iter().any(|o| o == option), "config: {got:?}");
    }
    assert!(
        !got.iter().any(|o| o == "--max-file-size"),
        "config: {got:?}"
    );
    let got = options(&home, &["--help"]);
    for option in reading.iter().chain(&["--config"]) {
        assert!(got.iter().any(|o| o == option), "warta: {got:?}");
    }
}

#[test]
fn list_filters_by_source_name_or_site() {
    let home = temp_dir("source");
    let dir = home.join("articles");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("berita.jsonl"),
        concat!(
            r#"{"judul": "Banjir Rendam Kampung", "isi": "Air naik sejak pagi.", "tautan": "https://news.detik.com/berita/d-1/banjir-rendam-kampung"}"#,
            "\n",
            r#"{"judul": "Harga Beras Turun", "isi": "Pedagang lega.", "source": "kompas.com"}"#,
            "\n",
            r#"{"judul": "Kereta Baru Diuji", "isi": "Uji coba berjalan.", "source": "Warta Kampung", "url": "https://warta.contoh.id/kereta"}"#,
            "\n",
        ),
    )
    .expect("write");
    let dir = dir.to_string_lossy();
    let titles = |source: &str| -> Vec<String> {
        let out = run(&home, &["--no-state", "list", "--source", source, &dir]);
        stdout(&out)
            .lines()
            .map(|l| l.split("  ").last().unwrap_or("").trim().to_string())
            .collect()
    };
    assert_eq!(titles("detik"), ["Banjir Rendam Kampung"]);
    assert_eq!(titles("DETIKNEWS"), ["Banjir Rendam Kampung"]);
    assert_eq!(titles("kompas"), ["Harga Beras Turun"]);
    assert_eq!(titles("contoh.id"), ["Kereta Baru Diuji"]);
    let out = run(&home, &["--no-state", "list", "--source", "reuters", &dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article of a source named"),
        "{}",
        stderr(&out)
    );
    // The site names are spelled as the sites spell themselves.
    let out = run(&home, &["--no-state", "list", &dir]);
    let text = stdout(&out);
    assert!(text.contains("detikNews"), "{text}");
    assert!(text.contains("KOMPAS.com"), "{text}");
}
