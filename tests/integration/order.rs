//! Order and name independence, as properties over the shipped ledger and small synthetic
//! ones. The same ledger content gives the same bytes in every output however its tables are
//! ordered, split into files and those files named; the same scores whatever its records'
//! ids and whichever unit of a dimension an amount is stated in; and records about another
//! country, or stronger peers, never help a claim.
//!
//! Each property runs a few dozen cases from a fixed seed, so that a run is repeatable and
//! `cargo test` stays quick. The library is called directly, as the CLI calls it; one test
//! runs the binary on a rearranged ledger as well.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::RngSeed;

use crate::harness::Sandbox;
use kensho::claim::Measure;
use kensho::engine::robustness::{Settings, assess, pivotal};
use kensho::engine::timeline::{Step, days, default_range, timeline};
use kensho::engine::{Label, evaluate};
use kensho::render::table::DEFAULT_WIDTH as WIDTH;
use kensho::render::{self, Verdict, explain::Focus};
use kensho::workspace::{Tree, TreeFile, Workspace};

/// A fixed seed and no files of failures: every run tries the same cases.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(2026),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One top-level table of a ledger file: its `[[kind]]` header line up to the next one.
#[derive(Debug, Clone)]
struct Table {
    kind: String,
    text: String,
}

/// A ledger as a list of tables, whatever files they came from, with its claim files.
#[derive(Debug, Clone)]
struct Ledger {
    tables: Vec<Table>,
    claims: Vec<TreeFile>,
}

/// Cuts a ledger file into its tables. Only comments may come before the first table.
fn tables(text: &str) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    for line in text.split_inclusive('\n') {
        let header = (line.trim().strip_prefix("[["))
            .and_then(|l| l.strip_suffix("]]"))
            .filter(|kind| !kind.contains('.'));
        match (header, out.last_mut()) {
            (Some(kind), _) => out.push(Table {
                kind: kind.trim().to_owned(),
                text: line.to_owned(),
            }),
            (None, Some(table)) => table.text.push_str(line),
            (None, None) => assert!(
                line.trim().is_empty() || line.trim_start().starts_with('#'),
                "{line}"
            ),
        }
    }
    for table in &mut out {
        if !table.text.ends_with('\n') {
            table.text.push('\n');
        }
    }
    out
}

fn is_record(kind: &str) -> bool {
    !matches!(kind, "source" | "entity" | "axis")
}

impl Ledger {
    /// The tables of `tree`'s ledger files, in file order, with its claim files.
    fn from_tree(tree: &Tree) -> Ledger {
        Ledger {
            tables: (tree.ledger.iter())
                .flat_map(|f| tables(std::str::from_utf8(&f.bytes).expect("UTF-8")))
                .collect(),
            claims: tree.claims.clone(),
        }
    }

    /// The tables in their order, in one file.    /// The tables in their order, in one file.
    fn tree(&self) -> Tree {
        self.arranged(&Arrangement {
            order: (0..self.tables.len()).collect(),
            file_of: vec![0; self.tables.len()],
            names: vec!["ledger".to_owned()],
        })
    }

    /// The tables in `arrangement`'s order, each in its file; files are read in name order,
    /// as from a folder.
    fn arranged(&self, arrangement: &Arrangement) -> Tree {
        let names = &arrangement.names;
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        for (position, &table) in arrangement.order.iter().enumerate() {
            let file = arrangement.file_of[position] % names.len();
            let text = files
                .entry(format!("evidence/{}-{file}.toml", names[file]))
                .or_default();
            text.push_str(&self.tables[table].text);
            text.push('\n');
        }
        Tree {
            ledger: (files.into_iter())
                .map(|(path, text)| TreeFile {
                    path: path.into(),
                    bytes: text.into_bytes(),
                    on_disk: None,
                })
                .collect(),
            claims: self.claims.clone(),
        }
    }

    /// Each record table changed by `edit` (given its index among record tables); every
    /// other table as it was.
    fn edit_records(&self, mut edit: impl FnMut(usize, &mut toml_edit::Table)) -> Ledger {
        let mut n = 0;
        let tables = (self.tables.iter())
            .map(|t| {
                if !is_record(&t.kind) {
                    return t.clone();
                }
                let mut doc: toml_edit::DocumentMut = t.text.parse().expect("a table parses");
                let table = doc
                    .get_mut(&t.kind)
                    .and_then(|item| item.as_array_of_tables_mut())
                    .and_then(|array| array.get_mut(0))
                    .expect("one table");
                edit(n, table);
                n += 1;
                Table {
                    kind: t.kind.clone(),
                    text: doc.to_string(),
                }
            })
            .collect();
        Ledger {
            tables,
            claims: self.claims.clone(),
        }
    }

