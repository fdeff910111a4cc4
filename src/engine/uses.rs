//! Which claim criteria use a record: those whose value, graded as of their claim's as-of
//! date, rests on it. What `show` lists under a record.

use crate::claim::{Claim, ClaimAxis, Criterion};
use crate::ledger::Ledger;

/// A criterion whose value rests on a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Use<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// The criterion's axis in the claim.
    pub axis: &'a ClaimAxis,
    /// The criterion.
    pub criterion: &'a Criterion,
}

/// Every criterion of `claims` whose value, each claim graded as of its as-of date, rests on
/// the record at `position` in `ledger`'s records; in claim order, then criterion order.
pub(crate) fn criteria_using<'a>(
    claims: &'a [Claim],
    ledger: &Ledger,
    position: usize,
) -> Vec<Use<'a>> {
    let mut uses = Vec::new();
    for claim in claims {
        let evaluation = super::evaluate(claim, ledger, claim.as_of);
        for (axis, criterion, result) in evaluation.by_criterion(claim) {
            if (result.outcome.as_ref()).is_ok_and(|m| m.records.contains(&position)) {
                uses.push(Use {
                    claim,
                    axis,
                    criterion,
                });
            }
        }
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn a_record_is_used_by_the_criteria_whose_values_rest_on_it() {
        let workspace = Workspace::load(crate::embedded::tree());
        let (claims, ledger) = (&workspace.claims, &workspace.ledger);
        let mut used = vec![false; ledger.records.len()];
        for claim in claims {
            let evaluation = crate::engine::evaluate(claim, ledger, claim.as_of);
            for ((_, criterion), result) in claim.criteria().zip(&evaluation.criteria) {
                for &position in result.outcome.as_ref().map_or(&[][..], |m| &m.records) {
                    used[position] = true;
                    let uses = criteria_using(claims, ledger, position);
                    assert!(
                        (uses.iter()).any(|u| u.claim.id == claim.id
                            && u.criterion.id == criterion.id
                            && u.axis.criteria.iter().any(|c| c.id == criterion.id)),
                        "{} {}",
                        claim.id,
                        criterion.id
                    );
                }
            }
        }
        assert!(used.iter().any(|&u| u));
        let unused = used
            .iter()
            .position(|&u| !u)
            .expect("a record no criterion uses");
        assert!(criteria_using(claims, ledger, unused).is_empty());
    }
}
