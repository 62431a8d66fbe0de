//! `cargo bench --bench real_faqs`: per real FAQ file (see
//! `tests/fixtures/real-faqs/SOURCES.md`), how it was read, how many of the
//! questions a reader sees were recovered, and how its blind queries rank.

mod real_faqs_core;

use real_faqs_core::{load, measure, percent};

fn main() {
    println!("| file | read as | entries | recovered | top-1 | top-3 |\n|---|---|---|---|---|---|");
    let (mut recovered, mut expected, mut top1, mut top3, mut queries) = (0, 0, 0, 0, 0);
    let mut weakest: Option<(f64, String)> = None;
    for faq in load() {
        let m = measure(&faq);
        println!(
            "| {} | {} | {} | {}/{} ({:.0}%) | {:.0}% | {:.0}% |",
            m.file,
            m.convention,
            m.entries.len(),
            m.recovered,
            m.expected,
            percent(m.recovered, m.expected),
            percent(m.top1, m.queries),
            percent(m.top3, m.queries),
        );
        let file_top1 = percent(m.top1, m.queries);
        if weakest.as_ref().is_none_or(|(w, _)| file_top1 < *w) {
            weakest = Some((file_top1, m.file.clone()));
        }
        recovered += m.recovered;
        expected += m.expected;
        top1 += m.top1;
        top3 += m.top3;
        queries += m.queries;
    }
    println!(
        "| all | | | {recovered}/{expected} ({:.1}%) | {:.1}% | {:.1}% |",
        percent(recovered, expected),
        percent(top1, queries),
        percent(top3, queries)
    );
    if let Some((top1, file)) = weakest {
        println!("\nweakest file: {file}, top-1 {top1:.0}%");
    }
    println!("(targets: recovered ≥ 95% overall; top-1 ≥ 85% overall and ≥ 70% in every file)");
}
