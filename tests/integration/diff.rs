//! `kensho diff`: how verdicts moved between two revisions, read from temporary git
//! repositories (also shallow clones) and from folders, in every format, with the exit codes
//! CI relies on.

use std::path::Path;
use std::process::Command;

use crate::harness::{Sandbox, root};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Runs git in `dir` with a fixed identity and no system or signing settings; panics when
/// git fails.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=kensho tests",
            "-c",
            "user.email=tests@kensho.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A sandbox holding the shipped ledger and claims as the first commit of a git repository.
fn repository() -> Sandbox {
    let sandbox = Sandbox::shipped();
    git(sandbox.path(), &["init", "-q"]);
    commit(&sandbox, "shipped ledger and claims");
    sandbox
}

fn commit(sandbox: &Sandbox, message: &str) {
    git(sandbox.path(), &["add", "-A"]);
    git(sandbox.path(), &["commit", "-q", "-m", message]);
}

/// Replaces the one occurrence of `from` in a file.
fn edit(sandbox: &Sandbox, file: &str, from: &str, to: &str) {
    let text = sandbox.read(file);
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {file}");
    sandbox.write(file, &text.replacen(from, to, 1));
}

const JP_2024: &str = "id = \"private-ai-investment-jp-2024\"\n";

/// The report's figure for Japan's 2024 private AI investment, 0.93 USD bn, made 93.
fn change_the_figure(sandbox: &Sandbox) {
    let text = sandbox.read("evidence/metrics.toml");
    let at = text.find(JP_2024).expect("the record");
    let from = "value = { value = 0.93, unit = \"USD bn\" }";
    let offset = text[at..].find(from).expect("its value") + at;
    let changed = format!(
        "{}value = {{ value = 93, unit = \"USD bn\" }}{}",
        &text[..offset],
        &text[offset + from.len()..]
    );
    sandbox.write("evidence/metrics.toml", &changed);
}

fn figure_changed() -> Sandbox {
    let sandbox = repository();
    change_the_figure(&sandbox);
    commit(&sandbox, "Japan's 2024 private AI investment: 93 USD bn");
    sandbox
}

/// The `[[kind]]` table holding `id_line`, from its header to the next table, and the text
/// without it.
fn cut_table(text: &str, id_line: &str) -> (String, String) {
    let at = text.find(id_line).expect("the record");
    let start = text[..at].rfind("\n[[").map_or(0, |i| i + 1);
    let end = text[at..].find("\n[[").map_or(text.len(), |i| at + i + 1);
    let rest = format!("{}{}", &text[..start], &text[end..]);
    (text[start..end].to_owned(), rest)
}

