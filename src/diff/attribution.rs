//! What moved a criterion: the records it used in either revision that were added, removed or
//! changed, the entities changed that they or the claim's subject are about, and the
//! claim-file changes that bear on it.

use std::collections::BTreeSet;

use serde::Serialize;

use super::claims::ClaimChange;
use super::claims::{CriterionGrade, Graded};
use super::ledger::{Change, Changed};
use super::path::ClaimPath;
use crate::ledger::Namespace;

/// Something in the ledger that moved a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// The record's (or entity's) id.
    pub id: String,
    /// What happened to it.
    pub change: Change,
    /// The sources it rests on.
    pub sources: Vec<String>,
}

/// What moved a criterion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MovedBy {
    /// Records it used in either revision that were added, removed or changed, by id.
    pub records: Vec<Cause>,
    /// Entities changed that the claim's subject or those records are about, by id.
    pub entities: Vec<Cause>,
    /// The places of the claim-file changes that bear on it: its own parameters, its
    /// goalposts in any reading, and the claim's subject, window and as-of.
    pub claim: Vec<ClaimPath>,
}

/// Whether a claim-file change at `path` bears on criterion `id`: the claim's subject and
/// window always do, its as-of unless `--as-of` replaced it, and the criterion's own
/// parameters and its goalposts under any reading.
fn bears_on(path: &ClaimPath, id: &str, as_of_overridden: bool) -> bool {
    match path {
        ClaimPath::Subject(_) | ClaimPath::Window(_) => true,
        ClaimPath::AsOf => !as_of_overridden,
        ClaimPath::Criterion { criterion, .. } | ClaimPath::Goalposts { criterion, .. } => {
            criterion == id
        }
        ClaimPath::Axis { .. } | ClaimPath::Reading { .. } | ClaimPath::Other(_) => false,
    }
}

/// What moved criterion `id`, graded `before` and `after`, given the claim file's `changes`
/// and the ledger items that `changed`.
pub(super) fn moved_by(
    before: Option<(&CriterionGrade<'_>, &Graded<'_>)>,
    after: Option<(&CriterionGrade<'_>, &Graded<'_>)>,
    id: &str,
    changes: &[ClaimChange],
    as_of_overridden: bool,
    changed: &Changed<'_>,
) -> MovedBy {
    let mut records = BTreeSet::new();
    let mut entities = BTreeSet::new();
    for (grade, graded) in before.into_iter().chain(after) {
        entities.insert(graded.claim.subject.clone());
        for record in &grade.records {
            records.insert(record.clone());
            if let Some(r) = graded.ledger.record(record) {
                entities.insert(r.entity().to_string());
            }
        }
    }
    let causes = |namespace: Namespace, ids: &BTreeSet<String>| -> Vec<Cause> {
        ids.iter()
            .filter_map(|id| changed.get(&(namespace, id.as_str())))
            .map(|c| Cause {
                id: c.id.clone(),
                change: c.change,
                sources: c.sources.clone(),
            })
            .collect()
    };
    MovedBy {
        records: causes(Namespace::Record, &records),
        entities: causes(Namespace::Entity, &entities),
        claim: changes
            .iter()
            .filter(|c| bears_on(&c.path, id, as_of_overridden))
            .map(|c| c.path.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{FieldPath, Step};

    fn key(key: &str) -> Step {
        Step::key(key)
    }

    fn element(key: &str, id: &str) -> Step {
        Step::element(key, id)
    }

    fn at(steps: Vec<Step>) -> ClaimPath {
        ClaimPath::from(FieldPath::from(steps))
    }

    #[test]
    fn claim_changes_bear_on_their_criterion() {
        let own = at(vec![
            element("axis", "investment"),
            element("criterion", "gpu-share"),
            key("goalposts"),
            key("world"),
        ]);
        assert_eq!(
            own.to_string(),
            "axis[investment].criterion[gpu-share].goalposts.world"
        );
        assert!(bears_on(&own, "gpu-share", false));
        assert!(!bears_on(&own, "gpu", false));
        let goalposts = at(vec![
            element("reading", "catch-up"),
            key("goalposts"),
            key("gpu-share"),
            key("world"),
        ]);
        assert!(bears_on(&goalposts, "gpu-share", false));
        let reading_weight = at(vec![element("reading", "catch-up"), key("weight")]);
        assert!(!bears_on(&reading_weight, "gpu-share", false));
        let axis_weight = at(vec![element("axis", "investment"), key("weight")]);
        assert!(!bears_on(&axis_weight, "gpu-share", false));
        let as_of = at(vec![key("as_of")]);
        assert!(bears_on(&as_of, "gpu-share", false));
        assert!(!bears_on(&as_of, "gpu-share", true));
        let window = at(vec![key("window"), key("from")]);
        assert!(bears_on(&window, "gpu-share", true));
    }

    #[test]
    fn ids_with_dots_are_matched_whole() {
        let own = at(vec![
            element("axis", "models.open"),
            element("criterion", "gpt-4.1-gap"),
            key("weight"),
        ]);
        assert!(bears_on(&own, "gpt-4.1-gap", false));
        assert!(!bears_on(&own, "gpt-4", false));
        let goalposts = at(vec![
            element("reading", "strict"),
            key("goalposts"),
            key("gpt-4.1-gap"),
            key("world"),
        ]);
        assert!(bears_on(&goalposts, "gpt-4.1-gap", false));
        assert!(!bears_on(&goalposts, "gpt-4", false));
    }
}
