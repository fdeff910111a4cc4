//! The evidence ledger: sources, entities, axes and typed records, indexed by id.

mod axis;
mod benchmark;
mod budget;
mod deployment;
mod entity;
mod event;
pub mod id;
mod investment;
pub(crate) mod load;
mod metric;
mod named;
mod order;
mod quantity;
mod query;
mod record;
mod release;
mod source;
mod table;
mod target;
pub(crate) mod url;
mod when;

/// The as-written form of each table, which the loader deserializes and the schema
/// describes.
pub(crate) mod raw {
    pub(crate) use super::axis::RawAxis;
    pub(crate) use super::benchmark::RawBenchmark;
    pub(crate) use super::budget::RawBudget;
    pub(crate) use super::deployment::RawDeployment;
    pub(crate) use super::entity::RawEntity;
    pub(crate) use super::event::RawEvent;
    pub(crate) use super::investment::RawInvestment;
    pub(crate) use super::metric::RawMetric;
    pub(crate) use super::release::RawRelease;
    pub(crate) use super::source::RawSource;
    pub(crate) use super::target::RawTarget;
}

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::source_file::FileId;

pub use axis::Axis;
pub use benchmark::{Benchmark, Comparator};
pub use budget::{Budget, BudgetBasis};
pub use deployment::{Deployment, Domain, Outcome, Stage};
pub use entity::{Entity, EntityKind};
pub use event::{Event, EventType};
pub use investment::{Investment, InvestmentBasis};
pub use load::LedgerParts;
pub use metric::Metric;
pub use named::Named;
pub use quantity::{Amount, Dimension, Normalised, Quantity, Unit};
pub use query::{Listed, Query};
pub use record::{Body, Record, RecordKind, RecordPlace, UnreadRecord};
pub use release::{ArtifactKind, Release};
pub use source::{Source, SourceKind};
pub use table::{Namespace, TableKind};
pub use target::Target;
pub use when::{Bound, When};

/// A loaded ledger with its lookups. Where ids repeat, lookups find the first in file order;
/// the `duplicate_ids` check reports the rest.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Every source, in file order.
    pub sources: Vec<Source>,
    /// Every entity, in file order.
    pub entities: Vec<Entity>,
    /// Every axis, in file order.
    pub axes: Vec<Axis>,
    /// Every record, in the canonical order ([`Record::canonical_cmp`]): by known date, how
    /// it is dated, kind and id, never by file. Behind pointers so that merging the files' lists
    /// while loading, and sorting them, moves pointers rather than records; shared pointers
    /// so that two revisions of a ledger (`diff`) hold one copy of the records of a file
    /// they have in common.
    pub records: Vec<Arc<Record>>,
    /// Records left out for problems already reported, in file order.
    pub unread: Vec<UnreadRecord>,
    // Sources, entities and axes are looked up for every record a check or a measure
    // visits, so they are hashed; records are many and looked up by id rarely, so their
    // index is the smaller sorted one.
    source_index: HashMap<String, usize>,
    entity_index: HashMap<String, usize>,
    axis_index: HashMap<String, usize>,
    record_index: ById,
    metric_index: Positions,
    test_index: Positions,
    /// Where each record is in `records`, in file order: checks that walk every record walk
    /// them so, since that is the order they lie in memory, and those that speak of "the
    /// first" of two records mean the first in the files.
    file_order: Vec<u32>,
}

/// Each id's first position.
fn hashed<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(item).to_owned()).or_insert(i);
    }
    map
}

/// Positions sorted by id, for lookups by binary search; among equal ids the first in
/// position comes first. Four bytes an item, where a hash map keyed by copies of the ids
/// costs some sixty, which at 100,000 records is most of what an index would weigh.
#[derive(Debug, Default)]
struct ById {
    order: Vec<u32>,
    /// Where in `order` an item has the same id as the one before it, in order: found as
    /// the index is made, from the keys it sorts, so that finding repeated ids reads no id
    /// but those that share their first sixteen bytes (at a million records, reading every
    /// id in order of id waited on memory at nearly every one).
    repeats: Vec<u32>,
}

