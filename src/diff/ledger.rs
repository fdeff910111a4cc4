//! The ledger side of a diff: which sources, entities, axes and records were added, removed
//! or changed, matched by id (never by file or position) and compared field by field.

use std::collections::BTreeMap;
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
/// to the next item's header in the same file (or the end of the file), and the record it
/// is, for a record.
struct Item<'w> {
    kind: TableKind,
    span: Span,
    record: Option<&'w Arc<Record>>,
}

impl Item<'_> {
    /// Its text in `workspace`'s files (read again if let go).
    fn text<'a>(&self, workspace: &'a Workspace) -> &'a str {
        let span = self.span;
        (workspace.files.get(span.file))
            .and_then(|f| f.text().get(span.start()..span.end()))
            .unwrap_or("")
    }

    /// Whether the item is the same in both revisions, byte for byte. A record HEAD took
    /// from BASE, parsed once from a file the same in both (see
    /// [`Workspace::load_pair`]), is the same without a look at its text, which need not be
    /// read again.
    fn same(&self, base: &Workspace, other: &Item<'_>, head: &Workspace) -> bool {
        let shared = match (self.record, other.record) {
            (Some(b), Some(a)) => Arc::ptr_eq(b, a),
            _ => false,
        };
        self.kind == other.kind && (shared || self.text(base) == other.text(head))
    }
}

/// Every item of a ledger by namespace and id, sorted, one per key. A sorted list rather
/// than a map, and a file id rather than its path: at 100,000 records this is held twice
/// (once a revision) beside both ledgers.
type Items<'w> = Vec<((Namespace, &'w str), Item<'w>)>;

/// The table of one item's text: the first element of its `[[kind]]` array.
fn item_table(item: &Item<'_>, workspace: &Workspace) -> Result<toml::Table, Error> {
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

/// Every source, entity, axis and record of a workspace's ledger, by id. Each item's text
/// is cut from its file at the places the loader recorded, so that unchanged items are
/// recognised by their bytes without parsing anything again.
fn items(workspace: &Workspace) -> Items<'_> {
    let ledger = &workspace.ledger;
    // Sources, entities and axes are few and sorted here; records come sorted by id from
    // the ledger's index, as many as they are. Namespaces sort in this order.
    type Found<'l> = (TableKind, &'l str, Span, Option<&'l Arc<Record>>);
    let mut named: Vec<Found<'_>> = (ledger.sources.iter())
        .map(|s| (TableKind::Source, s.id.as_str(), s.span, None))
        .chain((ledger.entities.iter()).map(|e| (TableKind::Entity, e.id.as_str(), e.span, None)))
        .chain((ledger.axes.iter()).map(|a| (TableKind::Axis, a.id.as_str(), a.span, None)))
        .collect();
    // Stable: of items with the same id, the first in the files stays first.
    named.sort_by_key(|&(kind, id, _, _)| (kind.namespace(), id));
    let records = || {
        (ledger.records_by_id()).map(|r| {
            let kind = TableKind::Record(r.kind());
            (kind, r.id.as_str(), r.place.table, Some(r))
        })
    };
    let all = || named.iter().copied().chain(records());
    let mut starts: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    for (_, _, span, _) in all() {
        starts.entry(span.file).or_default().push(span.start());
    }
    for positions in starts.values_mut() {
        positions.sort_unstable();
        positions.dedup();
    }
    let mut items = Items::with_capacity(named.len() + ledger.records.len());
    for (kind, id, span, record) in all() {
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
            record,
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
            .map(|r| r.sources.to_vec())
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
    let (before, after) = crate::parallel::join(|| items(base), || items(head));
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
            (Some(b), Some(a)) if b.same(base, a, head) => continue,
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
