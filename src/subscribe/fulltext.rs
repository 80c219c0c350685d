//! Full text: an item's page fetched once and its article extracted with warta's HTML
//! extraction, kept as the item's content with the feed's summary as its lead.

use super::storage::{Author, FullText, StoredItem};
use crate::article::{Block, html};
use std::path::PathBuf;
use url::Url;

/// The article of an item's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The body.
    pub blocks: Vec<Block>,
    /// The page's authors.
    pub authors: Vec<String>,
    /// The page's publication date.
    pub published: Option<String>,
    /// The page's own standfirst.
    pub lead: Option<String>,
}

/// Extract the article from a page's bytes; the error is a one-line reason.
pub fn extract(url: &Url, bytes: &[u8]) -> Result<Page, String> {
    let name = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .unwrap_or("page");
    let report = html::load(&PathBuf::from(name), bytes);
    let Some(article) = report.articles.into_iter().next() else {
        return Err(report
            .problems
            .first()
            .map_or_else(|| "no page".to_string(), |p| p.reason.clone()));
    };
    let blocks = article.body.blocks().into_owned();
    if blocks.is_empty() {
        return Err("no article text found on the page".to_string());
    }
    Ok(Page {
        blocks,
        authors: article.authors,
        published: article.published.map(|p| p.to_string()),
        lead: article.lead,
    })
}

/// Put a page's article into an item: the content becomes the page's article, the
/// feed's summary (else its content) stays as the lead, and authors and date the feed
/// left out come from the page.
pub fn apply(item: &mut StoredItem, page: Page) {
    let feed_text = item.summary.take().or(item.content_html.take());
    item.summary = feed_text.or(page.lead.map(|l| escape(&l)));
    item.content_html = Some(blocks_html(&page.blocks));
    if item.authors.is_empty() {
        item.authors = page
            .authors
            .into_iter()
            .map(|name| Author { name })
            .collect();
    }
    if item.date_published.is_none() {
        item.date_published = page.published;
    }
    item.meta.full_text = FullText::Done;
}

/// Blocks as the HTML that [`html::fragment_blocks`] reads back into the same blocks.
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { text } => {
                out.push_str("<p>");
                out.push_str(&escape(text));
                out.push_str("</p>\n");
            }
            Block::Heading { text } => {
                out.push_str("<h2>");
                out.push_str(&escape(text));
                out.push_str("</h2>\n");
            }
            Block::Quote { text } => {
                out.push_str("<blockquote><p>");
                out.push_str(&escape(text));
                out.push_str("</p></blockquote>\n");
            }
            Block::Code { text } => {
                out.push_str("<pre>");
                out.push_str(&escape(text));
                out.push_str("</pre>\n");
            }
            Block::Caption(caption) => {
                out.push_str("<figure><figcaption>");
                out.push_str(&escape(&caption.text));
                if let Some(credit) = &caption.credit {
                    out.push_str(" <span class=\"credit\">");
                    out.push_str(&escape(credit));
                    out.push_str("</span>");
                }
                out.push_str("</figcaption></figure>\n");
            }
        }
    }
    out
}

fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Caption;

    #[test]
    fn blocks_survive_the_trip_through_html() {
        let blocks = vec![
            Block::Paragraph {
                text: "Harga beras naik <5%> & stok aman.".into(),
            },
            Block::Heading {
                text: "Di pasar".into(),
            },
            Block::Quote {
                text: "Kami menunggu pasokan.".into(),
            },
            Block::Caption(Caption {
                text: "Pedagang di Pasar Minggu".into(),
                credit: Some("Foto/Ari Wibowo".into()),
            }),
            Block::Code {
                text: "pasang --semua\n  --periksa <x>".into(),
            },
            Block::Paragraph {
                text: "Paragraf terakhir.".into(),
            },
        ];
        assert_eq!(html::fragment_blocks(&blocks_html(&blocks)), blocks);
    }

    #[test]
    fn a_page_without_an_article_is_an_error() -> Result<(), url::ParseError> {
        let url = Url::parse("http://x.example/a/b.html")?;
        assert!(extract(&url, b"<html><body></body></html>").is_err());
        let page = extract(
            &url,
            b"<html><head><title>T</title></head><body><article><h1>Judul</h1>\
              <p>Paragraf pertama yang cukup panjang untuk dianggap isi berita oleh pembaca.</p>\
              <p>Paragraf kedua yang juga cukup panjang agar halaman terbaca sebagai artikel.</p>\
              </article></body></html>",
        );
        assert!(page.is_ok_and(|p| !p.blocks.is_empty()));
        Ok(())
    }
}
