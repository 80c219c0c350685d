//! Build script (run by Cargo, not part of the library): the versions of the entity engine
//! and of the article loaders, each a hash of everything that decides what it produces.
//!
//! Cached analyses are stored under the engine version (`WARTA_ENGINE_HASH`: its source
//! code, the embedded models and word lists), and cached parsed files under the loader
//! version (`WARTA_LOADER_HASH`: the loaders' source code, the text cleaning and language
//! guess they call, the word lists and the table of news sites they consult and the locked
//! dependency versions), so any change to either makes its cache miss instead of serving
//! stale results.

use std::fs;
use std::path::{Path, PathBuf};

/// What the engine's results depend on.
const ENGINE_INPUTS: &[&str] = &[
    "src/ner",
    "src/text",
    "src/article/mod.rs",
    "assets/models",
    "assets/wordlists",
    "assets/gazetteer",
];

/// What the loaders' results depend on.
const LOADER_INPUTS: &[&str] = &[
    "src/article",
    "src/corpus/parsed.rs",
    "src/text",
    "assets/wordlists",
    "assets/sites",
    "Cargo.lock",
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

/// FNV-1a, 64-bit, over each input file's relative path and bytes, in sorted order.
fn hash_of(inputs: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    let mut all = Vec::new();
    for input in inputs {
        println!("cargo::rerun-if-changed={input}");
        files(Path::new(input), &mut all);
    }
    for file in &all {
        feed(file.to_string_lossy().replace('\\', "/").as_bytes());
        feed(&fs::read(file).unwrap_or_default());
    }
    hash
}

fn main() {
    let engine = hash_of(ENGINE_INPUTS);
    println!("cargo::rustc-env=WARTA_ENGINE_HASH={engine:016x}");
    let loader = hash_of(LOADER_INPUTS);
    println!("cargo::rustc-env=WARTA_LOADER_HASH={loader:016x}");
}
