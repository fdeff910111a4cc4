//! Claims people state: thresholds, figures with units, selection among competing records,
//! sums in one currency with exchange rates, and one fact counted once. Each case asserts the
//! label and the score that the evidence supports.

use crate::harness::Sandbox;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A one-criterion claim about Japan in April 2026, with `criterion` as its only criterion.
fn claim(id: &str, axis: &str, criterion: &str) -> String {
    format!(
        r#"id = "{id}"
text = "{id}"
subject = "JP"
as_of = 2026-05-01
window = {{ from = 2026-04-01, to = 2026-04-30 }}

[[reading]]
id = "literal"
title = "As stated"

[[axis]]
id = "{axis}"
weight = 1

[[axis.criterion]]
id = "c"
title = "c"
{criterion}
"#
    )
}

/// The headline label and score, and the criterion's value, of `claim` graded in `sandbox`.
fn grade(sandbox: &Sandbox, claim: &str) -> (String, f64, serde_json::Value) {
    let doc = json(
        &sandbox
            .run(&["verify", claim, "--format", "json"])
            .code(0)
            .stdout,
    );
    let label = doc["verdict"]["label"].as_str().unwrap_or("").to_owned();
    let score = doc["verdict"]["score"].as_f64().unwrap_or(f64::NAN);
    let criterion = doc["axes"][0]["criteria"][0].clone();
    (label, score, criterion)
}

const USD_INVESTMENT: &str = r#"
[[investment]]
id = "usd-investment-2026-04"
date = 2026-04-20
entity = "JP"
investor = "microsoft"
axes = ["investment"]
sources = ["microsoft-japan-commitment"]
title = "A dollar investment in April"
amount = { value = 5, unit = "USD bn" }
basis = "new"
"#;

const RATE: &str = r#"
[[metric]]
id = "usd-jpy-2026-04"
date = 2026-04-30
entity = "JP"
axes = ["investment"]
sources = ["microsoft-japan-commitment"]
title = "Yen per dollar at the end of April"
metric = "usd_jpy"
value = { value = 150, unit = "JPY/USD" }
"#;

#[test]
fn a_threshold_on_a_selected_record_is_met_or_not() {
    let sandbox = Sandbox::shipped();
    for (threshold, label, score) in [
        ("> 2兆円", "True", 1.0),
        ("> 3兆円", "False", 0.0),
        ("> 2.354兆円", "False", 0.0),
        (">= 2.354兆円", "True", 1.0),
        (">= 23540億円", "True", 1.0),
    ] {
        let text = claim(
            "support",
            "compute",
            &format!(
                "measure = \"value\"\nmetric = \"rapidus_support\"\nbasis = \"cumulative\"\nthreshold = \"{threshold}\""
            ),
        );
        sandbox.write("claims/support.toml", &text);
        let (got, s, criterion) = grade(&sandbox, "support");
        assert_eq!((got.as_str(), s), (label, score), "{threshold}");
        assert_eq!(
            criterion["records"],
            serde_json::json!(["rapidus-support-cumulative-2026-04-11"])
        );
    }
}

#[test]
fn competing_records_are_an_ambiguity_until_the_claim_selects_one() {
    let sandbox = Sandbox::shipped();
    let text = claim(
        "support",
        "compute",
        "measure = \"value\"\nmetric = \"rapidus_support\"\nthreshold = \"> 2兆円\"",
    );
    sandbox.write("claims/support.toml", &text);
    let check = sandbox.run(&["check", "--format", "short"]).code(1);
    assert!(check.stdout.contains("K0507"), "{}", check.stdout);
    for id in [
        "rapidus-support-additional-2026-04-11",
        "rapidus-support-cumulative-2026-04-11",
    ] {
        assert!(check.stdout.contains(id), "{}", check.stdout);
    }
    sandbox.run(&["verify", "support"]).code(1);
    // Selecting by record, or by basis, settles it either way.
    for (select, label) in [
        (
            "record = \"rapidus-support-additional-2026-04-11\"",
            "False",
        ),
        ("basis = \"additional\"", "False"),
        ("record = \"rapidus-support-cumulative-2026-04-11\"", "True"),
    ] {
        let text = claim(
            "support",
            "compute",
            &format!(
                "measure = \"value\"\nmetric = \"rapidus_support\"\n{select}\nthreshold = \"> 2兆円\""
            ),
        );
        sandbox.write("claims/support.toml", &text);
        assert_eq!(grade(&sandbox, "support").0, label, "{select}");
    }
}

