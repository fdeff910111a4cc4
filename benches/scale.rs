//! How kensho's cost grows with the ledger: load, check, verify with robustness and diff (1%
//! of records changed, spread over every file, then together in one) at
//! 1,000, 10,000 and 100,000 synthetic records, beside the bare cost of parsing the same TOML
//! into untyped tables, the yardstick. Then the same sizes with everything wrong: `check`
//! when every record cites a missing source (a "did you mean" each), and the rendering of
//! all those diagnostics in the human format.
//!
//! `cargo bench --bench scale`; `KENSHO_BENCH_SIZES=1000,10000` runs fewer sizes;
//! `cargo bench --bench scale -- 'scale/check|errors'` runs only the checks and rendering.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::engine::{self, robustness};
use kensho::render::diagnostics;
use kensho::synthetic::{cite_missing_sources, generate, revise, revise_together, tree};
use kensho::workspace::Workspace;

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let files = generate(n, 1);
        let head = tree(&revise(&files, 100));
        let together = tree(&revise_together(&files, 100));
        let t = tree(&files);
        group.bench_with_input(BenchmarkId::new("yardstick_parse", n), &t, |b, t| {
            b.iter(|| {
                for f in &t.ledger {
                    let text = std::str::from_utf8(&f.bytes).unwrap_or("");
                    black_box(text.parse::<toml::Table>().ok());
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("load", n), &t, |b, t| {
            b.iter_batched(
                || t.clone(),
                |t| black_box(Workspace::read(t)),
                criterion::BatchSize::LargeInput,
            )
        });
        let loaded = Workspace::read(t.clone());
        group.bench_with_input(BenchmarkId::new("check", n), &loaded, |b, ws| {
            b.iter(|| {
                black_box(kensho::check::run(&kensho::check::Context::new(
                    &ws.ledger, &ws.claims,
                )))
            })
        });
        group.bench_with_input(BenchmarkId::new("verify", n), &loaded, |b, ws| {
            b.iter(|| {
                let claim = &ws.claims[0];
                let e = engine::evaluate(claim, &ws.ledger, claim.as_of);
                black_box(robustness::assess(
                    claim,
                    &ws.ledger,
                    &e,
                    Default::default(),
                ))
            })
        });
        // 1% of records changed, spread over every file, then together in one file (the
        // others byte for byte the same, read once for both revisions).
        for (name, head) in [("diff", &head), ("diff_together", &together)] {
            group.bench_with_input(BenchmarkId::new(name, n), &(&t, head), |b, (base, head)| {
                b.iter_batched(
                    || ((*base).clone(), (*head).clone()),
                    |(base, head)| {
                        let (before, after) = Workspace::load_pair(base, head);
                        let diff = kensho::diff::compare(
                            kensho::diff::Side {
                                name: "base",
                                workspace: &before,
                            },
                            kensho::diff::Side {
                                name: "head",
                                workspace: &after,
                            },
                            &[],
                            None,
                        );
                        black_box(diff.map(|d| d.claims.len()).ok())
                    },
                    criterion::BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

/// Everything wrong: every record cites a missing source, a typo of the right id. `check`
/// then finds one error per record, each with a "did you mean" searched among thousands of
/// ids of the same length; compare with `scale/check` on the clean ledger of the same size.
/// Rendering every diagnostic in the human format (an excerpt of the lines around each
/// mark) should grow in step with their number.
fn errors(c: &mut Criterion) {
    let mut group = c.benchmark_group("errors");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let mut ws = Workspace::read(tree(&cite_missing_sources(&generate(n, 1))));
        group.bench_with_input(
            BenchmarkId::new("check_missing_sources", n),
            &ws,
            |b, ws| {
                b.iter(|| {
                    black_box(kensho::check::run(&kensho::check::Context::new(
                        &ws.ledger, &ws.claims,
                    )))
                })
            },
        );
        ws.check();
        group.bench_with_input(BenchmarkId::new("render_human", n), &ws, |b, ws| {
            b.iter(|| black_box(diagnostics::human(&ws.diagnostics, &ws.files, false).len()))
        });
    }
    group.finish();
}

/// Robustness alone on the shipped claim: the cost the default draws add to `verify`.
fn shipped_robustness(c: &mut Criterion) {
    let ws = Workspace::load(kensho::embedded::tree());
    let claim = &ws
        .claims
        .iter()
        .find(|c| c.default)
        .unwrap_or(&ws.claims[0]);
    let e = engine::evaluate(claim, &ws.ledger, claim.as_of);
    c.bench_function("shipped/evaluate", |b| {
        b.iter(|| black_box(engine::evaluate(claim, &ws.ledger, claim.as_of)))
    });
    c.bench_function("shipped/robustness", |b| {
        b.iter(|| {
            black_box(robustness::assess(
                claim,
                &ws.ledger,
                &e,
                Default::default(),
            ))
        })
    });
}

criterion_group!(benches, shipped_robustness, scale, errors);
criterion_main!(benches);
