//! Engine tests: every measure on a small ledger, the shipped claim's shape, and the
//! properties the verdict must keep.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::engine::measure::Timing;
use crate::engine::{Arithmetic, Label, Missing, evaluate, measure_all};
use crate::workspace::{Tree, TreeFile, Workspace};

mod left_out;

const VOCABULARY: &str = r#"
[[axis]]
id = "research"
title = "Research"

[[axis]]
id = "investment"
title = "Investment"

[[entity]]
id = "JP"
name = "Japan"
kind = "country"

[[entity]]
id = "US"
name = "United States"
kind = "country"

[[entity]]
id = "CN"
name = "China"
kind = "country"

[[entity]]
id = "lab"
name = "A Japanese lab"
kind = "startup"
country = "JP"

[[entity]]
id = "frontier"
name = "A US lab"
kind = "company"
country = "US"

[[source]]
id = "s"
url = "https://example.org/report"
publisher = "Example"
title = "A report"
kind = "statistics"
"#;

fn workspace(records: &str, claim: &str) -> Workspace {
    let ws = workspace_as_is(records, claim);
    assert!(
        !ws.has_errors(),
        "fixture has errors: {:#?}",
        ws.diagnostics
    );
    ws
}

/// The workspace with whatever `check` finds in it.
fn workspace_as_is(records: &str, claim: &str) -> Workspace {
    let file = |path: &str, text: &str| TreeFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
        on_disk: None,
    };
    Workspace::load(Tree {
        ledger: vec![
            file("evidence/v.toml", VOCABULARY),
            file("evidence/r.toml", records),
        ],
        claims: vec![file("claims/c.toml", claim)],
    })
}

fn claim(criteria: &str) -> String {
    format!(
        r#"
id = "c"
text = "A claim"
subject = "JP"
as_of = 2026-05-01
window = {{ from = 2026-04-01, to = 2026-04-30 }}

[[reading]]
id = "r"
title = "The reading"

[[axis]]
id = "research"
weight = 1
{criteria}
"#
    )
}

fn metric(id: &str, entity: &str, period: &str, metric: &str, value: &str, unit: &str) -> String {
    format!(
        r#"
[[metric]]
id = "{id}"
period = "{period}"
entity = "{entity}"
sources = ["s"]
title = "{id}"
metric = "{metric}"
value = {{ value = {value}, unit = "{unit}" }}
"#
    )
}

/// What the first claim's first criterion measures in `ws`.
fn first_measured(ws: &Workspace) -> Result<crate::engine::Measured, Missing> {
    let c = &ws.claims[0];
    measure_all(c, &ws.ledger, c.as_of, &[]).remove(0).1
}

/// What the claim's single criterion measures on these records.
fn measured_of(records: &str, criterion: &str) -> Result<crate::engine::Measured, Missing> {
    first_measured(&workspace(records, &claim(criterion)))
}

/// What the claim's single criterion measures on these records, whatever `check` finds in
/// them.
fn measured_as_is(records: &str, criterion: &str) -> Result<crate::engine::Measured, Missing> {
    first_measured(&workspace_as_is(records, &claim(criterion)))
}

