//! CSV and TSV: a header row naming the columns with the shared field aliases
//! (`judul,berita`; `id,judul,tautan,tanggal,isi_berita`), or the header-less AG News shape
//! `class,title,description`. Empty rows are passed over; a broken row is reported and
//! skipped alone.

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

/// Load a CSV (`,`) or TSV (tab) file.
pub fn load(path: &Path, text: &str, format: Format) -> LoadReport {
    let mut report = LoadReport::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
        .quoting(format != Format::Tsv)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut index = 0;
    // The last row read: its line and whether it became an article.
    let mut last: Option<(usize, bool)> = None;
    for (n, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(err) => {
                let line = err.position().map(|p| p.line() as usize);
                report.problems.push(Problem {
                    path: path.to_path_buf(),
                    line,
                    reason: format!(
                        "unreadable row: {}",
                        crate::text::sanitize_line(&err.to_string())
                    ),
                });
                continue;
            }
        };
        let line = row.position().map_or(n + 1, |p| p.line() as usize);
        if n == 0 {
            if row.iter().any(is_known_column) {
                header = Some(
                    row.iter()
                        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
                        .collect(),
                );
                continue;
            }
            let ag_shape =
                row.len() == 3 && row.get(0).is_some_and(|c| c.trim().parse::<u8>().is_ok());
            if !ag_shape {
                report.problems.push(walk::problem(
                    path,
                    "no header row naming the columns (such as title, body, date)",
                ));
                return report;
            }
        }
        if row
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
                for (name, value) in names.iter().zip(row.iter()) {
                    map.entry(name.clone())
                        .or_insert_with(|| Value::String(value.to_string()));
                }
                record::to_article(&Record::new(&map), origin, Repair::default())
            }
            None => ag_row(&row, origin),
        };
        last = Some((line, article.is_some()));
        match article {
            Some(a) => report.articles.push(a),
            None => report.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(line),
                reason: "no title or body".into(),
            }),
        }
    }
    // An odd number of quote marks (escaped ones come in pairs) leaves a quoted field open
    // to the end of the file: the last row holds the rest of the file, not an article.
    if format != Format::Tsv
        && text.bytes().filter(|&b| b == b'"').count() % 2 == 1
        && let Some((line, made)) = last
    {
        if made {
            report.articles.pop();
        }
        let rest = text.lines().count().saturating_sub(line) + 1;
        report.problems.push(Problem {
            path: path.to_path_buf(),
            line: Some(line),
            reason: format!(
                "a quote opened in this row is never closed; the row and the {rest} lines \
                 from it to the end of the file are not loaded"
            ),
        });
    }
    report
}

/// One `class,title,description` row with the AG News repairs.
fn ag_row(row: &csv::StringRecord, origin: Origin) -> Option<Article> {
    let mut map = Map::new();
    map.insert(
        "title".into(),
        Value::String(row.get(1).unwrap_or("").to_string()),
    );
    map.insert(
        "description".into(),
        Value::String(row.get(2).unwrap_or("").to_string()),
    );
    let mut a = record::to_article(&Record::new(&map), origin, Repair { entities: true })?;
    let class = row.get(0).and_then(|c| c.trim().parse::<usize>().ok());
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

    #[test]
    fn an_unclosed_quote_is_reported_and_its_row_not_loaded() {
        let text = "title,body\n\
Harga Cabai Naik,Harga naik lagi.\n\
\"Bunga Bank,Bunga naik.\n\
Rapat Kota,Rapat dimulai.\n";
        let r = load(Path::new("u.csv"), text, Format::Csv);
        assert_eq!(r.articles.len(), 1, "{:?}", r.articles);
        assert_eq!(r.articles[0].title, "Harga Cabai Naik");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(3));
        assert!(r.problems[0].reason.contains("never closed"));
        // Quotes escaped by doubling are balanced.
        let text = "title,body\nKata Warga,\"Ia berkata \"\"cukup\"\" kemarin.\"\n";
        let r = load(Path::new("q.csv"), text, Format::Csv);
        assert_eq!(r.articles.len(), 1);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
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
