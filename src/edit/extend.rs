//! The ledger with an addition, worked out from the ledger already loaded: only the
//! appended text is parsed, and the checks run again over the ledger with it. The result is
//! the workspace that loading and checking the files with the addition would give, the
//! same diagnostics in the same order (a test compares the two over many mutated
//! additions), at the cost of one parse of the ledger rather than two.

use crate::diagnostic::Diagnostic;
use crate::ledger::load::read_appended;
use crate::ledger::{Ledger, LedgerParts};
use crate::source_file::FileId;
use crate::workspace::{Tree, Workspace};

/// A loaded and checked workspace, with the diagnostics that reading its files gave kept
/// apart from those of the checks, so that the checks can run again over more records.
#[derive(Debug)]
pub struct Loaded {
    /// The workspace; its diagnostics hold both kinds.
    pub workspace: Workspace,
    /// The diagnostics of reading the files.
    read: Vec<Diagnostic>,
}

impl Loaded {
    /// Loads and checks `tree`, as [`Workspace::load`] does.
    pub fn load(tree: Tree) -> Loaded {
        let mut workspace = Workspace::read(tree);
        let read = workspace.diagnostics.clone();
        workspace.check();
        Loaded { workspace, read }
    }

    /// Whether the ledger file `file` was read without a single diagnostic, so that text
    /// appended to it can be read on its own.
    pub fn read_cleanly(&self, file: FileId) -> bool {
        !self
            .read
            .iter()
            .any(|d| d.span.is_some_and(|s| s.file == file))
    }
}

/// The workspace with each `(file, text)`: a ledger file of the workspace and its new text,
/// which is its old text with more appended. `None` when a file was not read cleanly (see
/// [`Loaded::read_cleanly`]) or an appended part cannot be read on its own (see
/// [`read_appended`]); the caller then loads the files whole.
pub fn extend(loaded: Loaded, appended: Vec<(FileId, String)>) -> Option<Workspace> {
    if !appended.iter().all(|(file, _)| loaded.read_cleanly(*file)) {
        return None;
    }
    let Loaded {
        workspace,
        mut read,
    } = loaded;
    let Workspace {
        mut files,
        ledger,
        claims,
        diagnostics: _,
    } = workspace;
    let mut parts = ledger.into_parts();
    for (file, text) in appended {
        let before = files.get(file)?.text.len();
        let mut more = LedgerParts::default();
        if !read_appended(file, &text, before, &mut more, &mut read) {
            return None;
        }
        insert(&mut parts, file, more);
        files.set_text(file, text);
    }
    let ledger = Ledger::new(parts);
    let mut workspace = Workspace {
        files,
        ledger,
        claims,
        diagnostics: read,
    };
    workspace.check();
    Some(workspace)
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
    splice(&mut parts.records, records, file, |r| r.place.table.file);
    splice(&mut parts.unread, unread, file, |u| u.table.file);
}
