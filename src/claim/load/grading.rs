//! How a criterion is graded, as written: goalposts (with their `scale`) or a threshold,
//! each figure in the measure's unit, checked where every value's place is known.

use serde::Deserialize;
use toml::Spanned;

use crate::claim::load::Direction;
use crate::claim::{Figure, Goalposts, Grading, MeasureKind, Scale, Threshold};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::Dimension;
use crate::source_file::{FileId, Span};

/// Goalposts as written: numbers in the measure's base unit, or figures with a unit.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoalposts {
    /// The value that counts as world level.
    world: RawFigure,
    /// The value that counts as nothing.
    nothing: RawFigure,
}

/// A number, or a figure with a unit such as `"2兆円"` or `"5%"`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawFigure {
    /// A number in the measure's base unit.
    Number(f64),
    /// A number with a unit.
    Text(String),
}

impl RawFigure {
    fn figure(&self) -> Result<Figure, String> {
        match self {
            RawFigure::Number(v) if v.is_finite() => Ok(Figure::plain(*v)),
            RawFigure::Number(_) => Err("goalposts must be finite numbers".to_owned()),
            RawFigure::Text(t) => Figure::parse(t),
        }
    }
}

impl RawGoalposts {
    /// The goalposts in base units and the dimension they are written in, or why not.
    pub(super) fn read(&self) -> Result<(Goalposts, Option<Dimension>), String> {
        let world = self.world.figure()?;
        let nothing = self.nothing.figure()?;
        let dimension = match (world.dimension(), nothing.dimension()) {
            (Some(a), Some(b)) if a != b => {
                return Err(format!(
                    "`world` is in {} and `nothing` in {}",
                    world.unit.map_or("", |u| u.symbol()),
                    nothing.unit.map_or("", |u| u.symbol())
                ));
            }
            (a, b) => a.or(b),
        };
        Ok((
            Goalposts {
                world: world.base(),
                nothing: nothing.base(),
            },
            dimension,
        ))
    }
}

/// The largest magnitude a goalpost may have. Far beyond any real figure (a yen amount is
/// below 1e20), it keeps the goalposts' difference, and the robustness draws' moves of them,
/// finite numbers.
pub(crate) const MAX_GOALPOST: f64 = 1e100;

/// The smallest a goalpost may be on a log scale. With [`MAX_GOALPOST`], it keeps the
/// logarithm of the goalposts' ratio a finite number.
pub(crate) const MIN_LOG_GOALPOST: f64 = 1e-100;

/// Why goalposts cannot grade a measure on a scale, if they cannot: not finite, equal, not
/// positive on a log scale, beyond the bounds that keep their arithmetic finite, or pointing
/// against the measure's direction.
pub(crate) fn goalposts_problem(
    kind: MeasureKind,
    scale: Scale,
    goalposts: Goalposts,
) -> Option<String> {
    goalposts
        .problem(scale)
        .or_else(|| magnitude_problem(scale, goalposts))
        .or_else(|| {
            Direction::of(kind)?.problem(goalposts, &format!("for measure `{}`", kind.key()))
        })
}

/// Why goalposts lie beyond [`MAX_GOALPOST`] (or, on a log scale, below
/// [`MIN_LOG_GOALPOST`]), if they do. Both are finite and, on a log scale, above zero.
fn magnitude_problem(scale: Scale, goalposts: Goalposts) -> Option<String> {
    let (smallest, bounds) = match scale {
        Scale::Linear => (0.0, "within ±1e100"),
        Scale::Log => (MIN_LOG_GOALPOST, "between 1e-100 and 1e100 on a log scale"),
    };
    [("world", goalposts.world), ("nothing", goalposts.nothing)]
        .into_iter()
        .find(|(_, v)| v.abs() > MAX_GOALPOST || v.abs() < smallest)
        // `1e308` rather than its 309 digits.
        .map(|(name, v)| format!("goalposts must lie {bounds}: `{name}` is `{v:e}`"))
}

/// The dimension each measure's values are in; `None` when it depends on the records
/// (`value`, and `sum`, which is in whichever currency its goalposts name).
pub(crate) fn measure_dimension(kind: MeasureKind) -> Option<Dimension> {
    match kind {
        MeasureKind::RatioToLeader | MeasureKind::Growth | MeasureKind::BenchmarkRatio => {
            Some(Dimension::Ratio)
        }
        MeasureKind::Rank => Some(Dimension::Rank),
        MeasureKind::Share => Some(Dimension::Share),
        MeasureKind::Count => Some(Dimension::Count),
        MeasureKind::BenchmarkGap => Some(Dimension::Score),
        MeasureKind::Sum | MeasureKind::Value => None,
    }
}

