//! The store writer: reading-state changes saved on a thread of their own, in the order
//! they were made, so a slow disk never holds up a frame. Each write's outcome comes back
//! as a [`Message::Saved`]; at the end every queued write is finished before the reader
//! quits.

use crate::store::{Store, StoreError};
use crate::tui::app::Message;
use crate::tui::command::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// The thread that saves reading-state changes, or the store itself when no thread could
/// be started (then each change is saved at once, on the caller's thread).
pub struct Writer {
    jobs: Option<Sender<Vec<Write>>>,
    answers: Receiver<Result<(), StoreError>>,
    thread: Option<JoinHandle<()>>,
    inline: Option<Store>,
}

impl Writer {
    /// Start saving to `store`.
    pub fn start(store: Store) -> Writer {
        let (jobs, queue) = mpsc::channel::<Vec<Write>>();
        let (answer, answers) = mpsc::channel();
        // The store goes to the thread once it runs, so a thread that cannot start leaves
        // it here to be written inline.
        let (hand_over, handed) = mpsc::channel::<Store>();
        let spawned = std::thread::Builder::new()
            .name("state-writer".into())
            .spawn(move || {
                let Ok(store) = handed.recv() else {
                    return;
                };
                for writes in queue {
                    // The receiver is gone only when the reader has quit without waiting.
                    let _ = answer.send(Write::apply_all(&writes, &store));
                }
            });
        match spawned {
            Ok(thread) => match hand_over.send(store) {
                Ok(()) => Writer {
                    jobs: Some(jobs),
                    answers,
                    thread: Some(thread),
                    inline: None,
                },
                Err(mpsc::SendError(store)) => Writer::inline(store, answers),
            },
            Err(_) => Writer::inline(store, answers),
        }
    }

    fn inline(store: Store, answers: Receiver<Result<(), StoreError>>) -> Writer {
        Writer {
            jobs: None,
            answers,
            thread: None,
            inline: Some(store),
        }
    }

    /// Queue a change; its outcome comes from [`Writer::answers`] (at once when written
    /// inline).
    pub fn save(&mut self, write: Write) -> Option<Message> {
        self.save_all(vec![write])
    }

    /// Queue changes to land together, in one transaction; one outcome comes from
    /// [`Writer::answers`] (at once when written inline).
    pub fn save_all(&mut self, writes: Vec<Write>) -> Option<Message> {
        if let Some(store) = &self.inline {
            return Some(Message::Saved(Write::apply_all(&writes, store)));
        }
        let jobs = self.jobs.as_ref()?;
        match jobs.send(writes) {
            Ok(()) => None,
            // The thread has stopped (it panicked) and took the store with it: say so once.
            Err(mpsc::SendError(_)) => {
                self.jobs = None;
                Some(Message::Notice(
                    "reading state not saved: the state writer stopped".into(),
                ))
            }
        }
    }

    /// The outcomes of the writes finished since the last call.
    pub fn answers(&self) -> Vec<Message> {
        self.answers.try_iter().map(Message::Saved).collect()
    }

    /// Finish every queued write, then stop the thread.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            // A panic in the writer was reported by the panic hook already.
            let _ = thread.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::command::Change;

    #[test]
    fn writes_land_in_order_and_are_all_done_at_the_end() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|source| StoreError::Io {
            path: "tempdir".into(),
            source,
        })?;
        let path = dir.path().join("state.sqlite3");
        let mut writer = Writer::start(Store::open(&path)?);
        for scroll in 1..=50 {
            let write = Write {
                key: "k".into(),
                change: Change::Scroll(scroll),
            };
            assert!(writer.save(write).is_none(), "queued, not written here");
        }
        writer.finish();
        let answers = writer.answers();
        assert_eq!(answers.len(), 50);
        assert!(answers.iter().all(|m| matches!(m, Message::Saved(Ok(())))));
        assert_eq!(Store::open(&path)?.get("k")?.scroll, 50);
        Ok(())
    }
}
