//! The claim side of a diff: how a claim's verdict, readings, axes and criteria moved between
//! its grades in two revisions, and what changed in its file.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::attribution::{self, MovedBy};
use super::fields::{FieldChange, fields, reparse};
use super::ledger::Changed;
use super::path::ClaimPath;
use super::{Error, delta, differs};
use crate::claim::{Claim, Criterion};
use crate::engine::{self, Evaluation, Measured, Missing, Outcome};
use crate::ledger::Ledger;
use crate::workspace::Workspace;

/// A change in a claim file, at its place in the claim.
pub type ClaimChange = FieldChange<ClaimPath>;

/// A claim graded in one revision.
#[derive(Debug, Clone)]
pub struct Graded<'a> {
    /// The claim as written in that revision.
    pub claim: &'a Claim,
    /// That revision's ledger.
    pub ledger: &'a Ledger,
    /// The grades.
    pub evaluation: Evaluation,
}

/// A reading before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingMove {
    /// Its id.
    pub id: String,
    /// What it means (HEAD's wording, else BASE's).
    pub title: String,
    /// Its outcome in BASE; `None` when the reading is new.
    pub before: Option<Outcome>,
    /// Its outcome in HEAD; `None` when it was removed.
    pub after: Option<Outcome>,
}

impl ReadingMove {
    /// Whether its label, score or coverage moved, or it was added or removed.
    pub fn moved(&self) -> bool {
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => outcome_moved(b, a),
            _ => true,
        }
    }

    /// The score after minus before, when both exist.
    pub fn score_delta(&self) -> Option<f64> {
        delta(
            self.before.and_then(|o| o.score),
            self.after.and_then(|o| o.score),
        )
    }
}

/// An axis's grade in one revision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisGrade {
    /// Its weight in the claim.
    pub weight: f64,
    /// The readings' scores combined; `None` when nothing had evidence.
    pub score: Option<f64>,
    /// The weighted share of its criteria with evidence.
    pub coverage: f64,
}

/// An axis whose grade moved.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisMove {
    /// Its id.
    pub id: String,
    /// In BASE; `None` when the axis is new to the claim.
    pub before: Option<AxisGrade>,
    /// In HEAD; `None` when it was removed from the claim.
    pub after: Option<AxisGrade>,
}

impl AxisMove {
    /// The score after minus before, when both exist.
    pub fn score_delta(&self) -> Option<f64> {
        delta(
            self.before.and_then(|g| g.score),
            self.after.and_then(|g| g.score),
        )
    }
}

/// A criterion's grade in one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionGrade<'a> {
    /// The criterion as written in that revision.
    pub criterion: &'a Criterion,
    /// The value and its arithmetic, or why there is none.
    pub outcome: Result<Measured, Missing>,
    /// The sub-score under each reading, by reading id; `None` without evidence.
    pub scores: BTreeMap<String, Option<f64>>,
    /// The sub-scores combined by reading weight; `None` without evidence.
    pub score: Option<f64>,
    /// The ids of the records it used, in order of use.
    pub records: Vec<String>,
}

/// A criterion whose value or sub-scores moved.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionMove<'a> {
    /// The id of its axis (HEAD's, else BASE's).
    pub axis: String,
    /// Its id.
    pub id: String,
    /// In BASE; `None` when the criterion is new.
    pub before: Option<CriterionGrade<'a>>,
    /// In HEAD; `None` when it was removed.
    pub after: Option<CriterionGrade<'a>>,
    /// What moved it.
    pub moved_by: MovedBy,
}

impl CriterionMove<'_> {
    /// Its title (HEAD's, else BASE's).
    pub fn title(&self) -> &str {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or("", |g| g.criterion.title.as_str())
    }

    /// The combined sub-score after minus before, when both exist.
    pub fn score_delta(&self) -> Option<f64> {
        delta(
            self.before.as_ref().and_then(|g| g.score),
            self.after.as_ref().and_then(|g| g.score),
        )
    }
}

