//! `cargo bench --bench typing`: what the picker waits for at each
//! keystroke on the generated 100,000-entry corpus, typed one key at a time
//! as a person types it (each keystroke may reuse what the last one found).
//!
//! ```sh
//! cargo bench --bench typing                          # "tombstone room", "delete room", …
//! cargo bench --bench typing -- "how do i invite"     # your own
//! cargo bench --bench typing -- --entries 10000 "tombstone room"
//! cargo bench --bench typing -- --check                # and compare with `search::search`
//! ```
//!
//! Each query is typed `RUNS` times from a cold index memory; the table gives
//! each keystroke's median over the runs, and the worst of those medians.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::time::{Duration, Instant};

use faq::corpus::{Corpus, Source};
use faq::search::{self, Index, Query};

const RUNS: usize = 7;
const QUERIES: &[&str] = &["tombstone room", "delete room", "how do i invite a user"];

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let check = args.iter().any(|a| a == "--check");
    args.retain(|a| a != "--check");
    let mut entries = 100_000;
    if let Some(i) = args.iter().position(|a| a == "--entries") {
        entries = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("--entries N");
        args.drain(i..i + 2);
    }
    let queries: Vec<String> = if args.is_empty() {
        QUERIES.iter().map(|q| q.to_string()).collect()
    } else {
        args
    };

    let dir = corpus_gen::for_benches(entries).expect("corpus is written");
    let corpus = Corpus::load(&[Source::Path(dir)]);
    let start = Instant::now();
    let index = Index::build(&corpus.entries);
    println!(
        "{} entries, index built in {:.0} ms\n",
        corpus.entries.len(),
        ms(start.elapsed())
    );

    for typed in &queries {
        let keystrokes: Vec<&str> = typed
            .char_indices()
            .skip(1)
            .map(|(end, _)| &typed[..end])
            .chain([typed.as_str()])
            .collect();
        let mut times = vec![Vec::with_capacity(RUNS); keystrokes.len()];
        let mut hits = vec![0; keystrokes.len()];
        for _ in 0..RUNS {
            index.forget_recent();
            for (k, query) in keystrokes.iter().enumerate() {
                let start = Instant::now();
                hits[k] = index.search(&corpus.entries, &Query::parse(query)).len();
                times[k].push(start.elapsed());
            }
        }
        println!("{:<26} {:>9} {:>8}", "keystroke", "median", "hits");
        let mut medians = Vec::new();
        for ((query, mut runs), hits) in keystrokes.iter().zip(times).zip(hits) {
            runs.sort();
            let median = runs[runs.len() / 2];
            medians.push(median);
            println!(
                "{:<26} {:>6.1} ms {:>8}",
                format!("{query:?}"),
                ms(median),
                hits
            );
        }
        if check {
            // The session index must rank exactly as a scan does, with what
            // it remembered from each keystroke in play.
            index.forget_recent();
            for query in &keystrokes {
                let query = Query::parse(query);
                assert_eq!(
                    index.search(&corpus.entries, &query),
                    search::search(&corpus.entries, &query),
                    "{query:?}"
                );
            }
            println!("(same hits as `search::search` at every keystroke)");
        }
        let worst = medians.iter().max().copied().unwrap_or_default();
        let mean = medians.iter().sum::<Duration>() / medians.len().max(1) as u32;
        println!("mean {:.1} ms, worst {:.1} ms\n", ms(mean), ms(worst));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
