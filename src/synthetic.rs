//! Synthetic ledgers of any size, for the benchmarks and the scale tests: every record kind,
//! realistic field sizes, Japanese and English titles, sources shared by many records, spread
//! over about twenty files, and a claim that uses every measure. The same seed gives the same
//! bytes.

use std::fmt::Write as _;

use crate::engine::rng::Rng;
use crate::workspace::{Tree, TreeFile};

/// Countries the records are about (ISO 3166-1 alpha-2, with `UK` as the ledger uses it).
const COUNTRIES: [&str; 24] = [
    "JP", "US", "CN", "UK", "KR", "DE", "FR", "IN", "CA", "SG", "IL", "TW", "NL", "SE", "CH", "AU",
    "IT", "ES", "BR", "FI", "DK", "NO", "AT", "BE",
];
const AXES: [&str; 7] = [
    "policy",
    "compute",
    "investment",
    "research",
    "patents",
    "oss",
    "deployment",
];
const EVENT_TYPES: [&str; 8] = [
    "law",
    "plan",
    "guideline",
    "paper",
    "partnership",
    "launch",
    "award",
    "announcement",
];
const SOURCE_KINDS: [&str; 7] = [
    "law",
    "government",
    "statistics",
    "company",
    "news",
    "academic",
    "ranking",
];
const STAGES: [&str; 4] = ["announced", "pilot", "trial", "production"];
const DOMAINS: [&str; 5] = [
    "healthcare",
    "manufacturing",
    "construction",
    "robotics",
    "mobility",
];
/// Metrics with one value per country and year.
const METRICS: usize = 40;
/// The years a metric has values for, back from 2025.
const YEARS: i64 = 60;
/// How many metric records the first [`METRICS`] metrics hold, one per country and year.
const METRIC_SLOTS: usize = METRICS * COUNTRIES.len() * YEARS as usize;
/// Organisations per country.
const ORGS_PER_COUNTRY: usize = 20;
/// How many records share one source.
const RECORDS_PER_SOURCE: usize = 40;
/// Files per record kind family, about twenty in all.
const FILES: [(&str, usize); 6] = [
    ("events", 6),
    ("metrics", 5),
    ("money", 3),
    ("models", 2),
    ("deployments", 2),
    ("targets", 1),
];

/// The metric, country and year of the `slot`th metric record. Each (metric, country, year)
/// appears once, so values never conflict: once every year of the first [`METRICS`] metrics
/// is taken (past some 230,000 records), the slots go on with as many metrics more, and so
/// on, leaving smaller ledgers as they were.
fn metric_of(slot: usize) -> (usize, usize, i64) {
    let metric = slot % METRICS + METRICS * (slot / METRIC_SLOTS);
    let country = (slot / METRICS) % COUNTRIES.len();
    let year = 2025 - (slot / (METRICS * COUNTRIES.len())) as i64 % YEARS;
    (metric, country, year)
}

/// One generated file: its path relative to the repository root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// `evidence/…` or `claims/…`.
    pub path: String,
    /// The TOML text.
    pub text: String,
}

/// The tree a command would read from these files: `claims/…` as claim files, the rest as
/// ledger files.
pub fn tree(files: &[File]) -> Tree {
    let mut tree = Tree::default();
    for file in files {
        let entry = TreeFile {
            path: file.path.clone().into(),
            bytes: file.text.clone().into_bytes(),
            on_disk: None,
        };
        if file.path.starts_with("claims/") {
            tree.claims.push(entry);
        } else {
            tree.ledger.push(entry);
        }
    }
    tree
}

fn org(country: usize, n: usize) -> String {
    format!("org-{}-{n:02}", COUNTRIES[country].to_lowercase())
}

