//! Computing each measure from the records visible as of a date. Every result names the
//! records it used and keeps the operands, so `explain` can show the arithmetic.

use chrono::NaiveDate;
use serde::Serialize;

use crate::claim::{Basis, Filter, Measure, Selection, Window};
use crate::ledger::{
    Body, BudgetBasis, Dimension, InvestmentBasis, Ledger, Quantity, Record, Unit, When,
};

/// How much a self-reported record counts, relative to an independent one. A company's own
/// unverified figure can earn at most half the credit of an independent measurement.
pub const SELF_REPORTED_WEIGHT: f64 = 0.5;

/// How uncertain a figure marked approximate (約) is: it stands for any value within 10% of
/// itself. A threshold inside that band is too close to call.
pub const APPROXIMATE: f64 = 0.1;

/// An amount converted to another currency through a sourced exchange rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    /// Position of the exchange-rate record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The exchange-rate record's id.
    pub id: String,
    /// The rate, in yen per US dollar.
    pub rate: f64,
}

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
    /// The value in its dimension's base unit (after any conversion).
    pub normalised: f64,
    /// The exchange rate it was converted through; `None` when it was not converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<Conversion>,
}

impl Operand {
    /// How far the value may lie from `normalised`: [`APPROXIMATE`] of it when the source
    /// says "about", else nothing.
    pub fn uncertainty(&self) -> f64 {
        if self.stated.approximate {
            APPROXIMATE * self.normalised.abs()
        } else {
            0.0
        }
    }

    /// The uncertainty relative to the value.
    fn relative_uncertainty(&self) -> f64 {
        if self.stated.approximate {
            APPROXIMATE
        } else {
            0.0
        }
    }
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
        /// Each amount added, in the total's currency.
        parts: Vec<Operand>,
        /// Records left out because their amount is in another currency and no exchange
        /// rate converts it.
        skipped: Vec<String>,
    },
    /// `comparator - subject` in points, or `subject / comparator` as a ratio.
    Gap {
        /// The subject's best model and score.
        subject_model: String,
        /// The subject's score.
        subject: Operand,
        /// The comparator's model: the named one, or the best from outside the subject.
        frontier_model: String,
        /// The comparator's score.
        frontier: f64,
        /// Whether the value is the ratio `subject / comparator` rather than the gap.
        ratio: bool,
    },
}

/// A computed value with its arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measured {
    /// The value the goalposts judge.
    pub value: f64,
    /// How far the true value may lie from `value` because approximate figures went into
    /// it; 0 when every figure is exact.
    pub uncertainty: f64,
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

