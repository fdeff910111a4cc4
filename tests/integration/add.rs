//! `kensho add`, `list`, `show`, `schema`, `completions` and `man`: adding evidence safely,
//! browsing it, and editor and shell integration.

use crate::harness::{Sandbox, root, snapshot_tree};

const NEW_EVENT: &str = r#"# A guideline published at the end of April.
[[event]]
date = 2026-04-28
entity = "jp-gov"
axes = ["policy"]
sources = ["cao-ai-basic-plan-2025-12-23"]
type = "guideline"
title = "AI procurement guideline for ministries"
"#;

#[test]
fn a_piped_snippet_is_appended_and_everything_else_stays_as_it_was() {
    let sandbox = Sandbox::shipped();
    let before = sandbox.read("evidence/events.toml");
    let others: Vec<_> = snapshot_tree(sandbox.path())
        .into_iter()
        .filter(|(p, _)| !p.ends_with("events.toml"))
        .collect();
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(0);
    let id = "2026-04-28-ai-procurement-guideline-for-ministries";
    assert_eq!(
        out.stdout,
        format!(
            "added event `{id}` to `evidence/events.toml`\n  the id `{id}` was derived from the date and title\n"
        )
    );
    let after = sandbox.read("evidence/events.toml");
    assert!(after.starts_with(&before), "every earlier byte is kept");
    // The snippet's own comment travels with its table.
    assert_eq!(
        &after[before.len()..],
        format!(
            "\n# A guideline published at the end of April.\n[[event]]\nid = \"{id}\"\ndate = 2026-04-28\nentity = \"jp-gov\"\naxes = [\"policy\"]\nsources = [\"cao-ai-basic-plan-2025-12-23\"]\ntype = \"guideline\"\ntitle = \"AI procurement guideline for ministries\"\n"
        )
    );
    let others_after: Vec<_> = snapshot_tree(sandbox.path())
        .into_iter()
        .filter(|(p, _)| !p.ends_with("events.toml"))
        .collect();
    assert_eq!(others, others_after);
    assert_eq!(
        sandbox.run(&["check", "--format", "short"]).code(0).stdout,
        "0 errors, 0 warnings\n"
    );
    let shown = sandbox.run(&["show", id]).code(0);
    assert!(
        shown.stdout.contains("criterion `policy-instruments`"),
        "{}",
        shown.stdout
    );
}

