//! Search quality over the query sets in `tests/data/`: top-1, top-3 and MRR@10,
//! overall and per kind of query, for `faq`'s ranker and for a plain
//! baseline (nucleo-matcher over the question text only); and what `show`
//! answers, for questions the FAQ covers and for those it does not.
//! Shared by `cargo bench --bench eval` (prints) and `tests/eval.rs` (asserts),
//! each of which uses only part of it.

#![allow(dead_code)]

use std::collections::BTreeMap;

use faq::corpus::{Corpus, Source};
use faq::entry::Entry;
use faq::search::{Query, search};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Case {
    pub query: String,
    pub id: String,
    pub kind: String,
}

/// Cases from a `query<TAB>id<TAB>kind` file with a header line.
pub fn load_cases_from(path: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut cols = line.split('\t');
            let mut next = || cols.next().unwrap_or_default().trim().to_owned();
            Case {
                query: next(),
                id: next(),
                kind: next(),
            }
        })
        .collect()
}

/// The embedded FAQ, or the corpus at `FAQ_EVAL_CORPUS` when that is set
/// (to measure an edit of `faq/` without rebuilding the binary).
pub fn builtin_entries() -> Vec<Entry> {
    let source = std::env::var_os("FAQ_EVAL_CORPUS")
        .map_or(Source::Builtin, |path| Source::Path(path.into()));
    Corpus::load(&[source]).entries
}

#[derive(Default, Clone, Copy)]
pub struct Metrics {
    pub n: usize,
    pub top1: usize,
    pub top3: usize,
    pub rr: f64,
}

impl Metrics {
    pub fn top1_rate(&self) -> f64 {
        self.top1 as f64 / self.n.max(1) as f64
    }
    pub fn top3_rate(&self) -> f64 {
        self.top3 as f64 / self.n.max(1) as f64
    }
    pub fn mrr(&self) -> f64 {
        self.rr / self.n.max(1) as f64
    }
}

/// Ids `faq` ranks for a query, best first, at most ten.
pub fn faq_ranking(entries: &[Entry], query: &str) -> Vec<String> {
    search(entries, &Query::parse(query))
        .into_iter()
        .take(10)
        .map(|h| entries[h.index].id.to_string())
        .collect()
}

/// The baseline: nucleo-matcher's fzf-style pattern over the question only.
pub fn baseline_ranking(entries: &[Entry], query: &str) -> Vec<String> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, &Entry)> = entries
        .iter()
        .filter_map(|e| {
            pattern
                .score(Utf32Str::new(&e.question, &mut buf), &mut matcher)
                .map(|s| (s, e))
        })
        .collect();
    scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    scored
        .into_iter()
        .take(10)
        .map(|(_, e)| e.id.to_string())
        .collect()
}

/// A query the ranker did not put first: query, wanted id, the top three.
pub type Miss = (String, String, Vec<String>);

/// Metrics per kind, plus `all`; and the cases the ranker got wrong at top-1.
pub fn evaluate(
    cases: &[Case],
    rank: impl Fn(&str) -> Vec<String>,
) -> (BTreeMap<String, Metrics>, Vec<Miss>) {
    let mut by_kind: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in cases {
        let ranked = rank(&case.query);
        let position = ranked.iter().position(|id| *id == case.id);
        for key in ["all".to_owned(), case.kind.clone()] {
            let m = by_kind.entry(key).or_default();
            m.n += 1;
            if position == Some(0) {
                m.top1 += 1;
            }
            if position.is_some_and(|p| p < 3) {
                m.top3 += 1;
            }
            if let Some(p) = position {
                m.rr += 1.0 / (p as f64 + 1.0);
            }
        }
        if position != Some(0) {
            misses.push((
                case.query.clone(),
                case.id.clone(),
                ranked.into_iter().take(3).collect(),
            ));
        }
    }
    (by_kind, misses)
}

/// A Markdown table of both rankers side by side.
pub fn table(faq: &BTreeMap<String, Metrics>, baseline: &BTreeMap<String, Metrics>) -> String {
    let mut out = String::from(
        "| kind | n | top-1 | top-3 | MRR@10 | baseline top-1 | baseline top-3 | baseline MRR@10 |\n|---|---|---|---|---|---|---|---|\n",
    );
    let mut kinds: Vec<&String> = faq.keys().filter(|k| *k != "all").collect();
    let all = "all".to_owned();
    kinds.push(&all);
    for kind in kinds {
        let f = faq[kind];
        let b = baseline.get(kind).copied().unwrap_or_default();
        out.push_str(&format!(
            "| {kind} | {} | {:.1}% | {:.1}% | {:.3} | {:.1}% | {:.1}% | {:.3} |\n",
            f.n,
            100.0 * f.top1_rate(),
            100.0 * f.top3_rate(),
            f.mrr(),
            100.0 * b.top1_rate(),
            100.0 * b.top3_rate(),
            b.mrr(),
        ));
    }
    out
}

