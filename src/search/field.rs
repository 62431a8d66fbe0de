//! The fields an entry is searched in, as both the scan and the index read
//! them. Shared with `build.rs`, which indexes the embedded FAQ.

use crate::entry::{Entry, Text};

/// Fields an entry is searched in; the order indexes the weight tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id = 0,
    Question = 1,
    Keywords = 2,
    Category = 3,
    Answer = 4,
}

pub(crate) const FIELDS: usize = 5;

/// The texts of one field of `entry`, as the scan reads them.
pub(crate) fn field_texts(entry: &Entry, field: Field) -> &[Text] {
    match field {
        Field::Id => std::slice::from_ref(&entry.id),
        Field::Question => std::slice::from_ref(&entry.question),
        Field::Keywords => &entry.keywords,
        Field::Category => &entry.category,
        Field::Answer => std::slice::from_ref(&entry.answer),
    }
}

/// The fields the fuzzy signal looks at: question, id, then each keyword.
pub(crate) fn short_fields(entry: &Entry) -> impl Iterator<Item = &str> {
    [&*entry.question, &*entry.id]
        .into_iter()
        .chain(entry.keywords.iter().map(|k| &**k))
}