fn date(rng: &mut Rng) -> String {
    // 2015-01-01 to 2026-04-28: every day exists in every month.
    let year = 2015 + (rng.uniform() * 11.33) as u32;
    let month = if year == 2026 {
        1 + (rng.uniform() * 4.0) as u32
    } else {
        1 + (rng.uniform() * 12.0) as u32
    };
    let day = 1 + (rng.uniform() * 28.0) as u32;
    format!("{year:04}-{month:02}-{day:02}")
}

fn title(rng: &mut Rng, i: usize, what: &str) -> String {
    // Titles of realistic length, alternating English and Japanese.
    if i.is_multiple_of(2) {
        format!("{what} number {i}: a synthetic fact recorded for scale testing of the ledger")
    } else {
        let n = (rng.uniform() * 1000.0) as u32;
        format!("{what} {i}: 合成データによる検証用の記録（第{n}号）")
    }
}

/// A second revision of generated ledger files: one `title` in `every` changed (nearly all
/// titles are records'), the rest byte for byte the same, as a diff between two commits of
/// a large ledger would see.
pub fn revise(files: &[File], every: usize) -> Vec<File> {
    let mut seen = 0usize;
    files
        .iter()
        .map(|file| {
            if !file.path.starts_with("evidence/") {
                return file.clone();
            }
            let mut text = String::with_capacity(file.text.len() + 1024);
            for line in file.text.lines() {
                text.push_str(line);
                if line.starts_with("title = ") && line.ends_with('"') {
                    seen += 1;
                    if seen.is_multiple_of(every.max(1)) {
                        text.pop();
                        text.push_str(" (revised)\"");
                    }
                }
                text.push('\n');
            }
            File {
                path: file.path.clone(),
                text,
            }
        })
        .collect()
}

/// A second revision with as many record titles changed as [`revise`] changes (one in
/// `every`), all of them together in the first record files, from the top: a commit that
/// edits a run of records in one file, as a day's work on a ledger does. Every other file
/// stays byte for byte the same, so that a diff can tell them apart by their bytes alone.
pub fn revise_together(files: &[File], every: usize) -> Vec<File> {
    let is_record_file = |file: &File| {
        file.path.starts_with("evidence/")
            && !matches!(
                file.path.as_str(),
                "evidence/vocabulary.toml" | "evidence/sources.toml"
            )
    };
    let titles = (files.iter().filter(|f| is_record_file(f)))
        .flat_map(|f| f.text.lines())
        .filter(|line| line.starts_with("title = ") && line.ends_with('"'))
        .count();
    let mut left = titles / every.max(1);
    files
        .iter()
        .map(|file| {
            if left == 0 || !is_record_file(file) {
                return file.clone();
            }
            let mut text = String::with_capacity(file.text.len() + 1024);
            for line in file.text.lines() {
                text.push_str(line);
                if left > 0 && line.starts_with("title = ") && line.ends_with('"') {
                    left -= 1;
                    text.pop();
                    text.push_str(" (revised)\"");
                }
                text.push('\n');
            }
            File {
                path: file.path.clone(),
                text,
            }
        })
        .collect()
}

/// The same ledger with every record citing a source that does not exist: each `sources`
/// entry `src-NNNNN` becomes `scr-NNNNN`, a typo of the right id (two letters swapped), so
/// `check` reports one unknown source per record, each with a "did you mean" found among
/// thousands of ids of the same length, and every declared source goes uncited. What
/// `check` costs when everything is wrong, beside what it costs when nothing is.
pub fn cite_missing_sources(files: &[File]) -> Vec<File> {
    files
        .iter()
        .map(|file| {
            if !file.path.starts_with("evidence/") {
                return file.clone();
            }
            let mut text = String::with_capacity(file.text.len());
            for line in file.text.split_inclusive('\n') {
                match line.strip_prefix("sources = [\"src-") {
                    Some(rest) => {
                        text.push_str("sources = [\"scr-");
                        text.push_str(rest);
                    }
                    None => text.push_str(line),
                }
            }
            File {
                path: file.path.clone(),
                text,
            }
        })
        .collect()
}

