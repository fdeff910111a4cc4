//! Where a command finds its ledger and claims: the folders `--ledger` and `--claims` name,
//! else `evidence/` and `claims/` in the working folder, else the copy built into the
//! binary ([`crate::embedded`]). The defaults are worked out here and nowhere else.
//!
//! Relative paths are taken from the working folder, which every function here is given
//! (`here`) rather than reading it from the process. Files are shown by the path the user
//! gave, so that diagnostics and errors name them as they were named; a file under the
//! working folder named by an absolute path is shown by its path from there.

use std::path::{Path, PathBuf};

use crate::embedded;
use crate::workspace::{Error, Tree, TreeFile, read_toml_files};

/// The ledger folder used when none is named.
pub const DEFAULT_LEDGER: &str = "evidence";

/// The claims folder used when none is named.
pub const DEFAULT_CLAIMS: &str = "claims";

/// The folders a command was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The ledger folder; `None` when not named.
    pub ledger: Option<PathBuf>,
    /// The claims folder; `None` when not named.
    pub claims: Option<PathBuf>,
}

/// A ledger folder and a claims folder, as named or by default, relative paths unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// The ledger folder.
    pub ledger: PathBuf,
    /// The claims folder.
    pub claims: PathBuf,
}

/// Where a command that reads the ledger and claims takes them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A ledger folder and a claims folder; a claims folder that does not exist has no
    /// claims.
    Folders(Folders),
    /// The built-in ledger, with the claims of this folder; `None` for the built-in claims.
    BuiltIn {
        /// The claims folder named, if any.
        claims: Option<PathBuf>,
    },
}

impl Location {
    /// The folders named, with the defaults for those that are not, and no built-in
    /// fallback: where `add` writes, and where `diff` looks inside each revision.
    pub fn folders(&self) -> Folders {
        Folders {
            ledger: (self.ledger.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_LEDGER)),
            claims: (self.claims.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_CLAIMS)),
        }
    }

    /// Where a command run in `here` reads: the ledger folder named, else `evidence/` when
    /// `here` has one, else the built-in ledger. With the built-in ledger come the built-in
    /// claims, unless a claims folder is named.
    pub fn resolve(&self, here: &Path) -> Resolved {
        let folders = self.folders();
        if self.ledger.is_some() || here.join(&folders.ledger).is_dir() {
            Resolved::Folders(folders)
        } else {
            Resolved::BuiltIn {
                claims: self.claims.clone(),
            }
        }
    }

    /// Reads the files a command run in `here` works on (see [`Location::resolve`]). A
    /// claim file, as [`claim_file`] tells one, replaces the claims folder.
    pub fn read(&self, here: &Path, claim: Option<&str>) -> Result<Tree, Error> {
        let mut tree = match self.resolve(here) {
            Resolved::Folders(folders) => {
                let ledger = here.join(&folders.ledger);
                let claims = here.join(&folders.claims);
                let mut tree = Tree::read(&ledger, &claims).map_err(|e| {
                    shown_error(e, &[(&ledger, &folders.ledger), (&claims, &folders.claims)])
                })?;
                rename(&mut tree.ledger, &ledger, &folders.ledger);
                rename(&mut tree.claims, &claims, &folders.claims);
                tree
            }
            Resolved::BuiltIn { claims } => {
                let mut tree = embedded::tree();
                if let Some(given) = claims {
                    let folder = here.join(&given);
                    tree.claims = read_toml_files(&folder)
                        .map_err(|e| shown_error(e, &[(&folder, &given)]))?;
                    rename(&mut tree.claims, &folder, &given);
                }
                tree
            }
        };
        if let Some(given) = claim.filter(|c| claim_file(here, c)) {
            let path = here.join(given);
            let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                path: PathBuf::from(given),
                source,
            })?;
            tree.claims = vec![TreeFile::new(PathBuf::from(given), bytes)?];
        }
        // Diagnostics show paths relative to the working folder when the files lie under it.
        for file in tree.ledger.iter_mut().chain(tree.claims.iter_mut()) {
            if !file.path.is_absolute() {
                continue;
            }
            if let Ok(relative) = file.path.strip_prefix(here) {
                file.path = relative.to_path_buf();
            }
        }
        Ok(tree)
    }
}

/// Whether a CLAIM argument names a claim file in `here`: a file has that path. Anything
/// else names a claim by its id, or is a claim typed as an expression.
pub fn claim_file(here: &Path, claim: &str) -> bool {
    here.join(claim).is_file()
}

/// `files`, read from `folder`, renamed to lie in `given`, the folder as the user named it.
fn rename(files: &mut [TreeFile], folder: &Path, given: &Path) {
    for file in files {
        if let Ok(name) = file.path.strip_prefix(folder) {
            file.path = given.join(name);
        }
    }
}