/// Why figures written in `dimension` cannot grade measure `kind`, if they cannot.
pub(super) fn dimension_problem(kind: MeasureKind, dimension: Option<Dimension>) -> Option<String> {
    let given = dimension?;
    let fits = match (kind, measure_dimension(kind)) {
        (MeasureKind::Sum, _) => matches!(given, Dimension::Yen | Dimension::Dollars),
        (_, Some(wanted)) => given == wanted,
        (_, None) => true,
    };
    (!fits).then(|| {
        format!(
            "figures in {} cannot grade measure `{}`, whose values are {}",
            given.noun(),
            kind.key(),
            match (kind, measure_dimension(kind)) {
                (MeasureKind::Sum, _) => "an amount of money".to_owned(),
                (_, Some(wanted)) => wanted.noun().to_owned(),
                (_, None) => "as the records state them".to_owned(),
            }
        )
    })
}

/// The diagnostic for a goalposts problem.
pub(crate) fn goalposts_diagnostic(span: Span, what: &str, problem: String) -> Diagnostic {
    let help = if problem.starts_with("goalposts point the wrong way") {
        "swap `world` and `nothing`"
    } else if problem.starts_with("goalposts must lie") {
        "goalposts are in the measure's normalised unit (`5027億円` is `5027e8`); check the value"
    } else {
        "set `world` to the value that counts as world level and `nothing` to the value that counts as none"
    };
    Diagnostic::new(Code::BadGoalposts, span, format!("{what}: {problem}")).with_help(help)
}

/// A criterion's grading as written: its `scale`, `goalposts` and `threshold` keys.
pub(super) struct RawGrading<'a> {
    pub scale: &'a Option<Spanned<Scale>>,
    pub goalposts: &'a Option<Spanned<RawGoalposts>>,
    pub threshold: &'a Option<Spanned<String>>,
}

/// `scale` shapes goalposts; with a threshold, which is met or not, it is a mistake.
pub(super) fn scale_problem(file: FileId, what: &str, raw: &RawGrading<'_>) -> Option<Diagnostic> {
    let (Some(scale), Some(_)) = (raw.scale, raw.threshold) else {
        return None;
    };
    Some(
        Diagnostic::new(
            Code::BadClaim,
            Span::new(file, scale.span()),
            format!("{what}: `scale` applies to goalposts, and this criterion has a threshold"),
        )
        .with_help("remove `scale`; a threshold is met or not"),
    )
}

/// The grading of a criterion of measure `kind` and the dimension its figures are written
/// in; `None` (with diagnostics) when it has none, or both, or they cannot be read.
pub(super) fn read_grading(
    file: FileId,
    what: &str,
    kind: MeasureKind,
    raw: &RawGrading<'_>,
    whole: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Grading, Option<Dimension>)> {
    let scale = raw.scale.as_ref().map_or(Scale::Linear, |s| *s.get_ref());
    match (raw.goalposts, raw.threshold) {
        (Some(goalposts), None) => {
            let at = Span::new(file, goalposts.span());
            match goalposts.get_ref().read() {
                Ok((g, dimension)) => {
                    if let Some(problem) = goalposts_problem(kind, scale, g)
                        .or_else(|| dimension_problem(kind, dimension))
                    {
                        diagnostics.push(goalposts_diagnostic(at, what, problem));
                    }
                    Some((
                        Grading::Goalposts {
                            scale,
                            goalposts: g,
                        },
                        dimension,
                    ))
                }
                Err(problem) => {
                    diagnostics.push(goalposts_diagnostic(at, what, problem));
                    None
                }
            }
        }
        (None, Some(threshold)) => {
            let at = Span::new(file, threshold.span());
            match Threshold::parse(threshold.get_ref()) {
                Ok(t) => {
                    let dimension = t.figure.dimension();
                    if let Some(problem) = dimension_problem(kind, dimension) {
                        diagnostics.push(
                            Diagnostic::new(Code::BadGoalposts, at, format!("{what}: {problem}"))
                                .with_help("write the threshold in the measure's unit"),
                        );
                    }
                    Some((Grading::Threshold(t), dimension))
                }
                Err(problem) => {
                    diagnostics.push(
                        Diagnostic::new(Code::BadGoalposts, at, format!("{what}: {problem}"))
                            .with_help("write a comparison and a figure, as `>= 2` or `> 2兆円`"),
                    );
                    None
                }
            }
        }
        (Some(goalposts), Some(_)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadGoalposts,
                    Span::new(file, goalposts.span()),
                    format!("{what} has both `goalposts` and `threshold`"),
                )
                .with_help("keep `goalposts` for a sliding score, or `threshold` for met or not"),
            );
            None
        }
        (None, None) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    whole,
                    format!("{what} has neither `goalposts` nor `threshold`"),
                )
                .with_help(
                    "add `goalposts = { world = .., nothing = .. }`, or `threshold = \">= 2\"`",
                ),
            );
            None
        }
    }
}
