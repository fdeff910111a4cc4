//! What an id names, for `show`: ids are unique within each of the ledger's tables (records,
//! sources, entities, axes) but not across them, so one id may name a record and a source.

use super::{Axis, Entity, Ledger, Record, Source};

/// The ledger's tables, as `show --kind` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// A record of any kind: `[[event]]`, `[[metric]]`...
    Record,
    /// `[[source]]`.
    Source,
    /// `[[entity]]`.
    Entity,
    /// `[[axis]]`.
    Axis,
}

impl Table {
    /// The word for it: `record`, `source`, `entity`, `axis`.
    pub fn key(self) -> &'static str {
        match self {
            Table::Record => "record",
            Table::Source => "source",
            Table::Entity => "entity",
            Table::Axis => "axis",
        }
    }
}

/// Something in the ledger an id names.
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    /// A record, with its position in [`Ledger::records`].
    Record(&'a Record, usize),
    /// A source.
    Source(&'a Source),
    /// An entity.
    Entity(&'a Entity),
    /// An axis.
    Axis(&'a Axis),
}

impl Named<'_> {
    /// Which table it is in.
    pub fn table(&self) -> Table {
        match self {
            Named::Record(..) => Table::Record,
            Named::Source(_) => Table::Source,
            Named::Entity(_) => Table::Entity,
            Named::Axis(_) => Table::Axis,
        }
    }
}

impl Ledger {
    /// Everything `id` names, in the order of [`Table`]; only in `table` when one is given.
    pub fn named(&self, id: &str, table: Option<Table>) -> Vec<Named<'_>> {
        let record = (self.record_position(id))
            .and_then(|i| self.records.get(i).map(|r| Named::Record(r, i)));
        [
            record,
            self.source(id).map(Named::Source),
            self.entity(id).map(Named::Entity),
            self.axis(id).map(Named::Axis),
        ]
        .into_iter()
        .flatten()
        .filter(|n| table.is_none_or(|t| n.table() == t))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Named, Table};
    use crate::workspace::Workspace;

    #[test]
    fn an_id_names_what_bears_it_in_each_table() {
        let workspace = Workspace::load(crate::embedded::tree());
        let ledger = &workspace.ledger;
        let record = &ledger.records[0].id;
        let found = ledger.named(record, None);
        assert!(matches!(found.as_slice(), [Named::Record(r, 0)] if &r.id == record));
        let source = &ledger.sources[0].id;
        assert_eq!(
            (ledger.named(source, None).iter())
                .map(Named::table)
                .collect::<Vec<_>>(),
            [Table::Source]
        );
        assert!(ledger.named(source, Some(Table::Record)).is_empty());
        assert!(ledger.named("no-such-id", None).is_empty());
        // `JP` is an entity; a shipped axis is an axis, and nothing else.
        assert_eq!(ledger.named("JP", None)[0].table(), Table::Entity);
        assert_eq!(ledger.named("compute", None)[0].table(), Table::Axis);
    }

    #[test]
    fn one_id_may_name_several_tables() {
        let tree = crate::workspace::Tree {
            ledger: vec![crate::workspace::TreeFile {
                path: "evidence/x.toml".into(),
                bytes: br#"
[[source]]
id = "same"
url = "https://example.org/"
publisher = "P"
title = "T"
kind = "news"

[[axis]]
id = "same"
title = "Same"
"#
                .to_vec(),
            }],
            claims: Vec::new(),
        };
        let workspace = Workspace::load(tree);
        let tables: Vec<Table> = (workspace.ledger.named("same", None).iter())
            .map(Named::table)
            .collect();
        assert_eq!(tables, [Table::Source, Table::Axis]);
        let only = workspace.ledger.named("same", Some(Table::Axis));
        assert!(matches!(only.as_slice(), [Named::Axis(a)] if a.id == "same"));
    }
}