/// Why a criterion has no value. `render::wording` puts it into words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "missing", rename_all = "snake_case")]
pub enum Missing {
    /// No record states the metric for the entity (in the period, when one is set).
    NoValue {
        /// The metric; `None` for investment amounts.
        metric: Option<String>,
        /// Whose value was wanted.
        entity: String,
        /// The period wanted; `None` means any.
        period: Option<When>,
    },
    /// The entity has a value but no peer has one for the same period.
    NoPeerValue {
        /// The metric.
        metric: String,
        /// Whose value was wanted.
        entity: String,
    },
    /// Neither a stated rank nor values to rank by.
    NoRank {
        /// The metric.
        metric: String,
        /// Who was to be ranked.
        entity: String,
    },
    /// Neither a stated percentage nor values to take a share of.
    NoShare {
        /// The metric.
        metric: String,
        /// Whose share was wanted.
        entity: String,
    },
    /// A value to divide by is zero: the leading peer's, the total, or the earlier period's.
    DivideByZero {
        /// The metric.
        metric: String,
    },
    /// The two periods of a growth are stated in different dimensions.
    DifferentUnits {
        /// The metric.
        metric: String,
        /// The earlier period.
        from: When,
        /// The later period.
        to: When,
    },
    /// No record matches the filter.
    NoMatchingRecords,
    /// Records match, but none states an amount in the sum's currency or one that converts.
    NoMatchingAmounts {
        /// The records in another currency.
        skipped: Vec<String>,
    },
    /// No model from the subject has a result on the test.
    NoSubjectResult {
        /// The test.
        test: String,
        /// The subject.
        entity: String,
    },
    /// No comparator (the named one, or any from outside the subject) has a result.
    NoComparatorResult {
        /// The test.
        test: String,
        /// The comparator named by the claim; `None` means any from outside the subject.
        comparator: Option<String>,
    },
    /// Several records compete for the one value the measure needs and state different
    /// values: the claim must select one (`basis`, `period`, `entity`, `record`, ...).
    Ambiguous {
        /// Every competing record.
        candidates: Vec<Operand>,
    },
    /// The measure's arithmetic gave a value that is not a finite number: a sum, ratio or
    /// growth of finite figures that overflowed. It is refused rather than graded, since the
    /// goalposts would clamp `inf` to world level and `NaN` to nothing.
    NotFinite {
        /// What the arithmetic gave: `inf`, `-inf` or `NaN`.
        value: f64,
    },
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

/// Whose values a choice reads.
#[derive(Clone, Copy)]
enum Whose<'a> {
    /// This entity's own.
    Exactly(&'a str),
    /// The entity's or any of its organisations'.
    About(&'a str),
}

/// What kind of value a choice wants.
#[derive(Clone, Copy, PartialEq)]
enum Wanted {
    /// An absolute value (no `relative_to`).
    Absolute,
    /// A stated rank.
    Rank,
    /// A ratio stated relative to one of these peers.
    RelativeTo,
}

/// One record stating a value, before the choice.
struct Candidate<'s> {
    index: usize,
    record: &'s Record,
    quantity: Quantity,
    relative_to: Option<&'s str>,
    restates: bool,
}

impl Scope<'_> {
    fn visible(&self, index: usize, record: &Record) -> bool {
        record.when.known_date() <= self.as_of && !self.removed.contains(&index)
    }

    fn belongs(&self, record: &Record, whose: Whose<'_>) -> bool {
        match whose {
            Whose::Exactly(entity) => record.entity == entity,
            Whose::About(entity) => self.ledger.is_about(record, entity),
        }
    }

