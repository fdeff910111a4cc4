//! The ledger lock: one `add` at a time reads, validates and writes a ledger.
//!
//! The lock is an exclusive advisory lock (`flock` on Unix) on `.kensho.lock` inside the
//! ledger folder. The file exists only while an `add` holds it: the holder removes it before
//! letting go, so a ledger at rest has no trace of it and a refused `add` changes nothing.
//! Removing a lock file while others wait on it is safe only because every waiter, once it
//! holds the lock, checks that the file it locked is still the one the name points to, and
//! starts again if not. A `.kensho.lock` left behind by a killed `add` locks nothing (the
//! system drops a dead process's locks); the next `add` takes it over and removes it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock file's name inside the ledger folder; the loader reads only `*.toml` files, so
/// it never sees it.
pub(crate) const LOCK_FILE: &str = ".kensho.lock";

/// An exclusive hold on a ledger folder, released (and its file removed) when dropped.
#[derive(Debug)]
pub(crate) struct LedgerLock {
    /// The lock file.
    path: PathBuf,
    /// The open lock file; the lock lives as long as it is open.
    file: File,
}

impl LedgerLock {
    /// Waits until no other `add` holds the ledger in `ledger_dir`, then holds it.
    pub(crate) fn acquire(ledger_dir: &Path) -> std::io::Result<LedgerLock> {
        let path = ledger_dir.join(LOCK_FILE);
        loop {
            // Never follow a link or lock a folder planted under the lock's name: that
            // would create or lock a file outside the ledger.
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if !meta.is_file() => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "something other than a regular file has the lock file's name",
                    ));
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            file.lock()?;
            // The holder before us removes the file as it lets go; a lock on a file that
            // no longer has the name excludes nobody, so start again with the new one.
            if still_named(&file, &path)? {
                return Ok(LedgerLock { path, file });
            }
        }
    }
}

impl Drop for LedgerLock {
    fn drop(&mut self) {
        // Removed while still held, so that nobody can lock this file after it is gone
        // and believe it holds the ledger; waiters notice and open a new one.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file`.
fn still_named(file: &File, path: &Path) -> std::io::Result<bool> {
    let held = file.metadata()?;
    let named = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    Ok(same_file(&held, &named))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    // Elsewhere an open file cannot be removed, so the name always points at it.
    b.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_is_gone_once_released_and_a_leftover_is_taken_over() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let lock = LedgerLock::acquire(dir.path()).expect("lock");
        assert!(dir.path().join(LOCK_FILE).is_file());
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
        // A file left by a killed `add` holds no lock.
        std::fs::write(dir.path().join(LOCK_FILE), "").expect("leftover");
        drop(LedgerLock::acquire(dir.path()).expect("lock"));
        assert!(!dir.path().join(LOCK_FILE).exists());
    }

    #[test]
    fn a_second_holder_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let first = LedgerLock::acquire(dir.path()).expect("lock");
        let (sent, received) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let second = LedgerLock::acquire(&path).expect("lock");
            sent.send(()).expect("send");
            drop(second);
        });
        let waited = received.recv_timeout(std::time::Duration::from_millis(200));
        assert!(waited.is_err(), "the second holder did not wait");
        drop(first);
        received
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the second holder got the lock");
        waiter.join().expect("join");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_under_the_lock_name_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let outside = tempfile::tempdir().expect("temporary folder");
        std::os::unix::fs::symlink(outside.path().join("x"), dir.path().join(LOCK_FILE))
            .expect("link");
        assert!(LedgerLock::acquire(dir.path()).is_err());
        assert!(!outside.path().join("x").exists());
    }
}
