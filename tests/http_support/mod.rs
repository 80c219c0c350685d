//! A small HTTP/1.1 server on 127.0.0.1 for the subscription tests and benchmark: each
//! request is answered by a handler closure, one connection per request (`Connection:
//! close`). It can also stall, never answer, or stream a large body, and it counts what it
//! sent. It stops when dropped.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A request as the handler sees it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`.
    pub method: String,
    /// The path and query.
    pub path: String,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the server answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A whole response.
    Full {
        /// Status code.
        status: u16,
        /// Headers besides `Content-Length` and `Connection`.
        headers: Vec<(String, String)>,
        /// Body.
        body: Vec<u8>,
    },
    /// A 200 whose body is `chunk` repeated up to `total` bytes, sent as it is read.
    Stream {
        /// One piece of the body.
        chunk: Vec<u8>,
        /// Bytes in all.
        total: u64,
    },
    /// Headers of a 200 with a long body, a few bytes of it, then nothing.
    HeadersThenStall,
    /// Nothing at all: the connection is accepted and left waiting.
    Silent,
}

impl Reply {
    /// 200 with a body and content type.
    pub fn ok(body: impl Into<Vec<u8>>, content_type: &str) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A status with no body.
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }

    /// The reply with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Full { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// The running server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    requests: Arc<Mutex<Vec<Request>>>,
    sent: Arc<AtomicU64>,
    in_flight: Arc<AtomicUsize>,
    most_in_flight: Arc<AtomicUsize>,
}

/// Longest a stalled or silent connection is held open.
const STALL_LIMIT: Duration = Duration::from_secs(20);

impl Server {
    /// Start a server on a free port of 127.0.0.1.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let addr = listener.local_addr().expect("a bound address");
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sent = Arc::new(AtomicU64::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most_in_flight = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let (stop, requests, sent) = (stop.clone(), requests.clone(), sent.clone());
            let (in_flight, most) = (in_flight.clone(), most_in_flight.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (handler, stop, requests, sent) = (
                        handler.clone(),
                        stop.clone(),
                        requests.clone(),
                        sent.clone(),
                    );
                    let (in_flight, most) = (in_flight.clone(), most.clone());
                    std::thread::spawn(move || {
                        // Counted while the handler runs: a client cannot send its next
                        // request before it has this answer, which is written after.
                        let counted = |request: &Request| {
                            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            let reply = handler(request);
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            reply
                        };
                        serve(stream, &counted, &stop, &requests, &sent);
                    });
                }
            })
        };
        Server {
            addr,
            stop,
            thread: Some(thread),
            requests,
            sent,
            in_flight,
            most_in_flight,
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Requests for this path so far.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Body bytes written so far.
    pub fn bytes_sent(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }

    /// The most requests whose handler ran at once.
    pub fn most_at_once(&self) -> usize {
        self.most_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: &dyn Fn(&Request) -> Reply,
    stop: &AtomicBool,
    requests: &Mutex<Vec<Request>>,
    sent: &AtomicU64,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half.take(64 * 1024));
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let mut request = Request {
        method: parts.next().unwrap_or("").to_string(),
        path: parts.next().unwrap_or("").to_string(),
        headers: Vec::new(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            break;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            request
                .headers
                .push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    if let Ok(mut log) = requests.lock() {
        log.push(request.clone());
    }
    let mut stream = stream;
    let stall = |stop: &AtomicBool| {
        let start = Instant::now();
        while !stop.load(Ordering::Relaxed) && start.elapsed() < STALL_LIMIT {
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    match handler(&request) {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let _ = stream.write_all(head.as_bytes());
            if stream.write_all(&body).is_ok() {
                sent.fetch_add(body.len() as u64, Ordering::SeqCst);
            }
        }
        Reply::Stream { chunk, total } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let mut left = total;
            while left > 0 && !stop.load(Ordering::Relaxed) {
                let n = chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                if stream.write_all(&chunk[..n]).is_err() {
                    break;
                }
                sent.fetch_add(n as u64, Ordering::SeqCst);
                left -= n as u64;
            }
        }
        Reply::HeadersThenStall => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel>",
            );
            let _ = stream.flush();
            stall(stop);
        }
        Reply::Silent => stall(stop),
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// An RSS 2.0 feed: `(guid, title, link)` per item, with a description each.
pub fn rss(title: &str, items: &[(String, String, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://example.invalid/</link>\n"
    );
    for (guid, item_title, link) in items {
        out.push_str(&format!(
            "<item><title>{item_title}</title><link>{link}</link><guid>{guid}</guid>\
             <description>Ringkasan tentang {item_title} dari redaksi.</description>\
             <pubDate>Tue, 16 Sep 2025 10:00:00 +0700</pubDate></item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// Items `from..to` of a numbered feed: guid `{prefix}-{n}`, link `{base}/item/{n}`.
pub fn numbered(prefix: &str, base: &str, from: usize, to: usize) -> Vec<(String, String, String)> {
    (from..to)
        .map(|n| {
            (
                format!("{prefix}-{n}"),
                format!("Berita nomor {n}"),
                format!("{base}/item/{n}"),
            )
        })
        .collect()
}
