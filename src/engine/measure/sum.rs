//! `sum`: the total of matching budgets and investments in one currency, converting only
//! through a sourced exchange rate, and leaving out, with the reason, what cannot convert.

use super::filter::counted;
use super::{Arithmetic, Conversion, Measured, Missing, Operand, Scope, discount, operand};
use crate::claim::Filter;
use crate::ledger::{Body, Dimension, Quantity, Record, Unit};

/// The latest exchange rate known by the as-of date, if the ledger states one.
fn exchange_rate(scope: &Scope<'_>) -> Result<Option<Operand>, Missing> {
    let mut rates: Vec<Operand> = Vec::new();
    for (i, r) in scope.known() {
        // A rate of zero or less converts nothing; `check` refuses it as a figure.
        if let Body::Metric(m) = &r.body
            && m.value.get_ref().unit == Unit::JpyPerUsd
            && m.value.get_ref().normalised().value > 0.0
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
    if rates.iter().all(|o| o.normalised == rates[0].normalised) {
        Ok(rates.into_iter().next())
    } else {
        Err(Missing::Ambiguous { candidates: rates })
    }
}

/// The total of the amounts `filter` counts, in one currency.
pub(super) fn compute(scope: &Scope<'_>, filter: &Filter) -> Result<Measured, Missing> {
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
        // The currency every amount can be read in is also the one most can.
        if yen >= dollars {
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
            None => skipped.push(r.id().to_string()),
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
