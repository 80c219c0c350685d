//! The key table of the README, generated from the keymap like the help overlay, so the
//! documentation cannot drift from the bindings (a test compares them).

use super::keymap::{Context, Keymap};

/// Markdown tables of every binding, one per context, in the help overlay's order.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::new();
    for context in Context::ALL {
        let bindings = keymap.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "**{}** (`[keys.{}]`)\n\n| keys | action | what it does |\n| --- | --- | --- |\n",
            context.title(),
            context.name()
        ));
        for (action, keys) in bindings {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                keys.join(" "),
                action.name(),
                action.description()
            ));
        }
        out.push('\n');
    }
    out
}
