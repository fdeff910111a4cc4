//! Writes a synthetic ledger and claim for benchmarks:
//! `cargo run --release --example gen_ledger -- --records N --out DIR [--seed S]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;

/// Generate a synthetic kensho ledger.
#[derive(Debug, Parser)]
struct Args {
    /// About how many records to write
    #[arg(long)]
    records: usize,
    /// The folder to write `evidence/` and `claims/` into
    #[arg(long)]
    out: PathBuf,
    /// The seed; the same seed gives the same bytes
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    for file in kensho::synthetic::generate(args.records, args.seed) {
        let path = args.out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&path, file.text)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}
