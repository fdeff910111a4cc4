//! Ids must be unique: among sources, entities, axes and records across every ledger file,
//! and among claims. (Ids within one claim are checked as the claim is read.)

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::ledger::id::{repeat, repeated};

/// Reports every id defined twice, pointing at both places: the first in the files is the
/// definition, every later one a repeat.
pub(crate) fn duplicates(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ledger = cx.ledger;
    repeated(
        "source",
        ledger.sources.iter().map(|s| (s.id.as_str(), s.id_span)),
        &mut out,
    );
    repeated(
        "entity",
        ledger.entities.iter().map(|e| (e.id.as_str(), e.id_span)),
        &mut out,
    );
    repeated(
        "axis",
        ledger.axes.iter().map(|a| (a.id.as_str(), a.id_span)),
        &mut out,
    );
    // Records are many: the ledger's index by id finds their repeats without a map.
    out.extend(
        (ledger.repeated_records())
            .map(|(first, later)| repeat("record", later.id(), later.place.id(), first.place.id())),
    );
    repeated(
        "claim",
        cx.claims.iter().map(|c| (c.id.as_str(), c.span)),
        &mut out,
    );
    out
}
