//! Every shipped TOML file, and everything `add` writes, is already laid out as the
//! repository's `.taplo.toml` says: `taplo fmt --check` passes on them. The options are
//! read from that file, so it stays the one place they are set.

use std::path::Path;

use crate::harness::{Sandbox, root};

/// The `[formatting]` options of the repository's `.taplo.toml`.
fn options() -> taplo::formatter::Options {
    let text = std::fs::read_to_string(root().join(".taplo.toml")).expect(".taplo.toml");
    let config: toml::Table = toml::from_str(&text).expect(".taplo.toml is TOML");
    let formatting = config
        .get("formatting")
        .and_then(toml::Value::as_table)
        .expect("a [formatting] table");
    let pairs = formatting.iter().map(|(key, value)| {
        let value = match value {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        (key.clone(), value)
    });
    let mut options = taplo::formatter::Options::default();
    options.update_from_str(pairs).expect("options taplo knows");
    options
}

/// Asserts that `text`, named `name` in the message, is formatted: taplo leaves it as it is.
pub(crate) fn assert_formatted(name: &str, text: &str) {
    let formatted = taplo::formatter::format(text, options());
    if formatted != text {
        let diff = similar::TextDiff::from_lines(text, &formatted)
            .unified_diff()
            .header(name, "formatted")
            .to_string();
        panic!("{name} is not formatted as .taplo.toml says:\n{diff}");
    }
}

/// The `*.toml` files under `dir`, at any depth.
fn toml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(toml_files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn the_shipped_files_are_formatted() {
    let mut files = toml_files(&root().join("evidence"));
    files.extend(toml_files(&root().join("claims")));
    files.push(root().join(".taplo.toml"));
    assert!(files.len() > 5, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        assert_formatted(&path.display().to_string(), &text);
    }
}

#[test]
fn a_file_with_a_long_line_or_an_extra_blank_line_is_not() {
    // The check can fail: taplo's layout differs from these.
    for text in [
        "[[event]]\nid = \"a\"\n\n\n\ntitle = \"t\"\n",
        "[[event]]\nid=\"a\"\n",
        "[[event]]\n  id = \"a\"\n",
    ] {
        let formatted = taplo::formatter::format(text, options());
        assert_ne!(formatted, text);
    }
}

/// `add` of every kind, with its flags, into the shipped ledger; and into a file of its own.
#[test]
fn what_add_writes_is_formatted() {
    let record = |kind: &'static str, extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec![
            "add",
            kind,
            "--date",
            "2026-04-30",
            "--entity",
            "aist",
            "--axis",
            "compute",
            "--source",
            "aist-report-2025",
            "--title",
            "A title with “quotes”, Café Müller's and 理研",
            "--note",
            "A note\nover two lines",
        ];
        args.extend(extra);
        args
    };
    let additions: Vec<Vec<&str>> = vec![
        record("event", &["--type", "launch", "--partner", "sakana"]),
        record(
            "budget",
            &[
                "--metric",
                "ai_budget",
                "--amount",
                "about 12.5 億円",
                "--basis",
                "annual",
            ],
        ),
        record(
            "investment",
            &[
                "--amount",
                "1000 億円",
                "--basis",
                "new",
                "--investor",
                "sakana",
            ],
        ),
        record("metric", &["--metric", "gpu_share", "--value", "1.5 %"]),
        record(
            "benchmark",
            &[
                "--model",
                "m",
                "--test",
                "t",
                "--score",
                "70 %",
                "--comparator",
                "gpt@openai=71.5 %",
                "--self-reported",
            ],
        ),
        record(
            "release",
            &[
                "--artifact",
                "a",
                "--artifact-kind",
                "model",
                "--open-weights",
                "true",
            ],
        ),
        record(
            "deployment",
            &[
                "--system",
                "s",
                "--domain",
                "healthcare",
                "--stage",
                "pilot",
                "--result",
                "speed=2 factor",
            ],
        ),
        record("target", &["--value", "1 GW", "--by-year", "2030"]),
        vec![
            "add",
            "source",
            "--id",
            "new-source",
            "--url",
            "https://example.com/a?b=c",
            "--publisher",
            "P",
            "--title",
            "T",
            "--source-kind",
            "news",
            "--published",
            "2026-04-30",
        ],
        vec![
            "add",
            "entity",
            "--id",
            "new-entity",
            "--name",
            "N",
            "--name-ja",
            "名",
            "--entity-kind",
            "company",
            "--country",
            "JP",
        ],
        vec![
            "add",
            "axis",
            "--id",
            "new-axis",
            "--title",
            "T",
            "--description",
            "D",
        ],
    ];
    let sandbox = Sandbox::shipped();
    for args in &additions {
        let out = sandbox.run(args);
        assert_eq!(out.code, 0, "{args:?}\n{}", out.stderr);
    }
    // A kind without a file of its own gets a new one.
    let mut args = record(
        "event",
        &["--type", "launch", "--file", "evidence/new.toml"],
    );
    args[3] = "2026-05-01";
    let out = sandbox.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for path in toml_files(&sandbox.path().join("evidence")) {
        let text = std::fs::read_to_string(&path).expect("read");
        assert_formatted(&path.display().to_string(), &text);
    }
}

#[test]
fn what_init_writes_is_formatted() {
    let sandbox = Sandbox::empty();
    let out = sandbox.run(&["init", "topic"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = toml_files(&sandbox.path().join("topic"));
    assert!(
        files.iter().any(|f| f.ends_with("kensho.toml")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with(".taplo.toml")),
        "{files:?}"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        assert_formatted(&path.display().to_string(), &text);
    }
}
