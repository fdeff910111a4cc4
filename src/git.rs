//! One side of a `diff`: the ledger and claim files of a git revision, read straight from the
//! object store with `git ls-tree` and `git show` (no checkout, so a shallow clone works once
//! the revision is fetched), of a folder holding `evidence/` and `claims/`, or of the working
//! tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::workspace::{self, Tree, TreeFile, read_toml_files};

/// A problem reading a revision.
#[derive(Debug, thiserror::Error)]
pub enum Error {
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
    /// A file of a folder could not be read.
    #[error(transparent)]
    Read(#[from] workspace::Error),
}

/// Where one side of a diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revision {
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
    pub fn resolve(dir: &Path, name: &str) -> Result<Revision, Error> {
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
    pub fn name(&self) -> String {
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
    pub fn read(&self, dir: &Path, ledger: &Path, claims: &Path) -> Result<Tree, Error> {
        for folder in [ledger, claims] {
            if folder.is_absolute() {
                return Err(Error::AbsolutePath(folder.to_path_buf()));
            }
        }
        match self {
            Revision::Commit { name, commit } => Ok(Tree {
                ledger: read_commit_folder(dir, name, commit, ledger)?,
                claims: read_commit_folder(dir, name, commit, claims)?,
            }),
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

/// The `*.toml` files of `dir/folder`, shown as `folder/name`.
fn read_folder(dir: &Path, folder: &Path) -> Result<Vec<TreeFile>, Error> {
    let mut files = read_toml_files(&dir.join(folder))?;
    for file in &mut files {
        if let Ok(shown) = file.path.strip_prefix(dir) {
            file.path = shown.to_path_buf();
        }
    }
    Ok(files)
}

/// The `*.toml` blobs directly in `folder` at `commit`, sorted by path.
fn read_commit_folder(
    dir: &Path,
    name: &str,
    commit: &str,
    folder: &Path,
) -> Result<Vec<TreeFile>, Error> {
    // A trailing slash lists the folder's entries rather than the folder itself.
    let pathspec = format!("{}/", folder.display());
    let listing = checked(
        dir,
        &[
            "--literal-pathspecs",
            "ls-tree",
            "-z",
            commit,
            "--",
            &pathspec,
        ],
    )?;
    let mut paths = toml_blobs(&listing);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            // `./` makes the path relative to the working folder, as `ls-tree` printed it.
            let bytes = checked(dir, &["show", &format!("{commit}:./{path}")])?;
            Ok(TreeFile::new(
                PathBuf::from(format!("{name}:{path}")),
                bytes,
            )?)
        })
        .collect()
}

/// The paths of regular `*.toml` files in `git ls-tree -z` output.
fn toml_blobs(listing: &[u8]) -> Vec<String> {
    listing
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let entry = std::str::from_utf8(entry).ok()?;
            let (meta, path) = entry.split_once('\t')?;
            let mut meta = meta.split(' ');
            let mode = meta.next()?;
            let kind = meta.next()?;
            let regular = kind == "blob" && (mode == "100644" || mode == "100755");
            (regular && path.ends_with(".toml")).then(|| path.to_owned())
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_toml_files_are_listed() {
        let listing = b"100644 blob aaaa\tevidence/a.toml\0\
                        100644 blob bbbb\tevidence/notes.md\0\
                        040000 tree cccc\tevidence/sub.toml\0\
                        120000 blob dddd\tevidence/link.toml\0\
                        100755 blob eeee\tevidence/b c.toml\0";
        assert_eq!(
            toml_blobs(listing),
            vec!["evidence/a.toml".to_owned(), "evidence/b c.toml".to_owned()]
        );
    }
}