/// How a claim fared between the revisions, most notable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Its headline label changed.
    VerdictChanged,
    /// Only in HEAD.
    Added,
    /// Only in BASE.
    Removed,
    /// Same label, but a score moved or the claim file changed.
    Changed,
    /// Nothing moved.
    Unchanged,
}

impl ClaimStatus {
    /// The words shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::VerdictChanged => "verdict changed",
            ClaimStatus::Added => "added",
            ClaimStatus::Removed => "removed",
            ClaimStatus::Changed => "changed",
            ClaimStatus::Unchanged => "unchanged",
        }
    }
}

/// One claim compared.
#[derive(Debug, Clone)]
pub struct ClaimDiff<'a> {
    /// Its id.
    pub id: String,
    /// Graded in BASE; `None` when the claim is new.
    pub base: Option<Graded<'a>>,
    /// Graded in HEAD; `None` when it was removed.
    pub head: Option<Graded<'a>>,
    /// The claim file's changes, field by field (weights, goalposts, readings, window...).
    pub changes: Vec<ClaimChange>,
    /// Every reading of either revision: HEAD's order, then readings only BASE has.
    pub readings: Vec<ReadingMove>,
    /// The axes whose grade moved, in the same order.
    pub axes: Vec<AxisMove>,
    /// The criteria whose value or sub-scores moved, in the same order.
    pub criteria: Vec<CriterionMove<'a>>,
}

impl ClaimDiff<'_> {
    /// The claim's text (HEAD's, else BASE's).
    pub fn text(&self) -> &str {
        self.head
            .as_ref()
            .or(self.base.as_ref())
            .map_or("", |g| g.claim.text.as_str())
    }

    /// The headline verdict in BASE.
    pub fn before(&self) -> Option<Outcome> {
        self.base.as_ref().map(|g| g.evaluation.headline)
    }

    /// The headline verdict in HEAD.
    pub fn after(&self) -> Option<Outcome> {
        self.head.as_ref().map(|g| g.evaluation.headline)
    }

    /// The headline score after minus before, when both exist.
    pub fn score_delta(&self) -> Option<f64> {
        delta(
            self.before().and_then(|o| o.score),
            self.after().and_then(|o| o.score),
        )
    }

    /// How the claim fared.
    pub fn status(&self) -> ClaimStatus {
        match (self.before(), self.after()) {
            (None, _) => ClaimStatus::Added,
            (_, None) => ClaimStatus::Removed,
            (Some(b), Some(a)) if b.label != a.label => ClaimStatus::VerdictChanged,
            (Some(b), Some(a))
                if outcome_moved(&b, &a)
                    || !self.changes.is_empty()
                    || !self.axes.is_empty()
                    || !self.criteria.is_empty()
                    || self.readings.iter().any(ReadingMove::moved) =>
            {
                ClaimStatus::Changed
            }
            _ => ClaimStatus::Unchanged,
        }
    }
}

/// One claim compared: graded in each revision that has it, as of `as_of` when given (else its
/// own as-of), its file compared field by field, and what moved each criterion among the
/// ledger items that `changed`.
pub(super) fn compare<'a>(
    id: &str,
    base: Option<(&'a Claim, &'a Workspace)>,
    head: Option<(&'a Claim, &'a Workspace)>,
    as_of: Option<NaiveDate>,
    changed: &Changed<'_>,
) -> Result<ClaimDiff<'a>, Error> {
    let grade = |(claim, workspace): (&'a Claim, &'a Workspace)| Graded {
        claim,
        ledger: &workspace.ledger,
        evaluation: engine::evaluate(claim, &workspace.ledger, as_of.unwrap_or(claim.as_of)),
    };
    let changes = match (base, head) {
        (Some(b), Some(h)) => file_changes(b, h)?,
        _ => Vec::new(),
    };
    Ok(claim_diff(
        id,
        base.map(grade),
        head.map(grade),
        changes,
        as_of.is_some(),
        changed,
    ))
}

