//! Which records a `count` or `sum` looks at: the filter's kinds, axes and fields, being
//! about the subject, and lying wholly inside the days it counts.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::choice::{budget_basis, investment_basis};
use crate::claim::{Basis, Filter};
use crate::ledger::{Body, Record};

/// Where a record's date puts it for a `count` or `sum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub(crate) enum Timing {
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
pub(crate) fn days(scope: &Scope<'_>, filter: &Filter) -> (NaiveDate, NaiveDate) {
    let since = filter.since.unwrap_or(scope.window.from);
    let until = filter.until.unwrap_or(scope.window.to);
    (since, until)
}

/// Where `record` falls for `filter` by its date alone: it counts when it is known by the
/// as-of date and lies wholly inside the filter's days, from its first day to its last; a
/// cumulative filter counts it when it is known by the last of those days.
pub(crate) fn timing(scope: &Scope<'_>, filter: &Filter, record: &Record) -> Timing {
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
pub(crate) fn selects(scope: &Scope<'_>, filter: &Filter, record: &Record) -> bool {
    (filter.kinds.is_empty() || filter.kinds.contains(&record.kind()))
        && (filter.axes.is_empty() || filter.axes.iter().any(|a| record.has_axis(a)))
        && body_matches(filter, &record.body)
        && scope
            .ledger
            .is_about(record, filter.entity.as_deref().unwrap_or(scope.subject))
}

/// The positions of the only records [`timing`] can place inside `filter`'s days, as a range
/// of the canonical order, which sorts by known date: none known after the as-of date or the
/// last day counted, and, unless the filter is cumulative, none known before the first day
/// counted, since a record lies wholly inside the days only when its first day is inside
/// them, and no record is known before its first day (a period's start cannot come after its
/// end). Looking only there, a timeline's steps each cost what their days hold, not the
/// whole ledger.
fn candidates(scope: &Scope<'_>, filter: &Filter) -> std::ops::Range<usize> {
    let (since, until) = days(scope, filter);
    let end = scope.ledger.known_by(scope.as_of.min(until));
    let start = if filter.cumulative {
        0
    } else {
        scope.ledger.known_before(since).min(end)
    };
    start..end
}

fn matching<'s>(
    scope: &'s Scope<'_>,
    filter: &'s Filter,
) -> impl Iterator<Item = (usize, &'s Record)> + 's {
    let range = candidates(scope, filter);
    let offset = range.start;
    (scope.ledger.records.get(range).unwrap_or_default().iter())
        .map(Arc::as_ref)
        .enumerate()
        .map(move |(i, r)| (offset + i, r))
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
pub(crate) fn counted(scope: &Scope<'_>, filter: &Filter) -> Vec<usize> {
    let matched: Vec<usize> = matching(scope, filter).map(|(i, _)| i).collect();
    let ids: std::collections::HashSet<&str> = matched
        .iter()
        .map(|&i| scope.ledger.records[i].id())
        .collect();
    matched
        .into_iter()
        .filter(|&i| {
            let points_to = scope.ledger.records[i].body.stands_in_for();
            points_to.is_none_or(|(_, target)| !ids.contains(target.get_ref().as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::claim::Window;
    use crate::ledger::Ledger;
    use crate::workspace::Workspace;

    /// The built-in ledger (periods, fiscal years, open starts) and a generated one.
    fn ledgers() -> Vec<Ledger> {
        let mut generated = crate::synthetic::tree(&crate::synthetic::generate(3000, 11));
        generated.claims.clear();
        [crate::embedded::tree(), generated]
            .into_iter()
            .map(|tree| Workspace::load(tree).ledger)
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// Whether `body` passes `filter`'s fields, field by field rather than kind by kind: each
    /// field that is set must belong to the record's kind and hold one of the wanted values.
    fn passes_field_by_field(filter: &Filter, body: &Body) -> bool {
        let name = |s: &Option<toml::Spanned<String>>| s.as_ref().map(|s| s.get_ref().clone());
        let fields = [
            (
                !filter.types.is_empty(),
                match body {
                    Body::Event(e) => filter.types.contains(&e.event_type),
                    _ => false,
                },
            ),
            (
                !filter.stages.is_empty(),
                match body {
                    Body::Deployment(d) => filter.stages.contains(&d.stage),
                    _ => false,
                },
            ),
            (
                filter.open_weights.is_some(),
                match body {
                    Body::Release(r) => filter.open_weights == Some(r.open_weights),
                    _ => false,
                },
            ),
            (
                filter.basis.is_some(),
                match body {
                    Body::Budget(b) => filter.basis == Some(budget_basis(b.basis)),
                    Body::Investment(v) => filter.basis == Some(investment_basis(v.basis)),
                    _ => false,
                },
            ),
            (
                filter.funder.is_some(),
                match body {
                    Body::Budget(b) => filter.funder == name(&b.funder),
                    _ => false,
                },
            ),
            (
                filter.investor.is_some(),
                match body {
                    Body::Investment(v) => filter.investor == name(&v.investor),
                    _ => false,
                },
            ),
        ];
        fields.iter().all(|&(set, passes)| !set || passes)
    }

    #[test]
    fn a_field_filter_selects_only_the_kinds_that_have_the_field() {
        use crate::claim::Basis;
        let mut filters = vec![Filter::default()];
        let mut checked = [0usize; 2];
        for ledger in ledgers() {
            // Every value the ledger holds, one field at a time, then two at a time.
            let mut one = Vec::new();
            for r in &ledger.records {
                let mut f = Filter::default();
                match &r.body {
                    Body::Event(e) => f.types = vec![e.event_type],
                    Body::Deployment(d) => f.stages = vec![d.stage],
                    Body::Release(x) => f.open_weights = Some(x.open_weights),
                    Body::Budget(b) => match &b.funder {
                        Some(funder) => f.funder = Some(funder.get_ref().clone()),
                        None => f.basis = Some(budget_basis(b.basis)),
                    },
                    Body::Investment(v) => match &v.investor {
                        Some(investor) => f.investor = Some(investor.get_ref().clone()),
                        None => f.basis = Some(investment_basis(v.basis)),
                    },
                    _ => continue,
                }
                if !one.contains(&f) {
                    one.push(f);
                }
            }
            for basis in [Basis::Annual, Basis::New, Basis::Cumulative] {
                one.push(Filter {
                    basis: Some(basis),
                    ..Filter::default()
                });
            }
            one.push(Filter {
                open_weights: Some(false),
                ..Filter::default()
            });
            let two: Vec<Filter> = (one.iter().enumerate())
                .flat_map(|(i, a)| {
                    one[i + 1..].iter().map(move |b| Filter {
                        types: [a.types.clone(), b.types.clone()].concat(),
                        stages: [a.stages.clone(), b.stages.clone()].concat(),
                        open_weights: a.open_weights.or(b.open_weights),
                        basis: a.basis.or(b.basis),
                        funder: a.funder.clone().or(b.funder.clone()),
                        investor: a.investor.clone().or(b.investor.clone()),
                        ..Filter::default()
                    })
                })
                .collect();
            filters.extend(one);
            filters.extend(two);
            for filter in &filters {
                for r in &ledger.records {
                    let passes = passes_field_by_field(filter, &r.body);
                    assert_eq!(
                        body_matches(filter, &r.body),
                        passes,
                        "{} {filter:?}",
                        r.id()
                    );
                    checked[usize::from(passes)] += 1;
                }
            }
        }
        // Both answers came up, many times over.
        assert!(checked.iter().all(|&n| n > 1000), "{checked:?}");
    }

    #[test]
    fn looking_only_between_the_dates_finds_what_looking_at_every_record_finds() {
        let window = Window {
            from: day(2025, 5, 1),
            to: day(2026, 4, 30),
        };
        let filters = [
            Filter::default(),
            Filter {
                cumulative: true,
                ..Filter::default()
            },
            Filter {
                since: Some(day(2019, 3, 15)),
                until: Some(day(2024, 12, 31)),
                ..Filter::default()
            },
            Filter {
                until: Some(day(2030, 1, 1)),
                cumulative: true,
                ..Filter::default()
            },
        ];
        let mut found = 0;
        for ledger in ledgers() {
            let subjects: Vec<String> = (ledger.entities.iter())
                .filter(|e| e.country.is_none())
                .map(|e| e.id.clone())
                .collect();
            for subject in &subjects {
                for filter in &filters {
                    for year in (2012..=2028).step_by(2) {
                        for month in [1, 4, 6, 12] {
                            let as_of = day(year, month, 1);
                            let scope = Scope {
                                ledger: &ledger,
                                as_of,
                                window,
                                subject,
                                removed: &[],
                            };
                            let everything: Vec<usize> = (ledger.records.iter())
                                .map(Arc::as_ref)
                                .enumerate()
                                .filter(|(_, r)| {
                                    selects(&scope, filter, r)
                                        && timing(&scope, filter, r) == Timing::Inside
                                })
                                .map(|(i, _)| i)
                                .collect();
                            let between: Vec<usize> =
                                matching(&scope, filter).map(|(i, _)| i).collect();
                            assert_eq!(between, everything, "{subject} {as_of} {filter:?}");
                            found += between.len();
                        }
                    }
                }
            }
        }
        // The comparison saw records, not only empty lists.
        assert!(found > 1000, "{found}");
    }
}