impl ById {
    /// The positions of `items` in order of id, then of position.
    fn in_order<T: Sync>(items: &[T], id: impl Fn(&T) -> &str + Sync) -> ById {
        // Sorted by the ids' first sixteen bytes, which tell most ids apart without going
        // to the ids themselves, each a pointer away in memory; read big-endian and padded
        // with zeros, they compare as the ids' bytes do. Only ids that share them are
        // compared whole. A ledger of four billion items would not fit in memory, so
        // positions fit in u32.
        let mut keyed: Vec<(u128, u32)> = (items.iter().enumerate())
            .map(|(i, item)| {
                let mut first = [0; 16];
                let bytes = id(item).as_bytes();
                let n = bytes.len().min(16);
                first[..n].copy_from_slice(&bytes[..n]);
                (u128::from_be_bytes(first), i as u32)
            })
            .collect();
        let whole = |i: u32| items.get(i as usize).map(&id);
        let sorted = crate::parallel::sort_unstable_by(&mut keyed, |a, b| {
            (a.0.cmp(&b.0))
                .then_with(|| whole(a.1).cmp(&whole(b.1)))
                .then(a.1.cmp(&b.1))
        });
        let mut order = Vec::with_capacity(items.len());
        let mut repeats = Vec::new();
        let mut before: Option<&(u128, u32)> = None;
        for key in sorted {
            if before.is_some_and(|b| b.0 == key.0 && whole(b.1) == whole(key.1)) {
                repeats.push(order.len() as u32);
            }
            order.push(key.1);
            before = Some(key);
        }
        ById { order, repeats }
    }

    /// The same index of items that have moved: the item at position `i` is now at
    /// `moved[i]`.
    fn moved(self, moved: &[u32]) -> ById {
        ById {
            // `moved` has a place for every position: nothing is left out, so `repeats`
            // still points where it did.
            order: (self.order.iter()).map(|&i| moved[i as usize]).collect(),
            repeats: self.repeats,
        }
    }

    /// Each item whose id an item before it in order of position already has, paired with
    /// the first item of that id, grouped by id: positions.
    fn repeated(&self) -> impl Iterator<Item = (u32, u32)> {
        // The first of a run of repeats is the item just before the run.
        let mut run: Option<(usize, u32)> = None;
        self.repeats.iter().filter_map(move |&k| {
            let k = k as usize;
            let first = match run {
                Some((last, first)) if last + 1 == k => first,
                _ => *self.order.get(k.checked_sub(1)?)?,
            };
            run = Some((k, first));
            Some((first, *self.order.get(k)?))
        })
    }

    /// The position of the first item with id `wanted`.
    fn find<T>(&self, items: &[T], id: impl Fn(&T) -> &str, wanted: &str) -> Option<usize> {
        let at = (self.order)
            .partition_point(|&i| items.get(i as usize).is_some_and(|item| id(item) < wanted));
        let i = *self.order.get(at)? as usize;
        items.get(i).filter(|item| id(item) == wanted).map(|_| i)
    }
}

/// Positions by name, in the canonical order.
type Positions = HashMap<String, Vec<usize>>;

/// The positions of the records stating each metric (metrics and budgets), and of the
/// benchmark results on each test. The records are visited in file order, the order they
/// lie in memory, and each name's positions sorted afterwards.
fn named_indexes(records: &[Arc<Record>], file_order: &[u32]) -> (Positions, Positions) {
    let (mut metrics, mut tests) = (Positions::new(), Positions::new());
    for &i in file_order {
        let i = i as usize;
        let Some(r) = records.get(i) else { continue };
        let (map, name) = match &r.body {
            Body::Benchmark(b) => (&mut tests, &b.test),
            body => match body.metric() {
                Some(metric) => (&mut metrics, metric.get_ref()),
                None => continue,
            },
        };
        // Names are few and records many: a name is copied once, not for every record.
        match map.get_mut(name) {
            Some(positions) => positions.push(i),
            None => {
                map.insert(name.clone(), vec![i]);
            }
        }
    }
    for positions in metrics.values_mut().chain(tests.values_mut()) {
        positions.sort_unstable();
    }
    (metrics, tests)
}

