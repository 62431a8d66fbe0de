//! The embedded FAQ, parsed at build time.
//!
//! Every run of `faq` on the embedded FAQ would otherwise parse the same
//! Markdown and read the same words again: about half of what such a run
//! costs. `build.rs` parses the FAQ files with the crate's own parser (and
//! indexes them with its own indexer, see
//! [`Index::builtin`](crate::search::Index)) and writes the result into
//! `OUT_DIR` as static data: nothing to regenerate by hand, never stale.
//! The tests check that it equals what the parser produces at run time.

use crate::entry::Entry;

mod tables {
    use std::borrow::Cow::Borrowed as B;

    use crate::entry::Entry;

    include!(concat!(env!("OUT_DIR"), "/builtin_entries.rs"));
}

/// The embedded FAQ's entries. Their text is borrowed: copying them copies
/// pointers.
pub fn entries() -> Vec<Entry> {
    tables::ENTRIES.to_vec()
}

#[cfg(test)]
mod tests {
    use crate::corpus::{self, Corpus, Source};

    #[test]
    fn prebuilt_entries_are_the_parsed_ones() {
        let (documents, _) = corpus::read_source(&Source::Builtin);
        let parsed = Corpus::from_documents(&[documents]);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(super::entries(), parsed.entries);
    }
}