    fn records(&self) -> usize {
        self.tables.iter().filter(|t| is_record(&t.kind)).count()
    }
}

/// A generated ledger of about `records` records, as the generator writes it, with its
/// claim and, since a small ledger has few records about one country in one year, [`WIDE`]
/// claims about three countries over every year it covers.
fn synthetic_tree(records: usize, seed: u64) -> Tree {
    let file = |path: &str, text: &str| TreeFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
        on_disk: None,
    };
    let mut tree = Tree::default();
    for f in kensho::synthetic::generate(records, seed) {
        let list = if f.path.starts_with("evidence/") {
            &mut tree.ledger
        } else {
            &mut tree.claims
        };
        list.push(file(&f.path, &f.text));
    }
    tree.ledger.sort_by(|a, b| a.path.cmp(&b.path));
    for subject in ["JP", "US", "CN"] {
        let peers: Vec<String> = (["US", "CN", "UK", "KR", "DE", "JP"].into_iter())
            .filter(|p| *p != subject)
            .map(|p| format!("\"{p}\""))
            .collect();
        let claim = (WIDE.replace("SUBJECT", subject)).replace("PEERS", &peers.join(", "));
        tree.claims
            .push(file(&format!("claims/wide-{subject}.toml"), &claim));
    }
    tree
}

fn synthetic(records: usize, seed: u64) -> Ledger {
    Ledger::from_tree(&synthetic_tree(records, seed))
}

/// A claim about `SUBJECT` over every year a synthetic ledger covers, so that its counts and
/// sums take in many records, and every other measure too.
const WIDE: &str = r#"
id = "wide-SUBJECT"
text = "SUBJECT at any time"
subject = "SUBJECT"
as_of = 2026-05-01
window = { from = 2015-01-01, to = 2026-04-30 }

[[reading]]
id = "only"
title = "Only"

[[axis]]
id = "policy"
weight = 1

[[axis.criterion]]
id = "records"
title = "Records of every kind"
measure = "count"
goalposts = { world = 50, nothing = 0 }

[[axis.criterion]]
id = "money"
title = "Money invested"
measure = "sum"
kinds = ["investment", "budget"]
goalposts = { world = 1e13, nothing = 0 }

[[axis.criterion]]
id = "open"
title = "Open releases"
measure = "count"
open_weights = true
goalposts = { world = 5, nothing = 0 }

[[axis]]
id = "research"
weight = 1

[[axis.criterion]]
id = "ratio"
title = "Metric 00 against the leader"
measure = "ratio_to_leader"
metric = "metric_00"
peers = [PEERS]
goalposts = { world = 1, nothing = 0 }

[[axis.criterion]]
id = "rank"
title = "Rank in metric 02"
measure = "rank"
metric = "metric_02"
goalposts = { world = 1, nothing = 40 }

[[axis.criterion]]
id = "share"
title = "Share in metric 01"
measure = "share"
metric = "metric_01"
peers = [PEERS]
goalposts = { world = 50, nothing = 0 }

[[axis.criterion]]
id = "benchmark"
title = "Gap on TEST-3"
measure = "benchmark_gap"
test = "TEST-3"
goalposts = { world = 0, nothing = 40 }
"#;

/// Where each table goes: `order` lists table indexes, `file_of[i]` picks the file (modulo
/// the number of names) of the `i`th table written.
#[derive(Debug, Clone)]
struct Arrangement {
    order: Vec<usize>,
    file_of: Vec<usize>,
    names: Vec<String>,
}

/// Any order of `n` tables, in one to six files with any names.
fn arrangement(n: usize) -> impl Strategy<Value = Arrangement> {
    (1usize..=6).prop_flat_map(move |files| {
        (
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            prop::collection::vec(0..files, n),
            prop::collection::vec("[a-z][a-z0-9_-]{0,11}", files),
        )
            .prop_map(|(order, file_of, names)| Arrangement {
                order,
                file_of,
                names,
            })
    })
}

