//! The hostile collection, generated at test time: every kind of bad file a scraped
//! collection can hold (nothing of it is committed).

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Escape sequences an attacker might hide in a title or body.
pub const ATTACKS: &[&str] = &[
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
pub fn hostile_collection(dir: &Path) -> Vec<&'static str> {
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
        // A device inside the folder (through a link: making device nodes needs rights).
        let _ = std::os::unix::fs::symlink("/dev/zero", dir.join("device.txt"));
        // A file name that is not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad-name-\xff\xfe.txt");
        let _ = fs::write(dir.join(name), b"Non UTF-8 name\n\nStill loads.\n");
        // An unreadable file (root can read it anyway; either outcome is fine).
        let locked = write(dir, "locked.txt", b"Locked\n\nSecret.\n");
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(locked, fs::Permissions::from_mode(0o000));
    }
    // Larger than the file size limit, without taking the disk space (a sparse file).
    if let Ok(f) = fs::File::create(dir.join("huge.txt")) {
        let _ = f.set_len(warta::article::walk::MAX_FILE_BYTES + 1);
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

/// The files of the hostile collection that must be reported as problems (whole files or
/// some of their lines), each by name.
pub fn reported() -> Vec<&'static str> {
    let mut names = vec![
        "empty.txt",
        "only-spaces.txt",
        "nul-bytes.txt",
        "png-image.txt",
        "elf-binary",
        "random-no-ext",
        "deep.json",
        "truncated.json",
        "bad-lines.jsonl",
        "huge.txt",
    ];
    if cfg!(unix) {
        names.extend(["loop-a", "loop-b", "pipe.txt", "device.txt"]);
    }
    names
}