/// The single criterion's value, or `None` when it has no evidence.
fn value_of(records: &str, criterion: &str) -> Option<f64> {
    measured_of(records, criterion).ok().map(|m| m.value)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const RATIO: &str = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "ratio_to_leader"
metric = "inv"
peers = ["US", "CN"]
goalposts = { world = 1, nothing = 0 }
"#;

#[test]
fn ratio_to_leader_divides_by_the_best_peer_of_the_same_period() {
    let records = [
        metric("jp", "JP", "2024", "inv", "0.93", "USD bn"),
        metric("us", "US", "2024", "inv", "109.08", "USD bn"),
        metric("cn", "CN", "2024", "inv", "9.29", "USD bn"),
        metric("us-old", "US", "2023", "inv", "500", "USD bn"),
        // Later than the subject's latest figure, so not of its period.
        metric("us-new", "US", "2025", "inv", "200", "USD bn"),
    ]
    .concat();
    let v = value_of(&records, RATIO).unwrap_or(f64::NAN);
    assert!((v - 0.93 / 109.08).abs() < 1e-12, "{v}");
    // Pinning the subject's record leaves the peers' records to be chosen as before.
    let pinned = RATIO.replace("peers = [", "record = \"jp\"\npeers = [");
    let v = value_of(&records, &pinned).unwrap_or(f64::NAN);
    assert!((v - 0.93 / 109.08).abs() < 1e-12, "{v}");
}

#[test]
fn ratio_to_leader_reads_only_a_ratio_stated_against_a_peer() {
    // A plain figure in `factor` is no ratio to a leader, nor is a percentage stated
    // against a peer.
    let absolute = metric("jp", "JP", "2024", "inv", "0.5", "factor");
    assert_eq!(value_of(&absolute, RATIO), None);
    let percentage = metric("jp-vs-us", "JP", "2024", "inv", "3", "%")
        .replace("metric = \"inv\"", "metric = \"inv\"\nrelative_to = \"US\"");
    assert_eq!(value_of(&percentage, RATIO), None);
}

#[test]
fn ratio_to_leader_normalises_units_within_a_currency() {
    let records = [
        metric("jp", "JP", "2024", "inv", "9.3", "億ドル"),
        metric("us", "US", "2024", "inv", "109.08", "USD bn"),
    ]
    .concat();
    let v = value_of(&records, RATIO).unwrap_or(f64::NAN);
    assert!((v - 0.93 / 109.08).abs() < 1e-12, "{v}");
}

#[test]
fn ratio_to_leader_never_mixes_yen_and_dollars() {
    let records = [
        metric("jp", "JP", "2024", "inv", "5000", "億円"),
        metric("us", "US", "2024", "inv", "109.08", "USD bn"),
    ]
    .concat();
    assert_eq!(value_of(&records, RATIO), None);
}

#[test]
fn ratio_to_leader_falls_back_to_a_stated_ratio() {
    let mut records = metric("jp-vs-us", "JP", "2024", "inv", "\"1/30\"", "factor");
    records = records.replace("metric = \"inv\"", "metric = \"inv\"\nrelative_to = \"US\"");
    let v = value_of(&records, RATIO).unwrap_or(f64::NAN);
    assert!((v - 1.0 / 30.0).abs() < 1e-12, "{v}");
    let Ok(measured) = measured_of(&records, RATIO) else {
        panic!("no ratio")
    };
    let Arithmetic::StatedRatio { relative_to, .. } = &measured.arithmetic else {
        panic!("not a stated ratio: {:?}", measured.arithmetic)
    };
    assert_eq!(relative_to, "US");
}

#[test]
fn a_ratio_and_a_share_are_as_uncertain_as_their_figures() {
    let approximate = |record: String| {
        record.replace(
            "unit = \"USD bn\" }",
            "unit = \"USD bn\", approximate = true }",
        )
    };
    let jp = metric("jp", "JP", "2024", "inv", "1", "USD bn");
    let us = approximate(metric("us", "US", "2024", "inv", "4", "USD bn"));
    let relative = |records: String, criterion: &str| match measured_of(&records, criterion) {
        Ok(m) => (m.value, m.uncertainty / m.value),
        Err(missing) => panic!("{missing:?}"),
    };
    // The ratio adds its two figures' relative uncertainties.
    let (ratio, one) = relative(jp.clone() + &us, RATIO);
    let (_, both) = relative(approximate(jp.clone()) + &us, RATIO);
    assert_eq!(ratio, 0.25);
    assert!(one > 0.0, "{one}");
    assert!((both - 2.0 * one).abs() < 1e-12, "{both} beside {one}");
    // A share is as uncertain, relatively, as the subject's own figure.
    let share = "\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"share\"\n\
                 metric = \"inv\"\npeers = [\"US\"]\ngoalposts = { world = 50, nothing = 0 }\n";
    let (percent, own) = relative(approximate(jp) + &us, share);
    assert_eq!(percent, 20.0);
    assert!((own - one).abs() < 1e-12, "{own} beside {one}");
}

#[test]
fn rank_reads_a_stated_rank_or_ranks_by_value() {
    let stated = metric("r", "JP", "2025", "rank_metric", "10", "rank");
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "rank"
metric = "METRIC"
peers = ["US", "CN"]
goalposts = { world = 1, nothing = 30 }
"#;
    assert_eq!(
        value_of(&stated, &criterion.replace("METRIC", "rank_metric")),
        Some(10.0)
    );
    let values = [
        metric("jp", "JP", "2024", "papers", "50", "count"),
        metric("us", "US", "2024", "papers", "90", "count"),
        metric("cn", "CN", "2024", "papers", "40", "count"),
    ]
    .concat();
    assert_eq!(
        value_of(&values, &criterion.replace("METRIC", "papers")),
        Some(2.0)
    );
    // Last of three: only the peers above count.
    let last = [
        metric("jp", "JP", "2024", "papers", "50", "count"),
        metric("us", "US", "2024", "papers", "90", "count"),
        metric("cn", "CN", "2024", "papers", "70", "count"),
    ]
    .concat();
    assert_eq!(
        value_of(&last, &criterion.replace("METRIC", "papers")),
        Some(3.0)
    );
}

#[test]
fn share_reads_a_stated_percentage_or_computes_one() {
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "share"
metric = "METRIC"
peers = ["US"]
goalposts = { world = 50, nothing = 0 }
"#;
    let stated = metric("g", "JP", "2025", "gpu", "1", "%");
    assert_eq!(
        value_of(&stated, &criterion.replace("METRIC", "gpu")),
        Some(1.0)
    );
    let values = [
        metric("jp", "JP", "2024", "inv", "1", "USD bn"),
        metric("us", "US", "2024", "inv", "3", "USD bn"),
    ]
    .concat();
    assert_eq!(
        value_of(&values, &criterion.replace("METRIC", "inv")),
        Some(25.0)
    );
}

#[test]
fn growth_divides_later_by_earlier_fiscal_year() {
    let budget = |id: &str, fy: u32, value: &str, unit: &str| {
        format!(
            r#"
[[budget]]
id = "{id}"
fiscal_year = {fy}
entity = "JP"
sources = ["s"]
title = "{id}"
metric = "ai_budget"
amount = {{ value = {value}, unit = "{unit}" }}
basis = "annual"
"#
        )
    };
    // 1,969億円 to 0.5027兆円: units differ, dimension does not.
    let records = budget("a", 2025, "1969", "億円") + &budget("b", 2026, "0.5027", "兆円");
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "growth"
metric = "ai_budget"
from = "FY2025"
to = "FY2026"
goalposts = { world = 2, nothing = 1 }
"#;
    let v = value_of(&records, criterion).unwrap_or(f64::NAN);
    assert!((v - 5027.0 / 1969.0).abs() < 1e-9, "{v}");
}

/// What `growth` from FY2025 to FY2026 measures on budgets of these amounts (TOML inline
/// tables, as `{ value = 1969, unit = "億円" }`).
fn growth_of(earlier: &str, later: &str) -> Result<crate::engine::Measured, Missing> {
    let budget = |id: &str, fy: u32, amount: &str| {
        format!(
            "\n[[budget]]\nid = \"{id}\"\nfiscal_year = {fy}\nentity = \"JP\"\nsources = [\"s\"]\n\
             title = \"{id}\"\nmetric = \"ai_budget\"\namount = {amount}\nbasis = \"annual\"\n"
        )
    };
    let records = budget("a", 2025, earlier) + &budget("b", 2026, later);
    let criterion = "\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"growth\"\n\
                     metric = \"ai_budget\"\nfrom = \"FY2025\"\nto = \"FY2026\"\n\
                     goalposts = { world = 2, nothing = 1 }\n";
    measured_of(&records, criterion)
}

#[test]
fn growth_needs_one_currency_and_an_earlier_value_above_zero() {
    assert!(matches!(
        growth_of(
            r#"{ value = 1969, unit = "億円" }"#,
            r#"{ value = 3, unit = "USD bn" }"#
        ),
        Err(Missing::DifferentUnits { .. })
    ));
    assert!(matches!(
        growth_of(
            r#"{ value = 0, unit = "億円" }"#,
            r#"{ value = 5027, unit = "億円" }"#
        ),
        Err(Missing::DivideByZero { .. })
    ));
}

#[test]
fn growth_is_as_uncertain_as_its_two_figures_together() {
    let exact = r#"{ value = 2000, unit = "億円" }"#;
    let about = r#"{ value = 2000, unit = "億円", approximate = true }"#;
    let later = r#"{ value = 5000, unit = "億円", approximate = true }"#;
    let uncertainty = |earlier| growth_of(earlier, later).map(|m| (m.value, m.uncertainty));
    let (Ok((v, one)), Ok((w, both))) = (uncertainty(exact), uncertainty(about)) else {
        panic!("no growth")
    };
    assert_eq!((v, w), (2.5, 2.5));
    assert!(one > 0.0, "{one}");
    assert!((both - 2.0 * one).abs() < 1e-12, "{both} beside {one}");
}

fn event(id: &str, date: &str, entity: &str, event_type: &str, self_reported: bool) -> String {
    format!(
        r#"
[[event]]
id = "{id}"
date = {date}
entity = "{entity}"
axes = ["research"]
sources = ["s"]
title = "{id}"
type = "{event_type}"
self_reported = {self_reported}
"#
    )
}

const COUNT: &str = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "count"
kinds = ["event"]
types = ["paper"]
goalposts = { world = 4, nothing = 0 }
"#;

#[test]
fn count_takes_the_window_the_subject_and_the_filter_and_discounts_self_reports() {
    let records = [
        event("in", "2026-04-10", "lab", "paper", false),
        event("self", "2026-04-11", "JP", "paper", true),
        event("before", "2026-03-31", "lab", "paper", false),
        event("after-as-of", "2026-05-02", "lab", "paper", false),
        event("other-country", "2026-04-10", "frontier", "paper", false),
        event("other-type", "2026-04-10", "lab", "award", false),
    ]
    .concat();
    assert_eq!(value_of(&records, COUNT), Some(1.5));
}

#[test]
fn count_without_matches_is_missing_evidence_not_zero() {
    let records = event("other-type", "2026-04-10", "lab", "award", false);
    assert_eq!(value_of(&records, COUNT), None);
}

#[test]
fn a_fiscal_year_counts_only_in_a_window_that_holds_all_of_it() {
    let budget = |id: &str, fy: u32| {
        format!(
            r#"
[[budget]]
id = "{id}"
fiscal_year = {fy}
entity = "JP"
axes = ["research"]
sources = ["s"]
title = "{id}"
metric = "ai_budget"
amount = {{ value = 5027, unit = "億円" }}
basis = "annual"
"#
        )
    };
    let records = budget("fy2025", 2025) + &budget("fy2026", 2026);
    let count = |id: &str, days: &str| {
        format!(
            "[[axis.criterion]]\nid = \"{id}\"\ntitle = \"{id}\"\nmeasure = \"count\"\n\
             kinds = [\"budget\"]\n{days}goalposts = {{ world = 1, nothing = 0 }}\n\n"
        )
    };
    let criteria = [
        // The claim's window, April 2026: FY2026 starts in it but runs to March 2027.
        count("april", ""),
        // The whole of FY2026, as of 2026-05-01: FY2026 is known from its first day.
        count("fiscal-year", "since = 2026-04-01\nuntil = 2027-03-31\n"),
        // A stock counts every budget known by the window's end, FY2025 included.
        count("stock", "cumulative = true\n"),
    ]
    .concat();
    let ws = workspace(&records, &claim(&criteria));
    let c = &ws.claims[0];
    let values: Vec<Option<f64>> = measure_all(c, &ws.ledger, c.as_of, &[])
        .into_iter()
        .map(|(_, m)| m.ok().map(|m| m.value))
        .collect();
    assert_eq!(values, vec![None, Some(1.0), Some(2.0)]);

    // `explain` says why each was left out.
    let e = evaluate(c, &ws.ledger, c.as_of);
    let explanation = crate::engine::explain::Explanation::new(c, &ws.ledger, &e);
    let left_out = |criterion: usize| {
        explanation.criteria[criterion]
            .left_out
            .iter()
            .map(|l| (l.id.clone(), l.timing))
            .collect::<Vec<_>>()
    };
    let (april, fiscal_year) = (
        (day(2026, 4, 1), day(2026, 4, 30)),
        (day(2026, 4, 1), day(2027, 3, 31)),
    );
    assert_eq!(
        left_out(0),
        vec![
            (
                "fy2025".to_owned(),
                Timing::OutsideWindow {
                    since: april.0,
                    until: april.1
                }
            ),
            (
                "fy2026".to_owned(),
                Timing::RunsPastWindow {
                    last: day(2027, 3, 31),
                    since: april.0,
                    until: april.1
                }
            ),
        ]
    );
    assert_eq!(
        left_out(1),
        vec![(
            "fy2025".to_owned(),
            Timing::OutsideWindow {
                since: fiscal_year.0,
                until: fiscal_year.1
            }
        )]
    );
    assert_eq!(left_out(2), vec![]);
}

fn investment(id: &str, date: &str, value: &str, unit: &str) -> String {
    format!(
        r#"
[[investment]]
id = "{id}"
date = {date}
entity = "JP"
axes = ["investment"]
sources = ["s"]
title = "{id}"
amount = {{ value = {value}, unit = "{unit}" }}
basis = "new"
"#
    )
}

#[test]
fn sum_adds_amounts_in_one_currency_and_skips_others() {
    let records = [
        investment("a", "2026-04-03", "1.6", "兆円"),
        investment("b", "2026-04-05", "320", "億円"),
        investment("c", "2026-04-06", "1", "USD bn"),
    ]
    .concat();
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "sum"
goalposts = { world = 2e12, nothing = 0 }
"#;
    let measured = measured_of(&records, criterion);
    let Ok(measured) = measured else {
        panic!("no value: {measured:?}")
    };
    assert!((measured.value - 1.632e12).abs() < 1.0);
    let Arithmetic::Sum { skipped, .. } = &measured.arithmetic else {
        panic!("not a sum: {:?}", measured.arithmetic)
    };
    assert_eq!(skipped, &vec!["c".to_owned()]);
}

#[test]
fn a_value_that_is_not_finite_has_no_evidence_and_never_reaches_a_label() {
    // Each amount is finite in yen (1e308), so the ledger checks clean; their sum is not, and
    // the growth from 1e-300 to 1e300 is not either. Graded, both would clamp to world level.
    let records = [
        investment("a", "2026-04-03", "1e300", "億円"),
        investment("b", "2026-04-05", "1e300", "億円"),
        metric("tiny", "JP", "2024", "m", "1e-300", "count"),
        metric("huge", "JP", "2025", "m", "1e300", "count"),
        event("paper", "2026-04-10", "lab", "paper", false),
    ]
    .concat();
    let criteria = r#"
[[axis.criterion]]
id = "sum"
title = "sum"
measure = "sum"
kinds = ["investment"]
goalposts = { world = 2e12, nothing = 0 }

[[axis.criterion]]
id = "growth"
title = "growth"
measure = "growth"
metric = "m"
from = "2024"
to = "2025"
goalposts = { world = 2, nothing = 1 }
"#;
    let ws = workspace(&records, &claim(criteria));
    let c = &ws.claims[0];
    let e = evaluate(c, &ws.ledger, c.as_of);
    for criterion in &e.criteria {
        assert_eq!(
            criterion.outcome,
            Err(Missing::NotFinite {
                value: f64::INFINITY
            })
        );
        assert_eq!(criterion.scores, vec![None]);
    }
    assert_eq!(e.headline.score, None);
    assert_eq!(e.headline.coverage, 0.0);
    assert_eq!(e.headline.label, Label::NotEnoughEvidence);
    let settings = crate::engine::Settings::default();
    let r = crate::engine::robustness::assess(c, &ws.ledger, &e, settings);
    assert_eq!(
        r.labels.into_iter().collect::<Vec<_>>(),
        vec![(Label::NotEnoughEvidence, settings.draws)]
    );

    // Beside a criterion with evidence, the refused ones lower the coverage and add nothing
    // to the score: the label is the finite criterion's alone.
    let weighted = claim(&format!("{COUNT}weight = 18\n{criteria}"));
    let ws = workspace(&records, &weighted);
    let c = &ws.claims[0];
    let e = evaluate(c, &ws.ledger, c.as_of);
    assert!(e.criteria[0].outcome.is_ok());
    assert_eq!(e.headline.coverage, 0.9);
    assert_eq!(e.headline.score, Some(0.25));
    assert_eq!(e.headline.label, Label::MostlyFalse);
}

#[test]
fn a_weighted_mean_of_a_value_that_is_not_finite_is_none_and_covers_nothing() {
    // The weights are finite; only the values' sum is not.
    for value in [f64::NAN, f64::INFINITY] {
        assert_eq!(
            crate::engine::weighted_mean([(1.0, Some(0.5)), (1.0, Some(value))].into_iter()),
            (None, 0.0),
            "{value}"
        );
    }
    assert_eq!(
        crate::engine::weighted_mean([(1.0, Some(0.5)), (3.0, None)].into_iter()),
        (Some(0.5), 0.25)
    );
    // Nothing to weigh covers nothing, rather than 0/0.
    assert_eq!(
        crate::engine::weighted_mean(std::iter::empty()),
        (None, 0.0)
    );
}

#[test]
fn a_criterion_s_scores_combine_by_the_readings_weights() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let weights: Vec<f64> = claim.readings.iter().map(|r| r.weight).collect();
    assert_eq!(
        weights,
        [1.0, 1.0],
        "the shipped claim's readings weigh alike"
    );
    let combined = |scores: &[Option<f64>]| crate::engine::reading_weighted(claim, scores);
    assert_eq!(combined(&[Some(0.25), Some(0.75)]), Some(0.5));
    assert_eq!(combined(&[None, Some(0.75)]), Some(0.75));
    assert_eq!(combined(&[None, None]), None);
}

