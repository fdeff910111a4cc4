//! A workspace: the ledger and claim files of one revision, loaded, checked and indexed.
//! Files come from folders on disk, from the copy compiled into the binary, or from git.

use std::path::{Path, PathBuf};

use crate::check;
use crate::claim::Claim;
use crate::claim::load::read_claim;
use crate::diagnostic::Diagnostic;
use crate::ledger::Ledger;
use crate::ledger::load::{LedgerParts, decode, parse_document, read_ledger_file};
use crate::source_file::SourceFiles;

/// A fatal problem reading files: kensho cannot go on without them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A folder or file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The ledger folder does not exist.
    #[error("no ledger folder at `{0}`")]
    NoLedger(PathBuf),
    /// No claim matches what was asked for.
    #[error("no claim `{0}`")]
    NoClaim(String),
    /// No claim is marked as the default.
    #[error("no default claim: name one, or mark one with `default = true`")]
    NoDefaultClaim,
}

/// One file's path and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// The path to show the user.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The files of one revision: ledger files and claim files, each sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// `*.toml` files of the ledger folder.
    pub ledger: Vec<TreeFile>,
    /// `*.toml` files of the claims folder (or the one claim file named).
    pub claims: Vec<TreeFile>,
}

/// The `*.toml` files directly in `dir`, sorted by name; a missing folder has none.
pub fn read_toml_files(dir: &Path) -> Result<Vec<TreeFile>, Error> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read_err(e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(read_err)?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            Ok(TreeFile { path, bytes })
        })
        .collect()
}

impl Tree {
    /// Reads a ledger folder and a claims folder.
    pub fn read(ledger: &Path, claims: &Path) -> Result<Tree, Error> {
        if !ledger.is_dir() {
            return Err(Error::NoLedger(ledger.to_path_buf()));
        }
        Ok(Tree {
            ledger: read_toml_files(ledger)?,
            claims: read_toml_files(claims)?,
        })
    }
}

/// A loaded, checked revision.
#[derive(Debug)]
pub struct Workspace {
    /// Every file read, for locating diagnostics.
    pub files: SourceFiles,
    /// The ledger.
    pub ledger: Ledger,
    /// The claims that could be read.
    pub claims: Vec<Claim>,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// Loads and checks a tree.
    pub fn load(tree: &Tree) -> Workspace {
        let mut files = SourceFiles::default();
        let mut diagnostics = Vec::new();
        let mut parts = LedgerParts::default();
        for file in &tree.ledger {
            let (id, text) = add(&mut files, file, &mut diagnostics);
            if let Some(document) = parse_document(id, text, &mut diagnostics) {
                read_ledger_file(id, document, &mut parts, &mut diagnostics);
            }
        }
        let mut claims = Vec::new();
        for file in &tree.claims {
            let (id, text) = add(&mut files, file, &mut diagnostics);
            if text.trim().is_empty() {
                continue;
            }
            if let Some(document) = parse_document(id, text, &mut diagnostics) {
                claims.extend(read_claim(id, document, &mut diagnostics));
            }
        }
        let ledger = Ledger::new(parts);
        diagnostics.extend(check::run(&check::Context {
            ledger: &ledger,
            claims: &claims,
        }));
        sort(&mut diagnostics);
        Workspace {
            files,
            ledger,
            claims,
            diagnostics,
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        Diagnostic::any_error(&self.diagnostics)
    }

    /// The claim with this id, or the default claim when `name` is `None`.
    pub fn claim(&self, name: Option<&str>) -> Result<&Claim, Error> {
        match name {
            Some(name) => self
                .claims
                .iter()
                .find(|c| c.id == name)
                .ok_or_else(|| Error::NoClaim(name.to_owned())),
            None => self
                .claims
                .iter()
                .find(|c| c.default)
                .or(match self.claims.as_slice() {
                    [only] => Some(only),
                    _ => None,
                })
                .ok_or(Error::NoDefaultClaim),
        }
    }
}

/// Adds a file's decoded text to `files` and returns its id and text. The text is copied
/// back out of `files` so that parsing can borrow it while `files` stays untouched.
fn add<'a>(
    files: &'a mut SourceFiles,
    file: &TreeFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> (crate::source_file::FileId, &'a str) {
    let next = files.next_id();
    let (text, _) = decode(next, &file.bytes, diagnostics);
    let id = files.add(&file.path, text);
    let text = files.get(id).map_or("", |f| f.text.as_str());
    (id, text)
}

/// Sorts diagnostics by file, then position, then code, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.map(|s| (s.file, s.start)), d.code, d.message.clone()));
}
