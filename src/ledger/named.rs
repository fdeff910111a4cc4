//! What an id names, for `show`: ids are unique within each namespace (records, sources,
//! entities, axes) but not across them, so one id may name a record and a source.

use super::{Axis, Entity, Ledger, Namespace, Record, Source};

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
    /// The namespace of its id.
    pub fn namespace(&self) -> Namespace {
        match self {
            Named::Record(..) => Namespace::Record,
            Named::Source(_) => Namespace::Source,
            Named::Entity(_) => Namespace::Entity,
            Named::Axis(_) => Namespace::Axis,
        }
    }
}

impl Ledger {
    /// Everything `id` names: a record, a source, an entity, an axis, in that order; only in
    /// `table`'s namespace when one is given.
    pub fn named(&self, id: &str, table: Option<Namespace>) -> Vec<Named<'_>> {
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
        .filter(|n| table.is_none_or(|t| n.namespace() == t))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Named;
    use crate::ledger::Namespace;
    use crate::workspace::Workspace;

    #[test]
    fn an_id_names_what_bears_it_in_each_table() {
        let workspace = Workspace::load(crate::embedded::tree());
        let ledger = &workspace.ledger;
        let record = &ledger.records[0].id();
        let found = ledger.named(record, None);
        assert!(matches!(found.as_slice(), [Named::Record(r, 0)] if &r.id() == record));
        let source = &ledger.sources[0].id;
        assert_eq!(
            (ledger.named(source, None).iter())
                .map(Named::namespace)
                .collect::<Vec<_>>(),
            [Namespace::Source]
        );
        assert!(ledger.named(source, Some(Namespace::Record)).is_empty());
        assert!(ledger.named("no-such-id", None).is_empty());
        // `JP` is an entity; a shipped axis is an axis, and nothing else.
        assert_eq!(ledger.named("JP", None)[0].namespace(), Namespace::Entity);
        assert_eq!(
            ledger.named("compute", None)[0].namespace(),
            Namespace::Axis
        );
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
                on_disk: None,
            }],
            claims: Vec::new(),
        };
        let workspace = Workspace::load(tree);
        let tables: Vec<Namespace> = (workspace.ledger.named("same", None).iter())
            .map(Named::namespace)
            .collect();
        assert_eq!(tables, [Namespace::Source, Namespace::Axis]);
        let only = workspace.ledger.named("same", Some(Namespace::Axis));
        assert!(matches!(only.as_slice(), [Named::Axis(a)] if a.id == "same"));
    }
}
