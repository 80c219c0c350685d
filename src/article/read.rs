//! Reading a file's bytes, and nothing that can hang while doing it.
//!
//! A path is opened without blocking (a FIFO put where a file was found opens at once),
//! the opened handle must be a regular file, it must be within the size limit, and it must
//! keep giving data: a read that gives no byte for the deadline ([`read_deadline`], five
//! seconds) is given up and reported, and loading goes on. A read stuck in the kernel
//! cannot be cancelled, so reads run on a thread of their own that is abandoned when it
//! stops giving data.
//!
//! [`read_file`] gives one file's bytes or a [`ReadError`]; a [`Reader`] reads a queue of
//! files one after another on one thread, a file ahead of its caller, which is how the
//! loaders read a collection.

use super::Problem;
use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Files larger than this are refused without being read, unless the limit is changed
/// with [`set_max_file_bytes`] (`--max-file-size` on the command line).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How long a file may give no data before its read is given up, unless changed with
/// [`set_read_deadline`] (`--read-timeout` on the command line).
pub const READ_DEADLINE: Duration = Duration::from_secs(5);

/// The size limit in force for this process.
static LIMIT: AtomicU64 = AtomicU64::new(MAX_FILE_BYTES);
/// The deadline in force for this process, in milliseconds.
static DEADLINE_MS: AtomicU64 = AtomicU64::new(READ_DEADLINE.as_millis() as u64);

/// Change the size above which files are refused without being read (for this process).
pub fn set_max_file_bytes(limit: u64) {
    LIMIT.store(limit, Ordering::Relaxed);
}

/// The size above which files are refused without being read.
pub fn max_file_bytes() -> u64 {
    LIMIT.load(Ordering::Relaxed)
}

/// Change how long a file may give no data before it is reported (for this process).
pub fn set_read_deadline(deadline: Duration) {
    let ms = u64::try_from(deadline.as_millis()).unwrap_or(u64::MAX);
    DEADLINE_MS.store(ms, Ordering::Relaxed);
}

/// How long a file may give no data before it is reported.
pub fn read_deadline() -> Duration {
    Duration::from_millis(DEADLINE_MS.load(Ordering::Relaxed))
}

/// The limits one read works under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are refused (by their size before a byte is read, and by
    /// counting for a file that grows while it is read).
    pub max_bytes: u64,
    /// A file that gives no data for this long is given up.
    pub deadline: Duration,
}

impl Limits {
    /// The limits in force for this process ([`max_file_bytes`], [`read_deadline`]).
    pub fn current() -> Limits {
        Limits {
            max_bytes: max_file_bytes(),
            deadline: read_deadline(),
        }
    }
}

/// Why a file's bytes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path could not be opened (missing, no permission...).
    #[error("cannot open: {}", io_reason(.0))]
    Open(#[source] io::Error),
    /// The opened path is a FIFO, a socket, a device or another special file.
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// The file is over the size limit.
    #[error(
        "file too large ({} MB; the limit is {} MB, --max-file-size raises it)",
        .size.div_ceil(MB),
        .limit / MB
    )]
    TooLarge {
        /// The file's size, or the bytes read when it grew past the limit.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Reading failed part way.
    #[error("cannot read: {}", io_reason(.0))]
    Read(#[source] io::Error),
    /// The file gave no data for the deadline (a kernel log, a hung network mount).
    #[error("{}", stalled(*.read, *.waited))]
    Stalled {
        /// Bytes read before it stopped.
        read: u64,
        /// How long it gave nothing.
        waited: Duration,
    },
}

const MB: u64 = 1024 * 1024;

fn stalled(read: u64, waited: Duration) -> String {
    let secs = waited.as_secs_f64();
    let secs = if secs.fract() == 0.0 {
        format!("{secs:.0}")
    } else {
        format!("{secs:.1}")
    };
    if read == 0 {
        format!("no data after {secs} s")
    } else {
        format!("no more data after {read} bytes and {secs} s")
    }
}

impl ReadError {
    /// The error as a problem with the file, for the user to see.
    pub fn problem(&self, path: &Path) -> Problem {
        super::walk::problem(path, &self.to_string())
    }
}

/// Read a whole file under the limits in force ([`Limits::current`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_file_with(path, Limits::current())
}

