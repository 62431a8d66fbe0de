//! The stable JSON schema (documented in README): an entry is
//! `{"id", "question", "category": [..], "answer", "keywords": [..], "source", "line"}`;
//! search results add `"score"` (an integer, higher is better) and
//! `"relevance"` (an integer percentage, comparable across queries).

use serde::Serialize;

use crate::entry::{Entry, Text};
use crate::sanitize::escape_json;
use crate::search::Hit;

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    question: &'a str,
    category: &'a [Text],
    answer: &'a str,
    keywords: &'a [Text],
    source: &'a str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relevance: Option<u8>,
}

impl<'a> JsonEntry<'a> {
    fn new(e: &'a Entry, hit: Option<&Hit>) -> Self {
        JsonEntry {
            id: &e.id,
            question: &e.question,
            category: &e.category,
            answer: &e.answer,
            keywords: &e.keywords,
            source: &e.source,
            line: e.line,
            score: hit.map(|h| score_to_int(h.score)),
            relevance: hit.map(|h| relevance_percent(h.relevance)),
        }
    }
}

/// Scores as integers, so consumers never compare floats.
pub(crate) fn score_to_int(score: f32) -> i64 {
    (f64::from(score) * 1000.0).round() as i64
}

/// Relevance as a whole percentage, 0 to 100.
pub(crate) fn relevance_percent(relevance: f32) -> u8 {
    (relevance.clamp(0.0, 1.0) * 100.0).round() as u8
}

fn to_string(value: &impl Serialize) -> String {
    let json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    escape_json(json) + "\n"
}

pub fn entry(e: &Entry) -> String {
    to_string(&JsonEntry::new(e, None))
}

pub fn entries(list: &[&Entry]) -> String {
    let items: Vec<JsonEntry> = list.iter().map(|e| JsonEntry::new(e, None)).collect();
    to_string(&items)
}

pub fn results(all: &[Entry], hits: &[Hit]) -> String {
    let items: Vec<JsonEntry> = hits
        .iter()
        .map(|h| JsonEntry::new(&all[h.index], Some(h)))
        .collect();
    to_string(&items)
}
