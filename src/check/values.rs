//! Values that need more than their own key to judge: a source's URL, a target's deadline.
//! (Quantities and dates are judged as they are read, in `ledger::load`.)

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::url::{forbidden, url_problem};
use crate::ledger::{Body, Record};

/// Source URLs are absolute `http(s)` URLs with a domain name, and nothing in them that
/// could end the quotes or the element they are printed in.
pub(crate) fn urls(cx: &Context<'_>) -> Vec<Diagnostic> {
    cx.ledger
        .sources
        .iter()
        // A control or direction character is reported where it is read (K0211).
        .filter(|s| crate::hostile::first(&s.url, false).is_none())
        .filter_map(|s| {
            let problem = url_problem(&s.url)?;
            let help = if s.url.chars().any(forbidden) {
                "percent-encode it: `%20` for a space, `%22` for `\"`, `%27` for `'`, `%3C` and `%3E` for `<` and `>`, `%5C` for `\\`"
            } else {
                "write an absolute URL such as `https://example.org/page`"
            };
            Some(
                Diagnostic::new(
                    Code::BadUrl,
                    s.url_span,
                    format!("source `{}`: malformed URL: {problem}", s.id),
                )
                .with_help(help),
            )
        })
        .collect()
}

/// A target has exactly one deadline.
pub(crate) fn target_deadline(_: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    let Body::Target(t) = &r.body else { return };
    if t.by_year.is_some() != t.by_fiscal_year.is_some() {
        return;
    }
    let given = if t.by_year.is_some() {
        "both"
    } else {
        "neither"
    };
    out.push(
        Diagnostic::new(
            Code::BadField,
            r.place.id(),
            format!(
                "target `{}` has {given} of `by_year` and `by_fiscal_year`",
                r.id()
            ),
        )
        .with_help("give exactly one deadline: `by_year = 2030` or `by_fiscal_year = 2033`"),
    );
}
