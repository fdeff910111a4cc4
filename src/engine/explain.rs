//! What `explain` shows beyond the evaluation itself: the records each criterion left out
//! and why. Built on demand from the claim, the ledger and the evaluation, since finding what
//! was left out takes another pass over the records that grading alone does not need.

use chrono::NaiveDate;

use crate::claim::{Claim, ClaimAxis, Criterion};
use crate::engine::exclusion::{LeftOut, left_out};
use crate::engine::{CriterionResult, Evaluation, Scope};
use crate::ledger::Ledger;

/// An evaluation with what it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation<'a> {
    /// The day after which no record counted.
    pub as_of: NaiveDate,
    /// Every criterion, in claim order (axis by axis).
    pub criteria: Vec<ExplainedCriterion<'a>>,
}

/// One criterion: its axis, its result, and the records it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedCriterion<'a> {
    /// The axis it belongs to.
    pub axis: &'a ClaimAxis,
    /// The criterion.
    pub criterion: &'a Criterion,
    /// Its value and sub-scores, or why it has none.
    pub result: &'a CriterionResult,
    /// The records it would have looked at but for their dates, each with the reason, in
    /// the ledger's canonical order.
    pub left_out: Vec<LeftOut>,
}

impl<'a> Explanation<'a> {
    /// Explains `evaluation`, which must be `claim` graded against `ledger`.
    pub fn new(claim: &'a Claim, ledger: &'a Ledger, evaluation: &'a Evaluation) -> Self {
        let scope = Scope {
            ledger,
            as_of: evaluation.as_of,
            window: claim.window,
            subject: &claim.subject,
            removed: &[],
        };
        let criteria = evaluation
            .by_criterion(claim)
            .map(|(axis, criterion, result)| ExplainedCriterion {
                axis,
                criterion,
                result,
                left_out: left_out(&criterion.measure, &scope),
            })
            .collect();
        Explanation {
            as_of: evaluation.as_of,
            criteria,
        }
    }
}
