//! A diagnostic is a value: a stable code, a severity, a message, where it happened and how
//! to fix it. Loading and checking collect them; only the renderers turn them into text.

use crate::source_file::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The ledger or claim cannot be graded until this is fixed.
    Error,
    /// Worth a look; grading goes on.
    Warning,
}

/// Every kind of finding kensho reports, each with a stable code (see `docs/diagnostics.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file is not valid TOML.
    Syntax,
    /// The file is not UTF-8.
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// A top-level key is not a known record kind.
    UnknownKind,
    /// A record has a key its kind does not know, a wrong type, or misses a required key.
    BadField,
    /// A date that does not exist, or a malformed period or fiscal year.
    BadDate,
    /// Two records (or sources, entities, axes, claims) share an id.
    DuplicateId,
    /// A record cites a source id that is not in the ledger.
    DanglingSource,
    /// A source no record cites.
    UnusedSource,
    /// A reference to an entity the ledger does not declare.
    UnknownEntity,
    /// A reference to an axis the ledger does not declare.
    UnknownAxis,
    /// A quantity whose value makes no sense for its unit.
    BadQuantity,
    /// Two records state different values for the same entity, metric and period.
    ConflictingValues,
    /// A URL that is not an absolute http(s) URL.
    BadUrl,
    /// A record dated after a claim's as-of date.
    AfterAsOf,
    /// A claim is malformed: unknown measure parameters, goalposts, weights, readings.
    BadClaim,
    /// A claim refers to a metric no record states.
    UnknownMetric,
}

impl Code {
    /// The stable code shown to users, e.g. `K0101`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "K0101",
            Code::NotUtf8 => "K0102",
            Code::EmptyFile => "K0103",
            Code::UnknownKind => "K0104",
            Code::BadField => "K0201",
            Code::BadDate => "K0202",
            Code::BadQuantity => "K0203",
            Code::BadUrl => "K0204",
            Code::DuplicateId => "K0301",
            Code::DanglingSource => "K0302",
            Code::UnknownEntity => "K0303",
            Code::UnknownAxis => "K0304",
            Code::UnusedSource => "K0305",
            Code::ConflictingValues => "K0306",
            Code::AfterAsOf => "K0401",
            Code::BadClaim => "K0501",
            Code::UnknownMetric => "K0502",
        }
    }

    /// The severity this code always has.
    pub fn severity(self) -> Severity {
        match self {
            Code::EmptyFile | Code::UnusedSource | Code::AfterAsOf => Severity::Warning,
            Code::Syntax
            | Code::NotUtf8
            | Code::UnknownKind
            | Code::BadField
            | Code::BadDate
            | Code::BadQuantity
            | Code::BadUrl
            | Code::DuplicateId
            | Code::DanglingSource
            | Code::UnknownEntity
            | Code::UnknownAxis
            | Code::ConflictingValues
            | Code::BadClaim
            | Code::UnknownMetric => Severity::Error,
        }
    }
}

/// A secondary place that helps explain a diagnostic, e.g. the first definition of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of finding.
    pub code: Code,
    /// What went wrong, lowercase, user values in backticks.
    pub message: String,
    /// Where it went wrong; `None` for problems of a whole folder.
    pub span: Option<Span>,
    /// Other places worth showing.
    pub labels: Vec<Label>,
    /// How to fix it; `None` when the message says it all.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span: Some(span),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// The severity, from the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether any of `diagnostics` is an error.
    pub fn any_error(diagnostics: &[Diagnostic]) -> bool {
        diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}
