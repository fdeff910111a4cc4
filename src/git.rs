//! One side of a `diff`: the ledger and claim files of a git revision, read straight from the
//! object store (no checkout, so a shallow clone works once the revision is fetched), of a
//! folder holding `evidence/` and `claims/`, or of the working tree.
//!
//! A revision's folders are resolved as a checkout would resolve them ([`tree`]): symbolic
//! links are followed within the revision's own tree, and a link leading outside the
//! repository, a submodule, or a link to nothing is refused, never read as empty. Every
//! file's size comes from the folder's listing and is checked against the loader's limit
//! before any file is read ([`store`]).

mod store;
pub(crate) mod tree;

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::source_file::MAX_FILE_LEN;
use crate::workspace::{self, Tree, TreeFile, read_toml_files};

use store::Store;
use tree::{Found, Kind, Link, Lookup as _, resolve};

/// A problem reading a revision.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// `git` could not be started.
    #[error("cannot run `git`: {0}")]
    Spawn(std::io::Error),
    /// The name is not a folder, and git does not know it as a commit.
    #[error(
        "`{0}` is neither a folder nor a git revision here (in a shallow clone, fetch it first, \
         e.g. `git fetch --deepen=1` or `git fetch origin <branch>`)"
    )]
    UnknownRevision(String),
    /// A git command failed.
    #[error("`git {command}` failed: {stderr}")]
    Git {
        /// The command, without the leading `git`.
        command: String,
        /// What git said.
        stderr: String,
    },
    /// A folder given for the ledger or claims is absolute; inside a revision it must be
    /// relative.
    #[error("`{0}` must be a relative path to compare revisions")]
    AbsolutePath(PathBuf),
    /// A file of a folder could not be read, or is too large to read.
    #[error(transparent)]
    Read(#[from] workspace::Error),
    /// A path in a revision leads outside the repository: through a symbolic link to an
    /// absolute path or above the repository's root, or by a `..` of its own.
    #[error(
        "`{path}` leads outside the repository{}; kensho reads a revision only from its own files",
        .link.as_ref().map(|l| format!(": {l}")).unwrap_or_default()
    )]
    Outside {
        /// The path, as shown (`REV:evidence`).
        path: String,
        /// The link that leads out; `None` when the path itself does.
        link: Option<Link>,
    },
    /// A path in a revision is, or lies in, a submodule: its files are another
    /// repository's objects, which this one does not hold.
    #[error(
        "`{path}` {}: a submodule's files are not among this repository's objects, so kensho \
         cannot read them at a revision; compare two folders instead",
        .submodule.as_ref().map_or("is a submodule".to_owned(), |s| format!("lies in submodule `{s}`"))
    )]
    Submodule {
        /// The path, as shown.
        path: String,
        /// The submodule's path from the repository's root; `None` when it is the path
        /// itself.
        submodule: Option<String>,
    },
    /// A symbolic link on the way points to something missing.
    #[error("`{path}` leads nowhere: {link}, which the revision does not have")]
    Dangling {
        /// The path, as shown.
        path: String,
        /// The link.
        link: Link,
    },
    /// Too many symbolic links on the way.
    #[error(
        "`{path}` does not resolve: more than {} symbolic links on the way, likely a loop",
        tree::MAX_LINKS
    )]
    LinkLoop {
        /// The path, as shown.
        path: String,
    },
    /// A path goes through a file as if it were a folder, or names a file where a folder
    /// is needed.
    #[error("`{path}` is not a folder: `{file}` is a file")]
    NotAFolder {
        /// The path, as shown.
        path: String,
        /// The file, from the repository's root.
        file: String,
    },
}

/// Where one side of a diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Revision {
    /// A commit, as the user named it and as git resolved it.
    Commit {
        /// The name given: `HEAD~1`, `origin/main`, a hash.
        name: String,
        /// The full commit hash it resolved to.
        commit: String,
    },
    /// A folder holding the ledger and claims folders.
    Folder(PathBuf),
    /// The files on disk in the working folder.
    WorkingTree,
}

impl Revision {
    /// Resolves a name given on the command line. An existing folder (relative to `dir`) is
    /// read as a folder; anything else must be a commit git knows in `dir`.
    pub(crate) fn resolve(dir: &Path, name: &str) -> Result<Revision, Error> {
        if dir.join(name).is_dir() {
            return Ok(Revision::Folder(PathBuf::from(name)));
        }
        // A name starting with `-` would be read by git as an option.
        if name.is_empty() || name.starts_with('-') {
            return Err(Error::UnknownRevision(name.to_owned()));
        }
        let spec = format!("{name}^{{commit}}");
        let out = git(dir, &["rev-parse", "--verify", "--quiet", &spec])?;
        let commit = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if !out.status.success() || commit.is_empty() {
            return Err(Error::UnknownRevision(name.to_owned()));
        }
        Ok(Revision::Commit {
            name: name.to_owned(),
            commit,
        })
    }

    /// How the revision is named in output.
    pub(crate) fn name(&self) -> String {
        match self {
            Revision::Commit { name, .. } => name.clone(),
            Revision::Folder(path) => path.display().to_string(),
            Revision::WorkingTree => "working tree".to_owned(),
        }
    }

