//! The synthetic ledger generator: its output loads, checks clean and verifies, and the same
//! seed gives the same bytes. (Speed is measured by the benchmarks, never here.)

use crate::harness::Sandbox;
use kensho::claim::MeasureKind;
use kensho::synthetic::generate;

#[test]
fn a_generated_ledger_checks_clean_and_verifies() {
    let sandbox = Sandbox::empty();
    let files = generate(1000, 7);
    assert!(
        files
            .iter()
            .filter(|f| f.path.starts_with("evidence/"))
            .count()
            >= 15
    );
    for file in &files {
        sandbox.write(&file.path, &file.text);
    }
    let check = sandbox.run(&["check", "--format", "short"]).code(0);
    assert_eq!(check.stdout, "0 errors, 0 warnings\n");
    let verify = sandbox.run(&["verify", "--format", "json"]).code(0);
    let doc: serde_json::Value = serde_json::from_str(&verify.stdout).expect("JSON");
    assert_eq!(doc["claim"]["id"], "synthetic-jp-leads");
    let measures: std::collections::BTreeSet<String> = doc["axes"]
        .as_array()
        .expect("axes")
        .iter()
        .flat_map(|a| a["criteria"].as_array().cloned().unwrap_or_default())
        .map(|c| c["measure"].as_str().unwrap_or("").to_owned())
        .collect();
    // Every measure there is.
    let all: std::collections::BTreeSet<String> = (MeasureKind::ALL.iter())
        .map(|m| m.key().to_owned())
        .collect();
    assert_eq!(measures, all);
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(generate(300, 3), generate(300, 3));
    assert_ne!(generate(300, 3), generate(300, 4));
}

#[test]
fn a_generated_ledger_citing_missing_sources_has_one_error_per_record() {
    let sandbox = Sandbox::empty();
    let files = kensho::synthetic::cite_missing_sources(&generate(1000, 7));
    for file in &files {
        sandbox.write(&file.path, &file.text);
    }
    let check = sandbox.run(&["check", "--format", "json"]).code(1);
    let doc: serde_json::Value = serde_json::from_str(&check.stdout).expect("JSON");
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
    let errors: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1000);
    for error in errors {
        let message = error["message"].as_str().expect("message");
        let help = error["help"].as_str().expect("help");
        let cited = message.split('`').nth(3).expect("the source cited");
        let meant = cited.replacen("scr-", "src-", 1);
        assert!(message.contains("cites unknown source `scr-"), "{message}");
        assert_eq!(help, format!("did you mean `{meant}`?"));
    }
    // Every declared source is now uncited: a warning each.
    assert_eq!(diagnostics.len(), 1000 + 25);
}
