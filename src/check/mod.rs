//! The fixed list of validations, in the order they run. Each is a plain function from the
//! loaded ledger and claims to diagnostics; none stops the others.

mod claims;
mod conflicts;
mod ids;
mod references;
mod values;

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

/// Every check, in the order they run.
pub const CHECKS: &[(&str, Check)] = &[
    ("duplicate ids", ids::duplicates),
    ("source references", references::sources),
    ("entity references", references::entities),
    ("axis references", references::axes),
    ("record references", references::records),
    ("unused sources", references::unused_sources),
    ("urls", values::urls),
    ("quantities", values::quantities),
    ("targets", values::targets),
    ("conflicting values", conflicts::conflicting_values),
    ("claims", claims::claims),
    ("records after as-of", claims::after_as_of),
];

/// Runs every check.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    CHECKS.iter().flat_map(|(_, check)| check(context)).collect()
}
