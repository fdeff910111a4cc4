//! Which records `list` shows: those of one kind, bearing on one axis, about one entity (or
//! an entity of that country), known within a range of days, in the ledger's canonical
//! order.

use chrono::NaiveDate;

use super::{Ledger, Record, RecordKind};

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
}

impl Query {
    /// Whether `record`, of `ledger`, meets every condition.
    pub fn matches(&self, ledger: &Ledger, record: &Record) -> bool {
        self.kind.is_none_or(|k| k == record.kind())
            && (self.axis.as_ref()).is_none_or(|a| record.has_axis(a))
            && (self.entity.as_ref()).is_none_or(|e| ledger.is_about(record, e))
            && self.since.is_none_or(|d| record.when.known_date() >= d)
            && self.until.is_none_or(|d| record.when.known_date() <= d)
    }
}

impl Ledger {
    /// The records that meet `query`, in the canonical order, as every output lists them.
    pub fn query(&self, query: &Query) -> Vec<&Record> {
        (self.records.iter())
            .map(Box::as_ref)
            .filter(|r| query.matches(self, r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn ids<'a>(records: &[&'a Record]) -> Vec<&'a str> {
        records.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn every_condition_narrows_and_the_order_is_canonical() {
        let workspace = Workspace::load(crate::embedded::tree());
        let ledger = &workspace.ledger;
        let all = ledger.query(&Query::default());
        assert_eq!(all.len(), ledger.records.len());
        let in_order: Vec<&Record> = ledger.records.iter().map(Box::as_ref).collect();
        assert_eq!(ids(&all), ids(&in_order));

        let day = |s: &str| s.parse::<NaiveDate>().expect("a day");
        let query = Query {
            kind: Some(RecordKind::Budget),
            axis: None,
            entity: Some("JP".to_owned()),
            since: Some(day("2024-01-01")),
            until: Some(day("2026-12-31")),
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
}
