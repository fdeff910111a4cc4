//! Footnote numbers for a diff: sources numbered by first appearance, walking the claims,
//! the criteria that moved and the records that moved them, then the ledger changes.

use crate::diff::Diff;
use crate::ledger::Source;
use crate::render::footnotes::Footnotes;

/// Numbers every source behind the records that moved a criterion, then behind every ledger
/// change.
pub fn number(diff: &Diff<'_>) -> Footnotes {
    let causes = diff
        .claims
        .iter()
        .flat_map(|c| &c.criteria)
        .flat_map(|m| m.moved_by.records.iter().chain(&m.moved_by.entities))
        .flat_map(|cause| &cause.sources);
    let changes = diff.ledger.iter().flat_map(|item| &item.sources);
    Footnotes::from_ids(causes.chain(changes).map(String::as_str))
}

/// The sources in footnote order, numbered from 1; a source neither revision declares is
/// left out.
pub fn sources<'a>(notes: &Footnotes, diff: &Diff<'a>) -> Vec<(usize, &'a Source)> {
    notes
        .sources()
        .filter_map(|(n, id)| diff.source(id).map(|s| (n, s)))
        .collect()
}
