//! `kensho verify`: grade a claim and print the verdict, with its robustness.

use super::args::{GlobalArgs, VerifyArgs, VerifyFormat};
use super::load::{Graded, graded, is_expression, note};
use super::terminal::{refuse_errors, warn, write_stdout};
use crate::check::as_of::before_window;
use crate::engine;
use crate::hostile::escape;
use crate::ledger::url::url_problem;
use crate::location::Resolution;
use crate::render::claimreview::{Publication, missing};
use crate::render::{self, Verdict};

/// Runs `verify`; the exit code, or an error (exit 2).
pub(super) fn run(args: VerifyArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        args.axis.is_none() || args.claim.as_deref().is_some_and(is_expression),
        "`--axis` is for a claim typed as an expression, such as 'value(metric = gpu_share) >= 5%'"
    );
    anyhow::ensure!(
        (args.url.is_none() && args.author.is_none())
            || matches!(args.format, VerifyFormat::Claimreview | VerifyFormat::Html),
        "`--url` and `--author` are for `--format claimreview` and `--format html`"
    );
    if let Some(problem) = args.url.as_deref().and_then(url_problem) {
        anyhow::bail!("`--url` is a malformed URL: {problem}");
    }
    let Graded {
        workspace,
        name,
        resolution,
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
    if !global.quiet {
        warn(
            args.as_of.and_then(|d| before_window(claim, d)).as_slice(),
            &workspace.files,
        );
    }
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
        VerifyFormat::Claimreview => {
            let publication = publication(&args, &resolution, &claim.id);
            note_missing(global, &verdict, &publication);
            render::claimreview::render(&verdict, &publication)
        }
        VerifyFormat::Html => {
            let publication = publication(&args, &resolution, &claim.id);
            note_missing(global, &verdict, &publication);
            let points = crate::site::timeline(claim, &workspace.ledger, as_of);
            render::html::page(&verdict, &points, None, &publication)
        }
    };
    write_stdout(&text)?;
    Ok(0)
}

/// Where and by whom the review of `claim` is published: the command line's `--url` and
/// `--author`, else the project file's `[publisher]`.
fn publication(args: &VerifyArgs, resolution: &Resolution, claim: &str) -> Publication {
    let publisher = (resolution.project.as_ref())
        .and_then(|p| p.file.as_ref())
        .map(|f| &f.publisher);
    let of_project = publisher.map(|p| p.publication(claim)).unwrap_or_default();
    Publication {
        url: (args.url.clone()).or(of_project.url),
        // The project's home page is the author's only when the author is the project's.
        author_url: of_project.author_url.filter(|_| args.author.is_none()),
        author: (args.author.clone()).or(of_project.author),
    }
}

/// Says on stderr which properties Google's fact-check markup requires or recommends that the
/// review lacks, and where to give them.
fn note_missing(global: &GlobalArgs, verdict: &Verdict<'_>, publication: &Publication) {
    let lacking = missing(verdict, publication);
    if lacking.is_empty() {
        return;
    }
    let mut text = format!(
        "the ClaimReview of `{}` lacks what Google's fact-check markup requires or recommends:",
        escape(&verdict.claim.id)
    );
    for m in &lacking {
        let status = if m.required() {
            "required"
        } else {
            "recommended"
        };
        text.push_str(&format!(
            "\n  `{}` ({status}): {}",
            m.property(),
            m.remedy()
        ));
    }
    note(global, &text);
}
