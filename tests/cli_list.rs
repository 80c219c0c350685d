//! `warta list` as a user runs it: the real binary, JSON lines on stdout, one stderr line
//! per skipped input, and the exit codes 0 (something loaded), 1 (nothing) and 2 (usage).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn warta(args: &[&str]) -> Output {
    // Keep the user's own state and config out of the test (and the test out of them).
    let home = std::env::temp_dir().join(format!("warta-cli-home-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("XDG_DATA_HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run warta")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn list_json_prints_one_object_per_article() {
    let out = warta(&["list", "--json", "tests/fixtures/articles"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 13);
    let keys = [
        "source",
        "index",
        "format",
        "title",
        "lead",
        "authors",
        "published",
        "source_name",
        "dateline",
        "url",
        "language",
    ];
    for line in &lines {
        for key in keys {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
        assert!(line.get("body").is_none());
    }
    let scraped = lines
        .iter()
        .find(|l| {
            l["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("scraped.txt"))
        })
        .expect("scraped.txt listed");
    assert_eq!(scraped["format"], "text");
    assert_eq!(scraped["index"], 0);
    assert_eq!(scraped["authors"][0], "Dimas Putra");
    assert_eq!(scraped["published"], "2023-02-02T09:15:00+08:00");
    assert_eq!(scraped["source_name"], "TEMPO.CO");
    assert_eq!(scraped["dateline"], "Makassar");
    // Skipped inputs: one stderr line each.
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let skipped: Vec<&str> = stderr.lines().collect();
    assert_eq!(skipped.len(), 2, "{stderr}");
    assert!(skipped.iter().all(|l| l.starts_with("warta: skipped ")));
    assert!(skipped[0].contains("lines.jsonl:2:"));
}

#[test]
fn list_body_separates_paragraphs_with_a_blank_line() {
    let out = warta(&[
        "list",
        "--json",
        "--body",
        "tests/fixtures/articles/bbc-shape.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let line: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    let body = line["body"].as_str().expect("body");
    assert_eq!(body.split("\n\n").count(), 3);
    assert!(body.starts_with("A ferry company"));
}

#[test]
fn exit_one_when_nothing_loads() {
    let dir = temp_dir("none");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("README.md"), "Not an article.\n").unwrap();
    let path = dir.to_string_lossy().into_owned();
    let out = warta(&["list", "--json", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("empty.txt: no article found"));
    let missing = Path::new(&path).join("nope.txt");
    let out = warta(&["list", &missing.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt: cannot open"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_two_on_usage_error() {
    let out = warta(&["list", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn plain_listing_has_date_source_and_title() {
    let out = warta(&["list", "tests/fixtures/articles/scraped.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.starts_with("2023-02-02"));
    assert!(stdout.contains("TEMPO.CO"));
    assert!(stdout.contains("Jembatan Gantung Desa Sukamaju Resmi Dibuka"));
}

#[test]
fn list_json_includes_read_and_starred_from_the_state_file() {
    let dir = temp_dir("state");
    let state = dir.join("state.sqlite3");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let report = warta::article::load_paths(&[root]);
    let first = report.articles.first().expect("fixtures load");
    {
        let store = warta::store::Store::open(&state).expect("store");
        let key = warta::store::article_key(first);
        store.set_read(&key, true).expect("write");
        store.set_starred(&key, true).expect("write");
    }
    let state_arg = state.to_string_lossy().to_string();
    let out = warta(&[
        "list",
        "--json",
        "--state",
        &state_arg,
        "tests/fixtures/articles",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let marked: Vec<&Value> = lines
        .iter()
        .filter(|l| l["read"] == true && l["starred"] == true)
        .collect();
    assert_eq!(marked.len(), 1, "{stdout}");
    assert_eq!(marked[0]["title"], first.title.as_str());
    assert!(lines.iter().all(|l| l["read"].is_boolean()));
    // --no-state: nothing read.
    let out = warta(&["list", "--json", "--no-state", "tests/fixtures/articles"]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.lines().all(|l| l.contains("\"read\":false")),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_default_prints_a_config_that_reads_back_cleanly() {
    let out = warta(&["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("[keys.list]") && text.contains("[theme]"));
    let config = warta::tui::config::parse(
        &text,
        Path::new("default.toml"),
        warta::tui::Theme::colour(),
        false,
    );
    assert!(config.problems.is_empty(), "{:?}", config.problems);
}

#[test]
fn graph_json_is_one_object_as_json_values_print() {
    let out = warta(&["--no-state", "graph", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let graph: Value = serde_json::from_str(&stdout).expect("one JSON object");
    // Printed as the value prints: keys sorted, no spaces, one line.
    assert_eq!(stdout, format!("{graph}\n"));
    let nodes = graph["nodes"].as_array().expect("nodes");
    let edges = graph["edges"].as_array().expect("edges");
    assert!(!nodes.is_empty() && !edges.is_empty());
    for node in nodes {
        assert!(node["name"].is_string() && node["id"].is_u64(), "{node}");
        assert!(node["articles"].as_u64() >= Some(1), "{node}");
        assert!(["person", "organization"].contains(&node["kind"].as_str().unwrap_or("")));
    }
    let ids: Vec<&Value> = nodes.iter().map(|n| &n["id"]).collect();
    for edge in edges {
        assert!(ids.contains(&&edge["source"]) && ids.contains(&&edge["target"]));
        assert!(edge["count"].as_u64() >= Some(1), "{edge}");
    }
}

/// Characters a terminal acts on that serde_json writes as they are.
const RAW_CONTROLS: &[char] = &[
    '\u{9b}', '\u{9c}', '\u{9d}', '\u{202e}', '\u{2066}', '\u{200f}',
];

#[test]
fn json_output_escapes_terminal_controls_from_file_names() {
    let dir = temp_dir("controls");
    let name = "a\u{9b}31m\u{9d}0;x\u{9c}\u{202e}\u{2066}\u{200f}.txt";
    std::fs::write(
        dir.join(name),
        "Menteri Keuangan Sri Mulyani Bicara\n\nMenteri Keuangan Sri Mulyani berbicara di Jakarta.\n",
    )
    .expect("write");
    let path = dir.to_string_lossy().into_owned();
    for args in [
        vec!["--no-state", "list", "--json", &path],
        vec!["--no-state", "entities", "--json", &path],
        vec![
            "--no-state",
            "graph",
            "--format",
            "json",
            "--min-articles",
            "1",
            &path,
        ],
        vec!["--no-state", "entity", "--json", "Sri Mulyani", &path],
    ] {
        let out = warta(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        assert!(!stdout.contains(RAW_CONTROLS), "{args:?}: {stdout:?}");
        for line in stdout.lines() {
            let value: Value = serde_json::from_str(line).expect("each line is JSON");
            if let Some(source) = value["source"].as_str() {
                // Escaped, not removed: the name reads back whole.
                assert!(source.ends_with(name), "{source:?}");
            }
        }
        if args[1] == "list" {
            assert!(stdout.contains("a\\u009b31m\\u009d0;x\\u009c\\u202e\\u2066\\u200f.txt"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ner_conll_output_escapes_terminal_controls_of_its_tokens() {
    let dir = temp_dir("conll");
    let file = dir.join("in.conll");
    std::fs::write(
        &file,
        "-DOCSTART- \u{1b}]0;judul\u{7}\n\nSri\nMulyani\u{1b}[2J\nbicara\u{9b}31m\n\u{85}\n",
    )
    .expect("write");
    let out = warta(&["ner", "--conll", "--lang", "id", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!stdout.chars().any(warta::text::is_unsafe), "{stdout:?}");
    let tokens: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(
        tokens,
        [
            "-DOCSTART- \\u001b]0;judul\\u0007",
            "",
            "Sri",
            "Mulyani\\u001b[2J",
            "bicara\\u009b31m",
            "\\u0085"
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