/// Generates a ledger of about `records` records and its claims.
pub fn generate(records: usize, seed: u64) -> Vec<File> {
    let mut rng = Rng::new(seed);
    let sources = records.div_ceil(RECORDS_PER_SOURCE).max(1);
    let mut out = Vec::new();

    let mut vocabulary = String::from("# Synthetic vocabulary: axes and entities.\n");
    for axis in AXES {
        let _ = write!(
            vocabulary,
            "\n[[axis]]\nid = \"{axis}\"\ntitle = \"Axis {axis}\"\n"
        );
    }
    for (c, code) in COUNTRIES.iter().enumerate() {
        let _ = write!(
            vocabulary,
            "\n[[entity]]\nid = \"{code}\"\nname = \"Country {code}\"\nkind = \"country\"\n"
        );
        for n in 0..ORGS_PER_COUNTRY {
            let kind = ["company", "startup", "institution", "university"][n % 4];
            let _ = write!(
                vocabulary,
                "\n[[entity]]\nid = \"{}\"\nname = \"Organisation {n} of {code}\"\nname_ja = \"{code}の組織{n}\"\nkind = \"{kind}\"\ncountry = \"{code}\"\n",
                org(c, n)
            );
        }
    }
    out.push(File {
        path: "evidence/vocabulary.toml".to_owned(),
        text: vocabulary,
    });

    let mut source_text = String::from("# Synthetic sources, each cited by many records.\n");
    for s in 0..sources {
        let kind = SOURCE_KINDS[s % SOURCE_KINDS.len()];
        let _ = write!(
            source_text,
            "\n[[source]]\nid = \"src-{s:05}\"\nurl = \"https://example.org/{kind}/{s:05}/report.html\"\npublisher = \"Publisher {}\"\ntitle = \"Synthetic {kind} document {s} describing several facts\"\nkind = \"{kind}\"\npublished = {}\nfootnotes = [{}]\n",
            s % 97,
            date(&mut rng),
            s % 60 + 1
        );
    }
    out.push(File {
        path: "evidence/sources.toml".to_owned(),
        text: source_text,
    });

    let mut files: Vec<Vec<String>> = FILES.iter().map(|(_, n)| vec![String::new(); *n]).collect();
    let mut metric_slot = 0usize;
    for i in 0..records {
        let source = format!("src-{:05}", i % sources);
        let country = (rng.uniform() * COUNTRIES.len() as f64) as usize;
        let entity = if rng.uniform() < 0.5 {
            COUNTRIES[country].to_owned()
        } else {
            org(country, (rng.uniform() * ORGS_PER_COUNTRY as f64) as usize)
        };
        let axis = AXES[i % AXES.len()];
        let roll = i % 20;
        let (family, text) = if roll < 6 {
            let event_type = EVENT_TYPES[(rng.uniform() * EVENT_TYPES.len() as f64) as usize];
            (
                0,
                format!(
                    "\n[[event]]\nid = \"ev-{i:06}\"\ndate = {}\nentity = \"{entity}\"\naxes = [\"{axis}\"]\nsources = [\"{source}\"]\ntype = \"{event_type}\"\ntitle = \"{}\"\nnote = \"Generated to exercise the loader with a note of ordinary length.\"\n",
                    date(&mut rng),
                    title(&mut rng, i, "Event")
                ),
            )
        } else if roll < 11 {
            let (metric, country, year) = metric_of(metric_slot);
            metric_slot += 1;
            let (unit, value) = match metric % 4 {
                0 => ("USD bn", format!("{:.2}", 0.1 + rng.uniform() * 120.0)),
                1 => ("%", format!("{:.1}", rng.uniform() * 60.0)),
                2 => ("rank", format!("{}", 1 + (rng.uniform() * 40.0) as u32)),
                _ => ("count", format!("{}", (rng.uniform() * 20000.0) as u32)),
            };
            let period = year.to_string();
            (
                1,
                format!(
                    "\n[[metric]]\nid = \"mt-{i:06}\"\nperiod = \"{period}\"\nentity = \"{}\"\naxes = [\"{axis}\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nmetric = \"metric_{metric:02}\"\nvalue = {{ value = {value}, unit = \"{unit}\" }}\n",
                    COUNTRIES[country],
                    title(&mut rng, i, "Metric")
                ),
            )
        } else if roll < 13 {
            let amount = 10.0 + rng.uniform() * 9000.0;
            (
                2,
                format!(
                    "\n[[investment]]\nid = \"iv-{i:06}\"\ndate = {}\nentity = \"{entity}\"\ninvestor = \"{}\"\naxes = [\"investment\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\namount = {{ value = {amount:.0}, unit = \"億円\" }}\nbasis = \"new\"\n",
                    date(&mut rng),
                    org((country + 1) % COUNTRIES.len(), i % ORGS_PER_COUNTRY),
                    title(&mut rng, i, "Investment")
                ),
            )
        } else if roll < 14 {
            (
                2,
                format!(
                    "\n[[budget]]\nid = \"bd-{i:06}\"\nfiscal_year = {}\nentity = \"{}\"\naxes = [\"policy\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nmetric = \"budget_line_{i:06}\"\namount = {{ value = {:.0}, unit = \"億円\" }}\nbasis = \"annual\"\n",
                    2015 + i % 12,
                    COUNTRIES[country],
                    title(&mut rng, i, "Budget"),
                    100.0 + rng.uniform() * 5000.0
                ),
            )
        } else if roll < 15 {
            let own = 40.0 + rng.uniform() * 50.0;
            (
                3,
                format!(
                    "\n[[benchmark]]\nid = \"bm-{i:06}\"\ndate = {}\nentity = \"{entity}\"\naxes = [\"research\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nself_reported = {}\nmodel = \"Model {i}\"\ntest = \"TEST-{}\"\nscore = {{ value = {own:.1}, unit = \"%\" }}\ncomparators = [{{ model = \"Rival {i}\", entity = \"{}\", score = {{ value = {:.1}, unit = \"%\" }} }}]\n",
                    date(&mut rng),
                    title(&mut rng, i, "Benchmark"),
                    i % 3 == 0,
                    i % 10,
                    org((country + 3) % COUNTRIES.len(), 0),
                    own + rng.uniform() * 10.0
                ),
            )
        } else if roll < 17 {
            (
                3,
                format!(
                    "\n[[release]]\nid = \"rl-{i:06}\"\ndate = {}\nentity = \"{entity}\"\naxes = [\"oss\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nartifact = \"Artifact {i}\"\nartifact_kind = \"{}\"\nopen_weights = {}\nlicence = \"Licence {}\"\n",
                    date(&mut rng),
                    title(&mut rng, i, "Release"),
                    ["model", "code", "dataset"][i % 3],
                    i % 4 != 0,
                    i % 5
                ),
            )
        } else if roll < 19 {
            (
                4,
                format!(
                    "\n[[deployment]]\nid = \"dp-{i:06}\"\ndate = {}\nentity = \"{entity}\"\naxes = [\"deployment\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nsystem = \"System {i}\"\ndomain = \"{}\"\nstage = \"{}\"\nresults = [{{ measure = \"success rate\", value = {{ value = {:.1}, unit = \"%\" }} }}]\n",
                    date(&mut rng),
                    title(&mut rng, i, "Deployment"),
                    DOMAINS[i % DOMAINS.len()],
                    STAGES[i % STAGES.len()],
                    50.0 + rng.uniform() * 50.0
                ),
            )
        } else {
            (
                5,
                format!(
                    "\n[[target]]\nid = \"tg-{i:06}\"\ndate = {}\nentity = \"{entity}\"\naxes = [\"{axis}\"]\nsources = [\"{source}\"]\ntitle = \"{}\"\nvalue = {{ value = {}, unit = \"GW\" }}\nby_year = {}\n",
                    date(&mut rng),
                    title(&mut rng, i, "Target"),
                    1 + i % 9,
                    2027 + i % 14
                ),
            )
        };
        let bucket = &mut files[family];
        let n = bucket.len();
        bucket[i % n].push_str(&text);
    }
    for ((name, _), bucket) in FILES.iter().zip(files) {
        for (n, text) in bucket.into_iter().enumerate() {
            if !text.is_empty() {
                out.push(File {
                    path: format!("evidence/{name}-{n:02}.toml"),
                    text: format!("# Synthetic {name}, part {n}.\n{text}"),
                });
            }
        }
    }
    out.push(File {
        path: "claims/synthetic.toml".to_owned(),
        text: CLAIM.to_owned(),
    });
    out
}

