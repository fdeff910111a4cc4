//! The ledger side of a diff: which sources, entities, axes and records were added, removed
//! or changed, matched by id (never by file or position) and compared field by field.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::Error;
use super::fields::{FieldChange, fields, parse};
use super::path::{FieldPath, Step};
use crate::ledger::{Ledger, Namespace, Record, TableKind};
use crate::source_file::{FileId, Span};
use crate::workspace::Workspace;

/// What happened to something between the two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in HEAD.
    Added,
    /// Only in BASE.
    Removed,
    /// In both, different.
    Changed,
}

impl Change {
    /// The word shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// A ledger item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// Its kind (HEAD's when the kind changed).
    pub kind: TableKind,
    /// Its id.
    pub id: String,
    /// What happened.
    pub change: Change,
    /// Field by field, for a changed item; empty when added or removed.
    pub fields: Vec<FieldChange>,
    /// The sources it rests on (HEAD's, else BASE's); a source lists itself.
    pub sources: Vec<String>,
}

/// One ledger item as written: its kind and where its text is, from its `[[kind]]` header
/// to the next item's header in the same file (or the end of the file).
struct Item {
    kind: TableKind,
    span: Span,
}

impl Item {
    /// Its text in `workspace`'s files (read again if let go).
    fn text<'a>(&self, workspace: &'a Workspace) -> &'a str {
        let span = self.span;
        (workspace.files.get(span.file))
            .and_then(|f| f.text().get(span.start()..span.end()))
            .unwrap_or("")
    }
}

/// Every item of a ledger by namespace and id, sorted, one per key. A sorted list rather
/// than a map, and a file id rather than its path: at 100,000 records this is held twice
/// (once a revision) beside both ledgers.
type Items<'w> = Vec<((Namespace, &'w str), Item)>;

/// The table of one item's text: the first element of its `[[kind]]` array.
fn item_table(item: &Item, workspace: &Workspace) -> Result<toml::Table, Error> {
    let path = workspace.files.path(item.span.file);
    let mut document = parse(path.unwrap_or(Path::new("")), item.text(workspace))?;
    match document.remove(item.kind.key()) {
        Some(toml::Value::Array(tables)) => match tables.into_iter().next() {
            Some(toml::Value::Table(table)) => Ok(table),
            _ => Ok(toml::Table::new()),
        },
        // The text did not start at a header: it is the table itself.
        _ => Ok(document),
    }
}

/// The ledger files whose records HEAD took whole from BASE. A file the two revisions share
/// is read once (see [`Workspace::load_pair`]), and HEAD holds the very records BASE read
/// from it, not copies: those records are the same in both revisions without a look at
/// them, and between two commits of a large ledger they are most of its records. Records
/// are shared no other way, so two revisions read apart share no file.
fn shared_files(base: &Workspace, head: &Workspace) -> BTreeSet<FileId> {
    let shared = |file: FileId| {
        let (mut b, mut h) = (
            base.ledger.records_of_file(file),
            head.ledger.records_of_file(file),
        );
        let mut any = false;
        loop {
            match (b.next(), h.next()) {
                (None, None) => return any,
                (Some(b), Some(h)) if Arc::ptr_eq(b, h) => any = true,
                _ => return false,
            }
        }
    };
    (base.files.iter())
        .map(|(file, _)| file)
        .filter(|&file| shared(file))
        .collect()
}

/// Every source, entity and axis of a workspace's ledger, and every record but those of the
/// `shared` files, by id. Each item's text is cut from its file at the places the loader
/// recorded, so that unchanged items are recognised by their bytes without parsing anything
/// again.
fn items<'w>(workspace: &'w Workspace, shared: &BTreeSet<FileId>) -> Items<'w> {
    let ledger = &workspace.ledger;
    // Sources, entities and axes are few and sorted here; then the records, by id.
    // Namespaces sort in this order.
    type Found<'l> = (TableKind, &'l str, Span);
    let mut named: Vec<Found<'_>> = (ledger.sources.iter())
        .map(|s| (TableKind::Source, s.id.as_str(), s.span))
        .chain((ledger.entities.iter()).map(|e| (TableKind::Entity, e.id.as_str(), e.span)))
        .chain((ledger.axes.iter()).map(|a| (TableKind::Axis, a.id.as_str(), a.span)))
        .collect();
    // Stable: of items with the same id, the first in the files stays first.
    named.sort_by_key(|&(kind, id, _)| (kind.namespace(), id));
    let found = |r: &'w Arc<Record>| (TableKind::Record(r.kind()), r.id(), r.place.table());
    let compared: Vec<Found<'_>> = if shared.is_empty() {
        // Every record: the index by id holds them in order already.
        ledger.records_by_id().map(found).collect()
    } else {
        let unshared = (workspace.files.iter()).filter(|(file, _)| !shared.contains(file));
        let mut records: Vec<Found<'_>> = unshared
            .flat_map(|(file, _)| ledger.records_of_file(file))
            .map(found)
            .collect();
        // Stable, as the index by id: of records with the same id, the first in the files.
        records.sort_by_key(|&(_, id, _)| id);
        records
    };
    // An item's text ends where the next item of its file begins, whether that is compared
    // or not: the files to look through are those of the items compared.
    let mut starts: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    for &(_, _, span) in named.iter().chain(&compared) {
        starts.entry(span.file).or_default();
    }
    for &(_, _, span) in &named {
        starts.entry(span.file).or_default().push(span.start());
    }
    for (&file, positions) in &mut starts {
        positions.extend(
            ledger
                .records_of_file(file)
                .map(|r| r.place.table().start()),
        );
        positions.sort_unstable();
        positions.dedup();
    }
    let mut items = Items::with_capacity(named.len() + compared.len());
    for (kind, id, span) in named.into_iter().chain(compared) {
        // The file's length as read, without reading it again.
        let Some(len) = workspace.files.text_len(span.file) else {
            continue;
        };
        let end = starts
            .get(&span.file)
            .and_then(|p| p.get(p.partition_point(|&s| s <= span.start())))
            .copied()
            .unwrap_or(len);
        let item = Item {
            kind,
            span: Span::new(span.file, span.start()..end.max(span.start())),
        };
        items.push(((kind.namespace(), id), item));
    }
    // Ids are unique in an error-free ledger; keep the first all the same (`dedup_by_key`
    // keeps the first of a run).
    items.dedup_by_key(|(key, _)| *key);
    items
}