#[test]
fn goalposts_in_units_grade_as_their_base_values() {
    let sandbox = Sandbox::shipped();
    let mut scores = Vec::new();
    for goalposts in [
        "{ world = 10e12, nothing = 0 }",
        "{ world = \"10兆円\", nothing = 0 }",
        "{ world = \"100000億円\", nothing = \"0 JPY\" }",
    ] {
        let text = claim(
            "inbound",
            "investment",
            &format!(
                "measure = \"sum\"\nkinds = [\"investment\"]\naxis = \"investment\"\ngoalposts = {goalposts}"
            ),
        );
        sandbox.write("claims/inbound.toml", &text);
        let (_, score, criterion) = grade(&sandbox, "inbound");
        assert_eq!(criterion["value"], 1.6e12);
        scores.push(score);
    }
    assert_eq!(scores, vec![0.16, 0.16, 0.16]);
}

#[test]
fn a_figure_of_another_dimension_is_a_located_error() {
    let sandbox = Sandbox::shipped();
    for (criterion, line, message) in [
        (
            "measure = \"sum\"\nthreshold = \">= 5%\"",
            19,
            "figures in percentages cannot grade measure `sum`, whose values are an amount of money",
        ),
        (
            "measure = \"growth\"\nmetric = \"government_ai_budget\"\nfrom = \"FY2025\"\nto = \"FY2026\"\ngoalposts = { world = \"2兆円\", nothing = 1 }",
            22,
            "figures in yen cannot grade measure `growth`, whose values are plain ratios (unit `factor`)",
        ),
        (
            "measure = \"count\"\ngoalposts = { world = 3, nothing = 0 }\nthreshold = \">= 3\"",
            19,
            "has both `goalposts` and `threshold`",
        ),
        (
            "measure = \"value\"\nmetric = \"gpu_share\"\nthreshold = \">= 2兆円\"",
            16,
            "its figures are in yen, but metric `gpu_share` is stated in percentages",
        ),
    ] {
        sandbox.write("claims/bad.toml", &claim("bad", "compute", criterion));
        let out = sandbox.run(&["check", "--format", "short"]).code(1);
        let expected = format!("claims/bad.toml:{line}:");
        let hit = out
            .stdout
            .lines()
            .find(|l| l.contains(message))
            .unwrap_or_else(|| panic!("no `{message}` in\n{}", out.stdout));
        assert!(hit.starts_with(&expected), "{hit}");
        assert!(hit.contains("K0503"), "{hit}");
    }
}

#[test]
fn a_dollar_amount_is_left_out_without_a_rate_and_converted_with_one() {
    let sandbox = Sandbox::shipped();
    sandbox.write("evidence/extra.toml", USD_INVESTMENT);
    let text = claim(
        "inbound",
        "investment",
        "measure = \"sum\"\nkinds = [\"investment\"]\ngoalposts = { world = \"10兆円\", nothing = 0 }",
    );
    sandbox.write("claims/inbound.toml", &text);
    let (_, score, criterion) = grade(&sandbox, "inbound");
    assert_eq!(criterion["value"], 1.6e12, "the yen total alone");
    assert_eq!(score, 0.16);
    assert_eq!(
        criterion["arithmetic"]["skipped"],
        serde_json::json!(["usd-investment-2026-04"])
    );
    let explain = sandbox.run(&["explain", "inbound"]).code(0).stdout;
    assert!(
        explain.contains("skipped, other currency: usd-investment-2026-04"),
        "{explain}"
    );

    sandbox.write("evidence/rate.toml", RATE);
    let (_, score, criterion) = grade(&sandbox, "inbound");
    // 1.6兆円 + 5 USD bn × 150 JPY/USD = 2.35兆円.
    assert_eq!(criterion["value"], 2.35e12);
    assert!((score - 0.235).abs() < 1e-12, "{score}");
    assert!(
        criterion["records"]
            .as_array()
            .is_some_and(|r| r.iter().any(|id| id == "usd-jpy-2026-04")),
        "the rate is footnoted: {}",
        criterion["records"]
    );
    let explain = sandbox.run(&["explain", "inbound"]).code(0).stdout;
    assert!(
        explain.contains("5 USD bn × 150 JPY/USD (`usd-jpy-2026-04`)"),
        "{explain}"
    );

    // Goalposts in dollars total in dollars: the yen amount converts the other way, and
    // Microsoft's own dollar equivalent is used as stated.
    let text = claim(
        "inbound",
        "investment",
        "measure = \"sum\"\nkinds = [\"investment\"]\nthreshold = \">= 15 USD bn\"",
    );
    sandbox.write("claims/inbound.toml", &text);
    let (label, _, criterion) = grade(&sandbox, "inbound");
    assert_eq!(criterion["value"], 15e9);
    assert_eq!(criterion["dimension"], "dollars");
    assert_eq!(label, "True");
}

