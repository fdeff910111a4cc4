//! Which records `list` shows: those of one kind, bearing on one axis, about one entity (or
//! an entity of that country), citing one source, known within a range of days, in the
//! ledger's canonical order; and which sources, entities and axes those records lead to.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Axis, Entity, Ledger, Record, RecordKind, Source};

/// Conditions a record must meet; one left `None` lets every record through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Only records of this kind.
    pub kind: Option<RecordKind>,
    /// Only records bearing on this axis.
    pub axis: Option<String>,
    /// Only records about this entity, or about an entity of this country.
    pub entity: Option<String>,
    /// Only records known on or after this day.
    pub since: Option<NaiveDate>,
    /// Only records known on or before this day.
    pub until: Option<NaiveDate>,
    /// Only records citing this source.
    pub source: Option<String>,
}

/// A source, entity or axis that `list` shows, with how many of the records a query found
/// lead to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listed<'a, T> {
    /// The source, entity or axis.
    pub item: &'a T,
    /// How many records found cite the source, are about the entity (or an entity of that
    /// country) or bear on the axis.
    pub records: usize,
}

impl Query {
    /// Whether `record`, of `ledger`, meets every condition.
    pub fn matches(&self, ledger: &Ledger, record: &Record) -> bool {
        self.kind.is_none_or(|k| k == record.kind())
            && (self.axis.as_ref()).is_none_or(|a| record.has_axis(a))
            && (self.entity.as_ref()).is_none_or(|e| ledger.is_about(record, e))
            && self.since.is_none_or(|d| record.when.known_date() >= d)
            && self.until.is_none_or(|d| record.when.known_date() <= d)
            && (self.source.as_ref()).is_none_or(|s| record.cites(s))
    }

    /// Whether the query sets no condition, and so finds every record.
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

impl Ledger {
    /// The records that meet `query`, in the canonical order, as every output lists them.
    pub fn query(&self, query: &Query) -> Vec<&Record> {
        (self.records.iter())
            .map(Arc::as_ref)
            .filter(|r| query.matches(self, r))
            .collect()
    }

    /// The sources that records meeting `query` cite, by id; with no condition, every
    /// source, cited or not.
    pub fn query_sources(&self, query: &Query) -> Vec<Listed<'_, Source>> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for record in self.query(query) {
            for source in record.sources() {
                *counts.entry(source).or_default() += 1;
            }
        }
        listed(&self.sources, query, &counts, |s| &s.id)
    }

    /// The entities that records meeting `query` are about, directly or as their country,
    /// by id; with no condition, every entity.
    pub fn query_entities(&self, query: &Query) -> Vec<Listed<'_, Entity>> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for record in self.query(query) {
            let entity: &str = record.entity();
            *counts.entry(entity).or_default() += 1;
            // A record about an entity is about its country too (see `is_about`).
            if let Some(country) = self.country_of(entity).filter(|c| *c != entity) {
                *counts.entry(country).or_default() += 1;
            }
        }
        listed(&self.entities, query, &counts, |e| &e.id)
    }

    /// The axes that records meeting `query` bear on, by id; with no condition, every axis.
    pub fn query_axes(&self, query: &Query) -> Vec<Listed<'_, Axis>> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for record in self.query(query) {
            for axis in record.axes() {
                *counts.entry(axis).or_default() += 1;
            }
        }
        listed(&self.axes, query, &counts, |a| &a.id)
    }
}

