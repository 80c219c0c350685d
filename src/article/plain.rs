//! Plain and scraped text: a headline, an optional lead and byline, then the body.
//!
//! The text is cut into units (paragraphs separated by blank lines; hard-wrapped lines are
//! re-flowed, one-paragraph-per-line files keep their lines), and the units are read as the
//! parts of a news page: headline, lead, byline with date, captions with credits, a
//! dateline opening the first paragraph, short section headings, and site boilerplate,
//! which is dropped. [`body_from_text`] applies the same body rules to text found in JSON
//! and CSV fields.

use super::clean::{self, Boiler, Dateline};
use super::{Article, Block, Origin, Published};

/// One paragraph-sized piece of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The text on one line.
    pub text: String,
    /// Whether the unit stood alone between blank lines (a heading candidate).
    pub alone: bool,
}

/// Whether a line is a byline, caption or boilerplate, and so never part of a re-flowed
/// paragraph.
fn is_special(line: &str, first_in_group: bool) -> bool {
    clean::caption(line).is_some()
        || clean::boilerplate(line).is_some()
        || (first_in_group && clean::byline(line).is_some())
}

/// Whether a run of lines is one paragraph hard-wrapped at a fixed width.
fn is_wrapped(run: &[&str]) -> bool {
    let Some((_, head)) = run.split_last() else {
        return false;
    };
    if head.is_empty() {
        return false;
    }
    let lens: Vec<usize> = head.iter().map(|l| l.chars().count()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    let min = lens.iter().copied().min().unwrap_or(0);
    let open = head.iter().filter(|l| !clean::ends_sentence(l)).count();
    // Wrapped lines all come close to the wrap width and mostly stop mid-sentence.
    max <= 120 && min * 5 >= max * 3 && open * 2 >= head.len()
}

fn push_run(units: &mut Vec<Unit>, run: &[&str], alone: bool) {
    if run.is_empty() {
        return;
    }
    if run.len() == 1 || !is_wrapped(run) {
        for line in run {
            units.push(Unit {
                text: clean::squash(line),
                alone: alone && run.len() == 1,
            });
        }
        return;
    }
    let mut text = String::new();
    for line in run {
        let line = line.trim();
        if text.ends_with('-') && text.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
            // A word split across lines (`Jong-` / `un`) is joined without a space.
        } else if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
    }
    units.push(Unit {
        text: clean::squash(&text),
        alone: false,
    });
}