#[test]
fn weights_whose_sums_overflow_give_no_score_rather_than_nan() {
    // The claim checks allow weights up to 1e6; a library caller may still build one with
    // more. Before the engine refused them, these weights gave a score of NaN, labelled False.
    let ws = shipped();
    let claim = default_claim(&ws);
    let mut heavy = claim.clone();
    for axis in &mut heavy.axes {
        axis.weight = 1e308;
    }
    let e = evaluate(&heavy, &ws.ledger, heavy.as_of);
    for outcome in e.readings.iter().chain([&e.headline]) {
        assert_eq!(outcome.score, None);
        assert_eq!(outcome.label, Label::NotEnoughEvidence);
    }
    let r = crate::engine::robustness::assess(
        &heavy,
        &ws.ledger,
        &e,
        crate::engine::Settings::default(),
    );
    assert!(
        r.labels.keys().all(|l| *l == Label::NotEnoughEvidence),
        "{:?}",
        r.labels
    );
    for a in &r.aggregates {
        // The weakest axis is a minimum, not a sum: its score stays finite, but no aggregate
        // is graded without a coverage.
        assert!(a.score.is_none_or(f64::is_finite), "{a:?}");
        assert_eq!(a.label, Label::NotEnoughEvidence, "{a:?}");
    }

    let mut readings = claim.clone();
    for reading in &mut readings.readings {
        reading.weight = 1e308;
    }
    let e = evaluate(&readings, &ws.ledger, readings.as_of);
    assert_eq!(e.headline.score, None);
    assert_eq!(e.headline.label, Label::NotEnoughEvidence);
    // Each reading's own score does not depend on the reading weights.
    assert!(
        e.readings
            .iter()
            .all(|r| r.score.is_some_and(f64::is_finite))
    );
}

#[test]
fn benchmark_gap_is_frontier_minus_best_own_score_and_self_reports_are_discounted() {
    let records = r#"
[[benchmark]]
id = "b"
period = "2026-04"
entity = "lab"
axes = ["research"]
sources = ["s"]
title = "b"
self_reported = true
model = "Own"
test = "JMLE"
score = { value = 70.7, unit = "%" }
comparators = [{ model = "Frontier", entity = "frontier", score = { value = 94.3, unit = "%" } }]
"#;
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "benchmark_gap"
test = "JMLE"
goalposts = { world = 0, nothing = 47.2 }
"#;
    let ws = workspace(records, &claim(criterion));
    let c = &ws.claims[0];
    let e = evaluate(c, &ws.ledger, c.as_of);
    let gap = e.criteria[0]
        .outcome
        .as_ref()
        .map(|m| m.value)
        .unwrap_or(f64::NAN);
    assert!((gap - 23.6).abs() < 1e-9, "{gap}");
    // Halfway between the goalposts, then halved for being self-reported.
    let score = e.criteria[0].scores[0].unwrap_or(f64::NAN);
    assert!((score - 0.25).abs() < 1e-9, "{score}");
}

#[test]
fn value_reads_the_latest_statement() {
    let records = [
        metric("old", "JP", "2022", "filings", "9000", "count"),
        metric("new", "JP", "2023", "filings", "11400", "count"),
    ]
    .concat();
    let criterion = r#"
[[axis.criterion]]
id = "x"
title = "x"
measure = "value"
metric = "filings"
goalposts = { world = 20000, nothing = 0 }
"#;
    assert_eq!(value_of(&records, criterion), Some(11400.0));
}

#[test]
fn a_value_without_a_metric_reads_investments_only() {
    let budget = r#"
[[budget]]
id = "a-budget"
fiscal_year = 2025
entity = "JP"
sources = ["s"]
title = "A budget"
metric = "spend"
amount = { value = 9, unit = "兆円" }
basis = "annual"
"#;
    let records = [
        investment("inv", "2026-01-10", "1.6", "兆円"),
        metric("a-metric", "JP", "2026-03", "spend", "7", "兆円"),
        budget.to_owned(),
    ]
    .concat();
    let pinned = |record: &str| {
        format!(
            "\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"value\"\n\
             record = \"{record}\"\ngoalposts = {{ world = 2e12, nothing = 0 }}\n"
        )
    };
    assert_eq!(value_of(&records, &pinned("inv")), Some(1.6e12));
    assert_eq!(value_of(&records, &pinned("a-metric")), None);
    assert_eq!(value_of(&records, &pinned("a-budget")), None);
}

fn shipped() -> Workspace {
    Workspace::load(crate::embedded::tree())
}

/// The claim a workspace grades when none is named: for the shipped one, the report's.
fn default_claim(ws: &Workspace) -> &crate::claim::Claim {
    let Ok(claim) = ws.claim(None) else {
        panic!("no default claim")
    };
    claim
}

#[test]
fn shipped_claim_is_half_true_with_the_report_s_shape() {
    let ws = shipped();
    assert!(!ws.has_errors(), "{:#?}", ws.diagnostics);
    let claim = default_claim(&ws);
    assert_eq!(claim.id, "japan-ai-world-level-2026-04");
    let e = evaluate(claim, &ws.ledger, claim.as_of);
    assert_eq!(e.headline.label, Label::HalfTrue);
    assert_eq!(e.readings[0].label, Label::MostlyFalse, "parity");
    assert_eq!(e.readings[1].label, Label::MostlyTrue, "catch-up");
    let axis = |id: &str| {
        let i = claim
            .axes
            .iter()
            .position(|a| a.id == id)
            .unwrap_or(usize::MAX);
        e.axes.get(i).and_then(|a| a.score).unwrap_or(f64::NAN)
    };
    let (strong, weak, middle) = (
        ["policy", "deployment"],
        ["investment", "compute"],
        ["research", "patents", "oss"],
    );
    for s in strong {
        for m in middle {
            assert!(
                axis(s) > axis(m),
                "{s} {} should beat {m} {}",
                axis(s),
                axis(m)
            );
        }
    }
    for m in middle {
        for w in weak {
            assert!(
                axis(m) > axis(w),
                "{m} {} should beat {w} {}",
                axis(m),
                axis(w)
            );
        }
    }
    assert!(e.axes.iter().all(|a| a.coverage == 1.0));
}

