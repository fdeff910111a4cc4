//! `kensho verify`: grade a claim and print the verdict, with its robustness.

use super::args::{VerifyArgs, VerifyFormat};
use super::load::{graded, is_expression};
use super::terminal::{refuse_errors, warn, write_stdout};
use crate::check::as_of::before_window;
use crate::engine;
use crate::render::{self, Verdict};

/// Runs `verify`; the exit code, or an error (exit 2).
pub(super) fn run(args: VerifyArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        args.axis.is_none() || args.claim.as_deref().is_some_and(is_expression),
        "`--axis` is for a claim typed as an expression, such as 'value(metric = gpu_share) >= 5%'"
    );
    let (workspace, name) = graded(
        &args.location,
        args.claim.as_deref(),
        &args.expression,
        args.axis.as_deref(),
        args.as_of,
    )?;
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(name.as_deref())?;
    warn(
        args.as_of.and_then(|d| before_window(claim, d)).as_slice(),
        &workspace.files,
    );
    let as_of = args.as_of.unwrap_or(claim.as_of);
    let evaluation = engine::evaluate(claim, &workspace.ledger, as_of);
    let robustness =
        engine::robustness::assess(claim, &workspace.ledger, &evaluation, args.draws.settings());
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: Some(&robustness),
    };
    let text = match args.format {
        VerifyFormat::Table => render::table::render(&verdict),
        VerifyFormat::Json => render::json::render(&verdict),
        VerifyFormat::Markdown => render::markdown::render(&verdict),
        VerifyFormat::Claimreview => render::claimreview::render(&verdict),
        VerifyFormat::Html => render::html::page(
            &verdict,
            &crate::site::timeline(claim, &workspace.ledger, as_of),
            None,
        ),
    };
    write_stdout(&text)?;
    Ok(0)
}
