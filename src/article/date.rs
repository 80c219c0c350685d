//! Publication dates: parsing the many ways news sources write them, and printing them.

use chrono::{FixedOffset, NaiveDateTime};
use serde::{Serialize, Serializer};
use std::fmt;

/// A publication date-time: local wall-clock time plus the zone offset when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    /// Local date and time as written by the source (midnight when only a date is given).
    pub local: NaiveDateTime,
    /// The zone offset, when the source names one (WIB is +07:00).
    pub offset: Option<FixedOffset>,
    /// Whether the source gave a time of day, not just a date.
    pub has_time: bool,
}

impl Published {
    /// A key for ordering by instant: UTC when the zone is known, local time otherwise.
    pub fn sort_key(&self) -> NaiveDateTime {
        match self.offset {
            Some(offset) => self.local - chrono::Duration::seconds(offset.local_minus_utc().into()),
            None => self.local,
        }
    }
}

impl fmt::Display for Published {
    /// RFC 3339 when the zone is known (`2023-01-30T15:30:00+07:00`), otherwise the local
    /// form (`2023-01-30T15:30:00`), or the date alone (`2023-01-30`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.has_time {
            return write!(f, "{}", self.local.format("%Y-%m-%d"));
        }
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        if let Some(offset) = self.offset {
            write!(f, "{offset}")?;
        }
        Ok(())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where an article's publication date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// A date field of the record, a byline or the page's metadata.
    #[default]
    Field,
    /// The date in the article's URL (`/2017/09/06/`, `/20170906...`), for a record
    /// without a date field.
    Url,
    /// A Unix time leading the record's id (`1490674536-...`), for a record without a
    /// date field.
    Id,
}

impl PublishedFrom {
    /// The name used in `warta list --json` (`field`, `url`, `id`).
    pub fn name(self) -> &'static str {
        match self {
            PublishedFrom::Field => "field",
            PublishedFrom::Url => "url",
            PublishedFrom::Id => "id",
        }
    }
}

/// The earliest and latest years a date read from a URL or an id may fall in: digits
/// outside them are an article number, not a date.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

fn plausible_day(year: i32, month: u32, day: u32) -> Option<chrono::NaiveDate> {
    if !PLAUSIBLE_YEARS.contains(&year) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

fn day_only(date: chrono::NaiveDate) -> Published {
    with_offset(date.and_time(chrono::NaiveTime::MIN), None, false)
}

/// The date a URL's path holds: three segments `/2017/09/06/`, or a segment that starts
/// with `20170906` (`/20170906123456-20-239876/`, as CNN Indonesia writes them). The
/// host, the query and the fragment are not looked at.
pub fn from_url(url: &str) -> Option<Published> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.split(['?', '#']).next()?;
    let mut segments = path.split('/').skip(1);
    let all: Vec<&str> = segments.by_ref().take(64).collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    for window in all.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (
            number(window[0], 4),
            number(window[1], 2),
            number(window[2], 2),
        ) && let Some(date) = plausible_day(i32::try_from(y).ok()?, m, d)
        {
            return Some(day_only(date));
        }
    }
    all.iter().find_map(|segment| {
        let digits = segment.get(..8)?;
        let after = segment[8..].chars().next();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || after.is_some_and(char::is_alphabetic) {
            return None;
        }
        let y = digits[..4].parse().ok()?;
        let m = digits[4..6].parse().ok()?;
        let d = digits[6..8].parse().ok()?;
        plausible_day(y, m, d).map(day_only)
    })
}

