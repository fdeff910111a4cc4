//! `kensho check`: every problem located and explained, in every format.
//!
//! Each check has a small ledger that breaks it, a structured assertion of the exact code and
//! `file:line:col` of every diagnostic (from `--format json`), and a snapshot of the human
//! rendering. Ledgers start from a clean base and change one thing.

use crate::harness::{Output, Sandbox};

/// A clean ledger: one axis, two countries, one source, one record citing it.
const VOCABULARY: &str = r#"[[axis]]
id = "policy"
title = "Laws, plans and budgets"

[[entity]]
id = "JP"
name = "Japan"
kind = "country"

[[entity]]
id = "US"
name = "United States"
kind = "country"

[[entity]]
id = "pfn"
name = "Preferred Networks"
kind = "startup"
country = "JP"
"#;

const SOURCES: &str = r#"[[source]]
id = "cao-plan"
url = "https://www8.cao.go.jp/cstp/ai/plan.pdf"
publisher = "Cabinet Office"
title = "AI Basic Plan"
kind = "government"
published = 2025-12-23
"#;

const EVENTS: &str = r#"[[event]]
id = "ai-basic-plan"
date = 2025-12-23
entity = "JP"
axes = ["policy"]
sources = ["cao-plan"]
type = "plan"
title = "AI Basic Plan adopted"
"#;

/// A clean claim over the base ledger.
const CLAIM: &str = r#"id = "jp-plans"
text = "Japan has AI plans"
subject = "JP"
as_of = 2026-05-01
window = { from = 2025-05-01, to = 2026-04-30 }

[[reading]]
id = "plain"
title = "At least a few plans"

[[axis]]
id = "policy"
weight = 1

[[axis.criterion]]
id = "plans"
title = "AI plans adopted"
measure = "count"
kinds = ["event"]
goalposts = { world = 3, nothing = 0 }
"#;

/// The base ledger and claim, with `changes` written over them (an empty text deletes).
fn ledger(changes: &[(&str, &str)]) -> Sandbox {
    let sandbox = Sandbox::empty();
    for (path, text) in [
        ("evidence/vocabulary.toml", VOCABULARY),
        ("evidence/sources.toml", SOURCES),
        ("evidence/events.toml", EVENTS),
        ("claims/jp-plans.toml", CLAIM),
    ] {
        sandbox.write(path, text);
    }
    for (path, text) in changes {
        if text.is_empty() {
            std::fs::remove_file(sandbox.path().join(path)).expect("remove");
        } else {
            sandbox.write(path, text);
        }
    }
    sandbox
}

/// One diagnostic as `--format json` reports it: code, file, line, column.
type Found = (String, String, u64, u64);

/// Runs `check --format json` and returns each diagnostic's code and place, in order, with
/// the document's error and warning counts checked against them.
fn found(sandbox: &Sandbox, expected_code: i32) -> Vec<Found> {
    let out = sandbox
        .run(&["check", "--format", "json"])
        .code(expected_code);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout));
    let list = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    let errors = list.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(
        doc["errors"].as_u64(),
        Some(errors as u64),
        "{}",
        out.stdout
    );
    assert_eq!(
        doc["warnings"].as_u64(),
        Some((list.len() - errors) as u64),
        "{}",
        out.stdout
    );
    list.iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The 1-based line and column (in characters) where `needle` first occurs in `text`.
fn at(text: &str, needle: &str) -> (u64, u64) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the fixture"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, column as u64)
}

/// A diagnostic expected at the first `needle` in `text`, which is written at `file`.
fn expect(code: &str, file: &str, text: &str, needle: &str) -> Found {
    let (line, column) = at(text, needle);
    (code.to_owned(), file.to_owned(), line, column)
}