/// A claim over the synthetic ledger that uses every measure.
const CLAIM: &str = r#"# A claim over the synthetic ledger: every measure, two readings.
id = "synthetic-jp-leads"
text = "JP leads the synthetic world"
subject = "JP"
as_of = 2026-05-01
window = { from = 2025-05-01, to = 2026-04-30 }
default = true

[[reading]]
id = "strict"
title = "Leads outright"

[[reading]]
id = "loose"
title = "Is among the leaders"

[reading.goalposts]
investment-vs-leader = { world = 0.5, nothing = 0.01 }

[[axis]]
id = "investment"
weight = 0.3

[[axis.criterion]]
id = "investment-vs-leader"
title = "Metric 00 against the leader"
measure = "ratio_to_leader"
metric = "metric_00"
peers = ["US", "CN", "UK", "KR", "DE"]
scale = "log"
goalposts = { world = 1, nothing = 0.01 }

[[axis.criterion]]
id = "investment-sum"
title = "Money invested in the past year"
measure = "sum"
kinds = ["investment"]
goalposts = { world = "5兆円", nothing = 0 }

[[axis]]
id = "research"
weight = 0.3

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
goalposts = { world = 50, nothing = 0 }

[[axis.criterion]]
id = "benchmark"
title = "Gap on TEST-1"
measure = "benchmark_gap"
test = "TEST-1"
goalposts = { world = 0, nothing = 40 }

