//! Writes a synthetic ledger and claim for benchmarks:
//! `cargo run --release --example gen_ledger -- --records N --out DIR [--seed S]
//! [--revision DIR2] [--revision-together DIR3] [--missing-sources]`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Parser;
use kensho::synthetic::File;

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
    /// Also write a second revision here, with one record title in a hundred changed, to
    /// diff against the first
    #[arg(long)]
    revision: Option<PathBuf>,
    /// Also write a second revision here with as many titles changed as `--revision`
    /// changes, all together in the first record file, every other file byte for byte the
    /// same
    #[arg(long)]
    revision_together: Option<PathBuf>,
    /// Make every record cite a source that does not exist (a typo of the right id), so
    /// that `check` finds one error per record
    #[arg(long)]
    missing_sources: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut files = kensho::synthetic::generate(args.records, args.seed);
    if args.missing_sources {
        files = kensho::synthetic::cite_missing_sources(&files);
    }
    if let Some(revision) = &args.revision {
        write(revision, &kensho::synthetic::revise(&files, 100))?;
    }
    if let Some(revision) = &args.revision_together {
        write(revision, &kensho::synthetic::revise_together(&files, 100))?;
    }
    write(&args.out, &files)
}

fn write(out: &Path, files: &[File]) -> anyhow::Result<()> {
    for file in files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&path, &file.text)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}
