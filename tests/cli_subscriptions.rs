//! The subscription commands as a user runs them: the real binary against a local server,
//! with the urls file and feeds folder in a temporary config and data folder.

mod http_support;

use http_support::{Reply, Server, numbered, rss};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn warta(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env_remove("WARTA_URLS")
        .env_remove("WARTA_FEEDS")
        .output()
        .expect("run warta")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn subscribe_update_list_and_unsubscribe() {
    let server = Server::start(|request| match request.path.as_str() {
        "/kabar" => Reply::ok(
            rss("Kabar Kota", &numbered("k", "http://x.invalid", 0, 3)),
            "text/xml",
        ),
        _ => Reply::status(500),
    });
    let home = tempfile::tempdir().expect("a temporary folder");
    let home = home.path();
    let kabar = server.url("/kabar");
    let broken = server.url("/broken");

    let out = warta(home, &["subscribe", &kabar, "berita", "dalam negeri"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("subscribed to {kabar}\n"));
    assert_eq!(warta(home, &["subscribe", &broken]).status.code(), Some(0));
    assert_eq!(
        warta(home, &["subscribe", "file:///etc/passwd"])
            .status
            .code(),
        Some(2)
    );
    let urls = std::fs::read_to_string(home.join("config/warta/urls")).expect("the urls file");
    assert_eq!(urls, format!("{kabar} berita \"dalam negeri\"\n{broken}\n"));

    let out = warta(home, &["update"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Kabar Kota: 3 new, 3 kept"), "{stderr}");
    assert!(stderr.contains(": failed: HTTP 500"), "{stderr}");
    assert!(text(&out.stdout).starts_with("2 feeds: 3 new items in 1 feeds, 1 failed"));

    let out = warta(home, &["subscriptions", "--json"]);
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "Kabar Kota");
    assert_eq!(lines[0]["items"], 3);
    assert_eq!(
        lines[0]["tags"],
        serde_json::json!(["berita", "dalam negeri"])
    );
    assert!(lines[0]["last_fetch"].is_i64());
    assert_eq!(lines[1]["last_error"], "HTTP 500");
    let shown = text(&warta(home, &["subscriptions", "--paths"]).stdout);
    let feeds = home.join("data/warta/feeds");
    assert_eq!(
        shown,
        format!(
            "{}\n{}\n",
            home.join("config/warta/urls").display(),
            feeds.display()
        )
    );
    let table = text(&warta(home, &["subscriptions"]).stdout);
    assert!(table.contains("last error: HTTP 500"), "{table}");

    let feeds = home.join("data/warta/feeds");
    let out = warta(
        home,
        &[
            "--no-state",
            "list",
            "--json",
            feeds.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let articles: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert_eq!(articles.len(), 3);
    assert!(articles.iter().all(|a| a["source_name"] == "Kabar Kota"));

    let exported = text(&warta(home, &["export-opml"]).stdout);
    assert!(
        exported.contains("category=\"berita,dalam negeri\""),
        "{exported}"
    );

    let out = warta(home, &["unsubscribe", &kabar]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(warta(home, &["unsubscribe", &kabar]).status.code(), Some(1));
    let out = warta(
        home,
        &["--no-state", "list", feeds.to_str().expect("a UTF-8 path")],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the items went with the subscription"
    );
}
