//! The ledger with an addition, worked out from the ledger already read: only the appended
//! text is parsed, and the checks run over the ledger with it. The result is the workspace
//! that loading and checking the files with the addition would give, the same diagnostics
//! in the same order (a test compares the two over many mutated additions), at the cost of
//! one parse of the ledger and, unless the ledger with the addition has errors to tell
//! apart, one run of the checks.

use crate::check;
use crate::diagnostic::Diagnostic;
use crate::ledger::load::read_appended;
use crate::ledger::{Ledger, LedgerParts};
use crate::source_file::{FileId, Span};
use crate::workspace::{Tree, Workspace, sort};

/// A workspace whose files were read but not yet checked.
#[derive(Debug)]
pub struct Loaded {
    /// The workspace; its diagnostics are those of reading the files.
    pub workspace: Workspace,
}

impl Loaded {
    /// Reads `tree`, as [`Workspace::read`] does.
    pub fn read(tree: Tree) -> Loaded {
        Loaded {
            workspace: Workspace::read(tree),
        }
    }

    /// Whether the ledger file `file` was read without a single diagnostic, so that text
    /// appended to it can be read on its own.
    pub fn read_cleanly(&self, file: FileId) -> bool {
        !(self.workspace.diagnostics.iter()).any(|d| d.span.is_some_and(|s| s.file == file))
    }

    /// The workspace checked, as [`Workspace::load`] gives it.
    pub fn check(self) -> Workspace {
        let mut workspace = self.workspace;
        workspace.check();
        workspace
    }
}

/// The workspace with each `(file, text)`: a ledger file of the workspace and its new text,
/// which is its old text with more appended; checked. `Err` with the workspace as it was
/// when a file was not read cleanly (see [`Loaded::read_cleanly`]) or an appended part
/// cannot be read on its own (see [`read_appended`]): the files must then be loaded whole.
pub fn extend(loaded: Loaded, appended: Vec<(FileId, String)>) -> Result<Extended, Box<Loaded>> {
    // Everything appended is read before the ledger is taken apart, so that it can be
    // handed back untouched.
    let mut more = Vec::new();
    let mut read = Vec::new();
    for (file, text) in &appended {
        let mut parts = LedgerParts::default();
        let before = match loaded.workspace.files.get(*file) {
            Some(f) if loaded.read_cleanly(*file) => f.text_len(),
            _ => return Err(Box::new(loaded)),
        };
        if !read_appended(*file, text, before, &mut parts, &mut read) {
            return Err(Box::new(loaded));
        }
        more.push((*file, parts));
    }
    let Workspace {
        mut files,
        ledger,
        claims,
        mut diagnostics,
    } = loaded.workspace;
    let mut parts = ledger.into_parts();
    for (file, part) in more {
        insert(&mut parts, file, part);
    }
    for (file, text) in appended {
        files.set_text(file, text);
    }
    diagnostics.extend(read);
    sort(&mut diagnostics);
    let read = diagnostics.clone();
    let mut workspace = Workspace {
        files,
        ledger: Ledger::new(parts),
        claims,
        diagnostics,
    };
    workspace.check();
    Ok(Extended { workspace, read })
}

/// What [`extend`] makes.
#[derive(Debug)]
pub struct Extended {
    /// The workspace with the addition, checked.
    pub workspace: Workspace,
    /// The diagnostics of reading its files, without those of the checks.
    pub read: Vec<Diagnostic>,
}

impl Extended {
    /// The diagnostics of the workspace [`extend`] was given, worked out from this one: the
    /// same ledger without what was read past `starts` (each file appended to, and where
    /// the appended text starts), checked. Only wanted when the ledger with the addition
    /// has errors, to tell which were there before.
    pub fn before(&self, starts: &[(FileId, usize)]) -> Vec<Diagnostic> {
        let added =
            |span: Span| (starts.iter()).any(|&(f, at)| span.file == f && span.start() >= at);
        let ledger = &self.workspace.ledger;
        let parts = LedgerParts {
            sources: (ledger.sources.iter())
                .filter(|s| !added(s.span))
                .cloned()
                .collect(),
            entities: (ledger.entities.iter())
                .filter(|e| !added(e.span))
                .cloned()
                .collect(),
            axes: (ledger.axes.iter())
                .filter(|a| !added(a.span))
                .cloned()
                .collect(),
            // Shared with the workspace's ledger, not copied.
            records: (ledger.records_in_file_order())
                .filter(|r| !added(r.place.table()))
                .cloned()
                .collect(),
            unread: (ledger.unread.iter())
                .filter(|u| !added(u.table))
                .cloned()
                .collect(),
        };
        let ledger = Ledger::new(parts);
        // What reading found in the appended text is the addition's alone.
        let mut diagnostics: Vec<Diagnostic> = (self.read.iter())
            .filter(|d| !d.span.is_some_and(added))
            .cloned()
            .collect();
        diagnostics.extend(check::run(&check::Context::new(
            &ledger,
            &self.workspace.claims,
        )));
        sort(&mut diagnostics);
        diagnostics
    }
}

/// Puts what was read from the end of `file` after everything else of that file and before
/// the next file's, where reading the files in order would have put it.
fn insert(parts: &mut LedgerParts, file: FileId, more: LedgerParts) {
    fn splice<T>(list: &mut Vec<T>, more: Vec<T>, file: FileId, of: impl Fn(&T) -> FileId) {
        let at = list.partition_point(|item| of(item) <= file);
        list.splice(at..at, more);
    }
    let LedgerParts {
        sources,
        entities,
        axes,
        records,
        unread,
    } = more;
    splice(&mut parts.sources, sources, file, |s| s.span.file);
    splice(&mut parts.entities, entities, file, |e| e.span.file);
    splice(&mut parts.axes, axes, file, |a| a.span.file);
    splice(&mut parts.records, records, file, |r| r.place.file());
    splice(&mut parts.unread, unread, file, |u| u.table.file);
}