/// Read a whole file under the given limits.
pub fn read_file_with(path: &Path, limits: Limits) -> Result<Vec<u8>, ReadError> {
    let mut reader = Reader::new(limits);
    reader.push(path.to_path_buf());
    reader
        .next()
        .unwrap_or_else(|| read_blocking(path, limits.max_bytes, &Progress::default()))
}

/// Reads queued files in order on a thread of its own, a file ahead of its caller, and
/// gives up a file that stops giving data (its thread is left to itself and a new one
/// reads the rest).
///
/// ```no_run
/// use warta::article::read::{Limits, Reader};
/// let mut reader = Reader::new(Limits::current());
/// reader.push("a.txt".into());
/// reader.push("b.txt".into());
/// while let Some(bytes) = reader.next() {
///     println!("{:?}", bytes.map(|b| b.len()));
/// }
/// ```
pub struct Reader {
    limits: Limits,
    /// Paths handed to the helper whose results have not been taken yet, oldest first.
    queued: VecDeque<PathBuf>,
    /// The reading thread, started with the first path (`None` when none could be).
    helper: Option<Helper>,
}

/// A reading thread and the ends of its channels.
struct Helper {
    paths: mpsc::Sender<PathBuf>,
    results: mpsc::Receiver<Result<Vec<u8>, ReadError>>,
    progress: Arc<Progress>,
}

/// What a reading thread has done, for its caller to tell a slow read from a stuck one.
#[derive(Debug)]
struct Progress {
    /// The clock the step times count from.
    base: Instant,
    /// When the thread last started a file or got a piece of one, in nanoseconds from
    /// `base`.
    last_step: AtomicU64,
    /// Bytes read of the current file.
    bytes: AtomicU64,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            base: Instant::now(),
            last_step: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }
}

impl Progress {
    fn step(&self) {
        let nanos = u64::try_from(self.base.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.last_step.store(nanos, Ordering::Relaxed);
    }
    fn start(&self) {
        self.bytes.store(0, Ordering::Relaxed);
        self.step();
    }
    fn read(&self, total: usize) {
        self.bytes.store(total as u64, Ordering::Relaxed);
        self.step();
    }
    /// When the thread last did something.
    fn last_step(&self) -> Instant {
        self.base + Duration::from_nanos(self.last_step.load(Ordering::Relaxed))
    }
}

impl Reader {
    /// A reader with no file queued yet (its thread starts with the first one).
    pub fn new(limits: Limits) -> Reader {
        Reader {
            limits,
            queued: VecDeque::new(),
            helper: None,
        }
    }

    /// Queue a file; [`Reader::next`] gives the queued files' bytes in queue order.
    pub fn push(&mut self, path: PathBuf) {
        if self.helper.is_none() && self.queued.is_empty() {
            self.helper = Helper::spawn(self.limits.max_bytes);
        }
        if let Some(helper) = &self.helper
            && helper.paths.send(path.clone()).is_err()
        {
            self.helper = None;
        }
        self.queued.push_back(path);
    }

    /// How many queued files have not been given back yet.
    pub fn len(&self) -> usize {
        self.queued.len()
    }

    /// Whether every queued file has been given back.
    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }

