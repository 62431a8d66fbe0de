//! Writes a generated corpus for benchmarks and manual timing:
//!
//! ```sh
//! cargo bench --bench gen_corpus -- OUT_DIR N_ENTRIES [SEED]
//! ```
//!
//! Deterministic: the same `N_ENTRIES` and `SEED` (default 1) always give the
//! same files. See `support/corpus_gen.rs` for what the corpus looks like.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo bench` appends `--bench`; plain `cargo bench` (no arguments)
    // runs every bench target, and this one then has nothing to do.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench gen_corpus -- OUT_DIR N_ENTRIES [SEED]");
        return ExitCode::SUCCESS;
    };
    let (Ok(entries), Ok(seed)) = (
        count.replace('_', "").parse::<usize>(),
        args.get(2).map_or(Ok(1), |s| s.parse::<u64>()),
    ) else {
        eprintln!("gen_corpus: N_ENTRIES and SEED must be whole numbers");
        return ExitCode::FAILURE;
    };
    match corpus_gen::generate(&PathBuf::from(dir), entries, seed) {
        Ok(s) => {
            eprintln!(
                "gen_corpus: {} entries, {} files, {:.1} MB ({} bytes/entry) in {dir}",
                s.entries,
                s.files,
                s.bytes as f64 / 1e6,
                s.bytes / s.entries.max(1)
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_corpus: {dir}: {err}");
            ExitCode::FAILURE
        }
    }
}