/// A loaded workspace, refusing errors as the CLI does.
fn load(tree: Tree) -> Workspace {
    let workspace = Workspace::load(tree);
    let errors: Vec<_> = (workspace.diagnostics.iter())
        .filter(|d| d.severity() == kensho::diagnostic::Severity::Error)
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "{}",
        render::diagnostics::short(&errors, &workspace.files)
    );
    workspace
}

/// Every output of `verify`, `explain` and `timeline` for every claim, in every format,
/// with default settings, each named by what printed it.
fn outputs(tree: Tree) -> Vec<(String, String)> {
    let workspace = load(tree);
    let ledger = &workspace.ledger;
    let mut out = Vec::new();
    for claim in &workspace.claims {
        let evaluation = evaluate(claim, ledger, claim.as_of);
        let robustness = assess(claim, ledger, &evaluation, Settings::default());
        let mut verdict = Verdict {
            claim,
            ledger,
            evaluation: &evaluation,
            robustness: Some(&robustness),
        };
        let id = &claim.id;
        out.push((
            format!("verify {id}"),
            render::table::render(&verdict, WIDTH),
        ));
        out.push((format!("verify json {id}"), render::json::render(&verdict)));
        out.push((
            format!("verify md {id}"),
            render::markdown::render(&verdict),
        ));
        out.push((
            format!("verify claimreview {id}"),
            render::claimreview::render(&verdict, &Default::default()),
        ));
        verdict.robustness = None;
        let all = Focus::default();
        out.push((
            format!("explain {id}"),
            render::explain::table(&verdict, &all, WIDTH),
        ));
        out.push((
            format!("explain json {id}"),
            render::explain::json(&verdict, &all),
        ));
        out.push((
            format!("explain md {id}"),
            render::explain::markdown(&verdict, &all),
        ));
        let (from, to) = default_range(claim);
        let points = timeline(claim, ledger, &days(from, to, Step::Month));
        out.push((
            format!("timeline {id}"),
            render::timeline::table(claim, &points, WIDTH),
        ));
        out.push((
            format!("timeline json {id}"),
            render::timeline::json(claim, &points),
        ));
        out.push((
            format!("timeline md {id}"),
            render::timeline::markdown(claim, &points),
        ));
    }
    out
}

/// The first output and line where two sets of outputs differ, for a readable failure.
fn first_difference(a: &[(String, String)], b: &[(String, String)]) -> Option<String> {
    if a.len() != b.len() {
        return Some(format!("{} outputs against {}", a.len(), b.len()));
    }
    a.iter().zip(b).find_map(|((name, x), (_, y))| {
        let line = x.lines().zip(y.lines()).position(|(p, q)| p != q);
        (x != y).then(|| match line {
            Some(n) => format!(
                "{name}, line {}:\n  {}\n  {}",
                n + 1,
                x.lines().nth(n).unwrap_or(""),
                y.lines().nth(n).unwrap_or("")
            ),
            None => format!("{name}: one is longer"),
        })
    })
}

/// Every number and label a claim's grading gives, by name: each criterion's value,
/// discount and sub-scores, each axis's coverage and scores, each reading's and the
/// headline's score, coverage and label, the same at each month of the timeline, and the
/// label and score without each pivotal record.
#[derive(Debug, Default)]
struct Grades {
    numbers: Vec<(String, Option<f64>)>,
    labels: Vec<(String, Label)>,
}

