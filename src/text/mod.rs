//! Word-level text handling shared by indexing and querying: case and accent
//! folding, tokenizing, inflection folding, stop words and typo distance.
//!
//! Everything that decides whether two words "are the same word" lives here,
//! so the ranker and the cross-reference resolver agree on it.

mod distance;
mod fold;
mod openings;
mod slug;
mod stem;
mod tokenize;
mod word_map;

pub use distance::{bounded_distance, typo_budget};
pub use fold::{comparable, comparable_chars, fold, fold_char};
pub use openings::Openings;
pub use slug::{github_slug, is_kebab_case, slug};
pub use stem::{Language, is_stop_word, is_stop_word_stemmed, language, set_language, stem};
pub use tokenize::{WordScanner, for_each_word, is_ideograph, is_ideograph_pair, words};
pub use word_map::{WordMap, hash};
