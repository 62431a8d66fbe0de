//! Criterion benchmarks of what a lookup pays for, at three corpus sizes:
//! the built-in FAQ (57 entries), and generated corpora of 10,000 and
//! 100,000 entries (`support/corpus_gen.rs`, seed 1; written once under
//! `<target>/bench-corpora` and reused).
//!
//! - `parse/N`: the heading scanner over documents already in memory;
//! - `load/N`: reading the files and parsing them (`Corpus::load`), what
//!   every run pays, since nothing is cached between runs (for the built-in
//!   FAQ: copying its entries from the tables generated at build time);
//! - `search/N/QUERY`: ranking every entry for one query, by a scan (what a
//!   run with `--corpus` pays);
//! - `prebuilt/QUERY`: ranking the built-in FAQ with its build-time index,
//!   what `faq search` on the built-in FAQ pays;
//! - `index/N`: preparing a session index (`Index::build`), what the picker
//!   pays once, in the background;
//! - `keystroke/N/QUERY`: ranking with that index from scratch (nothing
//!   remembered from earlier keystrokes): the most the picker pays for one
//!   keystroke while `tombstone room` is typed;
//! - `typing/N`: typing `tombstone room` one key at a time, as the picker
//!   ranks it (each keystroke narrowing the last); per keystroke, divide by
//!   the 14 keys;
//! - `draw/N`: what the picker's input thread does per keystroke besides
//!   waiting for the ranking: highlight the visible rows, render the preview.
//!
//! ```sh
//! cargo bench --bench search            # everything
//! cargo bench --bench search -- 10k     # one size
//! ```

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use faq::corpus::{Corpus, Source, read_source};
use faq::parse::parse_document;
use faq::render::{self, Presentation};
use faq::search::{Index, Query, highlight, search};
use faq::xref::CrossRefs;

const QUERIES: &[&str] = &["tombstone", "delete room", "acess tokn"];
/// A query as the picker sees it, one keystroke at a time.
const KEYSTROKES: &[&str] = &[
    "t",
    "to",
    "tom",
    "tomb",
    "tombstone",
    "tombstone r",
    "tombstone room",
];

/// The corpora to measure: label and sources.
fn corpora() -> Vec<(&'static str, Vec<Source>)> {
    let mut out = vec![("57", vec![Source::Builtin])];
    for (label, entries) in [("10k", 10_000), ("100k", 100_000)] {
        let dir = corpus_gen::for_benches(entries).expect("corpus is written");
        out.push((label, vec![Source::Path(dir)]));
    }
    out
}

/// A benchmark group; on a big corpus, ten samples over `seconds`, since
/// each takes long.
fn sized_group<'c>(
    c: &'c mut Criterion,
    name: impl Into<String>,
    big: bool,
    seconds: u64,
) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    if big {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(seconds));
    }
    group
}

fn benches(c: &mut Criterion) {
    for (label, sources) in corpora() {
        let documents: Vec<_> = sources.iter().flat_map(|s| read_source(s).0).collect();
        let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
        let corpus = Corpus::load(&sources);
        assert!(
            corpus.problems.is_empty(),
            "{:?}",
            corpus.problems.kept().first()
        );
        let big = bytes > 1 << 20;

        let mut group = sized_group(c, "parse", big, 8);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(label, |b| {
            b.iter(|| {
                documents
                    .iter()
                    .map(|d| parse_document(&d.name, &d.text).entries.len())
                    .sum::<usize>()
            })
        });
        group.finish();

        let mut group = sized_group(c, "load", big, 10);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(label, |b| b.iter(|| Corpus::load(black_box(&sources))));
        group.finish();

        let mut group = sized_group(c, format!("search/{label}"), big, 8);
        group.throughput(Throughput::Elements(corpus.entries.len() as u64));
        for &query in QUERIES {
            group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
                b.iter(|| search(&corpus.entries, &Query::parse(black_box(q))))
            });
        }
        group.finish();

        if let [Source::Builtin] = sources.as_slice() {
            let (entries, index) = (faq::prebuilt::entries(), Index::builtin());
            let mut group = c.benchmark_group("prebuilt");
            for &query in QUERIES {
                group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
                    b.iter(|| {
                        index.forget_recent();
                        index.search(&entries, &Query::parse(black_box(q)))
                    })
                });
            }
            group.finish();
        }

        let mut group = sized_group(c, "index", big, 10);
        group.bench_function(label, |b| b.iter(|| Index::build(&corpus.entries)));
        group.finish();

        let index = Index::build(&corpus.entries);
        let mut group = sized_group(c, format!("keystroke/{label}"), big, 5);
        group.throughput(Throughput::Elements(corpus.entries.len() as u64));
        for &query in KEYSTROKES {
            group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
                b.iter(|| {
                    index.forget_recent();
                    index.search(&corpus.entries, &Query::parse(black_box(q)))
                })
            });
        }
        group.finish();

        let how = Presentation {
            rich: true,
            color: true,
            width: 78,
            hyperlinks: false,
        };
        let refs = CrossRefs::new(&corpus.entries);
        let parsed = Query::parse("tombstone room");
        let ranked = index.search(&corpus.entries, &parsed);
        c.bench_function(&format!("draw/{label}"), |b| {
            b.iter(|| {
                let mut visible = ranked[..ranked.len().min(50)].to_vec();
                highlight(&corpus.entries, &parsed, &mut visible);
                visible
                    .first()
                    .map(|top| render::entry(&corpus.entries[top.index], &refs, how).len())
            })
        });

        let mut group = sized_group(c, "typing", big, 10);
        let typed = KEYSTROKES.last().copied().unwrap_or_default();
        group.bench_function(label, |b| {
            b.iter(|| {
                index.forget_recent();
                (1..=typed.len())
                    .map(|end| {
                        index
                            .search(&corpus.entries, &Query::parse(&typed[..end]))
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(all, benches);
criterion_main!(all);
