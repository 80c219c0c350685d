//! CSV and TSV: a header row naming the columns with the shared field aliases
//! (`judul,berita`; `id,judul,tautan,tanggal,isi_berita`), or the header-less AG News shape
//! `class,title,description`. Empty rows are passed over; a broken row is reported and
//! skipped alone, and after a quote that never closes, reading starts again at the next
//! line that parses as a row.

use super::clean;
use super::record::{self, Record, Repair};
use super::{Article, Format, LoadReport, Origin, Problem, walk};
use serde_json::{Map, Value};
use std::path::Path;

/// AG News class numbers and their names, kept as the article's tag.
const AG_CLASSES: &[&str] = &["World", "Sports", "Business", "Sci/Tech"];

/// Column names that mark a first row as a header.
fn is_known_column(name: &str) -> bool {
    let n: String = name
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    [
        "title",
        "headline",
        "judul",
        "content",
        "text",
        "body",
        "article",
        "isiberita",
        "berita",
        "bodytext",
        "contenttext",
        "description",
        "isi",
        "date",
        "published",
        "publishedat",
        "tanggal",
        "pubdate",
        "url",
        "link",
        "tautan",
        "sourceurl",
        "author",
        "authors",
        "penulis",
        "source",
        "category",
        "kategori",
        "tags",
        "summary",
        "lead",
        "id",
        "lang",
        "language",
    ]
    .contains(&n.as_str())
}

/// One record of a CSV or TSV file.
#[derive(Debug)]
struct Row {
    /// Where it starts: its byte offset and its line.
    start: usize,
    line: usize,
    fields: Vec<String>,
    /// A quoted field ran past a line break and did not close where a field ends: a quote
    /// that never closed, which took the lines after it into this row.
    broken: bool,
}

/// How a field ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Delimiter,
    Line,
    File,
}

/// The records of a CSV or TSV text, read as common CSV readers read them: a field that
/// starts with a quote may hold delimiters, line breaks and doubled quotes, a quote inside
/// an unquoted field is an ordinary character, text after a closing quote belongs to the
/// field, rows may have any number of fields, and empty lines are no rows.
struct Rows<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
    quoting: bool,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str, format: Format) -> Self {
        Rows {
            text,
            pos: 0,
            line: 1,
            delimiter: if format == Format::Tsv { b'\t' } else { b',' },
            quoting: format != Format::Tsv,
        }
    }

    /// Go back to the start of `row`, to read it again.
    fn rewind(&mut self, row: &Row) {
        self.pos = row.start;
        self.line = row.line;
    }

    /// Go on at the line after the one `row` starts on.
    fn skip_first_line(&mut self, row: &Row) {
        self.line = row.line + 1;
        self.pos = match self.text[row.start..].find('\n') {
            Some(i) => row.start + i + 1,
            None => self.text.len(),
        };
    }

    /// Read one field from the current position.
    fn field(&mut self, broken: &mut bool) -> (String, End) {
        let bytes = self.text.as_bytes();
        let mut value = String::new();
        if self.quoting && bytes.get(self.pos) == Some(&b'"') {
            self.pos += 1;
            let mut spans_lines = false;
            loop {
                let rest = &self.text[self.pos..];
                let Some(quote) = rest.find('"') else {
                    // The end of the file inside the quotes.
                    self.line += rest.bytes().filter(|&b| b == b'\n').count();
                    value.push_str(rest);
                    self.pos = self.text.len();
                    *broken = true;
                    return (value, End::File);
                };
                let part = &rest[..quote];
                let breaks = part.bytes().filter(|&b| b == b'\n').count();
                spans_lines |= breaks > 0;
                self.line += breaks;
                value.push_str(part);
                self.pos += quote + 1;
                if bytes.get(self.pos) == Some(&b'"') {
                    value.push('"');
                    self.pos += 1;
                    continue;
                }
                break;
            }
            match bytes.get(self.pos) {
                None => return (value, End::File),
                Some(&b) if b == self.delimiter => {
                    self.pos += 1;
                    return (value, End::Delimiter);
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return (value, End::Line);
                }
                // Text after the closing quote: the field goes on unquoted. After a line
                // break this is the mark of a quote that closed only by accident.
                Some(_) => *broken |= spans_lines,
            }
        }
        let rest = &bytes[self.pos..];
        match rest.iter().position(|&b| b == self.delimiter || b == b'\n') {
            None => {
                value.push_str(&self.text[self.pos..]);
                self.pos = self.text.len();
                (value, End::File)
            }
            Some(i) => {
                value.push_str(&self.text[self.pos..self.pos + i]);
                self.pos += i + 1;
                if rest[i] == b'\n' {
                    self.line += 1;
                    (value, End::Line)
                } else {
                    (value, End::Delimiter)
                }
            }
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let bytes = self.text.as_bytes();
        while bytes.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.line += 1;
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let (start, line) = (self.pos, self.line);
        let mut fields = Vec::new();
        let mut broken = false;
        loop {
            let (field, end) = self.field(&mut broken);
            fields.push(field);
            if end != End::Delimiter {
                break;
            }
        }
        Some(Row {
            start,
            line,
            fields,
            broken,
        })
    }
}

