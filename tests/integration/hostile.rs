//! Nothing hostile reaches a terminal or a page: control characters and characters that
//! reorder text are refused in every string of the ledger and of claims, at the string, and
//! whatever reaches an output anyway is shown visibly; ids follow one grammar; URLs hold
//! nothing that could end a quote or an element; ClaimReview cannot end a `<script>`.
//!
//! The property runs a few dozen cases from a fixed seed, calling the library as the CLI
//! does, and renders every output even for a ledger with errors (the CLI refuses to, but
//! diagnostics quote it, and a renderer must never depend on that refusal).

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::RngSeed;

use crate::harness::{Sandbox, root};
use kensho::diagnostic::Code;
use kensho::engine::evaluate;
use kensho::engine::robustness::{Settings, assess};
use kensho::engine::timeline::{Step, days, default_range, timeline};
use kensho::hostile::is_hostile;
use kensho::render::table::DEFAULT_WIDTH as WIDTH;
use kensho::render::{self, Verdict, explain::Focus};
use kensho::workspace::{Tree, Workspace};

/// The shipped ledger and claims, as read from the project.
fn shipped() -> Tree {
    Tree::read(&root().join("evidence"), &root().join("claims")).expect("the shipped tree")
}

/// Every `key = "value"` line of the shipped files: (file index in ledger then claims, line
/// number from 1, key).
fn targets(tree: &Tree) -> Vec<(usize, usize, String)> {
    let files = tree.ledger.iter().chain(&tree.claims);
    let mut out = Vec::new();
    for (f, file) in files.enumerate() {
        let text = std::str::from_utf8(&file.bytes).expect("UTF-8");
        for (i, line) in text.lines().enumerate() {
            let Some((key, value)) = line.split_once(" = \"") else {
                continue;
            };
            let bare = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if bare && value.ends_with('"') && !value.starts_with("\"\"") {
                out.push((f, i + 1, key.to_owned()));
            }
        }
    }
    out
}

/// Hostile characters: C0 (tab and line feed included), DEL, C1, the direction characters,
/// the line and paragraph separators.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0')),
        Just('\u{7f}'),
        (0x80u32..0xa0).prop_map(|c| char::from_u32(c).unwrap_or('\u{80}')),
        prop::sample::select(vec![
            '\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202b}',
            '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ]),
    ]
}

/// The tree with `c` put into the value on `line` of file `file`, at the character
/// `position` (taken modulo the value's length), written as a TOML escape, or as it is
/// where TOML allows that (`raw`).
fn with_hostile(
    tree: &Tree,
    file: usize,
    line: usize,
    c: char,
    position: usize,
    raw: bool,
) -> Tree {
    let mut tree = tree.clone();
    let ledger = tree.ledger.len();
    let target = if file < ledger {
        &mut tree.ledger[file]
    } else {
        &mut tree.claims[file - ledger]
    };
    let text = String::from_utf8(target.bytes.clone()).expect("UTF-8");
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let old = &lines[line - 1];
    let open = old.find(" = \"").expect("a string") + 4;
    let value = &old[open..old.len() - 1];
    let boundaries: Vec<usize> = (value.char_indices().map(|(i, _)| i))
        .chain([value.len()])
        .filter(|&i| !value[..i].ends_with('\\'))
        .collect();
    let at = open + boundaries[position % boundaries.len()];
    // TOML takes C0 controls and DEL only as escapes.
    let written = if raw && !matches!(c, '\0'..='\u{1f}' | '\u{7f}') {
        c.to_string()
    } else {
        format!("\\u{:04X}", u32::from(c))
    };
    let mut new = old.clone();
    new.insert_str(at, &written);
    lines[line - 1] = new;
    target.bytes = lines.join("\n").into_bytes();
    target.on_disk = None;
    tree
}

