//! Why a criterion has no evidence: the records it needs are missing, or its arithmetic left
//! the finite numbers. A value that is not a finite number is refused here, before any
//! goalposts see it, so that `inf` or `NaN` can never become a sub-score or a label.

use serde::Serialize;

use crate::engine::measure::{Measured, Missing};

/// Why a criterion has no value to grade. `render::wording::no_evidence` words it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum NoEvidence {
    /// The records the measure needs are not there, or not comparable; the reason says which.
    Missing(Missing),
    /// The measure's arithmetic gave a value that is not a finite number: a sum, ratio or
    /// growth of finite figures that overflowed, or a division of zero by zero. It is refused
    /// rather than graded, since the goalposts would clamp `inf` to world level and `NaN` to
    /// nothing.
    NotFinite {
        /// What the arithmetic gave: `inf`, `-inf` or `NaN`.
        value: f64,
    },
}

impl From<Missing> for NoEvidence {
    fn from(missing: Missing) -> NoEvidence {
        NoEvidence::Missing(missing)
    }
}

/// A measure's result as the engine grades it: a value that is not a finite number is
/// refused as [`NoEvidence::NotFinite`].
pub fn finite(result: Result<Measured, Missing>) -> Result<Measured, NoEvidence> {
    match result {
        Ok(m) if !m.value.is_finite() => Err(NoEvidence::NotFinite { value: m.value }),
        Ok(m) => Ok(m),
        Err(missing) => Err(missing.into()),
    }
}
