//! The Markdown rendering of a verdict, for pull requests and reports.

use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{self, percent, reason, score};

/// Text from a ledger or a claim made safe for Markdown: hostile characters shown visibly
/// (see [`crate::hostile::escape`]), and nothing that could open raw HTML or stand for an
/// entity: `<` before a letter, `/`, `!` or `?` becomes `&lt;`, `&` before a letter or `#`
/// becomes `&amp;` (`R&amp;D`). A `<` or `&` that can start neither (`<= 5`, `a & b`) is
/// left as it is, so such text reads the same in the file and on the page.
pub fn text(text: &str) -> String {
    let visible = crate::hostile::escape(text);
    let mut out = String::with_capacity(visible.len());
    let mut chars = visible.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;");
            }
            '&' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '#') => {
                out.push_str("&amp;");
            }
            c => out.push(c),
        }
    }
    out
}

/// [`text`] for a Markdown table cell, with `|` escaped too so that it stays one cell.
pub fn cell(text: &str) -> String {
    self::text(text).replace('|', "\\|")
}

/// A URL as the target of a Markdown link `[title](url)`: hostile characters shown visibly,
/// and the characters that would end the target or the link (space, `(`, `)`, `<`, `>`)
/// percent-encoded. A ledger's URLs hold none of them but parentheses; this keeps a link
/// whole whatever it holds.
pub fn link(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in crate::hostile::escape(url).chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

/// Renders a verdict as Markdown.
pub fn render(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let notes = Footnotes::new(verdict);
    let h = eval.headline;
    let mut out = format!("## {}\n\n", text(&claim.text));
    if let Some(ja) = &claim.text_ja {
        out.push_str(&format!("{}\n\n", text(ja)));
    }
    out.push_str(&format!(
        "**Verdict: {}** (score {}, coverage {}) · claim `{}` · subject {} · window {} to {} · as of {}\n\n",
        h.label,
        score(h.score),
        percent(h.coverage),
        text(&claim.id),
        text(&claim.subject),
        claim.window.from,
        claim.window.to,
        eval.as_of
    ));
    if let Some(r) = verdict.robustness {
        for (heading, line) in wording::robustness(verdict, &notes, r) {
            out.push_str(&format!("- **{heading}**: {}\n", text(&line)));
        }
        out.push('\n');
    }
    out.push_str("| Reading | Meaning | Verdict | Score | Weight |\n|---|---|---|---:|---:|\n");
    for (reading, outcome) in claim.readings.iter().zip(&eval.readings) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&reading.id),
            cell(&reading.title),
            outcome.label,
            score(outcome.score),
            reading.weight
        ));
    }
    out.push('\n');
    let readings: Vec<String> = claim.readings.iter().map(|r| cell(&r.id)).collect();
    out.push_str(&format!(
        "| Axis | Score | {} | Weight | Coverage | Reason |\n|---|---:|{}---:|---:|---|\n",
        readings.join(" | "),
        "---:|".repeat(readings.len())
    ));
    for (i, (axis, result)) in claim.axes.iter().zip(&eval.axes).enumerate() {
        let per_reading: Vec<String> = result.scores.iter().map(|s| score(*s)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&axis.id),
            score(result.score),
            per_reading.join(" | "),
            axis.weight,
            percent(result.coverage),
            cell(&reason(verdict, &notes, i))
        ));
    }
    out.push_str("\n### Sources\n\n");
    for (n, id) in notes.sources() {
        if let Some(source) = verdict.ledger.source(id) {
            out.push_str(&wording::source_markdown(n, source));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_opens_no_html_and_keeps_what_cannot() {
        assert_eq!(
            text("a </script><script>x</script> <!-- <?p &amp; &#60;"),
            "a &lt;/script>&lt;script>x&lt;/script> &lt;!-- &lt;?p &amp;amp; &amp;#60;"
        );
        assert_eq!(text("rank <= 5 & x > 2"), "rank <= 5 & x > 2");
        assert_eq!(text("R&D"), "R&amp;D");
        assert_eq!(text("a\u{1b}[31m\nb"), "a\\u{1b}[31m\\nb");
        assert_eq!(cell("a | b\nc"), "a \\| b\\nc");
        assert_eq!(
            link("https://ex.com/Foo_(bar) x<y>"),
            "https://ex.com/Foo_%28bar%29%20x%3Cy%3E"
        );
    }
}
