//! Writing a site into its folder, and nowhere else. Each page's path must be a plain path
//! below the folder (no `..`, no root, no drive); a folder on the way that is a symbolic
//! link, or a page that is one, is refused rather than followed, so that a link planted in
//! the output cannot carry a write outside it. Each file is written to a new temporary file
//! beside it, then renamed over it, so that a reader never sees half a page.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::site::Page;

/// Why a site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A page's path is not a plain path below the folder.
    #[error("`{0}` is not a path inside the site's folder")]
    Escapes(PathBuf),
    /// A page or a folder on its way is a symbolic link.
    #[error("`{0}` is a symbolic link; kensho writes a site through no link")]
    Link(PathBuf),
    /// Something other than a folder stands where a folder must be, or a folder where a page
    /// goes.
    #[error("`{0}` is in the way: a {1} is needed there")]
    InTheWay(PathBuf, &'static str),
    /// Reading or writing failed; the cause is the error's source.
    #[error("cannot write `{path}`")]
    Io {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What stands at `path`, without following a link there: `None` when nothing does.
fn standing(path: &Path) -> Result<Option<std::fs::FileType>, Error> {
    match std::fs::symlink_metadata(path) {
        Ok(m) => Ok(Some(m.file_type())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

/// Writes `pages` into `dir`, creating it and the folders below it as needed; the paths
/// written, in the order of `pages`. Every path is checked before anything is written, so
/// that a refused one leaves the folder as it was.
pub fn write(dir: &Path, pages: &[Page]) -> Result<Vec<PathBuf>, Error> {
    for page in pages {
        place(dir, page, false)?;
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::with_capacity(pages.len());
    for page in pages {
        let (folder, path) = place(dir, page, true)?;
        replace(&folder, &path, page.text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Where `page` goes in `dir`: its folder and its path, refused when it leaves `dir` or
/// passes through a link; with `create`, the missing folders on its way are made.
fn place(dir: &Path, page: &Page, create: bool) -> Result<(PathBuf, PathBuf), Error> {
    let parts: Vec<&std::ffi::OsStr> = (page.path.components())
        .map(|c| match c {
            Component::Normal(part) => Ok(part),
            _ => Err(Error::Escapes(page.path.clone())),
        })
        .collect::<Result<_, _>>()?;
    let Some((file, folders)) = parts.split_last() else {
        return Err(Error::Escapes(page.path.clone()));
    };
    let mut at = dir.to_path_buf();
    for folder in folders {
        at.push(folder);
        match standing(&at)? {
            None if create => std::fs::create_dir(&at).map_err(io(&at))?,
            None => {}
            Some(t) if t.is_symlink() => return Err(Error::Link(at)),
            Some(t) if t.is_dir() => {}
            Some(_) => return Err(Error::InTheWay(at, "folder")),
        }
    }
    let path = at.join(file);
    match standing(&path)? {
        Some(t) if t.is_symlink() => Err(Error::Link(path)),
        Some(t) if t.is_dir() => Err(Error::InTheWay(path, "file")),
        _ => Ok((at, path)),
    }
}

/// Writes `bytes` to a new file in `folder`, then renames it to `path`; the new file is
/// removed when anything fails.
fn replace(folder: &Path, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temporary = folder.join(format!(
        ".{}.kensho-{}",
        name.unwrap_or_default(),
        std::process::id()
    ));
    // `create_new` refuses whatever stands there, a link included: it follows none.
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(io(path)(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> Page {
        Page {
            path: PathBuf::from(path),
            text: "x".to_owned(),
        }
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused_and_nothing_is_written_for_them() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let out = dir.path().join("site");
        for bad in ["../x.html", "/tmp/x.html", "a/../../x.html", "", "."] {
            let result = write(&out, &[page(bad)]);
            assert!(
                matches!(result, Err(Error::Escapes(_))),
                "{bad}: {result:?}"
            );
        }
        assert!(!dir.path().join("x.html").exists());
        let written = write(&out, &[page("index.html"), page("verdicts/a.html")]);
        assert_eq!(
            written.ok(),
            Some(vec![out.join("index.html"), out.join("verdicts/a.html")])
        );
        assert_eq!(
            std::fs::read_to_string(out.join("verdicts/a.html"))
                .ok()
                .as_deref(),
            Some("x")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_folder_are_not_followed() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).ok();
        std::fs::write(outside.join("index.html"), "mine").ok();
        let out = dir.path().join("site");
        std::fs::create_dir(&out).ok();
        std::os::unix::fs::symlink(&outside, out.join("verdicts")).ok();
        std::os::unix::fs::symlink(outside.join("index.html"), out.join("index.html")).ok();
        let result = write(&out, &[page("verdicts/a.html")]);
        assert!(matches!(result, Err(Error::Link(_))), "{result:?}");
        let result = write(&out, &[page("index.html")]);
        assert!(matches!(result, Err(Error::Link(_))), "{result:?}");
        assert!(!outside.join("a.html").exists());
        assert_eq!(
            std::fs::read_to_string(outside.join("index.html"))
                .ok()
                .as_deref(),
            Some("mine")
        );
    }
}