/// The longest line kept, in bytes. No paragraph of news comes near it; a longer line is
/// a page dumped on one line or an attack, and everything after the loader (cleaning,
/// wrapping, tagging) works a paragraph at a time, so the rest of such a line is dropped
/// and the article says so in a note.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// A line cut to [`MAX_LINE_BYTES`] at a char boundary.
fn cap_line(line: &str) -> &str {
    if line.len() <= MAX_LINE_BYTES {
        return line;
    }
    let mut end = MAX_LINE_BYTES;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// The note for text with a line longer than [`MAX_LINE_BYTES`], if it has one.
fn long_line_note(text: &str) -> Option<String> {
    const MB: usize = 1024 * 1024;
    let longest = text.lines().map(str::len).max()?;
    (longest > MAX_LINE_BYTES).then(|| {
        format!(
            "a line of {} MB was cut to its first {} MB",
            longest.div_ceil(MB),
            MAX_LINE_BYTES / MB
        )
    })
}

/// Cut text into units: blank-line separated groups, each re-flowed when hard-wrapped,
/// with bylines, captions and boilerplate lines kept as units of their own.
pub(crate) fn split_units(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let lines = text.lines().map(|l| {
        cap_line(l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')).trim_end()
    });
    for line in lines.chain(std::iter::once("")) {
        if !line.is_empty() {
            group.push(line);
            continue;
        }
        if group.is_empty() {
            continue;
        }
        let alone = group.len() == 1;
        let mut run: Vec<&str> = Vec::new();
        let mut prev_special = true;
        for line in group.drain(..) {
            let special = is_special(line, prev_special);
            if special {
                push_run(&mut units, &run, false);
                run.clear();
                units.push(Unit {
                    text: clean::squash(line),
                    alone,
                });
            } else {
                run.push(line);
            }
            prev_special = special;
        }
        push_run(&mut units, &run, alone);
    }
    rejoin_broken(units)
}

/// Whether a unit starts with a lowercase letter (the tail of a broken sentence).
fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Join a unit that stops mid-sentence with the next when that one carries on in
/// lowercase (`Jamaican` / blank line / `stretched her record...`): a sentence split by a
/// stray blank line, not a heading.
fn rejoin_broken(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        if let Some(prev) = out.last_mut()
            && starts_lowercase(&unit.text)
            && !clean::ends_sentence(&prev.text)
            && !is_special(&prev.text, true)
            && !is_special(&unit.text, true)
        {
            prev.text.push(' ');
            prev.text.push_str(&unit.text);
            prev.alone = false;
            continue;
        }
        out.push(unit);
    }
    out
}

/// A body read from units, with the metadata found inside it.
#[derive(Debug, Default)]
pub(crate) struct Body {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The dateline that opened the first paragraph.
    pub dateline: Option<Dateline>,
    /// Authors named in a trailing `Penulis:`/`Reporter:` line.
    pub authors: Vec<String>,
}

/// Whether a unit reads as a section heading: short, capitalised, no final punctuation.
fn is_heading(text: &str) -> bool {
    // The cheap tests first: a paragraph fails on its length before its words are counted.
    let first = text.chars().next();
    // 100 characters take at most 400 bytes.
    text.len() <= 400
        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !clean::ends_sentence(text)
        && !text.ends_with(['-', '–', '—'])
        && text.chars().count() <= 100
        && (1..=14).contains(&text.split_whitespace().count())
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Read units as body blocks: drop boilerplate (everything after a footer marker), turn
/// credited lines into captions, split the dateline off the first paragraph, and mark
/// short standalone lines between paragraphs as headings.
pub(crate) fn build_body(units: &[Unit]) -> Body {
    let mut body = Body::default();
    let mut seen_paragraph = false;
    // Short lines still to drop after a boilerplate line (a link or video title).
    let mut followers = 0;
    for (i, unit) in units.iter().enumerate() {
        let mut text = clean::strip_inline(&unit.text);
        if text.is_empty() {
            continue;
        }
        if followers > 0 && clean::is_follower(&text) {
            followers -= 1;
            continue;
        }
        followers = 0;
        match clean::boilerplate(&text) {
            Some(Boiler::Tail) => break,
            Some(boiler) => {
                followers = boiler.followers();
                continue;
            }
            None => {}
        }
        if let Some(caption) = clean::caption(&text) {
            body.blocks.push(Block::Caption(caption));
            continue;
        }
        if text.chars().count() <= 100 {
            let lower = text.to_lowercase();
            let labelled = [
                "penulis",
                "pewarta",
                "reporter",
                "oleh",
                "by ",
                "wartawan",
                "kontributor",
            ]
            .iter()
            .any(|p| lower.starts_with(p));
            if labelled && let Some(b) = clean::byline(&text).filter(|b| !b.authors.is_empty()) {
                if body.authors.is_empty() {
                    body.authors = b.authors;
                }
                continue;
            }
        }
        let heading = seen_paragraph && unit.alone && is_heading(&text) && {
            // A heading introduces what follows: a capitalised paragraph or a caption.
            let next = units[i + 1..]
                .iter()
                .find(|u| clean::boilerplate(&u.text).is_none());
            let introduces =
                next.is_some_and(|u| {
                    u.text.chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || "\"“'‘".contains(c)
                    }) || clean::caption(&u.text).is_some()
                });
            // Runs of short lines are lists (fixtures, results), not headings.
            let listy =
                |u: &Unit| u.alone && is_heading(&u.text) && clean::caption(&u.text).is_none();
            let in_list = next.is_some_and(listy)
                || i.checked_sub(1)
                    .and_then(|p| units.get(p))
                    .is_some_and(listy);
            introduces && !in_list
        };
        if heading {
            body.blocks.push(Block::Heading { text });
            continue;
        }
        if !seen_paragraph {
            if let Some(d) = clean::dateline(&text) {
                text = text.get(d.len..).unwrap_or("").trim().to_string();
                body.dateline = Some(d);
            } else {
                text = clean::strip_leading_dash(&text).to_string();
            }
            seen_paragraph = true;
            if text.is_empty() {
                continue;
            }
        }
        body.blocks.push(Block::Paragraph { text });
    }
    body
}

