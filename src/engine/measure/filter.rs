//! Which records a `count` or `sum` looks at: the filter's kinds, axes and fields, being
//! about the subject, and lying wholly inside the days it counts.

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::choice::{budget_basis, investment_basis};
use crate::claim::{Basis, Filter};
use crate::ledger::{Body, Record};

/// Where a record's date puts it for a `count` or `sum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Timing {
    /// It counts.
    Inside,
    /// It is known only after the as-of date.
    AfterAsOf {
        /// The day it becomes known.
        known: NaiveDate,
    },
    /// It lies (partly) outside the criterion's days.
    OutsideWindow {
        /// First day counted.
        since: NaiveDate,
        /// Last day counted.
        until: NaiveDate,
    },
    /// Its period has an open start, so it cannot be placed inside any window.
    OpenStart,
    /// It is known within the criterion's days but runs past their last day, so it does not
    /// lie wholly inside them: a fiscal year (known from its first day) in a shorter window.
    RunsPastWindow {
        /// The record's last day.
        last: NaiveDate,
        /// First day counted.
        since: NaiveDate,
        /// Last day counted.
        until: NaiveDate,
    },
}

/// The first and last day a filter counts: its own `since`/`until`, else the claim window.
/// Being known by the as-of date is a test of its own (see [`timing`]).
pub fn days(scope: &Scope<'_>, filter: &Filter) -> (NaiveDate, NaiveDate) {
    let since = filter.since.unwrap_or(scope.window.from);
    let until = filter.until.unwrap_or(scope.window.to);
    (since, until)
}

/// Where `record` falls for `filter` by its date alone: it counts when it is known by the
/// as-of date and lies wholly inside the filter's days, from its first day to its last; a
/// cumulative filter counts it when it is known by the last of those days.
pub fn timing(scope: &Scope<'_>, filter: &Filter, record: &Record) -> Timing {
    let (since, until) = days(scope, filter);
    let known = record.when.known_date();
    if known > scope.as_of {
        return Timing::AfterAsOf { known };
    }
    if known > until {
        return Timing::OutsideWindow { since, until };
    }
    if filter.cumulative {
        return Timing::Inside;
    }
    let last = record.when.last_day();
    match record.when.first_day() {
        None => Timing::OpenStart,
        Some(first) if first < since => Timing::OutsideWindow { since, until },
        Some(_) if last > until => Timing::RunsPastWindow { last, since, until },
        Some(_) => Timing::Inside,
    }
}

/// Whether `record` passes every part of `filter` but its dates: kind, axes, type, stage,
/// openness, investor, funder, basis, and being about the subject (or the filter's entity).
pub fn selects(scope: &Scope<'_>, filter: &Filter, record: &Record) -> bool {
    (filter.kinds.is_empty() || filter.kinds.contains(&record.kind()))
        && (filter.axes.is_empty() || filter.axes.iter().any(|a| record.has_axis(a)))
        && body_matches(filter, &record.body)
        && scope
            .ledger
            .is_about(record, filter.entity.as_deref().unwrap_or(scope.subject))
}

fn matching<'s>(
    scope: &'s Scope<'_>,
    filter: &'s Filter,
) -> impl Iterator<Item = (usize, &'s Record)> + 's {
    scope
        .ledger
        .records
        .iter()
        .map(Box::as_ref)
        .enumerate()
        .filter(move |(i, r)| {
            !scope.removed.contains(i)
                && selects(scope, filter, r)
                && timing(scope, filter, r) == Timing::Inside
        })
}

fn body_matches(filter: &Filter, body: &Body) -> bool {
    // A filter on a field only some kinds have selects among those kinds only.
    let money = |basis: Basis, funder: Option<&str>, investor: Option<&str>| {
        filter.basis.is_none_or(|b| b == basis)
            && filter.funder.as_deref().is_none_or(|f| funder == Some(f))
            && filter
                .investor
                .as_deref()
                .is_none_or(|v| investor == Some(v))
    };
    let plain = filter.types.is_empty()
        && filter.stages.is_empty()
        && filter.open_weights.is_none()
        && filter.basis.is_none()
        && filter.funder.is_none()
        && filter.investor.is_none();
    match body {
        Body::Event(e) => {
            (filter.types.is_empty() || filter.types.contains(&e.event_type))
                && filter.stages.is_empty()
                && filter.open_weights.is_none()
                && filter.basis.is_none()
                && filter.funder.is_none()
                && filter.investor.is_none()
        }
        Body::Deployment(d) => {
            (filter.stages.is_empty() || filter.stages.contains(&d.stage))
                && filter.types.is_empty()
                && filter.open_weights.is_none()
                && filter.basis.is_none()
                && filter.funder.is_none()
                && filter.investor.is_none()
        }
        Body::Release(r) => {
            filter.open_weights.is_none_or(|o| o == r.open_weights)
                && filter.types.is_empty()
                && filter.stages.is_empty()
                && filter.basis.is_none()
                && filter.funder.is_none()
                && filter.investor.is_none()
        }
        Body::Budget(b) => {
            filter.types.is_empty()
                && filter.stages.is_empty()
                && filter.open_weights.is_none()
                && filter.investor.is_none()
                && money(
                    budget_basis(b.basis),
                    b.funder.as_ref().map(|f| f.get_ref().as_str()),
                    None,
                )
        }
        Body::Investment(v) => {
            filter.types.is_empty()
                && filter.stages.is_empty()
                && filter.open_weights.is_none()
                && filter.funder.is_none()
                && money(
                    investment_basis(v.basis),
                    None,
                    v.investor.as_ref().map(|f| f.get_ref().as_str()),
                )
        }
        Body::Metric(_) | Body::Benchmark(_) | Body::Target(_) => plain,
    }
}

/// The records a count counts: those matching the filter, less any that restates, or is
/// `part_of`, another matching record, so that one fact counts once. The original and the
/// whole count; a restatement or a part counts only when what it points to does not match.
pub fn counted(scope: &Scope<'_>, filter: &Filter) -> Vec<usize> {
    let matched: Vec<usize> = matching(scope, filter).map(|(i, _)| i).collect();
    let ids: std::collections::HashSet<&str> = matched
        .iter()
        .map(|&i| scope.ledger.records[i].id.as_str())
        .collect();
    matched
        .into_iter()
        .filter(|&i| {
            let points_to = scope.ledger.records[i].body.stands_in_for();
            points_to.is_none_or(|(_, target)| !ids.contains(target.get_ref().as_str()))
        })
        .collect()
}
