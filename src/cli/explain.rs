//! `kensho explain`: the arithmetic behind each criterion, with the records it used.

use super::args::{ExplainArgs, GlobalArgs, VerdictFormat};
use super::load::{Graded, graded};
use super::terminal::{refuse_errors, warn, write_stdout};
use crate::check::as_of::before_window;
use crate::engine;
use crate::render::{self, Verdict};

/// Runs `explain`; the exit code, or an error (exit 2).
pub(super) fn run(args: ExplainArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let Graded {
        workspace, name, ..
    } = graded(
        global,
        args.claim.as_deref(),
        &args.expression,
        args.axis.as_deref(),
        args.as_of,
    )?;
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(name.as_deref())?;
    if let Some(axis) = &args.axis {
        anyhow::ensure!(
            claim.axes.iter().any(|a| &a.id == axis),
            "claim `{}` has no axis `{axis}`",
            claim.id
        );
    }
    if let Some(criterion) = &args.criterion {
        anyhow::ensure!(
            claim.criteria().any(|(_, c)| &c.id == criterion),
            "claim `{}` has no criterion `{criterion}`",
            claim.id
        );
    }
    if !global.quiet {
        warn(
            args.as_of.and_then(|d| before_window(claim, d)).as_slice(),
            &workspace.files,
        );
    }
    let evaluation = engine::evaluate(claim, &workspace.ledger, args.as_of.unwrap_or(claim.as_of));
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: None,
    };
    let focus = render::explain::Focus {
        axis: args.axis,
        criterion: args.criterion,
    };
    let text = match args.format {
        VerdictFormat::Table => render::explain::table(&verdict, &focus),
        VerdictFormat::Json => render::explain::json(&verdict, &focus),
        VerdictFormat::Markdown => render::explain::markdown(&verdict, &focus),
    };
    write_stdout(&text)?;
    Ok(0)
}