impl Ledger {
    /// Puts the records the loader read in the canonical order, then indexes everything.
    pub fn new(mut parts: LedgerParts) -> Ledger {
        // The loader gives them in file order already, so this is usually one pass that
        // sorts nothing (a sort would still take scratch space the size of the list).
        if !parts.records.is_sorted_by_key(|r| r.place.table()) {
            parts.records.sort_by_key(|r| r.place.table());
        }
        let by_id = ById::in_order(&parts.records, |r| r.id());
        let file_order = order::sort(&mut parts.records, &by_id.order);
        let record_index = by_id.moved(&file_order);
        // The other indexes do not depend on one another, so they are built side by side.
        let ((metric_index, test_index), named) = crate::parallel::join(
            || named_indexes(&parts.records, &file_order),
            || {
                (
                    hashed(&parts.sources, |s| &s.id),
                    hashed(&parts.entities, |e| &e.id),
                    hashed(&parts.axes, |a| &a.id),
                )
            },
        );
        let (source_index, entity_index, axis_index) = named;
        Ledger {
            source_index,
            entity_index,
            axis_index,
            record_index,
            metric_index,
            test_index,
            file_order,
            sources: parts.sources,
            entities: parts.entities,
            axes: parts.axes,
            records: parts.records,
            unread: parts.unread,
        }
    }

    /// How many records are known by `day`. The canonical order sorts records by the day
    /// they become known first, so the records visible as of a day are the first this many:
    /// the index by date that grading as of a day (and a timeline, day after day) looks
    /// through instead of every record.
    pub fn known_by(&self, day: NaiveDate) -> usize {
        (self.records).partition_point(|r| r.when.known_date() <= day)
    }

    /// How many records are known before `day`: the first this many in the canonical order.
    pub fn known_before(&self, day: NaiveDate) -> usize {
        (self.records).partition_point(|r| r.when.known_date() < day)
    }

    /// The lists the ledger was made from, its records back in file order and its indexes
    /// dropped, as the loader hands them to [`Ledger::new`]: to add what was read since and
    /// index again, with the same result as reading everything at once.
    pub fn into_parts(self) -> LedgerParts {
        let records = self.records_in_file_order().cloned().collect();
        LedgerParts {
            sources: self.sources,
            entities: self.entities,
            axes: self.axes,
            records,
            unread: self.unread,
        }
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_index
            .get(id)
            .and_then(|&i| self.entities.get(i))
    }

    /// The axis with this id.
    pub fn axis(&self, id: &str) -> Option<&Axis> {
        self.axis_index.get(id).and_then(|&i| self.axes.get(i))
    }

    /// The record with this id.
    pub fn record(&self, id: &str) -> Option<&Record> {
        let i = self.record_position(id)?;
        self.records.get(i).map(Arc::as_ref)
    }

    /// Positions of the metric and budget records stating `metric`, in the canonical order.
    pub fn metric_records(&self, metric: &str) -> &[usize] {
        self.metric_index.get(metric).map_or(&[], Vec::as_slice)
    }

    /// Positions of the benchmark records with results on `test`, in the canonical order.
    pub fn test_records(&self, test: &str) -> &[usize] {
        self.test_index.get(test).map_or(&[], Vec::as_slice)
    }

    /// Every metric some record states, in no particular order.
    pub fn metrics(&self) -> impl Iterator<Item = &str> {
        self.metric_index.keys().map(String::as_str)
    }

    /// Whether any record states `metric`.
    pub fn knows_metric(&self, metric: &str) -> bool {
        self.metric_index.contains_key(metric)
    }

