//! Saved HTML pages: extract the article (title, byline, date, site, body blocks) and drop
//! the page chrome. Also turns HTML fragments found in JSON and feed fields into blocks.

use super::{Block, LoadReport};
use std::path::Path;

/// Load a saved HTML page as one article.
pub fn load(path: &Path, bytes: &[u8]) -> LoadReport {
    let _ = (path, bytes);
    todo!("html page")
}

/// Turn an HTML fragment (a JSON `content_html` or a feed item's content) into body blocks.
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    let _ = html;
    todo!("html fragment")
}
