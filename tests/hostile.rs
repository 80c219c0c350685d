//! A hostile collection, generated at test time: every kind of bad file a scraped
//! collection can hold. Loading it must never panic, hang or let a terminal control
//! through; what can load loads, and the rest is reported one line each.

mod hostile_support;

use hostile_support::hostile_collection;
use std::process::Command;
use warta::article::{LoadReport, load_paths};

fn has_control(s: &str) -> bool {
    s.chars().any(warta::text::is_unsafe)
}

fn assert_clean(report: &LoadReport) {
    for a in &report.articles {
        let mut fields = vec![a.title.clone(), a.body_text()];
        fields.extend(a.lead.clone());
        fields.extend(a.authors.clone());
        fields.extend(a.source_name.clone());
        for f in fields {
            assert!(
                !has_control(&f),
                "control character left in {:?}: {f:?}",
                a.origin.path
            );
        }
    }
}

#[test]
fn hostile_files_load_what_they_can_and_report_the_rest() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let loadable = hostile_collection(dir.path());
    let report = load_paths(&[dir.path().to_path_buf()]);
    assert_clean(&report);
    for name in loadable {
        assert!(
            report
                .articles
                .iter()
                .any(|a| a.origin.path.to_string_lossy().ends_with(name)),
            "{name} should have loaded; problems: {:?}",
            report.problems
        );
    }
    let jsonl: Vec<_> = report
        .articles
        .iter()
        .filter(|a| a.origin.path.to_string_lossy().ends_with("bad-lines.jsonl"))
        .collect();
    assert_eq!(jsonl.len(), 2, "the two good JSONL lines load");
    let problem_for = |name: &str| report.problems.iter().any(|p| p.to_string().contains(name));
    for name in hostile_support::reported() {
        assert!(
            problem_for(name),
            "{name} should be reported: {:?}",
            report.problems
        );
    }
    for p in &report.problems {
        let line = p.to_string();
        assert!(
            !line.contains('\n') && !has_control(&line),
            "one clean line: {line:?}"
        );
    }
}

#[test]
fn the_cli_survives_the_hostile_collection() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    hostile_collection(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "list", "--json", "--body"])
        .arg(dir.path())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("running warta: {e}"),
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // No byte of any attack sequence reaches stdout or stderr.
    for stream in [&out.stdout, &out.stderr] {
        assert!(!stream.contains(&0x1b), "ESC in output");
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().count() >= 3, "skips reported: {stderr}");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => panic!("invalid JSON line {line:?}: {e}"),
        };
        // JSON escapes controls, so look at the decoded strings.
        for field in ["title", "body", "lead"] {
            if let Some(s) = value[field].as_str() {
                assert!(!has_control(s), "{field} carries a control: {s:?}");
            }
        }
    }
}

/// A title's visible text survives an escape sequence that never ends and a character
/// reference to a control, in every format that can carry them.
#[test]
fn titles_keep_their_text_around_broken_sequences_and_control_references() {
    use std::path::Path;
    use warta::article::load_bytes;
    let osc = "Judul \u{1b}]0;never ended";
    let cases: Vec<(&str, String, &str)> = vec![
        ("a.txt", format!("{osc}\n\nIsi berita.\n"), "Judul 0;never ended"),
        ("a.md", format!("# {osc}\n\nIsi berita.\n"), "Judul 0;never ended"),
        (
            "a.html",
            format!("<html><head><title>{osc}</title></head><body><p>Isi.</p></body></html>"),
            "Judul 0;never ended",
        ),
        (
            "b.html",
            "<html><head><title>Judul &#x9d;0;bukan&#7; akhir &#27;Kabar</title></head>\
             <body><p>Isi.</p></body></html>"
                .to_string(),
            "Judul 0;bukan akhir Kabar",
        ),
        (
            "c.txt",
            "Judul &#x9d;0;bukan&#x9c; akhir &#27;Kabar\n\nIsi berita.\n".to_string(),
            "Judul 0;bukan akhir Kabar",
        ),
        (
            "feed.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kanal</title>\
             <item><title>Judul &#x9d;0;bukan&#x9c; akhir</title><description>Isi.</description></item>\
             </channel></rss>"
                .to_string(),
            "Judul 0;bukan akhir",
        ),
        (
            "osc-feed.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kanal</title>\
             <item><title>Judul \u{9d}0;never ended</title><description>Isi.</description></item>\
             </channel></rss>"
                .to_string(),
            "Judul 0;never ended",
        ),
    ];
    for (name, text, title) in cases {
        let report = load_bytes(Path::new(name), text.as_bytes());
        let titles: Vec<&str> = report.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, [title], "{name}: {:?}", report.problems);
    }
}