/// Asserts that `output` holds no hostile character but the line feeds between its lines
/// and, in colour, kensho's own colour codes (`ESC [ digits ; m`).
fn clean(what: &str, output: &str) {
    let mut rest = output;
    let mut plain = String::new();
    while let Some(at) = rest.find('\u{1b}') {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let sgr = after.strip_prefix('[').and_then(|a| {
            let end = a.find(|c: char| !c.is_ascii_digit() && c != ';')?;
            a[end..].starts_with('m').then(|| &a[end + 1..])
        });
        match sgr {
            Some(next) => rest = next,
            None => {
                plain.push('\u{1b}');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if let Some(c) = plain.chars().find(|&c| c != '\n' && is_hostile(c)) {
        panic!("{what} prints {c:?} as it is:\n{output}");
    }
}

/// Every output of every command, rendered from `workspace` whatever its errors.
fn every_output(workspace: &Workspace, base: &Workspace) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let d = &workspace.diagnostics;
    let files = &workspace.files;
    out.push((
        "check human".into(),
        render::diagnostics::human(d, files, false),
    ));
    out.push((
        "check human in colour".into(),
        render::diagnostics::human(d, files, true),
    ));
    out.push(("check short".into(), render::diagnostics::short(d, files)));
    out.push(("check json".into(), render::diagnostics::json(d, files)));
    out.push(("check github".into(), render::diagnostics::github(d, files)));
    let ledger = &workspace.ledger;
    for claim in &workspace.claims {
        let evaluation = evaluate(claim, ledger, claim.as_of);
        let settings = Settings {
            draws: 16,
            ..Settings::default()
        };
        let robustness = assess(claim, ledger, &evaluation, settings);
        let verdict = Verdict {
            claim,
            ledger,
            evaluation: &evaluation,
            robustness: Some(&robustness),
        };
        let focus = Focus::default();
        out.push((
            "verify table".into(),
            render::table::render(&verdict, WIDTH),
        ));
        out.push(("verify json".into(), render::json::render(&verdict)));
        out.push(("verify markdown".into(), render::markdown::render(&verdict)));
        out.push((
            "verify claimreview".into(),
            render::claimreview::render(&verdict, &Default::default()),
        ));
        let points = kensho::site::timeline(claim, ledger, claim.as_of);
        out.push((
            "verify html".into(),
            render::html::page(&verdict, &points, None, &Default::default()),
        ));
        out.push((
            "explain table".into(),
            render::explain::table(&verdict, &focus, WIDTH),
        ));
        out.push((
            "explain markdown".into(),
            render::explain::markdown(&verdict, &focus),
        ));
        out.push((
            "explain json".into(),
            render::explain::json(&verdict, &focus),
        ));
        let (from, to) = default_range(claim);
        let points = timeline(claim, ledger, &days(from, to, Step::Quarter));
        out.push((
            "timeline table".into(),
            render::timeline::table(claim, &points, WIDTH),
        ));
        out.push((
            "timeline markdown".into(),
            render::timeline::markdown(claim, &points),
        ));
        out.push((
            "timeline json".into(),
            render::timeline::json(claim, &points),
        ));
    }
    let records: Vec<&kensho::ledger::Record> =
        ledger.records.iter().map(std::sync::Arc::as_ref).collect();
    out.push(("list table".into(), render::list::table(&records, WIDTH)));
    out.push(("list json".into(), render::list::json(&records, files)));
    for record in &records {
        out.push((
            "show".into(),
            render::list::show(record, ledger, files, &[], WIDTH),
        ));
        out.push((
            "show json".into(),
            render::list::show_json(record, ledger, files, &[]),
        ));
    }
    out.push((
        "claims table".into(),
        render::claims::table(&workspace.claims, None, WIDTH),
    ));
    out.push((
        "claims json".into(),
        render::claims::json(&workspace.claims, None, files),
    ));
    let side = |name, workspace| kensho::diff::Side { name, workspace };
    if let Ok(diff) = kensho::diff::compare(
        side("base", base),
        side("head\u{1b}[2J", workspace),
        &[],
        None,
    ) {
        out.push((
            "diff table".into(),
            render::diff::table::render(&diff, WIDTH),
        ));
        out.push((
            "diff markdown".into(),
            render::diff::markdown::render(&diff),
        ));
        out.push(("diff json".into(), render::diff::json::render(&diff)));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: RngSeed::Fixed(2026),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any hostile character put into any string of the shipped ledger or claims is
    /// reported at that file and line, and no output of any command prints it as it is.
    #[test]
    fn hostile_characters_are_refused_where_they_are_and_never_printed(
        which in any::<prop::sample::Index>(),
        c in hostile_char(),
        position in 0usize..64,
        raw in any::<bool>(),
    ) {
        let tree = shipped();
        let all = targets(&tree);
        let (file, line, key) = &all[which.index(all.len())];
        // Prose may hold tabs and line feeds; put an escape character there instead.
        let c = if matches!(key.as_str(), "note" | "description") && matches!(c, '\t' | '\n') {
            '\u{1b}'
        } else {
            c
        };
        let mutated = with_hostile(&tree, *file, *line, c, position, raw);
        let path = (mutated.ledger.iter().chain(&mutated.claims))
            .nth(*file)
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let base = Workspace::load(shipped());
        let workspace = Workspace::load(mutated);
        let at: Vec<_> = (workspace.diagnostics.iter())
            .filter(|d| d.code == Code::HostileCharacter)
            .filter_map(|d| workspace.files.locate(d.span?))
            .map(|(p, l, _)| (p, l))
            .collect();
        prop_assert!(
            at.contains(&(path.clone(), *line)),
            "{c:?} in `{key}` at {}:{line} is reported at {at:?}",
            path.display()
        );
        for (what, output) in every_output(&workspace, &base) {
            clean(&what, &output);
        }
    }
}

#[test]
fn every_shipped_id_is_an_id() {
    let tree = shipped();
    let workspace = Workspace::load(tree);
    let bad: Vec<_> = (workspace.diagnostics.iter())
        .filter(|d| matches!(d.code, Code::BadId | Code::HostileCharacter))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    let ledger = &workspace.ledger;
    let ids = (ledger.sources.iter().map(|s| s.id.as_str()))
        .chain(ledger.entities.iter().map(|e| e.id.as_str()))
        .chain(ledger.axes.iter().map(|a| a.id.as_str()))
        .chain(ledger.records.iter().map(|r| r.id()))
        .chain(ledger.metrics())
        .chain(workspace.claims.iter().flat_map(|c| {
            std::iter::once(c.id.as_str())
                .chain(c.readings.iter().map(|r| r.id.as_str()))
                .chain(c.criteria().map(|(_, cr)| cr.id.as_str()))
        }));
    let mut n = 0;
    for id in ids {
        assert!(kensho::ledger::id::is_id(id), "{id}");
        n += 1;
    }
    assert!(n > 100, "only {n} ids");
}

/// The shipped ledger with one `id = "..."` and one reference changed, checked by the binary.
fn checked(file: &str, from: &str, to: &str) -> (Sandbox, String) {
    let sandbox = Sandbox::shipped();
    let path = Path::new(file);
    let text = sandbox.read(file);
    assert!(text.contains(from), "{from} is not in {file}");
    sandbox.write(file, &text.replacen(from, to, 1));
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    let _ = path;
    (sandbox, out.stdout)
}

#[test]
fn each_bad_id_is_refused_where_it_is_defined_and_named() {
    for bad in ["", "a b", "../x", "-x", "Ａ", "x\\u001b[31m"] {
        // A record's own id.
        let (_, out) = checked(
            "evidence/events.toml",
            "id = \"ai-promotion-act\"",
            &format!("id = \"{bad}\""),
        );
        let code = if bad.contains('\\') { "K0211" } else { "K0210" };
        assert!(
            out.starts_with(&format!("evidence/events.toml:7:6: error[{code}]: event ")),
            "{bad:?}:\n{out}"
        );
        assert!(!out.contains('\u{1b}'), "{out}");
        // An entity named by a record: reported as not an id, not as unknown.
        let (_, out) = checked(
            "evidence/events.toml",
            "entity = \"jp-gov\"",
            &format!("entity = \"{bad}\""),
        );
        assert!(
            out.contains(&format!(
                "error[{code}]: event `ai-promotion-act`: `entity`"
            )),
            "{bad:?}:\n{out}"
        );
        assert!(!out.contains("K0303"), "{bad:?}:\n{out}");
        // A claim's subject.
        let (_, out) = checked(
            "claims/japan-ai-world-level-2026-04.toml",
            "subject = \"JP\"",
            &format!("subject = \"{bad}\""),
        );
        assert!(
            out.contains(&format!(
                "error[{code}]: claim `japan-ai-world-level-2026-04`: `subject`"
            )),
            "{bad:?}:\n{out}"
        );
    }
}

#[test]
fn ids_named_in_lists_and_criteria_are_judged_one_by_one() {
    let (_, out) = checked(
        "claims/japan-ai-world-level-2026-04.toml",
        "peers = [\"US\", \"CN\", \"UK\"]",
        "peers = [\"US\", \"C N\", \"UK\"]",
    );
    assert_eq!(
        out,
        "claims/japan-ai-world-level-2026-04.toml:106:16: error[K0210]: criterion `private-investment-vs-leader`: `peers[1]` names `C N`, which is not a valid id: it holds a space\n1 error, 0 warnings\n"
    );
}

#[test]
fn urls_that_could_end_a_quote_or_an_element_are_refused() {
    let sandbox = Sandbox::shipped();
    let text = sandbox.read("evidence/sources.toml");
    let url = "https://group.ntt.jp/newsrelease/2025/10/20/251020a.html";
    assert!(text.contains(url));
    for (bad, problem) in [
        (
            "https://ex.com/\\\"><script>alert(1)</script>",
            "contains a quote (`\"`)",
        ),
        ("https://ex.com/a b", "contains a space (` `)"),
        ("https://ex.com/a\\\\b", "contains a backslash (`\\`)"),
        ("https://ex.com/<b>", "contains an angle bracket (`<`)"),
        (
            "javascript:alert(1)",
            "does not start with `https://` or `http://`",
        ),
        ("https://ntt.jp@ex.com/", "names a user before the host"),
    ] {
        sandbox.write("evidence/sources.toml", &text.replacen(url, bad, 1));
        let out = sandbox.run(&["check", "--format", "short"]).code(1).stdout;
        assert!(
            out.starts_with("evidence/sources.toml:7:7: error[K0204]: source "),
            "{bad}:\n{out}"
        );
        assert!(out.contains(problem), "{bad}:\n{out}");
        assert!(out.ends_with("1 error, 0 warnings\n"), "{bad}:\n{out}");
    }
}

#[test]
fn claimreview_cannot_end_a_script_element_and_reads_back_the_same() {
    let sandbox = Sandbox::shipped();
    let claim = "claims/japan-ai-world-level-2026-04.toml";
    let text = sandbox.read(claim);
    let hostile = "Japan's AI </script><script>alert(1)</script> & <!-- more";
    sandbox.write(
        claim,
        &text.replacen(
            "text = \"Japan's AI reached world level in April 2026\"",
            &format!("text = \"{hostile}\""),
            1,
        ),
    );
    let out = sandbox
        .run(&["verify", "--format", "claimreview", "--draws", "20"])
        .code(0)
        .stdout;
    assert!(!out.contains(['<', '>', '&']), "{out}");
    assert!(out.contains(r"Japan's AI \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \u003c!-- more"), "{out}");
    let review: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(review["claimReviewed"], hostile);
    // Markdown shows the same text without opening HTML.
    let out = sandbox
        .run(&["verify", "--format", "markdown", "--draws", "20"])
        .code(0)
        .stdout;
    assert!(
        out.starts_with(
            "## Japan's AI &lt;/script>&lt;script>alert(1)&lt;/script> & &lt;!-- more\n"
        ),
        "{out}"
    );
    assert!(!out.contains("<script"), "{out}");
}

#[test]
fn a_stranger_cannot_rewrite_the_terminal_through_a_file_name_or_a_comment() {
    let sandbox = Sandbox::shipped();
    // A raw C1 control and a direction override in a comment, which TOML allows, and a file
    // named with an escape sequence.
    let text = sandbox.read("evidence/events.toml");
    sandbox.write(
        "evidence/events.toml",
        &text.replacen(
            "id = \"ai-promotion-act\"",
            "id = 3 # \u{9b}2J \u{202e}gnp.exe",
            1,
        ),
    );
    sandbox.write("evidence/x\u{1b}[2J.toml", "[[evnt]]\nid = \"x\"\n");
    let out = sandbox.run(&["check"]).code(1);
    assert!(
        !out.stdout.contains(['\u{1b}', '\u{9b}', '\u{202e}']),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("--> evidence/x\\u{1b}[2J.toml:1:3"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("7 | id = 3 # \\u{9b}2J \\u{202e}gnp.exe\n"),
        "{}",
        out.stdout
    );
    let out = sandbox.run(&["verify"]).code(1);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}