fn grades(tree: Tree) -> Grades {
    let workspace = load(tree);
    let ledger = &workspace.ledger;
    let mut g = Grades::default();
    for claim in &workspace.claims {
        let id = &claim.id;
        let evaluation = evaluate(claim, ledger, claim.as_of);
        for ((_, criterion), result) in claim.criteria().zip(&evaluation.criteria) {
            let name = format!("{id} {}", criterion.id);
            let measured = result.outcome.as_ref().ok();
            g.numbers
                .push((format!("{name} value"), measured.map(|m| m.value)));
            g.numbers
                .push((format!("{name} discount"), measured.map(|m| m.discount)));
            for (r, score) in result.scores.iter().enumerate() {
                g.numbers.push((format!("{name} reading {r}"), *score));
            }
        }
        for (axis, result) in claim.axes.iter().zip(&evaluation.axes) {
            let name = format!("{id} axis {}", axis.id);
            g.numbers
                .push((format!("{name} coverage"), Some(result.coverage)));
            g.numbers.push((format!("{name} score"), result.score));
            for (r, score) in result.scores.iter().enumerate() {
                g.numbers.push((format!("{name} reading {r}"), *score));
            }
        }
        let (from, to) = default_range(claim);
        let points = timeline(claim, ledger, &days(from, to, Step::Month));
        let now = (
            claim.as_of,
            evaluation.headline,
            evaluation.readings.clone(),
        );
        let then = points
            .into_iter()
            .map(|p| (p.as_of, p.headline, p.readings));
        for (day, headline, readings) in std::iter::once(now).chain(then) {
            let outcomes = std::iter::once(("headline".to_owned(), headline)).chain(
                (readings.into_iter().enumerate()).map(|(r, o)| (format!("reading {r}"), o)),
            );
            for (what, outcome) in outcomes {
                let name = format!("{id} {day} {what}");
                g.numbers.push((format!("{name} score"), outcome.score));
                g.numbers
                    .push((format!("{name} coverage"), Some(outcome.coverage)));
                g.labels.push((name, outcome.label));
            }
        }
        // Pivotal records in any order: which record each is may be renamed.
        let mut pivots: Vec<(Label, Option<f64>)> = (pivotal(claim, ledger, &evaluation).iter())
            .map(|p| (p.label, p.score))
            .collect();
        pivots.sort_by(|a, b| (a.0, a.1.map(f64::to_bits)).cmp(&(b.0, b.1.map(f64::to_bits))));
        for (n, (label, score)) in pivots.into_iter().enumerate() {
            g.numbers.push((format!("{id} pivot {n} score"), score));
            g.labels.push((format!("{id} pivot {n}"), label));
        }
    }
    g
}

/// Whether two gradings agree: the same names and labels, and numbers equal to within
/// `tolerance` of their size (0: the same bits).
fn agree(a: &Grades, b: &Grades, tolerance: f64) -> Result<(), String> {
    if a.labels != b.labels {
        let at = a.labels.iter().zip(&b.labels).find(|(x, y)| x != y);
        return Err(format!("labels differ: {at:?}"));
    }
    if a.numbers.len() != b.numbers.len() {
        return Err(format!(
            "{} numbers against {}",
            a.numbers.len(),
            b.numbers.len()
        ));
    }
    for ((name, x), (other, y)) in a.numbers.iter().zip(&b.numbers) {
        let same = match (x, y) {
            (Some(x), Some(y)) if tolerance == 0.0 => x.to_bits() == y.to_bits(),
            (Some(x), Some(y)) => (x - y).abs() <= tolerance * x.abs().max(y.abs()),
            (None, None) => true,
            _ => false,
        };
        if name != other || !same {
            return Err(format!("{name}: {x:?} against {other}: {y:?}"));
        }
    }
    Ok(())
}

fn shipped() -> &'static Ledger {
    static SHIPPED: OnceLock<Ledger> = OnceLock::new();
    SHIPPED.get_or_init(|| Ledger::from_tree(&kensho::embedded::tree()))
}

/// The outputs for the shipped files as they are.
fn shipped_outputs() -> &'static [(String, String)] {
    static OUTPUTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    OUTPUTS.get_or_init(|| outputs(kensho::embedded::tree()))
}

fn shipped_grades() -> &'static Grades {
    static GRADES: OnceLock<Grades> = OnceLock::new();
    GRADES.get_or_init(|| grades(kensho::embedded::tree()))
}

/// Renames every record, and every `restates` and `part_of` naming one, by `new_ids`: the
/// `n`th record (in table order) is called `new_ids[n]`.
fn renamed(ledger: &Ledger, new_ids: &[usize]) -> Ledger {
    let name = |n: usize| format!("renamed-{:05}", new_ids[n]);
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let _ = ledger.edit_records(|n, table| {
        let old = table.get("id").and_then(|i| i.as_str()).unwrap_or("");
        ids.insert(old.to_owned(), name(n));
    });
    ledger.edit_records(|_, table| {
        for key in ["id", "restates", "part_of"] {
            let new = (table.get(key).and_then(|i| i.as_str())).and_then(|old| ids.get(old));
            if let Some(new) = new.cloned() {
                table[key] = toml_edit::value(new);
            }
        }
    })
}

/// Units that state the same dimension, with how many of its base unit each is.
const UNITS: [&[(&str, f64)]; 4] = [
    &[("億円", 1e8), ("兆円", 1e12), ("JPY", 1.0)],
    &[("USD", 1.0), ("USD bn", 1e9), ("億ドル", 1e8)],
    &[("GW", 1.0), ("MW", 1e-3)],
    &[("count", 1.0), ("people", 1.0)],
];

