//! The fixed lists of validations, in the order they run. Each is a plain function from the
//! loaded ledger and claims to diagnostics, or from one record of it, adding to a list of
//! diagnostics; none stops the others.
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

use std::ops::Range;
use std::sync::OnceLock;

use crate::claim::Claim;
use crate::diagnostic::{Diagnostic, Nearest};
use crate::ledger::{Ledger, Record};

/// What every check looks at.
pub struct Context<'a> {
    /// The loaded ledger.
    pub ledger: &'a Ledger,
    /// The loaded claims.
    pub claims: &'a [Claim],
    // "Did you mean" indexes of the ledger's ids, each made the first time a check asks it:
    // most ledgers name nothing unknown, and a large one has many ids. Shared by every check
    // and every share of the walk through the records.
    /// The source ids', for [`Context::nearest_source`].
    sources: OnceLock<Nearest<'a>>,
    /// The entity ids', for [`Context::nearest_entity`].
    entities: OnceLock<Nearest<'a>>,
    /// The record ids', for [`Context::nearest_record`].
    records: OnceLock<Nearest<'a>>,
}

impl<'a> Context<'a> {
    /// The checks' view of a ledger and its claims.
    pub fn new(ledger: &'a Ledger, claims: &'a [Claim]) -> Context<'a> {
        Context {
            ledger,
            claims,
            sources: OnceLock::new(),
            entities: OnceLock::new(),
            records: OnceLock::new(),
        }
    }

    /// The declared source whose id is nearest `id`, as [`Nearest::find`] finds it.
    pub(crate) fn nearest_source(&self, id: &str) -> Option<&'a str> {
        let ledger = self.ledger;
        nearest(
            &self.sources,
            || ledger.sources.iter().map(|s| s.id.as_str()),
            id,
        )
    }

    /// The declared entity whose id is nearest `id`.
    pub(crate) fn nearest_entity(&self, id: &str) -> Option<&'a str> {
        let ledger = self.ledger;
        nearest(
            &self.entities,
            || ledger.entities.iter().map(|e| e.id.as_str()),
            id,
        )
    }

    /// The record whose id is nearest `id`.
    pub(crate) fn nearest_record(&self, id: &str) -> Option<&'a str> {
        let ledger = self.ledger;
        nearest(&self.records, || ledger.records.iter().map(|r| r.id()), id)
    }
}

/// The word of `known` nearest `id`, from `index`, made of `known` the first time it is asked.
fn nearest<'a, K: IntoIterator<Item = &'a str>>(
    index: &OnceLock<Nearest<'a>>,
    known: impl FnOnce() -> K,
    id: &str,
) -> Option<&'a str> {
    index.get_or_init(|| Nearest::new(known())).find(id)
}

