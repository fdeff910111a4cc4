//! Two revisions compared: [`compare`] grades every claim against each revision's ledger and
//! returns a [`Diff`], which `render::diff` prints. This module holds the entry point, the
//! result, its counts and the `--fail-on` thresholds; the work is done by concern:
//!
//! - `ledger`: which sources, entities, axes and records were added, removed or changed,
//!   matched by id (never by file or position) and compared field by field;
//! - `claims`: how each claim's verdict, readings, axes and criteria moved between its grades
//!   in the two revisions, with the engine's own scores, and what changed in its file;
//! - `attribution`: which records, entities and claim-file changes moved each criterion;
//! - `fields` and `path`: two TOML tables compared field by field, and where each changed
//!   field sits, typed (in a claim file, the place it is at: [`ClaimPath`]).

mod attribution;
mod claims;
mod fields;
mod ledger;
mod path;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ledger::Ledger;
use crate::workspace::Workspace;

pub use attribution::{Cause, MovedBy};
pub use claims::{
    AxisGrade, AxisMove, ClaimChange, ClaimDiff, ClaimStatus, CriterionGrade, CriterionMove,
    Graded, ReadingMove,
};
pub use fields::FieldChange;
pub use ledger::{Change, ItemChange};
pub use path::{ClaimPath, FieldPath, Step};

/// Differences smaller than this are rounding noise, not movement.
const EPSILON: f64 = 1e-9;

/// A problem comparing two revisions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A claim asked for is in neither revision.
    #[error("no claim `{0}` in either revision")]
    NoClaim(String),
    /// A file that loaded cleanly could not be parsed again for comparison.
    #[error("cannot compare `{path}`: {message}")]
    Reparse {
        /// The file.
        path: String,
        /// What the parser said.
        message: String,
    },
}

/// One side of the comparison.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// How the revision is named in output: `HEAD~1`, a folder, `working tree`.
    pub name: &'a str,
    /// Its loaded, error-free files.
    pub workspace: &'a Workspace,
}

/// When `diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FailOn {
    /// A headline verdict changed, or a claim was added or removed.
    Verdict,
    /// As `Verdict`, or a reading's label or an axis's grade moved.
    Axis,
    /// A headline score moved by at least this much (or appeared, or vanished), or a claim
    /// was added or removed.
    Score(f64),
    /// Never.
    Never,
}

impl FailOn {
    /// Parses `verdict`, `axis`, `score:DELTA` or `never`.
    pub fn parse(text: &str) -> Result<FailOn, String> {
        match text {
            "verdict" => Ok(FailOn::Verdict),
            "axis" => Ok(FailOn::Axis),
            "never" => Ok(FailOn::Never),
            _ => match text.strip_prefix("score:").map(str::parse::<f64>) {
                Some(Ok(d)) if d.is_finite() && d >= 0.0 => Ok(FailOn::Score(d)),
                _ => Err(format!(
                    "`{text}` is not one of `verdict`, `axis`, `score:DELTA` (e.g. `score:0.05`), \
                     `never`"
                )),
            },
        }
    }
}

/// Counts for a summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Claims compared.
    pub claims: usize,
    /// Claims whose headline label changed.
    pub verdicts_changed: usize,
    /// Claims only in HEAD.
    pub added: usize,
    /// Claims only in BASE.
    pub removed: usize,
    /// Claims with the same label whose scores or file moved.
    pub changed: usize,
    /// Claims where nothing moved.
    pub unchanged: usize,
    /// Ledger items added.
    pub ledger_added: usize,
    /// Ledger items removed.
    pub ledger_removed: usize,
    /// Ledger items changed.
    pub ledger_changed: usize,
}

/// Two revisions compared.
#[derive(Debug, Clone)]
pub struct Diff<'a> {
    /// The name of BASE.
    pub base: String,
    /// The name of HEAD.
    pub head: String,
    /// The `--as-of` date used instead of each claim's own; `None` when each claim used its own.
    pub as_of: Option<NaiveDate>,
    /// Every ledger item added, removed or changed, by kind family then id.
    pub ledger: Vec<ItemChange>,
    /// Every claim compared, by id.
    pub claims: Vec<ClaimDiff<'a>>,
    base_ledger: &'a Ledger,
    head_ledger: &'a Ledger,
}

impl<'a> Diff<'a> {
    /// The ledger of BASE.
    pub fn base_ledger(&self) -> &'a Ledger {
        self.base_ledger
    }

    /// The ledger of HEAD.
    pub fn head_ledger(&self) -> &'a Ledger {
        self.head_ledger
    }

    /// The source with this id, from HEAD, else from BASE (a source removed with its records).
    pub fn source(&self, id: &str) -> Option<&'a crate::ledger::Source> {
        self.head_ledger
            .source(id)
            .or_else(|| self.base_ledger.source(id))
    }

    /// Counts of what changed.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            claims: self.claims.len(),
            ..Summary::default()
        };
        for claim in &self.claims {
            match claim.status() {
                ClaimStatus::VerdictChanged => s.verdicts_changed += 1,
                ClaimStatus::Added => s.added += 1,
                ClaimStatus::Removed => s.removed += 1,
                ClaimStatus::Changed => s.changed += 1,
                ClaimStatus::Unchanged => s.unchanged += 1,
            }
        }
        for item in &self.ledger {
            match item.change {
                Change::Added => s.ledger_added += 1,
                Change::Removed => s.ledger_removed += 1,
                Change::Changed => s.ledger_changed += 1,
            }
        }
        s
    }

    /// Whether anything crossed the threshold.
    pub fn crosses(&self, fail_on: FailOn) -> bool {
        self.claims.iter().any(|c| {
            let (before, after) = match (c.before(), c.after()) {
                (Some(b), Some(a)) => (b, a),
                _ => return fail_on != FailOn::Never,
            };
            match fail_on {
                FailOn::Never => false,
                FailOn::Verdict => before.label != after.label,
                FailOn::Axis => {
                    before.label != after.label
                        || !c.axes.is_empty()
                        || c.readings.iter().any(|r| match (r.before, r.after) {
                            (Some(b), Some(a)) => b.label != a.label,
                            _ => true,
                        })
                }
                FailOn::Score(threshold) => match (before.score, after.score) {
                    (Some(b), Some(a)) => (a - b).abs() >= threshold - EPSILON,
                    (None, None) => false,
                    _ => true,
                },
            }
        })
    }
}

