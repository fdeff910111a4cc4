//! The frame every page shares: the doctype, the head with its policy, stylesheet and
//! metadata, the site header and the footer. A page supplies its title and its `<main>`.

use crate::render::html::escape::text;
use crate::render::html::style::{css, policy};
use crate::render::wording::min_coverage;

/// What a page puts into the shared frame.
pub(super) struct Frame<'a> {
    /// The page's title, as plain text (escaped here).
    pub title: &'a str,
    /// A one-sentence summary for search results and link previews, as plain text.
    pub description: &'a str,
    /// JSON-LD markup for the head, already safe inside a `<script>` element (no `<`);
    /// `None` for a page without.
    pub json_ld: Option<&'a str>,
    /// The link from the header to the site's index; `None` for a page that stands alone.
    pub index: Option<&'a str>,
    /// The page's `<main>` content, as markup.
    pub main: &'a str,
}

/// The whole page.
pub(super) fn document(frame: &Frame<'_>) -> String {
    let css = css();
    let mut out = String::with_capacity(frame.main.len() + css.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        policy(&css)
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"generator\" content=\"kensho\">\n");
    out.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n<title>{}</title>\n",
        text(frame.description),
        text(frame.title)
    ));
    out.push_str(&format!("<style>{css}</style>\n"));
    if let Some(json_ld) = frame.json_ld {
        out.push_str(&format!(
            "<script type=\"application/ld+json\">\n{json_ld}</script>\n"
        ));
    }
    out.push_str("</head>\n<body>\n<header class=\"site\">");
    match frame.index {
        Some(index) => out.push_str(&format!(
            "<nav><a href=\"{}\">All fact-checks</a></nav>",
            text(index)
        )),
        None => out.push_str("kensho fact-check"),
    }
    out.push_str("</header>\n<main>\n");
    out.push_str(frame.main);
    out.push_str(&format!(
        "</main>\n<footer>\n<p>Graded by kensho from a ledger of dated, sourced records. The verdict scale: True (score 0.8 to 1), Mostly True (from 0.6), Half True (from 0.4), Mostly False (from 0.2), False (below 0.2), or Not Enough Evidence when less than {} of the criteria, by weight, have evidence. The same ledger gives the same page, byte for byte.</p>\n</footer>\n</body>\n</html>\n",
        min_coverage()
    ));
    out
}
