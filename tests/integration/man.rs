//! `kensho man`: a page for the tool and one per subcommand, each with the sections a reader
//! looks for, references that resolve, and examples that run.

use std::collections::BTreeSet;
use std::path::Path;

use super::harness::{Output, Sandbox};

/// The subcommands `kensho --help` lists (clap's own `help` aside).
fn subcommands() -> Vec<String> {
    let help = Sandbox::empty().run(&["--help"]).code(0).stdout;
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert!(listed.len() >= 12, "{help}");
    listed
}

/// roff text as a reader sees it: escapes and font changes removed.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\fI", "")
        .replace("\\*(Aq", "'")
        .replace("\\(aq", "'")
}

/// Every `name(1)` a page refers to.
fn references(page: &str) -> BTreeSet<String> {
    let text = plain(page);
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("(1)") {
        let start = text[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |j| j + 1);
        out.insert(text[start..i].to_owned());
    }
    out
}

/// The commands under EXAMPLES.
fn examples(page: &str) -> Vec<String> {
    let text = plain(page);
    let section = text
        .split(".SH EXAMPLES\n")
        .nth(1)
        .expect("an EXAMPLES section");
    let section = section.split("\n.SH").next().unwrap_or(section);
    let lines: Vec<&str> = section.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0] == ".TP")
        .map(|w| w[1].to_owned())
        .collect()
}

const SECTIONS: [&str; 9] = [
    ".SH NAME",
    ".SH SYNOPSIS",
    ".SH DESCRIPTION",
    ".SH OPTIONS",
    ".SH \"EXIT STATUS\"",
    ".SH ENVIRONMENT",
    ".SH FILES",
    ".SH EXAMPLES",
    ".SH \"SEE ALSO\"",
];

#[test]
fn every_subcommand_has_a_page_with_every_section() {
    let sandbox = Sandbox::empty();
    let top = sandbox.run(&["man"]).code(0).stdout;
    let mut pages = vec![("kensho".to_owned(), top)];
    for sub in subcommands() {
        let page = sandbox.run(&["man", &sub]).code(0).stdout;
        pages.push((format!("kensho-{sub}"), page));
    }
    for (name, page) in &pages {
        assert!(
            page.contains(&format!(".TH {name} 1")),
            "{name}: title\n{page}"
        );
        for section in SECTIONS {
            assert!(page.contains(section), "{name}: no {section}\n{page}");
        }
        for variable in ["COLUMNS", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
            assert!(
                page.contains(&format!("\n\\fB{variable}\\fR\n")),
                "{name}: ENVIRONMENT misses {variable}"
            );
        }
        for file in ["kensho.toml", "evidence/", "claims/"] {
            assert!(page.contains(file), "{name}: FILES misses {file}");
        }
        for code in ["0", "2"] {
            assert!(
                page.contains(&format!(".TP\n\\fB{code}\\fR\n")),
                "{name}: EXIT STATUS misses {code}"
            );
        }
        assert!(!examples(page).is_empty(), "{name}: no examples");
        // The page of a subcommand names its own command in NAME and SYNOPSIS.
        let command = name.replace('-', " ");
        assert!(plain(page).contains(&command), "{name}");
    }
    // Options appear on the pages of the subcommands that have them.
    assert!(pages[1].1.contains("\\-\\-as\\-of"), "{}", pages[1].1);
    assert!(pages.iter().all(|(_, p)| p.contains("\\-\\-color")));
    let unknown = sandbox.run(&["man", "nonsense"]).code(2);
    assert!(unknown.stderr.contains("verify"), "{}", unknown.stderr);
}

#[test]
fn out_writes_every_page_and_every_reference_resolves() {
    let sandbox = Sandbox::empty();
    sandbox.run(&["man", "--out", "pages"]).code(0);
    let dir = sandbox.path().join("pages");
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("pages written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|s| format!("kensho-{s}.1"))
        .chain(["kensho.1".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    let pages: BTreeSet<String> = written
        .iter()
        .map(|f| f.trim_end_matches(".1").to_owned())
        .collect();
    for file in &written {
        let text = std::fs::read_to_string(dir.join(file)).expect("read page");
        // The same bytes as printing the page alone.
        let name = file.trim_end_matches(".1");
        let mut args = vec!["man"];
        if let Some(sub) = name.strip_prefix("kensho-") {
            args.push(sub);
        }
        assert_eq!(sandbox.run(&args).code(0).stdout, text, "{file}");
        let refs = references(&text);
        assert!(!refs.is_empty(), "{file} refers to no page");
        for r in refs {
            assert!(
                pages.contains(&r),
                "{file} refers to `{r}(1)`, never written"
            );
        }
    }
    // The tool's page lists every subcommand's page.
    let top = std::fs::read_to_string(dir.join("kensho.1")).expect("read");
    let others: BTreeSet<String> = pages.iter().filter(|p| *p != "kensho").cloned().collect();
    assert_eq!(references(&top), others, "kensho(1) names every other page");
}

/// A folder holding the shipped ledger and claims under git, with two commits, as the
/// examples expect.
fn repository() -> Sandbox {
    let sandbox = Sandbox::shipped();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(sandbox.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "ledger"]);
    sandbox.write("notes.txt", "a file that changes no verdict\n");
    git(&["add", "."]);
    git(&["commit", "-qm", "notes"]);
    sandbox
}

#[test]
fn every_example_runs() {
    let sandbox = repository();
    let bin = Path::new(env!("CARGO_BIN_EXE_kensho"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a PATH");
    let mut pages = vec![Sandbox::empty().run(&["man"]).code(0).stdout];
    for sub in subcommands() {
        pages.push(Sandbox::empty().run(&["man", &sub]).code(0).stdout);
    }
    let mut ran = 0;
    for page in &pages {
        for example in examples(page) {
            let out = Output::of(
                std::process::Command::new("sh")
                    .args(["-c", &example])
                    .current_dir(sandbox.path())
                    .env("PATH", &path)
                    .env("NO_COLOR", "1")
                    .env_remove("COLUMNS")
                    .output()
                    .expect("sh runs"),
            );
            assert_eq!(
                out.code, 0,
                "`{example}` failed:\n{}\n{}",
                out.stdout, out.stderr
            );
            ran += 1;
        }
    }
    assert!(ran >= 30, "{ran} examples");
    assert!(sandbox.path().join("man/kensho-verify.1").is_file());
    assert!(sandbox.path().join("claim.schema.json").is_file());
}