    /// Leave the current thread to itself and hand the files still queued to a new one.
    fn restart(&mut self) {
        self.helper = Helper::spawn(self.limits.max_bytes);
        if let Some(helper) = &self.helper {
            for path in &self.queued {
                if helper.paths.send(path.clone()).is_err() {
                    self.helper = None;
                    break;
                }
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Vec<u8>, ReadError>;

    /// The oldest queued file's bytes (`None` when nothing is queued), waiting while the
    /// file gives data and at most [`Limits::deadline`] after it last did.
    fn next(&mut self) -> Option<Self::Item> {
        let path = self.queued.pop_front()?;
        let Some(helper) = &self.helper else {
            // No thread could be started: read here, without a deadline.
            return Some(read_blocking(
                &path,
                self.limits.max_bytes,
                &Progress::default(),
            ));
        };
        let deadline = self.limits.deadline;
        let waiting_since = Instant::now();
        loop {
            // Quiet since the later of: the wait began, the thread last did something.
            let quiet_since = helper.progress.last_step().max(waiting_since);
            let left = deadline.saturating_sub(quiet_since.elapsed());
            let outcome = if left.is_zero() {
                Err(mpsc::RecvTimeoutError::Timeout)
            } else {
                helper.results.recv_timeout(left)
            };
            match outcome {
                Ok(result) => return Some(result),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let quiet_since = helper.progress.last_step().max(waiting_since);
                    if quiet_since.elapsed() < deadline {
                        continue;
                    }
                    // One last look: the file may have come just now.
                    if let Ok(result) = helper.results.try_recv() {
                        return Some(result);
                    }
                    let read = helper.progress.bytes.load(Ordering::Relaxed);
                    self.restart();
                    return Some(Err(ReadError::Stalled {
                        read,
                        waited: deadline,
                    }));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    // The thread is gone (it cannot panic on input, but be safe): read
                    // this file here and the rest on a new thread.
                    self.restart();
                    return Some(read_blocking(
                        &path,
                        self.limits.max_bytes,
                        &Progress::default(),
                    ));
                }
            }
        }
    }
}

impl Helper {
    /// Start a reading thread; `None` when the system has no thread to spare.
    fn spawn(max_bytes: u64) -> Option<Helper> {
        let (paths, wanted) = mpsc::channel::<PathBuf>();
        // A rendezvous: the thread reads one file ahead and waits until it is taken.
        let (done, results) = mpsc::sync_channel(0);
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        thread::Builder::new()
            .name("read".into())
            .spawn(move || {
                for path in wanted {
                    shared.start();
                    let result = read_blocking(&path, max_bytes, &shared);
                    if done.send(result).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Helper {
            paths,
            results,
            progress,
        })
    }
}

/// How much is read between two progress reports.
const PIECE: u64 = 1024 * 1024;

/// Open, check and read a file on this thread (which a stuck read would block).
fn read_blocking(path: &Path, max_bytes: u64, progress: &Progress) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        });
    }
    // One allocation of the right size, not a doubling series for a big file.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let mut file = file;
    loop {
        let got = (&mut file)
            .take(PIECE)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Read)?;
        progress.read(bytes.len());
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge {
                size: bytes.len() as u64,
                limit: max_bytes,
            });
        }
        // A short piece means the end of the file was reached.
        if (got as u64) < PIECE {
            return Ok(bytes);
        }
    }
}

/// Open a path for reading without waiting on it, and keep it only if the opened handle is
/// a regular file: a FIFO opened this way does not wait for a writer, and a path swapped
/// for one after the walk looked at it is refused here.
fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    let file = open_nonblocking(path).map_err(ReadError::Open)?;
    let meta = file.metadata().map_err(ReadError::Open)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(special_kind(&meta)));
    }
    blocking_again(&file).map_err(ReadError::Open)?;
    Ok((file, meta))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    // NOCTTY: a terminal device opened here must not become the controlling terminal.
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Clear the non-blocking flag of a regular file, so that its reads wait for data as
/// ordinary reads do (the deadline, not an error, deals with one that waits too long).
#[cfg(unix)]
fn blocking_again(file: &File) -> io::Result<()> {
    use rustix::fs::OFlags;
    let flags = rustix::fs::fcntl_getfl(file)?;
    if flags.contains(OFlags::NONBLOCK) {
        rustix::fs::fcntl_setfl(file, flags - OFlags::NONBLOCK)?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn blocking_again(_file: &File) -> io::Result<()> {
    Ok(())
}

/// What a special file is, where the platform says.
pub(crate) fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else if kind.is_dir() {
            "a folder"
        } else {
            "a special file"
        }
    }
    #[cfg(not(unix))]
    {
        if meta.is_dir() {
            "a folder"
        } else {
            "device, FIFO or socket"
        }
    }
}

