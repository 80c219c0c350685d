//! Leaving the terminal in order when the reader is stopped from outside or crashes.
//!
//! - SIGINT, SIGTERM and SIGHUP set a flag that the event loop polls
//!   ([`stop_requested`]); the loop then quits as on `q`, so the scroll position is saved
//!   and the terminal restored (raw mode, alternate screen, mouse capture, cursor). A second
//!   SIGTERM or SIGHUP while the first is pending (closing a terminal window sends SIGHUP
//!   twice) changes nothing: the loop still quits in order. A reader that has not quit two
//!   seconds after the first signal (stuck reading a terminal that hung up) restores the
//!   terminal and exits anyway.
//!   SIGINT does neither: in raw mode Ctrl-C is a key, so a SIGINT comes from `kill` or
//!   from a Ctrl-C typed into the pager, which [`forget_interrupt`] discards.
//! - A panic on the interface thread restores the terminal first and then prints one
//!   readable line on stderr ([`crash_message`]) instead of a message lost on the alternate
//!   screen. A panic on a worker thread must not tear the terminal from under a running
//!   reader: its message is kept and printed after the reader ends
//!   ([`report_background_panics`]).

use crossterm::cursor::Show;
use crossterm::event::DisableMouseCapture;
use std::any::Any;
use std::panic::Location;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// Set by a caught SIGTERM or SIGHUP; read by the event loop.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Set by a caught SIGINT; read by the event loop.
static INTERRUPT: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Panic messages from worker threads, printed once the terminal is back.
static BACKGROUND: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// At most this many worker panics are kept (a worker pool can fail many times over).
const MAX_BACKGROUND: usize = 5;

/// Catch SIGINT, SIGTERM and SIGHUP: from now on they ask the event loop to quit instead
/// of killing the process. Safe to call more than once (installs once).
///
/// # Errors
///
/// When a signal handler cannot be installed.
pub fn catch_signals() -> std::io::Result<()> {
    static INSTALL: Once = Once::new();
    let mut result = Ok(());
    INSTALL.call_once(|| result = install_signal_handlers());
    result
}

fn flag(cell: &'static OnceLock<Arc<AtomicBool>>) -> &'static Arc<AtomicBool> {
    cell.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

#[cfg(unix)]
fn install_signal_handlers() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop = flag(&STOP);
    for signal in [SIGTERM, SIGHUP] {
        // Only the flag: a repeated signal must not end the process before the loop has
        // saved the reading state and restored the terminal (the watchdog bounds the wait).
        signal_hook::flag::register(signal, Arc::clone(stop))?;
    }
    signal_hook::flag::register(SIGINT, Arc::clone(flag(&INTERRUPT)))?;
    spawn_watchdog(Arc::clone(stop))
}

/// How long the event loop has to quit after a signal before the process exits anyway.
const GRACE: Duration = Duration::from_secs(2);

/// Exit when the event loop does not answer a signal, or a hangup of the terminal, in
/// time. After a hangup the terminal is gone, and reading keys from it can spin inside the
/// terminal library without ever returning to the loop (and no SIGHUP may come); every
/// change of reading state is already saved when it is made, so leaving is safe.
#[cfg(unix)]
fn spawn_watchdog(flag: Arc<AtomicBool>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            // Keys come from standard input when it is the terminal (else from /dev/tty,
            // whose hangup the signals announce).
            let watch_input = std::io::IsTerminal::is_terminal(&std::io::stdin());
            while !flag.load(Ordering::Relaxed) {
                if watch_input && terminal_hung_up() {
                    // Ask the loop to quit too, in case it is still able to.
                    flag.store(true, Ordering::Relaxed);
                    break;
                }
                thread::sleep(Duration::from_millis(200));
            }
            thread::sleep(GRACE);
            // Best effort and silent: the terminal may be gone, and printing to it would
            // fail (and panic this thread instead of ending the process).
            let _ = crossterm::terminal::disable_raw_mode();
            let _ = crossterm::execute!(
                std::io::stdout(),
                crossterm::terminal::LeaveAlternateScreen,
                DisableMouseCapture,
                Show
            );
            std::process::exit(1);
        })
        .map(|_| ())
}

/// Whether the terminal on standard input has hung up (its window closed without a
/// signal reaching the reader).
#[cfg(unix)]
fn terminal_hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&zero)).is_ok()
        && fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