    /// The position of the record with this id in [`Ledger::records`].
    pub fn record_position(&self, id: &str) -> Option<usize> {
        self.record_index.find(&self.records, |r| r.id(), id)
    }

    /// Each record whose id a record earlier in the files already has, paired with the first
    /// record of that id, grouped by id. Read off the index by id, which keeps the records
    /// of one id in file order, rather than from a map of every id, which at a million
    /// records would weigh a hundred megabytes.
    pub fn repeated_records(&self) -> impl Iterator<Item = (&Record, &Record)> {
        let at = |i: u32| self.records.get(i as usize).map(Arc::as_ref);
        (self.record_index.repeated())
            .filter_map(move |(first, later)| Some((at(first)?, at(later)?)))
    }

    /// Every record in order of id; of records with the same id (an error the
    /// `duplicate_ids` check reports), the first in the files comes first.
    pub fn records_by_id(&self) -> impl Iterator<Item = &Arc<Record>> {
        (self.record_index.order.iter()).filter_map(|&i| self.records.get(i as usize))
    }

    /// Every record in the order it is written: files in name order, each from its top.
    /// Checks that speak of "the first" of two records, such as `duplicate_ids`, walk this
    /// order, so that "first" means first in the files, as a reader of them sees it.
    ///
    /// It is also the order the records lie in memory, as they were read, where the
    /// canonical order jumps about it: a walk through every record that needs no order of
    /// its own takes this one. At a million records, most of which no cache holds, a jump
    /// is a wait for memory at every record (the walk for chains of `restates` took twenty
    /// times as long as at 100,000 records in the canonical order).
    pub fn records_in_file_order(&self) -> impl Iterator<Item = &Arc<Record>> {
        self.positions_in_file_order()
            .filter_map(|i| self.records.get(i))
    }

    /// The records numbered `range` in the order they are written, counting from 0, those
    /// of them there are: a share of a walk through [`Ledger::records_in_file_order`].
    pub(crate) fn records_in_file_order_within(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Arc<Record>> {
        let end = range.end.min(self.file_order.len());
        let start = range.start.min(end);
        (self.file_order.get(start..end).unwrap_or_default().iter())
            .filter_map(|&i| self.records.get(i as usize))
    }

    /// The position in [`Ledger::records`] of every record, in the order it is written (see
    /// [`Ledger::records_in_file_order`]).
    pub fn positions_in_file_order(&self) -> impl Iterator<Item = usize> {
        self.file_order.iter().map(|&i| i as usize)
    }

    /// The records read from `file`, in the order they are written there.
    pub fn records_of_file(&self, file: FileId) -> impl Iterator<Item = &Arc<Record>> {
        let file_of = |&i: &u32| self.records.get(i as usize).map(|r| r.place.file());
        let start = (self.file_order).partition_point(|i| file_of(i) < Some(file));
        let end = (self.file_order).partition_point(|i| file_of(i) <= Some(file));
        (self.file_order.get(start..end).unwrap_or_default().iter())
            .filter_map(|&i| self.records.get(i as usize))
    }

    /// The country an entity belongs to: itself for a country, its `country` otherwise;
    /// `None` for an undeclared entity.
    pub fn country_of<'a>(&'a self, entity: &'a str) -> Option<&'a str> {
        let e = self.entity(entity)?;
        Some(e.country.as_deref().unwrap_or(&e.id))
    }

    /// Whether a record is about `subject`: the subject itself, or an entity of that country.
    pub fn is_about(&self, record: &Record, subject: &str) -> bool {
        *record.entity() == *subject || self.country_of(record.entity()) == Some(subject)
    }
}

#[cfg(test)]
mod tests {
    use super::{Body, ById};

