//! The records a criterion leaves out, and why: each measure's own choice of records, and the
//! as-of boundary (a record known on the as-of day counts; one known the day after does not).

use super::{claim, event, workspace};
use crate::engine::evaluate;
use crate::engine::explain::Explanation;
use crate::engine::measure::Timing;

/// A metric stated on a day (rather than for a period), about `entity`.
fn dated(id: &str, date: &str, entity: &str, metric: &str) -> String {
    format!(
        r#"
[[metric]]
id = "{id}"
date = {date}
entity = "{entity}"
sources = ["s"]
title = "{id}"
metric = "{metric}"
value = {{ value = 1, unit = "%" }}
"#
    )
}

/// The ids the single criterion left out, each with why.
fn left_out(records: &str, criterion: &str) -> Vec<(String, Timing)> {
    let ws = workspace(records, &claim(criterion));
    let c = &ws.claims[0];
    let e = evaluate(c, &ws.ledger, c.as_of);
    let explanation = Explanation::new(c, &ws.ledger, &e);
    explanation.criteria[0]
        .left_out
        .iter()
        .map(|l| (l.id.clone(), l.timing))
        .collect()
}

fn after_as_of(id: &str, known: (i32, u32, u32)) -> (String, Timing) {
    let (y, m, d) = known;
    (
        id.to_owned(),
        Timing::AfterAsOf {
            known: super::day(y, m, d),
        },
    )
}

/// A criterion with `keys`; goalposts from nothing at 0 to the world at 1 unless `keys` set
/// their own.
fn criterion(keys: &str) -> String {
    let goalposts = if keys.contains("goalposts") {
        ""
    } else {
        "goalposts = { world = 1, nothing = 0 }"
    };
    format!("\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\n{keys}\n{goalposts}\n")
}

/// The shared records: the subject's, a peer's and a stranger's statements of `share`, each
/// known on the as-of day (2026-05-01) and on the day after.
fn shares() -> String {
    [
        dated("jp-on", "2026-05-01", "JP", "share"),
        dated("jp-after", "2026-05-02", "JP", "share"),
        dated("us-after", "2026-05-03", "US", "share"),
        dated("cn-after", "2026-05-04", "CN", "share"),
        dated("lab-after", "2026-05-05", "lab", "share"),
        dated("other-metric", "2026-05-06", "JP", "other"),
    ]
    .concat()
}

#[test]
fn a_metric_measure_leaves_out_its_own_entities_records_known_after_the_as_of_day() {
    let records = shares();
    let share = criterion("measure = \"share\"\nmetric = \"share\"\npeers = [\"US\"]");
    assert_eq!(
        left_out(&records, &share),
        vec![
            after_as_of("jp-after", (2026, 5, 2)),
            after_as_of("us-after", (2026, 5, 3))
        ]
    );
    // `entity` puts another entity in the subject's place.
    let rank = criterion(
        "measure = \"rank\"\nmetric = \"share\"\nentity = \"CN\"\npeers = [\"US\"]\n\
         goalposts = { world = 1, nothing = 10 }",
    );
    assert_eq!(
        left_out(&records, &rank),
        vec![
            after_as_of("us-after", (2026, 5, 3)),
            after_as_of("cn-after", (2026, 5, 4))
        ]
    );
    let ratio = criterion("measure = \"ratio_to_leader\"\nmetric = \"share\"\npeers = [\"CN\"]");
    assert_eq!(
        left_out(&records, &ratio),
        vec![
            after_as_of("jp-after", (2026, 5, 2)),
            after_as_of("cn-after", (2026, 5, 4))
        ]
    );
    // Growth looks at the subject alone.
    let growth =
        criterion("measure = \"growth\"\nmetric = \"share\"\nfrom = \"2026-03\"\nto = \"2026-04\"");
    assert_eq!(
        left_out(&records, &growth),
        vec![after_as_of("jp-after", (2026, 5, 2))]
    );
}

#[test]
fn value_leaves_out_what_is_about_its_entity_or_the_subject_and_its_organisations() {
    let records = shares();
    let value = criterion("measure = \"value\"\nmetric = \"share\"");
    // The subject's records and its organisations' (`lab` is Japanese).
    assert_eq!(
        left_out(&records, &value),
        vec![
            after_as_of("jp-after", (2026, 5, 2)),
            after_as_of("lab-after", (2026, 5, 5))
        ]
    );
    let of_us = criterion("measure = \"value\"\nmetric = \"share\"\nentity = \"US\"");
    assert_eq!(
        left_out(&records, &of_us),
        vec![after_as_of("us-after", (2026, 5, 3))]
    );
}

#[test]
fn value_without_a_metric_leaves_out_investments_only() {
    let records = [
        super::investment("inv-on", "2026-05-01", "1", "億円"),
        super::investment("inv-after", "2026-05-02", "1", "億円"),
        dated("jp-after", "2026-05-02", "JP", "share"),
    ]
    .concat();
    let value = criterion("measure = \"value\"\ninvestor = \"JP\"");
    assert_eq!(
        left_out(&records, &value),
        vec![after_as_of("inv-after", (2026, 5, 2))]
    );
}

#[test]
fn a_count_leaves_out_what_it_selects_but_dates_put_outside() {
    let records = [
        event("in", "2026-04-30", "lab", "paper", false),
        event("on-as-of", "2026-05-01", "lab", "paper", false),
        event("after", "2026-05-02", "lab", "paper", false),
        event("before", "2026-03-31", "lab", "paper", false),
        event("other-type", "2026-05-02", "lab", "award", false),
        event("other-country", "2026-05-02", "frontier", "paper", false),
    ]
    .concat();
    let count = criterion("measure = \"count\"\nkinds = [\"event\"]\ntypes = [\"paper\"]");
    let window = |id: &str| {
        (
            id.to_owned(),
            Timing::OutsideWindow {
                since: super::day(2026, 4, 1),
                until: super::day(2026, 4, 30),
            },
        )
    };
    assert_eq!(
        left_out(&records, &count),
        vec![
            window("before"),
            window("on-as-of"),
            after_as_of("after", (2026, 5, 2))
        ]
    );
}

#[test]
fn a_benchmark_measure_leaves_out_its_own_test_only() {
    let bench = |id: &str, date: &str, test: &str| {
        format!(
            r#"
[[benchmark]]
id = "{id}"
date = {date}
entity = "lab"
sources = ["s"]
title = "{id}"
model = "Own"
test = "{test}"
score = {{ value = 70, unit = "%" }}
comparators = [{{ model = "Frontier", entity = "frontier", score = {{ value = 90, unit = "%" }} }}]
"#
        )
    };
    let records = [
        bench("on", "2026-05-01", "JMLE"),
        bench("after", "2026-05-02", "JMLE"),
        bench("other-test", "2026-05-02", "MMLU"),
    ]
    .concat();
    let gap = "\n[[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nmeasure = \"benchmark_gap\"\ntest = \"JMLE\"\ngoalposts = { world = 0, nothing = 50 }\n";
    assert_eq!(
        left_out(&records, gap),
        vec![after_as_of("after", (2026, 5, 2))]
    );
}