#[test]
fn every_criterion_comes_with_its_own_axis_and_result() {
    let ws = shipped();
    for claim in &ws.claims {
        let e = evaluate(claim, &ws.ledger, claim.as_of);
        let paired: Vec<(&str, &str, usize)> = e
            .by_criterion(claim)
            .map(|(axis, c, r)| (axis.id.as_str(), c.id.as_str(), r.axis))
            .collect();
        let expected: Vec<(&str, &str, usize)> = (claim.axes.iter().enumerate())
            .flat_map(|(a, axis)| {
                (axis.criteria.iter()).map(move |c| (axis.id.as_str(), c.id.as_str(), a))
            })
            .collect();
        assert_eq!(paired, expected, "{}", claim.id);
        assert_eq!(paired.len(), e.criteria.len(), "{}", claim.id);
    }
}

#[test]
fn each_sub_score_is_the_score_of_its_grade() {
    let ws = shipped();
    for claim in &ws.claims {
        let e = evaluate(claim, &ws.ledger, claim.as_of);
        for (_, c, r) in e.by_criterion(claim) {
            let from_grades: Vec<Option<f64>> = if r.outcome.is_ok() {
                r.grades.iter().map(|g| Some(g.score())).collect()
            } else {
                assert!(r.grades.is_empty(), "{} {}", claim.id, c.id);
                vec![None; claim.readings.len()]
            };
            assert_eq!(from_grades, r.scores, "{} {}", claim.id, c.id);
        }
    }
}

#[test]
fn every_mean_explained_is_the_mean_of_its_terms() {
    use crate::engine::explain::Explanation;
    use crate::engine::{Mean, Outcome, weighted_mean};
    let of_terms = |m: &Mean<'_>| weighted_mean(m.terms.iter().map(|t| t.pair())).0;
    let ws = shipped();
    for claim in &ws.claims {
        for as_of in [claim.as_of, day(2025, 3, 31)] {
            let e = evaluate(claim, &ws.ledger, as_of);
            let x = Explanation::new(claim, &ws.ledger, &e);
            // Every axis, reading and criterion is explained, in claim order.
            let axes: Vec<(&str, Option<f64>)> = (x.axes.iter())
                .map(|a| (a.axis.id.as_str(), a.combined.score))
                .collect();
            let want: Vec<(&str, Option<f64>)> = (claim.axes.iter().zip(&e.axes))
                .map(|(a, r)| (a.id.as_str(), r.score))
                .collect();
            assert_eq!(axes, want, "{}", claim.id);
            let readings: Vec<(&str, Outcome)> = (x.readings.iter())
                .map(|r| (r.reading.id.as_str(), r.outcome))
                .collect();
            let want: Vec<(&str, Outcome)> = (claim.readings.iter().zip(&e.readings))
                .map(|(r, o)| (r.id.as_str(), *o))
                .collect();
            assert_eq!(readings, want, "{}", claim.id);
            assert_eq!(x.criteria.len(), claim.criteria().count());
            assert_eq!(x.headline.outcome, e.headline);
            let mut means: Vec<&Mean<'_>> = vec![&x.headline.mean];
            means.extend(x.readings.iter().map(|r| &r.mean));
            for axis in &x.axes {
                means.push(&axis.combined);
                means.extend(axis.readings.iter().map(|r| &r.mean));
                assert_eq!(axis.readings.len(), claim.readings.len());
                for r in &axis.readings {
                    let ids: Vec<&str> = r.mean.terms.iter().map(|t| t.id).collect();
                    let own: Vec<&str> = axis.axis.criteria.iter().map(|c| c.id.as_str()).collect();
                    assert_eq!(ids, own, "{}", claim.id);
                }
            }
            for mean in means {
                assert_eq!(
                    of_terms(mean).map(f64::to_bits),
                    mean.score.map(f64::to_bits),
                    "{} as of {as_of}: {mean:?}",
                    claim.id
                );
            }
        }
    }
}

#[test]
fn shipped_claim_before_the_build_up_scores_lower() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let now = evaluate(claim, &ws.ledger, claim.as_of).headline.score;
    let before = evaluate(claim, &ws.ledger, day(2025, 6, 30)).headline.score;
    assert!(
        before.unwrap_or(0.0) < now.unwrap_or(0.0),
        "{before:?} < {now:?}"
    );
}

#[test]
fn a_ledger_without_records_gives_not_enough_evidence_for_every_claim() {
    let mut tree = crate::embedded::tree();
    tree.ledger
        .retain(|f| f.path.ends_with("vocabulary.toml") || f.path.ends_with("sources.toml"));
    let ws = Workspace::load(tree);
    for claim in &ws.claims {
        let e = evaluate(claim, &ws.ledger, claim.as_of);
        assert_eq!(e.headline.label, Label::NotEnoughEvidence, "{}", claim.id);
        assert_eq!(e.headline.coverage, 0.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adding a record that a count or sum criterion matches never lowers its sub-score.
    #[test]
    fn supporting_records_never_lower_a_criterion(
        existing in proptest::collection::vec((1u32..=30, 1u32..5000, any::<bool>()), 0..12),
        added_day in 1u32..=30,
        added_amount in 1u32..5000,
        self_reported in any::<bool>(),
    ) {
        let mut records = String::new();
        for (i, (d, amount, selfrep)) in existing.iter().enumerate() {
            records += &event(&format!("e{i}"), &format!("2026-04-{d:02}"), "lab", "paper", *selfrep);
            records += &investment(&format!("i{i}"), &format!("2026-04-{d:02}"), &amount.to_string(), "億円");
        }
        let criteria = COUNT.to_owned() + r#"
[[axis.criterion]]
id = "y"
title = "y"
measure = "sum"
kinds = ["investment"]
goalposts = { world = 1e12, nothing = 0 }
"#;
        let score = |records: &str| {
            let ws = workspace(records, &claim(&criteria));
            let c = &ws.claims[0];
            let e = evaluate(c, &ws.ledger, c.as_of);
            (e.criteria[0].scores[0].unwrap_or(0.0), e.criteria[1].scores[0].unwrap_or(0.0))
        };
        let before = score(&records);
        let more = records.clone()
            + &event("added-e", &format!("2026-04-{added_day:02}"), "lab", "paper", self_reported)
            + &investment("added-i", &format!("2026-04-{added_day:02}"), &added_amount.to_string(), "億円");
        let after = score(&more);
        prop_assert!(after.0 >= before.0, "count {before:?} -> {after:?}");
        prop_assert!(after.1 >= before.1, "sum {before:?} -> {after:?}");
    }

    /// Removing any set of records never raises coverage, and removing all gives Not
    /// Enough Evidence.
    #[test]
    fn removing_records_never_raises_coverage(mask in proptest::collection::vec(any::<bool>(), 80)) {
        let ws = shipped();
        let Ok(claim) = ws.claim(None) else { return Err(TestCaseError::fail("no claim")) };
        let removed: Vec<usize> = (0..ws.ledger.records.len())
            .filter(|i| mask.get(*i).copied().unwrap_or(false))
            .collect();
        let full = crate::engine::evaluate(claim, &ws.ledger, claim.as_of);
        let fewer = crate::engine::score(
            claim, claim.as_of, measure_all(claim, &ws.ledger, claim.as_of, &removed),
        );
        prop_assert!(fewer.headline.coverage <= full.headline.coverage + 1e-12);
        let all: Vec<usize> = (0..ws.ledger.records.len()).collect();
        let none = crate::engine::score(
            claim, claim.as_of, measure_all(claim, &ws.ledger, claim.as_of, &all),
        );
        prop_assert_eq!(none.headline.label, Label::NotEnoughEvidence);
    }
}

#[test]
fn pivotal_records_flip_the_label_when_removed_and_others_do_not() {
    let ws = shipped();
    let mut seen_pivot = false;
    for claim in &ws.claims {
        let e = evaluate(claim, &ws.ledger, claim.as_of);
        let pivots: Vec<usize> = crate::engine::robustness::pivotal(claim, &ws.ledger, &e)
            .iter()
            .map(|p| p.record)
            .collect();
        let mut used: Vec<usize> = e
            .criteria
            .iter()
            .filter_map(|c| c.outcome.as_ref().ok())
            .flat_map(|m| m.records.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        for record in used {
            let without = crate::engine::score(
                claim,
                claim.as_of,
                measure_all(claim, &ws.ledger, claim.as_of, &[record]),
            );
            let flips = without.headline.label != e.headline.label;
            assert_eq!(
                flips,
                pivots.contains(&record),
                "{}: record `{}`",
                claim.id,
                ws.ledger.records[record].id()
            );
            seen_pivot |= flips;
        }
    }
    assert!(seen_pivot, "some shipped claim should hinge on a record");
}

#[test]
fn robustness_is_certain_when_weights_goalposts_and_figures_are_fixed() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let mut fixed = claim.clone();
    fixed.tolerance = 0.0;
    let mut e = evaluate(&fixed, &ws.ledger, fixed.as_of);
    let settings = crate::engine::Settings {
        draws: 200,
        seed: 1,
        concentration: 0.0,
    };
    // The shipped ledger has approximate figures (about 1% of GPUs); they are drawn too.
    let r = crate::engine::robustness::assess(&fixed, &ws.ledger, &e, settings);
    let (low, high) = r.interval.unwrap_or((f64::NAN, f64::NAN));
    assert!(
        low < high,
        "approximate figures move the score: {low} to {high}"
    );
    // With every figure taken as exact, nothing is left to draw.
    for c in &mut e.criteria {
        if let Ok(m) = &mut c.outcome {
            m.uncertainty = 0.0;
        }
    }
    let r = crate::engine::robustness::assess(&fixed, &ws.ledger, &e, settings);
    assert_eq!(r.stability, 1.0);
    assert_eq!(r.labels.len(), 1);
    let score = e.headline.score.unwrap_or(f64::NAN);
    assert_eq!(r.interval, Some((score, score)));
    // Drawing the axis weights alone then moves the score.
    let drawn = crate::engine::Settings {
        concentration: 100.0,
        ..settings
    };
    let r = crate::engine::robustness::assess(&fixed, &ws.ledger, &e, drawn);
    let (low, high) = r.interval.unwrap_or((f64::NAN, f64::NAN));
    assert!(low < score && score < high, "{low} < {score} < {high}");
}

#[test]
fn robustness_draws_move_the_score_and_repeat_with_the_seed() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let e = evaluate(claim, &ws.ledger, claim.as_of);
    let settings = crate::engine::Settings::default();
    let a = crate::engine::robustness::assess(claim, &ws.ledger, &e, settings);
    let b = crate::engine::robustness::assess(claim, &ws.ledger, &e, settings);
    assert_eq!(a, b);
    let Some((low, high)) = a.interval else {
        panic!("no interval")
    };
    let score = e.headline.score.unwrap_or(f64::NAN);
    assert!(low < score && score < high, "{low} < {score} < {high}");
    assert_eq!(a.labels.values().sum::<u32>(), settings.draws);
    let shares: Vec<(Label, f64)> = a.shares().collect();
    assert_eq!(shares.len(), a.labels.len());
    assert!((shares.iter().map(|(_, s)| s).sum::<f64>() - 1.0).abs() < 1e-12);
    let headline = shares.iter().find(|(l, _)| *l == e.headline.label);
    assert_eq!(headline.map(|(_, s)| *s), Some(a.stability));
}

#[test]
fn aggregators_rank_as_their_definitions_say() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let e = evaluate(claim, &ws.ledger, claim.as_of);
    let r = crate::engine::robustness::assess(
        claim,
        &ws.ledger,
        &e,
        crate::engine::Settings::default(),
    );
    let s: Vec<f64> = r
        .aggregates
        .iter()
        .map(|a| a.score.unwrap_or(f64::NAN))
        .collect();
    // Arithmetic mean >= geometric mean >= weakest axis, and the first is the headline.
    assert_eq!(s[0], e.headline.score.unwrap_or(f64::NAN));
    assert!(s[0] >= s[1] && s[1] >= s[2], "{s:?}");
}

