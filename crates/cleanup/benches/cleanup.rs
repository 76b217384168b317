//! Criterion benchmarks of the cleanup hot path: repair and clean, per
//! document (the seed article) and per MB (every text fixture).
//!
//! Run with `cargo bench -p newsclean-cleanup`; CI only builds them.

#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsclean_cleanup::{Cleaner, Repairer, RuleSet};

/// The seed article and every UTF-8 text fixture under `fixtures/archive/`.
fn corpus() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/archive");
    let seed = std::fs::read_to_string(root.join("reuters-us-china-balloon.txt"))
        .expect("the seed fixture is readable");
    let mut docs = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture folder is readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path)
                && !text.trim().is_empty()
            {
                docs.push(text);
            }
        }
    }
    (seed, docs)
}

fn benches(c: &mut Criterion) {
    let (seed, docs) = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let repairer = Repairer::new();
    let cleaner = Cleaner::new(&RuleSet::builtin()).expect("built-in rules compile");
    let repaired: Vec<String> = docs
        .iter()
        .map(|d| repairer.repair(d).0.into_owned())
        .collect();

    let mut g = c.benchmark_group("per-document");
    g.throughput(Throughput::Elements(1));
    g.bench_function("repair/seed", |b| {
        b.iter(|| repairer.repair(black_box(&seed)))
    });
    g.bench_function("clean/seed", |b| b.iter(|| cleaner.clean(black_box(&seed))));
    g.finish();

    let mut g = c.benchmark_group("per-byte");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("repair/fixtures", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(repairer.repair(black_box(d)));
            }
        })
    });
    g.bench_function("clean/fixtures", |b| {
        b.iter(|| {
            for d in &repaired {
                black_box(cleaner.clean(black_box(d)));
            }
        })
    });
    g.finish();

    // Pages of nothing but short lines (a list of 20,000 page numbers, of
    // single words): the cost per line must not grow with the page.
    let mut g = c.benchmark_group("short-lines");
    for lines in [2_000usize, 20_000] {
        let page: String = (0..lines).map(|i| format!("{i}\n")).collect();
        g.throughput(Throughput::Elements(lines as u64));
        g.bench_function(format!("clean/{lines}"), |b| {
            b.iter(|| cleaner.clean(black_box(&page)))
        });
    }
    g.finish();
}

criterion_group!(cleanup, benches);
criterion_main!(cleanup);