[[axis.criterion]]
id = "benchmark-ratio"
title = "Score on TEST-1 against the best"
measure = "benchmark_ratio"
test = "TEST-1"
threshold = ">= 0.9 factor"

[[axis]]
id = "policy"
weight = 0.4

[[axis.criterion]]
id = "growth"
title = "Growth of metric 03"
measure = "growth"
metric = "metric_03"
from = "2024"
to = "2025"
goalposts = { world = 2, nothing = 0.5 }

[[axis.criterion]]
id = "laws"
title = "Laws and plans in the past year"
measure = "count"
kinds = ["event"]
types = ["law", "plan", "guideline"]
goalposts = { world = 50, nothing = 0 }

[[axis.criterion]]
id = "value"
title = "Latest metric 07"
measure = "value"
metric = "metric_07"
scale = "log"
goalposts = { world = 20000, nothing = 10 }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_values_never_share_a_metric_country_and_year_up_to_millions_of_records() {
        // A quarter of the records are metrics: this is a ledger of four million records.
        let mut seen = std::collections::HashSet::new();
        for slot in 0..1_000_000 {
            assert!(
                seen.insert(metric_of(slot)),
                "slot {slot}: {:?}",
                metric_of(slot)
            );
        }
        // Ledgers too small to use them all keep the metrics the claim grades.
        assert_eq!(metric_of(0), (0, 0, 2025));
        assert_eq!(
            metric_of(METRIC_SLOTS - 1),
            (METRICS - 1, COUNTRIES.len() - 1, 1966)
        );
        assert_eq!(metric_of(METRIC_SLOTS), (METRICS, 0, 2025));
    }
}