fn budget(id: &str, amount: &str, part_of: Option<&str>) -> String {
    let part_of = part_of
        .map(|p| format!("part_of = \"{p}\"\n"))
        .unwrap_or_default();
    format!(
        r#"
[[budget]]
id = "{id}"
date = 2026-04-10
entity = "JP"
sources = ["s"]
title = "{id}"
metric = "ai_budget"
amount = {{ value = {amount}, unit = "億円" }}
basis = "annual"
{part_of}"#
    )
}

#[test]
fn a_budget_and_its_line_sum_once_and_the_line_stands_in_when_the_whole_is_removed() {
    let records = [
        budget("whole", "1000", None),
        budget("line", "400", Some("whole")),
    ]
    .concat();
    for (threshold, pivotal) in [(">= 300億円", false), (">= 500億円", true)] {
        let criterion = format!(
            "[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"sum\"\nkinds = [\"budget\"]\nthreshold = \"{threshold}\"\n"
        );
        let ws = workspace(&records, &claim(&criterion));
        let c = &ws.claims[0];
        let e = evaluate(c, &ws.ledger, c.as_of);
        let Ok(m) = &e.criteria[0].outcome else {
            panic!("no value: {:?}", e.criteria[0].outcome)
        };
        assert_eq!(
            m.value, 1000e8,
            "the line is part of the whole: counted once"
        );
        assert_eq!(e.headline.label, Label::True);
        // Without the whole, its line still counts: 400億円.
        let pivots = crate::engine::robustness::pivotal(c, &ws.ledger, &e);
        let ids: Vec<&str> = pivots.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids == ["whole"], pivotal, "{threshold}: {ids:?}");
        if let Some(p) = pivots.first() {
            assert_eq!(p.label, Label::False, "400億円 is below 500億円");
        }
    }
}

/// A count and a sum of budgets, some approximate and one a line of another, on top of the
/// shipped ledger's claims and a generated ledger's: what the robustness test below compares.
fn counts_and_sums() -> Vec<Workspace> {
    let mut records: Vec<String> = (0..12)
        .map(|i| {
            let amount = if i % 3 == 0 {
                format!("{}, approximate = true", 100 + 10 * i)
            } else {
                format!("{}", 100 + 10 * i)
            };
            // One day each: two budget lines of one metric on one day would conflict.
            budget(&format!("b{i:02}"), &amount, None)
                .replace("2026-04-10", &format!("2026-04-{:02}", i + 1))
        })
        .collect();
    records.push(budget("line", "50", Some("b01")).replace("2026-04-10", "2026-04-02"));
    let criteria = "[[axis.criterion]]\nid = \"sum\"\ntitle = \"sum\"\nmeasure = \"sum\"\n\
                    kinds = [\"budget\"]\ngoalposts = { world = \"3000億円\", nothing = 0 }\n\
                    [[axis.criterion]]\nid = \"count\"\ntitle = \"count\"\nmeasure = \"count\"\n\
                    kinds = [\"budget\"]\ngoalposts = { world = 20, nothing = 0 }\n";
    let generated = crate::synthetic::tree(&crate::synthetic::generate(3000, 5));
    vec![
        workspace(&records.concat(), &claim(criteria)),
        shipped(),
        Workspace::load(generated),
    ]
}

#[test]
fn a_count_or_sum_without_a_record_is_what_measuring_again_without_it_gives() {
    // Robustness takes a record's share off a count or sum rather than measuring again.
    let mut compared = [0usize; 2];
    for ws in counts_and_sums() {
        let stands_in = crate::engine::robustness::stood_in_for(&ws.ledger);
        for claim in &ws.claims {
            let evaluation = evaluate(claim, &ws.ledger, claim.as_of);
            let scope = crate::engine::Scope {
                ledger: &ws.ledger,
                as_of: claim.as_of,
                window: claim.window,
                subject: &claim.subject,
                removed: &[],
            };
            for ((_, criterion), result) in claim.criteria().zip(&evaluation.criteria) {
                let Ok(measured) = &result.outcome else {
                    continue;
                };
                let sum = match measured.arithmetic {
                    Arithmetic::Count { .. } => 0,
                    Arithmetic::Sum { .. } => 1,
                    _ => continue,
                };
                for (position, &record) in measured.records.iter().enumerate() {
                    let quick = crate::engine::robustness::without(
                        &criterion.measure,
                        measured,
                        record,
                        position,
                        &scope,
                        &stands_in,
                    );
                    let removed = [record];
                    let scope = crate::engine::Scope {
                        removed: &removed,
                        ..scope
                    };
                    let again = crate::engine::measure::compute(&criterion.measure, &scope);
                    let again = again.ok().map(|m| crate::engine::Graded::of(&m));
                    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
                    let same = match (quick, again) {
                        (Some(q), Some(a)) => {
                            close(q.value, a.value)
                                && close(q.uncertainty, a.uncertainty)
                                && q.discount == a.discount
                        }
                        (q, a) => q.is_none() && a.is_none(),
                    };
                    let id = &ws.ledger.records[record].id();
                    assert!(
                        same,
                        "{} without `{id}`: {quick:?} beside {again:?}",
                        criterion.id
                    );
                    compared[sum] += 1;
                }
            }
        }
    }
    // Both counts and sums were compared, record by record.
    assert!(compared.iter().all(|&n| n >= 12), "{compared:?}");
}

#[test]
fn records_competing_for_one_value_are_ambiguous_whatever_their_ids() {
    // Two JP statements of `m` known on the same day: a date and a year. No conflict check
    // pairs them (their periods differ), and picking either by id would make the ids decide.
    let dated = |id: &str, value: &str| {
        format!(
            "\n[[metric]]\nid = \"{id}\"\ndate = 2024-12-31\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"{id}\"\nmetric = \"m\"\nvalue = {{ value = {value}, unit = \"count\" }}\n"
        )
    };
    let criterion = "[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"value\"\nmetric = \"m\"\nthreshold = \">= 50\"\n";
    for (a, b) in [("a", "b"), ("b", "a")] {
        let records = [dated(a, "10"), metric(b, "JP", "2024", "m", "90", "count")].concat();
        let ws = workspace_as_is(&records, &claim(criterion));
        let codes: Vec<_> = ws.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [crate::diagnostic::Code::AmbiguousValue]);
        let c = &ws.claims[0];
        let m = measure_all(c, &ws.ledger, c.as_of, &[]);
        let Err(Missing::Ambiguous { candidates }) = &m[0].1 else {
            panic!("not ambiguous: {:?}", m[0].1)
        };
        let mut ids: Vec<&str> = candidates.iter().map(|o| o.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["a", "b"]);
        // Selecting by period settles it: the year's figure.
        let select = criterion.replace("metric = \"m\"\n", "metric = \"m\"\nperiod = \"2024\"\n");
        assert_eq!(value_of(&records, &select), Some(90.0));
    }
}

