//! Writes the synthetic ledger `gen_ledger` makes as journals that plain-text accounting
//! tools read, so that kensho can be timed beside them on the same data (`benches/peers.sh`):
//! `cargo run --release --example peer_journals -- --records N --out DIR [--seed S]` writes
//! `DIR/journal.ledger` (for ledger-cli and hledger) and `DIR/journal.beancount`.
//!
//! Each record becomes one transaction on the day it becomes known, described by its title,
//! with two postings: its figure (or one `REC` when its kind states none) to an account
//! named after its kind and entity, balanced by an account named after its first source. The
//! same records, dates, titles and cross-references as kensho reads; what each tool does
//! with them differs (see the README).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;
use kensho::ledger::{Dimension, Record};
use kensho::workspace::Workspace;

/// Write a synthetic ledger as ledger-cli, hledger and beancount journals.
#[derive(Debug, Parser)]
struct Args {
    /// About how many records to write, as `gen_ledger --records`
    #[arg(long)]
    records: usize,
    /// The folder to write the journals into
    #[arg(long)]
    out: PathBuf,
    /// The seed, as `gen_ledger --seed`
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// The commodity a figure's dimension is posted in.
fn commodity(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Yen => "JPY",
        Dimension::Dollars => "USD",
        Dimension::Share => "PCT",
        Dimension::Rank => "RANK",
        Dimension::Count => "COUNT",
        Dimension::Length => "METRE",
        Dimension::Power => "WATT",
        Dimension::Ratio => "RATIO",
        Dimension::Score => "SCORE",
        Dimension::ExchangeRate => "JPYUSD",
    }
}

/// An account name part from an id: beancount wants each part to start with a capital.
fn part(id: &str) -> String {
    let mut chars = id.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// The two postings of one record: the account and amount, and the balancing account.
fn posting(record: &Record) -> (String, String, String) {
    let (amount, unit) = match record.body.figure() {
        Some(q) => {
            let n = q.normalised();
            (format!("{:.2}", n.value), commodity(n.dimension))
        }
        None => ("1".to_owned(), "REC"),
    };
    let account = format!(
        "Assets:{}:{}",
        part(record.kind().key()),
        part(record.entity())
    );
    let source = record.sources().next().unwrap_or("None");
    (
        account,
        format!("{amount} {unit}"),
        format!("Equity:{}", part(source)),
    )
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut tree = kensho::synthetic::tree(&kensho::synthetic::generate(args.records, args.seed));
    tree.claims.clear();
    let workspace = Workspace::read(tree);
    let records = &workspace.ledger.records;

    let mut ledger = String::new();
    let mut beancount = String::new();
    let mut accounts = std::collections::BTreeSet::new();
    for record in records {
        let (account, _, source) = posting(record);
        accounts.insert(account.clone());
        accounts.insert(source.clone());
    }
    for account in &accounts {
        let _ = writeln!(beancount, "1900-01-01 open {account}");
    }
    for record in records {
        let day = record.when.known_date();
        let (account, amount, source) = posting(record);
        // Titles hold no double quotes; beancount's narration is a quoted string.
        let _ = write!(
            ledger,
            "\n{day} {}\n    {account}    {amount}\n    {source}\n",
            record.title()
        );
        let _ = write!(
            beancount,
            "\n{day} * \"{}\"\n  {account}    {amount}\n  {source}\n",
            record.title()
        );
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create `{}`", args.out.display()))?;
    for (name, text) in [("journal.ledger", ledger), ("journal.beancount", beancount)] {
        let path = args.out.join(name);
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}