#[test]
fn a_changed_figure_names_the_axis_the_criterion_and_the_record() {
    let sandbox = figure_changed();
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    let table = &out.stdout;
    for expected in [
        "Diff     HEAD~1 → HEAD\n",
        "Claims   9 claims: 1 verdict changed, 1 changed, 7 unchanged\n",
        "Ledger   0 added, 0 removed, 1 changed\n",
        "│ investment ┆   0.25 ┆  0.70 ┆   +0.46 ┆ 100%     │",
        "│ private-investment-vs-leader ┆ 0.0085 of US ┆ 0.85 of US ┆",
        "┆ private-ai-investment-jp-2024 │",
        "  changed metric `private-ai-investment-jp-2024` [1]\n      value.value: 0.93 → 93\n",
        "[1] Cabinet Office (CSTI) — ",
    ] {
        assert!(table.contains(expected), "missing {expected:?} in\n{table}");
    }
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_changed_figure_as_markdown() {
    let sandbox = figure_changed();
    let out = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--format", "markdown"])
        .code(1);
    let md = &out.stdout;
    let summary = md
        .find("| Claim | Before | After |")
        .expect("summary table");
    let details = md.find("<details>").expect("details");
    assert!(summary < details, "the summary comes first:\n{md}");
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    assert!(
        md.contains(
            "| `investment` / `private-investment-vs-leader`<br>Private AI investment against the \
             leader (2024) | 0.0085 of US | 0.85 of US | 0.07 → 0.98 (+0.91) | \
             `private-ai-investment-jp-2024` changed [1] |"
        ),
        "{md}"
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_changed_figure_as_json() {
    let sandbox = figure_changed();
    let out = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .code(1);
    let doc = json(&out.stdout);
    assert_eq!(doc["summary"]["verdicts_changed"], 1);
    let claims = doc["claims"].as_array().expect("claims");
    let world = claims
        .iter()
        .find(|c| c["id"] == "japan-ai-world-level-2026-04")
        .expect("the shipped claim");
    assert_eq!(world["status"], "changed");
    assert_eq!(world["axes"][0]["id"], "investment");
    let criterion = &world["criteria"][0];
    assert_eq!(criterion["id"], "private-investment-vs-leader");
    assert_eq!(
        criterion["moved_by"]["records"],
        serde_json::json!([
            { "id": "private-ai-investment-jp-2024", "change": "changed", "footnotes": [1] }
        ])
    );
    assert_eq!(
        doc["ledger"],
        serde_json::json!([{
            "kind": "metric",
            "id": "private-ai-investment-jp-2024",
            "change": "changed",
            "sources": ["cao-ai-for-science-2026-02-19"],
            "footnotes": [1],
            "fields": [{ "path": "value.value", "before": "0.93", "after": "93" }]
        }])
    );
    assert_eq!(doc["sources"][0]["id"], "cao-ai-for-science-2026-02-19");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn an_added_record_that_flips_a_verdict_exits_1() {
    let sandbox = repository();
    let metrics = sandbox.read("evidence/metrics.toml");
    sandbox.write(
        "evidence/metrics.toml",
        &format!(
            "{metrics}\n[[benchmark]]\nid = \"independent-jmle-2026-04\"\nperiod = \"2026-04\"\n\
             entity = \"utokyo\"\naxes = [\"research\"]\nsources = [\"pfn-news-783\"]\n\
             title = \"An independent JMLE run of a Japanese model\"\nmodel = \"Example-JP\"\n\
             test = \"JMLE\"\nscore = {{ value = 95.1, unit = \"%\" }}\n"
        ),
    );
    commit(&sandbox, "an independent benchmark run");
    let claim = ["--claim", "japanese-models-reach-frontier"];
    let args = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec!["diff", "HEAD~1", "HEAD"];
        args.extend(claim);
        args.extend(extra);
        args
    };
    let out = sandbox.run(&args(&[])).code(1);
    for expected in [
        "Claims   1 claim: 1 verdict changed\n",
        "Ledger   1 added, 0 removed, 0 changed\n",
        "Verdict  Mostly False 0.20 → Half True 0.52  (score +0.32)\n",
        "│ frontier-benchmark-gap ┆ 23.6 points behind  ┆ 0.8 points ahead   ┆ 0.03 → 1.00 ┆",
        "┆ independent-jmle-2026-04 │\n",
        "  added benchmark `independent-jmle-2026-04` [1]\n",
        "[1] Preferred Networks — ",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            out.stdout
        );
    }
    // Each threshold, on the same change: the score moved by 0.32.
    sandbox.run(&args(&["--fail-on", "verdict"])).code(1);
    sandbox.run(&args(&["--fail-on", "axis"])).code(1);
    sandbox.run(&args(&["--fail-on", "score:0.3"])).code(1);
    sandbox.run(&args(&["--fail-on", "score:0.35"])).code(0);
    sandbox.run(&args(&["--fail-on", "never"])).code(0);
    let bad = sandbox.run(&args(&["--fail-on", "score:much"])).code(2);
    assert!(
        bad.stderr.contains("`score:much` is not one of"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_record_moved_to_another_file_and_rewritten_is_no_change() {
    let sandbox = repository();
    let (table, rest) = cut_table(&sandbox.read("evidence/metrics.toml"), JP_2024);
    sandbox.write("evidence/metrics.toml", &rest);
    // The same record in another file, its keys in another order, with a comment.
    let mut lines: Vec<&str> = table.lines().filter(|l| !l.is_empty()).collect();
    lines[1..].reverse();
    sandbox.write(
        "evidence/japan.toml",
        &format!("# Japan's figures\n{}\n", lines.join("\n")),
    );
    commit(&sandbox, "move Japan's private investment to its own file");
    assert!(git(sandbox.path(), &["show", "--stat", "HEAD"]).contains("evidence/japan.toml"));

    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(0);
    assert!(
        out.stdout
            .contains("Claims   9 claims: 9 unchanged\nLedger   no change\n"),
        "{}",
        out.stdout
    );
    let doc = json(
        &sandbox
            .run(&["diff", "HEAD~1", "HEAD", "--format", "json"])
            .code(0)
            .stdout,
    );
    assert_eq!(doc["ledger"], serde_json::json!([]));
    assert_eq!(doc["summary"]["unchanged"], 9);
    sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--fail-on", "axis"])
        .code(0);
}

#[test]
fn edited_goalposts_show_in_the_claim_and_in_what_moved_the_criterion() {
    let sandbox = repository();
    edit(
        &sandbox,
        "claims/japan-ai-world-level-2026-04.toml",
        "private-investment-vs-leader = { world = 0.25, nothing = 0.005 }",
        "private-investment-vs-leader = { world = 0.05, nothing = 0.005 }",
    );
    commit(
        &sandbox,
        "a more lenient catch-up reading of private investment",
    );
    let out = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--format", "markdown"])
        .code(0);
    let md = &out.stdout;
    for expected in [
        "9 claims: 1 changed, 8 unchanged · ledger: no change\n",
        "| `catch-up` A visible catch-up: Japan became a serious contender in the areas it chose \
         | Mostly True 0.68 | Mostly True 0.69 | +0.01 |",
        "| `investment` | 0.25 | 0.27 | +0.02 | 100% |",
        "| 0.0085 of US | 0.0085 of US | 0.07 → 0.12 (+0.05) |",
        "| claim `reading[catch-up].goalposts.private-investment-vs-leader.world` |",
        "Claim file changes:\n\n\
         - `reading[catch-up].goalposts.private-investment-vs-leader.world`: `0.25` → `0.05`\n",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    // No record moved it, and the ledger section is absent.
    assert!(!md.contains("Ledger:"), "{md}");
    assert!(!md.contains("### Sources"), "{md}");
    sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--fail-on", "axis"])
        .code(1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_criterion_whose_id_holds_a_dot_is_moved_by_its_own_goalposts() {
    let sandbox = repository();
    let claim = "claims/japan-ai-world-level-2026-04.toml";
    edit(
        &sandbox,
        claim,
        "id = \"budget-growth\"",
        "id = \"budget-growth.fy2026\"",
    );
    edit(
        &sandbox,
        claim,
        "budget-growth = { world = 2, nothing = 1 }",
        "\"budget-growth.fy2026\" = { world = 2, nothing = 1 }",
    );
    commit(&sandbox, "a criterion id with a dot");
    edit(
        &sandbox,
        claim,
        "\"budget-growth.fy2026\" = { world = 2, nothing = 1 }",
        "\"budget-growth.fy2026\" = { world = 4, nothing = 1 }",
    );
    edit(
        &sandbox,
        claim,
        "goalposts = { world = 3, nothing = 1 }",
        "goalposts = { world = 4, nothing = 1 }",
    );
    commit(&sandbox, "stricter budget goalposts");
    let out = sandbox.run(&[
        "diff",
        "HEAD~1",
        "HEAD",
        "--format",
        "json",
        "--claim",
        "japan-ai-world-level-2026-04",
        "--fail-on",
        "never",
    ]);
    let doc = json(&out.code(0).stdout);
    let criteria = doc["claims"][0]["criteria"].as_array().expect("criteria");
    let growth = criteria
        .iter()
        .find(|c| c["id"] == "budget-growth.fy2026")
        .expect("the criterion moved");
    assert_eq!(
        growth["moved_by"]["claim"],
        serde_json::json!([
            "axis[policy].criterion[budget-growth.fy2026].goalposts.world",
            "reading[catch-up].goalposts.budget-growth.fy2026.world"
        ])
    );
}

#[test]
fn an_added_claim_is_listed_and_counts_as_a_verdict_change() {
    let sandbox = repository();
    let budget = sandbox.read("claims/japan-ai-budget-more-than-doubled.toml");
    sandbox.write(
        "claims/japan-ai-budget-grew.toml",
        &budget.replacen(
            "id = \"japan-ai-budget-more-than-doubled\"",
            "id = \"japan-ai-budget-grew\"",
            1,
        ),
    );
    commit(&sandbox, "a second budget claim");
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    assert!(
        out.stdout
            .contains("Claims   10 claims: 1 added, 9 unchanged\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "│ japan-ai-budget-grew                  ┆ –                     ┆ True 1.00 "
        ),
        "{}",
        out.stdout
    );
    let doc = json(
        &sandbox
            .run(&["diff", "HEAD~1", "HEAD", "--format", "json"])
            .code(1)
            .stdout,
    );
    let added = &doc["claims"][0];
    assert_eq!(added["id"], "japan-ai-budget-grew");
    assert_eq!(added["status"], "added");
    assert_eq!(added["before"], serde_json::Value::Null);
    assert_eq!(added["after"]["label"], "True");
    sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--fail-on", "never"])
        .code(0);
    // The other way round, the claim was removed.
    let out = sandbox.run(&["diff", "HEAD", "HEAD~1"]).code(1);
    assert!(
        out.stdout.contains("1 removed, 9 unchanged"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_revision_with_a_broken_ledger_is_an_error_that_names_it() {
    let sandbox = repository();
    edit(
        &sandbox,
        "evidence/metrics.toml",
        "value = { value = 0.93, unit = \"USD bn\" }",
        "value = { value = 0.93, unit = \"USD billions\" }",
    );
    commit(&sandbox, "a unit kensho does not know");
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with("error: HEAD `HEAD` has errors:\n"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("USD billions"), "{}", out.stderr);
    assert!(
        out.stderr.contains("--> HEAD:evidence/metrics.toml:"),
        "{}",
        out.stderr
    );
    // Broken on the other side, it is BASE that is named.
    let out = sandbox.run(&["diff", "HEAD", "HEAD~1"]).code(2);
    assert!(
        out.stderr.starts_with("error: BASE `HEAD` has errors:\n"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("HEAD `HEAD~1`"), "{}", out.stderr);
}

#[test]
fn a_shallow_clone_works_once_the_base_is_fetched() {
    let origin = figure_changed();
    let full = origin.run(&["diff", "HEAD~1", "HEAD"]).code(1);

    let clone = Sandbox::empty();
    let url = format!("file://{}", origin.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "."]);
    let out = clone.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert!(
        out.stderr
            .contains("`HEAD~1` is neither a folder nor a git revision here"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("git fetch --deepen=1"),
        "{}",
        out.stderr
    );

    git(clone.path(), &["fetch", "-q", "--deepen", "1"]);
    let out = clone.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    assert_eq!(out.stdout, full.stdout);
    // Nothing was checked out: the working tree is still HEAD's.
    assert!(clone.read("evidence/metrics.toml").contains("value = 93,"));
}

/// Copies the shipped `evidence/` and `claims/` into `folder` of `sandbox`.
fn copy_shipped(sandbox: &Sandbox, folder: &str) {
    for sub in ["evidence", "claims"] {
        for entry in std::fs::read_dir(root().join(sub)).expect("read folder") {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy();
            let text = std::fs::read_to_string(&path).expect("read");
            sandbox.write(&format!("{folder}/{sub}/{name}"), &text);
        }
    }
}

#[test]
fn folders_compare_like_revisions() {
    let sandbox = Sandbox::empty();
    copy_shipped(&sandbox, "before");
    copy_shipped(&sandbox, "after");
    let metrics = sandbox.read("after/evidence/metrics.toml");
    let from = "value = { value = 0.93, unit = \"USD bn\" }";
    assert_eq!(metrics.matches(from).count(), 1);
    sandbox.write(
        "after/evidence/metrics.toml",
        &metrics.replacen(from, "value = { value = 93, unit = \"USD bn\" }", 1),
    );
    let folders = sandbox.run(&["diff", "before", "after"]).code(1);
    assert!(
        folders.stdout.starts_with("Diff     before → after\n"),
        "{}",
        folders.stdout
    );

    // The same change between two commits reads the same, but for the names.
    let repo = figure_changed();
    let commits = repo.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    assert_eq!(
        folders
            .stdout
            .replacen("before → after", "HEAD~1 → HEAD", 1),
        commits.stdout
    );

    // HEAD defaults to the working tree: here, the folders in the working folder.
    let working = Sandbox::shipped();
    copy_shipped(&working, "old");
    change_the_figure(&working);
    let out = working.run(&["diff", "old"]).code(1);
    assert_eq!(
        out.stdout
            .replacen("old → working tree", "HEAD~1 → HEAD", 1),
        commits.stdout
    );
}

/// Drops from a sandbox's ledger every record for which `drop(axes, entity)` holds; returns
/// how many it dropped.
fn drop_records(sandbox: &Sandbox, drop: impl Fn(&[&str], &str) -> bool) -> usize {
    let mut dropped = 0;
    let mut names: Vec<String> = std::fs::read_dir(sandbox.path().join("evidence"))
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let file = format!("evidence/{name}");
        // A leading line break makes every table, the first included, follow "\n[[".
        let text = format!("\n{}", sandbox.read(&file));
        let mut kept = String::new();
        for (i, table) in text.split("\n[[").enumerate() {
            let field = |key: &str| {
                table
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim_matches(['"', '[', ']']).to_owned())
            };
            let record = i > 0 && !table.starts_with("source]]");
            if let (true, Some(axes), Some(entity)) = (record, field("axes = "), field("entity = "))
            {
                let axes: Vec<&str> = axes
                    .split(',')
                    .map(|a| a.trim().trim_matches('"'))
                    .collect();
                if drop(&axes, &entity) {
                    dropped += 1;
                    continue;
                }
            }
            if i > 0 {
                kept.push_str("\n[[");
            }
            kept.push_str(table);
        }
        sandbox.write(&file, kept.strip_prefix('\n').unwrap_or(&kept));
    }
    dropped
}

#[test]
fn deleting_japans_private_investment_evidence_flips_a_verdict_and_exits_1() {
    let sandbox = repository();
    // Records about Japan or a Japanese entity that bear on the investment axis alone; the
    // peers' figures stay, so the claims' metrics are still stated.
    let foreign = ["US", "CN", "UK", "KR", "microsoft", "openai", "deepseek"];
    let dropped = drop_records(&sandbox, |axes, entity| {
        axes == ["investment"] && !foreign.contains(&entity)
    });
    assert_eq!(dropped, 9);
    commit(&sandbox, "drop Japan's private investment evidence");
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    for expected in [
        "Ledger   0 added, 9 removed, 0 changed\n",
        "│ japan-private-ai-investment-rivals-us ┆ False 0.00         ┆ Not Enough        ┆       – ┆ verdict changed │",
        "Verdict  False 0.00 → Not Enough Evidence –  (score –)\n",
        "│ private-investment-vs-leader ┆ 0.0085 ┆ no evidence (no         ┆ 0.07 → – ┆ \
         private-ai-investment-jp-2024 │",
        "│ investment · Private AI      ┆ of US  ┆ `private_ai_investment` ┆          ┆ \
         removed [1]                   │",
        "  removed metric `private-ai-investment-jp-2024` [",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            out.stdout
        );
    }
}

#[test]
fn deleting_the_investment_and_compute_evidence_flips_the_headline() {
    let sandbox = repository();
    let dropped = drop_records(&sandbox, |axes, _| {
        axes.contains(&"investment") || axes.contains(&"compute")
    });
    assert_eq!(dropped, 30);
    commit(&sandbox, "drop all investment and compute evidence");
    // The claims still name metrics such as `gpu_share` that no record now states: a
    // warning (K0506), since such a criterion simply has no evidence.
    let out = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .code(1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let claim = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "japan-ai-world-level-2026-04")
        .expect("the headline claim");
    assert_eq!(claim["before"]["label"], "Half True", "{claim}");
    assert_eq!(claim["after"]["label"], "Not Enough Evidence", "{claim}");
    let check = sandbox.run(&["check", "--format", "short"]).code(0);
    assert!(
        check
            .stdout
            .contains("warning[K0506]: criterion `gpu-share`"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_long_report_is_cut_to_fit_a_comment() {
    let sandbox = repository();
    let mut events = String::new();
    for i in 0..2500 {
        events.push_str(&format!(
            "\n[[event]]\nid = \"filler-event-{i:04}\"\ndate = 2025-01-01\nentity = \"jp-gov\"\n\
             axes = [\"policy\"]\nsources = [\"pfn-news-783\"]\ntype = \"announcement\"\n\
             title = \"A filler announcement to make the report long\"\n"
        ));
    }
    sandbox.write("evidence/filler.toml", &events);
    commit(&sandbox, "many records");
    let out = sandbox
        .run(&[
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "markdown",
            "--fail-on",
            "never",
        ])
        .code(0);
    let md = &out.stdout;
    assert!(md.len() <= 65_536, "{} bytes", md.len());
    assert!(md.len() > 60_000, "{} bytes: cut too early", md.len());
    assert!(
        md.starts_with("## kensho diff: `HEAD~1` → `HEAD`\n"),
        "{md}"
    );
    assert!(md.contains("filler-event-0000"), "{md}");
    assert!(!md.contains("filler-event-2499"), "{md}");
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    let note = md.lines().last().unwrap_or("");
    assert!(
        note.starts_with("> **Truncated:** the full report is ")
            && note.ends_with("Run `kensho diff HEAD~1 HEAD` for all of it."),
        "{note}"
    );
    // Without the cut, the table format keeps every record.
    let table = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--fail-on", "never"])
        .code(0);
    assert!(table.stdout.contains("filler-event-2499"));
}

#[test]
fn an_unknown_claim_or_revision_is_an_error() {
    let sandbox = figure_changed();
    let out = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--claim", "no-such-claim"])
        .code(2);
    assert_eq!(
        out.stderr,
        "error: no claim `no-such-claim` in either revision\n"
    );
    let out = sandbox.run(&["diff", "no-such-branch"]).code(2);
    assert!(
        out.stderr
            .starts_with("error: `no-such-branch` is neither a folder nor a git revision here"),
        "{}",
        out.stderr
    );
    let out = sandbox.run(&["diff", "--", "--help"]).code(2);
    assert!(out.stderr.contains("`--help` is neither"), "{}", out.stderr);
}

#[test]
fn as_of_replaces_each_claims_date_on_both_sides() {
    let sandbox = repository();
    let before = json(
        &sandbox
            .run(&["verify", "--format", "json", "--as-of", "2025-12-31"])
            .code(0)
            .stdout,
    );
    change_the_figure(&sandbox);
    commit(&sandbox, "Japan's 2024 private AI investment: 93 USD bn");
    let after = json(
        &sandbox
            .run(&["verify", "--format", "json", "--as-of", "2025-12-31"])
            .code(0)
            .stdout,
    );
    let out = sandbox
        .run(&[
            "diff",
            "HEAD~1",
            "HEAD",
            "--as-of",
            "2025-12-31",
            "--claim",
            "japan-ai-world-level-2026-04",
            "--format",
            "json",
        ])
        .code(0);
    let doc = json(&out.stdout);
    assert_eq!(doc["as_of"], "2025-12-31");
    let claim = &doc["claims"][0];
    assert_eq!(claim["before"]["score"], before["verdict"]["score"]);
    assert_eq!(claim["after"]["score"], after["verdict"]["score"]);
    assert_ne!(claim["before"]["score"], claim["after"]["score"]);
    let table = sandbox
        .run(&["diff", "HEAD~1", "HEAD", "--as-of", "2025-12-31"])
        .stdout;
    assert!(
        table.contains("As of    2025-12-31, for every claim\n"),
        "{table}"
    );
}

#[test]
fn an_as_of_before_a_claims_window_warns_for_that_claim_only() {
    let sandbox = Sandbox::empty();
    copy_shipped(&sandbox, "before");
    copy_shipped(&sandbox, "after");
    let out = sandbox
        .run(&["diff", "before", "after", "--as-of", "2026-03-31"])
        .code(0);
    assert!(
        out.stdout.starts_with("Diff     before → after\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("K0402"), "{}", out.stdout);
    // The four claims about April 2026; the others' windows start in 2024 and 2025.
    let warned: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning[K0402]"))
        .collect();
    assert_eq!(
        warned,
        [
            "warning[K0402]: `--as-of 2026-03-31` is before the window of claim `japan-ai-budget-more-than-doubled` starts (2026-04-01)",
            "warning[K0402]: `--as-of 2026-03-31` is before the window of claim `japan-ai-world-level-2026-04` starts (2026-04-01)",
            "warning[K0402]: `--as-of 2026-03-31` is before the window of claim `japanese-model-near-gpt-4-1-on-jmle` starts (2026-04-01)",
            "warning[K0402]: `--as-of 2026-03-31` is before the window of claim `rapidus-support-above-2-trillion-yen` starts (2026-04-01)",
        ]
    );
    assert!(
        out.stderr
            .contains("--> after/claims/japan-ai-world-level-2026-04.toml:13:10"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with("0 errors, 4 warnings\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let sandbox = figure_changed();
    for format in ["table", "json", "markdown"] {
        let a = sandbox.run(&["diff", "HEAD~1", "HEAD", "--format", format]);
        let b = sandbox.run(&["diff", "HEAD~1", "HEAD", "--format", format]);
        assert_eq!(a.code, 1);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn an_uncommitted_entity_change_is_named_among_what_moved_a_criterion() {
    let sandbox = repository();
    let vocabulary = sandbox.read("evidence/vocabulary.toml");
    let at = vocabulary.find("id = \"toyota\"").expect("toyota");
    let country = vocabulary[at..]
        .find("country = \"JP\"")
        .expect("its country")
        + at;
    sandbox.write(
        "evidence/vocabulary.toml",
        &format!(
            "{}country = \"US\"{}",
            &vocabulary[..country],
            &vocabulary[country + "country = \"JP\"".len()..]
        ),
    );
    // No HEAD: the working tree, against the last commit.
    let out = sandbox
        .run(&[
            "diff",
            "HEAD",
            "--claim",
            "japan-ai-world-level-2026-04",
            "--format",
            "json",
        ])
        .code(0);
    let doc = json(&out.stdout);
    assert_eq!(doc["head"], "working tree");
    let criteria = doc["claims"][0]["criteria"].as_array().expect("criteria");
    let ids: Vec<&str> = criteria.iter().filter_map(|c| c["id"].as_str()).collect();
    assert_eq!(ids, ["field-deployments", "deployment-news"]);
    for criterion in criteria {
        assert_eq!(
            criterion["moved_by"],
            serde_json::json!({
                "records": [],
                "entities": [{ "id": "toyota", "change": "changed", "footnotes": [] }],
                "claim": []
            })
        );
    }
    assert_eq!(
        doc["ledger"][0]["fields"],
        serde_json::json!([{ "path": "country", "before": "\"JP\"", "after": "\"US\"" }])
    );
}

// Links, submodules and sizes: a revision's folders are read as a checkout would read them,
// and what cannot be read is refused by name, never read as empty.

/// Moves `from` to `to` in the sandbox, creating `to`'s folder.
#[cfg(unix)]
fn move_to(sandbox: &Sandbox, from: &str, to: &str) {
    let to = sandbox.path().join(to);
    std::fs::create_dir_all(to.parent().expect("parent")).expect("create folder");
    std::fs::rename(sandbox.path().join(from), to).expect("move");
}

#[cfg(unix)]
fn link(sandbox: &Sandbox, target: impl AsRef<Path>, at: &str) {
    std::os::unix::fs::symlink(target, sandbox.path().join(at)).expect("link");
}

#[cfg(unix)]
#[test]
fn a_ledger_folder_behind_a_link_reads_as_the_folder() {
    let sandbox = repository();
    move_to(&sandbox, "evidence", "data/evidence");
    link(&sandbox, "data/evidence", "evidence");
    commit(&sandbox, "the ledger lives in data/, reached by a link");
    sandbox.run(&["check"]).code(0);
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(0);
    assert!(
        out.stdout
            .contains("Claims   9 claims: 9 unchanged\nLedger   no change\n"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );

    // A change made through the link is read at the revision like any other.
    change_the_figure(&sandbox);
    commit(&sandbox, "Japan's 2024 private AI investment: 93 USD bn");
    let through_link = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    let plain = figure_changed().run(&["diff", "HEAD~1", "HEAD"]).code(1);
    assert_eq!(through_link.stdout, plain.stdout);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_elsewhere_in_the_repository_reads_from_a_subfolder_too() {
    // The project in `project/`, its ledger shared from `shared/evidence`, run from
    // `project/`: paths are the working folder's, links resolve from where they are.
    let sandbox = Sandbox::empty();
    copy_shipped(&sandbox, "project");
    git(sandbox.path(), &["init", "-q"]);
    commit(&sandbox, "the project in a subfolder");
    move_to(&sandbox, "project/evidence", "shared/evidence");
    link(&sandbox, "../shared/evidence", "project/evidence");
    commit(&sandbox, "the ledger shared from another folder");
    let run = |args: &[&str]| {
        let mut command = sandbox.command(args);
        command.current_dir(sandbox.path().join("project"));
        crate::harness::Output::of(command.output().expect("run kensho"))
    };
    let out = run(&["diff", "HEAD~1", "HEAD"]).code(0);
    assert!(
        out.stdout.contains("Ledger   no change\n"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
    // Errors name files as the working folder sees them.
    edit(
        &sandbox,
        "shared/evidence/metrics.toml",
        "value = { value = 0.93, unit = \"USD bn\" }",
        "value = { value = 0.93, unit = \"USD billions\" }",
    );
    commit(&sandbox, "a unit kensho does not know");
    let out = run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert!(
        out.stderr.contains("--> HEAD:evidence/metrics.toml:"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_ledger_file_behind_a_link_reads_as_the_file() {
    let sandbox = repository();
    move_to(&sandbox, "evidence/metrics.toml", "data/metrics.toml");
    link(&sandbox, "../data/metrics.toml", "evidence/metrics.toml");
    // A link named `*.toml` to a folder is no file, as on disk.
    link(&sandbox, "../data", "evidence/folder.toml");
    commit(&sandbox, "metrics kept in data/, linked into the ledger");
    sandbox.run(&["check"]).code(0);
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(0);
    assert!(
        out.stdout.contains("Ledger   no change\n"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
    change_the_figure(&sandbox);
    commit(&sandbox, "Japan's 2024 private AI investment: 93 USD bn");
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(1);
    assert!(
        out.stdout.contains("      value.value: 0.93 → 93\n"),
        "{}",
        out.stdout
    );
}

#[cfg(unix)]
#[test]
fn links_that_leave_the_repository_are_refused_by_name() {
    // The working tree reads through them: they lead somewhere on this disk.
    let sandbox = repository();
    let elsewhere = Sandbox::shipped();
    std::fs::remove_dir_all(sandbox.path().join("evidence")).expect("remove");
    let outside = elsewhere.path().join("evidence");
    link(&sandbox, &outside, "evidence");
    commit(&sandbox, "the ledger from another folder on this machine");
    sandbox.run(&["check"]).code(0);
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "error: `HEAD:evidence` leads outside the repository: the symbolic link `evidence` \
             points to `{}`; kensho reads a revision only from its own files\n",
            outside.display()
        )
    );

    // A file whose link climbs out of the repository.
    let sandbox = repository();
    sandbox.write(
        "../metrics-outside.toml",
        &sandbox.read("evidence/metrics.toml"),
    );
    std::fs::remove_file(sandbox.path().join("evidence/metrics.toml")).expect("remove");
    link(
        &sandbox,
        "../../metrics-outside.toml",
        "evidence/metrics.toml",
    );
    commit(&sandbox, "metrics from beside the repository");
    let out = sandbox.run(&["diff", "HEAD", "HEAD~1"]).code(2);
    assert_eq!(
        out.stderr,
        "error: `HEAD:evidence/metrics.toml` leads outside the repository: the symbolic link \
         `evidence/metrics.toml` points to `../../metrics-outside.toml`; kensho reads a \
         revision only from its own files\n"
    );
    std::fs::remove_file(sandbox.path().join("../metrics-outside.toml")).expect("remove");
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_is_refused_rather_than_read_as_empty() {
    let sandbox = repository();
    std::fs::remove_dir_all(sandbox.path().join("evidence")).expect("remove");
    link(&sandbox, "data/evidence", "evidence");
    commit(&sandbox, "a link to a folder never committed");
    let expected = "leads nowhere: the symbolic link `evidence` points to `data/evidence`";
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert!(
        out.stderr.starts_with("error: `HEAD:evidence` ") && out.stderr.contains(expected),
        "{}",
        out.stderr
    );
    // The working tree, where the same link leads nowhere either.
    let out = sandbox.run(&["diff", "HEAD~1"]).code(2);
    assert!(
        out.stderr.starts_with("error: `evidence` ") && out.stderr.contains(expected),
        "{}",
        out.stderr
    );
}

/// The object id of a new commit made of the current index, for a gitlink to point at.
fn head_commit(sandbox: &Sandbox) -> String {
    git(sandbox.path(), &["rev-parse", "HEAD"])
        .trim()
        .to_owned()
}

#[test]
fn a_submodule_ledger_is_refused_by_name() {
    let sandbox = repository();
    let commit_id = head_commit(&sandbox);
    // The ledger folder becomes a gitlink: a commit of another repository, whose files are
    // not among this one's objects. The files stay on disk, untracked.
    git(sandbox.path(), &["rm", "-r", "-q", "--cached", "evidence"]);
    git(
        sandbox.path(),
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{commit_id},evidence"),
        ],
    );
    git(
        sandbox.path(),
        &["commit", "-q", "-m", "the ledger as a submodule"],
    );
    assert!(git(sandbox.path(), &["ls-tree", "HEAD"]).contains("160000 commit "));
    let expected = "error: `HEAD:evidence` is a submodule: a submodule's files are not among \
                    this repository's objects, so kensho cannot read them at a revision; \
                    compare two folders instead\n";
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    assert_eq!(out.stderr, expected);
    assert_eq!(out.stdout, "");
    // As BASE, against the working tree, it is refused all the same.
    let out = sandbox.run(&["diff", "HEAD"]).code(2);
    assert_eq!(out.stderr, expected);
}

/// Stores a loose object that says it is a blob of `size` bytes but holds only a few: git
/// reports the size from the header without reading further, and any attempt to read the
/// blob fails. Returns its id.
fn blob_claiming_size(sandbox: &Sandbox, size: u64) -> String {
    let mut raw = format!("blob {size}\0").into_bytes();
    raw.extend_from_slice(b"# not really that large\n");
    // zlib with one stored (uncompressed) block, then the Adler-32 of the data.
    let mut zlib = vec![0x78, 0x01, 0x01];
    let len = u16::try_from(raw.len()).expect("short");
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    // Any name will do: git does not check a loose object's hash to read its header.
    let oid = "b1".repeat(20);
    let dir = sandbox.path().join(".git/objects").join(&oid[..2]);
    std::fs::create_dir_all(&dir).expect("create folder");
    std::fs::write(dir.join(&oid[2..]), zlib).expect("write object");
    oid
}

#[test]
fn a_blob_over_the_size_limit_is_refused_before_it_is_read() {
    let sandbox = repository();
    // 5 GB by its header, more than the 4 GiB offsets kensho locates a file by.
    let oid = blob_claiming_size(&sandbox, 5_000_000_000);
    assert_eq!(
        git(sandbox.path(), &["cat-file", "-s", &oid]).trim(),
        "5000000000"
    );
    git(
        sandbox.path(),
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{oid},evidence/huge.toml"),
        ],
    );
    git(sandbox.path(), &["commit", "-q", "-m", "a file too large"]);
    let out = sandbox.run(&["diff", "HEAD~1", "HEAD"]).code(2);
    // Reading it would have failed in git; kensho refuses it from its listed size alone.
    assert_eq!(
        out.stderr,
        "error: `HEAD:evidence/huge.toml` is 4 GiB or larger; kensho reads files up to 4 GiB\n"
    );
    assert_eq!(out.stdout, "");
}