    /// Each name's positions are those a walk through every record finds, in order: metrics
    /// and budgets by metric, benchmark results by test, and nothing else.
    #[test]
    fn named_indexes_hold_what_a_walk_through_every_record_finds() {
        let mut tree = crate::synthetic::tree(&crate::synthetic::generate(3000, 7));
        tree.claims.clear();
        let ledger = crate::workspace::Workspace::load(tree).ledger;
        let (mut metrics, mut tests) = (Vec::new(), Vec::new());
        for (i, r) in ledger.records.iter().enumerate() {
            match &r.body {
                Body::Benchmark(b) => tests.push((b.test.clone(), i)),
                body => metrics.extend(body.metric().map(|m| (m.get_ref().clone(), i))),
            }
        }
        assert!(!tests.is_empty() && !metrics.is_empty());
        let positions = |walked: &[(String, usize)], name: &str| -> Vec<usize> {
            (walked.iter())
                .filter(|(n, _)| n == name)
                .map(|&(_, i)| i)
                .collect()
        };
        for (name, _) in &tests {
            assert_eq!(ledger.test_records(name), positions(&tests, name), "{name}");
        }
        for (name, _) in &metrics {
            assert_eq!(
                ledger.metric_records(name),
                positions(&metrics, name),
                "{name}"
            );
        }
        let (test, _) = &tests[0];
        let (metric, _) = &metrics[0];
        assert!(ledger.metric_records(test).is_empty() && ledger.test_records(metric).is_empty());
    }

    #[test]
    fn a_file_s_records_are_those_read_from_it_in_the_order_written() {
        let mut tree = crate::synthetic::tree(&crate::synthetic::generate(3000, 7));
        tree.claims.clear();
        let workspace = crate::workspace::Workspace::load(tree);
        let ledger = &workspace.ledger;
        let mut seen = 0;
        for (file, _) in workspace.files.iter() {
            let of_file: Vec<_> = ledger.records_of_file(file).collect();
            let walked: Vec<_> = (ledger.records_in_file_order())
                .filter(|r| r.place.file() == file)
                .collect();
            assert_eq!(of_file, walked, "{file:?}");
            seen += of_file.len();
        }
        assert_eq!(seen, ledger.records.len());
        let past = crate::source_file::FileId(workspace.files.next_id().0 + 1);
        assert_eq!(ledger.records_of_file(past).count(), 0);
    }

    #[test]
    fn repeated_ids_are_paired_with_their_first_by_id_whatever_their_first_sixteen_bytes() {
        let long = |tail: &str| format!("a-long-shared-prefix-{tail}");
        let items = [
            long("x"),
            "b".to_owned(),
            long("y"),
            long("x"),
            "b".to_owned(),
            long("x"),
            "a\u{0}".to_owned(),
            "a".to_owned(),
        ];
        let index = ById::in_order(&items, |s| s.as_str());
        // `a` and `a\0` read the same in sixteen bytes padded with zeros, but differ.
        let pairs: Vec<(u32, u32)> = index.repeated().collect();
        assert_eq!(pairs, [(0, 3), (0, 5), (1, 4)]);
        assert_eq!(index.order, [7, 6, 0, 3, 5, 2, 1, 4]);
        // Moved, the pairs follow their items.
        let moved: Vec<(u32, u32)> = index.moved(&[7, 6, 5, 4, 3, 2, 1, 0]).repeated().collect();
        assert_eq!(moved, [(7, 4), (7, 2), (6, 3)]);
        assert_eq!(ById::in_order(&["a", "b"], |s| s).repeated().count(), 0);
    }

    #[test]
    fn lookups_find_the_first_of_repeated_ids_and_nothing_else() {
        let items = ["b", "a", "c", "a", "b"];
        let index = ById::in_order(&items, |s| s);
        let find = |id| index.find(&items, |s| s, id);
        assert_eq!(find("a"), Some(1));
        assert_eq!(find("b"), Some(0));
        assert_eq!(find("c"), Some(2));
        for missing in ["", "0", "aa", "bb", "d"] {
            assert_eq!(find(missing), None, "{missing}");
        }
        let empty: [&str; 0] = [];
        assert_eq!(ById::in_order(&empty, |s| s).find(&empty, |s| s, "a"), None);
    }
}