/// The human rendering, as users see it in a terminal without colour.
fn human(sandbox: &Sandbox, expected_code: i32) -> String {
    let out: Output = sandbox.run(&["check"]).code(expected_code);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

#[test]
fn the_base_ledger_and_claim_are_clean() {
    let sandbox = ledger(&[]);
    assert_eq!(found(&sandbox, 0), vec![]);
    assert_eq!(human(&sandbox, 0), "0 errors, 0 warnings\n");
}

#[test]
fn the_shipped_ledger_and_claims_check_clean() {
    let out = Sandbox::shipped().run(&["check"]).code(0);
    assert_eq!(out.stdout, "0 errors, 0 warnings\n");
}

#[test]
fn syntax_errors_skip_only_their_table_and_the_rest_is_checked() {
    let text = format!(
        "{EVENTS}\n{}\n{}",
        "[[event]]\nid = \"broken\nentity = \"JP\"\n",
        EVENTS
            .replace("ai-basic-plan", "second-plan")
            .replace("\"JP\"", "\"JPN\"")
    );
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect(
                "K0101",
                "evidence/events.toml",
                &text,
                "\nentity = \"JP\"\n\n"
            ),
            expect("K0303", "evidence/events.toml", &text, "\"JPN\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn a_syntax_error_before_any_table_stops_the_file() {
    let text = format!("title = \n{EVENTS}");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    // The record is not read, so its source is left uncited.
    assert_eq!(
        found(&sandbox, 1),
        vec![
            ("K0101".to_owned(), "evidence/events.toml".to_owned(), 1, 9),
            expect("K0305", "evidence/sources.toml", SOURCES, "\"cao-plan\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn unknown_keys_are_named_with_their_record_and_a_suggestion() {
    let text = EVENTS.replace("title =", "titel =");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    // `titel` is read as the missing `title`, so only the typo is reported and the record
    // is still checked (its source counts as cited).
    assert_eq!(
        found(&sandbox, 1),
        vec![expect("K0205", "evidence/events.toml", &text, "titel")]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn wrong_types_are_all_reported_with_a_rewrite() {
    let text = EVENTS
        .replace("date = 2025-12-23", "date = \"2025-12-23\"")
        .replace("axes = [\"policy\"]", "axes = \"policy\"");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0206", "evidence/events.toml", &text, "\"2025-12-23\""),
            expect("K0206", "evidence/events.toml", &text, "\"policy\""),
            // The record is left out, but it still cites its source: no K0305 follows.
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn missing_required_keys_point_at_the_table() {
    let text = EVENTS.replace("type = \"plan\"\n", "");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    let mut expected = vec![expect("K0207", "evidence/events.toml", &text, "[[event]]")];
    assert_eq!(found(&sandbox, 1), expected);
    insta::assert_snapshot!("missing_key", human(&sandbox, 1));

    // A record with no date at all.
    let text = EVENTS.replace("date = 2025-12-23\n", "");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    expected[0] = expect("K0207", "evidence/events.toml", &text, "\"ai-basic-plan\"");
    assert_eq!(found(&sandbox, 1), expected);
    insta::assert_snapshot!("missing_date", human(&sandbox, 1));
}

#[test]
fn impossible_dates_are_date_errors_not_syntax_errors() {
    // TOML itself refuses 2026-02-30; kensho says why and still reads the record.
    let text = EVENTS.replace("2025-12-23", "2026-02-30");
    let sources = SOURCES.replace("2025-12-23", "2025-04-31");
    let sandbox = ledger(&[
        ("evidence/events.toml", &text),
        ("evidence/sources.toml", &sources),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0202", "evidence/events.toml", &text, "2026-02-30"),
            expect("K0202", "evidence/sources.toml", &sources, "2025-04-31"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn malformed_periods_and_fiscal_years_are_date_errors() {
    let text = format!(
        "{}\n{}\n{}",
        EVENTS.replace("date = 2025-12-23", "period = \"2026-13\""),
        EVENTS
            .replace("ai-basic-plan", "day-period")
            .replace("date = 2025-12-23", "period = \"2026-02-30\""),
        EVENTS
            .replace("ai-basic-plan", "fiscal")
            .replace("date = 2025-12-23", "fiscal_year = 20266"),
    );
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0202", "evidence/events.toml", &text, "\"2026-13\""),
            expect("K0202", "evidence/events.toml", &text, "\"2026-02-30\""),
            expect("K0202", "evidence/events.toml", &text, "20266"),
            // Records without a usable date are left out, but still cite their source.
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn duplicate_ids_across_files_show_both_places() {
    let more = EVENTS.replace("AI Basic Plan adopted", "The same id again");
    let sandbox = ledger(&[("evidence/more-events.toml", &more)]);
    // `events.toml` sorts first, so the copy in `more-events.toml` is the repeat.
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0301",
            "evidence/more-events.toml",
            &more,
            "\"ai-basic-plan\""
        )]
    );
    let out = sandbox.run(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let (line, column) = at(EVENTS, "\"ai-basic-plan\"");
    assert_eq!(
        doc["diagnostics"][0]["labels"],
        serde_json::json!([{
            "file": "evidence/events.toml",
            "line": line,
            "column": column,
            "message": "first defined here",
        }])
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn dangling_source_references_suggest_the_near_miss() {
    let text = EVENTS.replace(
        "sources = [\"cao-plan\"]",
        "sources = [\"cao-plans\", \"nowhere\"]",
    );
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0302", "evidence/events.toml", &text, "\"cao-plans\""),
            expect("K0302", "evidence/events.toml", &text, "\"nowhere\""),
            expect("K0305", "evidence/sources.toml", SOURCES, "\"cao-plan\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn unused_sources_are_warnings_and_exit_zero() {
    let sources = format!("{SOURCES}\n{}", SOURCES.replace("cao-plan", "spare"));
    let sandbox = ledger(&[("evidence/sources.toml", &sources)]);
    assert_eq!(
        found(&sandbox, 0),
        vec![expect(
            "K0305",
            "evidence/sources.toml",
            &sources,
            "\"spare\""
        )]
    );
    insta::assert_snapshot!(human(&sandbox, 0));
}

#[test]
fn a_source_is_cited_by_its_id_in_whichever_copy_and_by_records_left_out() {
    // `cao-plan` twice (an error of its own), cited once; `kept` cited only by an event left
    // out for want of its type; `spare` by nothing.
    let sources = format!(
        "{SOURCES}\n{SOURCES}\n{}\n{}",
        SOURCES.replace("cao-plan", "spare"),
        SOURCES.replace("cao-plan", "kept")
    );
    let events = format!(
        "{EVENTS}\n[[event]]\nid = \"left-out\"\ndate = 2025-12-24\nentity = \"JP\"\naxes = [\"policy\"]\nsources = [\"kept\"]\ntitle = \"No type\"\n"
    );
    let sandbox = ledger(&[
        ("evidence/sources.toml", &sources),
        ("evidence/events.toml", &events),
    ]);
    let found = found(&sandbox, 1);
    let unused: Vec<&Found> = found.iter().filter(|f| f.0 == "K0305").collect();
    assert_eq!(
        unused,
        [&expect(
            "K0305",
            "evidence/sources.toml",
            &sources,
            "\"spare\""
        )],
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.1 == "evidence/events.toml"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.1 == "evidence/sources.toml" && f.0 != "K0305"),
        "{found:?}"
    );
}

const METRICS: &str = r#"[[metric]]
id = "gpu-share-jp"
period = "2025"
entity = "JP"
axes = ["policy"]
sources = ["cao-plan"]
title = "Japan's share of the world's GPUs"
metric = "gpu_share"
value = { value = 1, unit = "%" }
"#;

#[test]
fn unknown_units_and_currencies_list_the_known_units() {
    let text = format!(
        "{}\n{}",
        METRICS.replace("unit = \"%\"", "unit = \"percent\""),
        METRICS
            .replace("gpu-share-jp", "budget-eur")
            .replace("unit = \"%\"", "unit = \"EUR\""),
    );
    let sandbox = ledger(&[("evidence/metrics.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0208", "evidence/metrics.toml", &text, "\"percent\""),
            expect("K0208", "evidence/metrics.toml", &text, "\"EUR\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn unknown_axes_kinds_entities_and_words() {
    let text = format!(
        "{}\n{}",
        EVENTS
            .replace("axes = [\"policy\"]", "axes = [\"polcy\"]")
            .replace("entity = \"JP\"", "entity = \"JPN\"")
            .replace("type = \"plan\"", "type = \"plans\""),
        "[[events]]\nid = \"misnamed\"\n",
    );
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    // `plans` is read as `plan`, so the record's references are checked too.
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0303", "evidence/events.toml", &text, "\"JPN\""),
            expect("K0304", "evidence/events.toml", &text, "\"polcy\""),
            expect("K0209", "evidence/events.toml", &text, "\"plans\""),
            expect("K0104", "evidence/events.toml", &text, "events]]"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));

    // A word that is nowhere near a known one leaves the record out.
    let text = text.replace("\"plans\"", "\"festival\"");
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0209", "evidence/events.toml", &text, "\"festival\""),
            expect("K0104", "evidence/events.toml", &text, "events]]"),
        ]
    );
}

/// With no axis declared at all, there is nothing near to suggest: the help says to declare
/// axes, for the record's axis and the claim's alike.
#[test]
fn axes_named_where_none_is_declared_say_to_declare_axes() {
    let vocabulary = VOCABULARY.replace(
        "[[axis]]\nid = \"policy\"\ntitle = \"Laws, plans and budgets\"\n",
        "",
    );
    assert!(!vocabulary.contains("[[axis]]"));
    let sandbox = ledger(&[("evidence/vocabulary.toml", &vocabulary)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0304", "evidence/events.toml", EVENTS, "\"policy\""),
            expect("K0304", "claims/jp-plans.toml", CLAIM, "\"policy\""),
        ]
    );
    let help = "help: declare axes with `[[axis]]` tables in the ledger";
    assert_eq!(human(&sandbox, 1).matches(help).count(), 2);
}

#[test]
fn percentages_outside_0_to_100_and_negative_amounts() {
    let text = format!(
        "{}\n{}\n{}",
        METRICS.replace("value = 1,", "value = 120,"),
        METRICS
            .replace("gpu-share-jp", "budget-jp")
            .replace("\"2025\"", "\"2024\"")
            .replace("gpu_share", "government_ai_budget")
            .replace("value = 1, unit = \"%\"", "value = -5027, unit = \"億円\""),
        METRICS
            .replace("gpu-share-jp", "rank-jp")
            .replace("gpu_share", "research_rank")
            .replace("value = 1, unit = \"%\"", "value = 0, unit = \"rank\""),
    );
    let sandbox = ledger(&[("evidence/metrics.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0203", "evidence/metrics.toml", &text, "120"),
            expect("K0203", "evidence/metrics.toml", &text, "-5027"),
            expect(
                "K0203",
                "evidence/metrics.toml",
                &text,
                "0, unit = \"rank\""
            ),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn conflicting_values_show_both_records_unless_one_restates_the_other() {
    let other = METRICS
        .replace("gpu-share-jp", "gpu-share-jp-again")
        .replace("value = 1,", "value = 2,");
    let text = format!("{METRICS}\n{other}");
    let sandbox = ledger(&[("evidence/metrics.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        // At the second value, with the first value as a label.
        vec![expect(
            "K0306",
            "evidence/metrics.toml",
            &text,
            "{ value = 2"
        )]
    );
    insta::assert_snapshot!(human(&sandbox, 1));

    let related = other.replace(
        "value = { value = 2",
        "restates = \"gpu-share-jp\"\nvalue = { value = 2",
    );
    let sandbox = ledger(&[("evidence/metrics.toml", &format!("{METRICS}\n{related}"))]);
    assert_eq!(found(&sandbox, 0), vec![]);
}

#[test]
fn budgets_conflict_only_with_the_same_basis_and_neither_a_line_of_another() {
    let budget = |id: &str, amount: u32, extra: &str| {
        format!(
            "[[budget]]\nid = \"{id}\"\nfiscal_year = 2025\nentity = \"JP\"\naxes = [\"policy\"]\n\
             sources = [\"cao-plan\"]\ntitle = \"AI budget\"\nmetric = \"government_ai_budget\"\n\
             amount = {{ value = {amount}, unit = \"億円\" }}\nbasis = \"annual\"\n{extra}\n"
        )
    };
    let first = budget("first", 1969, "");
    let text = format!("{first}\n{}", budget("second", 2000, ""));
    let sandbox = ledger(&[("evidence/money.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0306",
            "evidence/money.toml",
            &text,
            "{ value = 2000"
        )]
    );
    // Another basis (an addition beside the annual figure), or a line of the first budget.
    for other in [
        budget("second", 2000, "").replace("\"annual\"", "\"additional\""),
        budget("second", 2000, "part_of = \"first\""),
    ] {
        let sandbox = ledger(&[("evidence/money.toml", &format!("{first}\n{other}"))]);
        assert_eq!(found(&sandbox, 0), vec![], "{other}");
    }
}

#[test]
fn restates_and_part_of_name_existing_records() {
    let text = METRICS.replace(
        "value = { value = 1",
        "restates = \"gpu-share-us\"\nvalue = { value = 1",
    );
    let sandbox = ledger(&[("evidence/metrics.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0307",
            "evidence/metrics.toml",
            &text,
            "\"gpu-share-us\""
        )]
    );
    insta::assert_snapshot!(human(&sandbox, 1));

    // A record of another kind is named, and labelled where it is defined.
    let other = text.replace("\"gpu-share-us\"", "\"ai-basic-plan\"");
    let sandbox = ledger(&[("evidence/metrics.toml", &other)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0201",
            "evidence/metrics.toml",
            &other,
            "\"ai-basic-plan\""
        )]
    );
    let human = human(&sandbox, 1);
    assert!(
        human.contains(
            "metric `gpu-share-jp`: `restates` names the event `ai-basic-plan`, not a metric"
        ) && human.contains("defined here"),
        "{human}"
    );

    // A name that is not an id at all is reported where it is read, and only there.
    let text = text.replace("\"gpu-share-us\"", "\"gpu share us\"");
    let sandbox = ledger(&[("evidence/metrics.toml", &text)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0210",
            "evidence/metrics.toml",
            &text,
            "\"gpu share us\""
        )]
    );
}

#[test]
fn values_of_the_wrong_shape() {
    let vocabulary = VOCABULARY.replace("country = \"JP\"\n", "");
    let targets = r#"[[target]]
id = "dc-capacity"
date = 2026-04-27
entity = "JP"
axes = ["policy"]
sources = ["cao-plan"]
title = "Data-centre capacity goal"
by_year = 2030
by_fiscal_year = 2033

[budget]
id = "single-brackets"
"#;
    let metrics = METRICS.replace(
        "value = { value = 1",
        "restates = \"gpu-share-jp\"\nvalue = { value = 1",
    );
    let sandbox = ledger(&[
        ("evidence/vocabulary.toml", &vocabulary),
        ("evidence/targets.toml", targets),
        ("evidence/metrics.toml", &metrics),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect(
                "K0201",
                "evidence/metrics.toml",
                &metrics,
                "\"gpu-share-jp\"\nvalue"
            ),
            expect("K0201", "evidence/targets.toml", targets, "\"dc-capacity\""),
            expect("K0201", "evidence/targets.toml", targets, "[budget]"),
            expect("K0207", "evidence/vocabulary.toml", &vocabulary, "\"pfn\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn duplicate_ids_within_a_claim() {
    let claim = CLAIM.replace(
        "[[axis]]\n",
        "[[reading]]\nid = \"plain\"\ntitle = \"Again\"\n\n[[axis]]\n",
    ) + "\n[[axis.criterion]]\nid = \"plans\"\ntitle = \"Again\"\nmeasure = \"count\"\ngoalposts = { world = 3, nothing = 0 }\n";
    let sandbox = ledger(&[("claims/jp-plans.toml", &claim)]);
    // The repeats are the last occurrences; the first ones are shown as labels.
    let last = |needle: &str| {
        let offset = claim.rfind(needle).expect("needle");
        let (line, column) = at(&claim[offset..], needle);
        let before = &claim[..offset];
        let base = before.matches('\n').count() as u64;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
        (
            "K0301".to_owned(),
            "claims/jp-plans.toml".to_owned(),
            base + line,
            col + column,
        )
    };
    assert_eq!(
        found(&sandbox, 1),
        vec![last("\"plain\""), last("\"plans\"")]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn empty_files_are_warnings() {
    let sandbox = ledger(&[
        ("evidence/blank.toml", "\n  \n"),
        ("evidence/notes.toml", "# records to come\n"),
    ]);
    assert_eq!(
        found(&sandbox, 0),
        vec![
            ("K0103".to_owned(), "evidence/blank.toml".to_owned(), 1, 1),
            ("K0103".to_owned(), "evidence/notes.toml".to_owned(), 1, 1),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 0));
}

#[test]
fn non_utf8_files_are_errors_and_still_checked() {
    let sandbox = ledger(&[]);
    // A Latin-1 "é" in a title, and an unknown entity: the rest of the file is still checked.
    let text = EVENTS.replace("entity = \"JP\"", "entity = \"JPN\"");
    let title = text.find("AI Basic").expect("title");
    let mut bytes = text.into_bytes();
    bytes.insert(title, 0xE9);
    std::fs::write(sandbox.path().join("evidence/events.toml"), &bytes).expect("write");
    let decoded = String::from_utf8_lossy(&bytes).into_owned();
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0303", "evidence/events.toml", &decoded, "\"JPN\""),
            expect("K0102", "evidence/events.toml", &decoded, "\u{FFFD}"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn malformed_urls_say_what_is_wrong() {
    let sources = format!(
        "{}\n{}\n{}",
        SOURCES.replace("https://www8.cao.go.jp", "www8.cao.go.jp"),
        SOURCES
            .replace("cao-plan", "spaced")
            .replace("cstp/ai", "cstp /ai"),
        SOURCES
            .replace("cao-plan", "hostless")
            .replace("www8.cao.go.jp", ""),
    );
    let events = format!(
        "{EVENTS}\n{}",
        EVENTS
            .replace("ai-basic-plan", "second")
            .replace("[\"cao-plan\"]", "[\"spaced\", \"hostless\"]")
    );
    let sandbox = ledger(&[
        ("evidence/sources.toml", &sources),
        ("evidence/events.toml", &events),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0204", "evidence/sources.toml", &sources, "\"www8"),
            expect(
                "K0204",
                "evidence/sources.toml",
                &sources,
                "\"https://www8.cao.go.jp/cstp /ai"
            ),
            expect("K0204", "evidence/sources.toml", &sources, "\"https:///"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn records_after_a_claims_as_of_date_are_warnings() {
    let text = format!(
        "{EVENTS}\n{}",
        EVENTS
            .replace("ai-basic-plan", "later-plan")
            .replace("date = 2025-12-23", "date = 2026-06-01")
    );
    let second = CLAIM
        .replace("jp-plans", "jp-plans-early")
        .replace("as_of = 2026-05-01", "as_of = 2026-01-31")
        .replace("to = 2026-04-30", "to = 2026-01-31");
    let sandbox = ledger(&[
        ("evidence/events.toml", &text),
        ("claims/jp-plans-early.toml", &second),
    ]);
    // One warning per record, naming every claim that leaves it out.
    assert_eq!(
        found(&sandbox, 0),
        vec![expect("K0401", "evidence/events.toml", &text, "2026-06-01")]
    );
    insta::assert_snapshot!(human(&sandbox, 0));
}

/// Metrics for the claim tests: a share and a rank.
const CLAIM_METRICS: &str = r#"[[metric]]
id = "gpu-share-jp"
period = "2025"
entity = "JP"
axes = ["policy"]
sources = ["cao-plan"]
title = "Japan's share of the world's GPUs"
metric = "gpu_share"
value = { value = 1, unit = "%" }

[[metric]]
id = "research-rank-jp"
period = "2025"
entity = "JP"
axes = ["policy"]
sources = ["cao-plan"]
title = "Japan's rank in AI research"
metric = "ai_research_rank"
value = { value = 10, unit = "rank" }
"#;

/// Appends criteria to the base claim's axis.
fn claim_with(criteria: &str) -> String {
    format!("{CLAIM}\n{criteria}")
}

#[test]
fn claims_name_unknown_axes_metrics_and_measures() {
    let claim = claim_with(
        r#"[[axis.criterion]]
id = "gpu"
title = "GPU share"
measure = "share"
metric = "gpu_shares"
goalposts = { world = 20, nothing = 0.5 }

[[axis.criterion]]
id = "size"
title = "Size"
measure = "size"
goalposts = { world = 1, nothing = 0 }

[[axis]]
id = "compute"
weight = 1

[[axis.criterion]]
id = "more-plans"
title = "Plans again"
measure = "count"
goalposts = { world = 3, nothing = 0 }
"#,
    );
    let sandbox = ledger(&[
        ("evidence/metrics.toml", CLAIM_METRICS),
        ("claims/jp-plans.toml", &claim),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0502", "claims/jp-plans.toml", &claim, "\"gpu\""),
            expect("K0209", "claims/jp-plans.toml", &claim, "\"size\"\ngoal"),
            expect("K0304", "claims/jp-plans.toml", &claim, "\"compute\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

/// Entities are named outside records too: by an entity's `country`, a claim's subject, a
/// criterion's filter, entity and peers. Each unknown one is an error where it is named; a
/// record a criterion selects must exist too.
#[test]
fn entities_and_claims_name_unknown_entities_and_records() {
    let vocabulary = VOCABULARY.replace("country = \"JP\"", "country = \"JPN\"");
    let claim = claim_with(
        r#"[[axis.criterion]]
id = "us-plans"
title = "US plans"
measure = "count"
kinds = ["event"]
entity = "USA"
goalposts = { world = 3, nothing = 0 }

[[axis.criterion]]
id = "rank"
title = "Research rank"
measure = "rank"
metric = "ai_research_rank"
entity = "JP"
peers = ["US", "CN"]
goalposts = { world = 1, nothing = 10 }

[[axis.criterion]]
id = "gpu"
title = "GPU share"
measure = "value"
metric = "gpu_share"
record = "gpu-share-jpn"
goalposts = { world = 20, nothing = 0 }
"#,
    )
    .replace("subject = \"JP\"", "subject = \"JPX\"");
    let sandbox = ledger(&[
        ("evidence/vocabulary.toml", &vocabulary),
        ("evidence/metrics.toml", CLAIM_METRICS),
        ("claims/jp-plans.toml", &claim),
    ]);
    let claims = "claims/jp-plans.toml";
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0303", "evidence/vocabulary.toml", &vocabulary, "\"JPN\""),
            // A claim's and a criterion's names are placed at their id.
            expect("K0303", claims, &claim, "\"jp-plans\""),
            expect("K0303", claims, &claim, "\"us-plans\""),
            expect("K0303", claims, &claim, "\"rank\""),
            expect("K0307", claims, &claim, "\"gpu\""),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn metrics_no_record_states_yet_are_warnings() {
    // Not a near miss of a stated metric: the evidence is simply not in the ledger yet.
    let claim = claim_with(
        r#"[[axis.criterion]]
id = "patents"
title = "AI patent filings"
measure = "value"
metric = "ai_patent_filings"
goalposts = { world = 100000, nothing = 1000 }
"#,
    );
    let sandbox = ledger(&[
        ("evidence/metrics.toml", CLAIM_METRICS),
        ("claims/jp-plans.toml", &claim),
    ]);
    assert_eq!(
        found(&sandbox, 0),
        vec![expect(
            "K0506",
            "claims/jp-plans.toml",
            &claim,
            "\"patents\""
        )]
    );
    insta::assert_snapshot!(human(&sandbox, 0));
}

#[test]
fn goalposts_that_are_equal_or_point_the_wrong_way() {
    let claim = claim_with(
        r#"[[axis.criterion]]
id = "gpu"
title = "GPU share"
measure = "share"
metric = "gpu_share"
goalposts = { world = 0.5, nothing = 20 }

[[axis.criterion]]
id = "rank"
title = "Research rank: lower is better, so world below nothing is right"
measure = "rank"
metric = "ai_research_rank"
goalposts = { world = 1, nothing = 30 }

[[axis.criterion]]
id = "rank-inverted"
title = "Research rank with the goalposts swapped"
measure = "rank"
metric = "ai_research_rank"
goalposts = { world = 30, nothing = 1 }

[[axis.criterion]]
id = "rank-value"
title = "A rank read as a value is still a rank"
measure = "value"
metric = "ai_research_rank"
goalposts = { world = 30, nothing = 1 }

[[axis.criterion]]
id = "flat"
title = "Equal goalposts"
measure = "count"
goalposts = { world = 2, nothing = 2 }
"#,
    )
    .replace(
        "title = \"At least a few plans\"\n",
        "title = \"At least a few plans\"\n\n[reading.goalposts]\nrank = { world = 40, nothing = 5 }\n",
    );
    let sandbox = ledger(&[
        ("evidence/metrics.toml", CLAIM_METRICS),
        ("claims/jp-plans.toml", &claim),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0503", "claims/jp-plans.toml", &claim, "{ world = 40"),
            expect("K0503", "claims/jp-plans.toml", &claim, "{ world = 0.5"),
            expect("K0503", "claims/jp-plans.toml", &claim, "{ world = 30"),
            expect("K0503", "claims/jp-plans.toml", &claim, "\"rank-value\""),
            expect("K0503", "claims/jp-plans.toml", &claim, "{ world = 2"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn weights_negative_or_all_zero() {
    let claim = CLAIM
        .replace("weight = 1\n", "weight = 0\n")
        .replace(
            "goalposts = { world = 3, nothing = 0 }\n",
            "weight = -1\ngoalposts = { world = 3, nothing = 0 }\n",
        )
        .replace(
            "title = \"At least a few plans\"\n",
            "title = \"At least a few plans\"\nweight = 0\n",
        );
    let sandbox = ledger(&[("claims/jp-plans.toml", &claim)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0504", "claims/jp-plans.toml", &claim, "\"plain\""),
            expect("K0504", "claims/jp-plans.toml", &claim, "-1"),
        ]
    );
    insta::assert_snapshot!("negative_weight", human(&sandbox, 1));

    // With the negative weight gone, the zero axis weight is the problem.
    let claim = claim.replace("weight = -1\n", "").replace(
        "title = \"At least a few plans\"\nweight = 0\n",
        "title = \"At least a few plans\"\n",
    );
    let sandbox = ledger(&[("claims/jp-plans.toml", &claim)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect(
            "K0504",
            "claims/jp-plans.toml",
            &claim,
            "\"jp-plans\""
        )]
    );
    insta::assert_snapshot!("zero_axis_weights", human(&sandbox, 1));
}

#[test]
fn readings_that_name_unknown_criteria() {
    let claim = CLAIM.replace(
        "title = \"At least a few plans\"\n",
        "title = \"At least a few plans\"\n\n[reading.goalposts]\nplan = { world = 5, nothing = 0 }\n",
    );
    let sandbox = ledger(&[("claims/jp-plans.toml", &claim)]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect("K0505", "claims/jp-plans.toml", &claim, "plan =")]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

#[test]
fn measure_parameters_that_do_not_apply_or_are_missing() {
    let claim = claim_with(
        r#"[[axis.criterion]]
id = "growth"
title = "Growth without its periods"
measure = "growth"
metric = "gpu_share"
peers = ["US"]
goalposts = { world = 2, nothing = 1 }
"#,
    );
    let sandbox = ledger(&[
        ("evidence/metrics.toml", CLAIM_METRICS),
        ("claims/jp-plans.toml", &claim),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![
            expect("K0501", "claims/jp-plans.toml", &claim, "\"growth\""),
            expect("K0501", "claims/jp-plans.toml", &claim, "\"growth\""),
            expect("K0501", "claims/jp-plans.toml", &claim, "[\"US\"]"),
        ]
    );
    insta::assert_snapshot!(human(&sandbox, 1));
}

/// A ledger with several kinds of error at once, for the four formats. One file's name
/// holds a comma and a message holds `%`, which GitHub commands must escape.
fn several_errors() -> Sandbox {
    let events = format!(
        "{}\n{}\n{}",
        EVENTS.replace("axes = [\"policy\"]", "axes = [\"polcy\"]"),
        EVENTS
            .replace("ai-basic-plan", "second-plan")
            .replace("2025-12-23", "2026-02-30"),
        EVENTS.replace("type = \"plan\"", "type = \"plan\"\nvenue: \"Diet\""),
    );
    let sources = format!(
        "{SOURCES}\n{}",
        SOURCES.replace("cao-plan", "spare").replace("https://", "")
    );
    let metrics = METRICS.replace("value = 1,", "value = 120,");
    ledger(&[
        ("evidence/events.toml", &events),
        ("evidence/sources.toml", &sources),
        ("evidence/shares, 2025.toml", &metrics),
    ])
}

#[test]
fn several_errors_in_every_format() {
    let sandbox = several_errors();
    let human = sandbox.run(&["check"]).code(1).stdout;
    let short = sandbox.run(&["check", "--format", "short"]).code(1).stdout;
    let json = sandbox.run(&["check", "--format", "json"]).code(1).stdout;
    let github = sandbox.run(&["check", "--format", "github"]).code(1).stdout;
    for text in [&human, &short, &json, &github] {
        assert!(
            !text.contains(&sandbox.path().display().to_string()),
            "{text}"
        );
    }
    assert!(human.ends_with("5 errors, 1 warning\n"), "{human}");
    assert!(short.ends_with("5 errors, 1 warning\n"), "{short}");
    assert!(github.ends_with("5 errors, 1 warning\n"), "{github}");
    assert!(
        github.contains("file=evidence/shares%2C 2025.toml,"),
        "{github}"
    );
    assert!(github.contains("a `%25` value"), "{github}");
    insta::assert_snapshot!("several_errors_human", human);
    insta::assert_snapshot!("several_errors_short", short);
    insta::assert_snapshot!("several_errors_json", json);
    insta::assert_snapshot!("several_errors_github", github);
}

#[test]
fn diagnostics_are_sorted_by_file_then_line() {
    let found = found(&several_errors(), 1);
    let files = [
        "evidence/events.toml",
        "evidence/shares, 2025.toml",
        "evidence/sources.toml",
    ];
    let order = |f: &Found| {
        (
            files.iter().position(|x| *x == f.1).unwrap_or(usize::MAX),
            f.2,
            f.3,
        )
    };
    let mut sorted = found.clone();
    sorted.sort_by_key(order);
    assert_eq!(found, sorted);
    assert_eq!(found.len(), 6);
}

#[test]
fn a_missing_ledger_folder_is_a_usage_error() {
    let out = Sandbox::empty()
        .run(&["check", "--ledger", "nowhere"])
        .code(2);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(crate::harness::root().join("docs/diagnostics.md"))
        .expect("docs/diagnostics.md");
    for code in kensho::diagnostic::Code::ALL {
        let row = format!("| `{}` |", code.as_str());
        assert!(
            docs.contains(&row),
            "docs/diagnostics.md has no row for {row}"
        );
    }
}

#[test]
fn problems_deep_in_a_large_file_are_located_in_the_file() {
    // Large enough to be parsed in several pieces; the problems are in the last one.
    let mut text = String::new();
    for i in 0..6000 {
        text.push_str(&EVENTS.replace("\"ai-basic-plan\"", &format!("\"plan-{i}\"")));
        text.push('\n');
    }
    text.push_str(
        &EVENTS
            .replace("\"ai-basic-plan\"", "\"late-partner\"")
            .replace("type = ", "partners = [\"nobody-corp\"]\ntype = "),
    );
    text.push_str(
        &EVENTS
            .replace("\"ai-basic-plan\"", "\"late-typo\"")
            .replace("title = ", "titel = "),
    );
    assert!(text.len() > 3 * 256 * 1024, "{} bytes", text.len());
    let sandbox = ledger(&[("evidence/events.toml", &text)]);
    let mut expected = vec![
        expect("K0303", "evidence/events.toml", &text, "\"nobody-corp\""),
        expect("K0205", "evidence/events.toml", &text, "titel"),
    ];
    expected.sort_by_key(|f| (f.2, f.3));
    assert_eq!(found(&sandbox, 1), expected);
}

#[test]
fn a_record_left_out_still_counts_as_cited_and_as_named() {
    // The first metric's period is the wrong type, so it is left out; the second restates
    // it. Only the wrong type is reported: not an uncited source, not a dangling reference.
    let text = format!(
        "{}\n{}",
        METRICS.replace("period = \"2025\"", "period = 2025"),
        METRICS
            .replace("\"gpu-share-jp\"", "\"gpu-share-jp-revised\"")
            .replace(
                "value = { value = 1",
                "restates = \"gpu-share-jp\"\nvalue = { value = 1"
            ),
    );
    let sources = format!(
        "{SOURCES}\n{}",
        SOURCES
            .replace("\"cao-plan\"", "\"only-broken\"")
            .replace("AI Basic Plan", "Cited by the broken record only"),
    );
    let text = text.replacen("sources = [\"cao-plan\"]", "sources = [\"only-broken\"]", 1);
    let sandbox = ledger(&[
        ("evidence/metrics.toml", &text),
        ("evidence/sources.toml", &sources),
    ]);
    assert_eq!(
        found(&sandbox, 1),
        vec![expect("K0206", "evidence/metrics.toml", &text, "2025\n")]
    );
}

#[test]
fn restates_and_part_of_cycles_of_any_length_are_errors() {
    let metric = |id: &str, restates: &str| {
        format!(
            "[[metric]]\nid = \"{id}\"\nperiod = \"2024\"\nentity = \"JP\"\naxes = [\"research\"]\nsources = [\"airankings\"]\ntitle = \"{id}\"\nmetric = \"cycle_{id}\"\nvalue = {{ value = 1, unit = \"count\" }}\nrestates = \"{restates}\"\n\n"
        )
    };
    let sandbox = Sandbox::shipped();
    let text = [
        metric("two-a", "two-b"),
        metric("two-b", "two-a"),
        metric("three-a", "three-b"),
        metric("three-b", "three-c"),
        metric("three-c", "three-a"),
        // Pointing into a circle without being in it is no circle of its own.
        metric("tail", "three-a"),
        // Met first from its tail, then from its largest id: still named from its smallest,
        // once.
        metric("four-tail", "four-c"),
        metric("four-c", "four-a"),
        metric("four-b", "four-c"),
        metric("four-a", "four-b"),
    ]
    .concat();
    sandbox.write("evidence/cycles.toml", &text);
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    let circles: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("goes round in a circle"))
        .collect();
    assert_eq!(
        circles,
        [
            "evidence/cycles.toml:2:6: error[K0201]: `restates` goes round in a circle: `two-a`, `two-b`",
            "evidence/cycles.toml:24:6: error[K0201]: `restates` goes round in a circle: `three-a`, `three-b`, `three-c`",
            "evidence/cycles.toml:101:6: error[K0201]: `restates` goes round in a circle: `four-a`, `four-b`, `four-c`",
        ],
        "{}",
        out.stdout
    );
}