/// `items` with their counts in `counts` (by id, counted in one pass over the records
/// found), sorted by id (never by file, so that how the ledger is split into files changes
/// nothing); only those some record leads to, unless `query` is empty.
fn listed<'a, T>(
    items: &'a [T],
    query: &Query,
    counts: &HashMap<&str, usize>,
    id: impl Fn(&T) -> &str,
) -> Vec<Listed<'a, T>> {
    let mut out: Vec<Listed<'a, T>> = (items.iter())
        .map(|item| Listed {
            item,
            records: counts.get(id(item)).copied().unwrap_or(0),
        })
        .filter(|l| query.is_empty() || l.records > 0)
        .collect();
    out.sort_by(|a, b| id(a.item).cmp(id(b.item)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn ids<'a>(records: &[&'a Record]) -> Vec<&'a str> {
        records.iter().map(|r| r.id()).collect()
    }

    #[test]
    fn every_condition_narrows_and_the_order_is_canonical() {
        let workspace = Workspace::load(crate::embedded::tree());
        let ledger = &workspace.ledger;
        let all = ledger.query(&Query::default());
        assert_eq!(all.len(), ledger.records.len());
        let in_order: Vec<&Record> = ledger.records.iter().map(Arc::as_ref).collect();
        assert_eq!(ids(&all), ids(&in_order));

        let day = |s: &str| s.parse::<NaiveDate>().expect("a day");
        let query = Query {
            kind: Some(RecordKind::Budget),
            axis: None,
            entity: Some("JP".to_owned()),
            since: Some(day("2024-01-01")),
            until: Some(day("2026-12-31")),
            source: None,
        };
        let found = ledger.query(&query);
        assert!(!found.is_empty());
        for r in &found {
            assert_eq!(r.kind(), RecordKind::Budget);
            assert!(ledger.is_about(r, "JP"));
            let known = r.when.known_date();
            assert!(day("2024-01-01") <= known && known <= day("2026-12-31"));
        }
        let expected: Vec<&Record> = (all.iter().copied())
            .filter(|r| query.matches(ledger, r))
            .collect();
        assert_eq!(ids(&found), ids(&expected));
        assert!(found.len() < all.len());
        let nowhere = Query {
            axis: Some("no-such-axis".to_owned()),
            ..Query::default()
        };
        assert!(ledger.query(&nowhere).is_empty());
    }

    #[test]
    fn sources_entities_and_axes_are_those_the_records_found_lead_to() {
        let workspace = Workspace::load(crate::embedded::tree());
        let ledger = &workspace.ledger;
        let everything = Query::default();
        assert_eq!(
            ledger.query_sources(&everything).len(),
            ledger.sources.len()
        );
        assert_eq!(
            ledger.query_entities(&everything).len(),
            ledger.entities.len()
        );
        assert_eq!(ledger.query_axes(&everything).len(), ledger.axes.len());
        let ids: Vec<&str> = (ledger.query_sources(&everything).iter())
            .map(|l| l.item.id.as_str())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id: {ids:?}");

        let on_compute = Query {
            axis: Some("compute".to_owned()),
            ..Query::default()
        };
        let records = ledger.query(&on_compute);
        let sources = ledger.query_sources(&on_compute);
        assert!(!sources.is_empty() && sources.len() < ledger.sources.len());
        for listed in &sources {
            let citing = (records.iter())
                .filter(|r| r.cites(&listed.item.id))
                .count();
            assert_eq!(listed.records, citing);
            assert!(citing > 0);
        }
        let axes = ledger.query_axes(&on_compute);
        let compute = axes.iter().find(|l| l.item.id == "compute");
        assert_eq!(compute.map(|l| l.records), Some(records.len()));

        // Each count is what a scan of every record finds.
        let every = ledger.query(&everything);
        for listed in ledger.query_entities(&everything) {
            let about = every
                .iter()
                .filter(|r| ledger.is_about(r, &listed.item.id))
                .count();
            assert_eq!(listed.records, about, "{}", listed.item.id);
        }
        for listed in ledger.query_axes(&everything) {
            let on = every.iter().filter(|r| r.has_axis(&listed.item.id)).count();
            assert_eq!(listed.records, on, "{}", listed.item.id);
        }

        let about_jp = Query {
            entity: Some("JP".to_owned()),
            ..Query::default()
        };
        for listed in ledger.query_entities(&about_jp) {
            assert!(listed.item.id == "JP" || listed.item.country.as_deref() == Some("JP"));
        }

        let source = &sources[0].item.id;
        let citing = Query {
            source: Some(source.clone()),
            ..Query::default()
        };
        let found = ledger.query(&citing);
        assert!(found.len() >= sources[0].records && !found.is_empty());
        assert!(found.iter().all(|r| r.cites(source)));
    }
}
