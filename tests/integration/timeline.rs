//! `kensho timeline`: the verdict month by month, in every format.

use crate::harness::Sandbox;

fn score_at(doc: &serde_json::Value, day: &str) -> f64 {
    doc["points"]
        .as_array()
        .expect("points")
        .iter()
        .find(|p| p["as_of"] == day)
        .and_then(|p| p["headline"]["score"].as_f64())
        .unwrap_or_else(|| panic!("no score at {day}"))
}

#[test]
fn the_shipped_claim_builds_up_through_2025_and_2026() {
    let out = Sandbox::shipped()
        .run(&[
            "timeline", "--from", "2025-05", "--to", "2026-05", "--format", "json",
        ])
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(doc["points"].as_array().map(Vec::len), Some(13));
    let (before, april) = (score_at(&doc, "2025-06-30"), score_at(&doc, "2026-04-30"));
    assert!(
        april - before >= 0.2,
        "2025-06-30 {before} vs 2026-04-30 {april}"
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn timeline_as_a_table() {
    let out = Sandbox::shipped().run(&["timeline"]).code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn timeline_as_markdown_with_a_chart() {
    let out = Sandbox::shipped()
        .run(&["timeline", "--step", "quarter", "--format", "markdown"])
        .code(0);
    assert!(
        out.stdout.contains("```mermaid\nxychart-beta\n"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_backwards_range_is_a_usage_error() {
    let out = Sandbox::shipped()
        .run(&["timeline", "--from", "2026-05", "--to", "2025-05"])
        .code(2);
    assert_eq!(out.stderr, "error: `--from` must not be after `--to`\n");
    let out = Sandbox::shipped()
        .run(&["timeline", "--from", "2026-13"])
        .code(2);
    assert!(
        out.stderr.contains("`2026-13` is not a month"),
        "{}",
        out.stderr
    );
}

#[test]
fn months_without_a_score_are_left_off_the_chart_not_drawn_as_zero() {
    let args = [
        "timeline",
        "japan-top-ten-ai-research-nation",
        "--from",
        "2025-11",
        "--to",
        "2026-04",
    ];
    let json = Sandbox::shipped()
        .run(&[&args[..], &["--format", "json"]].concat())
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let scores: Vec<Option<f64>> = (doc["points"].as_array().expect("points").iter())
        .map(|p| p["headline"]["score"].as_f64())
        .collect();
    assert_eq!(scores.len(), 6);
    assert!(scores[..3].iter().all(Option::is_none), "{scores:?}");
    assert!(scores[3..].iter().all(Option::is_some), "{scores:?}");

    let out = Sandbox::shipped()
        .run(&[&args[..], &["--format", "markdown"]].concat())
        .code(0);
    assert!(
        out.stdout
            .contains("  x-axis [\"2026-02\", \"2026-03\", \"2026-04\"]\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("0.00"), "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_timeline_with_no_score_at_all_has_no_chart() {
    let out = Sandbox::shipped()
        .run(&[
            "timeline",
            "japan-top-ten-ai-research-nation",
            "--from",
            "2024-01",
            "--to",
            "2024-03",
            "--format",
            "markdown",
        ])
        .code(0);
    assert!(!out.stdout.contains("```mermaid"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Points with no score (–) are left off the chart, not drawn as 0.\n"),
        "{}",
        out.stdout
    );
}