/// Cut a body given as plain text (a JSON or CSV field) into units: blank-line
/// paragraphs, or comma-joined scraped paragraphs, each repaired.
pub(crate) fn split_body_text(text: &str) -> Vec<Unit> {
    if clean::is_comma_joined(text) {
        clean::split_comma_joined(text)
            .into_iter()
            .map(|p| Unit {
                text: clean::repair_scraped(&p),
                alone: false,
            })
            .collect()
    } else {
        split_units(text)
            .into_iter()
            .map(|u| Unit {
                text: clean::repair_scraped(&u.text),
                alone: u.alone,
            })
            .collect()
    }
}

/// Read a body given as plain text, cleaned like a text file's body.
#[cfg(test)]
fn body_from_text(text: &str) -> Body {
    build_body(&split_body_text(text))
}

/// Header fields found between the headline and the body.
#[derive(Debug, Default)]
struct Header {
    lead: Option<String>,
    authors: Vec<String>,
    published: Option<Published>,
    source: Option<String>,
}

/// Find the lead and byline right under the headline; returns the header and how many
/// units it used.
fn read_header(units: &[Unit]) -> (Header, usize) {
    let mut header = Header::default();
    let mut found = None;
    for (j, unit) in units.iter().enumerate().take(4) {
        if clean::byline(&unit.text).is_some() {
            found = Some(j);
            break;
        }
        if unit.text.chars().count() > 400 || clean::dateline(&unit.text).is_some() {
            break;
        }
    }
    let Some(p) = found else {
        return (header, 0);
    };
    if p == 0 {
        return header.with_bylines(units, 0);
    }
    // The lead: one short paragraph between headline and byline.
    let lead = &units[0].text;
    if p == 1 && clean::caption(lead).is_none() && clean::boilerplate(lead).is_none() {
        header.lead = Some(lead.clone());
        return header.with_bylines(units, 1);
    }
    (header, 0)
}

impl Header {
    /// Take every byline unit from `start` on; returns the units consumed in total.
    fn with_bylines(mut self, units: &[Unit], start: usize) -> (Header, usize) {
        let mut end = start;
        while let Some(unit) = units.get(end) {
            if let Some(b) = clean::byline(&unit.text) {
                if self.authors.is_empty() {
                    self.authors = b.authors;
                }
                self.published = self.published.or(b.published);
                self.source = self.source.or(b.source);
            } else if end == start || clean::boilerplate(&unit.text).is_none() {
                break;
            }
            // An `Editor: NAME` line between byline and date belongs to the header too.
            end += 1;
        }
        (self, end)
    }
}

