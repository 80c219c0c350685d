//! News sites: the host of an article's URL, and the name a site spells itself with.
//!
//! The table in `assets/sites/news-sites.tsv` maps a domain to the site's own spelling
//! (`news.detik.com` is `detikNews`, `kompas.com` is `KOMPAS.com`) and lists the other names
//! it goes by. [`name_for_url`] gives every article of a site the same source name when its
//! record names none; [`spelled`] turns a lower-case source name (`detik`, `cnn indonesia`)
//! into the site's spelling; [`domain`] is what `source:` in search and `warta list
//! --source` match besides the name.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table of known news sites, one `domain<TAB>name<TAB>other names` line each.
const TABLE: &str = include_str!("../../assets/sites/news-sites.tsv");

/// One known site.
#[derive(Debug, PartialEq, Eq)]
struct Site {
    /// The name as the site spells it.
    name: &'static str,
}

/// The table, parsed: sites by domain, and the sites' spellings by every lower-case name.
struct Sites {
    by_domain: HashMap<&'static str, Site>,
    by_name: HashMap<String, &'static str>,
}

fn sites() -> &'static Sites {
    static SITES: OnceLock<Sites> = OnceLock::new();
    SITES.get_or_init(|| parse(TABLE))
}

fn parse(table: &'static str) -> Sites {
    let mut by_domain = HashMap::new();
    let mut by_name = HashMap::new();
    for line in table.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(domain), Some(name)) = (cols.next(), cols.next()) else {
            continue;
        };
        let (domain, name) = (domain.trim(), name.trim());
        if domain.is_empty() || name.is_empty() {
            continue;
        }
        let others = cols.next().unwrap_or("");
        for alias in std::iter::once(domain)
            .chain(std::iter::once(name))
            .chain(others.split(','))
        {
            let alias = alias.trim().to_lowercase();
            if !alias.is_empty() {
                by_name.entry(alias).or_insert(name);
            }
        }
        by_domain.insert(domain, Site { name });
    }
    Sites { by_domain, by_name }
}

/// The host of a URL, lower-cased, without `www.`, `m.` or `amp.` in front and without a
/// port (`https://www.Kompas.com:443/read/...` is `kompas.com`); `None` when the text has
/// no `scheme://host`.
pub fn domain(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let mut host = host.to_ascii_lowercase();
    for prefix in ["www.", "m.", "amp.", "mobile."] {
        if let Some(rest) = host.strip_prefix(prefix)
            && rest.contains('.')
        {
            host = rest.to_string();
        }
    }
    Some(host)
}

/// The known site a host belongs to: the host itself, else its parent domains in turn.
fn known(host: &str) -> Option<&'static Site> {
    let table = &sites().by_domain;
    let mut rest = host;
    loop {
        if let Some(site) = table.get(rest) {
            return Some(site);
        }
        rest = rest.split_once('.')?.1;
        if !rest.contains('.') {
            return None;
        }
    }
}

/// Second-level labels under which a country's sites register (`co.id`, `co.uk`).
const SECOND_LEVEL: &[&str] = &[
    "co", "ac", "go", "or", "web", "my", "sch", "com", "net", "org", "gov", "edu", "ne",
];

/// The registered domain of a host: its last two labels, or three under a country's
/// second level (`berita.contoh.co.id` is `contoh.co.id`).
fn registered(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let keep = match labels.as_slice() {
        [.., second, tld] if tld.len() == 2 && SECOND_LEVEL.contains(second) => 3,
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    let skip: usize = labels[..labels.len() - keep]
        .iter()
        .map(|l| l.len() + 1)
        .sum();
    &host[skip..]
}

/// The source name for an article of this URL: the site's own spelling when the site is
/// known (`https://news.detik.com/...` is `detikNews`), else its registered domain
/// (`https://berita.contoh.co.id/...` is `contoh.co.id`). Every URL of one site gives the
/// same name.
pub fn name_for_url(url: &str) -> Option<String> {
    let host = domain(url)?;
    if host.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    Some(match known(&host) {
        Some(site) => site.name.to_string(),
        None => registered(&host).to_string(),
    })
}

/// A lower-case source name as the site spells itself (`detik` is `detikcom`, `cnn
/// indonesia` is `CNN Indonesia`, `kompas.com` is `KOMPAS.com`); `None` when the name is
/// not all lower case or names no known site.
pub fn spelled(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_uppercase) {
        return None;
    }
    let spelled = *sites().by_name.get(name)?;
    (spelled != name).then_some(spelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_is_read() {
        let rows = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(sites().by_domain.len(), rows);
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            assert!(line.is_empty() || line.split('\t').count() >= 2, "{line}");
        }
    }

    #[test]
    fn hosts_lose_their_prefixes_and_ports() {
        assert_eq!(
            domain("https://www.Kompas.com:443/read/2017/09/06/x").as_deref(),
            Some("kompas.com")
        );
        assert_eq!(
            domain("http://m.cnnindonesia.com/nasional").as_deref(),
            Some("cnnindonesia.com")
        );
        assert_eq!(
            domain("https://user@news.detik.com?x=1").as_deref(),
            Some("news.detik.com")
        );
        assert_eq!(domain("news.detik.com/berita"), None);
        assert_eq!(domain("file:///home/x.html"), None);
        assert_eq!(domain("http://localhost/x"), None);
    }

    #[test]
    fn a_site_has_one_name_for_all_its_urls() {
        for url in [
            "https://news.detik.com/berita/d-3630412/menteri-bicara",
            "http://NEWS.detik.com/x",
            "https://m.news.detik.com/berita/d-1/y",
        ] {
            assert_eq!(name_for_url(url).as_deref(), Some("detikNews"), "{url}");
        }
        assert_eq!(
            name_for_url("https://wolipop.detik.com/x").as_deref(),
            Some("detikcom")
        );
        assert_eq!(
            name_for_url("https://www.cnnindonesia.com/ekonomi/20170906-1/x").as_deref(),
            Some("CNN Indonesia")
        );
        assert_eq!(
            name_for_url("https://berita.contoh.co.id/a/b").as_deref(),
            Some("contoh.co.id")
        );
        assert_eq!(
            name_for_url("https://satu.dua.contoh.org/a").as_deref(),
            Some("contoh.org")
        );
        assert_eq!(name_for_url("http://10.0.0.1/a"), None);
    }

    #[test]
    fn lower_case_names_take_the_sites_spelling() {
        assert_eq!(spelled("detik"), Some("detikcom"));
        assert_eq!(spelled("detiknews"), Some("detikNews"));
        assert_eq!(spelled("cnn indonesia"), Some("CNN Indonesia"));
        assert_eq!(spelled("kompas.com"), Some("KOMPAS.com"));
        assert_eq!(spelled("antaranews"), Some("ANTARA"));
        // Names written with capitals are the source's own choice; unknown names stay.
        assert_eq!(spelled("Kompas.com"), None);
        assert_eq!(spelled("kumparan"), None);
        assert_eq!(spelled("warta kampung"), None);
    }
}
