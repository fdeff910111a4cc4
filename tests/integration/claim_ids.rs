//! `kensho claims` lists the claims by id; an unknown claim id names the nearest ones.

use crate::harness::Sandbox;

#[test]
fn the_shipped_claims_by_id() {
    let out = Sandbox::shipped().run(&["claims"]).code(0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn claims_as_json_are_sorted_and_say_which_is_the_default() {
    let out = Sandbox::shipped()
        .run(&["claims", "--format", "json"])
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    let claims = doc["claims"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = claims.iter().filter_map(|c| c["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 9, "{ids:?}");
    let defaults: Vec<&str> = claims
        .iter()
        .filter(|c| c["default"] == true)
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(defaults, ["japan-ai-world-level-2026-04"]);
    let budget = &claims[0];
    assert_eq!(budget["id"], "japan-ai-budget-more-than-doubled");
    assert_eq!(
        budget["text"],
        "Japan more than doubled its government AI budget for FY2026"
    );
    assert_eq!(
        budget["text_ja"],
        "日本政府は2026年度のAI関連予算を前年度の2倍超に増やした"
    );
    assert_eq!(budget["subject"], "JP");
    assert_eq!(budget["as_of"], "2026-05-01");
    assert_eq!(
        budget["file"],
        "claims/japan-ai-budget-more-than-doubled.toml"
    );
    assert_eq!(budget["line"], 4);
}

#[test]
fn the_order_of_files_does_not_change_the_list() {
    let sandbox = Sandbox::empty();
    let claim = |id: &str| {
        format!(
            "id = \"{id}\"\ntext = \"Claim {id}\"\nsubject = \"JP\"\nas_of = 2026-05-01\n\
             window = {{ from = 2026-04-01, to = 2026-04-30 }}\n\n[[reading]]\nid = \"r\"\n\
             title = \"R\"\n\n[[axis]]\nid = \"policy\"\nweight = 1\n\n[[axis.criterion]]\n\
             id = \"c\"\ntitle = \"C\"\nmeasure = \"count\"\nthreshold = \">= 1\"\n"
        )
    };
    sandbox
        .write(
            "evidence/axes.toml",
            "[[axis]]\nid = \"policy\"\ntitle = \"Policy\"\n\n[[entity]]\nid = \"JP\"\nname = \"Japan\"\nkind = \"country\"\n",
        )
        .write("claims/a.toml", &claim("zeta"))
        .write("claims/b.toml", &claim("alpha"));
    let out = sandbox.run(&["claims"]).code(0);
    let alpha = out.stdout.find("alpha").unwrap_or(usize::MAX);
    let zeta = out.stdout.find("zeta").unwrap_or(0);
    assert!(alpha < zeta, "{}", out.stdout);
    assert!(
        out.stdout.ends_with("\n2 claims\n"),
        "no default claim among two: {}",
        out.stdout
    );
}

#[test]
fn an_unknown_claim_id_suggests_the_nearest() {
    let sandbox = Sandbox::shipped();
    for command in ["verify", "explain", "timeline"] {
        let out = sandbox.run(&[command, "japan-ai-world-levl"]).code(2);
        assert_eq!(
            out.stderr,
            "error: no claim `japan-ai-world-levl`; did you mean `japan-ai-world-level-2026-04`?\n",
            "{command}"
        );
    }
    let out = sandbox.run(&["verify", "japan-top-fiv"]).code(2);
    assert_eq!(
        out.stderr,
        "error: no claim `japan-top-fiv`; did you mean one of `japan-top-five-ai-research-nation`, `japan-top-ten-ai-research-nation`?\n"
    );
}
