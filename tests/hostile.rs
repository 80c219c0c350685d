//! A hostile collection, generated at test time: every kind of bad file a scraped
//! collection can hold. Loading it must never panic, hang or let a terminal control
//! through; what can load loads, and the rest is reported one line each.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use warta::article::{LoadReport, load_paths};

/// Escape sequences an attacker might hide in a title or body.
const ATTACKS: &[&str] = &[
    "\u{1b}]52;c;SGFja2Vk\u{7}",              // OSC 52: write the clipboard
    "\u{1b}]8;;https://evil.example\u{1b}\\", // OSC 8 hyperlink
    "\u{1b}[2J",                              // clear screen
    "\u{1b}[10;10H",                          // move the cursor
    "\u{1b}]0;pwned\u{7}",                    // set the window title
    "\u{9b}31m",                              // C1 CSI
    "\u{202e}",                               // right-to-left override
];

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Ok(mut f) = fs::File::create(&path) {
        let _ = f.write_all(bytes);
    }
    path
}

/// Build the hostile collection in `dir`; returns the names of the files that hold
/// at least one loadable article.
fn hostile_collection(dir: &Path) -> Vec<&'static str> {
    let attack: String = ATTACKS.concat();
    write(dir, "empty.txt", b"");
    write(dir, "only-spaces.txt", b"   \n\n \t \n");
    write(
        dir,
        "nul-bytes.txt",
        b"Judul\0 dengan NUL\n\nIsi\0 berita.\n",
    );
    write(
        dir,
        "png-image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    write(
        dir,
        "elf-binary",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    let random: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write(dir, "random.bin", &random);
    write(dir, "random-no-ext", &random);
    write(
        dir,
        "invalid-utf8.txt",
        b"Harga naik \xff\xfe\n\nRupiah melemah \xc3\x28 hari ini.\n",
    );
    write(
        dir,
        "latin1.txt",
        b"Pound sterling \xa3 rises\n\nThe pound rose to \xa31.20 today.\n",
    );
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Judul UTF-16\n\nIsi berita dalam UTF-16.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(dir, "utf16-bom.txt", &utf16);
    write(
        dir,
        "crlf.txt",
        b"Title with CRLF\r\n\r\nFirst paragraph.\r\nStill first.\r\n\r\nSecond.\r\n",
    );
    write(
        dir,
        "cr-only.txt",
        b"Title with CR\r\rFirst paragraph.\rSecond line.\r",
    );
    write(
        dir,
        "escapes.txt",
        format!("Title {attack} here\n\nBody {attack} text.\n").as_bytes(),
    );
    write(
        dir,
        "escapes.json",
        serde_json::json!({"title": format!("JSON {attack}"), "content": format!("Body {attack}"), "author": attack})
            .to_string()
            .as_bytes(),
    );
    let long_line = "kata ".repeat(4_000_000); // one 20 MB line
    write(
        dir,
        "one-long-line.txt",
        format!("Long\n\n{long_line}\n").as_bytes(),
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    write(dir, "deep.json", deep.as_bytes());
    write(
        dir,
        "wrong-types.json",
        br#"{"title": 42, "content": ["a", {"b": null}], "date": true, "authors": 7}"#,
    );
    write(
        dir,
        "truncated.json",
        br#"{"title": "Cut off", "content": "The body sto"#,
    );
    write(
        dir,
        "bad-lines.jsonl",
        b"{\"title\": \"Good one\", \"content\": \"Body one.\"}\nnot json at all\n{\"title\": \"Good two\", \"content\": \"Body two.\"}\n{\"title\": \n",
    );
    write(
        dir,
        "ragged.csv",
        b"title,body,extra\nGood row,Body text,x\nshort row\n\"Unbalanced,quote\nLast,row,x,y,z\n",
    );
    write(
        dir,
        "broken-front-matter.md",
        b"---\ntitle: [unclosed\ndate: : :\n---\n# Heading anyway\n\nSome text.\n",
    );
    write(
        dir,
        "front-matter-no-end.md",
        b"---\ntitle: never closed\n\nBody.\n",
    );
    // A loop of symlinks and a link to the folder itself.
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(dir.join("loop-a"), dir.join("loop-b"));
        let _ = std::os::unix::fs::symlink(dir.join("loop-b"), dir.join("loop-a"));
        let _ = std::os::unix::fs::symlink(dir, dir.join("self-link"));
        // A FIFO: opening it for reading would block forever.
        let _ = Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
        // A file name that is not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad-name-\xff\xfe.txt");
        let _ = fs::write(dir.join(name), b"Non UTF-8 name\n\nStill loads.\n");
        // An unreadable file (root can read it anyway; either outcome is fine).
        let locked = write(dir, "locked.txt", b"Locked\n\nSecret.\n");
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(locked, fs::Permissions::from_mode(0o000));
    }
    vec![
        "invalid-utf8.txt",
        "latin1.txt",
        "utf16-bom.txt",
        "crlf.txt",
        "cr-only.txt",
        "escapes.txt",
        "escapes.json",
        "one-long-line.txt",
        "bad-lines.jsonl",
        "ragged.csv",
        "broken-front-matter.md",
    ]
}

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
    for name in ["deep.json", "truncated.json", "bad-lines.jsonl"] {
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
