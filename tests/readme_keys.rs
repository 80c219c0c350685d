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

#[test]
fn every_action_is_bindable_bound_and_documented() -> Result<(), Box<dyn std::error::Error>> {
    use warta::tui::Action;
    use warta::tui::keymap::Context;
    let keymap = Keymap::embedded()?;
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    let help: Vec<String> = warta::tui::app::help_lines(&keymap, &warta::tui::Theme::colour())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for &action in Action::ALL {
        let name = action.name();
        // A keymap file can name it ...
        let line = format!("[list]\nx = \"{name}\"\n");
        let mut probe = Keymap::default();
        probe.merge_toml(&line)?;
        assert_eq!(
            probe.get(Context::List, warta::tui::keymap::Key::parse("x")?),
            Some(action)
        );
        // ... the default keymap binds it somewhere, and help and the README show it.
        assert!(
            Context::ALL
                .iter()
                .any(|&c| !keymap.keys_for(c, action).is_empty()),
            "{name} has no default key"
        );
        assert!(
            help.iter().any(|l| l.ends_with(&format!(" {name}"))),
            "{name} is not in the help overlay"
        );
        assert!(
            readme.contains(&format!("| `{name}` | {} |", action.description())),
            "{name} is not in the README key table"
        );
    }
    Ok(())
}