    /// Reads the `*.toml` files directly in the `ledger` and `claims` folders (paths relative
    /// to the revision's root; `dir` is the working folder). A folder the revision lacks has
    /// no files. File paths are shown as `REV:path` for commits, and relative to `dir`
    /// otherwise.
    pub(crate) fn read(&self, dir: &Path, ledger: &Path, claims: &Path) -> Result<Tree, Error> {
        for folder in [ledger, claims] {
            if folder.is_absolute() {
                return Err(Error::AbsolutePath(folder.to_path_buf()));
            }
        }
        match self {
            Revision::Commit { name, commit } => {
                let mut store = Store::new(dir);
                let prefix = checked(dir, &["rev-parse", "--show-prefix"])?;
                let at = Commit {
                    name,
                    commit,
                    prefix: prefix.trim_ascii_end(),
                };
                Ok(Tree {
                    ledger: at.read_folder(&mut store, ledger)?,
                    claims: at.read_folder(&mut store, claims)?,
                })
            }
            Revision::Folder(root) => Ok(Tree {
                ledger: read_folder(dir, &root.join(ledger))?,
                claims: read_folder(dir, &root.join(claims))?,
            }),
            Revision::WorkingTree => Ok(Tree {
                ledger: read_folder(dir, ledger)?,
                claims: read_folder(dir, claims)?,
            }),
        }
    }
}

/// The `*.toml` files of `dir/folder`, shown as `folder/name`. A folder that is a symbolic
/// link to nothing is refused, as in a revision, rather than read as empty.
fn read_folder(dir: &Path, folder: &Path) -> Result<Vec<TreeFile>, Error> {
    let path = dir.join(folder);
    if let (Ok(link), false) = (std::fs::read_link(&path), path.exists()) {
        return Err(Error::Dangling {
            path: shown(folder),
            link: Link {
                path: shown(folder),
                target: link.display().to_string(),
            },
        });
    }
    let mut files = read_toml_files(&path)?;
    for file in &mut files {
        if let Ok(shown) = file.path.strip_prefix(dir) {
            file.path = shown.to_path_buf();
        }
    }
    Ok(files)
}

/// A path as messages show it: `/`-separated, without `.` components.
fn shown(path: &Path) -> String {
    let names: Vec<String> = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    names.join("/")
}

/// A commit being read.
struct Commit<'a> {
    /// The name the user gave it.
    name: &'a str,
    /// Its full hash.
    commit: &'a str,
    /// The working folder's path from the repository's root (`sub/dir/`, or empty), as
    /// `git rev-parse --show-prefix` prints it: the folders given are relative to it.
    prefix: &'a [u8],
}

impl Commit<'_> {
    /// The `*.toml` files directly in `folder` (relative to the working folder) at this
    /// commit, sorted by name and shown as `REV:folder/name`. Links are followed within the
    /// revision; a folder the revision lacks has no files. Every size is checked before any
    /// file is read: a file too large is refused without reading it, or the others.
    fn read_folder(&self, store: &mut Store<'_>, folder: &Path) -> Result<Vec<TreeFile>, Error> {
        let folder_shown = shown(folder);
        let shown_in = |name: &[u8]| -> String {
            let name = String::from_utf8_lossy(name);
            match folder_shown.as_str() {
                "" => format!("{}:{name}", self.name),
                folder => format!("{}:{folder}/{name}", self.name),
            }
        };
        let here = format!("{}:{folder_shown}", self.name);
        let mut path: Vec<Vec<u8>> = (self.prefix.split(|&b| b == b'/'))
            .map(<[u8]>::to_vec)
            .collect();
        path.extend(
            folder
                .components()
                .map(|c| c.as_os_str().as_encoded_bytes().to_vec()),
        );
        let (oid, real) = match resolve(store, self.commit, &path, &here)? {
            Found::Folder { oid, real } => (oid, real),
            Found::Nothing => return Ok(Vec::new()),
            Found::File(_) => {
                return Err(Error::NotAFolder {
                    file: folder_shown.clone(),
                    path: here,
                });
            }
            Found::Submodule(at) => {
                return Err(Error::Submodule {
                    path: here,
                    submodule: (at != folder_shown).then_some(at),
                });
            }
        };
        let mut files = Vec::new();
        for entry in store.list(&oid)?.to_vec() {
            if !entry.name.ends_with(b".toml") {
                continue;
            }
            let file = match entry.kind {
                Kind::File => entry,
                Kind::Link => {
                    let mut at = real.clone();
                    at.push(entry.name.clone());
                    match resolve(store, self.commit, &at, &shown_in(&entry.name))? {
                        // The name, as the folder gives it; the bytes, as the link leads to.
                        Found::File(target) => tree::Entry {
                            name: entry.name,
                            ..target
                        },
                        // Like a folder named `*.toml`, a link to one is not a file to read.
                        Found::Folder { .. } | Found::Submodule(_) | Found::Nothing => continue,
                    }
                }
                // Not files, as on disk.
                Kind::Folder | Kind::Submodule => continue,
            };
            files.push(file);
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let too_large = |size: Option<u64>| size.is_none_or(|s| s > MAX_FILE_LEN as u64);
        if let Some(file) = files.iter().find(|f| too_large(f.size)) {
            let path = PathBuf::from(shown_in(&file.name));
            return Err(workspace::Error::TooLarge(path).into());
        }
        files
            .into_iter()
            .map(|file| {
                let bytes = store.read_blob(&file.oid, file.size.unwrap_or_default())?;
                Ok(TreeFile::new(PathBuf::from(shown_in(&file.name)), bytes)?)
            })
            .collect()
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, Error> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(Error::Spawn)
}

/// Runs git and returns its standard output, or an error with what it said.
fn checked(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = git(dir, args)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Error::Git {
            command: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }
}
