//! Search quality floors (see `cargo bench --bench eval` for the figures):
//! ranking on every in-domain set, what `show` answers, and that questions
//! the FAQ does not cover and gibberish are not answered. Each floor sits
//! a little below what the ranker reaches, so a regression fails here.

#[path = "../benches/eval_core.rs"]
mod eval_core;

use eval_core::{
    GIBBERISH, IN_DOMAIN_SETS, OUT_OF_DOMAIN_SETS, answered, data_path, evaluate, listed,
    load_cases_from, load_questions, show_metrics,
};

/// Ranking floors per set: top-1, top-3, MRR@10.
fn ranking_floor(set: &str) -> (f64, f64, f64) {
    match set {
        "own" | "dev" | "dev2" | "dev3" | "dev5" => (0.95, 0.98, 0.97),
        // Paraphrases in everyday words only, the hardest kind of query.
        "dev4" => (0.92, 0.98, 0.95),
        // The holdouts were never tuned on: a little more slack.
        _ => (0.93, 0.98, 0.96),
    }
}

/// The share of a set's queries `show` must answer rightly.
fn show_right_floor(set: &str) -> f64 {
    match set {
        "dev4" => 0.75,
        _ => 0.82,
    }
}

/// The share of a set's out-of-domain questions `show` may answer.
fn answered_ceiling(set: &str) -> f64 {
    match set {
        // Short how-tos about the app that share the FAQ's nouns (`rename
        // a room`), none of them far off: the hardest kind.
        "dev4-ood" => 0.10,
        _ => 0.06,
    }
}

#[test]
fn every_set_covers_every_entry_with_known_ids() {
    let entries = eval_core::builtin_entries();
    for (name, path) in IN_DOMAIN_SETS {
        let cases = load_cases_from(&data_path(path));
        assert!(cases.len() >= 100, "{name}: at least 100 queries");
        for case in &cases {
            assert!(
                entries.iter().any(|e| e.id == case.id),
                "{name}: unknown id {}",
                case.id
            );
        }
        for e in &entries {
            assert!(
                cases.iter().any(|c| c.id == *e.id),
                "{name}: no query for {}",
                e.id
            );
        }
    }
}

#[test]
fn ranking_meets_the_quality_floor_on_every_set() {
    let entries = eval_core::builtin_entries();
    for (name, path) in IN_DOMAIN_SETS {
        let cases = load_cases_from(&data_path(path));
        let (faq, misses) = evaluate(&cases, |q| eval_core::faq_ranking(&entries, q));
        let (baseline, _) = evaluate(&cases, |q| eval_core::baseline_ranking(&entries, q));
        let all = faq["all"];
        let (top1, top3, mrr) = ranking_floor(name);
        let report = format!(
            "{name}\n{}\nmisses: {misses:#?}",
            eval_core::table(&faq, &baseline)
        );
        assert!(all.top1_rate() >= top1, "top-1 below {top1}: {report}");
        assert!(all.top3_rate() >= top3, "top-3 below {top3}: {report}");
        assert!(all.mrr() >= mrr, "MRR@10 below {mrr}: {report}");
        assert!(
            all.top1_rate() > baseline["all"].top1_rate() + 0.3,
            "not well above baseline: {report}"
        );
    }
}

#[test]
fn show_answers_in_domain_queries_and_rarely_wrongly() {
    let entries = eval_core::builtin_entries();
    let floor = faq::search::ANSWERS;
    let mut total = eval_core::ShowMetrics::default();
    for (name, path) in IN_DOMAIN_SETS {
        let (show, wrong) = show_metrics(&entries, &load_cases_from(&data_path(path)), floor);
        assert!(
            show.right_rate() >= show_right_floor(name),
            "{name}: {show:?}"
        );
        assert!(show.wrong_rate() <= 0.035, "{name}: {show:?} {wrong:#?}");
        total.n += show.n;
        total.right += show.right;
        total.wrong += show.wrong;
    }
    assert!(total.right_rate() >= 0.84, "{total:?}");
    assert!(total.wrong_rate() <= 0.02, "{total:?}");
}

#[test]
fn show_declines_questions_the_faq_does_not_answer() {
    let entries = eval_core::builtin_entries();
    for (name, path) in OUT_OF_DOMAIN_SETS {
        let questions = load_questions(&data_path(path));
        assert!(questions.len() >= 80, "{name}");
        let answers = answered(&entries, &questions, faq::search::ANSWERS);
        let rate = answers.len() as f64 / questions.len() as f64;
        assert!(
            rate <= answered_ceiling(name),
            "{name}: {rate:.3} answered: {answers:#?}"
        );
    }
}

#[test]
fn gibberish_finds_nothing() {
    let entries = eval_core::builtin_entries();
    for query in GIBBERISH {
        assert_eq!(listed(&entries, query), 0, "{query}");
    }
}
