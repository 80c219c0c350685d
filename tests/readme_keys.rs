//! The README's key table is the one generated from the embedded keymap.
//! Run with `WARTA_BLESS=1` to rewrite it after changing `assets/keymap.toml`.

use warta::tui::keymap::Keymap;
use warta::tui::keys_doc::markdown_table;

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_matches_the_keymap() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path)?;
    let start = readme
        .find(START)
        .ok_or("README lacks the keys:start marker")?
        + START.len();
    let end = readme.find(END).ok_or("README lacks the keys:end marker")?;
    let table = markdown_table(&Keymap::embedded()?);
    if std::env::var_os("WARTA_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(path, updated)?;
        return Ok(());
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README key table is stale: run WARTA_BLESS=1 cargo test --test readme_keys"
    );
    Ok(())
}
