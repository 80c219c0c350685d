//! The orders a collection can be listed in, and the source each article comes from.
//!
//! [`Sort`] names an order (newest first, by title, by source, as in the files) and
//! [`order`] puts the articles in it. Every order is total and stable: ties and undated
//! articles keep collection order, undated ones after all dated ones. [`source_of`] names
//! an article's source the same way everywhere (the list, the sources view, `--source`).

use crate::article::Article;
use crate::search::fold;
use std::cmp::Reverse;

/// An order for the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first; undated articles last, in collection order.
    #[default]
    Date,
    /// By title, ignoring case and accents.
    Title,
    /// By source name, newest first within a source.
    Source,
    /// As the files hold them.
    File,
}

impl Sort {
    /// Every order, in the order the sort key cycles through them.
    pub const ALL: [Sort; 4] = [Sort::Date, Sort::Title, Sort::Source, Sort::File];

    /// The order after this one, for the sort key.
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    /// What the status bar and config call it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Source => "source",
            Sort::File => "file",
        }
    }

    /// The order with this name.
    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.name() == name)
    }

    /// How the status bar says it: `newest first`, `by title`, ….
    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "newest first",
            Sort::Title => "by title",
            Sort::Source => "by source",
            Sort::File => "file order",
        }
    }
}

/// The articles' indices in the order `sort`.
pub fn order(articles: &[Article], sort: Sort) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..articles.len()).collect();
    // Newest first, undated after every dated article: `None` sorts after `Some` reversed.
    let newest = |i: usize| articles[i].published.map(|p| Reverse(p.sort_key()));
    let undated_last = |i: usize| (newest(i).is_none(), newest(i));
    match sort {
        Sort::File => {}
        Sort::Date => rows.sort_by_cached_key(|&i| undated_last(i)),
        Sort::Title => rows.sort_by_cached_key(|&i| fold(articles[i].title.trim())),
        Sort::Source => {
            rows.sort_by_cached_key(|&i| (fold(&source_of(&articles[i])), undated_last(i)));
        }
    }
    rows
}

/// The source an article came from, as the user knows it: the source's name, else its
/// link's site, else the folder (or, at the top level, the file) it was read from.
pub fn source_of(article: &Article) -> String {
    if let Some(name) = article.source_name.as_deref().map(str::trim)
        && !name.is_empty()
    {
        return crate::text::sanitize_line(name);
    }
    if let Some(site) = article
        .url
        .as_deref()
        .and_then(crate::article::site::domain)
    {
        return site;
    }
    let path = &article.origin.path;
    let named = path
        .parent()
        .and_then(|p| p.file_name())
        .or_else(|| path.file_name());
    named.map_or_else(
        || "unnamed".to_string(),
        |n| crate::text::sanitize_line(&n.to_string_lossy()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Origin, Published};
    use chrono::NaiveDate;

    fn article(title: &str, day: Option<u32>, source: Option<&str>, path: &str) -> Article {
        let mut a = Article::new(
            title,
            Origin {
                path: path.into(),
                index: 0,
                format: Format::Text,
            },
        );
        a.published = day.and_then(|d| {
            Some(Published {
                local: NaiveDate::from_ymd_opt(2025, 1, d)?.and_hms_opt(9, 0, 0)?,
                offset: None,
                has_time: true,
            })
        });
        a.source_name = source.map(str::to_string);
        a
    }

    fn collection() -> Vec<Article> {
        vec![
            article("banjir", None, Some("Warta"), "a/1.txt"),
            article("Zebra", Some(3), None, "desk/2.txt"),
            article("Ápel", Some(9), Some("Kabar"), "a/3.txt"),
            article("cuaca", None, Some("Kabar"), "4.txt"),
            article("Duta", Some(3), Some("Warta"), "a/5.txt"),
        ]
    }

    #[test]
    fn each_order_is_stable_and_puts_undated_articles_last() {
        let a = collection();
        assert_eq!(order(&a, Sort::File), [0, 1, 2, 3, 4]);
        // Newest first; the two of the 3rd keep file order; undated last in file order.
        assert_eq!(order(&a, Sort::Date), [2, 1, 4, 0, 3]);
        // Case and accents do not count.
        assert_eq!(order(&a, Sort::Title), [2, 0, 3, 4, 1]);
        // desk < kabar < warta; newest first within a source.
        assert_eq!(order(&a, Sort::Source), [1, 2, 3, 4, 0]);
    }

    #[test]
    fn the_sort_key_cycles_through_every_order() {
        let mut sort = Sort::default();
        let mut seen = Vec::new();
        for _ in 0..Sort::ALL.len() {
            seen.push(sort);
            sort = sort.next();
        }
        assert_eq!(seen, Sort::ALL);
        assert_eq!(sort, Sort::Date);
        assert_eq!(Sort::from_name("title"), Some(Sort::Title));
        assert_eq!(Sort::from_name("size"), None);
    }

    #[test]
    fn a_source_is_its_name_else_its_site_else_its_folder() {
        let mut a = article("x", None, Some("  detikNews "), "feeds/x.json");
        assert_eq!(source_of(&a), "detikNews");
        a.source_name = None;
        a.url = Some("https://news.example.org/2025/x".into());
        assert_eq!(
            source_of(&a),
            crate::article::site::domain("https://news.example.org/2025/x").unwrap_or_default()
        );
        a.url = None;
        assert_eq!(source_of(&a), "feeds");
        assert_eq!(source_of(&article("x", None, None, "top.txt")), "top.txt");
    }
}