/// Every `{ value, unit }` in `item` (at any depth) with a numeric value and a unit that
/// has siblings, restated in the sibling `choose` picks.
fn restate(item: &mut toml_edit::Item, choose: &mut impl FnMut() -> usize) {
    if let Some(table) = item.as_table_like_mut() {
        let unit = table.get("unit").and_then(|u| u.as_str()).unwrap_or("");
        let value = table
            .get("value")
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
        let family = UNITS.iter().find(|f| f.iter().any(|(u, _)| *u == unit));
        if let (Some(value), Some(family)) = (value, family) {
            let from = family.iter().find(|(u, _)| *u == unit).map_or(1.0, |u| u.1);
            let (to_unit, to) = family[choose() % family.len()];
            // `{:?}` always writes a decimal point or an exponent, so TOML reads a float.
            let restated: toml_edit::Value =
                format!("{:?}", value * from / to).parse().expect("a float");
            table.insert("value", toml_edit::Item::Value(restated));
            table.insert("unit", toml_edit::value(to_unit));
            return;
        }
        for (_, child) in table.iter_mut() {
            restate(child, choose);
        }
    } else if let Some(array) = item.as_array_mut() {
        for value in array.iter_mut() {
            if let Some(table) = value.as_inline_table_mut() {
                let mut inner =
                    toml_edit::Item::Value(toml_edit::Value::InlineTable(table.clone()));
                restate(&mut inner, choose);
                if let toml_edit::Item::Value(v) = inner {
                    *value = v;
                }
            }
        }
    }
}

fn restated(ledger: &Ledger, picks: &[usize]) -> Ledger {
    let mut next = 0;
    let mut choose = || {
        next += 1;
        picks[next % picks.len()]
    };
    ledger.edit_records(|_, table| {
        for (_, item) in table.iter_mut() {
            restate(item, &mut choose);
        }
    })
}

/// A country no claim names, an organisation of it, a source, and records about them.
fn with_records_about_another_country(ledger: &Ledger, added: &[(usize, u32, u32)]) -> Ledger {
    let mut extra = String::from(
        "[[entity]]\nid = \"NZ\"\nname = \"New Zealand\"\nkind = \"country\"\n\n\
         [[entity]]\nid = \"nz-lab\"\nname = \"A New Zealand laboratory\"\nkind = \"startup\"\ncountry = \"NZ\"\n\n\
         [[source]]\nid = \"nz-source\"\nurl = \"https://example.org/nz\"\npublisher = \"P\"\ntitle = \"T\"\nkind = \"news\"\n\n",
    );
    // Metrics the claims use, so that a careless measure would pick the new figures up.
    const METRICS: [&str; 5] = [
        "private_ai_investment",
        "government_ai_budget",
        "gpu_share",
        "metric_00",
        "metric_01",
    ];
    for (i, &(kind, day, amount)) in added.iter().enumerate() {
        let entity = if i % 2 == 0 { "NZ" } else { "nz-lab" };
        let date = format!("2026-04-{:02}", 1 + day % 28);
        let head = format!(
            "id = \"nz-{i}\"\nentity = \"{entity}\"\naxes = [\"deployment\", \"investment\", \"policy\", \"oss\", \"compute\"]\nsources = [\"nz-source\"]\ntitle = \"t\"\n"
        );
        let metric = METRICS[i % METRICS.len()];
        // Figures for one metric and entity differ by year, so that none conflicts.
        let year = 2000 + i;
        extra += &match kind % 7 {
            0 => format!("[[event]]\n{head}date = {date}\ntype = \"law\"\n"),
            1 => format!(
                "[[budget]]\n{head}fiscal_year = {year}\nmetric = \"{metric}\"\namount = {{ value = {amount}, unit = \"億円\" }}\nbasis = \"annual\"\n"
            ),
            2 => format!(
                "[[investment]]\n{head}date = {date}\namount = {{ value = {amount}, unit = \"億円\" }}\nbasis = \"new\"\n"
            ),
            3 => format!(
                "[[metric]]\n{head}period = \"{year}\"\nmetric = \"{metric}\"\nvalue = {{ value = {}, unit = \"%\" }}\n",
                amount % 100
            ),
            4 => format!(
                "[[release]]\n{head}date = {date}\nartifact = \"a\"\nartifact_kind = \"model\"\nopen_weights = true\n"
            ),
            5 => format!(
                "[[deployment]]\n{head}date = {date}\nsystem = \"s\"\ndomain = \"healthcare\"\nstage = \"production\"\n"
            ),
            // Not a benchmark: a model from outside the subject is exactly what
            // `benchmark_gap` compares the subject's with.
            _ => format!("[[target]]\n{head}date = {date}\nby_year = 2030\n"),
        };
        extra.push('\n');
    }
    let mut more = ledger.clone();
    more.tables.extend(tables(&extra));
    more
}

