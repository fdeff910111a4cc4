//! Which files `add` may write: the ones the ledger reads. That is a `*.toml` file directly
//! in the ledger folder, named after `..` and folder links are resolved; when it exists, a
//! regular file with a single link and write permission, and when it is a symbolic link, one
//! whose target is itself a `*.toml` file inside the ledger folder (written through, so the
//! link stays a link). Anything else is refused before a byte is written.

use std::path::{Path, PathBuf};

/// Why `add` will not write a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The path ends in `..` or is a root: it names no file.
    #[error("it names no file")]
    NoName,
    /// The path is a folder.
    #[error("it is a folder")]
    Folder,
    /// A device, pipe or socket.
    #[error("it is not a regular file")]
    NotRegular,
    /// Not directly in the ledger folder, where the loader reads files.
    #[error("it is not in the ledger folder `{}`, so the ledger would never read it", .0.display())]
    Outside(PathBuf),
    /// Not a `*.toml` file.
    #[error("the ledger reads only `*.toml` files")]
    NotToml,
    /// A symbolic link to a file outside the ledger folder.
    #[error("it links to `{}`, outside the ledger folder `{}`", .target.display(), .ledger.display())]
    LinksOutside {
        /// Where the link leads.
        target: PathBuf,
        /// The ledger folder.
        ledger: PathBuf,
    },
    /// A symbolic link to something that is not a `*.toml` file.
    #[error("it links to `{}`, which is not a `.toml` file", .0.display())]
    LinksToNonToml(PathBuf),
    /// A symbolic link to nothing.
    #[error("it is a link to `{}`, which does not exist", .0.display())]
    Dangling(PathBuf),
    /// A file with other hard links: replacing it would cut them.
    #[error(
        "it has {0} hard links, and replacing it would cut them (make it a file of its own, \
         e.g. with `cp`, or a symbolic link, which `add` writes through)"
    )]
    HardLinks(u64),
    /// A file without write permission.
    #[error("the file is read-only")]
    ReadOnly,
}

/// A file `add` may write.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The file as the ledger names it: the ledger folder joined with the file name.
    pub path: PathBuf,
    /// The file written: the final target of any symbolic links, or, for a new file, the
    /// name in the ledger folder with every link of the folder resolved.
    pub real: PathBuf,
    /// The real file's metadata (owner, group, mode), or `None` for a new file.
    pub existing: Option<std::fs::Metadata>,
}

/// What went wrong resolving a destination.
#[derive(Debug)]
pub(crate) enum Problem {
    /// The file may not be written, for this reason.
    Refused(Refusal),
    /// The file system could not answer.
    Io(std::io::Error),
}

impl From<std::io::Error> for Problem {
    fn from(e: std::io::Error) -> Problem {
        Problem::Io(e)
    }
}

/// Checks that `file` is one the ledger in `ledger_dir` reads and `add` may write.
pub(crate) fn resolve(ledger_dir: &Path, file: &Path) -> Result<Destination, Problem> {
    let refuse = |why| Err(Problem::Refused(why));
    let Some(name) = file.file_name() else {
        return refuse(Refusal::NoName);
    };
    let existing = match std::fs::symlink_metadata(file) {
        Ok(link) if link.file_type().is_symlink() => match std::fs::metadata(file) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return refuse(Refusal::Dangling(std::fs::read_link(file)?));
            }
            Err(e) => return Err(e.into()),
        },
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return refuse(Refusal::Folder);
        }
        if !meta.is_file() {
            return refuse(Refusal::NotRegular);
        }
    }
    let ledger = ledger_dir.canonicalize()?;
    let parent = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if parent.canonicalize().ok().as_ref() != Some(&ledger) {
        return refuse(Refusal::Outside(ledger_dir.to_path_buf()));
    }
    if !is_toml(Path::new(name)) {
        return refuse(Refusal::NotToml);
    }
    let path = ledger_dir.join(name);
    let Some(meta) = existing else {
        return Ok(Destination {
            path,
            real: ledger.join(name),
            existing: None,
        });
    };
    let real = file.canonicalize()?;
    if !real.starts_with(&ledger) {
        return refuse(Refusal::LinksOutside {
            target: real,
            ledger: ledger_dir.to_path_buf(),
        });
    }
    if !is_toml(&real) {
        return refuse(Refusal::LinksToNonToml(real));
    }
    let links = link_count(&meta);
    if links > 1 {
        return refuse(Refusal::HardLinks(links));
    }
    if meta.permissions().readonly() {
        return refuse(Refusal::ReadOnly);
    }
    Ok(Destination {
        path,
        real,
        existing: Some(meta),
    })
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

#[cfg(unix)]
fn link_count(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &std::fs::Metadata) -> u64 {
    1
}
