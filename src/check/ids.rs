//! Ids must be unique: among sources, entities, axes and records across every ledger file,
//! and among claims. (Ids within one claim are checked as the claim is read.)

use std::collections::HashMap;

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::Span;

/// Reports each id of `items` seen before, pointing at its first place too. Claims use it for
/// ids within one claim as well.
pub(crate) fn repeated<'a>(
    what: &str,
    items: impl Iterator<Item = (&'a str, Span)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    for (id, span) in items {
        match first.get(id) {
            Some(&earlier) => out.push(repeat(what, id, span, earlier)),
            None => {
                first.insert(id, span);
            }
        }
    }
}

/// The diagnostic for `id` defined again at `span`, first at `earlier`.
fn repeat(what: &str, id: &str, span: Span, earlier: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateId,
        span,
        format!("duplicate {what} id `{id}`"),
    )
    .with_label(earlier, "first defined here")
    .with_help(format!("give each {what} its own id, or delete the repeat"))
}

/// Reports every id defined twice, pointing at both places: the first in the files is the
/// definition, every later one a repeat.
pub fn duplicates(cx: &Context<'_>) -> Vec<Diagnostic> {
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
            .map(|(first, later)| repeat("record", &later.id, later.place.id, first.place.id)),
    );
    repeated(
        "claim",
        cx.claims.iter().map(|c| (c.id.as_str(), c.span)),
        &mut out,
    );
    out
}
