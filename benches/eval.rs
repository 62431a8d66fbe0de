//! `cargo bench --bench eval`: search quality on every query set, for faq
//! and a baseline; what `show` answers (in-domain right and wrong, and how
//! often it answers a question the FAQ does not cover); and whether
//! gibberish finds anything.
//!
//! Options: `--misses` lists the queries faq does not rank first (the tuning
//! sets only: the holdouts are for measuring, never for tuning);
//! `--queries FILE` scores one more set; `--sweep` shows how `show`'s
//! relevance floor trades right answers for out-of-domain answers;
//! `--explain "some query"` shows how the top entries scored; `--declined`
//! lists the tuning sets' queries `show` declines, and why; `--dump` prints,
//! per tuning query, its length, the leader, its relevance and the runner-up's,
//! and where the wanted entry ranks. `FAQ_EVAL_CORPUS=dir` measures a copy
//! of `faq/` being edited, without rebuilding the embedded one.

mod eval_core;

use eval_core::{
    GIBBERISH, IN_DOMAIN_SETS, OUT_OF_DOMAIN_SETS, answered, data_path, evaluate, is_tuning,
    listed, load_cases_from, load_questions, show_metrics,
};

fn main() {
    let entries = eval_core::builtin_entries();
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    if let Some(query) = value("--explain") {
        let query = faq::search::Query::parse(query);
        for hit in faq::search::search(&entries, &query).iter().take(5) {
            print!(
                "{:.3} rel {:.2} {}",
                hit.score,
                hit.relevance,
                faq::search::explain(&entries[hit.index], &query)
            );
        }
        return;
    }
    let mut sets: Vec<(String, String)> = IN_DOMAIN_SETS
        .iter()
        .map(|(name, path)| (name.to_string(), data_path(path)))
        .collect();
    if let Some(path) = value("--queries") {
        sets.push((path.clone(), path.clone()));
    }
    let floor = faq::search::ANSWERS;
    println!(
        "{} entries; show answers at relevance >= {floor}\n",
        entries.len()
    );
    println!("| set | n | top-1 | top-3 | MRR@10 | baseline top-1 | show right | show wrong |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut tables = Vec::new();
    for (name, path) in &sets {
        let cases = load_cases_from(path);
        let (faq, misses) = evaluate(&cases, |q| eval_core::faq_ranking(&entries, q));
        let (baseline, _) = evaluate(&cases, |q| eval_core::baseline_ranking(&entries, q));
        let (show, wrong) = show_metrics(&entries, &cases, floor);
        let all = faq["all"];
        println!(
            "| {name} | {} | {:.1}% | {:.1}% | {:.3} | {:.1}% | {:.1}% | {:.1}% |",
            all.n,
            100.0 * all.top1_rate(),
            100.0 * all.top3_rate(),
            all.mrr(),
            100.0 * baseline["all"].top1_rate(),
            100.0 * show.right_rate(),
            100.0 * show.wrong_rate(),
        );
        tables.push((
            name.clone(),
            eval_core::table(&faq, &baseline),
            misses,
            wrong,
        ));
    }
    println!("\n| out-of-domain set | n | show answers | search lists something |");
    println!("|---|---|---|---|");
    let mut ood_answered = Vec::new();
    for (name, path) in OUT_OF_DOMAIN_SETS {
        let questions = load_questions(&data_path(path));
        let answers = answered(&entries, &questions, floor);
        let listing = questions
            .iter()
            .filter(|(q, _)| listed(&entries, q) > 0)
            .count();
        println!(
            "| {name} | {} | {:.1}% | {:.1}% |",
            questions.len(),
            100.0 * answers.len() as f64 / questions.len() as f64,
            100.0 * listing as f64 / questions.len() as f64,
        );
        ood_answered.push((name, answers));
    }
    let gibberish: usize = GIBBERISH.iter().map(|q| listed(&entries, q)).sum();
    println!(
        "\ngibberish: {} queries, {gibberish} results listed",
        GIBBERISH.len()
    );
    for (name, table, _, _) in &tables {
        println!("\n{name}, per kind of query:\n{table}");
    }
    if flag("--misses") {
        for (name, _, misses, wrong) in tables.iter().filter(|(n, ..)| is_tuning(n)) {
            println!("\n{name}: not ranked first:");
            for (query, want, got) in misses {
                println!("  {query:<45} want {want:<28} got {}", got.join(", "));
            }
            println!("{name}: show printed the wrong entry:");
            for (query, want, got) in wrong {
                println!("  {query:<45} want {want:<28} got {}", got.join(", "));
            }
        }
        for (name, answers) in ood_answered.iter().filter(|(n, _)| is_tuning(n)) {
            println!("\n{name}: answered though out of domain:");
            for (query, id) in answers {
                println!("  {query:<60} {id}");
            }
        }
    }
    if flag("--dump") {
        dump(&entries);
    }
    if flag("--declined") {
        declined(&entries);
    }
    if flag("--sweep") {
        sweep(&entries);
    }
}

/// The tuning sets' queries `show` declines: whether no entry was relevant
/// enough (with the leader's relevance) or several were.
fn declined(entries: &[faq::entry::Entry]) {
    for (name, path) in IN_DOMAIN_SETS.iter().filter(|(n, _)| is_tuning(n)) {
        println!("\n{name}: show declined:");
        for case in load_cases_from(&data_path(path)) {
            let hits = faq::search::search(entries, &faq::search::Query::parse(&case.query));
            let leader =
                |h: &faq::search::Hit| format!("{} {:.2}", entries[h.index].id, h.relevance);
            let ranked: Vec<String> = hits.iter().take(3).map(leader).collect();
            match faq::search::lookup(entries, &case.query) {
                faq::search::Lookup::Found(_) => {}
                faq::search::Lookup::Ambiguous(_) => {
                    println!(
                        "  ambiguous  {:<50} want {:<26} {}",
                        case.query,
                        case.id,
                        ranked.join(", ")
                    )
                }
                faq::search::Lookup::NoAnswer(_) => {
                    println!(
                        "  no answer  {:<50} want {:<26} {}",
                        case.query,
                        case.id,
                        ranked.join(", ")
                    )
                }
            }
        }
    }
}

/// `show` at a range of answer floors, on the tuning sets only.
fn sweep(entries: &[faq::entry::Entry]) {
    let cases: Vec<_> = IN_DOMAIN_SETS
        .iter()
        .filter(|(n, _)| is_tuning(n))
        .flat_map(|(_, path)| load_cases_from(&data_path(path)))
        .collect();
    let questions: Vec<_> = OUT_OF_DOMAIN_SETS
        .iter()
        .filter(|(n, _)| is_tuning(n))
        .flat_map(|(_, path)| load_questions(&data_path(path)))
        .collect();
    println!("\n| floor | in-domain right | in-domain wrong | out-of-domain answered |");
    println!("|---|---|---|---|");
    for step in 0..=12 {
        let floor = 0.3 + 0.05 * step as f32;
        let (show, _) = show_metrics(entries, &cases, floor);
        let answers = answered(entries, &questions, floor).len();
        println!(
            "| {floor:.2} | {:.1}% | {:.1}% | {:.1}% |",
            100.0 * show.right_rate(),
            100.0 * show.wrong_rate(),
            100.0 * answers as f64 / questions.len() as f64
        );
    }
}

/// One tab-separated line per tuning query (in and out of domain): set,
/// query, wanted id, words, leader, its relevance, the best other
/// relevance among the next ten, the runner-up's share of the leader's
/// score, whether the leader is right, and where the wanted entry ranks
/// (`rank:share of the leader's score`, `-` when it is not listed).
fn dump(entries: &[faq::entry::Entry]) {
    let row = |set: &str, query: &str, want: &str| {
        let parsed = faq::search::Query::parse(query);
        let hits = faq::search::search(entries, &parsed);
        let Some(first) = hits.first() else {
            println!(
                "D\t{set}\t{query}\t{want}\t{}\t-\t0\t0\t0\t0",
                parsed.word_count()
            );
            return;
        };
        let r2 = hits[1..]
            .iter()
            .take(10)
            .map(|h| h.relevance)
            .fold(0.0, f32::max);
        let s2 = hits.get(1).map_or(0.0, |h| h.score / first.score);
        let id = &entries[first.index].id;
        let wanted = hits
            .iter()
            .position(|h| *entries[h.index].id == *want)
            .map_or(String::from("-"), |r| {
                format!("{}:{:.3}", r + 1, hits[r].score / first.score)
            });
        println!(
            "D\t{set}\t{query}\t{want}\t{}\t{id}\t{:.3}\t{r2:.3}\t{s2:.3}\t{}\t{wanted}",
            parsed.word_count(),
            first.relevance,
            u8::from(**id == *want)
        );
    };
    for (name, path) in IN_DOMAIN_SETS.iter().filter(|(n, _)| is_tuning(n)) {
        for case in load_cases_from(&data_path(path)) {
            row(name, &case.query, &case.id);
        }
    }
    for (name, path) in OUT_OF_DOMAIN_SETS.iter().filter(|(n, _)| is_tuning(n)) {
        for (query, _) in load_questions(&data_path(path)) {
            row(name, &query, "-");
        }
    }
}
