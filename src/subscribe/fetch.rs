//! HTTP: one GET with every limit applied, redirects followed here, by hand.
//!
//! The client is `ureq` over rustls. A fetch has a connect timeout and one deadline for
//! the whole response, redirects included; the body is read (and gzip or brotli decoded)
//! only up to a size limit, so a compressed bomb stops there; a conditional GET sends the
//! validators of the last response. Redirects are followed one by one (at most
//! [`HttpOptions::max_redirects`]) so that every hop is checked: only http and https, no
//! loop, and no hop from a public address to a private, loopback or link-local one unless
//! the user subscribed to that host. The check is made on the addresses the connection
//! actually uses (the resolver refuses them), so a name that resolves differently the
//! second time gains nothing.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use url::Url;

/// Limits and identity of every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOptions {
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest time for a whole response, headers and body, redirects included.
    pub response_timeout: Duration,
    /// Largest body read, after decompression.
    pub max_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for HttpOptions {
    fn default() -> HttpOptions {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            user_agent: user_agent(),
        }
    }
}

/// `warta/VERSION (+REPOSITORY)`, from the package's metadata.
pub fn user_agent() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let home = [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|s| !s.is_empty());
    match home {
        Some(home) => format!("warta/{version} (+{home})"),
        None => format!("warta/{version}"),
    }
}

/// Why a fetch failed, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL is not one warta fetches (not http or https, no host).
    #[error("{0}")]
    BadUrl(String),
    /// A redirect led to a private address from a public one.
    #[error("refused: {0} is a private or local address, reached from a public one")]
    Refused(String),
    /// The server answered with an error status.
    #[error("HTTP {status}{}", retry_after.map(|s| format!(" (retry after {} s)", s.as_secs())).unwrap_or_default())]
    Status {
        /// The status code.
        status: u16,
        /// How long the server asked to wait (`Retry-After`), when it did.
        retry_after: Option<Duration>,
    },
    /// More redirects than allowed.
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    /// A redirect led back to a URL already visited.
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    /// The body is larger than the limit.
    #[error("response larger than {} KiB", .0 / 1024)]
    TooLarge(usize),
    /// The server did not answer, or not completely, in time.
    #[error("timed out")]
    Timeout,
    /// The connection failed.
    #[error("{0}")]
    Network(String),
    /// The update was stopped.
    #[error("stopped")]
    Stopped,
}

/// The validators of a response, for the next conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
}

/// What a fetch brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL that answered (after redirects).
    pub url: Url,
    /// Where the resource now lives for good, when every redirect was permanent (301,
    /// 308).
    pub moved: Option<Url>,
    /// The body, or `None` for 304 Not Modified.
    pub body: Option<Vec<u8>>,
    /// The response's validators (those sent, after a 304).
    pub validators: Validators,
}

/// An HTTP client with warta's limits; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Client {
    open: ureq::Agent,
    guarded: ureq::Agent,
    options: HttpOptions,
    trusted: Arc<HashSet<String>>,
    resolved_private: Arc<Mutex<HashMap<String, bool>>>,
}