    /// Visible records stating `metric` (budgets and metrics), or investment amounts when
    /// `metric` is `None`, that pass `select`.
    fn candidates<'s>(
        &'s self,
        metric: Option<&'s str>,
        whose: Whose<'s>,
        select: &'s Selection,
    ) -> Vec<Candidate<'s>> {
        let positions: Box<dyn Iterator<Item = usize> + 's> = match metric {
            Some(metric) => Box::new(self.ledger.metric_records(metric).iter().copied()),
            None => Box::new(0..self.ledger.records.len()),
        };
        positions
            .filter_map(|i| {
                let r: &Record = &self.ledger.records[i];
                if !self.visible(i, r) || !self.belongs(r, whose) {
                    return None;
                }
                if select.record.as_ref().is_some_and(|id| *id != r.id)
                    || select.period.as_ref().is_some_and(|p| r.when != *p)
                {
                    return None;
                }
                let (quantity, relative_to, restates, basis, funder, investor) = match &r.body {
                    Body::Metric(m) if metric.is_some() => (
                        *m.value.get_ref(),
                        m.relative_to.as_ref().map(|s| s.get_ref().as_str()),
                        m.restates.is_some(),
                        None,
                        None,
                        None,
                    ),
                    Body::Budget(b) if metric.is_some() => (
                        *b.amount.get_ref(),
                        None,
                        false,
                        Some(budget_basis(b.basis)),
                        b.funder.as_ref().map(|f| f.get_ref().as_str()),
                        None,
                    ),
                    Body::Investment(v) if metric.is_none() => (
                        v.amount,
                        None,
                        false,
                        Some(investment_basis(v.basis)),
                        None,
                        v.investor.as_ref().map(|f| f.get_ref().as_str()),
                    ),
                    _ => return None,
                };
                let passes = select.basis.is_none_or(|b| basis == Some(b))
                    && select.funder.as_deref().is_none_or(|f| funder == Some(f))
                    && select
                        .investor
                        .as_deref()
                        .is_none_or(|v| investor == Some(v));
                passes.then_some(Candidate {
                    index: i,
                    record: r,
                    quantity,
                    relative_to,
                    restates,
                })
            })
            .collect()
    }

    /// The one value `select` leaves: the latest stated, originals before restatements.
    /// Records of the latest date that state different values are an ambiguity, never a
    /// silent choice; records that agree are one value, read from the first in ledger order.
    fn choose(
        &self,
        metric: Option<&str>,
        whose: Whose<'_>,
        select: &Selection,
        wanted: Wanted,
        peers: &[String],
    ) -> Result<Option<Operand>, Missing> {
        let candidates: Vec<Candidate<'_>> = self
            .candidates(metric, whose, select)
            .into_iter()
            .filter(|c| match wanted {
                Wanted::Absolute => c.relative_to.is_none(),
                Wanted::Rank => c.relative_to.is_none() && c.quantity.unit == Unit::Rank,
                Wanted::RelativeTo => {
                    c.relative_to.is_some_and(|p| peers.iter().any(|x| x == p))
                        && c.quantity.normalised().dimension == Dimension::Ratio
                }
            })
            .collect();
        let Some(latest) = candidates.iter().map(|c| c.record.when.known_date()).max() else {
            return Ok(None);
        };
        let mut last: Vec<&Candidate<'_>> = candidates
            .iter()
            .filter(|c| c.record.when.known_date() == latest)
            .collect();
        if last.iter().any(|c| !c.restates) {
            last.retain(|c| !c.restates);
        }
        // Agreeing records are one value; the exact one is read before an approximate one,
        // an independent one before a self-reported one, so ids never decide either.
        last.sort_by_key(|c| (c.quantity.approximate, c.record.self_reported, c.index));
        let first = operand(last[0].index, last[0].record, &last[0].quantity);
        let agree = last.iter().all(|c| {
            let n = c.quantity.normalised();
            n.dimension == dimension(&first) && n.value == first.normalised
        });
        if agree {
            Ok(Some(first))
        } else {
            Err(Missing::Ambiguous {
                candidates: last
                    .iter()
                    .map(|c| operand(c.index, c.record, &c.quantity))
                    .collect(),
            })
        }
    }
}

fn budget_basis(basis: BudgetBasis) -> Basis {
    match basis {
        BudgetBasis::Annual => Basis::Annual,
        BudgetBasis::Additional => Basis::Additional,
        BudgetBasis::Cumulative => Basis::Cumulative,
    }
}

fn investment_basis(basis: InvestmentBasis) -> Basis {
    match basis {
        InvestmentBasis::New => Basis::New,
        InvestmentBasis::Cumulative => Basis::Cumulative,
    }
}

fn operand(index: usize, record: &Record, quantity: &Quantity) -> Operand {
    Operand {
        record: index,
        id: record.id.clone(),
        entity: record.entity.clone(),
        stated: *quantity,
        normalised: quantity.normalised().value,
        converted: None,
    }
}

fn dimension(op: &Operand) -> Dimension {
    op.stated.normalised().dimension
}

fn discount(ledger: &Ledger, records: &[usize]) -> f64 {
    if records.iter().any(|&i| ledger.records[i].self_reported) {
        SELF_REPORTED_WEIGHT
    } else {
        1.0
    }
}

/// Computes `measure` within `scope`. A value that is not finite is refused, never graded.
pub fn compute(measure: &Measure, scope: &Scope<'_>) -> Result<Measured, Missing> {
    let measured = compute_any(measure, scope)?;
    if !measured.value.is_finite() {
        Err(Missing::NotFinite {
            value: measured.value,
        })
    } else if !measured.uncertainty.is_finite() {
        Err(Missing::NotFinite {
            value: measured.uncertainty,
        })
    } else {
        Ok(measured)
    }
}

