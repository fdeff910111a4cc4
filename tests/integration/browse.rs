//! `kensho list` and `kensho show` beyond records: sources, entities and axes, as tables and
//! JSON, and what `show` does with an id that names more than one thing.

use super::harness::Sandbox;

fn json(sandbox: &Sandbox, args: &[&str]) -> serde_json::Value {
    let out = sandbox.run(args).code(0);
    serde_json::from_str(&out.stdout).expect("one JSON document")
}

#[test]
fn list_sources_entities_and_axes_as_tables() {
    let sandbox = Sandbox::shipped();
    let sources = sandbox
        .run(&["list", "source", "--axis", "compute"])
        .code(0);
    insta::assert_snapshot!("list_source_on_compute", sources.stdout);
    let entities = sandbox.run(&["list", "entity", "--entity", "JP"]).code(0);
    insta::assert_snapshot!("list_entity_of_jp", entities.stdout);
    let axes = sandbox.run(&["list", "axis"]).code(0);
    insta::assert_snapshot!("list_axis", axes.stdout);
}

#[test]
fn list_as_json_counts_the_records_that_lead_to_each() {
    let sandbox = Sandbox::shipped();
    let all = json(&sandbox, &["list", "source", "--format", "json"]);
    let sources = all["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 24, "every source URL of the report");
    let ids: Vec<&str> = sources
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "by id");
    for field in [
        "id",
        "url",
        "publisher",
        "title",
        "kind",
        "records",
        "file",
        "line",
    ] {
        assert!(
            sources[0].get(field).is_some(),
            "no `{field}` in {}",
            sources[0]
        );
    }
    // Each count is the number of records `list --source` finds.
    for source in sources.iter().take(5) {
        let id = source["id"].as_str().expect("id");
        let citing = json(&sandbox, &["list", "--source", id, "--format", "json"]);
        let n = citing["records"].as_array().expect("records").len();
        assert_eq!(source["records"].as_u64(), Some(n as u64), "{id}");
    }
    // With a condition, only what the records found lead to.
    let compute = json(
        &sandbox,
        &["list", "axis", "--axis", "compute", "--format", "json"],
    );
    let axes = compute["axes"].as_array().expect("axes");
    assert!(axes.iter().any(|a| a["id"] == "compute"));
    assert!(axes.iter().all(|a| a["records"].as_u64() > Some(0)));
    let entities = json(&sandbox, &["list", "entity", "--format", "json"]);
    let jp = (entities["entities"].as_array().expect("entities").iter())
        .find(|e| e["id"] == "JP")
        .expect("JP");
    assert_eq!(jp["kind"], "country");
}

#[test]
fn show_a_source_an_entity_and_an_axis() {
    let sandbox = Sandbox::shipped();
    let source = sandbox
        .run(&["show", "cao-ai-for-science-2026-02-19"])
        .code(0);
    insta::assert_snapshot!("show_source", source.stdout);
    let entity = sandbox.run(&["show", "pfn"]).code(0);
    insta::assert_snapshot!("show_entity", entity.stdout);
    let axis = sandbox.run(&["show", "patents"]).code(0);
    insta::assert_snapshot!("show_axis", axis.stdout);

    let shown = json(&sandbox, &["show", "compute", "--format", "json"]);
    assert_eq!(shown["table"], "axis");
    assert_eq!(shown["id"], "compute");
    let listed = json(&sandbox, &["list", "--axis", "compute", "--format", "json"]);
    let ids: Vec<&serde_json::Value> = (listed["records"].as_array().expect("records").iter())
        .map(|r| &r["id"])
        .collect();
    let shown_ids: Vec<&serde_json::Value> = shown["record_ids"]
        .as_array()
        .expect("ids")
        .iter()
        .collect();
    assert_eq!(shown_ids, ids);
}

#[test]
fn an_id_that_names_two_things_needs_kind() {
    let sandbox = Sandbox::shipped();
    sandbox.write(
        "evidence/same.toml",
        "[[axis]]\nid = \"pfn\"\ntitle = \"An axis named like an entity\"\n",
    );
    let both = sandbox.run(&["show", "pfn"]).code(2);
    assert_eq!(
        both.stderr,
        "error: `pfn` names an entity and an axis: say which with `--kind entity` or `--kind axis`\n"
    );
    let axis = sandbox.run(&["show", "pfn", "--kind", "axis"]).code(0);
    assert!(axis.stdout.starts_with("axis `pfn`\n"), "{}", axis.stdout);
    let entity = sandbox.run(&["show", "pfn", "--kind", "entity"]).code(0);
    assert!(
        entity.stdout.starts_with("entity `pfn`\n"),
        "{}",
        entity.stdout
    );
    let none = sandbox.run(&["show", "pfn", "--kind", "source"]).code(2);
    assert_eq!(none.stderr, "error: no source `pfn`\n");
}
