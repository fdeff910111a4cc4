//! Where a changed field sits: the steps from the top of a TOML table down to it, and in a
//! claim file the place those steps lead to (the subject, a criterion's parameters, its
//! goalposts under a reading...). Both print as the dotted text the output shows
//! (`value.value`, `axis[investment].criterion[gpu-share].goalposts.world`) and are never read
//! back from that text, since keys and ids may hold dots themselves.

use std::fmt;

use serde::{Serialize, Serializer};

/// One step down a TOML table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// Into the value of a key: `value`.
    Key(String),
    /// Into the element with this `id` of the array of tables under `key`: `axis[investment]`.
    Element {
        /// The array's key.
        key: String,
        /// The element's `id`.
        id: String,
    },
}

impl Step {
    /// A step into `key`.
    pub fn key(key: &str) -> Step {
        Step::Key(key.to_owned())
    }

    /// A step into the element `id` of the array under `key`.
    pub fn element(key: &str, id: &str) -> Step {
        Step::Element {
            key: key.to_owned(),
            id: id.to_owned(),
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Key(key) => f.write_str(key),
            Step::Element { key, id } => write!(f, "{key}[{id}]"),
        }
    }
}

/// A field's place in a TOML table, step by step from the top; no step is the table itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<Step>);

impl FieldPath {
    /// The steps, from the top.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// This path one step further down.
    pub fn then(&self, step: Step) -> FieldPath {
        let mut steps = Vec::with_capacity(self.0.len() + 1);
        steps.extend_from_slice(&self.0);
        steps.push(step);
        FieldPath(steps)
    }
}

impl From<Vec<Step>> for FieldPath {
    fn from(steps: Vec<Step>) -> FieldPath {
        FieldPath(steps)
    }
}

/// The steps joined by dots.
impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{step}")?;
        }
        Ok(())
    }
}

/// As its dotted text.
impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

// The keys of a claim file that name a place.
const SUBJECT: &str = "subject";
const WINDOW: &str = "window";
const AS_OF: &str = "as_of";
const AXIS: &str = "axis";
const CRITERION: &str = "criterion";
const READING: &str = "reading";
const GOALPOSTS: &str = "goalposts";

/// The place in a claim file that a changed field is at. Each place keeps the steps below it
/// (`rest`), so that it prints as the path it was found at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ClaimPath {
    /// `subject`: the entity the claim is about.
    Subject(FieldPath),
    /// `window`, `window.from`, `window.to`: the period the claim is about.
    Window(FieldPath),
    /// `as_of`: the day the claim is graded as of.
    AsOf,
    /// `axis[AXIS].criterion[CRITERION]...`: a criterion's own parameters (weight, measure,
    /// goalposts...).
    Criterion {
        /// The axis's id.
        axis: String,
        /// The criterion's id.
        criterion: String,
        /// The steps below the criterion.
        rest: FieldPath,
    },
    /// `axis[AXIS]...`, outside its criteria: the axis's weight, title...
    Axis {
        /// The axis's id.
        axis: String,
        /// The steps below the axis.
        rest: FieldPath,
    },
    /// `reading[READING].goalposts.CRITERION...`: a criterion's goalposts under one reading.
    Goalposts {
        /// The reading's id.
        reading: String,
        /// The criterion's id.
        criterion: String,
        /// The steps below the criterion's goalposts.
        rest: FieldPath,
    },
    /// `reading[READING]...`, outside its goalposts for a criterion: the reading's weight,
    /// title...
    Reading {
        /// The reading's id.
        reading: String,
        /// The steps below the reading.
        rest: FieldPath,
    },
    /// Anywhere else: the claim's id, its text, an array compared whole.
    Other(FieldPath),
}

impl From<FieldPath> for ClaimPath {
    fn from(path: FieldPath) -> ClaimPath {
        use Step::{Element, Key};
        let rest = |from: usize| FieldPath(path.0[from..].to_vec());
        match path.steps() {
            [Key(key), ..] if key == SUBJECT => ClaimPath::Subject(rest(1)),
            [Key(key), ..] if key == WINDOW => ClaimPath::Window(rest(1)),
            [Key(key)] if key == AS_OF => ClaimPath::AsOf,
            [
                Element { key, id: axis },
                Element {
                    key: inner,
                    id: criterion,
                },
                ..,
            ] if key == AXIS && inner == CRITERION => ClaimPath::Criterion {
                axis: axis.clone(),
                criterion: criterion.clone(),
                rest: rest(2),
            },
            [Element { key, id: axis }, ..] if key == AXIS => ClaimPath::Axis {
                axis: axis.clone(),
                rest: rest(1),
            },
            [
                Element { key, id: reading },
                Key(goalposts),
                Key(criterion),
                ..,
            ] if key == READING && goalposts == GOALPOSTS => ClaimPath::Goalposts {
                reading: reading.clone(),
                criterion: criterion.clone(),
                rest: rest(3),
            },
            [Element { key, id: reading }, ..] if key == READING => ClaimPath::Reading {
                reading: reading.clone(),
                rest: rest(1),
            },
            _ => ClaimPath::Other(path),
        }
    }
}

