//! A static web site of every verdict: each claim graded with its robustness and its
//! timeline, one page each under `verdicts/`, and an index linking to them, ready to be
//! served as they are (GitHub Pages among others). [`build`] makes the pages as values;
//! [`write`] puts them into a folder, and nowhere else.

pub(crate) mod name;
pub(crate) mod write;

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::claim::Claim;
use crate::engine::timeline::{Point, Step, days};
use crate::engine::{self, Settings};
use crate::ledger::Ledger;
use crate::project::file::Publisher;
use crate::render::Verdict;
use crate::render::html::{self, Entry};

pub use write::{Error, write};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where it goes, relative to the site's folder.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The days a page charts: the end of each of the twelve months before the as-of date's
/// month, those before `as_of`, then `as_of` itself, so that the last point is the verdict
/// the page shows.
pub fn chart_days(as_of: NaiveDate) -> Vec<NaiveDate> {
    let month = (as_of.year(), as_of.month());
    let mut out: Vec<NaiveDate> = days((month.0 - 1, month.1), month, Step::Month)
        .into_iter()
        .filter(|d| *d < as_of)
        .collect();
    out.push(as_of);
    out
}

/// The verdict over [`chart_days`] of `as_of`.
pub fn timeline(claim: &Claim, ledger: &Ledger, as_of: NaiveDate) -> Vec<Point> {
    engine::timeline::timeline(claim, ledger, &chart_days(as_of))
}

/// Every claim graded as of `as_of` (each claim's own when `None`), as pages: the index,
/// one page per claim, and the `.nojekyll` marker that tells GitHub Pages to serve the files
/// as they are. Claims are listed by id, so the order of their files changes nothing.
pub fn build(
    claims: &[Claim],
    ledger: &Ledger,
    as_of: Option<NaiveDate>,
    settings: Settings,
    publisher: Option<&Publisher>,
) -> Vec<Page> {
    let mut claims: Vec<&Claim> = claims.iter().collect();
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    let mut pages = Vec::with_capacity(claims.len() + 2);
    let mut graded = Vec::with_capacity(claims.len());
    for claim in claims {
        let day = as_of.unwrap_or(claim.as_of);
        let evaluation = engine::evaluate(claim, ledger, day);
        let robustness = engine::robustness::assess(claim, ledger, &evaluation, settings);
        let points = timeline(claim, ledger, day);
        let verdict = Verdict {
            claim,
            ledger,
            evaluation: &evaluation,
            robustness: Some(&robustness),
        };
        let file = name::file_name(&claim.id);
        pages.push(Page {
            path: PathBuf::from(name::PAGES).join(&file),
            text: html::page(
                &verdict,
                &points,
                Some("../index.html"),
                &publisher
                    .map(|p| p.publication(&claim.id))
                    .unwrap_or_default(),
            ),
        });
        graded.push((
            claim,
            evaluation.headline,
            day,
            points,
            format!("{}/{file}", name::PAGES),
        ));
    }
    let entries: Vec<Entry<'_>> = (graded.iter())
        .map(|(claim, headline, as_of, points, href)| Entry {
            claim,
            headline: *headline,
            as_of: *as_of,
            points,
            href,
        })
        .collect();
    pages.insert(
        0,
        Page {
            path: PathBuf::from("index.html"),
            text: html::index(&entries),
        },
    );
    pages.push(Page {
        path: PathBuf::from(".nojekyll"),
        text: String::new(),
    });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn a_chart_ends_on_the_verdicts_own_day() {
        let days = chart_days(d(2026, 5, 1));
        assert_eq!(days.len(), 13);
        assert_eq!(days[0], d(2025, 5, 31));
        assert_eq!(days[11], d(2026, 4, 30));
        assert_eq!(days[12], d(2026, 5, 1));
        // A month's last day is not charted twice.
        let days = chart_days(d(2026, 4, 30));
        assert_eq!(days.len(), 13);
        assert_eq!(&days[11..], &[d(2026, 3, 31), d(2026, 4, 30)]);
    }
}
