//! `benchmark_gap` and `benchmark_ratio`: the subject's best score on a test against the
//! best comparator's, or a named model's, as a gap in points or as a ratio.

use super::{Arithmetic, Measured, Missing, Scope, discount, operand};
use crate::ledger::{Body, Dimension, Quantity, Record};

/// The subject's best score on `test` against the comparator's: the named model's best, or
/// the best from outside the subject. `ratio` gives `subject / comparator` instead of the gap
/// `comparator - subject`.
pub(super) fn compute(
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
    for (i, r) in scope.known_among(scope.ledger.test_records(test)) {
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
                        && (r.self_reported, b.model.as_str(), &r.id())
                            < (o.self_reported, m, &o.id()))
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
