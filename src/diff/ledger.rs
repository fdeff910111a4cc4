//! The ledger side of a diff: which sources, entities, axes and records were added, removed
//! or changed, matched by id (never by file or position) and compared field by field.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::Error;
use super::fields::{FieldChange, fields, parse};
use super::path::{FieldPath, Step};
use crate::ledger::{Ledger, RecordKind};
use crate::source_file::FileId;
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

/// The kinds of ledger item, each a top-level array of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// `[[source]]`.
    Source,
    /// `[[entity]]`.
    Entity,
    /// `[[axis]]`.
    Axis,
    /// `[[event]]`, `[[metric]]`, ...: records share one id namespace.
    Record(RecordKind),
}

impl Family {
    /// The TOML array name: `source`, `metric`, ...
    pub fn key(self) -> &'static str {
        match self {
            Family::Source => "source",
            Family::Entity => "entity",
            Family::Axis => "axis",
            Family::Record(kind) => kind.key(),
        }
    }

    /// The namespace its ids are unique in.
    pub(super) fn namespace(self) -> Namespace {
        match self {
            Family::Source => Namespace::Source,
            Family::Entity => Namespace::Entity,
            Family::Axis => Namespace::Axis,
            Family::Record(_) => Namespace::Record,
        }
    }
}

/// Ids are unique per namespace: records of every kind share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Namespace {
    Source,
    Entity,
    Axis,
    Record,
}

/// A ledger item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// Its kind (HEAD's when the kind changed).
    pub family: Family,
    /// Its id.
    pub id: String,
    /// What happened.
    pub change: Change,
    /// Field by field, for a changed item; empty when added or removed.
    pub fields: Vec<FieldChange>,
    /// The sources it rests on (HEAD's, else BASE's); a source lists itself.
    pub sources: Vec<String>,
}

/// One ledger item as written: its kind and its text, from its `[[kind]]` header to the
/// next item's header in the same file (or the end of the file).
struct Item<'w> {
    family: Family,
    text: &'w str,
    file: FileId,
}

/// Every item of a ledger by namespace and id, sorted, one per key. A sorted list rather
/// than a map, and a file id rather than its path: at 100,000 records this is held twice
/// (once a revision) beside both ledgers.
type Items<'w> = Vec<((Namespace, &'w str), Item<'w>)>;

/// The table of one item's text: the first element of its `[[kind]]` array.
fn item_table(item: &Item<'_>, workspace: &Workspace) -> Result<toml::Table, Error> {
    let path = workspace.files.get(item.file).map(|f| f.path.as_path());
    let mut document = parse(path.unwrap_or(Path::new("")), item.text)?;
    match document.remove(item.family.key()) {
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
    let all = || {
        let sources = (ledger.sources.iter()).map(|s| (Family::Source, s.id.as_str(), s.span));
        let entities = (ledger.entities.iter()).map(|e| (Family::Entity, e.id.as_str(), e.span));
        let axes = (ledger.axes.iter()).map(|a| (Family::Axis, a.id.as_str(), a.span));
        let records = (ledger.records.iter())
            .map(|r| (Family::Record(r.kind()), r.id.as_str(), r.place.table));
        sources.chain(entities).chain(axes).chain(records)
    };
    let mut starts: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    for (_, _, span) in all() {
        starts.entry(span.file).or_default().push(span.start());
    }
    for positions in starts.values_mut() {
        positions.sort_unstable();
        positions.dedup();
    }
    let mut items = Items::with_capacity(all().count());
    for (family, id, span) in all() {
        let Some(file) = workspace.files.get(span.file) else {
            continue;
        };
        let end = starts
            .get(&span.file)
            .and_then(|p| p.get(p.partition_point(|&s| s <= span.start())))
            .copied()
            .unwrap_or(file.text.len());
        let text = file.text.get(span.start()..end).unwrap_or("");
        let item = Item {
            family,
            text,
            file: span.file,
        };
        items.push(((family.namespace(), id), item));
    }
    // Ids are unique in an error-free ledger; keep the first all the same (the sort is
    // stable, and `dedup_by_key` keeps the first of a run).
    items.sort_by_key(|(key, _)| *key);
    items.dedup_by_key(|(key, _)| *key);
    items
}

/// The sources an item rests on, as the ledger read them.
fn item_sources(ledger: &Ledger, family: Family, id: &str) -> Vec<String> {
    match family {
        Family::Source => vec![id.to_owned()],
        Family::Entity | Family::Axis => Vec::new(),
        Family::Record(_) => ledger
            .record(id)
            .map(|r| r.sources.clone())
            .unwrap_or_default(),
    }
}

/// The ledger changes by namespace and id, to look up the records and entities a criterion
/// used.
pub(super) type Changed<'l> = BTreeMap<(Namespace, &'l str), &'l ItemChange>;

/// `changes` by namespace and id.
pub(super) fn by_id(changes: &[ItemChange]) -> Changed<'_> {
    (changes.iter())
        .map(|c| ((c.family.namespace(), c.id.as_str()), c))
        .collect()
}

/// Every ledger item added, removed or changed from `base` to `head`, by family then id.
pub(super) fn changes(base: &Workspace, head: &Workspace) -> Result<Vec<ItemChange>, Error> {
    ledger_changes(&items(base), &items(head), base, head)
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
                family: a.family,
                sources: item_sources(&head.ledger, a.family, &id),
                id,
                change: Change::Added,
                fields: Vec::new(),
            },
            (Some(b), None) => ItemChange {
                family: b.family,
                sources: item_sources(&base.ledger, b.family, &id),
                id,
                change: Change::Removed,
                fields: Vec::new(),
            },
            // Most items are untouched, byte for byte.
            (Some(b), Some(a)) if b.family == a.family && b.text == a.text => continue,
            (Some(b), Some(a)) => {
                let mut changes = fields(&item_table(b, base)?, &item_table(a, head)?);
                if b.family != a.family {
                    changes.insert(
                        0,
                        FieldChange {
                            path: FieldPath::from(vec![Step::key("kind")]),
                            before: Some(b.family.key().to_owned()),
                            after: Some(a.family.key().to_owned()),
                        },
                    );
                }
                if changes.is_empty() {
                    // Only layout or comments differ.
                    continue;
                }
                ItemChange {
                    family: a.family,
                    sources: item_sources(&head.ledger, a.family, &id),
                    id,
                    change: Change::Changed,
                    fields: changes,
                }
            }
            (None, None) => continue,
        };
        out.push(change);
    }
    out.sort_by(|x, y| (x.family, &x.id).cmp(&(y.family, &y.id)));
    Ok(out)
}
