//! Replacing a ledger file so that a crash leaves either the old text or the new, never a
//! mix: the new text goes to a temporary file next to the real file (behind any symbolic
//! link), takes the old file's owner, group and mode, is synced, and is renamed over it;
//! then the folder is synced so that the rename itself survives a crash.
//!
//! The temporary file is `.NAME.kensho-PID.tmp`. An `add` killed between creating and
//! renaming it leaves it behind; [`remove_stale`] removes such files, under the ledger lock,
//! once their process is gone.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::destination::Destination;

/// The temporary file for replacing the file named `name`, by process `pid`.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.kensho-{pid}.tmp")
}

/// The process that made the temporary file named `name`, if it is one of kensho's.
fn temp_owner(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (file, pid) = inner.rsplit_once(".kensho-")?;
    if file.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` is running. Only Linux's `/proc` can tell without unsafe code;
/// elsewhere the answer is no, which is safe because this is asked only under the ledger
/// lock, when no `add` that takes the lock can be between writing and renaming.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}

/// Removes the temporary files in `dir` left by an `add` that was stopped before it
/// renamed them: those whose process is gone, and any bearing this process's id (it has
/// made none yet, so they are an earlier process's that had the same id). Returns what it
/// removed.
pub(super) fn remove_stale(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        // Never a link or a folder: only a file kensho itself could have made.
        if !entry.file_type()?.is_file() || (pid != std::process::id() && alive(pid)) {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed.push(entry.path()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    removed.sort();
    Ok(removed)
}

/// Replaces the destination's real file with `bytes`, or creates it.
pub(super) fn replace(destination: &Destination, bytes: &[u8]) -> std::io::Result<()> {
    let real = &destination.real;
    let dir = real.parent().unwrap_or(Path::new("."));
    let name = real
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(temp_name(&name, std::process::id()));
    let written = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        if destination.existing.is_some() {
            // Nobody else may read the text before it has the original's mode.
            restrict(&mut options);
        }
        let mut file = options.open(&temp)?;
        if let Some(meta) = &destination.existing {
            keep_owner(&file, meta);
            // After the owner: changing the owner may clear set-id bits.
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, real)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_folder(dir)
}

#[cfg(unix)]
fn restrict(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt as _;
    options.mode(0o600);
}

#[cfg(not(unix))]
fn restrict(_: &mut OpenOptions) {}

/// Gives `file` the owner and group of `original`, as far as this process may: only a
/// privileged process may give a file away, and others may set only a group they belong
/// to. What cannot be kept is not an error; a replaced file gets the writer's owner
/// whatever `add` does.
#[cfg(unix)]
fn keep_owner(file: &File, original: &std::fs::Metadata) {
    use std::os::unix::fs::{MetadataExt as _, fchown};
    let Ok(now) = file.metadata() else {
        return;
    };
    if (now.uid(), now.gid()) == (original.uid(), original.gid()) {
        return;
    }
    if fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
        let _ = fchown(file, None, Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &std::fs::Metadata) {}

/// Makes a rename in `dir` durable: until the folder is synced, a crash may lose it.
#[cfg(unix)]
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_their_process() {
        assert_eq!(temp_name("events.toml", 42), ".events.toml.kensho-42.tmp");
        assert_eq!(temp_owner(".events.toml.kensho-42.tmp"), Some(42));
        assert_eq!(temp_owner(".a.kensho-1.toml.kensho-7.tmp"), Some(7));
        for other in [
            "events.toml",
            ".events.toml.kensho-.tmp",
            ".events.toml.kensho-4x.tmp",
            ".events.toml.kensho-+4.tmp",
            "..kensho-4.tmp",
            ".events.toml.kensho-4.tmp~",
            ".kensho.lock",
        ] {
            assert_eq!(temp_owner(other), None, "{other}");
        }
    }

    #[test]
    fn stale_files_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().expect("temporary folder");
        // No process has an id this large (Linux allows at most 2^22).
        let stale = dir.path().join(temp_name("events.toml", 999_999_999));
        let own = dir
            .path()
            .join(temp_name("events.toml", std::process::id()));
        let live = dir.path().join(temp_name("events.toml", 1));
        let other = dir.path().join("notes.tmp");
        for path in [&stale, &own, &live, &other] {
            std::fs::write(path, "x").expect("write");
        }
        std::fs::create_dir(dir.path().join(temp_name("claims.toml", 999_999_999)))
            .expect("folder");
        let mut expected = vec![stale.clone(), own.clone()];
        if !cfg!(target_os = "linux") {
            expected.push(live.clone());
        }
        expected.sort();
        assert_eq!(remove_stale(dir.path()).expect("remove"), expected);
        assert!(!stale.exists() && !own.exists() && other.exists());
        if cfg!(target_os = "linux") {
            assert!(live.exists(), "process 1 is running");
        }
    }
}
