//! `kensho explain`: the arithmetic behind every criterion, in every format.

use crate::harness::Sandbox;

#[test]
fn explain_as_text() {
    let out = Sandbox::shipped().run(&["explain"]).code(0);
    assert!(
        out.stdout
            .contains("value      0.93 USD bn (JP) / 109.08 USD bn (US) = 0.008526"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("→ Half True"), "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explain_as_markdown() {
    let out = Sandbox::shipped()
        .run(&["explain", "--format", "markdown"])
        .code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explain_as_json_lets_a_reader_recompute_every_score() {
    let out = Sandbox::shipped()
        .run(&["explain", "--format", "json"])
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    // Recompute each sub-score from the goalposts shown, then each axis, reading and the
    // headline from the terms shown, and compare with what kensho printed.
    for c in doc["criteria"].as_array().expect("criteria") {
        let value = c["value"].as_f64();
        for s in c["steps"].as_array().expect("steps") {
            let (v, w, n) = (
                value.expect("a value"),
                s["world"].as_f64().expect("world"),
                s["nothing"].as_f64().expect("nothing"),
            );
            let position = match s["scale"].as_str() {
                Some("log") => (v / n).ln() / (w / n).ln(),
                _ => (v - n) / (w - n),
            };
            let score = position.clamp(0.0, 1.0) * s["discount"].as_f64().expect("discount");
            assert!(
                (score - s["score"].as_f64().expect("score")).abs() < 1e-9,
                "{c}"
            );
        }
    }
    let mean = |combination: &serde_json::Value| {
        let terms = combination["terms"].as_array().expect("terms");
        let (mut top, mut bottom) = (0.0, 0.0);
        for t in terms {
            if let Some(s) = t["score"].as_f64() {
                top += t["weight"].as_f64().expect("weight") * s;
                bottom += t["weight"].as_f64().expect("weight");
            }
        }
        top / bottom
    };
    for combination in doc["axes"]
        .as_array()
        .expect("axes")
        .iter()
        .chain(doc["readings"].as_array().expect("readings"))
        .chain([&doc["headline"]])
    {
        let shown = combination["score"].as_f64().expect("score");
        assert!((mean(combination) - shown).abs() < 1e-9, "{combination}");
    }
    assert_eq!(doc["label"], "Half True");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explain_can_focus_on_one_criterion() {
    let out = Sandbox::shipped()
        .run(&["explain", "--criterion", "budget-growth"])
        .code(0);
    insta::assert_snapshot!(out.stdout);
    let bad = Sandbox::shipped()
        .run(&["explain", "--axis", "chips"])
        .code(2);
    assert_eq!(
        bad.stderr,
        "error: claim `japan-ai-world-level-2026-04` has no axis `chips`\n"
    );
}

#[test]
fn explain_lists_records_left_out_after_the_as_of_date() {
    let sandbox = Sandbox::shipped();
    sandbox.write(
        "evidence/late.toml",
        r#"
[[deployment]]
id = "late-robot"
date = 2026-05-20
entity = "toyota"
axes = ["deployment"]
sources = ["toyota-frontier-potaro"]
title = "A robot deployed after the claim's as-of date"
system = "Late"
domain = "robotics"
stage = "production"
"#,
    );
    let out = sandbox
        .run(&["explain", "--criterion", "field-deployments"])
        .code(0);
    assert!(
        out.stdout
            .contains("left out   `late-robot`: known 2026-05-20, after the as-of date 2026-05-01"),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_says_a_fiscal_year_runs_past_a_one_month_window() {
    let sandbox = Sandbox::shipped();
    let claim = "claims/japan-ai-world-level-2026-04.toml";
    let text = sandbox.read(claim);
    // Count the budgets that bear on investment, as well as the investments, in April 2026.
    let from = "measure = \"sum\"\nkinds = [\"investment\"]\n";
    assert_eq!(text.matches(from).count(), 1);
    sandbox.write(
        claim,
        &text.replace(
            from,
            "measure = \"sum\"\nkinds = [\"investment\", \"budget\"]\n",
        ),
    );
    let out = sandbox
        .run(&["explain", "--criterion", "inbound-investment"])
        .code(0);
    let left: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("left out"))
        .collect();
    assert_eq!(
        left,
        [
            // In the canonical order: known date, then id.
            "left out   `budget-ai-fy2025`: outside 2026-04-01 to 2026-04-30",
            "left out   `pfn-cumulative-funding-2025-04`: open-start period, cannot be placed in the window",
            "left out   `sakana-series-b-2025-11`: outside 2026-04-01 to 2026-04-30",
            "left out   `budget-ai-development-fy2026`: runs to 2027-03-31, not wholly inside 2026-04-01 to 2026-04-30",
            "left out   `budget-ai-fy2026`: runs to 2027-03-31, not wholly inside 2026-04-01 to 2026-04-30",
        ]
    );
    let doc: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&[
                "explain",
                "--criterion",
                "inbound-investment",
                "--format",
                "json",
            ])
            .code(0)
            .stdout,
    )
    .expect("JSON");
    let fy2026 = &doc["criteria"][0]["left_out"][4];
    assert_eq!(fy2026["id"], "budget-ai-fy2026");
    assert_eq!(fy2026["reason"], "runs_past_window");
    assert_eq!(fy2026["last"], "2027-03-31");
    assert_eq!(fy2026["until"], "2026-04-30");
}
