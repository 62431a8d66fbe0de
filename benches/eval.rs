//! `cargo bench --bench eval`: prints search quality for faq and the baseline.
//! Add `-- --misses` to list the queries faq does not rank first,
//! `-- --queries tests/data/holdout.tsv` to score another set,
//! `-- --explain "some query"` to see how the top entries scored.

mod eval_core;

fn main() {
    let entries = eval_core::builtin_entries();
    let args: Vec<String> = std::env::args().collect();
    let cases = match args.iter().position(|a| a == "--queries") {
        Some(i) => eval_core::load_cases_from(&args[i + 1]),
        None => eval_core::load_cases(),
    };
    let (faq, misses) = eval_core::evaluate(&cases, |q| eval_core::faq_ranking(&entries, q));
    let (baseline, _) = eval_core::evaluate(&cases, |q| eval_core::baseline_ranking(&entries, q));
    println!("{} queries over {} entries\n", cases.len(), entries.len());
    print!("{}", eval_core::table(&faq, &baseline));
    if let Some(i) = args.iter().position(|a| a == "--explain") {
        let query = faq::search::Query::parse(&args[i + 1]);
        for hit in faq::search::search(&entries, &query).iter().take(5) {
            print!(
                "{:.3} {}",
                hit.score,
                faq::search::explain(&entries[hit.index], &query)
            );
        }
        return;
    }
    if args.iter().any(|a| a == "--misses") {
        println!("\nnot ranked first:");
        for (query, want, got) in misses {
            println!("  {query:<45} want {want:<28} got {}", got.join(", "));
        }
    }
}
