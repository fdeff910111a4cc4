//! The one value a measure reads when several records state its metric: the latest, the
//! original before a restatement, narrowed by the claim's selection, and never a silent pick
//! between records that disagree.

use super::{Missing, Operand, Scope, dimension, operand};
use crate::claim::{Basis, Selection};
use crate::ledger::{Body, BudgetBasis, Dimension, InvestmentBasis, Quantity, Record, Unit, When};

/// Whose values a choice reads.
#[derive(Clone, Copy)]
pub(super) enum Whose<'a> {
    /// This entity's own.
    Exactly(&'a str),
    /// The entity's or any of its organisations'.
    About(&'a str),
}

/// What kind of value a choice wants.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Wanted {
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
    fn belongs(&self, record: &Record, whose: Whose<'_>) -> bool {
        match whose {
            Whose::Exactly(entity) => *record.entity() == *entity,
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
        // Those known after the as-of date are not visible, and not looked at.
        let known: Box<dyn Iterator<Item = (usize, &Record)> + 's> = match metric {
            Some(metric) => Box::new(self.known_among(self.ledger.metric_records(metric))),
            None => Box::new(self.known()),
        };
        known
            .filter_map(|(i, r)| {
                if !self.visible(i, r) || !self.belongs(r, whose) {
                    return None;
                }
                if select.record.as_ref().is_some_and(|id| **id != *r.id())
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
    pub(super) fn choose(
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

pub(super) fn budget_basis(basis: BudgetBasis) -> Basis {
    match basis {
        BudgetBasis::Annual => Basis::Annual,
        BudgetBasis::Additional => Basis::Additional,
        BudgetBasis::Cumulative => Basis::Cumulative,
    }
}

pub(super) fn investment_basis(basis: InvestmentBasis) -> Basis {
    match basis {
        InvestmentBasis::New => Basis::New,
        InvestmentBasis::Cumulative => Basis::Cumulative,
    }
}

/// The peers' values for the period `when`, in the subject's dimension.
pub(super) fn peer_values(
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
pub(super) fn field(
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
