//! The kinds of table a ledger file holds, each a top-level array: `[[source]]`,
//! `[[entity]]`, `[[axis]]` and the eight kinds of record. Loading, editing, the command line
//! and diff all name a table's kind with this one type.

use crate::ledger::RecordKind;

/// The kind of a ledger table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKind {
    /// `[[source]]`
    Source,
    /// `[[entity]]`
    Entity,
    /// `[[axis]]`
    Axis,
    /// A record: `[[event]]`, `[[budget]]`...
    Record(RecordKind),
}

/// The namespaces ids are unique in: records of every kind share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Namespace {
    /// Source ids.
    Source,
    /// Entity ids.
    Entity,
    /// Axis ids.
    Axis,
    /// Record ids, whatever the record's kind.
    Record,
}

impl Namespace {
    /// The word for it: `source`, `entity`, `axis` or `record`.
    pub fn key(self) -> &'static str {
        match self {
            Namespace::Source => "source",
            Namespace::Entity => "entity",
            Namespace::Axis => "axis",
            Namespace::Record => "record",
        }
    }
}

impl TableKind {
    /// Every kind: the vocabulary, then the eight kinds of record in documentation order.
    pub const ALL: [TableKind; 11] = TableKind::listed(0, 3);

    /// Every kind with the records first, as the command line offers them.
    pub const RECORDS_FIRST: [TableKind; 11] = TableKind::listed(8, 0);

    /// Every kind: the vocabulary from position `vocabulary`, the records (in
    /// [`RecordKind::ALL`]'s order) from position `records`, so that the kinds of record are
    /// listed once.
    const fn listed(vocabulary: usize, records: usize) -> [TableKind; 11] {
        let mut out = [TableKind::Source; 11];
        out[vocabulary + 1] = TableKind::Entity;
        out[vocabulary + 2] = TableKind::Axis;
        let mut i = 0;
        while i < RecordKind::ALL.len() {
            out[records + i] = TableKind::Record(RecordKind::ALL[i]);
            i += 1;
        }
        out
    }

    /// The TOML array name, e.g. `event` for `[[event]]`.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Record(kind) => kind.key(),
            TableKind::Source => "source",
            TableKind::Entity => "entity",
            TableKind::Axis => "axis",
        }
    }

    /// The kind named by a TOML array key.
    pub fn from_key(key: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The record kind, for a record.
    pub fn record(self) -> Option<RecordKind> {
        match self {
            TableKind::Record(kind) => Some(kind),
            TableKind::Source | TableKind::Entity | TableKind::Axis => None,
        }
    }

    /// The namespace its ids are unique in.
    pub fn namespace(self) -> Namespace {
        match self {
            TableKind::Source => Namespace::Source,
            TableKind::Entity => Namespace::Entity,
            TableKind::Axis => Namespace::Axis,
            TableKind::Record(_) => Namespace::Record,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_by_its_own_key_and_no_other() {
        for kind in TableKind::ALL {
            assert_eq!(TableKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(TableKind::from_key("claim"), None);
        assert_eq!(TableKind::from_key("Event"), None);
        let records = TableKind::ALL.iter().filter_map(|k| k.record()).count();
        assert_eq!(records, RecordKind::ALL.len());
        let mut first = TableKind::RECORDS_FIRST;
        first.sort();
        let mut all = TableKind::ALL;
        all.sort();
        assert_eq!(first, all);
        assert_eq!(
            TableKind::RECORDS_FIRST[0],
            TableKind::Record(RecordKind::Event)
        );
        assert_eq!(
            TableKind::ALL[..3],
            [TableKind::Source, TableKind::Entity, TableKind::Axis]
        );
    }
}