impl Client {
    /// A client; `trusted_hosts` are the hosts the user subscribed to, which any redirect
    /// or link may reach whatever their address.
    pub fn new(options: HttpOptions, trusted_hosts: impl IntoIterator<Item = String>) -> Client {
        let trusted: Arc<HashSet<String>> = Arc::new(
            trusted_hosts
                .into_iter()
                .map(|h| h.to_ascii_lowercase())
                .collect(),
        );
        let resolved_private = Arc::new(Mutex::new(HashMap::new()));
        let agent = |public_only: bool| {
            let config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .user_agent(options.user_agent.as_str())
                .timeout_connect(Some(options.connect_timeout))
                .timeout_global(Some(options.response_timeout))
                .build();
            let resolver = CheckingResolver {
                inner: DefaultResolver::default(),
                public_only,
                trusted: Arc::clone(&trusted),
                resolved_private: Arc::clone(&resolved_private),
            };
            ureq::Agent::with_parts(config, DefaultConnector::new(), resolver)
        };
        Client {
            open: agent(false),
            guarded: agent(true),
            options,
            trusted,
            resolved_private,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// Whether a URL found in fetched content (a link) may reach a private address: its
    /// host was subscribed to, or the content came from a private address itself.
    pub fn may_reach_private(&self, target: &Url, found_at: &Url) -> bool {
        self.is_trusted(target) || self.resolved_to_private(found_at)
    }

    /// Whether the hop from `current` (which could reach private addresses when
    /// `private_ok`) to `next` may: `next` is a subscribed host, or the redirect came from
    /// a private address the hop was allowed to reach (a server on the user's own network).
    fn hop_may_reach_private(&self, private_ok: bool, current: &Url, next: &Url) -> bool {
        self.is_trusted(next) || (private_ok && self.resolved_to_private(current))
    }

    fn is_trusted(&self, url: &Url) -> bool {
        url.host_str()
            .is_some_and(|h| self.trusted.contains(&host_key(h)))
    }

    /// Whether the URL's host resolved to a non-public address in this client.
    fn resolved_to_private(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        let host = host_key(host);
        if let Ok(ip) = host.parse::<IpAddr>() {
            return !is_public(ip);
        }
        self.resolved_private
            .lock()
            .map(|seen| seen.get(&host).copied().unwrap_or(false))
            .unwrap_or(false)
    }

    /// GET `url`, following redirects by hand. `private_ok` says whether the first hop
    /// may reach a private address (true for a URL the user subscribed to); `validators`
    /// make it a conditional GET; `stop` ends the body read early.
    pub fn get(
        &self,
        url: &Url,
        validators: &Validators,
        private_ok: bool,
        stop: &AtomicBool,
    ) -> Result<Fetched, FetchError> {
        let deadline = Instant::now() + self.options.response_timeout;
        let mut current = url.clone();
        let mut visited: HashSet<Url> = HashSet::from([current.clone()]);
        let mut private_ok = private_ok;
        let mut permanent = true;
        let mut moved = None;
        for hop in 0..=self.options.max_redirects {
            check_scheme(&current)?;
            if stop.load(Ordering::Relaxed) {
                return Err(FetchError::Stopped);
            }
            let left = deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or(FetchError::Timeout)?;
            let agent = if private_ok || self.is_trusted(&current) {
                &self.open
            } else {
                &self.guarded
            };
            let mut request = agent
                .get(current.as_str())
                .header(
                    "Accept",
                    "application/rss+xml, application/atom+xml, application/feed+json, \
                     application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
                )
                .config()
                .timeout_global(Some(left))
                .build();
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(modified) = &validators.last_modified {
                request = request.header("If-Modified-Since", modified.as_str());
            }
            let mut response = request.call().map_err(map_error)?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            if matches!(status, 301 | 302 | 303 | 307 | 308)
                && let Some(location) = header("location")
            {
                if hop == self.options.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.options.max_redirects));
                }
                let next = current.join(location.trim()).map_err(|err| {
                    FetchError::BadUrl(format!(
                        "redirect to {:?}: {err}",
                        crate::text::sanitize_line(&location)
                    ))
                })?;
                check_scheme(&next)?;
                if !visited.insert(next.clone()) {
                    return Err(FetchError::RedirectLoop(crate::text::sanitize_line(
                        next.as_str(),
                    )));
                }
                permanent &= matches!(status, 301 | 308);
                if permanent {
                    moved = Some(next.clone());
                }
                private_ok = self.hop_may_reach_private(private_ok, &current, &next);
                current = next;
                continue;
            }
            if status == 304 {
                return Ok(Fetched {
                    url: current,
                    moved,
                    body: None,
                    validators: validators.clone(),
                });
            }
            if !(200..300).contains(&status) {
                let retry_after = header("retry-after").and_then(|v| retry_after(&v));
                return Err(FetchError::Status {
                    status,
                    retry_after,
                });
            }
            let fresh = Validators {
                etag: header("etag"),
                last_modified: header("last-modified"),
            };
            let body = read_limited(
                response.body_mut().as_reader(),
                self.options.max_bytes,
                stop,
            )?;
            return Ok(Fetched {
                url: current,
                moved,
                body: Some(body),
                validators: fresh,
            });
        }
        Err(FetchError::TooManyRedirects(self.options.max_redirects))
    }
}

/// Read a body to its end, refusing it past `max` bytes and stopping when asked.
fn read_limited(
    mut reader: impl Read,
    max: usize,
    stop: &AtomicBool,
) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if stop.load(Ordering::Relaxed) {
            return Err(FetchError::Stopped);
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(body),
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(map_io(err)),
        };
        if body.len() + n > max {
            return Err(FetchError::TooLarge(max));
        }
        body.extend_from_slice(&chunk[..n]);
    }
}

fn check_scheme(url: &Url) -> Result<(), FetchError> {
    if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() {
        Ok(())
    } else {
        Err(FetchError::BadUrl(format!(
            "not an http or https URL: {}",
            crate::text::sanitize_line(url.as_str())
        )))
    }
}

/// A `Retry-After` value: seconds, or an HTTP date (a date past is no wait).
pub fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.timestamp() - chrono::Utc::now().timestamp();
    Some(Duration::from_secs(u64::try_from(wait).unwrap_or(0)))
}

/// The resolver refused a connection; carried through ureq's error as its source.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} resolves only to private addresses", self.0)
    }
}

impl std::error::Error for Refused {}

fn map_error(err: ureq::Error) -> FetchError {
    match err {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::Io(io) => map_io(io),
        ureq::Error::HostNotFound => FetchError::Network("host not found".to_string()),
        ureq::Error::ConnectionFailed => FetchError::Network("connection failed".to_string()),
        ureq::Error::BodyExceedsLimit(max) => {
            FetchError::TooLarge(usize::try_from(max).unwrap_or(usize::MAX))
        }
        ureq::Error::Other(source) => match source.downcast::<Refused>() {
            Ok(refused) => FetchError::Refused(refused.0),
            Err(other) => FetchError::Network(crate::text::sanitize_line(&other.to_string())),
        },
        other => FetchError::Network(crate::text::sanitize_line(&other.to_string())),
    }
}