/// The sources an item rests on, as the ledger read them.
fn item_sources(ledger: &Ledger, kind: TableKind, id: &str) -> Vec<String> {
    match kind {
        TableKind::Source => vec![id.to_owned()],
        TableKind::Entity | TableKind::Axis => Vec::new(),
        TableKind::Record(_) => ledger
            .record(id)
            .map(|r| r.sources().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
    }
}

/// The ledger changes by namespace and id, to look up the records and entities a criterion
/// used.
pub(super) type Changed<'l> = BTreeMap<(Namespace, &'l str), &'l ItemChange>;

/// `changes` by namespace and id.
pub(super) fn by_id(changes: &[ItemChange]) -> Changed<'_> {
    (changes.iter())
        .map(|c| ((c.kind.namespace(), c.id.as_str()), c))
        .collect()
}

/// Every ledger item added, removed or changed from `base` to `head`, by kind then id.
pub(super) fn changes(base: &Workspace, head: &Workspace) -> Result<Vec<ItemChange>, Error> {
    let shared = shared_files(base, head);
    let (before, after) = crate::parallel::join(|| items(base, &shared), || items(head, &shared));
    ledger_changes(&before, &after, base, head)
}

fn ledger_changes(
    before: &Items<'_>,
    after: &Items<'_>,
    base: &Workspace,
    head: &Workspace,
) -> Result<Vec<ItemChange>, Error> {
    let (mut before, mut after) = (before.iter().peekable(), after.iter().peekable());
    let mut out = Vec::new();
    loop {
        // Both lists are sorted by key: walk them side by side.
        let key = match (before.peek(), after.peek()) {
            (None, None) => break,
            (Some(b), Some(a)) => b.0.min(a.0),
            (Some(b), None) => b.0,
            (None, Some(a)) => a.0,
        };
        let b = before.next_if(|(k, _)| *k == key).map(|(_, item)| item);
        let a = after.next_if(|(k, _)| *k == key).map(|(_, item)| item);
        let id = key.1.to_owned();
        let change = match (b, a) {
            (None, Some(a)) => ItemChange {
                kind: a.kind,
                sources: item_sources(&head.ledger, a.kind, &id),
                id,
                change: Change::Added,
                fields: Vec::new(),
            },
            (Some(b), None) => ItemChange {
                kind: b.kind,
                sources: item_sources(&base.ledger, b.kind, &id),
                id,
                change: Change::Removed,
                fields: Vec::new(),
            },
            // Most items are untouched, byte for byte.
            (Some(b), Some(a)) if b.kind == a.kind && b.text(base) == a.text(head) => continue,
            (Some(b), Some(a)) => {
                let mut changes = fields(&item_table(b, base)?, &item_table(a, head)?);
                if b.kind != a.kind {
                    changes.insert(
                        0,
                        FieldChange {
                            path: FieldPath::from(vec![Step::key("kind")]),
                            before: Some(b.kind.key().to_owned()),
                            after: Some(a.kind.key().to_owned()),
                        },
                    );
                }
                if changes.is_empty() {
                    // Only layout or comments differ.
                    continue;
                }
                ItemChange {
                    kind: a.kind,
                    sources: item_sources(&head.ledger, a.kind, &id),
                    id,
                    change: Change::Changed,
                    fields: changes,
                }
            }
            (None, None) => continue,
        };
        out.push(change);
    }
    out.sort_by(|x, y| (x.kind, &x.id).cmp(&(y.kind, &y.id)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::shared_files;
    use crate::source_file::FileId;
    use crate::synthetic::{generate, revise_together, tree};
    use crate::workspace::Workspace;

    /// The files found shared are exactly the record files whose bytes are the same in both
    /// revisions read together; read apart, two revisions share none.
    #[test]
    fn the_files_found_shared_are_the_record_files_the_same_in_both() {
        let base = generate(2000, 9);
        let head = revise_together(&base, 100);
        let (b, h) = Workspace::load_pair(tree(&base), tree(&head));
        let expected: Vec<FileId> = (base.iter().zip(&head).enumerate())
            .filter(|(_, (before, after))| {
                before.text == after.text
                    && before.path.starts_with("evidence/")
                    && b.ledger.records.iter().any(|r| {
                        b.files.path(r.place.file()) == Some(std::path::Path::new(&before.path))
                    })
            })
            .map(|(i, _)| FileId(u32::try_from(i).expect("few files")))
            .collect();
        assert!(expected.len() > 10, "{expected:?}");
        assert!(expected.len() < base.len(), "{expected:?}");
        assert_eq!(
            shared_files(&b, &h).into_iter().collect::<Vec<_>>(),
            expected
        );
        let (b, h) = (Workspace::load(tree(&base)), Workspace::load(tree(&head)));
        assert!(shared_files(&b, &h).is_empty());
    }
}