/// Load a plain-text file as one article. `None` when it holds no text at all.
pub fn load(origin: Origin, text: &str) -> Option<Article> {
    let mut units = split_units(text);
    while units
        .first()
        .is_some_and(|u| clean::boilerplate(&u.text).is_some())
    {
        units.remove(0);
    }
    let first = units.first()?;
    let has_title = first.text.chars().count() <= 250
        && clean::caption(&first.text).is_none()
        && clean::byline(&first.text).is_none();
    let fallback = origin
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (title, rest) = if has_title {
        (first.text.clone(), &units[1..])
    } else {
        (fallback, &units[..])
    };
    let (header, used) = read_header(rest);
    let body = build_body(&rest[used..]);
    let mut article = Article::new(title, origin);
    article.lead = header.lead;
    article.authors = if header.authors.is_empty() {
        body.authors
    } else {
        header.authors
    };
    article.published = header.published;
    article.source_name = header.source;
    if let Some(d) = body.dateline {
        article.source_name = article.source_name.or(d.source);
        article.dateline = d.place;
    }
    article.body = body.blocks.into();
    article.notes.extend(long_line_note(text));
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Caption, Format};
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: PathBuf::from("kabar.txt"),
            index: 0,
            format: Format::Text,
        }
    }

    fn headings(a: &Article) -> Vec<String> {
        a.body
            .blocks()
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn captions(a: &Article) -> Vec<Caption> {
        a.body
            .blocks()
            .iter()
            .filter_map(|b| match b {
                Block::Caption(c) => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    const SCRAPED: &str = "Banjir Rendam Tiga Kecamatan di Bandung\n\n\
Hujan deras sejak pagi membuat sungai meluap.\n\n\
oleh Rina Marlina diperbarui 14 Mar 2023, 09:05 WIB\n\
Warga mengungsi ke masjid. (Dok. Istimewa)\n\n\
Liputan6.com, Bandung - Air setinggi satu meter merendam rumah warga di tiga kecamatan pada Selasa pagi.\n\n\
SCROLL TO CONTINUE WITH CONTENT\n\n\
Petugas membuka posko di balai desa. Bantuan makanan tiba siang hari.\n\n\n\
Posko Pengungsian\n\n\
Relawan membagikan selimut. (Foto: ANTARA/Budi Santoso)\n\n\
Baca juga: Sungai Citarum Meluap Lagi\n\n\
Kepala desa meminta warga tetap waspada. (ant/ded)\n\n\
Editor: Sari Dewi\n\n\
Rekomendasi\n\n\
Judul Lain yang Tidak Perlu\n\n\
POPULER\n\nBerita Terkini Selengkapnya";

    #[test]
    fn scraped_page_parts() {
        let a = load(origin(), SCRAPED).unwrap();
        assert_eq!(a.title, "Banjir Rendam Tiga Kecamatan di Bandung");
        assert_eq!(
            a.lead.as_deref(),
            Some("Hujan deras sejak pagi membuat sungai meluap.")
        );
        assert_eq!(a.authors, ["Rina Marlina"]);
        assert_eq!(
            a.published.unwrap().to_string(),
            "2023-03-14T09:05:00+07:00"
        );
        assert_eq!(a.source_name.as_deref(), Some("Liputan6.com"));
        assert_eq!(a.dateline.as_deref(), Some("Bandung"));
        assert_eq!(headings(&a), ["Posko Pengungsian"]);
        let caps = captions(&a);
        assert_eq!(caps.len(), 2);
        assert_eq!(caps[0].text, "Warga mengungsi ke masjid.");
        assert_eq!(caps[0].credit.as_deref(), Some("Dok. Istimewa"));
        assert_eq!(caps[1].credit.as_deref(), Some("ANTARA/Budi Santoso"));
        let body = a.body_text();
        assert!(
            body.starts_with("Warga mengungsi ke masjid.\n\nAir setinggi satu meter"),
            "{body}"
        );
        for gone in [
            "SCROLL",
            "Baca juga",
            "(ant/ded)",
            "Editor",
            "Rekomendasi",
            "POPULER",
            "Judul Lain",
            "Selengkapnya",
        ] {
            assert!(!body.contains(gone), "{gone} left in {body}");
        }
        assert!(
            body.ends_with("Kepala desa meminta warga tetap waspada."),
            "{body}"
        );
    }

    #[test]
    fn plain_title_and_paragraphs() {
        let text = "Rail fares rise again\n\nTicket prices go up by 3% on Monday.\n\nUnions said the rise was unfair.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.title, "Rail fares rise again");
        assert_eq!(a.lead, None);
        assert!(a.authors.is_empty());
        assert_eq!(
            a.body_text(),
            "Ticket prices go up by 3% on Monday.\n\nUnions said the rise was unfair."
        );
    }

    #[test]
    fn hard_wrapped_lines_are_reflowed() {
        let text = "Harbour plan approved\n\nThe council approved the harbour plan on\nTuesday after a long debate that ran\nwell into the night.\n\nWork starts in May.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(
            a.body_text(),
            "The council approved the harbour plan on Tuesday after a long debate that ran well into the night.\n\nWork starts in May."
        );
    }

    #[test]
    fn one_paragraph_per_line_is_kept() {
        let text = "Judul berita\nKalimat pertama selesai di sini.\nKalimat kedua juga selesai.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.title, "Judul berita");
        assert_eq!(a.body.len(), 2);
    }

    #[test]
    fn bylines_of_other_sites() {
        let text = "Harga Beras Naik\n\nAndi Wijaya - detikNews\n\nJakarta - Harga beras naik lagi di pasar induk.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.authors, ["Andi Wijaya"]);
        assert_eq!(a.source_name.as_deref(), Some("detikNews"));
        let text = "Rail strike called\n\nBy Tom Baker\n\nLONDON (Reuters) - Drivers will strike on Friday.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.authors, ["Tom Baker"]);
        assert_eq!(a.source_name.as_deref(), Some("Reuters"));
        assert_eq!(a.dateline.as_deref(), Some("London"));
        assert_eq!(a.body_text(), "Drivers will strike on Friday.");
        let text = "Kabar Kota\n\nPenulis: Dimas Putra | Editor: Sari Dewi\n\nJAKARTA, KOMPAS.com - Kota bersiap.\n";
        let a = load(origin(), text).unwrap();
        assert_eq!(a.authors, ["Dimas Putra"]);
        assert_eq!(a.source_name.as_deref(), Some("KOMPAS.com"));
        assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
    }

    #[test]
    fn body_text_field_is_cleaned() {
        let b = body_from_text(
            "Jakarta, CNN Indonesia -- Menteri Keuangan , meminta bank menyalurkan kredit.,\"Kita harap cepat,\" katanya.,\n,\n, ,",
        );
        let d = b.dateline.unwrap();
        assert_eq!(d.source.as_deref(), Some("CNN Indonesia"));
        assert_eq!(d.place.as_deref(), Some("Jakarta"));
        let texts: Vec<&str> = b.blocks.iter().map(Block::text).collect();
        assert_eq!(
            texts,
            [
                "Menteri Keuangan meminta bank menyalurkan kredit.",
                "\"Kita harap cepat,\" katanya."
            ]
        );
        let b = body_from_text("Satu paragraf.\n\nParagraf dua.");
        assert_eq!(b.blocks.len(), 2);
    }

    #[test]
    fn runs_of_short_lines_are_not_headings() {
        let text = "Cup draw\n\nThe draw was made on Sunday.\n\nLeeds v Hull\n\nBath v York\n\nTies are played next month.\n";
        let a = load(origin(), text).unwrap();
        assert!(headings(&a).is_empty());
        assert_eq!(a.body.len(), 4);
    }

    #[test]
    fn sentence_split_by_blank_line_is_rejoined() {
        let text = "Sprint title\n\nShe won the 60m in a new record.\n\nJamaican\n\nsprinter Ana Reyes took the 200m.\n";
        let a = load(origin(), text).unwrap();
        assert!(headings(&a).is_empty());
        assert_eq!(
            a.body.blocks()[1].text(),
            "Jamaican sprinter Ana Reyes took the 200m."
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n\n\n",
            "é",
            "(",
            ")",
            "(x)",
            "- ",
            "oleh",
            "A (B/C)",
            "\u{1b}[2J",
        ] {
            let _ = load(origin(), text);
        }
    }
}
