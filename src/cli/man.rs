//! `kensho man`: the manual pages, one for the tool and one per subcommand, from the argument
//! definitions, with the sections clap does not know about: EXIT STATUS, ENVIRONMENT, FILES,
//! EXAMPLES and SEE ALSO.

use anyhow::Context as _;
use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};

use super::args::{Cli, ManArgs};
use super::terminal::write_stdout;

/// Runs `man`: one page on standard output, or every page into a folder.
pub(super) fn run(args: ManArgs) -> anyhow::Result<u8> {
    let pages = pages()?;
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        for page in &pages {
            let path = dir.join(page.file_name());
            std::fs::write(&path, &page.text)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        return Ok(0);
    }
    let name = match &args.subcommand {
        Some(sub) => format!("kensho-{sub}"),
        None => "kensho".to_owned(),
    };
    let page = (pages.iter().find(|p| p.name == name)).with_context(|| {
        let known: Vec<&str> = (pages.iter().skip(1))
            .map(|p| p.name.trim_start_matches("kensho-"))
            .collect();
        format!(
            "no subcommand `{}`: pick one of {}",
            args.subcommand.as_deref().unwrap_or_default(),
            known.join(", ")
        )
    })?;
    write_stdout(&page.text)?;
    Ok(0)
}

/// One manual page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// `kensho` or `kensho-SUBCOMMAND`.
    pub name: String,
    /// The page in roff, as man(1) reads it.
    pub text: String,
}

impl Page {
    /// The file it is written to: `kensho-verify.1`.
    pub(crate) fn file_name(&self) -> String {
        format!("{}.1", self.name)
    }
}

/// Every page: the tool's first, then one per subcommand in the order `--help` lists them.
pub(crate) fn pages() -> anyhow::Result<Vec<Page>> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut out = vec![page(&cli, None)?];
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(page(sub, Some(sub.get_name()))?);
    }
    Ok(out)
}

