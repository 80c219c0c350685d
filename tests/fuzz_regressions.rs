//! Inputs the fuzz targets (`tests/fuzz/`) found crashing, each run through the function
//! its target calls, so a fixed finding stays fixed.

use std::path::Path;
use warta::article::{Format, load_bytes, load_bytes_as};

fn check(report: &warta::article::LoadReport) {
    for a in &report.articles {
        assert!(!a.title.is_empty());
        assert!(!a.body_text().chars().any(warta::text::is_unsafe));
    }
    for p in &report.problems {
        assert!(
            !p.reason.contains("internal error"),
            "a loader panicked: {p}"
        );
    }
}

/// `load_feed`: an XML declaration whose attribute holds `<![CDATA[`, then a second
/// declaration naming another encoding. The XML reader under feed-rs panicked
/// ("set_encoding() called after prefix buffer was drained"): a declaration naming an
/// encoding that ends past the first 64 bytes. Feeds now reach it as UTF-8 with every
/// declaration saying so.
const FEED_LATE_ENCODING: &[&[u8]] = &[
    b"<?xml version=\"1.0<![CDATA[\" encoding=\"ISO-8859-",
    b"1\"?\x00\x00\x00\x00\x00\x00\x00\x01l version=\"1.0\" encoding=\"utf-8\"?>\n<f",
    b"eed xmlns=\"http://www.w3.org/2005/Atom\">\n  <titl",
    b"e type=\"te<?xml v{\n  \"versixt\">Alder Science Not",
    b"es</tion\": \"https://jsonfeed.org/version/1.1\",\n ",
    b" \"title\": \"Alder Food Diary\",\n  \"home_page_url\":",
    b"ersion=\"tle>\n  <id>urn:uuid:31f.",
];

#[test]
fn feed_with_a_late_encoding_declaration() {
    let input = FEED_LATE_ENCODING.concat();
    check(&load_bytes_as(Path::new("fuzz.xml"), &input, Format::Feed));
    check(&load_bytes(Path::new("fuzz.xml"), &input));
}

/// The same reader panic from a valid feed: a declaration longer than 64 bytes that
/// names a single-byte encoding. It must load.
#[test]
fn feed_with_a_long_declaration_loads() {
    let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"          ?>\n\
      <rss version=\"2.0\"><channel><title>Kabar</title>\
      <item><title>Harga \xa3 naik</title></item></channel></rss>";
    let report = load_bytes(Path::new("long.xml"), feed);
    check(&report);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.articles[0].title, "Harga \u{a3} naik");
}

/// `load_feed`: an RSS author whose e-mail address is glued to a character wider than a
/// byte. feed-rs splits name from address by cutting one byte beside the address and
/// panicked ("byte index is not a char boundary"); such addresses are now set apart by a
/// space first.
const FEED_GLUED_EMAIL: &[&[u8]] = &[
    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss vers",
    b"ion=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0",
    b"/modules/content/\" xmlns:dc=\"http://purl.org/dc/",
    b"elements/1.1/\">\n<channel>\n  <title>Alder Courier",
    b" &amp; Friends</title>\n  <link>https://courier.e",
    b"xample/</link>\n  <description>Local news from Po",
    b"rt Alder</description>\n  <language>en-gb</langua",
    b"ge>\n  <item>\n    <title>Fer\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
    b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffry time",
    b"table changes for spring</title>\n    <link>https",
    b"://cohttps://courier.example/news/lifeboat-crew<",
    b"/link>\n    <pubDate>Mon, 11 Mar 2024 17:00:00 GM",
    b"T</pubDate>\n    <author>desk@courier.exa\x90ple (Da",
    b"niel Fenn)</author>\n    <description>&lt;p&gt;Th",
    b"e volunteer crew received a bravery award for a ",
    b"night rescue in January.&lt;/p&gt;&lt;p&gt;Three",
    b" fishermen were bromght a\x00\x00\x00\x00shore safely.&lt;/p",
    b"&gt;</description>\n  </item>\n  <item>\n    <descr",
    b"iption>An item without a title still becomes an ",
    b"article in the list.</description>\n  </item>\n</c",
    b"hannel>\n</rss>\n",
];

#[test]
fn feed_with_an_email_glued_to_a_wide_character() {
    let input = FEED_GLUED_EMAIL.concat();
    check(&load_bytes_as(Path::new("fuzz.xml"), &input, Format::Feed));
    check(&load_bytes(Path::new("fuzz.xml"), &input));
}

/// `load_feed`: the fix above looked at the last twelve bytes before an address without
/// checking that they began on a character boundary, and panicked when they did not.
const FEED_EMAIL_AFTER_WIDE_TEXT: &[&[u8]] = &[
    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss vers",
    b"ion=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0",
    b"/modules/conte08:15nt/\" xmlns:dc=\"http://purl.or",
    b"g/dc/elements/1.1/\">\n<channel>\n  <reator>\n    <c",
    b"ategory>Transport</category>\n    <category>Ferri",
    b"es</category>\n    <description>The first sailing",
    b" moves to 6.40am from April.</description>\n    <",
    b"content:encoded><![CDATA[<p>The first ferry of t",
    b"he day will leave at 6.40am from April, twenty m",
    b"inutes later than now, the operator said.</p>\n<h",
    b"2>Why it chinged</h4>\n<p>Crews asked for the cha",
    b"nge after the har\"our bridge reopened &amp; comm",
    b"uter numbers fell.</p>\n<script>alert(\"x\")</s com",
    b"muter numquote>We listened to the people who ock",
    b"quote>]]></content:encoded>\n  </item>\n  <item>\n ",
    b"   <title>Lifeboat crew honoured \x0b\x00\x00\x00\x00\x00\x00\x00again</",
    b"title>\n    <link>https://courier.example/news/li",
    b"feboat-crew</link>\n    <pubDate>Mon, 11 Mar 2024",
    b" 17:00:00 GMT</pubDate>\n    <author\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0",
    b"\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0>desk@courier.example (Daniel Fen",
    b"n)</author>\n    <description>&lt;p&gt;The volunt",
    b"eer crew received a bravery award for a night re",
    b"scue in January.&lt;/p&gt;&lt;p&gt;Three f the l",
    b"ist.</description>\n  </item>\n</channel>\n</rss>\n",
];

#[test]
fn feed_with_an_email_after_wide_text() {
    let input = FEED_EMAIL_AFTER_WIDE_TEXT.concat();
    check(&load_bytes_as(Path::new("fuzz.xml"), &input, Format::Feed));
    check(&load_bytes(Path::new("fuzz.xml"), &input));
}
