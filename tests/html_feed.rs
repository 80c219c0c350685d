//! Saved HTML pages and feed files on the project's own fixtures.

use std::path::{Path, PathBuf};
use warta::article::{Article, Block, Caption, Format, LoadReport, feed, html};

fn fixture(rel: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, bytes)
}

fn load_html(rel: &str) -> Article {
    let (path, bytes) = fixture(rel);
    let mut report = html::load(&path, &bytes);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1);
    report.articles.remove(0)
}

fn load_feed(rel: &str) -> LoadReport {
    let (path, bytes) = fixture(rel);
    feed::load(&path, &bytes)
}

fn paragraphs(article: &Article) -> Vec<String> {
    article
        .body
        .blocks()
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn news_page_metadata_prefers_json_ld_then_meta() {
    let a = load_html("html/news-page.html");
    assert_eq!(a.title, "Harbour bridge reopens after two-year repair");
    assert_eq!(a.authors, vec!["Mira Okonkwo", "Daniel Fenn"]);
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-11T09:30:00+00:00")
    );
    assert_eq!(a.source_name.as_deref(), Some("The Alder Courier"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example/news/harbour-bridge-reopens")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.tags, vec!["Transport", "Port Alder"]);
    assert_eq!(
        a.lead.as_deref(),
        Some(
            "Cars and cyclists crossed the Port Alder swing bridge on Monday for the first time since the 2022 storm damage."
        )
    );
    assert_eq!(a.dateline.as_deref(), Some("Port Alder"));
    assert_eq!(a.origin.format, Format::Html);
    assert_eq!(a.origin.index, 0);
    assert!(a.notes.is_empty(), "{:?}", a.notes);
}

#[test]
fn news_page_body_holds_the_article_and_no_chrome() {
    let a = load_html("html/news-page.html");
    let body = a.body_text();
    assert!(
        !body.contains("CHROME"),
        "page chrome leaked into the body:\n{body}"
    );
    let paras = paragraphs(&a);
    for start in [
        "Cars and cyclists crossed the Port Alder swing bridge on Monday morning",
        "The council said the £14 million repair",
        "Harbour master Tomas Reyes",
        "Work was due to finish last summer",
        "Councillor Ayesha Rahman",
        "Tom & Jerry's, the café beside the bridge",
    ] {
        assert!(
            paras.iter().any(|p| p.starts_with(start)),
            "missing paragraph {start:?} in {paras:#?}"
        );
    }
    // Entities decoded, no-break spaces plain, quotes typographic as written.
    assert!(body.contains("“two full seasons”"));
    assert!(body.contains("“Today the town feels joined up again,”"));
    assert!(!body.contains('&') || body.contains("Tom & Jerry"));
    assert!(!body.contains('\u{a0}'));
    assert!(a.body.blocks().contains(&Block::Heading {
        text: "Delays and costs".into()
    }));
    assert!(a.body.blocks().contains(&Block::Quote {
        text: "We would rather open late than open a bridge we do not trust.".into()
    }));
    assert!(a.body.blocks().contains(&Block::Paragraph {
        text: "• A 20 mph limit on the bridge approach".into()
    }));
    assert!(a.body.blocks().contains(&Block::Paragraph {
        text: "• New traffic lights at Quay Street".into()
    }));
    assert!(a.body.blocks().contains(&Block::Caption(Caption {
        text: "The swing bridge opened to traffic at dawn.".into(),
        credit: Some("Photo: Lena Marsh/Alder Courier".into()),
    })));
    assert!(a.body.blocks().contains(&Block::Caption(Caption {
        text: "Fishing boats moored at the north quay".into(),
        credit: Some("AP Photo/Jon Vale".into()),
    })));
    // Reading order: the heading comes after the opening paragraphs and before the quote.
    let pos = |needle: &Block| a.body.blocks().iter().position(|b| b == needle);
    let heading = pos(&Block::Heading {
        text: "Delays and costs".into(),
    });
    let quote = a
        .body
        .blocks()
        .iter()
        .position(|b| matches!(b, Block::Quote { .. }));
    assert!(heading < quote, "{:#?}", a.body);
    // The headline is not repeated as a body heading.
    assert!(!a.body.blocks().iter().any(|b| b.text() == a.title));
}

#[test]
fn latin1_page_is_decoded_and_falls_back_to_meta_tags() {
    let a = load_html("html/latin1-page.html");
    assert_eq!(a.title, "Café owners in São Bento win award");
    assert_eq!(a.authors, vec!["João Pereira"]);
    assert_eq!(a.source_name.as_deref(), Some("Jornal Exemplo"));
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2023-11-02")
    );
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 4, "{paras:#?}");
    assert!(paras[0].starts_with("The family that has run the Café Aurora in São Bento"));
    assert!(paras[2].starts_with("Maria Luísa Costa"));
    assert!(!a.body_text().contains("Copyright"));
    assert!(!a.body_text().contains("Início"));
}