/// The sets `faq`'s ranker is measured on: six tuning sets, then two
/// holdouts written from the FAQ text alone and never tuned on.
pub const IN_DOMAIN_SETS: &[(&str, &str)] = &[
    ("own", "tests/data/queries.tsv"),
    ("dev", "tests/data/dev.tsv"),
    ("dev2", "tests/data/dev2_in.tsv"),
    ("dev3", "tests/data/dev3_in.tsv"),
    ("dev4", "tests/data/dev4_in.tsv"),
    ("dev5", "tests/data/dev5_in.tsv"),
    ("holdout", "tests/data/holdout.tsv"),
    ("blind", "tests/data/blind_in.tsv"),
];

/// Questions the FAQ does not answer: three sets to pick the relevance floors
/// with, and a blind one to check them on.
pub const OUT_OF_DOMAIN_SETS: &[(&str, &str)] = &[
    ("ood", "tests/data/out_of_domain.tsv"),
    ("dev2-ood", "tests/data/dev2_out.tsv"),
    ("dev3-ood", "tests/data/dev3_out.tsv"),
    ("dev4-ood", "tests/data/dev4_out.tsv"),
    ("blind-ood", "tests/data/blind_out.tsv"),
];

/// Strings that mean nothing: `search` must find nothing for them.
pub const GIBBERISH: &[&str] = &[
    "qwxz vbnmk",
    "zzqqxx-no-such-entry-qqzz",
    "asdfghjkl",
    "xqzv plmkj wrtz",
    "jjjjj kkkkk",
    "zxcvbnm qwertyuiop",
    "hgfd trew",
    "pqowieuryt",
];

/// Whether a set may be tuned on (looked at query by query); the others
/// only ever give their totals.
pub fn is_tuning(set: &str) -> bool {
    matches!(
        set,
        "own"
            | "dev"
            | "dev2"
            | "dev3"
            | "dev4"
            | "dev5"
            | "ood"
            | "dev2-ood"
            | "dev3-ood"
            | "dev4-ood"
    )
}

/// A file's path from the crate root.
pub fn data_path(relative: &str) -> String {
    format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// Out-of-domain questions from a `query<TAB>kind` file with a header line.
pub fn load_questions(path: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (query, kind) = line.split_once('\t').unwrap_or((line, ""));
            (query.trim().to_owned(), kind.trim().to_owned())
        })
        .collect()
}

/// What `faq show` did with a set of in-domain queries.
#[derive(Default, Clone, Copy, Debug)]
pub struct ShowMetrics {
    pub n: usize,
    /// Printed the entry the query is about.
    pub right: usize,
    /// Printed another entry: the one outcome a script cannot detect.
    pub wrong: usize,
}

impl ShowMetrics {
    pub fn right_rate(&self) -> f64 {
        self.right as f64 / self.n.max(1) as f64
    }
    pub fn wrong_rate(&self) -> f64 {
        self.wrong as f64 / self.n.max(1) as f64
    }
}

/// The id `faq show` prints for `query` (with the answer floor `floor`),
/// or `None` when it declines.
pub fn shown(entries: &[Entry], query: &str, floor: f32) -> Option<String> {
    match faq::search::lookup_at(entries, query, floor) {
        faq::search::Lookup::Found(entry) => Some(entry.id.to_string()),
        _ => None,
    }
}

/// `faq show` over in-domain cases; and the cases it answered wrongly.
pub fn show_metrics(entries: &[Entry], cases: &[Case], floor: f32) -> (ShowMetrics, Vec<Miss>) {
    let mut m = ShowMetrics::default();
    let mut wrong = Vec::new();
    for case in cases {
        m.n += 1;
        match shown(entries, &case.query, floor) {
            Some(id) if id == case.id => m.right += 1,
            Some(id) => {
                m.wrong += 1;
                wrong.push((case.query.clone(), case.id.clone(), vec![id]));
            }
            None => {}
        }
    }
    (m, wrong)
}

/// The out-of-domain questions `faq show` answers anyway, with what it printed.
pub fn answered(
    entries: &[Entry],
    questions: &[(String, String)],
    floor: f32,
) -> Vec<(String, String)> {
    questions
        .iter()
        .filter_map(|(q, _)| shown(entries, q, floor).map(|id| (q.clone(), id)))
        .collect()
}

/// How many results `faq search` lists for `query`.
pub fn listed(entries: &[Entry], query: &str) -> usize {
    search(entries, &Query::parse(query)).len()
}