/// After the broken row `row`, move `rows` to the next line that parses as a row (whole,
/// with `width` fields) and return the last line skipped.
fn resync(rows: &mut Rows<'_>, row: &Row, width: usize) -> usize {
    let mut last = row.line;
    rows.skip_first_line(row);
    while let Some(next) = rows.next() {
        if !next.broken && next.fields.len() == width {
            rows.rewind(&next);
            break;
        }
        last = next.line;
        rows.skip_first_line(&next);
    }
    last
}

/// Load a CSV (`,`) or TSV (tab) file.
///
/// A row whose quote never closes (it would take every line after it) is reported alone:
/// reading starts again at the next line that parses as a row of the file's width.
pub fn load(path: &Path, text: &str, format: Format) -> LoadReport {
    let mut report = LoadReport::default();
    let mut rows = Rows::new(text, format);
    let mut header: Option<Vec<String>> = None;
    let mut index = 0;
    let mut first = true;
    while let Some(row) = rows.next() {
        if row.broken {
            // The header's width, or the AG News shape's three columns.
            let width = header.as_ref().map_or(3, Vec::len);
            let last = resync(&mut rows, &row, width);
            let skipped = if last == row.line {
                "the row is skipped".to_string()
            } else {
                format!("lines {}-{last} are skipped", row.line)
            };
            report.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(row.line),
                reason: format!("a quote opened in this row is never closed; {skipped}"),
            });
            first = false;
            continue;
        }
        let line = row.line;
        let fields = row.fields;
        if std::mem::take(&mut first) {
            if fields.iter().any(|f| is_known_column(f)) {
                header = Some(
                    fields
                        .iter()
                        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
                        .collect(),
                );
                continue;
            }
            let ag_shape = fields.len() == 3 && fields[0].trim().parse::<u8>().is_ok();
            if !ag_shape {
                report.problems.push(walk::problem(
                    path,
                    "no header row naming the columns (such as title, body, date)",
                ));
                return report;
            }
        }
        if fields
            .iter()
            .all(|f| f.trim().trim_matches(',').trim().is_empty())
        {
            continue;
        }
        let this = index;
        index += 1;
        let origin = Origin {
            path: path.to_path_buf(),
            index: this,
            format,
        };
        let article = match &header {
            Some(names) => {
                let mut map = Map::new();
                for (name, value) in names.iter().zip(fields) {
                    map.entry(name.clone()).or_insert(Value::String(value));
                }
                record::to_article(&Record::new(&map), origin, Repair::default())
            }
            None => ag_row(&fields, origin),
        };
        match article {
            Some(a) => report.articles.push(a),
            None => report.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(line),
                reason: "no title or body".into(),
            }),
        }
    }
    report
}