#[test]
fn html_without_an_article_still_loads_with_a_title() {
    let path = Path::new("empty.html");
    let report = html::load(
        path,
        b"<html><head><title>Just a title</title></head><body></body></html>",
    );
    assert_eq!(report.articles.len(), 1);
    let a = &report.articles[0];
    assert_eq!(a.title, "Just a title");
    assert!(a.body.is_empty());
    assert!(!a.notes.is_empty());
}

#[test]
fn hostile_markup_never_reaches_the_terminal() {
    let page = "<html><head><title>T\u{1b}]0;pwned\u{7}itle</title></head><body><article>\
                <p>First \u{1b}[31mred\u{1b}[0m paragraph with enough words to count as text for the extractor to keep.</p>\
                <p>Second paragraph with a bidi \u{202e}override and more words so the article stays readable here.</p>\
                </article></body></html>";
    let report = html::load(Path::new("evil.html"), page.as_bytes());
    let a = &report.articles[0];
    let all = format!("{} {}", a.title, a.body_text());
    assert!(!all.chars().any(warta::text::is_unsafe), "{all:?}");
    assert!(!all.contains('\u{1b}'));
    assert!(a.title.starts_with('T') && a.title.ends_with("itle"));
}

#[test]
fn fragment_blocks_share_the_page_rules() {
    let blocks = html::fragment_blocks(
        "<div class=\"share-tools\">Share</div><p>Rain &amp; wind&#39;s return</p><ul><li>One</li></ul><p>Line<br>break</p>",
    );
    assert_eq!(
        blocks,
        vec![
            Block::Paragraph {
                text: "Rain & wind's return".into()
            },
            Block::Paragraph {
                text: "• One".into()
            },
            Block::Paragraph {
                text: "Line\nbreak".into()
            },
        ]
    );
}

#[test]
fn fragment_boilerplate_is_dropped() {
    let blocks = html::fragment_blocks(
        "<p>Harga cabai naik di pasar induk pada Senin pagi.</p><p>ADVERTISEMENT</p>\
         <p>Baca juga:</p><p>Harga bawang turun</p><p>Pedagang menyebut pasokan dari Jawa berkurang. (ant/ded)</p>\
         <h3>Berita Terkait</h3><p>Judul lain yang tidak boleh ikut</p>",
    );
    assert_eq!(
        blocks,
        vec![
            Block::Paragraph {
                text: "Harga cabai naik di pasar induk pada Senin pagi.".into()
            },
            Block::Paragraph {
                text: "Pedagang menyebut pasokan dari Jawa berkurang.".into()
            },
        ]
    );
}

#[test]
fn rss2_items_become_articles() {
    let report = load_feed("feeds/rss2.xml");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 3);
    let a = &report.articles[0];
    assert_eq!(a.title, "Ferry timetable changes for spring");
    assert_eq!(a.source_name.as_deref(), Some("Alder Courier & Friends"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example/news/ferry-timetable")
    );
    assert_eq!(a.authors, vec!["Mira Okonkwo"]);
    assert_eq!(a.tags, vec!["Transport", "Ferries"]);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(
        a.published.map(|p| p.sort_key().to_string()).as_deref(),
        Some("2024-03-12 07:15:00")
    );
    // The zone the feed wrote is kept.
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-12T08:15:00+01:00")
    );
    assert_eq!(a.origin.format, Format::Feed);
    assert_eq!(a.origin.index, 0);
    assert_eq!(
        a.lead.as_deref(),
        Some("The first sailing moves to 6.40am from April.")
    );
    assert_eq!(
        a.body,
        vec![
            Block::Paragraph {
                text: "The first ferry of the day will leave at 6.40am from April, twenty minutes later than now, the operator said.".into()
            },
            Block::Heading { text: "Why it changed".into() },
            Block::Paragraph {
                text: "Crews asked for the change after the harbour bridge reopened & commuter numbers fell.".into()
            },
            Block::Quote { text: "We listened to the people who use the boat every day.".into() },
        ]
    );

    let b = &report.articles[1];
    assert_eq!(b.title, "Lifeboat crew honoured – again");
    assert_eq!(b.authors, vec!["Daniel Fenn"]);
    assert_eq!(b.origin.index, 1);
    assert_eq!(paragraphs(b).len(), 2);
    assert!(
        b.body_text()
            .starts_with("The volunteer crew received a bravery award")
    );

    let c = &report.articles[2];
    assert!(!c.title.is_empty());
    assert!(c.title.starts_with("An item without a title"));
    assert_eq!(c.origin.index, 2);
}