fn compute_any(measure: &Measure, scope: &Scope<'_>) -> Result<Measured, Missing> {
    let subject = scope.subject;
    match measure {
        Measure::RatioToLeader {
            metric,
            peers,
            select,
        } => {
            let own = scope.choose(
                Some(metric),
                Whose::Exactly(subject),
                select,
                Wanted::Absolute,
                &[],
            )?;
            if let Some(own) = own {
                let when = scope.ledger.records[own.record].when;
                let field = peer_values(scope, metric, subject, peers, select, &own, when)?;
                let mut field = field;
                field.sort_by(|a, b| b.normalised.total_cmp(&a.normalised).then(a.id.cmp(&b.id)));
                if let Some(leader) = field.first().cloned() {
                    if leader.normalised <= 0.0 {
                        return Err(Missing::DivideByZero {
                            metric: metric.clone(),
                        });
                    }
                    let mut records = vec![own.record];
                    records.extend(field.iter().map(|p| p.record));
                    let value = own.normalised / leader.normalised;
                    return Ok(Measured {
                        value,
                        uncertainty: value
                            * (own.relative_uncertainty() + leader.relative_uncertainty()),
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
            let stated = scope.choose(
                Some(metric),
                Whose::Exactly(subject),
                select,
                Wanted::RelativeTo,
                peers,
            )?;
            match stated {
                Some(stated) => {
                    let i = stated.record;
                    let relative_to = match &scope.ledger.records[i].body {
                        Body::Metric(m) => m
                            .relative_to
                            .as_ref()
                            .map(|r| r.get_ref().clone())
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    Ok(Measured {
                        value: stated.normalised,
                        uncertainty: stated.uncertainty(),
                        dimension: Some(Dimension::Ratio),
                        discount: discount(scope.ledger, &[i]),
                        arithmetic: Arithmetic::StatedRatio {
                            stated,
                            relative_to,
                        },
                        records: vec![i],
                    })
                }
                None => Err(Missing::NoPeerValue {
                    metric: metric.clone(),
                    entity: subject.to_owned(),
                }),
            }
        }
        Measure::Rank {
            metric,
            entity,
            peers,
            select,
        } => {
            let who = entity.as_deref().unwrap_or(subject);
            let stated =
                scope.choose(Some(metric), Whose::Exactly(who), select, Wanted::Rank, &[])?;
            if let Some(stated) = stated {
                let i = stated.record;
                return Ok(Measured {
                    value: stated.normalised,
                    uncertainty: stated.uncertainty(),
                    dimension: Some(Dimension::Rank),
                    discount: discount(scope.ledger, &[i]),
                    arithmetic: Arithmetic::Stated { stated },
                    records: vec![i],
                });
            }
            let (own, field) =
                field(scope, metric, who, peers, select)?.ok_or_else(|| Missing::NoRank {
                    metric: metric.clone(),
                    entity: who.to_owned(),
                })?;
            let position = 1 + field
                .iter()
                .filter(|p| p.normalised > own.normalised)
                .count();
            let records = field.iter().map(|p| p.record).collect();
            Ok(Measured {
                value: position as f64,
                // A position among approximate values could move by one or more places; the
                // position itself is reported as exact, and the values are shown.
                uncertainty: 0.0,
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
            select,
        } => {
            let who = entity.as_deref().unwrap_or(subject);
            let own = scope.choose(
                Some(metric),
                Whose::Exactly(who),
                select,
                Wanted::Absolute,
                &[],
            )?;
            if let Some(own) = own.filter(|own| dimension(own) == Dimension::Share) {
                let i = own.record;
                return Ok(Measured {
                    value: own.normalised,
                    uncertainty: own.uncertainty(),
                    dimension: Some(Dimension::Share),
                    discount: discount(scope.ledger, &[i]),
                    arithmetic: Arithmetic::Stated { stated: own },
                    records: vec![i],
                });
            }
            let (own, field) =
                field(scope, metric, who, peers, select)?.ok_or_else(|| Missing::NoShare {
                    metric: metric.clone(),
                    entity: who.to_owned(),
                })?;
            let total = crate::engine::total::total(field.iter().map(|p| p.normalised));
            if total <= 0.0 {
                return Err(Missing::DivideByZero {
                    metric: metric.clone(),
                });
            }
            let records = field.iter().map(|p| p.record).collect();
            let value = own.normalised / total * 100.0;
            Ok(Measured {
                value,
                uncertainty: value * own.relative_uncertainty(),
                dimension: Some(Dimension::Share),
                discount: discount(scope.ledger, &[own.record]),
                arithmetic: Arithmetic::ShareOfTotal {
                    subject: own,
                    field,
                },
                records,
            })
        }
        Measure::Growth {
            metric,
            from,
            to,
            select,
        } => {
            let at = |period: &When| {
                let select = Selection {
                    period: Some(*period),
                    ..select.clone()
                };
                scope.choose(
                    Some(metric),
                    Whose::Exactly(subject),
                    &select,
                    Wanted::Absolute,
                    &[],
                )
            };
            let earlier = at(from)?;
            let later = at(to)?;
            match (earlier, later) {
                (Some(a), Some(b)) if dimension(&a) == dimension(&b) && a.normalised > 0.0 => {
                    let records = vec![a.record, b.record];
                    let value = b.normalised / a.normalised;
                    Ok(Measured {
                        value,
                        uncertainty: value * (a.relative_uncertainty() + b.relative_uncertainty()),
                        dimension: Some(Dimension::Ratio),
                        discount: discount(scope.ledger, &records),
                        arithmetic: Arithmetic::Growth { from: a, to: b },
                        records,
                    })
                }
                (Some(a), Some(b)) if dimension(&a) != dimension(&b) => {
                    Err(Missing::DifferentUnits {
                        metric: metric.clone(),
                        from: *from,
                        to: *to,
                    })
                }
                (Some(_), Some(_)) => Err(Missing::DivideByZero {
                    metric: metric.clone(),
                }),
                (None, _) => Err(Missing::NoValue {
                    metric: Some(metric.clone()),
                    entity: subject.to_owned(),
                    period: Some(*from),
                }),
                (_, None) => Err(Missing::NoValue {
                    metric: Some(metric.clone()),
                    entity: subject.to_owned(),
                    period: Some(*to),
                }),
            }
        }
        Measure::Count(filter) => {
            let counted: Vec<(usize, f64)> = counted(scope, filter)
                .into_iter()
                .map(|i| {
                    let weight = if scope.ledger.records[i].self_reported {
                        SELF_REPORTED_WEIGHT
                    } else {
                        1.0
                    };
                    (i, weight)
                })
                .collect();
            if counted.is_empty() {
                // Absence of records is absence of evidence, not evidence of absence.
                return Err(Missing::NoMatchingRecords);
            }
            Ok(Measured {
                value: crate::engine::total::total(counted.iter().map(|(_, w)| *w)),
                uncertainty: 0.0,
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
        Measure::Sum(filter) => sum(scope, filter),
        Measure::BenchmarkGap { test, comparator } => {
            benchmark(scope, test, comparator.as_deref(), false)
        }
        Measure::BenchmarkRatio { test, comparator } => {
            benchmark(scope, test, comparator.as_deref(), true)
        }
        Measure::Value {
            metric,
            entity,
            select,
        } => {
            let whose = match entity {
                Some(e) => Whose::Exactly(e),
                None => Whose::About(subject),
            };
            let own = scope
                .choose(metric.as_deref(), whose, select, Wanted::Absolute, &[])?
                .ok_or_else(|| Missing::NoValue {
                    metric: metric.clone(),
                    entity: entity.as_deref().unwrap_or(subject).to_owned(),
                    period: select.period,
                })?;
            let i = own.record;
            Ok(Measured {
                value: own.normalised,
                uncertainty: own.uncertainty(),
                dimension: Some(dimension(&own)),
                discount: discount(scope.ledger, &[i]),
                arithmetic: Arithmetic::Stated { stated: own },
                records: vec![i],
            })
        }
    }
}

/// The peers' values for the period `when`, in the subject's dimension.
fn peer_values(
    scope: &Scope<'_>,
    metric: &str,
    who: &str,
    peers: &[String],
    select: &Selection,
    own: &Operand,
    when: When,
) -> Result<Vec<Operand>, Missing> {
    // A peer's record is never the subject's pinned one.
    let select = Selection {
        period: Some(when),
        record: None,
        ..select.clone()
    };
    let mut field = Vec::new();
    for peer in peers.iter().filter(|p| p.as_str() != who) {
        let value = scope.choose(
            Some(metric),
            Whose::Exactly(peer),
            &select,
            Wanted::Absolute,
            &[],
        )?;
        field.extend(value.filter(|p| dimension(p) == dimension(own)));
    }
    Ok(field)
}

/// The subject's latest value and the peers' values for the same period, all of one
/// dimension; `None` when the subject has no value or no peer does.
fn field(
    scope: &Scope<'_>,
    metric: &str,
    who: &str,
    peers: &[String],
    select: &Selection,
) -> Result<Option<(Operand, Vec<Operand>)>, Missing> {
    let Some(own) = scope.choose(
        Some(metric),
        Whose::Exactly(who),
        select,
        Wanted::Absolute,
        &[],
    )?
    else {
        return Ok(None);
    };
    let when = scope.ledger.records[own.record].when;
    let mut field = peer_values(scope, metric, who, peers, select, &own, when)?;
    if field.is_empty() {
        return Ok(None);
    }
    field.insert(0, own.clone());
    Ok(Some((own, field)))
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
            let points_to = match &scope.ledger.records[i].body {
                Body::Metric(m) => m.restates.as_ref(),
                Body::Budget(b) => b.part_of.as_ref(),
                _ => None,
            };
            points_to.is_none_or(|target| !ids.contains(target.get_ref().as_str()))
        })
        .collect()
}

/// The latest exchange rate known by the as-of date, if the ledger states one.
fn exchange_rate(scope: &Scope<'_>) -> Result<Option<Operand>, Missing> {
    let mut rates: Vec<Operand> = Vec::new();
    for (i, r) in scope.ledger.records.iter().enumerate() {
        if let Body::Metric(m) = &r.body
            && m.value.get_ref().unit == Unit::JpyPerUsd
            && scope.visible(i, r)
        {
            rates.push(operand(i, r, m.value.get_ref()));
        }
    }
    let Some(latest) = (rates.iter())
        .map(|o| scope.ledger.records[o.record].when.known_date())
        .max()
    else {
        return Ok(None);
    };
    rates.retain(|o| scope.ledger.records[o.record].when.known_date() == latest);
    if rates.iter().all(|o| o.normalised == rates[0].normalised) && rates[0].normalised > 0.0 {
        Ok(rates.into_iter().next())
    } else {
        Err(Missing::Ambiguous { candidates: rates })
    }
}

fn sum(scope: &Scope<'_>, filter: &Filter) -> Result<Measured, Missing> {
    let amounts: Vec<(usize, Quantity, Option<Quantity>)> = counted(scope, filter)
        .into_iter()
        .filter_map(|i| match &scope.ledger.records[i].body {
            Body::Budget(b) => Some((i, *b.amount.get_ref(), None)),
            Body::Investment(v) => Some((i, v.amount, v.equivalent)),
            _ => None,
        })
        .collect();
    let readable_in = |d: Dimension| {
        (amounts.iter())
            .filter(|(_, a, e)| {
                a.normalised().dimension == d || e.is_some_and(|e| e.normalised().dimension == d)
            })
            .count()
    };
    // Without a stated currency: the one every amount can be read in, else the one most can,
    // yen first on a tie. `check` warns about such goalposts (K0508).
    let currency = filter.currency.unwrap_or_else(|| {
        let (yen, dollars) = (readable_in(Dimension::Yen), readable_in(Dimension::Dollars));
        if yen == amounts.len() || yen >= dollars {
            Dimension::Yen
        } else {
            Dimension::Dollars
        }
    });
    let mut rate: Option<Option<Operand>> = None;
    let mut parts: Vec<Operand> = Vec::new();
    let mut skipped = Vec::new();
    for (i, amount, equivalent) in amounts {
        let r: &Record = &scope.ledger.records[i];
        if let Some(q) = [Some(amount), equivalent]
            .into_iter()
            .flatten()
            .find(|q| q.normalised().dimension == currency)
        {
            parts.push(operand(i, r, &q));
            continue;
        }
        let from = amount.normalised();
        let convertible = matches!(
            (from.dimension, currency),
            (Dimension::Dollars, Dimension::Yen) | (Dimension::Yen, Dimension::Dollars)
        );
        let rate = match (convertible, &rate) {
            (false, _) => None,
            (true, Some(known)) => known.clone(),
            (true, None) => {
                let found = exchange_rate(scope)?;
                rate = Some(found.clone());
                found
            }
        };
        match rate {
            Some(rate) => {
                let mut part = operand(i, r, &amount);
                part.normalised = match currency {
                    Dimension::Yen => from.value * rate.normalised,
                    _ => from.value / rate.normalised,
                };
                part.converted = Some(Conversion {
                    record: rate.record,
                    id: rate.id.clone(),
                    rate: rate.normalised,
                });
                parts.push(part);
            }
            None => skipped.push(r.id.clone()),
        }
    }
    if parts.is_empty() {
        return Err(if skipped.is_empty() {
            Missing::NoMatchingRecords
        } else {
            Missing::NoMatchingAmounts { skipped }
        });
    }
    let mut records: Vec<usize> = parts.iter().map(|p| p.record).collect();
    for part in &parts {
        if let Some(c) = &part.converted
            && !records.contains(&c.record)
        {
            records.push(c.record);
        }
    }
    let parts_only: Vec<usize> = parts.iter().map(|p| p.record).collect();
    Ok(Measured {
        value: crate::engine::total::total(parts.iter().map(|p| p.normalised)),
        uncertainty: crate::engine::total::total(parts.iter().map(Operand::uncertainty)),
        dimension: Some(currency),
        discount: discount(scope.ledger, &parts_only),
        records,
        arithmetic: Arithmetic::Sum { parts, skipped },
    })
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

/// The subject's best score on `test` against the comparator's: the named model's best, or
/// the best from outside the subject. `ratio` gives `subject / comparator` instead of the gap
/// `comparator - subject`.
fn benchmark(
    scope: &Scope<'_>,
    test: &str,
    comparator: Option<&str>,
    ratio: bool,
) -> Result<Measured, Missing> {
    let mut best_own: Option<(usize, &Record, &str, &Quantity)> = None;
    let mut frontier: Option<(String, f64, usize)> = None;
    let mut consider = |model: &str, q: &Quantity, record: usize, outside: bool| {
        let wanted = match comparator {
            Some(name) => model == name,
            None => outside,
        };
        let v = q.normalised().value;
        if wanted
            && frontier
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
        let own = scope.ledger.is_about(r, scope.subject);
        if own {
            let score = b.score.normalised().value;
            let better = best_own.is_none_or(|(_, o, m, q)| {
                let best = q.normalised().value;
                // Equal scores: an independent result before a self-reported one, then the
                // model name; the id only between records alike in all of these.
                score > best
                    || (score == best
                        && (r.self_reported, b.model.as_str(), &r.id) < (o.self_reported, m, &o.id))
            });
            if better {
                best_own = Some((i, r, &b.model, &b.score));
            }
        }
        consider(&b.model, &b.score, i, !own);
        for c in &b.comparators {
            let about_subject = c
                .entity
                .as_ref()
                .is_some_and(|e| scope.ledger.country_of(e.get_ref()) == Some(scope.subject));
            consider(&c.model, &c.score, i, !about_subject);
        }
    }
    let Some((i, r, model, score)) = best_own else {
        return Err(Missing::NoSubjectResult {
            test: test.to_owned(),
            entity: scope.subject.to_owned(),
        });
    };
    let Some((frontier_model, frontier, frontier_record)) = frontier else {
        return Err(Missing::NoComparatorResult {
            test: test.to_owned(),
            comparator: comparator.map(str::to_owned),
        });
    };
    let own = operand(i, r, score);
    let value = if ratio {
        if frontier <= 0.0 {
            return Err(Missing::DivideByZero {
                metric: test.to_owned(),
            });
        }
        own.normalised / frontier
    } else {
        frontier - own.normalised
    };
    Ok(Measured {
        value,
        uncertainty: if ratio {
            value * own.relative_uncertainty()
        } else {
            own.uncertainty()
        },
        dimension: Some(if ratio {
            Dimension::Ratio
        } else {
            Dimension::Score
        }),
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
            ratio,
        },
    })
}
