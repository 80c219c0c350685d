//! Joining pre-tokenized text (`["Senin", "(", "27", "/", "3", ")", "."]`) back into
//! readable prose (`Senin (27/3).`).

/// Join tokens with single spaces, except before closing punctuation (`, . ; : ) ? ! %`),
/// after opening brackets, inside `27 / 3`, around a reduplication hyphen
/// (`bentrokan - bentrokan`), and inside straight double quotes, which are paired.
pub fn join(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut quote_open = false;
    let mut glue_next = false;
    for (i, raw) in tokens.iter().enumerate() {
        let tok = raw.trim();
        if tok.is_empty() {
            continue;
        }
        let prev = if i > 0 { tokens[i - 1].trim() } else { "" };
        let next = tokens.get(i + 1).map_or("", |t| t.trim());
        let is_quote = matches!(tok, "\"" | "``" | "''");
        let tok = if is_quote { "\"" } else { tok };
        let mut space = !out.is_empty() && !glue_next;
        glue_next = false;
        if is_quote {
            if quote_open {
                space = false;
            } else {
                glue_next = true;
            }
            quote_open = !quote_open;
        } else if is_closing(tok) || tok.starts_with('\'') && tok.len() <= 3 || tok == "n't" {
            space = false;
        } else if is_joiner(tok, prev, next) {
            space = false;
            glue_next = true;
        }
        if matches!(tok, "(" | "[" | "{" | "“" | "‘") {
            glue_next = true;
        }
        if space {
            out.push(' ');
        }
        out.push_str(tok);
    }
    out
}

/// `27 / 3` → `27/3`; `bentrokan - bentrokan` → `bentrokan-bentrokan`; `ke - 25` → `ke-25`.
fn is_joiner(tok: &str, prev: &str, next: &str) -> bool {
    match tok {
        "/" => is_digits(prev) && is_digits(next),
        "-" => {
            !prev.is_empty()
                && (prev.eq_ignore_ascii_case(next)
                    || prev.eq_ignore_ascii_case("ke") && is_digits(next))
        }
        _ => false,
    }
}

fn is_closing(tok: &str) -> bool {
    matches!(tok, "," | ";" | ":" | ")" | "]" | "}" | "%" | "”" | "’" | "…")
        || tok.chars().all(|c| matches!(c, '.' | '!' | '?'))
        // An enclitic split off by the tokenizer: `Ketuban -nya`.
        || tok.len() > 1 && tok.starts_with('-') && tok[1..].chars().all(char::is_alphabetic)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> String {
        join(&s.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn punctuation_and_brackets() {
        assert_eq!(
            j("Ketua MPR , kata dia , Senin ( 27 / 3 ) ."),
            "Ketua MPR, kata dia, Senin (27/3)."
        );
        assert_eq!(j("naik 5 % ; turun ? ya !"), "naik 5%; turun? ya!");
        assert_eq!(
            j("pecah .. lalu ?! dan ketuban -nya ..."),
            "pecah.. lalu?! dan ketuban-nya..."
        );
        assert_eq!(
            j("bentrokan - bentrokan di Jakarta - Bogor"),
            "bentrokan-bentrokan di Jakarta - Bogor"
        );
        assert_eq!(j("sekuel ke - 25"), "sekuel ke-25");
    }

    #[test]
    fn quotes_pair_up() {
        assert_eq!(
            j("\" Tidak hanya tarif , \" ucap dia ."),
            "\"Tidak hanya tarif,\" ucap dia."
        );
        assert_eq!(
            j("He said \" no \" and \" yes \" ."),
            "He said \"no\" and \"yes\"."
        );
        assert_eq!(j("it 's the firm 's"), "it's the firm's");
    }
}
