//! `kensho verify`: the shipped verdict in every format, golden claims, claim lookup,
//! as-of, the built-in ledger, and refusal to grade a broken ledger.

use kensho::claim::MeasureKind;

use crate::harness::Sandbox;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn shipped_claim_as_a_table() {
    let out = Sandbox::shipped().run(&["verify"]).code(0);
    assert!(
        out.stdout.contains("Verdict    HALF TRUE"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn shipped_claim_as_json() {
    let out = Sandbox::shipped()
        .run(&["verify", "--format", "json"])
        .code(0);
    let doc = json(&out.stdout);
    assert_eq!(doc["verdict"]["label"], "Half True");
    assert_eq!(doc["verdict"]["claimreview_rating"], 3);
    assert_eq!(doc["axes"].as_array().map(Vec::len), Some(7));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn shipped_claim_as_markdown() {
    let out = Sandbox::shipped()
        .run(&["verify", "--format", "markdown"])
        .code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn shipped_claim_as_claimreview() {
    let out = Sandbox::shipped()
        .run(&["verify", "--format", "claimreview"])
        .code(0);
    let doc = json(&out.stdout);
    assert_eq!(doc["@type"], "ClaimReview");
    assert_eq!(doc["reviewRating"]["ratingValue"], 3);
    assert_eq!(doc["reviewRating"]["alternateName"], "Half True");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn claimreview_ratings_follow_the_verdict_and_cite_what_json_cites() {
    let sandbox = Sandbox::shipped();
    for (claim, expected) in GOLDEN {
        let review = json(
            &sandbox
                .run(&["verify", claim, "--format", "claimreview"])
                .code(0)
                .stdout,
        );
        let plain = json(&sandbox.run(&["verify", claim, "--format", "json"]).stdout);
        let rating = &review["reviewRating"];
        assert_eq!(rating["alternateName"], *expected, "{claim}");
        assert_eq!(
            rating["ratingValue"], plain["verdict"]["claimreview_rating"],
            "{claim}"
        );
        if *expected == "Not Enough Evidence" {
            // Off the 1-to-5 scale: no value, and no scale either.
            for key in ["ratingValue", "bestRating", "worstRating"] {
                assert!(rating.get(key).is_none(), "{claim}: {key}");
            }
        } else {
            assert_eq!(
                (
                    rating["worstRating"].as_u64(),
                    rating["bestRating"].as_u64()
                ),
                (Some(1), Some(5))
            );
        }
        // The citations are the verdict's numbered sources, in footnote order.
        let cited: Vec<(u64, &str)> = (review["citation"].as_array().into_iter().flatten())
            .map(|c| {
                (
                    c["position"].as_u64().unwrap_or(0),
                    c["url"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let sources: Vec<(u64, &str)> = (plain["sources"].as_array().into_iter().flatten())
            .map(|s| {
                (
                    s["footnote"].as_u64().unwrap_or(0),
                    s["url"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(cited, sources, "{claim}");
        assert_eq!(review["datePublished"], plain["claim"]["as_of"], "{claim}");
    }
}

/// Every shipped claim, with the verdict its goalposts should give.
const GOLDEN: &[(&str, &str)] = &[
    ("japan-ai-budget-more-than-doubled", "True"),
    ("japan-top-ten-ai-research-nation", "Mostly True"),
    ("japan-ai-world-level-2026-04", "Half True"),
    ("japanese-models-reach-frontier", "Mostly False"),
    ("japan-private-ai-investment-rivals-us", "False"),
    ("korea-leads-asia-in-ai-deployment", "Not Enough Evidence"),
    ("rapidus-support-above-2-trillion-yen", "True"),
    ("japan-top-five-ai-research-nation", "Mostly False"),
    ("japanese-model-near-gpt-4-1-on-jmle", "False"),
];

#[test]
fn golden_claims_give_their_expected_verdicts() {
    let sandbox = Sandbox::shipped();
    for (claim, expected) in GOLDEN {
        let out = sandbox.run(&["verify", claim, "--format", "json"]).code(0);
        assert_eq!(json(&out.stdout)["verdict"]["label"], *expected, "{claim}");
    }
    let shipped = std::fs::read_dir(sandbox.path().join("claims"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(
        shipped,
        GOLDEN.len(),
        "every shipped claim needs a golden verdict"
    );
}

#[test]
fn golden_claims_use_every_measure() {
    let sandbox = Sandbox::shipped();
    let mut measures: Vec<String> = GOLDEN
        .iter()
        .flat_map(|(claim, _)| {
            let doc = json(&sandbox.run(&["verify", claim, "--format", "json"]).stdout);
            let axes = doc["axes"].as_array().cloned().unwrap_or_default();
            axes.into_iter()
                .flat_map(|a| a["criteria"].as_array().cloned().unwrap_or_default())
                .map(|c| c["measure"].as_str().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    measures.sort();
    measures.dedup();
    let mut all: Vec<&str> = MeasureKind::ALL.iter().map(|m| m.key()).collect();
    all.sort();
    assert_eq!(measures, all);
}

#[test]
fn a_claim_can_be_named_by_path() {
    let sandbox = Sandbox::shipped();
    let out = sandbox
        .run(&[
            "verify",
            "claims/japan-ai-budget-more-than-doubled.toml",
            "--format",
            "json",
        ])
        .code(0);
    assert_eq!(
        json(&out.stdout)["claim"]["id"],
        "japan-ai-budget-more-than-doubled"
    );
}

#[test]
fn an_unknown_claim_is_a_usage_error() {
    let out = Sandbox::shipped().run(&["verify", "no-such-claim"]).code(2);
    assert_eq!(
        out.stderr,
        "error: no claim `no-such-claim`; `kensho claims` lists the claims\n"
    );
}

#[test]
fn as_of_leaves_out_later_records_and_lowers_the_score() {
    let sandbox = Sandbox::shipped();
    let now = json(&sandbox.run(&["verify", "--format", "json"]).stdout);
    let before = json(
        &sandbox
            .run(&["verify", "--format", "json", "--as-of", "2025-06-30"])
            .code(0)
            .stdout,
    );
    assert_eq!(before["claim"]["as_of"], "2025-06-30");
    let score = |d: &serde_json::Value| d["verdict"]["score"].as_f64().unwrap_or(f64::NAN);
    assert!(
        score(&before) < score(&now),
        "{} < {}",
        score(&before),
        score(&now)
    );
    let out = sandbox.run(&["verify", "--as-of", "2025-02-30"]).code(2);
    assert!(
        out.stderr.contains("`2025-02-30` is not a date"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_as_of_before_the_window_warns_on_stderr_and_leaves_stdout_alone() {
    let sandbox = Sandbox::shipped();
    // The window of the default claim starts on 2026-04-01: that day is no reason to warn.
    let on_time = sandbox
        .run(&["verify", "--format", "json", "--as-of", "2026-04-01"])
        .code(0);
    assert_eq!(on_time.stderr, "");
    let early = sandbox.run(&["verify", "--as-of", "2026-03-31"]).code(0);
    assert!(
        early
            .stdout
            .starts_with("Claim      Japan's AI reached world level"),
        "{}",
        early.stdout
    );
    assert!(!early.stdout.contains("K0402"), "{}", early.stdout);
    insta::assert_snapshot!(early.stderr);
    // Every format's stdout is still one clean document: the verdict for that day.
    let doc = sandbox
        .run(&["verify", "--format", "json", "--as-of", "2026-03-31"])
        .code(0);
    assert_eq!(json(&doc.stdout)["claim"]["as_of"], "2026-03-31");
    assert_eq!(doc.stderr, early.stderr);
    let explain = sandbox
        .run(&["explain", "--format", "json", "--as-of", "2026-03-31"])
        .code(0);
    assert_eq!(json(&explain.stdout)["as_of"], "2026-03-31");
    assert_eq!(explain.stderr, early.stderr);
    // Without `--as-of` the claim's own date serves, and it is after the window starts.
    assert_eq!(sandbox.run(&["verify"]).code(0).stderr, "");
}

#[test]
fn without_a_ledger_on_disk_the_built_in_one_serves() {
    let on_disk = Sandbox::shipped().run(&["verify"]).code(0);
    let built_in = Sandbox::empty().run(&["verify"]).code(0);
    assert_eq!(built_in.stdout, on_disk.stdout);
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let sandbox = Sandbox::shipped();
    for format in ["table", "json", "markdown", "claimreview"] {
        let a = sandbox.run(&["verify", "--format", format]).code(0);
        let b = sandbox.run(&["verify", "--format", format]).code(0);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn a_broken_ledger_is_refused_with_diagnostics() {
    let sandbox = Sandbox::shipped();
    let metrics = sandbox.read("evidence/metrics.toml");
    sandbox.write(
        "evidence/metrics.toml",
        &metrics.replacen("unit = \"USD bn\"", "unit = \"USD billions\"", 1),
    );
    let out = sandbox.run(&["verify"]).code(1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unknown unit `USD billions`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("evidence/metrics.toml:"),
        "{}",
        out.stderr
    );
}

#[test]
fn ledger_and_claims_folders_can_be_named() {
    let sandbox = Sandbox::empty();
    let shipped = Sandbox::shipped();
    let out = sandbox
        .run(&[
            "verify",
            "--ledger",
            &shipped.path().join("evidence").display().to_string(),
            "--claims",
            &shipped.path().join("claims").display().to_string(),
            "--format",
            "json",
        ])
        .code(0);
    assert_eq!(json(&out.stdout)["verdict"]["label"], "Half True");
    let missing = sandbox.run(&["verify", "--ledger", "nowhere"]).code(2);
    assert_eq!(missing.stderr, "error: no ledger folder at `nowhere`\n");
}

#[test]
fn draws_and_concentration_are_bounded_before_anything_is_drawn() {
    let sandbox = Sandbox::shipped();
    for (args, expected) in [
        (&["--draws", "0"][..], "0 is not in 1..=100000"),
        (&["--draws", "100001"][..], "100001 is not in 1..=100000"),
        (
            &["--draws", "4294967295"][..],
            "4294967295 is not in 1..=100000",
        ),
        (
            &["--concentration", "1e308"][..],
            "give a number from 0 to 1e6",
        ),
    ] {
        let out = sandbox.run(&[&["verify"][..], args].concat()).code(2);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    let out = sandbox
        .run(&["verify", "--draws", "1", "--format", "json"])
        .code(0);
    assert_eq!(json(&out.stdout)["robustness"]["draws"], 1);
}
