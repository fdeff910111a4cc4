//! Computing each measure from the records visible as of a date. Every result names the
//! records it used and keeps the operands, so `explain` can show the arithmetic.

use chrono::NaiveDate;
use serde::Serialize;

use crate::claim::{Filter, Measure, Window};
use crate::ledger::{Body, Dimension, Ledger, Quantity, Record, When};

/// How much a self-reported record counts, relative to an independent one. A company's own
/// unverified figure can earn at most half the credit of an independent measurement.
pub const SELF_REPORTED_WEIGHT: f64 = 0.5;

/// One operand: a record and the value it contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operand {
    /// Position of the record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The record's id.
    pub id: String,
    /// The entity the value belongs to.
    pub entity: String,
    /// The value as stated.
    pub stated: Quantity,
    /// The value in its dimension's base unit.
    pub normalised: f64,
}

/// One record in a count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// The record's id.
    pub id: String,
    /// 1, or [`SELF_REPORTED_WEIGHT`] when self-reported.
    pub weight: f64,
}

/// The arithmetic behind a measured value, one shape per measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Arithmetic {
    /// `subject / leader`.
    Ratio {
        /// The subject's value.
        subject: Operand,
        /// The highest peer value.
        leader: Operand,
        /// Every peer value considered, leader included.
        peers: Vec<Operand>,
    },
    /// A ratio stated by a source rather than computed.
    StatedRatio {
        /// The record stating it.
        stated: Operand,
        /// Whom the ratio is relative to.
        relative_to: String,
    },
    /// A value read as stated: a rank, a share, a plain value.
    Stated {
        /// The record stating it.
        stated: Operand,
    },
    /// A position computed from values: `position` of `out_of`.
    Ranked {
        /// The subject's value.
        subject: Operand,
        /// Everyone's values, the subject included.
        field: Vec<Operand>,
    },
    /// `subject / (subject + peers) * 100`.
    ShareOfTotal {
        /// The subject's value.
        subject: Operand,
        /// Everyone's values, the subject included.
        field: Vec<Operand>,
    },
    /// `to / from`.
    Growth {
        /// The earlier value.
        from: Operand,
        /// The later value.
        to: Operand,
    },
    /// A weighted count of records.
    Count {
        /// Each record counted, with its weight.
        counted: Vec<Counted>,
    },
    /// A total of amounts.
    Sum {
        /// Each amount added.
        parts: Vec<Operand>,
        /// Records skipped because their amount is in another dimension.
        skipped: Vec<String>,
    },
    /// `best comparator - subject` in points.
    Gap {
        /// The subject's best model and score.
        subject_model: String,
        /// The subject's score.
        subject: Operand,
        /// The best comparator's model.
        frontier_model: String,
        /// The best comparator's score.
        frontier: f64,
    },
}

/// A computed value with its arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measured {
    /// The value the goalposts judge.
    pub value: f64,
    /// What the value is in.
    pub dimension: Option<Dimension>,
    /// How it was computed.
    pub arithmetic: Arithmetic,
    /// Every record used, in order of use.
    #[serde(skip)]
    pub records: Vec<usize>,
    /// The factor applied to the sub-score: 1, or [`SELF_REPORTED_WEIGHT`] when the
    /// subject's side rests on self-reported evidence. For counts the discount is already in
    /// the value.
    pub discount: f64,
}

/// Why a criterion has no value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// What is missing, in a sentence.
    pub reason: String,
}

/// What the engine may look at for one claim.
pub struct Scope<'a> {
    /// The ledger.
    pub ledger: &'a Ledger,
    /// Records known after this day are invisible.
    pub as_of: NaiveDate,
    /// The claim's window.
    pub window: Window,
    /// The claim's subject.
    pub subject: &'a str,
    /// Records to treat as removed (for pivotal-evidence analysis); empty normally.
    pub removed: &'a [usize],
}

