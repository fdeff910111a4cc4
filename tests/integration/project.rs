//! A project of one's own: `kensho init`, finding the project from any subfolder as cargo and
//! git do, the built-in ledger's notice, folders named that do not exist, the global options,
//! and ClaimReview ready to publish.

use std::path::Path;
use std::process::Command;

use crate::harness::{Output, Sandbox, root, snapshot_tree};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Runs git in `dir` with a fixed identity and no system or signing settings.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=kensho tests",
            "-c",
            "user.email=tests@kensho.invalid",
        ])
        .args([
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
}

/// Runs kensho in `sub`, a folder of the sandbox.
fn run_in(sandbox: &Sandbox, sub: &str, args: &[&str]) -> Output {
    let mut command = sandbox.command(args);
    command.current_dir(sandbox.path().join(sub));
    Output::of(command.output().expect("run kensho"))
}

/// A sandbox that is the root of a git repository, so that no project above it is found.
fn repository() -> Sandbox {
    let sandbox = Sandbox::empty();
    git(sandbox.path(), &["init", "-q"]);
    sandbox
}

/// Every file `init` wrote, by path from the project's root, without git's own.
fn written(sandbox: &Sandbox) -> Vec<(String, String)> {
    snapshot_tree(sandbox.path())
        .into_iter()
        .map(|(path, bytes)| {
            let path = path.strip_prefix(sandbox.path()).expect("inside");
            let name = path.to_string_lossy().replace('\\', "/");
            (name, String::from_utf8(bytes).expect("UTF-8"))
        })
        .filter(|(name, _)| !name.starts_with(".git/"))
        .collect()
}

#[test]
fn init_writes_a_project_that_checks_and_verifies() {
    let sandbox = repository();
    let out = sandbox.run(&["init"]).code(0);
    insta::assert_snapshot!("init_stdout", out.stdout);
    let files = written(&sandbox);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    insta::assert_snapshot!("init_tree", names.join("\n"));
    // The examples, as a new user first reads them.
    let toml: Vec<String> = (files.iter())
        .filter(|(name, _)| name.ends_with(".toml") && name != ".taplo.toml")
        .map(|(name, text)| format!("==> {name} <==\n{text}"))
        .collect();
    insta::assert_snapshot!("init_toml_files", toml.join("\n"));
    // One copy of each shared file: the schemas are what `kensho schema` prints, the taplo
    // settings and the workflow are the repository's own.
    let text = |name: &str| {
        (files.iter())
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("no `{name}`"))
    };
    for kind in ["ledger", "claim", "project"] {
        let schema = sandbox.run(&["schema", kind]).code(0).stdout;
        assert_eq!(text(&format!("schemas/{kind}.schema.json")), schema);
    }
    let shipped = |path: &str| std::fs::read_to_string(root().join(path)).expect("read");
    assert_eq!(text(".taplo.toml"), shipped(".taplo.toml"));
    assert_eq!(
        text(".github/workflows/kensho.yml"),
        shipped("examples/ci/kensho.yml")
    );
    // Every `#:schema` line leads to a schema that is there.
    for (name, body) in files.iter().filter(|(n, _)| n.ends_with(".toml")) {
        let Some(target) = body
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("#:schema "))
        else {
            assert_eq!(name, ".taplo.toml", "`{name}` has no `#:schema` line");
            continue;
        };
        let folder = sandbox.path().join(name);
        let schema = folder.parent().expect("a folder").join(target);
        assert!(
            schema.is_file(),
            "`{name}` points at `{target}`, which is not there"
        );
    }
    let check = sandbox.run(&["check"]).code(0);
    assert_eq!(check.stdout, "0 errors, 0 warnings\n");
    assert_eq!(check.stderr, "");
    let verdict = json(&sandbox.run(&["verify", "--format", "json"]).code(0).stdout);
    assert_eq!(verdict["claim"]["id"], "example-co-launches-2026");
    assert_eq!(verdict["verdict"]["label"], "Half True");
}