#[test]
fn atom_entries_with_html_and_xhtml_text() {
    let report = load_feed("feeds/atom.xml");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 2);
    let a = &report.articles[0];
    assert_eq!(a.title, "Tide gauge upgraded");
    assert_eq!(a.source_name.as_deref(), Some("Alder Science Notes"));
    assert_eq!(a.authors, vec!["Priya Nair"]);
    assert_eq!(a.tags, vec!["Oceans"]);
    assert_eq!(a.url.as_deref(), Some("https://notes.example/tide-gauge"));
    assert_eq!(
        a.published.map(|p| p.sort_key().to_string()).as_deref(),
        Some("2024-02-01 07:00:00")
    );
    assert_eq!(paragraphs(a).len(), 2, "{:#?}", a.body);
    assert_eq!(
        a.lead.as_deref(),
        Some("A new sensor reads the tide every ten seconds.")
    );
    let b = &report.articles[1];
    // No author on the entry: the feed's author stands in.
    assert_eq!(b.authors, vec!["Lab Desk"]);
    assert_eq!(
        b.body_text(),
        "Volunteers counted 412 grey seals on the sandbanks."
    );
    assert_eq!(
        b.published.map(|p| p.to_string()).as_deref(),
        Some("2024-01-20T12:00:00+00:00")
    );
}

#[test]
fn rss1_and_rss091_load() {
    let report = load_feed("feeds/rss1.rdf");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1);
    let a = &report.articles[0];
    assert_eq!(a.title, "Summer fair date set");
    assert_eq!(a.source_name.as_deref(), Some("Alder Parish Bulletin"));
    assert_eq!(a.authors, vec!["Parish Clerk"]);
    assert!(a.published.is_some());

    let report = load_feed("feeds/rss091.xml");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 1);
    assert_eq!(report.articles[0].title, "Library extends opening hours");
    assert_eq!(
        report.articles[0].source_name.as_deref(),
        Some("Alder Weekly")
    );
    assert_eq!(
        report.articles[0].body_text(),
        "The library will open until 8pm on Thursdays."
    );
}

#[test]
fn json_feed_content_html_and_text() {
    let report = load_feed("feeds/feed.json");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles.len(), 2);
    let a = &report.articles[0];
    assert_eq!(a.title, "New bakery on Mill Lane");
    assert_eq!(a.source_name.as_deref(), Some("Alder Food Diary"));
    assert_eq!(a.authors, vec!["Rita Sousa"]);
    assert_eq!(a.tags, vec!["bakery", "Mill Lane"]);
    assert_eq!(a.language.as_deref(), Some("pt"));
    assert_eq!(
        a.body,
        vec![
            Block::Paragraph {
                text: "A bakery opened on Mill Lane selling rye loaves & custard tarts.".into()
            },
            Block::Caption(Caption {
                text: "The shop front".into(),
                credit: Some("Photo: Rita Sousa".into())
            }),
            Block::Paragraph {
                text: "• Open 7am".into()
            },
            Block::Paragraph {
                text: "• Closed Mondays".into()
            },
        ]
    );
    let b = &report.articles[1];
    assert_eq!(
        b.body,
        vec![
            Block::Paragraph {
                text: "Plain text first paragraph.".into()
            },
            Block::Paragraph {
                text: "Plain text second paragraph with no colours.".into()
            },
        ]
    );
}

