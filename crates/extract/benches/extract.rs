//! Criterion benchmarks of extraction: structure (`extract`), facts (quotes,
//! entities, dates) and credit lines, per document (the seed article) and per
//! MB (every text fixture, its non-empty lines standing in for the lines
//! cleanup keeps).
//!
//! Run with `cargo bench -p newsclean-extract`; CI only builds them.

#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsclean_extract::Extractor;

/// Non-empty trimmed lines of the seed article and of every UTF-8 text
/// fixture under `fixtures/archive/`.
fn corpus() -> (Vec<String>, Vec<Vec<String>>) {
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
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
                docs.push(lines(&text));
            }
        }
    }
    (lines(&seed), docs)
}

fn benches(c: &mut Criterion) {
    let (seed, docs) = corpus();
    let bytes: usize = docs.iter().flatten().map(String::len).sum();
    let extractor = Extractor::new();
    let seed_article = extractor.extract(&seed);

    let mut g = c.benchmark_group("per-document");
    g.throughput(Throughput::Elements(1));
    g.bench_function("extract/seed", |b| {
        b.iter(|| extractor.extract(black_box(&seed)))
    });
    g.bench_function("facts/seed", |b| {
        b.iter(|| extractor.facts(black_box(&seed_article), Some("en"), Some(2023)))
    });
    g.bench_function("credits/line", |b| {
        b.iter(|| {
            extractor.credits(black_box(
                "(Reporting by Jane Doe and John Roe; Editing by Ann Lee)",
            ))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("per-byte");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract+facts/fixtures", |b| {
        b.iter(|| {
            for d in &docs {
                let article = extractor.extract(black_box(d));
                black_box(extractor.facts(&article, Some("en"), None));
            }
        })
    });
    g.finish();
}

criterion_group!(extract, benches);
criterion_main!(extract);
