//! `[[event]]`: something that happened on a day: a law, a plan, a paper, a launch.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::ledger::record::record_kind;

/// What sort of event.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A law passed.
    Law,
    /// A cabinet order or other subordinate regulation.
    CabinetOrder,
    /// A national plan.
    Plan,
    /// A strategy or policy direction.
    Strategy,
    /// A guideline or guidance document.
    Guideline,
    /// A product or model made available.
    Release,
    /// A research paper.
    Paper,
    /// A partnership between organisations.
    Partnership,
    /// A product, fund or programme launched.
    Launch,
    /// A prize or award.
    Award,
    /// An announcement of intent.
    Announcement,
    /// A service starting operation.
    ServiceStart,
    /// A government approval or selection.
    Approval,
}

record_kind! {
    /// The fields particular to an `[[event]]`.
    Event, Event, RawEvent {
        /// What sort of event.
        #[serde(rename = "type")]
        event_type: EventType,
        /// Other entities involved.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        partners: Vec<Spanned<String>>,
        /// The journal, conference or award body; `None` when not relevant.
        #[serde(default)]
        venue: Option<String>,
    }
}