/// The claim file's changes from `before` in `base` to `after` in `head`, field by field, each
/// at its place in the claim.
fn file_changes(
    (before, base): (&Claim, &Workspace),
    (after, head): (&Claim, &Workspace),
) -> Result<Vec<ClaimChange>, Error> {
    let changes = fields(&claim_table(base, before)?, &claim_table(head, after)?);
    let placed = changes.into_iter().map(|c| FieldChange {
        path: ClaimPath::from(c.path),
        before: c.before,
        after: c.after,
    });
    Ok(placed.collect())
}

/// The whole claim file a claim was read from.
fn claim_table(workspace: &Workspace, claim: &Claim) -> Result<toml::Table, Error> {
    reparse(workspace, claim.span.file)
}

fn outcome_moved(b: &Outcome, a: &Outcome) -> bool {
    b.label != a.label || differs(b.score, a.score) || differs(Some(b.coverage), Some(a.coverage))
}

/// Each criterion's grade in one revision, by criterion id, with its axis id.
fn criterion_grades<'a>(graded: &Graded<'a>) -> BTreeMap<&'a str, (&'a str, CriterionGrade<'a>)> {
    let claim = graded.claim;
    graded
        .evaluation
        .by_criterion(claim)
        .map(|(axis, criterion, result)| {
            let records = result
                .outcome
                .as_ref()
                .map(|m| {
                    m.records
                        .iter()
                        .filter_map(|&i| graded.ledger.records.get(i).map(|r| r.id().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let grade = CriterionGrade {
                criterion,
                outcome: result.outcome.clone(),
                scores: claim
                    .readings
                    .iter()
                    .map(|r| r.id.clone())
                    .zip(result.scores.iter().copied())
                    .collect(),
                score: engine::reading_weighted(claim, &result.scores),
                records,
            };
            (criterion.id.as_str(), (axis.id.as_str(), grade))
        })
        .collect()
}

fn criterion_moved(
    before: Option<&CriterionGrade<'_>>,
    after: Option<&CriterionGrade<'_>>,
) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return true;
    };
    let value = |g: &CriterionGrade<'_>| g.outcome.as_ref().ok().map(|m| m.value);
    let discount = |g: &CriterionGrade<'_>| g.outcome.as_ref().ok().map(|m| m.discount);
    differs(value(b), value(a))
        || differs(discount(b), discount(a))
        || by_reading_differ(&b.scores, &a.scores)
}

/// Whether any reading's score differs between two maps by reading id.
fn by_reading_differ<K: Ord>(b: &BTreeMap<K, Option<f64>>, a: &BTreeMap<K, Option<f64>>) -> bool {
    let readings: BTreeSet<&K> = b.keys().chain(a.keys()).collect();
    readings
        .into_iter()
        .any(|r| differs(b.get(r).copied().flatten(), a.get(r).copied().flatten()))
}

/// Ids in HEAD's order, then those only BASE has, in BASE's order; `ids` lists a claim's.
fn union_of<'a>(
    base: Option<&Graded<'a>>,
    head: Option<&Graded<'a>>,
    ids: impl Fn(&'a Claim) -> Vec<&'a str>,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = head.map(|g| ids(g.claim)).unwrap_or_default();
    let only_base: Vec<&str> = base
        .map(|g| ids(g.claim))
        .unwrap_or_default()
        .into_iter()
        .filter(|id| !out.contains(id))
        .collect();
    out.extend(only_base);
    out
}

/// One claim compared, from its grades in each revision and its file's `changes`.
fn claim_diff<'a>(
    id: &str,
    base: Option<Graded<'a>>,
    head: Option<Graded<'a>>,
    changes: Vec<ClaimChange>,
    as_of_overridden: bool,
    changed: &Changed<'_>,
) -> ClaimDiff<'a> {
    let (b, h) = (base.as_ref(), head.as_ref());
    let readings = reading_moves(b, h);
    let axes = axis_moves(b, h);
    let criteria = criterion_moves(b, h, &changes, as_of_overridden, changed);
    ClaimDiff {
        id: id.to_owned(),
        base,
        head,
        changes,
        readings,
        axes,
        criteria,
    }
}

