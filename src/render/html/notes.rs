//! Footnotes on a page: numbered markers that link to the sources list, and the list, whose
//! items link out to the sources. The numbering is the one every rendering of a verdict
//! shares ([`Footnotes`]).

use crate::ledger::SourceKind;
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::html::escape::{lines, text, url};

/// The id of a source's item in the list, which markers link to.
fn anchor(n: usize) -> String {
    format!("source-{n}")
}

/// `<sup>` markers linking to the sources numbered `numbers`; nothing for none.
pub(super) fn markers(numbers: &[usize]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let links: String = numbers
        .iter()
        .map(|n| {
            format!(
                "<a href=\"#{}\" aria-label=\"source {n}\">[{n}]</a>",
                anchor(*n)
            )
        })
        .collect();
    format!("<sup class=\"fn\">{links}</sup>")
}

/// The numbered list of the sources the verdict cites, each linking out to its URL.
pub(super) fn sources(verdict: &Verdict<'_>, notes: &Footnotes) -> String {
    let mut out = String::from("<ol class=\"sources\">\n");
    for (n, id) in notes.sources() {
        let Some(s) = verdict.ledger.source(id) else {
            continue;
        };
        let title = match url(&s.url) {
            Some(href) => format!(
                "<a href=\"{href}\" rel=\"external noopener noreferrer\">{}</a>",
                text(&s.title)
            ),
            None => format!("{} <code>{}</code>", text(&s.title), text(&s.url)),
        };
        let ja = s
            .title_ja
            .as_deref()
            .map(|t| format!(" <span lang=\"ja\">{}</span>", text(t)))
            .unwrap_or_default();
        let date = s.published.map(|d| format!(" ({d})")).unwrap_or_default();
        let note = s
            .note
            .as_deref()
            .map(|t| format!("<span class=\"note\">{}</span>", lines(t)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li id=\"{}\" value=\"{n}\">{} — {title}{ja}{date} <span class=\"muted\">{}</span>{note}</li>\n",
            anchor(n),
            text(&s.publisher),
            kind(s.kind)
        ));
    }
    out.push_str("</ol>\n");
    out
}

/// What sort of source it is, in a word a reader weighs it by.
fn kind(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Law => "law",
        SourceKind::Government => "government",
        SourceKind::Statistics => "statistics",
        SourceKind::Company => "company",
        SourceKind::News => "news",
        SourceKind::Academic => "academic",
        SourceKind::Ranking => "ranking",
    }
}