/// Compares two revisions. `claims` names the claims to compare (every claim of either
/// revision when empty); `as_of` replaces each claim's own as-of date when given. Both
/// workspaces must be free of errors.
pub fn compare<'a>(
    base: Side<'a>,
    head: Side<'a>,
    claims: &[String],
    as_of: Option<NaiveDate>,
) -> Result<Diff<'a>, Error> {
    let ledger = ledger::changes(base.workspace, head.workspace)?;
    let changed = ledger::by_id(&ledger);
    let ids: BTreeSet<&str> = if claims.is_empty() {
        base.workspace
            .claims
            .iter()
            .chain(&head.workspace.claims)
            .map(|c| c.id.as_str())
            .collect()
    } else {
        claims.iter().map(String::as_str).collect()
    };
    let mut compared = Vec::with_capacity(ids.len());
    for id in ids {
        let find = |ws: &'a Workspace| ws.claims.iter().find(|c| c.id == id).map(|c| (c, ws));
        let (b, h) = (find(base.workspace), find(head.workspace));
        if b.is_none() && h.is_none() {
            return Err(Error::NoClaim(id.to_owned()));
        }
        compared.push(claims::compare(id, b, h, as_of, &changed)?);
    }
    Ok(Diff {
        base: base.name.to_owned(),
        head: head.name.to_owned(),
        as_of,
        ledger,
        claims: compared,
        base_ledger: &base.workspace.ledger,
        head_ledger: &head.workspace.ledger,
    })
}

fn delta(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(after? - before?)
}

fn differs(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() > EPSILON,
        (None, None) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_parses_every_form() {
        assert_eq!(FailOn::parse("verdict"), Ok(FailOn::Verdict));
        assert_eq!(FailOn::parse("axis"), Ok(FailOn::Axis));
        assert_eq!(FailOn::parse("never"), Ok(FailOn::Never));
        assert_eq!(FailOn::parse("score:0.05"), Ok(FailOn::Score(0.05)));
        assert!(FailOn::parse("score:-1").is_err());
        assert!(FailOn::parse("score:x").is_err());
        assert!(FailOn::parse("scores").is_err());
    }

    /// A diff from two revisions read together, sharing the files they have in common,
    /// says what a diff from each revision read alone says, byte for byte.
    #[test]
    fn sharing_unchanged_files_changes_nothing_in_a_diff() {
        use crate::synthetic::{generate, revise, revise_together, tree};
        let base = generate(3000, 4);
        // A source among the records of a file both revisions share, which is the same in
        // both, and a source changed in a file they do not share.
        let (mut mixed, mut mixed_head) = (base.clone(), revise_together(&base, 50));
        let among = (mixed.iter().zip(&mixed_head))
            .position(|(b, h)| b.text == h.text && b.text.contains("[[target]]"))
            .expect("a records file both share");
        for files in [&mut mixed, &mut mixed_head] {
            files[among].text.push_str(
                "\n[[source]]\nid = \"src-among-records\"\nurl = \"https://example.org/a.html\"\n\
                 publisher = \"P\"\ntitle = \"A source among records\"\nkind = \"law\"\n",
            );
        }
        let sources = (mixed_head.iter_mut())
            .find(|f| f.path == "evidence/sources.toml")
            .expect("a sources file");
        sources.text = sources
            .text
            .replacen("Synthetic law document", "Changed document", 1);
        for (base, head) in [
            (base.clone(), revise(&base, 100)),
            (base.clone(), revise_together(&base, 50)),
            (mixed, mixed_head),
        ] {
            let rendered = |b: &Workspace, h: &Workspace| {
                let side = |name, workspace| Side { name, workspace };
                let diff = compare(side("BASE", b), side("HEAD", h), &[], None);
                let diff = diff.map_err(|e| e.to_string());
                diff.map(|d| {
                    assert!(!d.ledger.is_empty());
                    let changed = |id: &str| d.ledger.iter().any(|c| c.id == id);
                    assert!(!changed("src-among-records"));
                    let source_changed = head.iter().any(|f| f.text.contains("Changed document"));
                    assert_eq!(changed("src-00000"), source_changed);
                    crate::render::diff::json::render(&d)
                })
            };
            let (b, h) = Workspace::load_pair(tree(&base), tree(&head));
            let alone = (Workspace::load(tree(&base)), Workspace::load(tree(&head)));
            assert_eq!(rendered(&b, &h), rendered(&alone.0, &alone.1));
        }
    }
}
