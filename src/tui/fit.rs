//! Fitting text into cells: display widths and truncation with an ellipsis.
//!
//! Widths are terminal columns (unicode-width), never bytes or chars, and cuts are always on
//! char boundaries.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The display width of a string in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// The string cut to at most `max` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    // Some sequences are wider than their chars add up to (`❤️`, a symbol with the emoji
    // selector, is two columns): drop whole chars until the string itself fits.
    while out.width() > max - 1 {
        // Zero-width chars (selectors, joiners, marks) go with the char they belong to.
        while out.ends_with(|c: char| c.width() == Some(0)) {
            out.pop();
        }
        out.pop();
    }
    // A joiner left at the end would glue the ellipsis to the emoji before it.
    let trimmed = out.trim_end_matches('\u{200d}').trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// The string cut or padded with spaces to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns_with_an_ellipsis() {
        assert_eq!(truncate("Jakarta", 10), "Jakarta");
        assert_eq!(truncate("Jakarta", 7), "Jakarta");
        assert_eq!(truncate("Jakarta Utara", 8), "Jakarta…");
        assert_eq!(truncate("ab cd", 4), "ab…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        // Wide characters count two columns and are never split.
        assert_eq!(truncate("日本語です", 5), "日本…");
        assert_eq!(width(&truncate("日本語です", 4)), 3);
        assert_eq!(truncate("é́é́é́", 2), "é́…");
        // A symbol with the emoji selector is two columns, though its chars add up to one.
        assert_eq!(truncate("a❤\u{fe0f}bcd", 3), "a…");
        assert_eq!(truncate("👨\u{200d}👩\u{200d}👧 x", 3), "👨…");
    }

    #[test]
    fn pads_to_an_exact_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("abcdef", 4), "abc…");
        assert_eq!(width(&pad("日本語", 5)), 5);
    }
}