/// The date of a Unix time in seconds that leads a record's id (`1490674536-judul-berita`,
/// as IndoSum's ids start), in UTC.
pub fn from_id(id: &str) -> Option<Published> {
    let id = id.trim();
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 10
        || id[digits..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let published = parse_timestamp(&id[..digits])?;
    PLAUSIBLE_YEARS
        .contains(&chrono::Datelike::year(&published.local))
        .then_some(published)
}

/// Parse a publication date as news sources write it.
///
/// Understands RFC 3339 and ISO forms (`2023-01-30T15:30:00+07:00`, `2023-01-30 15:30`),
/// RFC 2822 (`Mon, 30 Jan 2023 08:30:00 GMT`), numeric dates (`10/21/2025 20:43`, day first
/// when the first number is above 12), written dates in Indonesian and English with optional
/// weekday, time and zone (`Senin, 30 Januari 2023 15:30 WIB`, `30 Jan 2023, 15.30 WIB`,
/// `January 30, 2023 3:30 PM EST`) and unix timestamps in seconds or milliseconds.
pub fn parse(input: &str) -> Option<Published> {
    let s = input.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(p) = parse_timestamp(s) {
        return Some(p);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(with_offset(dt.naive_local(), Some(*dt.offset()), true));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(with_offset(dt.naive_local(), Some(*dt.offset()), true));
    }
    parse_iso_like(s).or_else(|| parse_tokens(s))
}

fn with_offset(local: NaiveDateTime, offset: Option<FixedOffset>, has_time: bool) -> Published {
    Published {
        local,
        offset,
        has_time,
    }
}

fn parse_timestamp(s: &str) -> Option<Published> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(9..=13).contains(&s.len()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = if s.len() >= 12 { n / 1000 } else { n };
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(with_offset(dt.naive_utc(), FixedOffset::east_opt(0), true))
}

/// `2023-01-30`, `2023-01-30 15:30[:00][ +07:00|Z|WIB]`, `2023-01-30T15:30:00.000`.
fn parse_iso_like(s: &str) -> Option<Published> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = s.get(10..)?.trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(with_offset(
            date.and_time(chrono::NaiveTime::MIN),
            None,
            false,
        ));
    }
    let mut toks = Tokens::default();
    scan(rest, &mut toks);
    let time = toks.time?;
    Some(with_offset(date.and_time(time), toks.offset, true))
}

#[derive(Default)]
struct Tokens {
    numbers: Vec<u32>,
    month: Option<u32>,
    month_pos: usize,
    time: Option<chrono::NaiveTime>,
    offset: Option<FixedOffset>,
    pm: Option<bool>,
    slashed: Option<(u32, u32, u32)>,
}

fn scan(s: &str, t: &mut Tokens) {
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let word = raw.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | '|'));
        if word.is_empty() {
            continue;
        }
        if let Some(rest) = word
            .strip_prefix("GMT")
            .or_else(|| word.strip_prefix("UTC"))
            && let Some(sign) = rest.chars().next().filter(|c| matches!(c, '+' | '-'))
        {
            let sign = if sign == '-' { -1 } else { 1 };
            if let Some(off) = numeric_offset(&rest[1..], sign) {
                t.offset = Some(off);
                continue;
            }
        }
        if let Some(off) = zone(word) {
            t.offset = Some(off);
            continue;
        }
        if (word.starts_with('+') || word.starts_with('-')) && word.len() > 1 {
            let sign = if word.starts_with('-') { -1 } else { 1 };
            if let Some(off) = numeric_offset(&word[1..], sign) {
                t.offset = Some(off);
                continue;
            }
        }
        if let Some((time, rest)) = clock(word) {
            t.time = Some(time);
            if let Some(off) = rest {
                t.offset = off;
            }
            continue;
        }
        let lower = word.to_lowercase();
        match lower.as_str() {
            "am" | "a.m" => {
                t.pm = Some(false);
                continue;
            }
            "pm" | "p.m" => {
                t.pm = Some(true);
                continue;
            }
            "utc" | "gmt" | "z" => {
                t.offset = FixedOffset::east_opt(0);
                continue;
            }
            _ => {}
        }
        if let Some(m) = month(&lower) {
            t.month = Some(m);
            t.month_pos = t.numbers.len();
            continue;
        }
        if let Some(d) = slashed(word) {
            t.slashed = Some(d);
            continue;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty()
            && digits.len() <= 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = digits.parse()
        {
            t.numbers.push(n);
        }
    }
}

