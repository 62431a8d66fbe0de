//! Search quality floor over `tests/data/queries.tsv` (see `cargo bench --bench eval`).

#[path = "../benches/eval_core.rs"]
mod eval_core;

#[test]
fn ranking_meets_the_quality_floor() {
    let entries = eval_core::builtin_entries();
    let cases = eval_core::load_cases();
    assert!(cases.len() >= 150, "at least 150 queries");
    let mut per_id = std::collections::HashMap::new();
    for case in &cases {
        assert!(
            entries.iter().any(|e| e.id == case.id),
            "unknown id {}",
            case.id
        );
        *per_id.entry(case.id.as_str()).or_insert(0) += 1;
    }
    for e in &entries {
        assert!(
            per_id.get(&*e.id).copied().unwrap_or(0) >= 2,
            "{} has fewer than 2 queries",
            e.id
        );
    }
    let (faq, misses) = eval_core::evaluate(&cases, |q| eval_core::faq_ranking(&entries, q));
    let (baseline, _) = eval_core::evaluate(&cases, |q| eval_core::baseline_ranking(&entries, q));
    let all = faq["all"];
    let report = format!("{}\nmisses: {misses:#?}", eval_core::table(&faq, &baseline));
    assert!(all.top1_rate() >= 0.90, "top-1 below 90%\n{report}");
    assert!(all.top3_rate() >= 0.97, "top-3 below 97%\n{report}");
    assert!(all.mrr() >= 0.93, "MRR@10 below 0.93\n{report}");
    assert!(
        all.top1_rate() > baseline["all"].top1_rate() + 0.3,
        "not well above baseline\n{report}"
    );
}