/// One `class,title,description` row with the AG News repairs.
fn ag_row(row: &[String], origin: Origin) -> Option<Article> {
    let field = |i: usize| row.get(i).map_or("", String::as_str);
    let mut map = Map::new();
    map.insert("title".into(), Value::String(field(1).to_string()));
    map.insert("description".into(), Value::String(field(2).to_string()));
    let mut a = record::to_article(&Record::new(&map), origin, Repair { entities: true })?;
    let class = field(0).trim().parse::<usize>().ok();
    if let Some(name) = class
        .and_then(|c| c.checked_sub(1))
        .and_then(|i| AG_CLASSES.get(i))
    {
        a.tags.push((*name).to_string());
    }
    // `Wins Grant to Study Peptides (AP)`: the agency belongs in the source, not the title.
    if let Some(open) = a.title.rfind(" (") {
        let inner = a.title[open + 2..].trim_end_matches(')');
        if a.title.ends_with(')')
            && (clean::is_outlet(inner) || inner.chars().all(char::is_uppercase))
        {
            if a.source_name.is_none() {
                a.source_name = Some(inner.to_string());
            }
            a.title.truncate(open);
        }
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_with_aliases() {
        let text = "id,Judul,tautan,tanggal,isi_berita\n\
1,Harga Cabai Naik,https://contoh.id/1,\"Senin, 30 Januari 2023 15:30 WIB\",\"Jakarta, CNN Indonesia -- Harga naik.\"\n\
,,,,\n\
2,,,,\n\
3,Kedua,,30 Jan 2023,Isi kedua.\n";
        let r = load(Path::new("b.csv"), text, Format::Csv);
        assert_eq!(r.articles.len(), 2);
        let a = &r.articles[0];
        assert_eq!(a.title, "Harga Cabai Naik");
        assert_eq!(a.url.as_deref(), Some("https://contoh.id/1"));
        assert_eq!(
            a.published.unwrap().to_string(),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(a.source_name.as_deref(), Some("CNN Indonesia"));
        assert_eq!(a.body_text(), "Harga naik.");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, Some(4));
    }

    fn titles(r: &LoadReport) -> Vec<&str> {
        r.articles.iter().map(|a| a.title.as_str()).collect()
    }

    #[test]
    fn an_unclosed_quote_loses_its_row_only() {
        let text = "title,body\n\
Harga Cabai Naik,Harga naik lagi.\n\
\"Bunga Bank,Bunga naik.\n\
Rapat Kota,Rapat dimulai.\n";
        let r = load(Path::new("u.csv"), text, Format::Csv);
        assert_eq!(titles(&r), ["Harga Cabai Naik", "Rapat Kota"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(3));
        assert_eq!(
            r.problems[0].reason,
            "a quote opened in this row is never closed; the row is skipped"
        );
        // Quotes escaped by doubling are balanced.
        let text = "title,body\nKata Warga,\"Ia berkata \"\"cukup\"\" kemarin.\"\n";
        let r = load(Path::new("q.csv"), text, Format::Csv);
        assert_eq!(r.articles.len(), 1);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn reading_starts_again_at_the_next_line_that_is_a_row() {
        // The quote opened on line 3 would close at the first quote of line 4.
        let text = "judul,isi\n\
\"Baris pertama\",\"isi pertama\"\n\
\"unbalanced,quote\n\
\"Baris terakhir\",\"isi\"\n";
        let r = load(Path::new("u.csv"), text, Format::Csv);
        assert_eq!(titles(&r), ["Baris pertama", "Baris terakhir"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(3));
        // Lines that are not rows of the file's width go with the broken row.
        let text = "judul,isi\n\
\"Satu\",\"isi
yang \"terputus
tanpa koma
Dua,isi dua\n\
Tiga,\"isi
tiga\"\n";
        let r = load(Path::new("v.csv"), text, Format::Csv);
        assert_eq!(titles(&r), ["Dua", "Tiga"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(2));
        assert!(
            r.problems[0].reason.ends_with("lines 2-4 are skipped"),
            "{}",
            r.problems[0].reason
        );
        // A quote still open at the end of the file.
        let text = "judul,isi\nSatu,isi satu\n\"Dua,isi dua\ntanpa akhir\n";
        let r = load(Path::new("w.csv"), text, Format::Csv);
        assert_eq!(titles(&r), ["Satu"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].reason.ends_with("lines 3-4 are skipped"));
    }

    #[test]
    fn quoted_fields_keep_their_line_breaks_and_sloppy_quotes() {
        let text = "judul,isi\n\
\"Satu\",\"Paragraf satu.\n\nParagraf dua.\"\n\
\"Dua \"kutip\" lagi\",isi dua\n\
Tiga \"kutip\",isi tiga\n";
        let r = load(Path::new("x.csv"), text, Format::Csv);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(titles(&r), ["Satu", "Dua kutip\" lagi\"", "Tiga \"kutip\""]);
        assert_eq!(r.articles[0].body_text(), "Paragraf satu.\n\nParagraf dua.");
    }

    #[test]
    fn scraped_rows_are_cleaned() {
        let text = "judul,berita\n\"\n      Bank Naikkan Bunga    \",\"\n   Jakarta, CNN Indonesia -- Bank , menaikkan bunga.,\"\"Kami siap,\"\" kata direktur.,\n,\n, ,\n   \"\n,\n,\n";
        let r = load(Path::new("s.csv"), text, Format::Csv);
        assert_eq!(r.articles.len(), 1, "{:?}", r.problems);
        let a = &r.articles[0];
        assert_eq!(a.title, "Bank Naikkan Bunga");
        assert_eq!(
            a.body_text(),
            "Bank menaikkan bunga.\n\n\"Kami siap,\" kata direktur."
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn ag_news_shape() {
        let text = "\"2\",\"Striker Signs for Rivals (Reuters)\",\"LONDON (Reuters) - The club #39;s striker \\signed a  #36;5 million deal,  quot;finally quot; said fans.\"\n";
        let r = load(Path::new("ag.csv"), text, Format::Csv);
        let a = &r.articles[0];
        assert_eq!(a.title, "Striker Signs for Rivals");
        assert_eq!(a.source_name.as_deref(), Some("Reuters"));
        assert_eq!(a.dateline.as_deref(), Some("London"));
        assert_eq!(a.tags, ["Sports"]);
        assert_eq!(
            a.body_text(),
            "The club's striker signed a $5 million deal, \"finally\" said fans."
        );
    }

    #[test]
    fn tsv_and_headerless() {
        let r = load(
            Path::new("t.tsv"),
            "title\ttext\nA \"quoted\" title\tBody.\n",
            Format::Tsv,
        );
        assert_eq!(r.articles[0].title, "A \"quoted\" title");
        let r = load(Path::new("x.csv"), "a,b\nc,d\n", Format::Csv);
        assert!(r.articles.is_empty());
        assert_eq!(r.problems.len(), 1);
    }
}