/// `HH:MM[:SS]` or `HH.MM` (Indonesian), optionally glued to `Z` or an offset.
fn clock(word: &str) -> Option<(chrono::NaiveTime, Option<Option<FixedOffset>>)> {
    let sep = if word.contains(':') { ':' } else { '.' };
    let (time_part, rest) = match word.find(['+', 'Z']) {
        Some(i) if sep == ':' && i > 0 => (&word[..i], Some(&word[i..])),
        _ => (word, None),
    };
    let time_part = time_part
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .split('.')
        .collect::<Vec<_>>();
    let time_str = if sep == ':' {
        time_part.first().copied()?
    } else {
        if time_part.len() != 2 {
            return None;
        }
        word
    };
    let parts: Vec<&str> = time_str.split(sep).collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
        || parts[1].len() != 2
    {
        return None;
    }
    let h: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let sec: u32 = parts.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
    let time = chrono::NaiveTime::from_hms_opt(h, m, sec)?;
    let off = rest.map(|r| {
        if r == "Z" {
            FixedOffset::east_opt(0)
        } else {
            numeric_offset(&r[1..], if r.starts_with('-') { -1 } else { 1 })
        }
    });
    Some((time, off))
}

fn numeric_offset(s: &str, sign: i32) -> Option<FixedOffset> {
    let digits: String = s.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn zone(word: &str) -> Option<FixedOffset> {
    let hours = match word {
        "WIB" => 7.0,
        "WITA" => 8.0,
        "WIT" => 9.0,
        "BST" | "CET" | "WAT" => 1.0,
        "CEST" | "EET" | "SAST" => 2.0,
        "EEST" | "MSK" => 3.0,
        "IST" => 5.5,
        "ICT" => 7.0,
        "SGT" | "MYT" | "HKT" | "PHT" | "AWST" => 8.0,
        "JST" | "KST" => 9.0,
        "AEST" => 10.0,
        "AEDT" => 11.0,
        "NZST" => 12.0,
        "EST" => -5.0,
        "EDT" | "AST" => -4.0,
        "CST" => -6.0,
        "CDT" => -5.0,
        "MST" => -7.0,
        "MDT" => -6.0,
        "PST" => -8.0,
        "PDT" => -7.0,
        _ => return None,
    };
    FixedOffset::east_opt((hours * 3600.0) as i32)
}

fn month(lower: &str) -> Option<u32> {
    let m = match lower {
        "jan" | "januari" | "january" => 1,
        "feb" | "peb" | "februari" | "pebruari" | "february" => 2,
        "mar" | "maret" | "march" => 3,
        "apr" | "april" => 4,
        "mei" | "may" => 5,
        "jun" | "juni" | "june" => 6,
        "jul" | "juli" | "july" => 7,
        "agu" | "ags" | "agt" | "agustus" | "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "okt" | "oct" | "oktober" | "october" => 10,
        "nov" | "nop" | "november" | "nopember" => 11,
        "des" | "dec" | "desember" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

/// `10/21/2025` or `30/1/2023` or `30-01-2023` as (a, b, year).
fn slashed(word: &str) -> Option<(u32, u32, u32)> {
    let sep = if word.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = word.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let a = parts[0].parse().ok()?;
    let b = parts[1].parse().ok()?;
    let mut y: u32 = parts[2].parse().ok()?;
    if parts[2].len() == 2 {
        y += 2000;
    } else if parts[2].len() != 4 {
        return None;
    }
    Some((a, b, y))
}

fn parse_tokens(s: &str) -> Option<Published> {
    let mut t = Tokens::default();
    scan(s, &mut t);
    let date = if let Some((a, b, y)) = t.slashed {
        let (d, m) = if a > 12 { (a, b) } else { (b, a) };
        chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?
    } else {
        let m = t.month?;
        let year_idx = t.numbers.iter().position(|n| (1900..=2200).contains(n))?;
        let y = t.numbers[year_idx];
        // Day: the number just before the month (`30 Jan`), else just after (`Jan 30`).
        let before = t.month_pos.checked_sub(1).filter(|i| *i != year_idx);
        let after = Some(t.month_pos).filter(|i| *i != year_idx && *i < t.numbers.len());
        let d = before.or(after).map(|i| t.numbers[i]).unwrap_or(1);
        chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?
    };
    match t.time {
        Some(mut time) => {
            use chrono::Timelike;
            if let Some(pm) = t.pm {
                let h = time.hour() % 12 + if pm { 12 } else { 0 };
                time = time.with_hour(h)?;
            }
            Some(with_offset(date.and_time(time), t.offset, true))
        }
        None => Some(with_offset(
            date.and_time(chrono::NaiveTime::MIN),
            t.offset,
            false,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse(s)
            .map(|p| p.to_string())
            .unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn machine_formats() {
        assert_eq!(p("2023-01-30T15:30:00+07:00"), "2023-01-30T15:30:00+07:00");
        assert_eq!(p("2023-01-30T08:30:00Z"), "2023-01-30T08:30:00+00:00");
        assert_eq!(p("2023-01-30"), "2023-01-30");
        assert_eq!(p("2023-01-30 15:30"), "2023-01-30T15:30:00");
        assert_eq!(p("2023-01-30 15:30:00 WIB"), "2023-01-30T15:30:00+07:00");
        assert_eq!(
            p("2023-01-30T15:30:00.000+0700"),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(
            p("Mon, 30 Jan 2023 08:30:00 GMT"),
            "2023-01-30T08:30:00+00:00"
        );
        assert_eq!(
            p("Mon, 30 Jan 2023 15:30:00 +0700"),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(p("1675067400"), "2023-01-30T08:30:00+00:00");
        assert_eq!(p("1675067400000"), "2023-01-30T08:30:00+00:00");
    }

    #[test]
    fn written_formats() {
        assert_eq!(p("10/21/2025 20:43"), "2025-10-21T20:43:00");
        assert_eq!(p("30/1/2023"), "2023-01-30");
        assert_eq!(p("30 Jan 2023"), "2023-01-30");
        assert_eq!(p("30 Jan 2023, 15:30 WIB"), "2023-01-30T15:30:00+07:00");
        assert_eq!(
            p("Senin, 30 Januari 2023 15:30 WIB"),
            "2023-01-30T15:30:00+07:00"
        );
        assert_eq!(
            p("Selasa, 14 Agustus 2018 - 09.05 WITA"),
            "2018-08-14T09:05:00+08:00"
        );
        assert_eq!(
            p("Kamis, 2 Mei 2019 | 20:00 WIT"),
            "2019-05-02T20:00:00+09:00"
        );
        assert_eq!(
            p("January 30, 2023 3:30 PM EST"),
            "2023-01-30T15:30:00-05:00"
        );
        assert_eq!(
            p("Monday 30 January 2023 10:00 GMT"),
            "2023-01-30T10:00:00+00:00"
        );
        assert_eq!(
            p("30 January 2023 10:00 GMT+7"),
            "2023-01-30T10:00:00+07:00"
        );
    }

    #[test]
    fn dates_in_urls_and_ids() {
        let url = |u: &str| from_url(u).map(|p| p.to_string());
        assert_eq!(
            url("https://www.kompas.com/read/2017/09/06/10150081/judul").as_deref(),
            Some("2017-09-06")
        );
        assert_eq!(
            url("https://www.cnnindonesia.com/nasional/20170321134554-20-201812/judul").as_deref(),
            Some("2017-03-21")
        );
        assert_eq!(
            url("https://contoh.id/arsip/20170906/").as_deref(),
            Some("2017-09-06")
        );
        // Article numbers, impossible days, dates in the host or the query are no dates.
        assert_eq!(url("https://news.detik.com/berita/d-3630412/judul"), None);
        assert_eq!(url("https://contoh.id/read/12345678/judul"), None);
        assert_eq!(url("https://contoh.id/2017/13/06/judul"), None);
        assert_eq!(url("https://20170906.contoh.id/x?d=20170906"), None);
        assert_eq!(url("https://contoh.id/20170906abc/"), None);
        let id = |s: &str| from_id(s).map(|p| p.to_string());
        assert_eq!(
            id("1490674536-ketua-mpr-bicara").as_deref(),
            Some("2017-03-28T04:15:36+00:00")
        );
        assert_eq!(id("12345"), None);
        assert_eq!(id("1490674536123-x"), None);
        assert_eq!(id("1490674536abc"), None);
        assert_eq!(id("0000000001-x"), None);
    }

    #[test]
    fn garbage_is_none() {
        for s in [
            "",
            "kemarin",
            "99/99/9999",
            "31 Februari 2023",
            "12:99",
            "é/é/é",
            "2023-13-40",
        ] {
            assert!(parse(s).is_none(), "{s}");
        }
    }
}