/// A budget of `metric` for JP on 2026-04-10, from `funder`, on `basis`.
fn funded(id: &str, metric: &str, amount: &str, funder: &str, basis: &str) -> String {
    format!(
        "\n[[budget]]\nid = \"{id}\"\ndate = 2026-04-10\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"{id}\"\nmetric = \"{metric}\"\namount = {{ value = {amount}, unit = \"億円\" }}\nbasis = \"{basis}\"\nfunder = \"{funder}\"\n"
    )
}

fn value_criterion(keys: &str) -> String {
    format!(
        "[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"value\"\n{keys}\ngoalposts = {{ world = 1e12, nothing = 0 }}\n"
    )
}

#[test]
fn value_without_a_metric_reads_investments_only_and_selects_among_them() {
    let with_investor = |id: &str, investor: &str, value: &str| {
        investment(id, "2026-04-10", value, "億円").replace(
            "basis = \"new\"",
            &format!("basis = \"new\"\ninvestor = \"{investor}\""),
        )
    };
    let records = [
        with_investor("by-a", "lab", "100"),
        with_investor("by-b", "frontier", "300"),
        // The same day, a budget and a metric about JP: neither is an investment amount.
        funded("budget", "m", "900", "lab", "annual"),
        metric("stat", "JP", "2026-04", "m2", "700", "count"),
    ]
    .concat();
    let criterion = |keys: &str| value_criterion(keys);
    assert_eq!(
        value_of(&records, &criterion("investor = \"lab\"")),
        Some(100e8)
    );
    assert_eq!(
        value_of(&records, &criterion("investor = \"frontier\"")),
        Some(300e8)
    );
    assert_eq!(
        value_of(&records, &criterion("record = \"by-b\"")),
        Some(300e8)
    );
    assert_eq!(value_of(&records, &criterion("investor = \"CN\"")), None);
    assert_eq!(
        value_of(
            &records,
            &criterion("investor = \"lab\"\nbasis = \"cumulative\"")
        ),
        None,
        "the basis must match too"
    );
}

#[test]
fn budgets_are_selected_by_funder_and_basis() {
    let records = [
        funded("from-a", "m", "100", "lab", "annual"),
        funded("from-b", "m", "300", "frontier", "additional"),
        funded("total", "m", "1000", "lab", "cumulative"),
    ]
    .concat();
    let criterion = |keys: &str| value_criterion(&format!("metric = \"m\"\n{keys}"));
    assert_eq!(
        value_of(&records, &criterion("funder = \"frontier\"")),
        Some(300e8)
    );
    assert_eq!(
        value_of(&records, &criterion("basis = \"cumulative\"")),
        Some(1000e8)
    );
    assert_eq!(
        value_of(&records, &criterion("funder = \"lab\"\nbasis = \"annual\"")),
        Some(100e8)
    );
    assert_eq!(
        value_of(&records, &criterion("record = \"from-a\"")),
        Some(100e8)
    );
    // Two budgets from the lab disagree: ambiguous, whichever is named first.
    let measured = measured_as_is(&records, &criterion("funder = \"lab\""));
    assert!(
        matches!(measured, Err(Missing::Ambiguous { .. })),
        "{measured:?}"
    );
}

#[test]
fn a_stated_rank_is_read_beside_a_ratio_stated_for_the_same_metric() {
    // The same day JP's rank and its size relative to the US are stated for one metric: the
    // rank measure reads the rank, and the ratio is no competitor for it.
    let relative = metric("jp-vs-us", "JP", "2025", "m", "0.5", "factor").replace(
        "value = { value = 0.5, unit = \"factor\" }",
        "value = { value = 0.5, unit = \"factor\" }\nrelative_to = \"US\"",
    );
    let records = [metric("jp-rank", "JP", "2025", "m", "4", "rank"), relative].concat();
    let criterion = "[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"rank\"\nmetric = \"m\"\ngoalposts = { world = 1, nothing = 10 }\n";
    assert_eq!(value_of(&records, criterion), Some(4.0));
}

fn rate(id: &str, date: &str, yen_per_dollar: &str) -> String {
    format!(
        "\n[[metric]]\nid = \"{id}\"\ndate = {date}\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"{id}\"\nmetric = \"usd_jpy\"\nvalue = {{ value = {yen_per_dollar}, unit = \"JPY/USD\" }}\n"
    )
}

fn sum_criterion(goalposts: &str) -> String {
    format!(
        "[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"sum\"\nkinds = [\"investment\"]\ngoalposts = {goalposts}\n"
    )
}

#[test]
fn sums_convert_through_the_latest_rate_known_by_the_as_of_date() {
    let amounts = [
        investment("yen", "2026-04-03", "1.6", "兆円"),
        investment("usd", "2026-04-06", "5", "USD bn"),
    ]
    .concat();
    let in_yen = sum_criterion("{ world = \"10兆円\", nothing = 0 }");
    let in_dollars = sum_criterion("{ world = \"100 USD bn\", nothing = 0 }");
    // Without a rate the dollar amount is left out of a yen total, and the other way round.
    assert_eq!(value_of(&amounts, &in_yen), Some(1.6e12));
    assert_eq!(value_of(&amounts, &in_dollars), Some(5e9));
    // The rate known latest by the as-of date (2026-05-01) converts: not an older one, not
    // one known only later.
    let rates = [
        rate("old", "2026-01-05", "140"),
        rate("now", "2026-04-30", "150"),
        rate("later", "2026-06-01", "170"),
    ]
    .concat();
    let ledger = [amounts.as_str(), rates.as_str()].concat();
    assert_eq!(value_of(&ledger, &in_yen), Some(1.6e12 + 5e9 * 150.0));
    assert_eq!(value_of(&ledger, &in_dollars), Some(5e9 + 1.6e12 / 150.0));
    let ws = workspace(&ledger, &claim(&in_yen));
    let c = &ws.claims[0];
    let m = measure_all(c, &ws.ledger, c.as_of, &[]);
    let Ok(measured) = &m[0].1 else {
        panic!("no value: {:?}", m[0].1)
    };
    let Arithmetic::Sum { parts, skipped } = &measured.arithmetic else {
        panic!("not a sum: {:?}", measured.arithmetic)
    };
    assert!(skipped.is_empty());
    let converted: Vec<(&str, Option<&str>)> = (parts.iter())
        .map(|p| (p.id.as_str(), p.converted.as_ref().map(|c| c.id.as_str())))
        .collect();
    assert_eq!(converted, [("yen", None), ("usd", Some("now"))]);
    let rate_position = ws.ledger.record_position("now");
    assert!(
        rate_position.is_some_and(|p| measured.records.contains(&p)),
        "the rate's sources are footnoted"
    );
}

#[test]
fn a_rate_of_zero_converts_nothing_even_when_it_is_the_latest() {
    // `check` refuses such a rate; a caller of the library that grades anyway still gets
    // the latest rate above zero.
    let ledger = [
        investment("yen", "2026-04-03", "1.6", "兆円"),
        investment("usd", "2026-04-06", "5", "USD bn"),
        rate("now", "2026-04-20", "150"),
        rate("zero", "2026-04-30", "0"),
    ]
    .concat();
    let measured = measured_as_is(
        &ledger,
        &sum_criterion("{ world = \"10兆円\", nothing = 0 }"),
    );
    assert_eq!(measured.ok().map(|m| m.value), Some(1.6e12 + 5e9 * 150.0));
}

#[test]
fn two_rates_of_one_day_that_disagree_are_an_ambiguity() {
    let ledger = [
        investment("usd", "2026-04-06", "5", "USD bn"),
        investment("yen", "2026-04-03", "1.6", "兆円"),
        rate("one", "2026-04-30", "150"),
        rate("two", "2026-04-30", "151"),
    ]
    .concat();
    let measured = measured_as_is(
        &ledger,
        &sum_criterion("{ world = \"10兆円\", nothing = 0 }"),
    );
    let Err(Missing::Ambiguous { candidates }) = &measured else {
        panic!("not ambiguous: {measured:?}")
    };
    let ids: Vec<&str> = candidates.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["one", "two"]);
}

#[test]
fn plain_goalposts_total_in_the_currency_most_amounts_can_be_read_in() {
    let plain = sum_criterion("{ world = 1e12, nothing = 0 }");
    let mostly_dollars = [
        investment("a", "2026-04-03", "1", "USD bn"),
        investment("b", "2026-04-04", "2", "USD bn"),
        investment("c", "2026-04-05", "300", "億円"),
    ]
    .concat();
    assert_eq!(value_of(&mostly_dollars, &plain), Some(3e9));
    let tied = [
        investment("a", "2026-04-03", "1", "USD bn"),
        investment("c", "2026-04-05", "300", "億円"),
    ]
    .concat();
    assert_eq!(value_of(&tied, &plain), Some(300e8), "yen on a tie");
    // An amount stated with its equivalent in another currency can be read in either.
    let with_equivalent = |id: &str, yen: &str, dollars: &str| {
        investment(id, "2026-04-03", yen, "億円").replace(
            "basis = \"new\"",
            &format!("basis = \"new\"\nequivalent = {{ value = {dollars}, unit = \"USD bn\" }}"),
        )
    };
    let mostly_yen_all_in_dollars = [
        with_equivalent("a", "100", "0.07"),
        with_equivalent("b", "200", "0.14"),
        investment("c", "2026-04-05", "1", "USD bn"),
    ]
    .concat();
    let total = value_of(&mostly_yen_all_in_dollars, &plain).unwrap_or(f64::NAN);
    assert!((total - 1.21e9).abs() < 1.0, "{total}");
}