/// `error` with a path read from one of the `(folder, given)` folders renamed to lie in the
/// folder as the user named it; when one folder holds the other, the nearest one.
fn shown_error(error: Error, folders: &[(&Path, &Path)]) -> Error {
    let shown = |path: PathBuf| {
        let nearest = (folders.iter())
            .filter_map(|(folder, given)| Some((path.strip_prefix(folder).ok()?, given)))
            .min_by_key(|(rest, _)| rest.components().count());
        match nearest {
            Some((rest, given)) if rest.as_os_str().is_empty() => given.to_path_buf(),
            Some((rest, given)) => given.join(rest),
            None => path.clone(),
        }
    };
    match error {
        Error::Read { path, source } => Error::Read {
            path: shown(path),
            source,
        },
        Error::TooLarge(path) => Error::TooLarge(shown(path)),
        Error::NoLedger(path) => Error::NoLedger(shown(path)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
            std::fs::write(path, "").expect("write");
        }
        dir
    }

    fn named(ledger: Option<&str>, claims: Option<&str>) -> Location {
        Location {
            ledger: ledger.map(PathBuf::from),
            claims: claims.map(PathBuf::from),
        }
    }

    #[test]
    fn defaults_are_evidence_and_claims() {
        assert_eq!(
            Location::default().folders(),
            Folders {
                ledger: PathBuf::from("evidence"),
                claims: PathBuf::from("claims"),
            }
        );
        assert_eq!(
            named(Some("l"), None).folders(),
            Folders {
                ledger: PathBuf::from("l"),
                claims: PathBuf::from("claims"),
            }
        );
    }

    #[test]
    fn the_built_in_ledger_is_read_only_where_there_is_no_evidence_folder() {
        let empty = folder_with(&[]);
        assert_eq!(
            Location::default().resolve(empty.path()),
            Resolved::BuiltIn { claims: None }
        );
        assert_eq!(
            named(None, Some("c")).resolve(empty.path()),
            Resolved::BuiltIn {
                claims: Some(PathBuf::from("c"))
            }
        );
        let with = folder_with(&["evidence/a.toml"]);
        assert_eq!(
            Location::default().resolve(with.path()),
            Resolved::Folders(Location::default().folders())
        );
        // A ledger named is read even when it is missing, so that its absence is an error.
        assert_eq!(
            named(Some("nowhere"), None).resolve(empty.path()),
            Resolved::Folders(named(Some("nowhere"), None).folders())
        );
    }

    #[test]
    fn files_are_shown_as_named_and_a_claim_file_replaces_the_claims() {
        let dir = folder_with(&["evidence/a.toml", "claims/c.toml", "mine.toml"]);
        let tree = Location::default().read(dir.path(), None).expect("read");
        let paths =
            |files: &[TreeFile]| -> Vec<PathBuf> { files.iter().map(|f| f.path.clone()).collect() };
        assert_eq!(paths(&tree.ledger), [PathBuf::from("evidence/a.toml")]);
        assert_eq!(paths(&tree.claims), [PathBuf::from("claims/c.toml")]);
        let tree = (Location::default())
            .read(dir.path(), Some("mine.toml"))
            .expect("read");
        assert_eq!(paths(&tree.claims), [PathBuf::from("mine.toml")]);
        let tree = (named(Some("./evidence"), None))
            .read(dir.path(), None)
            .expect("read");
        assert_eq!(paths(&tree.ledger), [PathBuf::from("./evidence/a.toml")]);
        let absolute = dir.path().join("evidence").display().to_string();
        let tree = (named(Some(&absolute), None))
            .read(dir.path(), Some("c"))
            .expect("read");
        assert_eq!(paths(&tree.ledger), [PathBuf::from("evidence/a.toml")]);
        assert_eq!(paths(&tree.claims), [PathBuf::from("claims/c.toml")]);
    }

    #[test]
    fn folders_that_cannot_be_read_are_named_as_given() {
        let dir = folder_with(&[]);
        match named(Some("nowhere"), None).read(dir.path(), None) {
            Err(Error::NoLedger(path)) => assert_eq!(path, Path::new("nowhere")),
            other => panic!("expected NoLedger, got {other:?}"),
        }
        // A claims "folder" that is a file cannot be listed; it is named as given, `./` kept,
        // whichever ledger comes with it.
        let with = folder_with(&["evidence/a.toml", "file.toml"]);
        let without = folder_with(&["file.toml"]);
        for (here, ledger, given) in [
            (with.path(), Some("evidence"), "./file.toml"),
            (with.path(), None, "file.toml"),
            (without.path(), None, "./file.toml"),
        ] {
            let location = named(ledger, Some(given));
            match location.read(here, None) {
                Err(Error::Read { path, .. }) => assert_eq!(path, Path::new(given)),
                other => panic!("expected Read, got {other:?}"),
            }
        }
    }
}