#[cfg(not(unix))]
fn install_signal_handlers() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    signal_hook::flag::register(SIGTERM, Arc::clone(flag(&STOP)))?;
    signal_hook::flag::register(SIGINT, Arc::clone(flag(&INTERRUPT)))?;
    Ok(())
}

/// Whether a caught signal asked the reader to quit.
pub fn stop_requested() -> bool {
    [&STOP, &INTERRUPT]
        .iter()
        .any(|cell| cell.get().is_some_and(|f| f.load(Ordering::Relaxed)))
}

/// Discard a SIGINT caught while another program had the terminal: a Ctrl-C typed into
/// the pager reaches warta too (one process group) but was meant for the pager.
pub fn forget_interrupt() {
    if let Some(f) = INTERRUPT.get() {
        f.store(false, Ordering::Relaxed);
    }
}

/// Replace the panic hook (including the one `ratatui::try_init` set): on the calling
/// thread, the interface thread, a panic restores the terminal, leaves mouse capture,
/// shows the cursor and prints [`crash_message`]; on any other thread the message is kept
/// for [`report_background_panics`].
pub fn install_panic_hook() {
    let ui = thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let what = panic_text(info.payload(), info.location());
        on_panic(ui, what);
    }));
}

fn on_panic(ui: ThreadId, what: String) {
    if thread::current().id() != ui {
        if let Ok(mut kept) = BACKGROUND.lock()
            && kept.len() < MAX_BACKGROUND
        {
            kept.push(format!(
                "warta: a background task failed: {what}; please report it"
            ));
        }
        return;
    }
    let message = format!("warta crashed: {what}; please report it");
    ratatui::restore();
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture, Show);
    eprintln!("{message}");
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        eprintln!("{}", std::backtrace::Backtrace::force_capture());
    }
}

/// Print the panics of worker threads kept while the reader ran, one line each.
pub fn report_background_panics() {
    let kept = match BACKGROUND.lock() {
        Ok(mut kept) => std::mem::take(&mut *kept),
        Err(_) => return,
    };
    for message in kept {
        eprintln!("{message}");
    }
}

/// The one line printed for a panic: what went wrong and where, and a request to report
/// it. The text is cleaned of terminal controls (a panic message may quote input text).
pub fn crash_message(payload: &(dyn Any + Send), location: Option<&Location<'_>>) -> String {
    format!(
        "warta crashed: {}; please report it",
        panic_text(payload, location)
    )
}

/// What a panic says and where, cleaned of terminal controls.
fn panic_text(payload: &(dyn Any + Send), location: Option<&Location<'_>>) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("an unknown error");
    let what = crate::text::sanitize_line(what);
    match location {
        Some(at) => format!(
            "{what} at {}:{}",
            crate::text::sanitize_line(at.file()),
            at.line()
        ),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crash_message_names_the_panic_and_the_place() {
        let here = Location::caller();
        let message = crash_message(&"index out of bounds", Some(here));
        assert_eq!(
            message,
            format!(
                "warta crashed: index out of bounds at {}:{}; please report it",
                here.file(),
                here.line()
            )
        );
        let owned: Box<dyn Any + Send> = Box::new(String::from("bad state"));
        assert_eq!(
            crash_message(owned.as_ref(), None),
            "warta crashed: bad state; please report it"
        );
        let other: Box<dyn Any + Send> = Box::new(42_u8);
        assert_eq!(
            crash_message(other.as_ref(), None),
            "warta crashed: an unknown error; please report it"
        );
    }

    #[test]
    fn the_crash_message_carries_no_terminal_control() {
        let payload: Box<dyn Any + Send> =
            Box::new(String::from("slice of `\u{1b}]52;c;SGk=\u{7}x\n\u{202e}y`"));
        let message = crash_message(payload.as_ref(), None);
        assert_eq!(message, "warta crashed: slice of `x y`; please report it");
    }

    #[test]
    fn worker_panics_are_kept_not_printed_over_the_screen() {
        let ui = thread::current().id();
        let worker = thread::spawn(move || on_panic(ui, "boom at x.rs:1".to_string()));
        assert!(worker.join().is_ok());
        let kept = BACKGROUND.lock().map(|k| k.clone()).unwrap_or_default();
        assert!(
            kept.iter()
                .any(|m| m == "warta: a background task failed: boom at x.rs:1; please report it"),
            "{kept:?}"
        );
    }
}
