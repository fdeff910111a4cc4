//! Where a changed field sits: the steps from the top of a TOML table down to it. A path
//! prints as the dotted text the output shows (`value.value`,
//! `axis[investment].criterion[gpu-share].goalposts.world`) and is never read back from that
//! text, since keys and ids may hold dots themselves.

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
