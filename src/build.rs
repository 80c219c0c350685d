//! Build script (run by Cargo, not part of the library): the entity engine's version, a hash of everything that decides what the
//! engine finds (its source code, the embedded models and word lists).
//!
//! Cached analyses are stored under this version, so any change to the engine makes the
//! cache miss instead of serving stale entities. It is exported as `WARTA_ENGINE_HASH`.

use std::fs;
use std::path::{Path, PathBuf};

/// What the engine's results depend on.
const INPUTS: &[&str] = &[
    "src/ner",
    "src/article/mod.rs",
    "assets/models",
    "assets/wordlists",
    "assets/gazetteer",
];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut children: Vec<PathBuf> = fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        children.sort();
        for child in children {
            files(&child, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    // FNV-1a, 64-bit, over each file's relative path and bytes, in sorted order.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let mut all = Vec::new();
    for input in INPUTS {
        println!("cargo::rerun-if-changed={input}");
        files(Path::new(input), &mut all);
    }
    for file in &all {
        feed(file.to_string_lossy().replace('\\', "/").as_bytes());
        feed(&fs::read(file).unwrap_or_default());
    }
    println!("cargo::rustc-env=WARTA_ENGINE_HASH={hash:016x}");
}
