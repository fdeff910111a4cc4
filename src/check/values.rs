//! Values that need more than their own key to judge: a source's URL, a target's deadline.
//! (Quantities and dates are judged as they are read, in `ledger::load`.)

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::Body;

/// Source URLs are absolute `http(s)` URLs with a host and no spaces.
pub fn urls(cx: &Context<'_>) -> Vec<Diagnostic> {
    cx.ledger
        .sources
        .iter()
        .filter_map(|s| {
            let problem = url_problem(&s.url)?;
            Some(
                Diagnostic::new(
                    Code::BadUrl,
                    s.url_span,
                    format!("source `{}`: malformed URL: {problem}", s.id),
                )
                .with_help("write an absolute URL such as `https://example.org/page`"),
            )
        })
        .collect()
}

/// What is wrong with a URL, or `None` when it is a usable `http(s)` URL.
fn url_problem(url: &str) -> Option<String> {
    let shown: String = url.chars().take(60).collect();
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some(format!(
            "`{shown}` does not start with `https://` or `http://`"
        ));
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("`{shown}` contains a space or a control character"));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    if name.is_empty() {
        return Some(format!("`{shown}` has no host"));
    }
    let labels_ok = name.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if !labels_ok || !name.contains('.') {
        return Some(format!("`{name}` is not a domain name"));
    }
    None
}

/// A target has exactly one deadline.
pub fn targets(cx: &Context<'_>) -> Vec<Diagnostic> {
    cx.ledger
        .records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Target(t) if t.by_year.is_some() == t.by_fiscal_year.is_some() => {
                let given = if t.by_year.is_some() {
                    "both"
                } else {
                    "neither"
                };
                Some(
                    Diagnostic::new(
                        Code::BadField,
                        r.place.id,
                        format!(
                            "target `{}` has {given} of `by_year` and `by_fiscal_year`",
                            r.id
                        ),
                    )
                    .with_help(
                        "give exactly one deadline: `by_year = 2030` or `by_fiscal_year = 2033`",
                    ),
                )
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert_eq!(
            url_problem("https://www8.cao.go.jp/cstp/ai/yosan_8nendo.pdf"),
            None
        );
        assert_eq!(
            url_problem("https://news.microsoft.com/source/?lang=ja"),
            None
        );
        assert_eq!(url_problem("http://example.org:8080/a"), None);
        assert_eq!(
            url_problem("www.example.org").as_deref(),
            Some("`www.example.org` does not start with `https://` or `http://`")
        );
        assert_eq!(
            url_problem("https://").as_deref(),
            Some("`https://` has no host")
        );
        assert_eq!(
            url_problem("https://exa mple.org").as_deref(),
            Some("`https://exa mple.org` contains a space or a control character")
        );
        assert!(url_problem("ftp://example.org").is_some());
        assert_eq!(
            url_problem("https://localhost/x").as_deref(),
            Some("`localhost` is not a domain name")
        );
        assert!(url_problem("https://a..b/").is_some());
    }
}
