//! The fixed list of validations, in the order they run. Each is a plain function from the
//! loaded ledger and claims to diagnostics; none stops the others.
//!
//! These are the checks that need more than one value at a time: ids across files,
//! references between records, values that disagree, claims against the ledger. A value that
//! can be judged on its own (a real date, a percentage within 0–100, goalposts that point the
//! right way) is judged as it is read, in `ledger::load` and `claim::load`, where its exact
//! place is known.

pub(crate) mod as_of;
pub(crate) mod claims;
mod conflicts;
pub(crate) mod ids;
mod references;
pub(crate) mod values;

use crate::claim::Claim;
use crate::diagnostic::Diagnostic;
use crate::ledger::Ledger;

/// What every check looks at.
pub struct Context<'a> {
    /// The loaded ledger.
    pub ledger: &'a Ledger,
    /// The loaded claims.
    pub claims: &'a [Claim],
}

/// One validation.
pub type Check = fn(&Context<'_>) -> Vec<Diagnostic>;

/// Every check, in the order they start: those that visit every record first, the longest
/// first, so that the cores finish together rather than one running the last long check
/// alone. Their diagnostics are sorted by place afterwards, so the order shows nowhere else.
pub const CHECKS: &[Check] = &[
    references::entities,
    conflicts::conflicting_values,
    references::records,
    references::sources,
    references::unused_sources,
    references::axes,
    ids::duplicates,
    values::urls,
    values::targets,
    references::countries,
    claims::metrics,
    claims::after_as_of,
    claims::ambiguous,
    claims::sum_currency,
];

/// Runs every check, on every core; the diagnostics come back in the order of [`CHECKS`].
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    crate::parallel::map(CHECKS, |check| check(context))
        .into_iter()
        .flatten()
        .collect()
}