#[test]
fn the_shipped_claim_does_not_depend_on_the_name_of_a_file_holding_a_dollar_amount() {
    let outputs: Vec<String> = ["a-extra.toml", "z-extra.toml"]
        .iter()
        .map(|name| {
            let sandbox = Sandbox::shipped();
            sandbox.write(&format!("evidence/{name}"), USD_INVESTMENT);
            sandbox.run(&["verify", "--format", "json"]).code(0).stdout
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
    let doc = json(&outputs[0]);
    // Still yen goalposts against a yen total: the dollar amount is left out, not added.
    assert_eq!(
        doc["verdict"]["score"],
        json(
            &Sandbox::shipped()
                .run(&["verify", "--format", "json"])
                .code(0)
                .stdout
        )["verdict"]["score"]
    );
}

#[test]
fn a_budget_line_and_its_whole_count_once() {
    let sandbox = Sandbox::shipped();
    let text = claim(
        "budget",
        "policy",
        "measure = \"count\"\nkinds = [\"budget\"]\ncumulative = true\ngoalposts = { world = 10, nothing = 0 }",
    );
    sandbox.write("claims/budget.toml", &text);
    let (_, _, criterion) = grade(&sandbox, "budget");
    let counted: Vec<&str> = criterion["arithmetic"]["counted"]
        .as_array()
        .map(|c| c.iter().filter_map(|x| x["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(counted.contains(&"budget-ai-fy2026"), "{counted:?}");
    let line = sandbox.read("evidence/money.toml");
    let part = line
        .split("[[budget]]")
        .find(|t| t.contains("part_of = \"budget-ai-fy2026\""))
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("id = ")))
        .map(|id| id.trim_matches('"').to_owned())
        .expect("a budget line part_of the FY2026 budget");
    assert!(
        !counted.contains(&part.as_str()),
        "`{part}` is part of a counted budget: {counted:?}"
    );
}

#[test]
fn investments_are_read_by_value_and_filtered_by_investor_and_axes() {
    let sandbox = Sandbox::shipped();
    let text = claim(
        "ms",
        "investment",
        "measure = \"value\"\ninvestor = \"microsoft\"\nthreshold = \">= 1.6兆円\"",
    );
    sandbox.write("claims/ms.toml", &text);
    let (label, _, criterion) = grade(&sandbox, "ms");
    assert_eq!(label, "True");
    assert_eq!(
        criterion["records"],
        serde_json::json!(["microsoft-japan-2026-04-03"])
    );

    let text = claim(
        "ms",
        "investment",
        "measure = \"count\"\ninvestor = \"microsoft\"\naxes = [\"oss\", \"compute\"]\ncumulative = true\nthreshold = \">= 1\"",
    );
    sandbox.write("claims/ms.toml", &text);
    let (label, _, criterion) = grade(&sandbox, "ms");
    assert_eq!(label, "True");
    assert_eq!(criterion["value"], 1.0);
}

#[test]
fn an_approximate_rank_settles_top_five_but_is_too_close_for_top_ten() {
    let sandbox = Sandbox::shipped();
    let doc = json(
        &sandbox
            .run(&[
                "verify",
                "japan-top-five-ai-research-nation",
                "--format",
                "json",
            ])
            .code(0)
            .stdout,
    );
    assert_eq!(doc["verdict"]["label"], "Mostly False");
    assert_eq!(doc["verdict"]["score"], 0.25);
    let criteria = &doc["axes"][0]["criteria"];
    assert_eq!(
        criteria[0]["threshold"]["passes"], "no",
        "10 ± 1 is never 5 or better"
    );
    assert_eq!(
        criteria[1]["threshold"]["passes"], "too_close",
        "10 ± 1 straddles 10"
    );
    assert_eq!(criteria[1]["uncertainty"], 1.0);
    assert_eq!(criteria[1]["scores"]["literal"], 0.5);
    let explain = sandbox
        .run(&["explain", "japan-top-five-ai-research-nation"])
        .code(0)
        .stdout;
    assert!(
        explain.contains("threshold: about 10 ± 1 <= 10: too close to call"),
        "{explain}"
    );
    // The draws put the rank anywhere from 9 to 11: top ten met (0.5, Half True) or not
    // (0, False), and never the headline's halfway 0.25.
    let labels = &doc["robustness"]["labels"];
    let half = labels["Half True"].as_u64().unwrap_or(0);
    let none = labels["False"].as_u64().unwrap_or(0);
    assert!(half > 0 && none > 0 && half + none == 1000, "{labels}");
}

#[test]
fn a_threshold_takes_no_scale() {
    let sandbox = Sandbox::shipped();
    let text = claim(
        "t",
        "research",
        "measure = \"rank\"\nmetric = \"ai_research_rank\"\nscale = \"log\"\nthreshold = \"<= 5\"",
    );
    sandbox.write("claims/t.toml", &text);
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    assert!(
        out.stdout.contains(
            "claims/t.toml:20:9: error[K0501]: criterion `c`: `scale` applies to goalposts, and this criterion has a threshold"
        ),
        "{}",
        out.stdout
    );
}
