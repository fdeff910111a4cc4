//! `kensho timeline`: the verdict and score at the end of each month or quarter.

use super::args::{GlobalArgs, StepArg, TimelineArgs, VerdictFormat};
use super::load::{graded_name, here, load, resolve};
use super::terminal::Terminal;
use crate::engine;
use crate::render;

/// Runs `timeline`; the exit code, or an error (exit 2).
pub(super) fn run(
    args: TimelineArgs,
    global: &GlobalArgs,
    terminal: &Terminal,
) -> anyhow::Result<u8> {
    use engine::timeline::{Step, days, default_range, timeline};
    let resolution = resolve(global)?;
    let workspace = load(resolution.read(&here(), args.claim.as_deref())?);
    if terminal.refuse_errors(&workspace) {
        return Ok(1);
    }
    let name = graded_name(&resolution, args.claim.as_deref());
    let claim = workspace.claim(name.as_deref())?;
    let (default_from, default_to) = default_range(claim);
    let (from, to) = (
        args.from.unwrap_or(default_from),
        args.to.unwrap_or(default_to),
    );
    anyhow::ensure!(from <= to, "`--from` must not be after `--to`");
    anyhow::ensure!(
        (to.0 - from.0) * 12 + (to.1 as i32 - from.1 as i32) < 1200,
        "a timeline spans at most 100 years"
    );
    let step = match args.step {
        StepArg::Month => Step::Month,
        StepArg::Quarter => Step::Quarter,
    };
    let points = timeline(claim, &workspace.ledger, &days(from, to, step));
    let text = match args.format {
        VerdictFormat::Table => render::timeline::table(claim, &points, terminal.width),
        VerdictFormat::Json => render::timeline::json(claim, &points),
        VerdictFormat::Markdown => render::timeline::markdown(claim, &points),
    };
    terminal.print(&text)?;
    Ok(0)
}