/// The page of `command`; `sub` names the subcommand, `None` for the tool itself.
fn page(command: &clap::Command, sub: Option<&str>) -> anyhow::Result<Page> {
    let man = clap_mangen::Man::new(command.clone())
        .date("")
        .source(concat!("kensho ", env!("CARGO_PKG_VERSION")))
        .manual("kensho manual");
    let mut out = Vec::new();
    let render = |out: &mut Vec<u8>| -> std::io::Result<()> {
        man.render_title(out)?;
        man.render_name_section(out)?;
        man.render_synopsis_section(out)?;
        man.render_description_section(out)?;
        man.render_options_section(out)?;
        if command.has_subcommands() {
            man.render_subcommands_section(out)?;
        }
        Ok(())
    };
    render(&mut out).context("cannot render a man page")?;
    let name = man.get_filename().trim_end_matches(".1").to_owned();
    let mut roff = Roff::new();
    if let Some(after) = command.get_after_help() {
        section(&mut roff, "NOTES", &[after.to_string().as_str()]);
    }
    section(&mut roff, "EXIT STATUS", exit_status(sub));
    section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    section(&mut roff, "FILES", FILES);
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in examples(sub) {
        roff.control("TP", []);
        roff.text([bold(*command)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    let see: Vec<String> = see_also(sub).iter().map(|p| format!("{p}(1)")).collect();
    roff.text([roman(see.join(", "))]);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&roff.to_roff());
    if command.get_version().is_some() {
        let mut version = Vec::new();
        man.render_version_section(&mut version)
            .context("cannot render a man page")?;
        text.push_str(&String::from_utf8_lossy(&version));
    }
    Ok(Page { name, text })
}

/// A section of labelled paragraphs: `label\ttext` items, or plain paragraphs.
fn section(roff: &mut Roff, heading: &str, items: &[&str]) {
    roff.control("SH", [heading]);
    for item in items {
        match item.split_once('\t') {
            Some((label, text)) => {
                roff.control("TP", []);
                roff.text([bold(label)]);
                roff.text([roman(text)]);
            }
            None => {
                roff.control("PP", []);
                roff.text([roman(*item)]);
            }
        }
    }
}

/// The variables kensho reads, the same on every page.
const ENVIRONMENT: &[&str] = &[
    "COLUMNS\tThe width text output wraps to, when it is a positive number. Otherwise kensho \
     uses the terminal's width when standard output is a terminal, and 110 columns when it is \
     a pipe or a file, so that output saved or compared in CI does not depend on a terminal. \
     Tables never split an id, even when that makes them wider.",
    "CLICOLOR_FORCE\tSet and not 0: colour even into a pipe or a file. It outranks NO_COLOR, \
     since it is usually asked for one command at a time (CLICOLOR_FORCE=1 kensho check | less -R).",
    "NO_COLOR\tSet and not empty: no colour.",
    "CLICOLOR\t0: no colour.",
    "TERM\tdumb: no colour.",
    "With --color auto (the default), the first of these that applies decides, and without any \
     of them output is coloured exactly when it goes to a terminal; --color always and \
     --color never outrank them all. Colour codes are removed from whatever is written \
     without colour.",
];

/// The files kensho reads, the same on every page.
const FILES: &[&str] = &[
    "kensho.toml\tThe project file, marking a project's root. kensho walks up from the working \
     folder, as git and cargo do, to the nearest folder holding one (or, without one, holding \
     evidence/ or claims/), looking no higher than the root of the git repository it starts \
     in. It may name the ledger and claims folders, the default claim and who publishes the \
     verdicts; kensho init writes one, and docs/project.md describes it.",
    "evidence/\tThe ledger: every *.toml file directly in it, with [[source]], [[entity]], \
     [[axis]] and one array per record kind ([[event]], [[budget]], [[metric]]...). \
     --ledger DIR names another folder. Without a project or a ledger on disk, kensho uses \
     the ledger built into it, and says so on standard error (unless --quiet).",
    "claims/\tThe claims, one *.toml file each, named by their id. --claims DIR names another \
     folder.",
];

/// What the exit codes mean for a subcommand (`None`: the tool as a whole).
fn exit_status(sub: Option<&str>) -> &'static [&'static str] {
    match sub {
        None => &[
            "0\tSuccess.",
            "1\tFindings: check found errors; diff found what --fail-on asks about; add was \
             refused; or the ledger or claims a command reads have errors (printed on standard \
             error as check shows them).",
            "2\tA usage error, an I/O error, something named that does not exist, or an \
             internal error.",
        ],
        Some("check") => &[
            "0\tNo errors (there may be warnings).",
            "1\tThe ledger or the claims have errors.",
            "2\tA usage or I/O error.",
        ],
        Some("diff") => &[
            "0\tNothing moved that --fail-on asks about.",
            "1\tSomething moved that --fail-on asks about (by default a verdict changed, or a \
             claim was added or removed), as diff does.",
            "2\tA revision's ledger or claims have errors (shown headed by the revision), a \
             revision cannot be read, or a usage or I/O error.",
        ],
        Some("add") => &[
            "0\tThe tables were added (or, with --dry-run, the diff was shown).",
            "1\tRefused: the ledger would have errors; no file was changed.",
            "2\tA usage or I/O error; no file was changed.",
        ],
        Some("schema" | "completions" | "man") => &["0\tSuccess.", "2\tA usage or I/O error."],
        Some("init") => &[
            "0\tThe project was written.",
            "2\tOne of the files it would write exists already (it then writes none), or a \
             usage or I/O error.",
        ],
        Some(_) => &[
            "0\tSuccess.",
            "1\tThe ledger or the claims have errors, printed on standard error as check shows \
             them; nothing is printed on standard output.",
            "2\tA usage or I/O error, or something named (a claim, an id) that does not exist.",
        ],
    }
}

/// Working commands for a subcommand's page (`None`: the tool's), each with what it does.
pub(crate) fn examples(sub: Option<&str>) -> &'static [(&'static str, &'static str)] {
    match sub {
        None => &[
            (
                "kensho verify",
                "Grade the default claim and print the verdict.",
            ),
            (
                "kensho check",
                "Report every problem in the ledger and claims.",
            ),
            ("kensho diff HEAD", "Show what moved since the last commit."),
            ("kensho man --out man", "Write every manual page into man/."),
        ],
        Some("verify") => &[
            ("kensho verify", "Grade the default claim."),
            (
                "kensho verify japan-ai-budget-more-than-doubled --format markdown",
                "Grade one claim, as Markdown.",
            ),
            (
                "kensho verify --as-of 2026-03-31",
                "The verdict with what was known at the end of March 2026.",
            ),
            (
                "kensho verify 'value(metric = gpu_share) >= 5%' --subject JP",
                "Grade a claim typed in the terminal.",
            ),
        ],
        Some("check") => &[
            (
                "kensho check",
                "Every problem with file:line:col, an excerpt and a hint.",
            ),
            (
                "kensho check --format github",
                "Problems as GitHub Actions annotations.",
            ),
            ("kensho check --format short", "One line per problem."),
        ],
        Some("explain") => &[
            (
                "kensho explain",
                "The arithmetic behind every criterion of the default claim.",
            ),
            (
                "kensho explain --criterion private-investment-vs-leader",
                "Only one criterion.",
            ),
            (
                "kensho explain --axis compute --format markdown",
                "One axis, as Markdown.",
            ),
        ],
        Some("timeline") => &[
            (
                "kensho timeline --from 2025-05 --to 2026-05",
                "The verdict at the end of each month.",
            ),
            (
                "kensho timeline --step quarter --format markdown",
                "Each quarter, with a chart of the score.",
            ),
        ],
        Some("diff") => &[
            (
                "kensho diff HEAD",
                "The last commit against the working tree.",
            ),
            (
                "kensho diff HEAD~1 HEAD --format markdown",
                "What the last commit moved, for a pull-request comment.",
            ),
            (
                "kensho diff HEAD --fail-on score:0.05",
                "Exit 1 when a headline score moved by 0.05 or more.",
            ),
        ],
        Some("add") => &[
            (
                "kensho add event --date 2026-04-30 --title 'ABCI 3.0 opens for FY2026' --entity aist --axis compute --source aist-report-2025 --type launch --dry-run",
                "Show the diff that adding an event would make, and write nothing.",
            ),
            (
                "kensho add entity --id example-lab --name 'Example Lab' --entity-kind institution --country JP",
                "Add an entity to the ledger.",
            ),
        ],
        Some("list") => &[
            (
                "kensho list metric --entity JP",
                "Metrics about Japan or its entities.",
            ),
            (
                "kensho list source --axis compute",
                "The sources cited by records on the compute axis.",
            ),
            (
                "kensho list --since 2026-04-01 --format json",
                "Records known since April 2026, as JSON.",
            ),
        ],
        Some("show") => &[
            (
                "kensho show ai-promotion-act",
                "A record, and the criteria that use it.",
            ),
            ("kensho show JP", "An entity, and the records about it."),
            (
                "kensho show compute --kind axis --format json",
                "An axis, as JSON.",
            ),
        ],
        Some("site") => &[(
            "kensho site public",
            "Every verdict as a web page in public/, with an index, ready to publish.",
        )],
        Some("claims") => &[
            ("kensho claims", "The claims' ids and text."),
            ("kensho claims --format json", "The same, as JSON."),
        ],
        Some("schema") => &[
            (
                "kensho schema claim > claim.schema.json",
                "The JSON Schema of claim files, for an editor.",
            ),
            ("kensho schema ledger", "The JSON Schema of ledger files."),
        ],
        Some("init") => &[
            (
                "kensho init chips",
                "Start a project in chips/, made when missing: project file, example ledger \
                 and claim, schemas and a CI workflow.",
            ),
            (
                "cd chips && kensho check && kensho verify",
                "Check and grade the example, before replacing it with your topic's evidence.",
            ),
        ],
        Some("completions") => &[(
            "kensho completions bash > kensho.bash",
            "Completions for bash; also zsh, fish, elvish and powershell.",
        )],
        Some("man") => &[
            ("kensho man verify", "The page of verify."),
            ("kensho man --out man", "Every page, written into man/."),
        ],
        Some(_) => &[],
    }
}