/// Every reading of either side, before and after.
fn reading_moves(base: Option<&Graded<'_>>, head: Option<&Graded<'_>>) -> Vec<ReadingMove> {
    let reading = |g: Option<&Graded<'_>>, id: &str| {
        g.and_then(|g| {
            let i = g.claim.readings.iter().position(|r| r.id == id)?;
            Some((
                g.claim.readings[i].title.clone(),
                *g.evaluation.readings.get(i)?,
            ))
        })
    };
    union_of(base, head, |c| {
        c.readings.iter().map(|r| r.id.as_str()).collect()
    })
    .into_iter()
    .map(|id| {
        let (b, a) = (reading(base, id), reading(head, id));
        ReadingMove {
            id: id.to_owned(),
            title: a
                .as_ref()
                .or(b.as_ref())
                .map(|(t, _)| t.clone())
                .unwrap_or_default(),
            before: b.map(|(_, o)| o),
            after: a.map(|(_, o)| o),
        }
    })
    .collect()
}

/// An axis's grade and its score under each reading, by reading id.
fn axis_grade<'a>(
    g: Option<&Graded<'a>>,
    id: &str,
) -> Option<(AxisGrade, BTreeMap<&'a str, Option<f64>>)> {
    let g = g?;
    let i = g.claim.axes.iter().position(|a| a.id == id)?;
    let result = g.evaluation.axes.get(i)?;
    let grade = AxisGrade {
        weight: g.claim.axes[i].weight,
        score: result.score,
        coverage: result.coverage,
    };
    let by_reading = (g.claim.readings.iter())
        .map(|r| r.id.as_str())
        .zip(result.scores.iter().copied())
        .collect();
    Some((grade, by_reading))
}

/// The axes whose grade moved.
fn axis_moves(base: Option<&Graded<'_>>, head: Option<&Graded<'_>>) -> Vec<AxisMove> {
    union_of(base, head, |c| {
        c.axes.iter().map(|a| a.id.as_str()).collect()
    })
    .into_iter()
    .filter_map(|id| {
        let (b, a) = (axis_grade(base, id), axis_grade(head, id));
        let moved = match (&b, &a) {
            (Some((b, bs)), Some((a, s))) => {
                differs(b.score, a.score)
                    || differs(Some(b.coverage), Some(a.coverage))
                    || by_reading_differ(bs, s)
            }
            _ => true,
        };
        moved.then(|| AxisMove {
            id: id.to_owned(),
            before: b.map(|(g, _)| g),
            after: a.map(|(g, _)| g),
        })
    })
    .collect()
}

/// The criteria whose value or sub-scores moved, with what moved them.
fn criterion_moves<'a>(
    base: Option<&Graded<'a>>,
    head: Option<&Graded<'a>>,
    changes: &[ClaimChange],
    as_of_overridden: bool,
    changed: &Changed<'_>,
) -> Vec<CriterionMove<'a>> {
    let mut before = base.map(criterion_grades).unwrap_or_default();
    let mut after = head.map(criterion_grades).unwrap_or_default();
    union_of(base, head, |c| {
        c.criteria().map(|(_, k)| k.id.as_str()).collect()
    })
    .into_iter()
    .filter_map(|id| {
        let b = before.remove(id);
        let a = after.remove(id);
        if !criterion_moved(b.as_ref().map(|x| &x.1), a.as_ref().map(|x| &x.1)) {
            return None;
        }
        let moved_by = attribution::moved_by(
            b.as_ref().zip(base).map(|((_, g), s)| (g, s)),
            a.as_ref().zip(head).map(|((_, g), s)| (g, s)),
            id,
            changes,
            as_of_overridden,
            changed,
        );
        let axis = a.as_ref().or(b.as_ref()).map_or("", |(axis, _)| *axis);
        Some(CriterionMove {
            axis: axis.to_owned(),
            id: id.to_owned(),
            before: b.map(|(_, g)| g),
            after: a.map(|(_, g)| g),
            moved_by,
        })
    })
    .collect()
}
