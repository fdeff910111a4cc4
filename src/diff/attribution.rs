//! What moved a criterion: the records it used in either revision that were added, removed or
//! changed, the entities changed that they or the claim's subject are about, and the
//! claim-file changes that bear on it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::claims::{CriterionGrade, Graded};
use super::fields::FieldChange;
use super::ledger::{Change, ItemChange, Namespace};

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
    /// Paths of the claim-file changes that bear on it: its own parameters, its goalposts
    /// in any reading, and the claim's subject, window and as-of.
    pub claim: Vec<String>,
}

/// Whether a claim-file change bears on criterion `id`.
fn bears_on(path: &str, id: &str, as_of_overridden: bool) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        [first, ..] if *first == "subject" || *first == "window" => true,
        ["as_of"] => !as_of_overridden,
        [axis, criterion, ..] if axis.starts_with("axis[") => {
            *criterion == format!("criterion[{id}]")
        }
        [reading, "goalposts", criterion, ..] if reading.starts_with("reading[") => {
            *criterion == id
        }
        _ => false,
    }
}

/// What moved criterion `id`, graded `before` and `after`, given the claim file's `changes`
/// and the ledger items that `changed`.
pub(super) fn moved_by(
    before: Option<(&CriterionGrade<'_>, &Graded<'_>)>,
    after: Option<(&CriterionGrade<'_>, &Graded<'_>)>,
    id: &str,
    changes: &[FieldChange],
    as_of_overridden: bool,
    changed: &BTreeMap<(Namespace, &str), &ItemChange>,
) -> MovedBy {
    let mut records = BTreeSet::new();
    let mut entities = BTreeSet::new();
    for (grade, graded) in before.into_iter().chain(after) {
        entities.insert(graded.claim.subject.clone());
        for record in &grade.records {
            records.insert(record.clone());
            if let Some(r) = graded.ledger.record(record) {
                entities.insert(r.entity.clone());
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
            .map(|c| c.path.to_string())
            .filter(|path| bears_on(path, id, as_of_overridden))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_changes_bear_on_their_criterion() {
        let own = "axis[investment].criterion[gpu-share].goalposts.world";
        assert!(bears_on(own, "gpu-share", false));
        assert!(!bears_on(own, "gpu", false));
        assert!(bears_on(
            "reading[catch-up].goalposts.gpu-share.world",
            "gpu-share",
            false
        ));
        assert!(!bears_on("reading[catch-up].weight", "gpu-share", false));
        assert!(!bears_on("axis[investment].weight", "gpu-share", false));
        assert!(bears_on("as_of", "gpu-share", false));
        assert!(!bears_on("as_of", "gpu-share", true));
        assert!(bears_on("window.from", "gpu-share", true));
    }
}
