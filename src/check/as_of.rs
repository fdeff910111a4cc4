//! An `--as-of` date given on the command line, judged against the claim it grades. It is not
//! one of the [`CHECKS`](super::CHECKS): no file holds the date, and only the commands that
//! grade with it (`verify`, `explain`, `diff`) report it. A claim file's own `as_of` before its
//! window is an error where the file is read, in `claim::load`.

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::diagnostic::{Code, Diagnostic};

/// A warning when `as_of` comes before `claim`'s window starts: nothing the claim speaks of
/// can be known by then. The verdict is still given, for that day.
pub(crate) fn before_window(claim: &Claim, as_of: NaiveDate) -> Option<Diagnostic> {
    let from = claim.window.from;
    claim.window.starts_after(as_of).then(|| {
        Diagnostic::new(
            Code::AsOfBeforeWindow,
            claim.window_span,
            format!(
                "`--as-of {as_of}` is before the window of claim `{}` starts ({from})",
                claim.id
            ),
        )
        .with_help(format!(
            "nothing in the window can be known by then; give a day on or after {from}, or leave `--as-of` out for the claim's own ({})",
            claim.as_of
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn an_as_of_before_the_window_warns_at_the_window() {
        let ws = Workspace::load(crate::embedded::tree());
        let Ok(claim) = ws.claim(None) else {
            panic!("no default claim")
        };
        assert_eq!(claim.window.from, day(2026, 4, 1));
        assert_eq!(before_window(claim, day(2026, 4, 1)), None);
        assert_eq!(before_window(claim, day(2026, 12, 31)), None);
        let Some(d) = before_window(claim, day(2026, 3, 31)) else {
            panic!("no warning the day before the window")
        };
        assert_eq!(d.code, Code::AsOfBeforeWindow);
        assert_eq!(d.severity(), crate::diagnostic::Severity::Warning);
        assert_eq!(
            d.message,
            "`--as-of 2026-03-31` is before the window of claim `japan-ai-world-level-2026-04` starts (2026-04-01)"
        );
        // The window as written in the claim file.
        let text = ws.files.get(claim.span.file).map_or("", |f| f.text());
        assert_eq!(
            d.span.map(|s| &text[s.start()..s.end()]),
            Some("{ from = 2026-04-01, to = 2026-04-30 }")
        );
    }
}