/// The path it was found at, joined by dots.
impl fmt::Display for ClaimPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rest = match self {
            ClaimPath::Subject(rest) => {
                f.write_str(SUBJECT)?;
                rest
            }
            ClaimPath::Window(rest) => {
                f.write_str(WINDOW)?;
                rest
            }
            ClaimPath::AsOf => return f.write_str(AS_OF),
            ClaimPath::Criterion {
                axis,
                criterion,
                rest,
            } => {
                write!(f, "{AXIS}[{axis}].{CRITERION}[{criterion}]")?;
                rest
            }
            ClaimPath::Axis { axis, rest } => {
                write!(f, "{AXIS}[{axis}]")?;
                rest
            }
            ClaimPath::Goalposts {
                reading,
                criterion,
                rest,
            } => {
                write!(f, "{READING}[{reading}].{GOALPOSTS}.{criterion}")?;
                rest
            }
            ClaimPath::Reading { reading, rest } => {
                write!(f, "{READING}[{reading}]")?;
                rest
            }
            ClaimPath::Other(path) => return write!(f, "{path}"),
        };
        rest.0.iter().try_for_each(|step| write!(f, ".{step}"))
    }
}

/// As its dotted text.
impl Serialize for ClaimPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn key(key: &str) -> Step {
        Step::key(key)
    }

    fn element(key: &str, id: &str) -> Step {
        Step::element(key, id)
    }

    fn claim_path(steps: Vec<Step>) -> ClaimPath {
        ClaimPath::from(FieldPath::from(steps))
    }

    #[test]
    fn claim_paths_name_their_place() {
        let weight = FieldPath::from(vec![key("weight")]);
        assert_eq!(
            claim_path(vec![
                element("axis", "investment"),
                element("criterion", "gpt-4.1"),
                key("goalposts"),
                key("world"),
            ]),
            ClaimPath::Criterion {
                axis: "investment".to_owned(),
                criterion: "gpt-4.1".to_owned(),
                rest: FieldPath::from(vec![key("goalposts"), key("world")]),
            }
        );
        assert_eq!(
            claim_path(vec![element("axis", "investment"), key("weight")]),
            ClaimPath::Axis {
                axis: "investment".to_owned(),
                rest: weight.clone(),
            }
        );
        assert_eq!(
            claim_path(vec![
                element("reading", "catch-up"),
                key("goalposts"),
                key("gpu-share"),
                key("world"),
            ]),
            ClaimPath::Goalposts {
                reading: "catch-up".to_owned(),
                criterion: "gpu-share".to_owned(),
                rest: FieldPath::from(vec![key("world")]),
            }
        );
        // Goalposts emptied to `{}` are a leaf with no criterion below them.
        assert_eq!(
            claim_path(vec![element("reading", "catch-up"), key("goalposts")]),
            ClaimPath::Reading {
                reading: "catch-up".to_owned(),
                rest: FieldPath::from(vec![key("goalposts")]),
            }
        );
        assert_eq!(
            claim_path(vec![element("reading", "catch-up"), key("weight")]),
            ClaimPath::Reading {
                reading: "catch-up".to_owned(),
                rest: weight,
            }
        );
        assert_eq!(claim_path(vec![key("as_of")]), ClaimPath::AsOf);
        assert_eq!(
            claim_path(vec![key("subject")]),
            ClaimPath::Subject(FieldPath::default())
        );
        assert_eq!(
            claim_path(vec![key("window"), key("from")]),
            ClaimPath::Window(FieldPath::from(vec![key("from")]))
        );
        // An array whose elements lack ids is compared whole, under its bare key.
        assert_eq!(
            claim_path(vec![key("axis")]),
            ClaimPath::Other(FieldPath::from(vec![key("axis")]))
        );
        assert_eq!(
            claim_path(vec![key("text")]),
            ClaimPath::Other(FieldPath::from(vec![key("text")]))
        );
    }

    #[test]
    fn paths_print_as_dotted_text() {
        let path = FieldPath::from(vec![
            element("axis", "investment"),
            element("criterion", "gpu-share"),
            key("goalposts"),
            key("world"),
        ]);
        let text = "axis[investment].criterion[gpu-share].goalposts.world";
        assert_eq!(path.to_string(), text);
        assert_eq!(ClaimPath::from(path.clone()).to_string(), text);
        assert_eq!(
            serde_json::to_string(&ClaimPath::from(path.clone())).ok(),
            Some(format!("\"{text}\""))
        );
        assert_eq!(
            serde_json::to_string(&path).ok(),
            Some(format!("\"{text}\""))
        );
        assert_eq!(FieldPath::default().to_string(), "");
    }

    /// A step from the claim file's own keys, and keys and ids with dots and brackets.
    fn step() -> impl Strategy<Value = Step> {
        let word = prop::sample::select(vec![
            "subject",
            "window",
            "as_of",
            "axis",
            "criterion",
            "reading",
            "goalposts",
            "weight",
            "gpu-share",
            "gpt-4.1",
            "a[b]",
            "",
        ]);
        prop_oneof![
            word.clone().prop_map(key),
            (word.clone(), word).prop_map(|(k, id)| element(k, id)),
        ]
    }

    proptest! {
        #[test]
        fn a_claim_path_prints_as_the_path_it_was_found_at(
            steps in prop::collection::vec(step(), 0..6)
        ) {
            let path = FieldPath::from(steps);
            prop_assert_eq!(ClaimPath::from(path.clone()).to_string(), path.to_string());
        }
    }
}