/// Every absolute figure of `metric` about one of `peers` multiplied by a factor of at least
/// 1 (percentages no further than 100).
fn stronger_peers(ledger: &Ledger, metric: &str, peers: &[String], factors: &[f64]) -> Ledger {
    let mut n = 0;
    ledger.edit_records(|_, table| {
        let text = |key: &str| table.get(key).and_then(|i| i.as_str()).map(str::to_owned);
        let about_peer = text("entity").is_some_and(|e| peers.contains(&e));
        if text("metric").as_deref() != Some(metric) || !about_peer || text("relative_to").is_some()
        {
            return;
        }
        let key = if table.contains_key("value") {
            "value"
        } else {
            "amount"
        };
        let Some(quantity) = table.get_mut(key).and_then(|i| i.as_table_like_mut()) else {
            return;
        };
        let unit = quantity.get("unit").and_then(|u| u.as_str()).unwrap_or("");
        let value = (quantity.get("value"))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
        let Some(value) = value else { return };
        let mut scaled = value * factors[n % factors.len()];
        n += 1;
        if unit == "%" {
            scaled = scaled.min(100.0).max(value);
        }
        let scaled: toml_edit::Value = format!("{scaled:?}").parse().expect("a float");
        quantity.insert("value", toml_edit::Item::Value(scaled));
    })
}

/// The value of criterion `criterion` of claim `claim`, graded as of the claim's date.
fn criterion_value(workspace: &Workspace, claim: &str, criterion: &str) -> Option<f64> {
    let claim = workspace.claim(Some(claim)).ok()?;
    let evaluation = evaluate(claim, &workspace.ledger, claim.as_of);
    (claim.criteria().zip(&evaluation.criteria))
        .find(|((_, c), _)| c.id == criterion)
        .and_then(|(_, result)| result.outcome.as_ref().ok())
        .map(|m| m.value)
}

/// A claim's criterion and its value.
type Valued = (String, String, f64);