impl Scope<'_> {
    fn visible(&self, index: usize, record: &Record) -> bool {
        record.when.known_date() <= self.as_of && !self.removed.contains(&index)
    }

    /// Visible records stating `metric` for `entity` (budgets and metrics).
    fn values<'s>(
        &'s self,
        metric: &'s str,
        entity: &'s str,
    ) -> impl Iterator<Item = (usize, &'s Record, &'s Quantity, Option<&'s str>, bool)> + 's {
        self.ledger
            .metric_records(metric)
            .iter()
            .filter_map(move |&i| {
                let r: &Record = &self.ledger.records[i];
                if r.entity != entity || !self.visible(i, r) {
                    return None;
                }
                match &r.body {
                    Body::Metric(m) => Some((
                        i,
                        r,
                        m.value.get_ref(),
                        m.relative_to.as_ref().map(|s| s.get_ref().as_str()),
                        m.restates.is_some(),
                    )),
                    Body::Budget(b) => Some((i, r, b.amount.get_ref(), None, false)),
                    _ => None,
                }
            })
    }

    /// The best absolute statement of `metric` for `entity`: in `period` if given, else the
    /// latest; originals before restatements, then by id, so the choice is stable.
    fn pick(&self, metric: &str, entity: &str, period: Option<&When>) -> Option<Operand> {
        self.values(metric, entity)
            .filter(|(_, r, _, relative, _)| {
                relative.is_none() && period.is_none_or(|p| r.when == *p)
            })
            .max_by(|a, b| {
                (a.1.when.known_date(), !a.4, std::cmp::Reverse(&a.1.id)).cmp(&(
                    b.1.when.known_date(),
                    !b.4,
                    std::cmp::Reverse(&b.1.id),
                ))
            })
            .map(|(i, r, q, _, _)| operand(i, r, q))
    }
}

fn operand(index: usize, record: &Record, quantity: &Quantity) -> Operand {
    Operand {
        record: index,
        id: record.id.clone(),
        entity: record.entity.clone(),
        stated: *quantity,
        normalised: quantity.normalised().value,
    }
}

fn dimension(op: &Operand) -> Dimension {
    op.stated.normalised().dimension
}

fn missing(reason: impl Into<String>) -> Result<Measured, Missing> {
    Err(Missing {
        reason: reason.into(),
    })
}

fn discount(ledger: &Ledger, records: &[usize]) -> f64 {
    if records.iter().any(|&i| ledger.records[i].self_reported) {
        SELF_REPORTED_WEIGHT
    } else {
        1.0
    }
}

