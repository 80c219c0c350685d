//! The parsed-file cache as a user meets it through `warta list`: a second run over an
//! unchanged collection prints exactly what the first printed (served from the state
//! file), and `--no-state` neither reads nor writes any state.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use warta::corpus::cache::loader_version;
use warta::store::FileCache;

fn warta(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .output()
        .expect("run warta")
}

/// A copy of the article fixtures, aged past the one second in which a file's stamp is
/// not trusted.
fn collection(dir: &Path) -> PathBuf {
    let root = dir.join("news");
    std::fs::create_dir_all(&root).expect("folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    for entry in std::fs::read_dir(fixtures).expect("fixtures") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), root.join(entry.file_name())).expect("copy");
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    root
}

#[test]
fn a_second_list_is_served_from_the_cache_and_prints_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = collection(dir.path());
    let root = root.to_str().expect("utf-8 temp path");
    let state = dir.path().join("state.sqlite3");
    let state_arg = state.to_str().expect("utf-8 temp path");
    let args = ["--state", state_arg, "list", "--json", root];
    let cold = warta(dir.path(), &args);
    assert_eq!(cold.status.code(), Some(0));
    let cache = FileCache::open(&state, &loader_version()).expect("open cache");
    let cached = cache.len().expect("count");
    assert!(cached >= 5, "the fixture files are cached ({cached})");
    let warm = warta(dir.path(), &args);
    assert_eq!(warm.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&warm.stdout),
        String::from_utf8_lossy(&cold.stdout)
    );
    assert_eq!(warm.stderr, cold.stderr);
    let none = warta(dir.path(), &["--no-state", "list", "--json", root]);
    assert_eq!(none.stdout, cold.stdout);
}

#[test]
fn no_state_writes_no_state_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = collection(dir.path());
    let home = dir.path().join("home");
    let out = warta(
        &home,
        &[
            "--no-state",
            "list",
            root.to_str().expect("utf-8 temp path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!home.exists(), "nothing was written under the data folder");
}