#[test]
fn the_geometric_mean_divides_by_the_weights_whatever_they_sum_to() {
    let geometric = |items: &[(f64, Option<f64>)]| {
        super::Aggregator::Geometric
            .apply(items)
            .unwrap_or(f64::NAN)
    };
    // Equal weights: the square root of the product, however large the weights.
    for w in [0.5, 1.0, 2.0, 7.0] {
        let g = geometric(&[(w, Some(0.25)), (w, Some(1.0))]);
        assert!((g - 0.5).abs() < 1e-12, "weights {w}: {g}");
    }
    // Weights 3 and 1: 0.25^(3/4).
    let g = geometric(&[(3.0, Some(0.25)), (1.0, Some(1.0))]);
    assert!((g - 0.25f64.powf(0.75)).abs() < 1e-12, "{g}");
    // A zero is floored, so it pulls hard without erasing the rest; no score, no term.
    let g = geometric(&[(1.0, Some(0.0)), (1.0, Some(1.0)), (5.0, None)]);
    assert!((g - super::GEOMETRIC_FLOOR.sqrt()).abs() < 1e-12, "{g}");
    // No weight at all gives no score rather than a division by zero.
    assert_eq!(
        super::Aggregator::Geometric.apply(&[(0.0, Some(0.5))]),
        None
    );
}

#[test]
fn the_weakest_axis_is_the_weakest_that_has_weight() {
    let weakest = |items: &[(f64, Option<f64>)]| super::Aggregator::Weakest.apply(items);
    assert_eq!(
        weakest(&[
            (1.0, Some(0.6)),
            (0.0, Some(0.1)),
            (2.0, Some(0.4)),
            (1.0, None)
        ]),
        Some(0.4)
    );
    assert_eq!(weakest(&[(0.0, Some(0.1))]), None);
}

#[test]
fn every_measure_that_reads_a_metric_names_it_and_the_others_name_none() {
    let criterion = |id: &str, keys: &str| {
        format!("[[axis.criterion]]\nid = \"{id}\"\ntitle = \"{id}\"\n{keys}\n")
    };
    let criteria = [
        criterion("a", "measure = \"ratio_to_leader\"\nmetric = \"m-ratio\"\npeers = [\"US\"]\ngoalposts = { world = 1, nothing = 0 }"),
        criterion("b", "measure = \"rank\"\nmetric = \"m-rank\"\ngoalposts = { world = 1, nothing = 10 }"),
        criterion("c", "measure = \"share\"\nmetric = \"m-share\"\ngoalposts = { world = 50, nothing = 0 }"),
        criterion("d", "measure = \"growth\"\nmetric = \"m-growth\"\nfrom = \"2024\"\nto = \"2025\"\ngoalposts = { world = 2, nothing = 1 }"),
        criterion("e", "measure = \"value\"\nmetric = \"m-value\"\ngoalposts = { world = 2, nothing = 1 }"),
        criterion("f", "measure = \"value\"\nrecord = \"r\"\ngoalposts = { world = 2, nothing = 1 }"),
        criterion("g", "measure = \"count\"\ngoalposts = { world = 2, nothing = 0 }"),
        criterion("h", "measure = \"benchmark_gap\"\ntest = \"T\"\ngoalposts = { world = 0, nothing = 10 }"),
    ]
    .concat();
    let ws = workspace_as_is("", &claim(&criteria));
    let metrics: Vec<Option<&str>> = ws.claims[0]
        .criteria()
        .map(|(_, c)| c.measure.metric())
        .collect();
    assert_eq!(
        metrics,
        [
            Some("m-ratio"),
            Some("m-rank"),
            Some("m-share"),
            Some("m-growth"),
            Some("m-value"),
            None,
            None,
            None
        ]
    );
}

/// A `[[benchmark]]` on test `T` in April 2026.
fn bench(id: &str, entity: &str, model: &str, score: &str, extra: &str) -> String {
    format!(
        "\n[[benchmark]]\nid = \"{id}\"\nperiod = \"2026-04\"\nentity = \"{entity}\"\n\
         sources = [\"s\"]\ntitle = \"{id}\"\nmodel = \"{model}\"\ntest = \"T\"\n\
         score = {{ value = {score}, unit = \"%\" }}\n{extra}\n"
    )
}

/// A benchmark criterion of measure `measure` on test `T`, with these extra keys.
fn bench_criterion(measure: &str, keys: &str) -> String {
    format!(
        "\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"{measure}\"\ntest = \"T\"\n\
         {keys}\nthreshold = \">= 0\"\n"
    )
}

/// The subject's and the comparator's models and scores, and the records, of a benchmark
/// measure; or why it has no value.
fn gap_of(
    records: &[String],
    criterion: &str,
) -> Result<(String, String, f64, f64, Vec<String>), Missing> {
    let ws = workspace(&records.concat(), &claim(criterion));
    let m = first_measured(&ws)?;
    let Arithmetic::Gap {
        subject_model,
        frontier_model,
        ..
    } = &m.arithmetic
    else {
        panic!("not a gap: {:?}", m.arithmetic)
    };
    let ids = (m.records.iter())
        .map(|&i| ws.ledger.records[i].id().to_string())
        .collect();
    Ok((
        subject_model.clone(),
        frontier_model.clone(),
        m.value,
        m.uncertainty,
        ids,
    ))
}

#[test]
fn a_benchmark_gap_sets_the_subject_s_best_against_the_best_from_outside() {
    let own = [
        bench("own-a", "lab", "A", "60", ""),
        bench("own-b", "lab", "B", "70", ""),
        bench("other-test", "lab", "C", "99", "").replace("test = \"T\"", "test = \"U\""),
    ];
    let outside = [
        bench("us-f", "frontier", "F", "90", ""),
        bench("us-g", "frontier", "G", "80", ""),
    ];
    let gap = bench_criterion("benchmark_gap", "");
    let all = [own.as_slice(), outside.as_slice()].concat();
    assert_eq!(
        gap_of(&all, &gap),
        Ok((
            "B".into(),
            "F".into(),
            20.0,
            0.0,
            vec!["own-b".into(), "us-f".into()]
        ))
    );
    // As a ratio, the subject's best over the best from outside.
    let ratio = bench_criterion("benchmark_ratio", "");
    let Ok((_, _, value, _, _)) = gap_of(&all, &ratio) else {
        panic!("no ratio")
    };
    assert!((value - 70.0 / 90.0).abs() < 1e-12, "{value}");
    // A named comparator replaces the best from outside, even the subject's own model.
    let named = bench_criterion("benchmark_gap", "comparator = \"G\"");
    assert_eq!(
        gap_of(&all, &named).map(|g| (g.1, g.2)),
        Ok(("G".into(), 10.0))
    );
    let own_model = bench_criterion("benchmark_gap", "comparator = \"A\"");
    assert_eq!(
        gap_of(&all, &own_model).map(|g| (g.1, g.2)),
        Ok(("A".into(), -10.0))
    );
    // Nothing from the subject, nothing from outside, or no such comparator: no value.
    assert_eq!(
        gap_of(&outside, &gap),
        Err(Missing::NoSubjectResult {
            test: "T".into(),
            entity: "JP".into()
        })
    );
    assert_eq!(
        gap_of(&own, &gap),
        Err(Missing::NoComparatorResult {
            test: "T".into(),
            comparator: None
        })
    );
    assert_eq!(
        gap_of(
            &all,
            &bench_criterion("benchmark_gap", "comparator = \"Z\"")
        ),
        Err(Missing::NoComparatorResult {
            test: "T".into(),
            comparator: Some("Z".into())
        })
    );
}

#[test]
fn a_benchmark_s_comparators_count_unless_they_are_the_subject_s() {
    // The subject's record lists the frontier's score and its own sister model's.
    let listed = bench(
        "own",
        "lab",
        "A",
        "70",
        "comparators = [{ model = \"F\", entity = \"frontier\", score = { value = 90, unit = \"%\" } }, \
         { model = \"Sister\", entity = \"lab\", score = { value = 95, unit = \"%\" } }, \
         { model = \"Anon\", score = { value = 85, unit = \"%\" } }]",
    );
    let gap = bench_criterion("benchmark_gap", "");
    // The frontier's score comes from the subject's own record: one record.
    assert_eq!(
        gap_of(std::slice::from_ref(&listed), &gap),
        Ok(("A".into(), "F".into(), 20.0, 0.0, vec!["own".into()]))
    );
    // A comparator without an entity is from outside.
    let anon = bench_criterion("benchmark_gap", "comparator = \"Anon\"");
    assert_eq!(
        gap_of(std::slice::from_ref(&listed), &anon).map(|g| g.2),
        Ok(15.0)
    );
}