#[test]
fn init_replaces_nothing() {
    let sandbox = Sandbox::empty();
    sandbox.write("project/kensho.toml", "# mine\n");
    let before = snapshot_tree(sandbox.path());
    let out = sandbox.run(&["init", "project"]).code(2);
    assert_eq!(
        out.stderr,
        "error: `project/kensho.toml` exists already; `init` replaces nothing, so it wrote nothing\n"
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
    // Into a new folder, which it makes.
    sandbox.run(&["init", "new/project"]).code(0);
    assert!(sandbox.path().join("new/project/kensho.toml").is_file());
}

#[test]
fn a_new_user_goes_from_init_to_a_verdict_diff() {
    let sandbox = repository();
    sandbox.run(&["init"]).code(0);
    git(sandbox.path(), &["add", "-A"]);
    git(sandbox.path(), &["commit", "-q", "-m", "init"]);
    // From a subfolder: the project is found above.
    sandbox.write("notes/readme.txt", "");
    let added = run_in(
        &sandbox,
        "notes",
        &[
            "add",
            "source",
            "--id",
            "example-co-news-2026-06-01",
            "--url",
            "https://example.org/news/2026-06-01-second-launch",
            "--publisher",
            "Example Co.",
            "--title",
            "Example Co. announces its second product",
            "--source-kind",
            "company",
            "--published",
            "2026-06-01",
        ],
    )
    .code(0);
    assert_eq!(
        added.stdout,
        "added source `example-co-news-2026-06-01` to `../evidence/sources.toml`\n"
    );
    run_in(
        &sandbox,
        "notes",
        &[
            "add",
            "event",
            "--id",
            "example-co-second-launch",
            "--date",
            "2026-06-01",
            "--entity",
            "example-co",
            "--axis",
            "launches",
            "--source",
            "example-co-news-2026-06-01",
            "--type",
            "launch",
            "--title",
            "Example Co. launches its second product",
        ],
    )
    .code(0);
    let check = run_in(&sandbox, "notes", &["check"]).code(0);
    assert_eq!(check.stdout, "0 errors, 0 warnings\n");
    let verdict = json(
        &run_in(&sandbox, "notes", &["verify", "--format", "json"])
            .code(0)
            .stdout,
    );
    assert_eq!(verdict["verdict"]["label"], "True");
    // The verdict moved since the last commit: exit 1, as diff(1) does.
    let diff = run_in(&sandbox, "notes", &["diff", "HEAD", "--format", "json"]).code(1);
    let moved = json(&diff.stdout);
    let claim = &moved["claims"][0];
    assert_eq!(claim["id"], "example-co-launches-2026");
    assert_eq!(claim["status"], "verdict_changed");
    assert_eq!(claim["before"]["label"], "Half True");
    assert_eq!(claim["after"]["label"], "True");
}

#[test]
fn the_project_is_found_from_a_subfolder() {
    let sandbox = Sandbox::shipped();
    git(sandbox.path(), &["init", "-q"]);
    sandbox.write("evidence/deeper/x.txt", "");
    let out = run_in(&sandbox, "evidence/deeper", &["check", "--format", "short"]).code(0);
    assert_eq!(out.stderr, "");
    let here = sandbox.run(&["check", "--format", "short"]).code(0);
    assert_eq!(
        out.stdout,
        here.stdout.replace("evidence/", "../../evidence/")
    );
    // A claims folder alone is found too, and graded against the built-in ledger.
    let claims_only = repository();
    let claim =
        std::fs::read_to_string(root().join("claims/japan-top-ten-ai-research-nation.toml"))
            .expect("read");
    claims_only.write("claims/mine.toml", &claim);
    claims_only.write("claims/sub/x.txt", "");
    let out = run_in(&claims_only, "claims/sub", &["claims"]).code(0);
    assert!(
        out.stdout.contains("japan-top-ten-ai-research-nation"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("japan-ai-world-level-2026-04"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "note: no ledger here or above (no `kensho.toml` or `evidence/`): using the ledger built \
         into kensho, with the claims in `../../claims`; `kensho init` starts a project\n"
    );
}

#[test]
fn the_built_in_ledger_says_so_in_one_line_unless_quiet() {
    let sandbox = repository();
    let out = sandbox.run(&["verify", "--format", "json"]).code(0);
    assert_eq!(
        out.stderr,
        "note: no ledger here or above (no `kensho.toml` or `evidence/`): using the ledger and \
         claims built into kensho; `kensho init` starts a project\n"
    );
    assert_eq!(json(&out.stdout)["verdict"]["label"], "Half True");
    for args in [
        &["--quiet", "verify", "--format", "json"][..],
        &["verify", "-q", "--format", "json"],
    ] {
        let quiet = sandbox.run(args).code(0);
        assert_eq!(quiet.stderr, "");
        assert_eq!(quiet.stdout, out.stdout);
    }
}

#[test]
fn folders_named_that_do_not_exist_are_errors() {
    let sandbox = Sandbox::shipped();
    let out = sandbox.run(&["verify", "--ledger", "nowhere"]).code(2);
    assert_eq!(out.stderr, "error: no ledger folder at `nowhere`\n");
    let out = sandbox.run(&["--claims", "nowhere", "check"]).code(2);
    assert_eq!(out.stderr, "error: no claims folder at `nowhere`\n");
    sandbox.write("kensho.toml", "ledger = \"data\"\n");
    let out = sandbox.run(&["check"]).code(2);
    assert_eq!(out.stderr, "error: no ledger folder at `data`\n");
}

#[test]
fn location_options_go_before_or_after_the_command() {
    let sandbox = Sandbox::empty();
    let ledger = root().join("evidence");
    let claims = root().join("claims");
    let (ledger, claims) = (
        ledger.to_str().expect("UTF-8"),
        claims.to_str().expect("UTF-8"),
    );
    let after = sandbox
        .run(&["claims", "--ledger", ledger, "--claims", claims])
        .code(0);
    let before = sandbox
        .run(&["--ledger", ledger, "--claims", claims, "claims"])
        .code(0);
    assert_eq!(after.stdout, before.stdout);
    assert_eq!(after.stderr, "");
}

#[test]
fn a_broken_project_file_is_shown_where_it_is_wrong() {
    let sandbox = Sandbox::shipped();
    sandbox.write("kensho.toml", "ledger = \"evidence\"\nledgr = \"x\"\n");
    sandbox.write("sub/x.txt", "");
    let out = run_in(&sandbox, "sub", &["verify"]).code(2);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn the_project_file_names_the_default_claim() {
    let sandbox = Sandbox::shipped();
    sandbox.write(
        "kensho.toml",
        "default_claim = \"japan-top-ten-ai-research-nation\"\n",
    );
    let verdict = json(&sandbox.run(&["verify", "--format", "json"]).code(0).stdout);
    assert_eq!(verdict["claim"]["id"], "japan-top-ten-ai-research-nation");
}

#[test]
fn github_annotations_are_placed_from_the_repository_root() {
    let sandbox = Sandbox::empty();
    git(sandbox.path(), &["init", "-q"]);
    let init = sandbox.run(&["init", "checks"]).code(0);
    let root = sandbox.path().join(".github/workflows");
    assert_eq!(
        init.stderr,
        format!(
            "note: GitHub runs workflows only from the repository's root: move \
             `.github/workflows/kensho.yml` to `{}` and set its `working-directory` to `checks`\n",
            root.display()
        )
    );
    let vocabulary = sandbox.read("checks/evidence/vocabulary.toml");
    sandbox.write(
        "checks/evidence/vocabulary.toml",
        &vocabulary.replace("kind = \"company\"", "kind = \"firm\""),
    );
    let out = run_in(&sandbox, "checks", &["check", "--format", "github"]).code(1);
    assert!(
        out.stdout.contains("file=checks/evidence/vocabulary.toml,"),
        "{}",
        out.stdout
    );
}

/// Google's fact-check documentation: the ClaimReview properties it requires and those it
/// recommends, with the properties of the Claim and the Rating they hold.
const REQUIRED: &[&str] = &[
    "claimReviewed",
    "reviewRating",
    "reviewRating.alternateName",
    "url",
];
const RECOMMENDED: &[&str] = &[
    "author",
    "author.name",
    "author.url",
    "datePublished",
    "itemReviewed",
    "itemReviewed.author",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance",
    "reviewRating.bestRating",
    "reviewRating.name",
    "reviewRating.ratingValue",
    "reviewRating.worstRating",
];

fn property<'a>(document: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.')
        .try_fold(document, |value, key| value.get(key))
        .filter(|value| !value.is_null())
}

#[test]
fn claimreview_has_every_required_and_recommended_property_when_told_them() {
    let sandbox = repository();
    sandbox.run(&["init"]).code(0);
    let out = sandbox
        .run(&[
            "verify",
            "--format",
            "claimreview",
            "--url",
            "https://example.org/checks/launches.html",
            "--author",
            "Example Desk",
        ])
        .code(0);
    let review = json(&out.stdout);
    let lacking: Vec<&str> = (REQUIRED.iter().chain(RECOMMENDED))
        .copied()
        .filter(|p| property(&review, p).is_none())
        .collect();
    // The author's home page comes only from the project file.
    assert_eq!(lacking, ["author.url"]);
    assert_eq!(
        out.stderr,
        "note: the ClaimReview of `example-co-launches-2026` lacks what Google's fact-check \
         markup requires or recommends:\n  `author.url` (recommended): give `url` in \
         kensho.toml's `[publisher]`\n"
    );
    assert_eq!(review["url"], "https://example.org/checks/launches.html");
    assert_eq!(review["author"]["name"], "Example Desk");
    assert_eq!(review["itemReviewed"]["author"]["name"], "Example Co.");
    assert_eq!(
        review["itemReviewed"]["appearance"]["url"],
        "https://example.org/news/2026-01-15-first-launch"
    );
    assert_eq!(review["itemReviewed"]["datePublished"], "2026-01-15");

    // The project file says it all, once for every claim.
    let project = sandbox.read("kensho.toml");
    sandbox.write(
        "kensho.toml",
        &project
            .replace("# [publisher]", "[publisher]")
            .replace("# name = ", "name = ")
            .replace("# url = ", "url = ")
            .replace("# review_url = ", "review_url = "),
    );
    let out = sandbox.run(&["verify", "--format", "claimreview"]).code(0);
    assert_eq!(out.stderr, "");
    let review = json(&out.stdout);
    for p in REQUIRED.iter().chain(RECOMMENDED) {
        assert!(property(&review, p).is_some(), "no `{p}`:\n{}", out.stdout);
    }
    assert_eq!(
        review["url"],
        "https://example.org/fact-checks/example-co-launches-2026.html"
    );
    assert_eq!(review["author"]["url"], "https://example.org/");
}

#[test]
fn claimreview_says_what_it_lacks() {
    let sandbox = Sandbox::shipped();
    let out = sandbox.run(&["verify", "--format", "claimreview"]).code(0);
    insta::assert_snapshot!(out.stderr);
    let review = json(&out.stdout);
    for p in REQUIRED.iter().filter(|p| **p != "url") {
        assert!(property(&review, p).is_some(), "no `{p}`");
    }
    assert!(property(&review, "url").is_none());
    let bad = sandbox
        .run(&["verify", "--format", "claimreview", "--url", "example.org"])
        .code(2);
    assert_eq!(
        bad.stderr,
        "error: `--url` is a malformed URL: `example.org` does not start with `https://` or `http://`\n"
    );
    let misplaced = sandbox.run(&["verify", "--author", "Desk"]).code(2);
    assert_eq!(
        misplaced.stderr,
        "error: `--url` and `--author` are for `--format claimreview` and `--format html`\n"
    );
}

#[test]
fn the_ci_workflow_checks_then_diffs_even_after_a_failed_check_with_a_cached_binary() {
    let workflow = std::fs::read_to_string(root().join("examples/ci/kensho.yml")).expect("read");
    let step = |name: &str| -> String {
        let start = workflow
            .find(&format!("- name: {name}"))
            .unwrap_or_else(|| panic!("no step `{name}`"));
        let rest = &workflow[start + 2..];
        rest[..rest.find("\n      - ").unwrap_or(rest.len())].to_owned()
    };
    assert!(workflow.contains("- uses: actions/checkout@v5\n"));
    assert!(step("Restore the kensho binary").contains("uses: actions/cache@v5"));
    assert!(step("Restore the kensho binary").contains("path: ~/.cargo/bin/kensho"));
    assert!(step("Install kensho").contains("if: steps.kensho-cache.outputs.cache-hit != 'true'"));
    assert!(step("Check the ledger and claims").contains("kensho check --format github"));
    let diff = step("How the verdicts moved");
    assert!(diff.contains("if: ${{ !cancelled() }}"), "{diff}");
    assert!(diff.contains("kensho diff"), "{diff}");
}