/// An I/O error as a short lowercase reason, without the `(os error N)` suffix.
pub(crate) fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(deadline_ms: u64) -> Limits {
        Limits {
            max_bytes: MAX_FILE_BYTES,
            deadline: Duration::from_millis(deadline_ms),
        }
    }

    #[test]
    fn files_are_read_in_queue_order() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut reader = Reader::new(limits(5_000));
        for i in 0..20 {
            let path = dir.path().join(format!("{i}.txt"));
            fs::write(&path, format!("isi {i}"))?;
            reader.push(path);
        }
        reader.push(dir.path().join("missing.txt"));
        assert_eq!(reader.len(), 21);
        for i in 0..20 {
            let bytes = reader.next().map(|r| r.map_err(|e| e.to_string()));
            assert_eq!(bytes, Some(Ok(format!("isi {i}").into_bytes())));
        }
        let missing = reader.next().map(|r| r.map_err(|e| e.to_string()));
        assert_eq!(
            missing,
            Some(Err("cannot open: no such file or directory".into()))
        );
        assert!(reader.next().is_none());
        Ok(())
    }

    #[test]
    fn a_file_is_refused_above_the_limit() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.txt");
        fs::write(&path, vec![b'a'; 3 * MB as usize])?;
        let small = Limits {
            max_bytes: 2 * MB,
            deadline: READ_DEADLINE,
        };
        let err = read_file_with(&path, small).map(|b| b.len());
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err("file too large (3 MB; the limit is 2 MB, --max-file-size raises it)".into())
        );
        // Exactly at the limit, and across several pieces, it is read whole.
        let exact = Limits {
            max_bytes: 3 * MB,
            deadline: READ_DEADLINE,
        };
        assert_eq!(
            read_file_with(&path, exact).ok().map(|b| b.len()),
            Some(3 * MB as usize)
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("z.txt");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )?;
        // Read on this thread, with no deadline to rescue it: opening must not block.
        let err = read_blocking(&fifo, MAX_FILE_BYTES, &Progress::default());
        assert_eq!(
            err.map_err(|e| e.to_string()),
            Err("not a regular file (a FIFO)".into())
        );
        Ok(())
    }

    /// A file that stops giving data: a pipe whose writer stays open but writes nothing
    /// more, read through the same loop as a file.
    #[test]
    fn a_read_that_stops_giving_data_is_given_up_and_the_rest_is_read() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let good = dir.path().join("good.txt");
        fs::write(&good, "isi")?;
        let (mut pipe, mut writer) = io::pipe()?;
        io::Write::write_all(&mut writer, b"awal")?;
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let (done, results) = mpsc::sync_channel(0);
        thread::spawn(move || {
            shared.start();
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = done.send(Ok(bytes));
        });
        let (paths, _wanted) = mpsc::channel();
        let mut reader = Reader {
            limits: limits(300),
            queued: VecDeque::from([dir.path().join("stuck.txt"), good]),
            helper: Some(Helper {
                paths,
                results,
                progress,
            }),
        };
        let stuck = reader.next().map(|r| r.map_err(|e| e.to_string()));
        assert_eq!(stuck, Some(Err("no data after 0.3 s".into())));
        // The next file is read by a new thread.
        assert_eq!(reader.next().and_then(Result::ok), Some(b"isi".to_vec()));
        drop(writer);
        Ok(())
    }

    #[test]
    fn a_stall_after_some_data_says_how_much_came() {
        let err = ReadError::Stalled {
            read: 4096,
            waited: Duration::from_secs(5),
        };
        assert_eq!(err.to_string(), "no more data after 4096 bytes and 5 s");
    }
}
