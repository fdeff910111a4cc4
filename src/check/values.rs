//! Values must make sense: URLs absolute, percentages within 0–100, amounts and counts not
//! negative, ranks from 1, targets with one deadline.

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::{Body, Dimension, Quantity, Record};

/// Source URLs are absolute `http(s)` URLs with a host and no spaces.
pub fn urls(cx: &Context<'_>) -> Vec<Diagnostic> {
    cx.ledger
        .sources
        .iter()
        .filter(|s| !well_formed(&s.url))
        .map(|s| {
            Diagnostic::new(Code::BadUrl, s.url_span, format!("malformed URL `{}`", s.url))
                .with_help("write an absolute URL such as `https://example.org/page`")
        })
        .collect()
}

fn well_formed(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn quantities_of(record: &Record) -> Vec<(&'static str, &Quantity)> {
    match &record.body {
        Body::Budget(b) => vec![("amount", &b.amount)],
        Body::Investment(i) => {
            let mut v = vec![("amount", &i.amount)];
            v.extend(i.equivalent.iter().map(|q| ("equivalent", q)));
            v
        }
        Body::Metric(m) => vec![("value", &m.value)],
        Body::Benchmark(b) => std::iter::once(("score", &b.score))
            .chain(b.comparators.iter().map(|c| ("comparators.score", &c.score)))
            .collect(),
        Body::Deployment(d) => d.results.iter().map(|r| ("results.value", &r.value)).collect(),
        Body::Target(t) => t.value.iter().map(|q| ("value", q)).collect(),
        Body::Event(_) | Body::Release(_) => Vec::new(),
    }
}

/// Percentages lie in 0–100, ranks start at 1, nothing else is negative.
pub fn quantities(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.ledger.records {
        for (key, q) in quantities_of(r) {
            let v = q.value.get();
            let problem = match q.unit.base().0 {
                Dimension::Share if !(0.0..=100.0).contains(&v) => {
                    Some(format!("percentage `{v}` is outside 0–100"))
                }
                Dimension::Rank if v < 1.0 => Some(format!("rank `{v}` is below 1")),
                _ if v < 0.0 => Some(format!("`{key}` is negative (`{v}`)")),
                _ => None,
            };
            if let Some(message) = problem {
                out.push(
                    Diagnostic::new(Code::BadQuantity, r.place.table, format!("in record `{}`: {message}", r.id))
                        .with_help("record the figure exactly as the source states it, with its unit"),
                );
            }
        }
    }
    out
}

/// A target has exactly one deadline.
pub fn targets(cx: &Context<'_>) -> Vec<Diagnostic> {
    cx.ledger
        .records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Target(t) if t.by_year.is_some() == t.by_fiscal_year.is_some() => Some(
                Diagnostic::new(
                    Code::BadField,
                    r.place.table,
                    format!("target `{}` needs exactly one of `by_year` and `by_fiscal_year`", r.id),
                )
                .with_help("write `by_year = 2030` or `by_fiscal_year = 2033`"),
            ),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert!(well_formed("https://www8.cao.go.jp/cstp/ai/yosan_8nendo.pdf"));
        assert!(well_formed("https://news.microsoft.com/source/?lang=ja"));
        assert!(!well_formed("www.example.org"));
        assert!(!well_formed("https://"));
        assert!(!well_formed("https://exa mple.org"));
        assert!(!well_formed("ftp://example.org"));
    }
}