#[test]
fn benchmark_ties_go_to_independent_results_then_model_names() {
    let gap = bench_criterion("benchmark_gap", "");
    let frontier = [
        bench("us-g", "frontier", "G", "90", ""),
        bench("us-f", "frontier", "F", "90", ""),
    ];
    let models =
        |own: &[String]| gap_of(&[own, frontier.as_slice()].concat(), &gap).map(|g| (g.0, g.1));
    let self_reported = bench("own-a", "lab", "A", "70", "self_reported = true");
    let independent_z = bench("own-z", "lab", "Z", "70", "");
    let independent_m = bench("own-m", "lab", "M", "70", "");
    // Equal frontier scores: the first model by name.
    assert_eq!(
        models(std::slice::from_ref(&independent_z)),
        Ok(("Z".into(), "F".into()))
    );
    // An independent result before a self-reported one of the same score.
    assert_eq!(
        models(&[self_reported.clone(), independent_z.clone()]),
        Ok(("Z".into(), "F".into()))
    );
    // Between independent results, the first model by name.
    assert_eq!(
        models(&[independent_z, independent_m, self_reported]),
        Ok(("M".into(), "F".into()))
    );
    // Whatever order the records come in: a better score later in the ledger's order, and
    // on a tie a model earlier by name later in it, win; the same model's equal score in a
    // later record does not.
    let own = bench("own", "lab", "A", "70", "");
    let frontier = |records: &[(&str, &str, &str)]| {
        let mut all = vec![own.clone()];
        all.extend(
            (records.iter()).map(|(id, model, score)| bench(id, "frontier", model, score, "")),
        );
        gap_of(&all, &gap).map(|g| (g.1, g.4))
    };
    let picked =
        |model: &str, id: &str| Ok((model.to_owned(), vec!["own".to_owned(), id.to_owned()]));
    assert_eq!(
        frontier(&[("us-a", "Low", "80"), ("us-b", "High", "90")]),
        picked("High", "us-b")
    );
    assert_eq!(
        frontier(&[("us-a", "G", "90"), ("us-b", "F", "90")]),
        picked("F", "us-b")
    );
    assert_eq!(
        frontier(&[("us-a", "F", "90"), ("us-b", "F", "90")]),
        picked("F", "us-a")
    );
}

#[test]
fn a_benchmark_ratio_needs_a_comparator_above_zero_and_is_as_uncertain_as_the_subject() {
    let ratio = bench_criterion("benchmark_ratio", "");
    let zero = [
        bench("own", "lab", "A", "70", "")
            .replace("unit = \"%\" }", "unit = \"%\", approximate = true }"),
        bench("us", "frontier", "F", "0", ""),
    ];
    assert_eq!(
        gap_of(&zero, &ratio),
        Err(Missing::DivideByZero { metric: "T".into() })
    );
    let approximate = [zero[0].clone(), bench("us", "frontier", "F", "80", "")];
    let Ok((_, _, value, uncertainty, _)) = gap_of(&approximate, &ratio) else {
        panic!("no ratio")
    };
    assert!((value - 0.875).abs() < 1e-12);
    assert!(
        (uncertainty - 0.0875).abs() < 1e-12,
        "a tenth of the ratio: {uncertainty}"
    );
    // As a gap, the subject's own uncertainty in points.
    let gap = bench_criterion("benchmark_gap", "");
    assert_eq!(
        gap_of(&approximate, &gap).map(|g| (g.2, g.3)),
        Ok((10.0, 7.0))
    );
}

#[test]
fn no_draws_leave_the_verdict_as_firm_as_it_is_with_no_interval() {
    let ws = shipped();
    let claim = default_claim(&ws);
    let e = evaluate(claim, &ws.ledger, claim.as_of);
    let settings = crate::engine::Settings {
        draws: 0,
        ..crate::engine::Settings::default()
    };
    let r = crate::engine::robustness::assess(claim, &ws.ledger, &e, settings);
    assert_eq!(r.stability, 1.0);
    assert!(r.labels.is_empty());
    assert_eq!(r.interval, None);
    assert_eq!(r.shares().count(), 0);
}

#[test]
fn an_approximate_value_is_drawn_within_its_uncertainty_and_then_graded_as_exact() {
    use crate::engine::Graded;
    use crate::engine::robustness::drawn;
    let mut rng = crate::engine::rng::Rng::new(8);
    let approximate = Graded {
        value: 10.0,
        uncertainty: 0.5,
        discount: 0.5,
    };
    let draws: Vec<Graded> = (0..2000).map(|_| drawn(approximate, &mut rng)).collect();
    assert!(
        draws.iter().all(|d| (9.5..10.5).contains(&d.value)),
        "within ±0.5"
    );
    assert!(draws.iter().any(|d| d.value < 9.55) && draws.iter().any(|d| d.value > 10.45));
    assert!(
        draws
            .iter()
            .all(|d| d.uncertainty == 0.0 && d.discount == 0.5)
    );
    // An exact value is kept, and uses none of the stream.
    let exact = Graded {
        uncertainty: 0.0,
        ..approximate
    };
    let (mut a, mut b) = (rng.clone(), rng);
    assert_eq!(drawn(exact, &mut a), exact);
    assert_eq!(a.uniform().to_bits(), b.uniform().to_bits());
}

#[test]
fn the_interval_takes_the_5th_and_95th_values_by_nearest_rank() {
    use crate::engine::robustness::nearest_rank;
    let hundred_and_one: Vec<f64> = (0..=100).map(f64::from).collect();
    assert_eq!(nearest_rank(&hundred_and_one, 0.05), Some(5.0));
    assert_eq!(nearest_rank(&hundred_and_one, 0.95), Some(95.0));
    let ten: Vec<f64> = (1..=10).map(f64::from).collect();
    // Ranks 0.45 and 8.55 of 0 to 9 round to the first and the tenth.
    assert_eq!(nearest_rank(&ten, 0.05), Some(1.0));
    assert_eq!(nearest_rank(&ten, 0.95), Some(10.0));
    assert_eq!(nearest_rank(&[3.0], 0.95), Some(3.0));
    assert_eq!(nearest_rank(&[], 0.05), None);
}

#[test]
fn a_record_that_feeds_two_criteria_is_removed_from_both() {
    // One budget, counted by one criterion and summed by the other: without it, both fail.
    let records = budget("only", "1000", None);
    let criteria = "[[axis.criterion]]\nid = \"count\"\ntitle = \"count\"\nmeasure = \"count\"\n\
                    kinds = [\"budget\"]\nthreshold = \">= 1\"\n\
                    [[axis.criterion]]\nid = \"sum\"\ntitle = \"sum\"\nmeasure = \"sum\"\n\
                    kinds = [\"budget\"]\nthreshold = \">= 1億円\"\n";
    let ws = workspace(&records, &claim(criteria));
    let c = &ws.claims[0];
    let e = evaluate(c, &ws.ledger, c.as_of);
    assert_eq!(e.headline.label, Label::True);
    let pivots = crate::engine::robustness::pivotal(c, &ws.ledger, &e);
    let found: Vec<(&str, Label, Option<f64>)> = (pivots.iter())
        .map(|p| (p.id.as_str(), p.label, p.score))
        .collect();
    assert_eq!(found, [("only", Label::NotEnoughEvidence, None)]);
}

#[test]
fn aggregators_agree_on_one_axis_and_not_on_the_shipped_claim() {
    let assess = |ws: &Workspace, claim: &crate::claim::Claim| {
        let e = evaluate(claim, &ws.ledger, claim.as_of);
        let r = crate::engine::robustness::assess(
            claim,
            &ws.ledger,
            &e,
            crate::engine::Settings::default(),
        );
        let labels: Vec<Label> = r.aggregates.iter().map(|a| a.label).collect();
        (r.aggregates_agree, labels)
    };
    // One axis: every aggregate is that axis's score.
    let one = workspace(
        &budget("only", "1000", None),
        &claim(
            &sum_criterion("{ world = \"2000億円\", nothing = 0 }").replace("investment", "budget"),
        ),
    );
    let (agree, labels) = assess(&one, &one.claims[0]);
    assert!(agree, "{labels:?}");
    let ws = shipped();
    let claim = default_claim(&ws);
    let (agree, labels) = assess(&ws, claim);
    assert!(!agree, "{labels:?}");
    assert!(labels.iter().any(|l| *l != labels[0]), "{labels:?}");
}

#[test]
fn stability_is_the_share_of_draws_that_keep_the_headline_label() {
    let ws = shipped();
    let claim = default_claim(&ws);
    // Goalposts moved by up to half their distance: some draws change the label.
    let mut loose = claim.clone();
    loose.tolerance = 0.5;
    let e = evaluate(&loose, &ws.ledger, loose.as_of);
    let settings = crate::engine::Settings::default();
    let r = crate::engine::robustness::assess(&loose, &ws.ledger, &e, settings);
    let kept = r.labels.get(&e.headline.label).copied().unwrap_or(0);
    assert!(kept > 0 && kept < settings.draws, "{:?}", r.labels);
    assert_eq!(r.stability, f64::from(kept) / f64::from(settings.draws));
}

#[test]
fn every_seed_has_a_value_stream_of_its_own() {
    use crate::engine::robustness::value_seed;
    let seeds = [0, 1, 2026, 0x9e37_79b9_7f4a_7c15, 0x15, u64::MAX];
    for (i, &a) in seeds.iter().enumerate() {
        assert_ne!(value_seed(a), a, "{a:#x}");
        for &b in &seeds[i + 1..] {
            assert_ne!(value_seed(a), value_seed(b), "{a:#x} {b:#x}");
        }
    }
}