/// Whether making the peers of any `ratio_to_leader` criterion stronger by `factors` raises
/// its value, or takes it away.
fn stronger_peers_raise_a_ratio(ledger: &Ledger, factors: &[f64]) -> Result<(), String> {
    let workspace = load(ledger.tree());
    // Criteria with a value, grouped by metric and peers (the subject left out), so that
    // each group is loaded once with its peers made stronger.
    let mut groups: BTreeMap<(String, Vec<String>), Vec<Valued>> = BTreeMap::new();
    for claim in &workspace.claims {
        for (_, criterion) in claim.criteria() {
            let Measure::RatioToLeader { metric, peers, .. } = &criterion.measure else {
                continue;
            };
            let peers: Vec<String> = (peers.iter())
                .filter(|p| **p != claim.subject)
                .cloned()
                .collect();
            // Without a value there is nothing to raise: stronger peers cannot give the
            // subject a figure of its own.
            if let Some(before) = criterion_value(&workspace, &claim.id, &criterion.id) {
                let group = groups.entry((metric.clone(), peers)).or_default();
                group.push((claim.id.clone(), criterion.id.clone(), before));
            }
        }
    }
    for ((metric, peers), criteria) in groups {
        let stronger = load(stronger_peers(ledger, &metric, &peers, factors).tree());
        for (claim, criterion, before) in criteria {
            let after = criterion_value(&stronger, &claim, &criterion);
            if after.is_none_or(|after| after > before) {
                return Err(format!("{claim} {criterion}: {before} became {after:?}"));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    /// The shipped ledger's tables in any order, split into any files with any names, give
    /// every output byte for byte as the shipped files do.
    #[test]
    fn rearranging_the_shipped_ledger_changes_no_output(
        arrangement in arrangement(shipped().tables.len())
    ) {
        let rearranged = outputs(shipped().arranged(&arrangement));
        let difference = first_difference(shipped_outputs(), &rearranged);
        prop_assert!(difference.is_none(), "{}", difference.unwrap_or_default());
    }

    /// Renaming the shipped ledger's records, consistently, moves no score by a bit and no
    /// label.
    #[test]
    fn renaming_the_shipped_records_changes_no_score(
        new_ids in Just((0..shipped().records()).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let renamed = grades(renamed(shipped(), &new_ids).tree());
        prop_assert_eq!(agree(shipped_grades(), &renamed, 0.0), Ok(()));
    }

    /// Stating the shipped amounts in other units of their dimension moves no score beyond
    /// rounding and no label. The tolerance is not zero because a unit change is a float
    /// multiply and a divide: 1969 億円 becomes 0.1969 兆円 to the nearest double, which
    /// normalises to 1969e8 give or take an ulp or two, and scores inherit that.
    #[test]
    fn restating_the_shipped_amounts_in_other_units_changes_no_score(
        picks in prop::collection::vec(0usize..6, 1..40)
    ) {
        let restated = grades(restated(shipped(), &picks).tree());
        prop_assert_eq!(agree(shipped_grades(), &restated, 1e-12), Ok(()));
    }

    /// Records about a country no claim names move no score of any claim.
    #[test]
    fn records_about_another_country_change_no_score_of_the_shipped_claims(
        added in prop::collection::vec((0usize..7, 0u32..40, 1u32..100_000), 1..20)
    ) {
        let more = grades(with_records_about_another_country(shipped(), &added).tree());
        prop_assert_eq!(agree(shipped_grades(), &more, 0.0), Ok(()));
    }

    /// Making any peer stronger never raises the subject's `ratio_to_leader`.
    #[test]
    fn stronger_peers_never_raise_the_shipped_ratios_to_the_leader(
        factors in prop::collection::vec(1.0f64..20.0, 1..8)
    ) {
        prop_assert_eq!(stronger_peers_raise_a_ratio(shipped(), &factors), Ok(()));
    }
}

/// A small ledger of investments in Japan all made on one day, so that only their ids order
/// them: `(amount, in 兆円 rather than 億円)`, the `n`th named by `ids[n]`.
fn same_day_investments(amounts: &[(f64, bool)], ids: &[usize]) -> Tree {
    let mut text = String::from(
        "[[axis]]\nid = \"investment\"\ntitle = \"Investment\"\n\n\
         [[entity]]\nid = \"JP\"\nname = \"Japan\"\nkind = \"country\"\n\n\
         [[source]]\nid = \"s\"\nurl = \"https://example.org/s\"\npublisher = \"P\"\ntitle = \"T\"\nkind = \"news\"\n\n",
    );
    for (n, &(amount, cho)) in amounts.iter().enumerate() {
        let unit = if cho { "兆円" } else { "億円" };
        text += &format!(
            "[[investment]]\nid = \"i{:03}\"\ndate = 2026-04-10\nentity = \"JP\"\naxes = [\"investment\"]\nsources = [\"s\"]\ntitle = \"t\"\namount = {{ value = {amount:?}, unit = \"{unit}\" }}\nbasis = \"new\"\n\n",
            ids[n],
        );
    }
    let claim = "id = \"money\"\ntext = \"t\"\nsubject = \"JP\"\nas_of = 2026-05-01\n\
                 window = { from = 2026-04-01, to = 2026-04-30 }\n\n\
                 [[reading]]\nid = \"only\"\ntitle = \"Only\"\n\n\
                 [[axis]]\nid = \"investment\"\nweight = 1\n\n\
                 [[axis.criterion]]\nid = \"money\"\ntitle = \"Money\"\nmeasure = \"sum\"\n\
                 kinds = [\"investment\"]\ngoalposts = { world = 1e13, nothing = 0 }\n";
    let file = |path: &str, text: &str| TreeFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
        on_disk: None,
    };
    Tree {
        ledger: vec![file("evidence/money.toml", &text)],
        claims: vec![file("claims/money.toml", claim)],
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// A sum over records that only their ids order moves by no bit when they are renamed:
    /// amounts are added in an order of their own, not the records'. (The amounts are any
    /// doubles, so that the order of additions shows in the last bits.)
    #[test]
    fn renaming_records_of_one_day_moves_no_sum(
        (amounts, ids) in prop::collection::vec((0.001f64..10_000.0, any::<bool>()), 2..12)
            .prop_flat_map(|amounts| {
                let n = amounts.len();
                (Just(amounts), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            })
    ) {
        let in_order: Vec<usize> = (0..amounts.len()).collect();
        let before = grades(same_day_investments(&amounts, &in_order));
        let after = grades(same_day_investments(&amounts, &ids));
        prop_assert_eq!(agree(&before, &after, 0.0), Ok(()));
    }
}

proptest! {
    #![proptest_config(config(16))]

    /// The same for small synthetic ledgers: any order and split of their tables gives the
    /// bytes the generated files give.
    #[test]
    fn rearranging_a_synthetic_ledger_changes_no_output(
        (seed, arrangement) in (0u64..1000).prop_flat_map(|seed| {
            let n = synthetic(150, seed).tables.len();
            (Just(seed), arrangement(n))
        })
    ) {
        let tree = synthetic_tree(150, seed);
        let after = outputs(Ledger::from_tree(&tree).arranged(&arrangement));
        let before = outputs(tree);
        let difference = first_difference(&before, &after);
        prop_assert!(difference.is_none(), "{}", difference.unwrap_or_default());
    }

    /// Renaming a synthetic ledger's records moves no score by a bit.
    #[test]
    fn renaming_synthetic_records_changes_no_score(
        (seed, new_ids) in (0u64..1000).prop_flat_map(|seed| {
            let n = synthetic(150, seed).records();
            (Just(seed), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let ledger = synthetic(150, seed);
        prop_assert_eq!(agree(&grades(ledger.tree()), &grades(renamed(&ledger, &new_ids).tree()), 0.0), Ok(()));
    }

    /// Restating a synthetic ledger's amounts in other units moves no score beyond rounding
    /// (see the shipped case for why there is a tolerance).
    #[test]
    fn restating_synthetic_amounts_in_other_units_changes_no_score(
        seed in 0u64..1000,
        picks in prop::collection::vec(0usize..6, 1..40),
    ) {
        let ledger = synthetic(150, seed);
        prop_assert_eq!(agree(&grades(ledger.tree()), &grades(restated(&ledger, &picks).tree()), 1e-12), Ok(()));
    }

    /// Records about a country no claim names move no score of the synthetic claim.
    #[test]
    fn records_about_another_country_change_no_synthetic_score(
        seed in 0u64..1000,
        added in prop::collection::vec((0usize..7, 0u32..40, 1u32..100_000), 1..20),
    ) {
        let ledger = synthetic(150, seed);
        let more = with_records_about_another_country(&ledger, &added);
        prop_assert_eq!(agree(&grades(ledger.tree()), &grades(more.tree()), 0.0), Ok(()));
    }

    /// Stronger peers never raise the synthetic claims' ratios to the leader. (The
    /// generator states every metric for one country before the next, so it takes some 200
    /// records before a peer of Japan has figures.)
    #[test]
    fn stronger_peers_never_raise_a_synthetic_ratio_to_the_leader(
        seed in 0u64..1000,
        factors in prop::collection::vec(1.0f64..20.0, 1..8),
    ) {
        let ledger = synthetic(300, seed);
        prop_assert_eq!(stronger_peers_raise_a_ratio(&ledger, &factors), Ok(()));
    }
}

/// Through the binary: the shipped ledger with its tables in reverse, one file each, named
/// so that the files read in yet another order, verifies and explains byte for byte as the
/// shipped files do, and lists the records in the same order.
#[test]
fn the_binary_prints_the_same_for_a_ledger_rearranged_on_disk() {
    let shipped_files = Sandbox::shipped();
    let rearranged = Sandbox::shipped();
    std::fs::remove_dir_all(rearranged.path().join("evidence")).expect("remove evidence");
    let n = shipped().tables.len();
    for (position, table) in shipped().tables.iter().rev().enumerate() {
        // Names that sort neither as written nor in reverse.
        let name = format!(
            "evidence/{:03}-{position}-{}.toml",
            (position * 37) % n,
            table.kind
        );
        rearranged.write(&name, &table.text);
    }
    for args in [
        &["verify", "--format", "json"][..],
        &["verify", "--format", "markdown"],
        &["explain"],
        &["timeline", "--format", "json"],
        &["list"],
    ] {
        let expected = shipped_files.run(args).code(0).stdout;
        assert_eq!(rearranged.run(args).code(0).stdout, expected, "{args:?}");
    }
}