#[test]
fn an_existing_record_is_refused_and_nothing_changes() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let existing = r#"
[[event]]
id = "ai-basic-plan"
period = "2025-12"
entity = "jp-gov"
axes = ["policy"]
sources = ["cao-ai-basic-plan-2025-12-23"]
type = "plan"
title = "AI Basic Plan adopted by the Cabinet"
"#;
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], existing)
        .code(1);
    assert!(
        out.stderr.contains("duplicate record id `ai-basic-plan`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("no file was changed"), "{}", out.stderr);
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

#[test]
fn the_same_snippet_twice_fails_the_second_time() {
    let sandbox = Sandbox::shipped();
    sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(0);
    let before = snapshot_tree(sandbox.path());
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(1);
    assert!(out.stderr.contains("error[K0301]"), "{}", out.stderr);
    assert!(
        out.stderr.contains("same date, entity and title"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

#[test]
fn invalid_records_leave_every_file_as_it_was() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    for (snippet, expected) in [
        (
            NEW_EVENT.replace("cao-ai-basic-plan-2025-12-23", "nowhere"),
            "unknown source `nowhere`",
        ),
        (
            NEW_EVENT.replace("jp-gov", "atlantis"),
            "unknown entity `atlantis`",
        ),
        (
            NEW_EVENT.replace(
                "type = \"guideline\"",
                "type = \"guideline\"\nvalue = { value = 5, unit = \"furlongs\" }",
            ),
            "unknown key `value`",
        ),
        ("[[event]\nbroken".to_owned(), "error[K0101]"),
        ("title = \"no table\"\n".to_owned(), "error"),
    ] {
        let out = sandbox
            .run_with_stdin(&["add", "--from", "-"], &snippet)
            .code(1);
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
        assert!(out.stderr.contains("no file was changed"), "{}", out.stderr);
        assert_eq!(snapshot_tree(sandbox.path()), before, "{snippet}");
    }
}

#[test]
fn a_bad_unit_from_the_command_line_is_refused() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let out = sandbox
        .run(&[
            "add",
            "metric",
            "--period",
            "2025",
            "--entity",
            "JP",
            "--axis",
            "compute",
            "--source",
            "cao-ai-for-science-2026-02-19",
            "--title",
            "GPU count",
            "--metric",
            "gpu_count",
            "--value",
            "12 furlongs",
        ])
        .code(1);
    assert!(
        out.stderr.contains("unknown unit `furlongs`"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

#[test]
fn a_year_toml_cannot_write_is_refused_not_written_as_another() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let out = sandbox
        .run(&[
            "add",
            "event",
            "--date=-0001-04-30",
            "--entity",
            "JP",
            "--type",
            "plan",
            "--axis",
            "compute",
            "--source",
            "cao-ai-for-science-2026-02-19",
            "--title",
            "A plan before the common era",
        ])
        .code(2);
    assert_eq!(
        out.stderr,
        "error: `-0001-04-30` cannot be written in a ledger: a year runs from 0000 to 9999\n"
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

#[test]
fn a_read_only_file_or_a_missing_folder_is_a_clear_error() {
    let sandbox = Sandbox::shipped();
    let events = sandbox.path().join("evidence/events.toml");
    let mut permissions = std::fs::metadata(&events).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&events, permissions).expect("read-only");
    let before = snapshot_tree(sandbox.path());
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(2);
    // The cause is said once, not repeated by the error chain.
    assert_eq!(
        out.stderr,
        "error: cannot write `evidence/events.toml`: the file is read-only\n"
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);

    let out = sandbox
        .run_with_stdin(
            &["add", "--from", "-", "--file", "nowhere/new.toml"],
            NEW_EVENT,
        )
        .code(2);
    assert_eq!(
        out.stderr,
        "error: cannot write `nowhere/new.toml`: it is not in the ledger folder `evidence`, so the ledger would never read it\n"
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);

    let empty = Sandbox::empty();
    let out = empty
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(2);
    assert_eq!(
        out.stderr,
        "error: no ledger folder at `evidence`; `add` needs one on disk\n"
    );
}

#[test]
fn add_kind_with_flags_and_a_dry_run() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let args = [
        "add",
        "event",
        "--date",
        "2026-04-30",
        "--title",
        "ABCI 3.0 opens for FY2026",
        "--entity",
        "aist",
        "--axis",
        "compute",
        "--source",
        "aist-report-2025",
        "--type",
        "service_start",
        "--dry-run",
    ];
    let out = sandbox.run(&args).code(0);
    assert_eq!(
        snapshot_tree(sandbox.path()),
        before,
        "a dry run writes nothing"
    );
    insta::assert_snapshot!(out.stdout);
    let out = sandbox.run(&args[..args.len() - 1]).code(0);
    assert!(
        out.stdout
            .starts_with("added event `2026-04-30-abci-3-0-opens-for-fy2026`"),
        "{}",
        out.stdout
    );
    sandbox.run(&["check"]).code(0);
}

#[test]
fn list_filters_by_kind_axis_entity_and_date() {
    let sandbox = Sandbox::shipped();
    let out = sandbox
        .run(&["list", "metric", "--entity", "JP", "--since", "2024-01-01"])
        .code(0);
    insta::assert_snapshot!(out.stdout);
    let json = sandbox
        .run(&["list", "--axis", "oss", "--format", "json"])
        .code(0);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let ids: Vec<&str> = doc["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "sakana-japanese-models-open-source",
            "plamo-vl-weights",
            "plamo-2-8b-community-licence"
        ]
    );
}

#[test]
fn show_gives_one_record_in_full() {
    let out = Sandbox::shipped()
        .run(&["show", "private-ai-investment-jp-2024"])
        .code(0);
    insta::assert_snapshot!(out.stdout);
    let missing = Sandbox::shipped().run(&["show", "nothing"]).code(2);
    assert_eq!(
        missing.stderr,
        "error: no record, source, entity or axis `nothing`\n"
    );
}

#[test]
fn committed_schemas_match_the_loader_types() {
    let sandbox = Sandbox::empty();
    for file in ["ledger", "claim", "project"] {
        let generated = sandbox.run(&["schema", file]).code(0).stdout;
        let committed = std::fs::read_to_string(root().join(format!("schemas/{file}.schema.json")))
            .expect("committed schema");
        assert_eq!(
            generated, committed,
            "schemas/{file}.schema.json is stale: run `kensho schema {file} > schemas/{file}.schema.json`"
        );
    }
}

#[test]
fn shipped_files_point_editors_at_their_schema() {
    for (folder, schema) in [("evidence", "ledger"), ("claims", "claim")] {
        for entry in std::fs::read_dir(root().join(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            assert!(
                text.starts_with(&format!("#:schema ../schemas/{schema}.schema.json\n")),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn completions_and_man_page_come_from_the_command_definitions() {
    let sandbox = Sandbox::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = sandbox.run(&["completions", shell]).code(0);
        assert!(out.stdout.contains("verify"), "{shell}");
        assert!(out.stdout.contains("timeline"), "{shell}");
    }
    let man = sandbox.run(&["man"]).code(0);
    assert!(
        man.stdout.starts_with(".ie"),
        "{}",
        &man.stdout[..40.min(man.stdout.len())]
    );
    assert!(man.stdout.contains("kensho"));
}

mod property {
    use super::*;
    use proptest::prelude::*;

    const ENTITIES: [&str; 4] = ["jp-gov", "toyota", "pfn", "JP"];
    const TYPES: [&str; 4] = ["law", "paper", "launch", "award"];

    fn escape(s: &str) -> String {
        s.replace('\\', "\\\\").replace('"', "\\\"")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// An added record loads back as written, and the file around it is untouched.
        #[test]
        fn added_records_load_back_and_nothing_else_moves(
            title in "[A-Za-z0-9 ,.'\"()-]{1,40}|[ぁ-ん漢字日本語]{1,12}",
            day in 1u32..=28,
            month in 1u32..=12,
            entity in 0usize..4,
            event_type in 0usize..4,
            note in proptest::option::of("[a-z ]{0,30}"),
            self_reported in any::<bool>(),
        ) {
            let sandbox = Sandbox::shipped();
            let ledger = sandbox.path().join("evidence");
            let claims = sandbox.path().join("claims");
            let before = std::fs::read_to_string(ledger.join("events.toml")).expect("read");
            let mut snippet = format!(
                "[[event]]\ndate = 2025-{month:02}-{day:02}\nentity = \"{}\"\naxes = [\"research\"]\nsources = [\"aist-report-2025\"]\ntype = \"{}\"\ntitle = \"{}\"\nself_reported = {self_reported}\n",
                ENTITIES[entity], TYPES[event_type], escape(&title)
            );
            if let Some(note) = &note {
                snippet.push_str(&format!("note = \"{note}\"\n"));
            }
            let plan = kensho::edit::add(&ledger, &claims, &snippet, std::path::Path::new("<test>"), None)
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let after = std::fs::read_to_string(ledger.join("events.toml")).expect("read");
            prop_assert!(after.starts_with(&before));
            let tree = kensho::workspace::Tree::read(&ledger, &claims).expect("tree");
            let ws = kensho::workspace::Workspace::load(tree);
            prop_assert!(!ws.has_errors(), "{:?}", ws.diagnostics);
            let id = &plan.added[0].id;
            let record = ws.ledger.record(id).expect("the added record");
            prop_assert_eq!(record.title(), title.as_str());
            prop_assert_eq!(record.entity(), ENTITIES[entity]);
            prop_assert_eq!(record.when.to_string(), format!("2025-{month:02}-{day:02}"));
            prop_assert_eq!(record.self_reported, self_reported);
            prop_assert_eq!(record.note(), note.as_deref());
            prop_assert_eq!(record.axes().collect::<Vec<_>>(), ["research"]);
            let kensho::ledger::Body::Event(e) = &record.body else {
                return Err(TestCaseError::fail("not an event"));
            };
            prop_assert_eq!(format!("{:?}", e.event_type).to_lowercase(), TYPES[event_type]);
        }
    }
}

#[test]
fn a_kind_without_a_file_gets_one_named_after_it() {
    let sandbox = Sandbox::shipped();
    std::fs::remove_file(sandbox.path().join("evidence/events.toml")).expect("remove");
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(0);
    assert!(
        out.stdout.contains("to `evidence/events.toml`"),
        "{}",
        out.stdout
    );
    // The new file points editors at the schema, as the shipped files do, and the schema
    // is where the line says.
    let text = sandbox.read("evidence/events.toml");
    assert!(
        text.starts_with("#:schema ../schemas/ledger.schema.json\n\n# A guideline published"),
        "{text}"
    );
    let schema =
        std::fs::read_to_string(root().join("schemas/ledger.schema.json")).expect("schema");
    sandbox.write("schemas/ledger.schema.json", &schema);
    let line = text.lines().next().unwrap_or_default();
    let target = line.trim_start_matches("#:schema ");
    assert!(
        sandbox.path().join("evidence").join(target).is_file(),
        "{line}"
    );
    sandbox.run(&["check"]).code(0);
}

#[test]
fn every_missing_key_is_reported_at_once() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let out = sandbox.run(&["add", "event", "--title", "x"]).code(1);
    let short: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with(" -->"))
        .collect();
    assert_eq!(
        short,
        [
            "error[K0207]: event `x`: missing key `entity`",
            " --> <command line>:1:1",
            "error[K0207]: event `x`: missing key `sources`",
            " --> <command line>:1:1",
            "error[K0207]: event `x`: missing key `type`",
            " --> <command line>:1:1",
            "error[K0207]: event `x` has no date",
            " --> <command line>:2:6",
        ]
    );
    assert!(
        out.stderr.ends_with(
            "error: the addition was refused: it brings 4 errors of its own; no file was changed\n"
        ),
        "{}",
        out.stderr
    );
    // From a file too, a missing key inside a quantity among them.
    let out = sandbox
        .run_with_stdin(
            &["add", "--from", "-"],
            "[[metric]]\nid = \"m\"\nperiod = \"2024\"\nvalue = { value = 1 }\n",
        )
        .code(1);
    for key in [
        "`entity`",
        "`metric`",
        "`sources`",
        "`title`",
        "`unit` in `value`",
    ] {
        assert!(
            out.stderr
                .contains(&format!("metric `m`: missing key {key}\n")),
            "{key}\n{}",
            out.stderr
        );
    }
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

/// The shipped ledger with one error of its own: a deployment about an undeclared entity.
fn ledger_with_an_error() -> Sandbox {
    let sandbox = Sandbox::shipped();
    let text = sandbox.read("evidence/deployments.toml");
    let broken = text.replacen("entity = \"toyota\"", "entity = \"toyotax\"", 1);
    assert_ne!(text, broken);
    sandbox.write("evidence/deployments.toml", &broken);
    sandbox
}

#[test]
fn an_error_already_in_the_ledger_does_not_stop_an_addition_and_is_named_as_such() {
    let sandbox = ledger_with_an_error();
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(0);
    assert!(
        out.stdout.starts_with("added event `2026-04-28-"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "warning: the ledger already had 1 error before this addition, not from it; the addition was written all the same:\n\
         evidence/deployments.toml:7:10: error[K0303]: deployment `potaro-hospital`: unknown entity `toyotax`\n\
         1 error, 0 warnings\n"
    );
    assert!(
        sandbox
            .read("evidence/events.toml")
            .contains("AI procurement guideline")
    );
    // `check` still fails on it: the error was not hidden, only not blamed on the addition.
    sandbox.run(&["check", "--format", "short"]).code(1);
}

#[test]
fn an_addition_with_errors_of_its_own_is_refused_and_only_they_are_counted() {
    let sandbox = ledger_with_an_error();
    let before = snapshot_tree(sandbox.path());
    let out = sandbox
        .run_with_stdin(
            &["add", "--from", "-"],
            &NEW_EVENT.replace("\"jp-gov\"", "\"nobody\""),
        )
        .code(1);
    assert!(
        out.stderr.contains("error[K0303]: event `2026-04-28-ai-procurement-guideline-for-ministries`: unknown entity `nobody`"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("toyotax"), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "error: the addition was refused: it brings 1 error of its own; no file was changed\n\
             note: the ledger also has 1 error from before this addition, not counted here; `kensho check` lists it\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
    // An error in the very file the addition goes into is told apart the same way.
    let sandbox = Sandbox::shipped();
    let text = sandbox.read("evidence/events.toml");
    sandbox.write(
        "evidence/events.toml",
        &text.replacen("type = \"law\"", "type = \"laws\"", 1),
    );
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], NEW_EVENT)
        .code(0);
    assert!(
        out.stderr.contains("unknown event type `laws`"),
        "{}",
        out.stderr
    );
}

#[test]
fn syntax_only_toml_1_1_allows_is_refused() {
    let sandbox = Sandbox::shipped();
    let before = snapshot_tree(sandbox.path());
    let snippet = "[[metric]]\nid = \"m-1-1\"\nperiod = \"2024\"\nentity = \"JP\"\nsources = [\"aist-report-2025\"]\nmetric = \"x\"\ntitle = \"t\\x41\"\nvalue = {\n  value = 1,\n  unit = \"%\",\n}\n";
    let out = sandbox
        .run_with_stdin(&["add", "--from", "-"], snippet)
        .code(1);
    let codes: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error[K0105]"))
        .collect();
    assert_eq!(
        codes,
        [
            "error[K0105]: the escape `\\x41` is one only TOML 1.1 knows",
            "error[K0105]: an inline table spans several lines, which only TOML 1.1 allows",
            "error[K0105]: a comma before `}` ends an inline table, which only TOML 1.1 allows",
        ],
        "{}",
        out.stderr
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
    // In a ledger file, `check` reports the same, located.
    sandbox.write("evidence/extra.toml", snippet);
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    assert!(
        out.stdout.contains(
            "evidence/extra.toml:7:11: error[K0105]: the escape `\\x41` is one only TOML 1.1 knows"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("evidence/extra.toml:8:9: error[K0105]: an inline table spans several lines"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("evidence/extra.toml:10:13: error[K0105]: a comma before `}`"),
        "{}",
        out.stdout
    );
    // And in a claim file: a time without seconds.
    let claim = std::fs::read_dir(sandbox.path().join("claims"))
        .expect("claims")
        .next()
        .expect("a claim")
        .expect("entry")
        .path();
    let text = std::fs::read_to_string(&claim).expect("read");
    std::fs::write(&claim, format!("{text}\n[note]\nat = 10:00\n")).expect("write");
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    assert!(
        out.stdout
            .contains("error[K0105]: the time `10:00` has no seconds, which only TOML 1.1 allows"),
        "{}",
        out.stdout
    );
}