/// Computes `measure` within `scope`.
pub fn compute(measure: &Measure, scope: &Scope<'_>) -> Result<Measured, Missing> {
    let subject = scope.subject;
    match measure {
        Measure::RatioToLeader {
            metric,
            peers,
            period,
        } => {
            let own = scope.pick(metric, subject, period.as_ref());
            if let Some(own) = own {
                let when = scope.ledger.records[own.record].when;
                let mut field: Vec<Operand> = peers
                    .iter()
                    .filter_map(|p| scope.pick(metric, p, Some(&when)))
                    .filter(|p| dimension(p) == dimension(&own))
                    .collect();
                field.sort_by(|a, b| b.normalised.total_cmp(&a.normalised).then(a.id.cmp(&b.id)));
                if let Some(leader) = field.first().cloned() {
                    if leader.normalised <= 0.0 {
                        return missing(format!("the leading peer's `{metric}` is zero"));
                    }
                    let mut records = vec![own.record];
                    records.extend(field.iter().map(|p| p.record));
                    return Ok(Measured {
                        value: own.normalised / leader.normalised,
                        dimension: Some(Dimension::Ratio),
                        discount: discount(scope.ledger, &[own.record]),
                        arithmetic: Arithmetic::Ratio {
                            subject: own,
                            leader,
                            peers: field,
                        },
                        records,
                    });
                }
            }
            // No comparable absolute figures: a source may still state the ratio itself.
            let stated = scope
                .values(metric, subject)
                .filter(|(_, r, q, relative, _)| {
                    relative.is_some_and(|p| peers.iter().any(|x| x == p))
                        && q.normalised().dimension == Dimension::Ratio
                        && period.as_ref().is_none_or(|p| r.when == *p)
                })
                .max_by_key(|(_, r, _, _, _)| {
                    (r.when.known_date(), std::cmp::Reverse(r.id.clone()))
                });
            match stated {
                Some((i, r, q, Some(relative), _)) => Ok(Measured {
                    value: q.normalised().value,
                    dimension: Some(Dimension::Ratio),
                    discount: discount(scope.ledger, &[i]),
                    arithmetic: Arithmetic::StatedRatio {
                        stated: operand(i, r, q),
                        relative_to: relative.to_owned(),
                    },
                    records: vec![i],
                }),
                _ => missing(format!(
                    "no `{metric}` for `{subject}` and a peer in the same period"
                )),
            }
        }
        Measure::Rank {
            metric,
            entity,
            peers,
        } => {
            let who = entity.as_deref().unwrap_or(subject);
            let stated = scope
                .values(metric, who)
                .filter(|(_, _, q, relative, _)| {
                    relative.is_none() && q.unit == crate::ledger::Unit::Rank
                })
                .max_by_key(|(_, r, _, _, restates)| {
                    (
                        r.when.known_date(),
                        !*restates,
                        std::cmp::Reverse(r.id.clone()),
                    )
                });
            if let Some((i, r, q, _, _)) = stated {
                return Ok(Measured {
                    value: q.normalised().value,
                    dimension: Some(Dimension::Rank),
                    discount: discount(scope.ledger, &[i]),
                    arithmetic: Arithmetic::Stated {
                        stated: operand(i, r, q),
                    },
                    records: vec![i],
                });
            }
            let (own, field) = field(scope, metric, who, peers).ok_or_else(|| Missing {
                reason: format!("no rank or comparable `{metric}` for `{who}`"),
            })?;
            let position = 1 + field
                .iter()
                .filter(|p| p.normalised > own.normalised)
                .count();
            let records = field.iter().map(|p| p.record).collect();
            Ok(Measured {
                value: position as f64,
                dimension: Some(Dimension::Rank),
                discount: discount(scope.ledger, &[own.record]),
                arithmetic: Arithmetic::Ranked {
                    subject: own,
                    field,
                },
                records,
            })
        }
        Measure::Share {
            metric,
            entity,
            peers,
        } => {
            let who = entity.as_deref().unwrap_or(subject);
            if let Some(own) = scope
                .pick(metric, who, None)
                .filter(|own| dimension(own) == Dimension::Share)
            {
                let i = own.record;
                return Ok(Measured {
                    value: own.normalised,
                    dimension: Some(Dimension::Share),
                    discount: discount(scope.ledger, &[i]),
                    arithmetic: Arithmetic::Stated { stated: own },
                    records: vec![i],
                });
            }
            let (own, field) = field(scope, metric, who, peers).ok_or_else(|| Missing {
                reason: format!("no share or comparable `{metric}` for `{who}`"),
            })?;
            let total: f64 = field.iter().map(|p| p.normalised).sum();
            if total <= 0.0 {
                return missing(format!("the total `{metric}` is zero"));
            }
            let records = field.iter().map(|p| p.record).collect();
            Ok(Measured {
                value: own.normalised / total * 100.0,
                dimension: Some(Dimension::Share),
                discount: discount(scope.ledger, &[own.record]),
                arithmetic: Arithmetic::ShareOfTotal {
                    subject: own,
                    field,
                },
                records,
            })
        }
        Measure::Growth { metric, from, to } => {
            let earlier = scope.pick(metric, subject, Some(from));
            let later = scope.pick(metric, subject, Some(to));
            match (earlier, later) {
                (Some(a), Some(b)) if dimension(&a) == dimension(&b) && a.normalised > 0.0 => {
                    let records = vec![a.record, b.record];
                    Ok(Measured {
                        value: b.normalised / a.normalised,
                        dimension: Some(Dimension::Ratio),
                        discount: discount(scope.ledger, &records),
                        arithmetic: Arithmetic::Growth { from: a, to: b },
                        records,
                    })
                }
                (Some(a), Some(b)) if dimension(&a) != dimension(&b) => missing(format!(
                    "`{metric}` in {from} and {to} are in different units and cannot be compared"
                )),
                (Some(_), Some(_)) => missing(format!("`{metric}` in {from} is zero")),
                (None, _) => missing(format!("no `{metric}` for `{subject}` in {from}")),
                (_, None) => missing(format!("no `{metric}` for `{subject}` in {to}")),
            }
        }
        Measure::Count(filter) => {
            let counted: Vec<(usize, f64)> = matching(scope, filter)
                .map(|(i, r)| {
                    (
                        i,
                        if r.self_reported {
                            SELF_REPORTED_WEIGHT
                        } else {
                            1.0
                        },
                    )
                })
                .collect();
            if counted.is_empty() {
                // Absence of records is absence of evidence, not evidence of absence.
                return missing("no matching records");
            }
            Ok(Measured {
                value: counted.iter().map(|(_, w)| w).sum(),
                dimension: Some(Dimension::Count),
                discount: 1.0,
                records: counted.iter().map(|(i, _)| *i).collect(),
                arithmetic: Arithmetic::Count {
                    counted: counted
                        .iter()
                        .map(|&(i, weight)| Counted {
                            id: scope.ledger.records[i].id.clone(),
                            weight,
                        })
                        .collect(),
                },
            })
        }
        Measure::Sum(filter) => {
            let mut parts: Vec<Operand> = Vec::new();
            let mut skipped = Vec::new();
            let mut unit: Option<Dimension> = None;
            for (i, r) in matching(scope, filter) {
                let (amount, equivalent) = match &r.body {
                    Body::Budget(b) => (*b.amount.get_ref(), None),
                    Body::Investment(v) => (v.amount, v.equivalent),
                    _ => continue,
                };
                let want = *unit.get_or_insert(amount.normalised().dimension);
                let chosen = [Some(amount), equivalent]
                    .into_iter()
                    .flatten()
                    .find(|q| q.normalised().dimension == want);
                match chosen {
                    Some(q) => parts.push(operand(i, r, &q)),
                    None => skipped.push(r.id.clone()),
                }
            }
            if parts.is_empty() {
                return missing("no matching amounts");
            }
            let records: Vec<usize> = parts.iter().map(|p| p.record).collect();
            Ok(Measured {
                // Added in an order set by the amounts alone, so that renaming or reordering
                // records cannot move the total by a last bit.
                value: crate::engine::total::total(parts.iter().map(|p| p.normalised)),
                dimension: unit,
                discount: discount(scope.ledger, &records),
                records,
                arithmetic: Arithmetic::Sum { parts, skipped },
            })
        }
        Measure::BenchmarkGap { test } => benchmark_gap(scope, test),
        Measure::Value { metric, entity } => {
            let who = entity.as_deref().unwrap_or(subject);
            let own = scope.pick(metric, who, None).ok_or_else(|| Missing {
                reason: format!("no `{metric}` for `{who}`"),
            })?;
            let i = own.record;
            Ok(Measured {
                value: own.normalised,
                dimension: Some(dimension(&own)),
                discount: discount(scope.ledger, &[i]),
                arithmetic: Arithmetic::Stated { stated: own },
                records: vec![i],
            })
        }
    }
}