/// The pages a subcommand's page refers to (`None`: the tool's page, which names them all in
/// SUBCOMMANDS and refers to the commands of the usual loop).
fn see_also(sub: Option<&str>) -> &'static [&'static str] {
    match sub {
        None => &[
            "kensho-init",
            "kensho-verify",
            "kensho-check",
            "kensho-diff",
            "kensho-add",
        ],
        Some("verify") => &["kensho", "kensho-explain", "kensho-timeline", "kensho-diff"],
        Some("check") => &["kensho", "kensho-add", "kensho-schema"],
        Some("explain") => &["kensho", "kensho-verify", "kensho-show"],
        Some("timeline") => &["kensho", "kensho-verify", "kensho-diff"],
        Some("diff") => &["kensho", "kensho-verify", "kensho-check"],
        Some("add") => &["kensho", "kensho-check", "kensho-show"],
        Some("list") => &["kensho", "kensho-show"],
        Some("show") => &["kensho", "kensho-list", "kensho-explain"],
        Some("claims") => &["kensho", "kensho-verify"],
        Some("site") => &["kensho", "kensho-verify", "kensho-claims"],
        Some("schema") => &["kensho", "kensho-check"],
        Some("init") => &["kensho", "kensho-check", "kensho-add", "kensho-schema"],
        Some("completions" | "man") => &["kensho"],
        Some(_) => &["kensho"],
    }
}
