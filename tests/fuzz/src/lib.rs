//! Checks shared by the fuzz targets: what must hold for any input, beyond "no panic".

use warta::article::{Article, Format, LoadReport};
use warta::ner::Engine;

/// Every loaded article is clean: a title, no terminal control anywhere, one-line fields
/// (and each link) on one line; every problem is one clean line. Each article's analysis
/// is checked too when `analyze` is set (slower, so only some targets do it).
pub fn check_report(report: &LoadReport, analyze: bool) {
    for a in &report.articles {
        check_article(a);
        if analyze {
            check_analysis(a);
        }
    }
    for p in &report.problems {
        let line = p.to_string();
        assert!(!line.contains('\n'), "problem on two lines: {line:?}");
        assert!(!has_control(&line), "control in a problem: {line:?}");
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(warta::text::is_unsafe)
}

/// An article as every loader must leave it.
pub fn check_article(a: &Article) {
    assert!(!a.title.is_empty(), "empty title");
    let mut one_line: Vec<&str> = vec![&a.title];
    one_line.extend(a.lead.as_deref());
    one_line.extend(a.source_name.as_deref());
    one_line.extend(a.dateline.as_deref());
    one_line.extend(a.url.as_deref());
    one_line.extend(a.authors.iter().map(String::as_str));
    one_line.extend(a.tags.iter().map(String::as_str));
    one_line.extend(a.links.iter().map(String::as_str));
    for s in one_line {
        assert!(!s.contains('\n'), "newline in a one-line field: {s:?}");
        assert!(!has_control(s), "control in a field: {s:?}");
    }
    let body = a.body_text();
    assert!(!has_control(&body), "control in the body");
    let mut end = 0;
    for range in a.block_ranges().into_iter().flatten() {
        assert!(range.start >= end && range.end <= body.len());
        assert!(body.is_char_boundary(range.start) && body.is_char_boundary(range.end));
        end = range.end;
    }
}

/// The engine on an article: every span in bounds and on char boundaries.
pub fn check_analysis(a: &Article) {
    let body = a.body_text();
    let analysis = Engine::global().analyze(a);
    for e in &analysis.entities {
        assert!(!e.name.is_empty(), "an entity without a name");
        assert!(e.mentions >= e.spans.len(), "fewer mentions than spans");
        for &(s, t) in &e.spans {
            assert!(s < t && t <= body.len(), "span {s}..{t} of {}", body.len());
            assert!(body.is_char_boundary(s) && body.is_char_boundary(t));
        }
        for &(s, t) in &e.title_spans {
            assert!(s < t && t <= a.title.len(), "title span {s}..{t}");
            assert!(a.title.is_char_boundary(s) && a.title.is_char_boundary(t));
        }
    }
}

/// The file name a target hands the loaders, for the format under test.
pub fn name_for(format: Format) -> &'static str {
    match format {
        Format::Text => "fuzz.txt",
        Format::Json => "fuzz.json",
        Format::Jsonl => "fuzz.jsonl",
        Format::Csv => "fuzz.csv",
        Format::Tsv => "fuzz.tsv",
        Format::Markdown => "fuzz.md",
        Format::Html => "fuzz.html",
        Format::Feed => "fuzz.xml",
    }
}

/// Load `data` as `format` through that loader alone and check the result.
pub fn load_as(data: &[u8], format: Format, analyze: bool) {
    let path = std::path::Path::new(name_for(format));
    let report = warta::article::load_bytes_as(path, data, format);
    check_report(&report, analyze);
}