#[test]
fn declared_latin1_feed_is_decoded() {
    let report = load_feed("feeds/latin1.xml");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let a = &report.articles[0];
    assert_eq!(a.title, "Café Aurora ganha prémio");
    assert_eq!(a.source_name.as_deref(), Some("Notícias de São Bento"));
    assert_eq!(a.body_text(), "A família recebeu o prémio na quinta-feira.");
}

#[test]
fn invalid_feeds_are_problems_not_crashes() {
    for rel in ["feeds/not-a-feed.xml", "feeds/truncated.xml"] {
        let report = load_feed(rel);
        assert!(report.articles.is_empty(), "{rel}");
        assert_eq!(report.problems.len(), 1, "{rel}");
        assert!(
            report.problems[0]
                .path
                .ends_with(Path::new(rel).file_name().unwrap_or_default())
        );
    }
    for junk in [
        &b""[..],
        b"{",
        b"{\"version\": 3}",
        b"<rss version=\"2.0\">",
        b"\xff\xfe<\x00",
        b"[1,2]",
    ] {
        let report = feed::load(Path::new("junk.xml"), junk);
        assert!(report.articles.is_empty());
        assert_eq!(report.problems.len(), 1);
    }
}

/// A small deterministic generator (xorshift) for tag soup.
struct Soup(u64);

impl Soup {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const HTML_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=share>",
    "</div>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "(Photo: X)",
    "<blockquote>",
    "</blockquote>",
    "<ul>",
    "<li>",
    "</ul>",
    "<ol start=x>",
    "<br>",
    "<h2>",
    "</h2>",
    "<script>",
    "</script>",
    "<a href=x>",
    "</a>",
    "&amp;",
    "&#",
    "&#x110000;",
    "&nbsp;",
    "\u{1b}[2J",
    "\u{9b}",
    "\u{202e}",
    "words and more words ",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<meta charset=\"",
    "utf-16\">",
    "<title>",
    "</title>",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[",
    "<table><tr><td>",
    "<pre>",
    "</pre>",
    "\u{0}",
    "\r\n",
    "<",
    ">",
    "\"",
    "'",
];

const FEED_PIECES: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    "<rss version=\"2.0\">",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "&lt;p&gt;text&lt;/p&gt;",
    "<![CDATA[<p>x</p>]]>",
    "<pubDate>",
    "Tue, 12 Mar 2024 08:15:00 +0100",
    "</pubDate>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "<entry>",
    "</entry>",
    "<content type=\"html\">",
    "</content>",
    "{\"version\":\"https://jsonfeed.org/version/1\",",
    "\"items\":[{\"title\":\"x\",\"content_html\":\"<p>a</p>\"}]}",
    "\u{1b}]0;t\u{7}",
    "&amp;",
    "\u{e9}",
    "<",
    ">",
    "\"",
];

#[test]
fn random_tag_soup_never_panics_or_leaks_controls() {
    let mut soup = Soup(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let len = 1 + (soup.next() % 60) as usize;
        let html: String = (0..len).map(|_| soup.pick(HTML_PIECES)).collect();
        let report = html::load(Path::new("soup.html"), html.as_bytes());
        assert_eq!(report.articles.len(), 1, "round {round}: {html:?}");
        let a = &report.articles[0];
        let all = format!("{} {} {:?} {:?}", a.title, a.body_text(), a.authors, a.lead);
        assert!(!a.title.is_empty());
        assert!(
            !all.chars().any(warta::text::is_unsafe),
            "round {round}: {html:?} -> {all:?}"
        );
        for block in html::fragment_blocks(&html) {
            assert!(
                !block.text().chars().any(warta::text::is_unsafe),
                "{html:?}"
            );
        }

        let len = 1 + (soup.next() % 40) as usize;
        let feed_text: String = (0..len).map(|_| soup.pick(FEED_PIECES)).collect();
        let report = feed::load(Path::new("soup.xml"), feed_text.as_bytes());
        assert!(report.articles.is_empty() || report.problems.is_empty());
        for a in &report.articles {
            let all = format!("{} {} {:?}", a.title, a.body_text(), a.source_name);
            assert!(!a.title.is_empty());
            assert!(
                !all.chars().any(warta::text::is_unsafe),
                "{feed_text:?} -> {all:?}"
            );
        }
    }
}
