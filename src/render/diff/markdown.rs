//! The Markdown rendering of a diff, for a pull-request comment or a job summary: a summary
//! table first, each claim's details and the ledger changes in collapsible `<details>`
//! blocks, then the sources. Output stays under [`LIMIT`]; what does not fit is left out
//! with a note.

use crate::diff::{ClaimDiff, ClaimStatus, Diff};
use crate::hostile::escape;
use crate::render::diff::footnotes as diff_footnotes;
use crate::render::diff::wording::{
    axis_score, claims_line, coverage, criterion_score, criterion_value, delta, field, ledger_line,
    moved_by, outcome,
};
use crate::render::footnotes::Footnotes;
use crate::render::markdown::cell;
use crate::render::wording;

/// The most a GitHub comment holds, in characters; output is kept under it in bytes, which
/// is stricter.
pub const LIMIT: usize = 65_536;

/// A part of the document that can be cut between items but always closes.
struct Block {
    open: String,
    items: Vec<String>,
    close: String,
}

impl Block {
    fn len(&self) -> usize {
        self.open.len() + self.items.iter().map(String::len).sum::<usize>() + self.close.len()
    }
}

/// Inline code that survives backticks in the text, with hostile characters shown visibly.
/// (Markdown reads no HTML inside code, so `<` may stay as it is.)
fn code(text: &str) -> String {
    let text = escape(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escapes text for HTML (inside `<summary>`), with hostile characters shown visibly.
fn html(text: &str) -> String {
    escape(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Renders a diff as Markdown of at most [`LIMIT`] bytes.
pub fn render(diff: &Diff<'_>) -> String {
    let notes = diff_footnotes::number(diff);
    let mut blocks = vec![summary(diff)];
    blocks.extend(
        diff.claims
            .iter()
            .filter(|c| c.status() != ClaimStatus::Unchanged)
            .map(|c| claim_block(c, &notes)),
    );
    if !diff.ledger.is_empty() {
        blocks.push(ledger_block(diff, &notes));
    }
    let sources = diff_footnotes::sources(&notes, diff);
    if !sources.is_empty() {
        blocks.push(Block {
            open: "### Sources\n\n".to_owned(),
            items: sources
                .into_iter()
                .map(|(n, source)| wording::source_markdown(n, source))
                .collect(),
            close: String::new(),
        });
    }
    assemble(&blocks, diff)
}

/// Joins the blocks, cutting between items when the whole would pass [`LIMIT`].
fn assemble(blocks: &[Block], diff: &Diff<'_>) -> String {
    let total: usize = blocks.iter().map(Block::len).sum();
    if total <= LIMIT {
        return blocks
            .iter()
            .flat_map(|b| {
                std::iter::once(&b.open)
                    .chain(&b.items)
                    .chain(std::iter::once(&b.close))
            })
            .map(String::as_str)
            .collect();
    }
    let characters: usize = blocks
        .iter()
        .flat_map(|b| {
            std::iter::once(&b.open)
                .chain(&b.items)
                .chain(std::iter::once(&b.close))
        })
        .map(|s| s.chars().count())
        .sum();
    let note = |shown: usize| {
        format!(
            "\n> **Truncated:** the full report is {characters} characters, more than a comment \
             holds; this shows the first {shown}. Run `kensho diff {} {}` for all of it.\n",
            escape(&diff.base),
            escape(&diff.head)
        )
    };
    // It shows at most LIMIT characters, so that form of the note is its longest.
    let budget = LIMIT.saturating_sub(note(LIMIT).len());
    let mut out = String::new();
    'blocks: for block in blocks {
        if out.len() + block.open.len() + block.close.len() > budget {
            break;
        }
        out.push_str(&block.open);
        for item in &block.items {
            if out.len() + item.len() + block.close.len() > budget {
                out.push_str(&block.close);
                break 'blocks;
            }
            out.push_str(item);
        }
        out.push_str(&block.close);
    }
    out.push_str(&note(out.chars().count()));
    out
}

fn summary(diff: &Diff<'_>) -> Block {
    let mut open = format!(
        "## kensho diff: {} → {}\n\n",
        code(&diff.base),
        code(&diff.head)
    );
    if let Some(as_of) = diff.as_of {
        open.push_str(&format!("As of {as_of} for every claim. "));
    }
    open.push_str(&format!(
        "{} · ledger: {}\n\n",
        claims_line(diff),
        ledger_line(diff)
    ));
    if diff.claims.is_empty() {
        return Block {
            open,
            items: Vec::new(),
            close: String::new(),
        };
    }
    open.push_str("| Claim | Before | After | Δ score | Status |\n|---|---|---|---:|---|\n");
    Block {
        open,
        items: diff
            .claims
            .iter()
            .map(|c| {
                let status = match c.status() {
                    ClaimStatus::VerdictChanged => "**verdict changed**".to_owned(),
                    other => other.as_str().to_owned(),
                };
                format!(
                    "| {} {} | {} | {} | {} | {status} |\n",
                    code(&c.id),
                    cell(c.text()),
                    outcome(c.before()),
                    outcome(c.after()),
                    delta(c.score_delta())
                )
            })
            .collect(),
        close: "\n".to_owned(),
    }
}

fn claim_block(claim: &ClaimDiff<'_>, notes: &Footnotes) -> Block {
    let open = format!(
        "<details>\n<summary><b>{}</b> (<code>{}</code>): {} → {} (score {}), {}</summary>\n\n",
        html(claim.text()),
        html(&claim.id),
        outcome(claim.before()),
        outcome(claim.after()),
        delta(claim.score_delta()),
        claim.status().as_str()
    );
    let mut items = Vec::new();

    let mut readings = "| Reading | Before | After | Δ score |\n|---|---|---|---:|\n".to_owned();
    for r in &claim.readings {
        readings.push_str(&format!(
            "| {} {} | {} | {} | {} |\n",
            code(&r.id),
            cell(&r.title),
            outcome(r.before),
            outcome(r.after),
            delta(r.score_delta())
        ));
    }
    readings.push('\n');
    items.push(readings);

    if !claim.axes.is_empty() {
        let mut axes =
            "| Axis | Before | After | Δ score | Coverage |\n|---|---:|---:|---:|---|\n".to_owned();
        for a in &claim.axes {
            axes.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                code(&a.id),
                axis_score(a.before),
                axis_score(a.after),
                delta(a.score_delta()),
                coverage(a.before, a.after)
            ));
        }
        axes.push('\n');
        items.push(axes);
    }

    if !claim.criteria.is_empty() {
        items.push(
            "| Criterion | Before | After | Score | Moved by |\n|---|---|---|---|---|\n".to_owned(),
        );
        for m in &claim.criteria {
            items.push(format!(
                "| {} / {}<br>{} | {} | {} | {} | {} |\n",
                code(&m.axis),
                code(&m.id),
                cell(m.title()),
                cell(&criterion_value(m.before.as_ref())),
                cell(&criterion_value(m.after.as_ref())),
                criterion_score(m),
                moved_by(claim, m, notes, code)
                    .iter()
                    .map(|line| cell(line))
                    .collect::<Vec<_>>()
                    .join("<br>")
            ));
        }
        items.push("\n".to_owned());
    }

    if !claim.changes.is_empty() {
        items.push("Claim file changes:\n\n".to_owned());
        for f in &claim.changes {
            items.push(format!(
                "- {}: {} → {}\n",
                code(&f.path.to_string()),
                code(&field(f.before.as_deref())),
                code(&field(f.after.as_deref()))
            ));
        }
        items.push("\n".to_owned());
    }
    Block {
        open,
        items,
        close: "</details>\n\n".to_owned(),
    }
}

fn ledger_block(diff: &Diff<'_>, notes: &Footnotes) -> Block {
    Block {
        open: format!(
            "<details>\n<summary>Ledger: {}</summary>\n\n",
            ledger_line(diff)
        ),
        items: diff
            .ledger
            .iter()
            .map(|item| {
                let marks = Footnotes::markers(&notes.of(&item.sources));
                let mut text = format!(
                    "- {} {} {}",
                    item.change.as_str(),
                    item.kind.key(),
                    code(&item.id)
                );
                if !marks.is_empty() {
                    text.push_str(&format!(" {marks}"));
                }
                text.push('\n');
                for f in &item.fields {
                    text.push_str(&format!(
                        "  - {}: {} → {}\n",
                        code(&f.path.to_string()),
                        code(&field(f.before.as_deref())),
                        code(&field(f.after.as_deref()))
                    ));
                }
                text
            })
            .collect(),
        close: "\n</details>\n\n".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a`"), "`` `a` ``");
    }
}