/// One validation of the whole ledger and claims.
pub type Check = fn(&Context<'_>) -> Vec<Diagnostic>;

/// One validation of a record, against the rest of the ledger: what it names is declared,
/// its values fit together. Its diagnostics go to the end of the list it is given.
pub type RecordCheck = fn(&Context<'_>, &Record, &mut Vec<Diagnostic>);

/// Every check of the whole, in the order they start: those that walk every record first,
/// the longest first, so that the cores finish together rather than one running the last
/// long check alone. Their diagnostics are sorted by place afterwards, so the order shows
/// nowhere else.
pub const CHECKS: &[Check] = &[
    conflicts::conflicting_values,
    references::unused_sources,
    references::cycles,
    ids::duplicates,
    references::entities,
    references::axes,
    values::urls,
    references::countries,
    claims::metrics,
    claims::after_as_of,
    claims::ambiguous,
    claims::sum_currency,
];

/// Every check of one record. They run in one walk through the records, each record's
/// checks one after another while it is at hand: at a million records, which no cache
/// holds, a walk of its own for each check waited on memory at every record, each time.
pub const RECORD_CHECKS: &[RecordCheck] = &[
    references::record_entities,
    references::record_sources,
    references::record_axes,
    references::record_stands_in_for,
    values::target_deadline,
];

/// How many records one share of the walk through them holds: thirty-one shares at a
/// million records, few enough that handing them out costs nothing beside them, and small
/// enough that the cores, taking the shares last, finish within one of each other.
const SHARE: usize = 1 << 15;

/// What one core does at a time.
enum Task {
    /// A check of the whole.
    Whole(Check),
    /// Every check of one record, for each record of a share, by its number in file order.
    Records(Range<usize>),
}

/// Runs every check, on every core: the checks of the whole in the order of [`CHECKS`],
/// then every record's checks, in file order.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    run_in_shares(context, SHARE)
}

/// [`run`], with the records walked `share` at a time.
fn run_in_shares(context: &Context<'_>, share: usize) -> Vec<Diagnostic> {
    let n = context.ledger.records.len();
    let share = share.max(1);
    let shares = (0..n.div_ceil(share))
        .map(|k| Task::Records(k * share..n.min((k + 1).saturating_mul(share))));
    let tasks: Vec<Task> = (CHECKS.iter().map(|&check| Task::Whole(check)))
        .chain(shares)
        .collect();
    crate::parallel::map(&tasks, |task| match task {
        Task::Whole(check) => check(context),
        Task::Records(share) => {
            let mut out = Vec::new();
            for r in context.ledger.records_in_file_order_within(share.clone()) {
                for check in RECORD_CHECKS {
                    check(context, r, &mut out);
                }
            }
            out
        }
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::{CHECKS, Context, RECORD_CHECKS, run_in_shares};
    use crate::diagnostic::Code;
    use crate::workspace::{Workspace, sort};

    /// However the walk through the records is shared out, the checks find what each check
    /// of the whole and each record's checks, called on every record in turn, find.
    #[test]
    fn the_walk_finds_the_same_in_shares_of_any_size() {
        let mut files = crate::synthetic::generate(2000, 7);
        files = crate::synthetic::cite_missing_sources(&files);
        let target = (files.iter())
            .find_map(|f| f.text.split("id = \"tg-").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(|n| format!("tg-{n}"))
            .expect("a target");
        // Something for every record check to find, on some records of several files:
        // unknown entities and axes, metrics restating an unknown record or a target, targets
        // with two deadlines.
        for file in &mut files {
            file.text = (file.text)
                .replace("entity = \"DK\"", "entity = \"DKK\"")
                .replace("axes = [\"patents\"]", "axes = [\"patent\"]")
                .replace(
                    "metric = \"metric_01\"",
                    "restates = \"mt-999999\"\nmetric = \"metric_01\"",
                )
                .replace(
                    "metric = \"metric_02\"",
                    &format!("restates = \"{target}\"\nmetric = \"metric_02\""),
                )
                .replace("by_year = ", "by_fiscal_year = 2030\nby_year = ");
        }
        let mut tree = crate::synthetic::tree(&files);
        tree.claims.clear();
        let workspace = Workspace::read(tree);
        let cx = Context::new(&workspace.ledger, &workspace.claims);
        let mut walked = Vec::new();
        for check in CHECKS {
            walked.extend(check(&cx));
        }
        for r in workspace.ledger.records_in_file_order() {
            for check in RECORD_CHECKS {
                check(&cx, r, &mut walked);
            }
        }
        sort(&mut walked);
        let count = |code| walked.iter().filter(|d| d.code == code).count();
        assert!(count(Code::DanglingSource) >= workspace.ledger.records.len());
        assert!(count(Code::UnknownEntity) > 10 && count(Code::UnknownAxis) > 10);
        assert!(count(Code::UnknownRecord) > 10);
        let message = |text: &str| walked.iter().filter(|d| d.message.contains(text)).count();
        assert!(message("names the target") > 10 && message("has both of `by_year`") > 10);
        for share in [1, 7, 1000, 1999, 2000, usize::MAX] {
            let mut shared = run_in_shares(&cx, share);
            sort(&mut shared);
            assert!(shared == walked, "in shares of {share}");
        }
    }
}