/// The subject's latest value and the peers' values for the same period, all of one
/// dimension; `None` when the subject has no value or no peer does.
fn field(
    scope: &Scope<'_>,
    metric: &str,
    who: &str,
    peers: &[String],
) -> Option<(Operand, Vec<Operand>)> {
    let own = scope.pick(metric, who, None)?;
    let when = scope.ledger.records[own.record].when;
    let mut field: Vec<Operand> = peers
        .iter()
        .filter(|p| p.as_str() != who)
        .filter_map(|p| scope.pick(metric, p, Some(&when)))
        .filter(|p| dimension(p) == dimension(&own))
        .collect();
    if field.is_empty() {
        return None;
    }
    field.insert(0, own.clone());
    Some((own, field))
}

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
}

/// The first and last day a filter counts: its own `since`/`until`, else the claim window,
/// never past the as-of date.
pub fn days(scope: &Scope<'_>, filter: &Filter) -> (NaiveDate, NaiveDate) {
    let since = filter.since.unwrap_or(scope.window.from);
    let until = filter.until.unwrap_or(scope.window.to).min(scope.as_of);
    (since, until)
}

/// Where `record` falls for `filter` by its date alone.
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
    match record.when.first_day() {
        None => Timing::OpenStart,
        Some(first) if first < since => Timing::OutsideWindow { since, until },
        Some(_) => Timing::Inside,
    }
}

