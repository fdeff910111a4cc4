//! Numbers stay finite: a figure or a weight that would overflow is a located error in
//! `check`, and `verify` refuses to grade rather than print a label.

use crate::harness::{Output, Sandbox};

const CLAIM: &str = "claims/japan-ai-world-level-2026-04.toml";

/// The shipped ledger with the FY2026 AI budget written as `1e308` 億円 (`inf` yen).
fn overflowing_budget(sandbox: &Sandbox) -> String {
    let money = sandbox.read("evidence/money.toml");
    let figure = "amount = { value = 5027, unit = \"億円\" }";
    assert!(money.contains(figure));
    let money = money.replacen(figure, "amount = { value = 1e308, unit = \"億円\" }", 1);
    sandbox.write("evidence/money.toml", &money);
    money
}

/// The shipped default claim with its four axes of weight 0.15 given weight `1e308`: their
/// total is `inf`.
fn overflowing_weights(sandbox: &Sandbox) -> String {
    let claim = sandbox.read(CLAIM);
    assert_eq!(claim.matches("\nweight = 0.15\n").count(), 4);
    let claim = claim.replace("\nweight = 0.15\n", "\nweight = 1e308\n");
    sandbox.write(CLAIM, &claim);
    claim
}

/// Each diagnostic of `check --format json` as (code, file, line, column).
fn found(sandbox: &Sandbox) -> Vec<(String, String, u64, u64)> {
    let out = sandbox.run(&["check", "--format", "json"]).code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout));
    (doc["diagnostics"].as_array().into_iter().flatten())
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

/// The 1-based line and column of every `needle` in `text`.
fn places(text: &str, needle: &str) -> Vec<(u64, u64)> {
    text.match_indices(needle)
        .map(|(offset, _)| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            (line as u64, column as u64)
        })
        .collect()
}

/// `verify` in every format: exit 1, nothing on stdout (no label), the errors on stderr.
fn verify_refuses(sandbox: &Sandbox, claim: &str, codes: &[&str]) {
    for format in ["table", "json", "markdown", "claimreview"] {
        let out: Output = sandbox.run(&["verify", claim, "--format", format]).code(1);
        assert_eq!(out.stdout, "", "{format}");
        for code in codes {
            assert!(out.stderr.contains(code), "{format}: {}", out.stderr);
        }
    }
}

#[test]
fn a_figure_that_overflows_its_base_unit_is_located_and_verify_refuses() {
    let sandbox = Sandbox::shipped();
    let money = overflowing_budget(&sandbox);
    let (line, column) = places(&money, "1e308")[0];
    assert_eq!(
        found(&sandbox),
        vec![(
            "K0203".to_owned(),
            "evidence/money.toml".to_owned(),
            line,
            column
        )]
    );
    // Both claims that read the budget, the growth one and the default one.
    verify_refuses(&sandbox, "japan-ai-budget-more-than-doubled", &["K0203"]);
    verify_refuses(&sandbox, "japan-ai-world-level-2026-04", &["K0203"]);
}

#[test]
fn weights_whose_total_overflows_are_located_and_verify_refuses() {
    let sandbox = Sandbox::shipped();
    let claim = overflowing_weights(&sandbox);
    let expected: Vec<_> = places(&claim, "1e308")
        .into_iter()
        .map(|(line, column)| ("K0504".to_owned(), CLAIM.to_owned(), line, column))
        .collect();
    assert_eq!(expected.len(), 4);
    assert_eq!(found(&sandbox), expected);
    verify_refuses(&sandbox, "japan-ai-world-level-2026-04", &["K0504"]);
}

#[test]
fn both_at_once_as_people_read_them() {
    let sandbox = Sandbox::shipped();
    overflowing_budget(&sandbox);
    overflowing_weights(&sandbox);
    let out = sandbox.run(&["check"]).code(1);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
    let verify = sandbox.run(&["verify"]).code(1);
    assert_eq!(verify.stdout, "");
    // `verify` shows the same errors as `check`, on stderr.
    assert_eq!(verify.stderr, out.stdout);
}