fn map_io(err: std::io::Error) -> FetchError {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => return FetchError::Timeout,
        ErrorKind::ConnectionRefused => {
            return FetchError::Network("connection refused".to_string());
        }
        _ => {}
    }
    if err.get_ref().is_some_and(|inner| inner.is::<ureq::Error>()) {
        return match err
            .into_inner()
            .map(|inner| inner.downcast::<ureq::Error>())
        {
            Some(Ok(inner)) => map_error(*inner),
            _ => FetchError::Network("connection failed".to_string()),
        };
    }
    FetchError::Network(crate::text::sanitize_line(&err.to_string()))
}

/// A host as compared: lowercase, without the brackets of an IPv6 literal.
fn host_key(host: &str) -> String {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

/// Whether an address is on the public internet: not loopback, private, link-local,
/// shared (carrier NAT), unspecified, broadcast, multicast or documentation space.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// The resolver of both HTTP clients: records whether each host resolved to a non-public
/// address and, for the guarded client, refuses non-public addresses of hosts the user did
/// not subscribe to.
#[derive(Debug)]
struct CheckingResolver {
    inner: DefaultResolver,
    public_only: bool,
    trusted: Arc<HashSet<String>>,
    resolved_private: Arc<Mutex<HashMap<String, bool>>>,
}

impl Resolver for CheckingResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let host = host_key(uri.host().unwrap_or(""));
        let private = addrs.iter().any(|a| !is_public(a.ip()));
        if let Ok(mut seen) = self.resolved_private.lock() {
            seen.insert(host.clone(), private);
        }
        let is_proxy = config.proxy().is_some_and(|p| host_key(p.host()) == host);
        if !self.public_only || !private || is_proxy || self.trusted.contains(&host) {
            return Ok(addrs);
        }
        let mut public = self.empty();
        for addr in addrs.iter().filter(|a| is_public(a.ip())) {
            public.push(*addr);
        }
        if public.is_empty() {
            return Err(ureq::Error::Other(Box::new(Refused(host))));
        }
        Ok(public)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            let ip: IpAddr = private.parse().expect("a literal address");
            assert!(!is_public(ip), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            let ip: IpAddr = public.parse().expect("a literal address");
            assert!(is_public(ip), "{public}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn links_from_public_content_may_not_reach_private_hosts() -> Result<(), url::ParseError> {
        let client = Client::new(HttpOptions::default(), ["intranet.example".to_string()]);
        let public_feed = Url::parse("https://93.184.216.34/feed")?;
        let local_feed = Url::parse("http://127.0.0.1:8080/feed")?;
        let link = Url::parse("http://192.168.1.1/admin")?;
        assert!(!client.may_reach_private(&link, &public_feed));
        assert!(client.may_reach_private(&link, &local_feed));
        let trusted = Url::parse("http://intranet.example/page")?;
        assert!(client.may_reach_private(&trusted, &public_feed));
        Ok(())
    }

    #[test]
    fn a_redirect_from_a_public_host_may_not_reach_a_private_one() -> Result<(), url::ParseError> {
        let client = Client::new(HttpOptions::default(), ["feeds.example".to_string()]);
        if let Ok(mut seen) = client.resolved_private.lock() {
            seen.insert("news.example".to_string(), false);
            seen.insert("intranet".to_string(), true);
        }
        let public = Url::parse("https://news.example/rss")?;
        let private = Url::parse("http://10.0.0.5/rss")?;
        let local = Url::parse("http://intranet/rss")?;
        // From a public host: only to a subscribed host.
        assert!(!client.hop_may_reach_private(true, &public, &private));
        assert!(client.hop_may_reach_private(true, &public, &Url::parse("http://feeds.example/")?));
        // From a private host the user subscribed to: within the private network.
        assert!(client.hop_may_reach_private(true, &local, &private));
        // Not when that hop itself was not allowed to.
        assert!(!client.hop_may_reach_private(false, &local, &private));
        Ok(())
    }

    #[test]
    fn only_http_is_fetched() -> Result<(), url::ParseError> {
        let client = Client::new(HttpOptions::default(), []);
        let stop = AtomicBool::new(false);
        for url in [
            "file:///etc/passwd",
            "ftp://x.example/feed",
            "data:text/plain,hi",
        ] {
            let url = Url::parse(url)?;
            assert!(matches!(
                client.get(&url, &Validators::default(), true, &stop),
                Err(FetchError::BadUrl(_))
            ));
        }
        Ok(())
    }

    #[test]
    fn the_user_agent_names_warta_and_its_version() {
        assert!(user_agent().starts_with(&format!("warta/{}", env!("CARGO_PKG_VERSION"))));
    }
}