/// Whether `record` passes every part of `filter` but its dates: kind, axis, type, stage,
/// openness, and being about the subject.
pub fn selects(scope: &Scope<'_>, filter: &Filter, record: &Record) -> bool {
    (filter.kinds.is_empty() || filter.kinds.contains(&record.kind()))
        && filter.axis.as_ref().is_none_or(|a| record.has_axis(a))
        && body_matches(filter, &record.body)
        && scope.ledger.is_about(record, scope.subject)
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
    match body {
        Body::Event(e) => filter.types.is_empty() || filter.types.contains(&e.event_type),
        Body::Deployment(d) => filter.stages.is_empty() || filter.stages.contains(&d.stage),
        Body::Release(r) => filter.open_weights.is_none_or(|o| o == r.open_weights),
        Body::Budget(_)
        | Body::Investment(_)
        | Body::Metric(_)
        | Body::Benchmark(_)
        | Body::Target(_) => {
            // A type or stage filter names events or deployments only.
            filter.types.is_empty() && filter.stages.is_empty() && filter.open_weights.is_none()
        }
    }
}

fn benchmark_gap(scope: &Scope<'_>, test: &str) -> Result<Measured, Missing> {
    let mut best_own: Option<(usize, &Record, &str, &Quantity)> = None;
    let mut frontier: Option<(String, f64, usize)> = None;
    let mut consider = |model: &str, q: &Quantity, record: usize| {
        let v = q.normalised().value;
        if frontier
            .as_ref()
            .is_none_or(|(m, f, _)| v > *f || (v == *f && model < m.as_str()))
        {
            frontier = Some((model.to_owned(), v, record));
        }
    };
    for (i, r) in scope.ledger.records.iter().enumerate() {
        let Body::Benchmark(b) = &r.body else {
            continue;
        };
        if b.test != test || !scope.visible(i, r) {
            continue;
        }
        if scope.ledger.is_about(r, scope.subject) {
            let better = best_own
                .is_none_or(|(_, _, _, q)| b.score.normalised().value > q.normalised().value);
            if better {
                best_own = Some((i, r, &b.model, &b.score));
            }
        } else {
            consider(&b.model, &b.score, i);
        }
        for c in &b.comparators {
            let about_subject = c
                .entity
                .as_ref()
                .is_some_and(|e| scope.ledger.country_of(e.get_ref()) == Some(scope.subject));
            if !about_subject {
                consider(&c.model, &c.score, i);
            }
        }
    }
    let Some((i, r, model, score)) = best_own else {
        return missing(format!(
            "no `{test}` result for a model from `{}`",
            scope.subject
        ));
    };
    let Some((frontier_model, frontier, frontier_record)) = frontier else {
        return missing(format!(
            "no `{test}` result from outside `{}` to compare with",
            scope.subject
        ));
    };
    let own = operand(i, r, score);
    Ok(Measured {
        value: frontier - own.normalised,
        dimension: Some(Dimension::Score),
        discount: discount(scope.ledger, &[i]),
        records: if frontier_record == i {
            vec![i]
        } else {
            vec![i, frontier_record]
        },
        arithmetic: Arithmetic::Gap {
            subject_model: model.to_owned(),
            subject: own,
            frontier_model,
            frontier,
        },
    })
}
