//! Property tests: arbitrary bytes as corpus and as query never panic, and
//! the parser's entries always reproduce the source text of their answers.
//! The case count is fixed so CI runs the same amount of work every time.

use faq::corpus::{Corpus, Source};
use faq::entry::Entry;
use faq::parse::parse_document;
use faq::render::{self, Presentation};
use faq::search::{self, Index, Query};
use faq::xref::CrossRefs;
use proptest::prelude::*;

/// Lines built from the Markdown constructs the parser cares about.
fn markdownish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# Category".to_owned()),
        Just("## Question? {#q}".to_owned()),
        Just("### How do I x? {#x}".to_owned()),
        Just("#### Deep".to_owned()),
        Just("#".to_owned()),
        Just("####### seven".to_owned()),
        Just("```".to_owned()),
        Just("~~~~".to_owned()),
        Just("```rust`".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<!-- keywords: a, b -->".to_owned()),
        Just("- item".to_owned()),
        Just("> quote # not heading".to_owned()),
        Just("    # indented code".to_owned()),
        Just("Setext".to_owned()),
        Just("------".to_owned()),
        Just("[How do I x?](#)".to_owned()),
        Just(String::new()),
        "[ -~]{0,40}".prop_map(|s| s),
        any::<String>(),
    ];
    prop::collection::vec((line, prop_oneof![Just("\n"), Just("\r\n")]), 0..40)
        .prop_map(|lines| lines.into_iter().map(|(l, end)| l + end).collect())
}

fn check_entries(text: &str, entries: &[Entry]) {
    let lines: Vec<&str> = text.split('\n').collect();
    for e in entries {
        assert!(!e.answer.is_empty());
        assert!(
            text.contains(&*e.answer),
            "answer is not a slice of the source"
        );
        assert!(e.line >= 1 && e.line <= lines.len());
        assert!(
            lines[e.line - 1].trim_start().starts_with('#'),
            "line {} is not a heading",
            e.line
        );
        assert!(!e.id.is_empty());
    }
}

proptest! {
    // 512 cases in CI; `PROPTEST_CASES=100000` for a long local run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn parser_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse_document("fuzz.md", &text);
        check_entries(&text, &parsed.entries);
    }

    #[test]
    fn parser_reproduces_answers_of_markdownish_documents(text in markdownish()) {
        let parsed = parse_document("fuzz.md", &text);
        check_entries(&text, &parsed.entries);
        for problem in parsed.problems.kept() {
            prop_assert!(problem.line <= text.split('\n').count());
        }
    }

    #[test]
    fn search_and_lookup_never_panic(query in any::<String>()) {
        let entries = &builtin().entries;
        let hits = search::search(entries, &Query::parse(&query));
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
        for hit in &hits {
            prop_assert!(hit.score.is_finite() && hit.score > 0.0);
        }
        let _ = search::lookup(entries, &query);
        let _ = search::suggest(entries, &query, 3);
    }

    #[test]
    fn search_over_an_arbitrary_corpus_never_panics(text in markdownish(), query in "[ -~]{0,30}") {
        let parsed = parse_document("fuzz.md", &text);
        let query = Query::parse(&query);
        let mut hits = search::search(&parsed.entries, &query);
        search::highlight(&parsed.entries, &query, &mut hits);
        for hit in &hits {
            let chars = parsed.entries[hit.index].question.chars().count();
            prop_assert!(hit.highlights.iter().all(|&i| i < chars));
            if let Some(at) = hit.answer_match {
                prop_assert!(parsed.entries[hit.index].answer.is_char_boundary(at));
            }
        }
    }

    #[test]
    fn rendering_arbitrary_answers_never_panics_or_leaks_escapes(answer in any::<String>(), width in 20usize..200) {
        let entry = Entry {
            id: "x".into(),
            question: "Q?".into(),
            category: vec!["C".into()].into(),
            keywords: vec![].into(),
            answer: format!("{answer}\n").into(),
            source: "fuzz.md".into(),
            line: 1,
            aliases: Default::default(),
        };
        let refs = CrossRefs::default();
        for how in [Presentation::plain(), Presentation { rich: true, color: false, width, hyperlinks: false }] {
            let out = render::entry(&entry, &refs, how);
            prop_assert!(!out.contains('\x1b'), "escape leaked: {out:?}");
        }
        let _ = render::entry(&entry, &refs, Presentation { rich: true, color: true, width, hyperlinks: false });
    }
}

proptest! {
    // Each case ranks every prefix of a query twice over two corpora, so
    // fewer cases than above: 96 in CI, `PROPTEST_CASES / 4` when set.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok()).map_or(96, |n| n / 4)
    ))]

    #[test]
    fn a_session_index_ranks_every_keystroke_as_a_scan_does(
        text in markdownish(),
        typed in "[ a-zA-Z0-9'!^$é-]{0,24}",
    ) {
        // Over the built-in FAQ and an arbitrary document, each prefix of
        // what was typed, as the picker asks for them (so the index's
        // memory of earlier keystrokes is in play).
        static BUILTIN: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        let arbitrary = parse_document("fuzz.md", &text).entries;
        let arbitrary_index = Index::build(&arbitrary);
        let builtin_index = BUILTIN.get_or_init(|| Index::build(&builtin().entries));
        for (entries, index) in [(&builtin().entries, builtin_index), (&arbitrary, &arbitrary_index)] {
            for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
                let query = Query::parse(&typed[..end]);
                prop_assert_eq!(index.search(entries, &query), search::search(entries, &query), "{:?}", &typed[..end]);
            }
        }
    }
}

fn builtin() -> &'static Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(&[Source::Builtin]))
}

/// Lines that each once made some path quadratic when repeated (see
/// `benches/hostile/shapes.rs`), to be repeated thousands of times.
fn hostile_line() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("| a | b | c | d | e | f | g | h |"),
        Just("|---|---|---|---|---|---|---|---|"),
        Just("x ](y ](z ["),
        Just("<!-- x <!--"),
        Just("<!--"),
        Just("```"),
        Just("~~~~ info"),
        Just("#"),
        Just("## Question {#q}"),
        Just("> > > > > > > > quoted"),
        Just("- - - - - - - - listed"),
        Just("1. 1. 1. 1. 1. numbered"),
        Just("[How do I x?](#x) [y](#y) [z](#)"),
        Just("<details><summary>Q?</summary>"),
        Just("averyveryverylongwordwithoutanyspacesatallthatmustbewrapped"),
        Just("\x1b]52;c;aGk=\x07 \u{202e}evil \u{e0041}"),
    ]
}

/// A document of a few ordinary lines with one hostile line repeated
/// thousands of times among them.
fn hostile_document() -> impl Strategy<Value = String> {
    (
        markdownish(),
        hostile_line(),
        1_000usize..4_000,
        markdownish(),
    )
        .prop_map(|(before, line, times, after)| {
            let mut text = String::from("# Category\n\n## Question {#q}\n\n");
            text.push_str(&before);
            for _ in 0..times {
                text.push_str(line);
                text.push('\n');
            }
            text.push_str(&after);
            text
        })
}

proptest! {
    // Each case is a document of thousands of lines, loaded, checked and
    // rendered: 16 cases in CI, `PROPTEST_CASES / 32` when set.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok()).map_or(16, |n| n / 32)
    ))]

    #[test]
    fn loader_checker_and_renderer_survive_hostile_shapes_at_scale(text in hostile_document(), width in 20usize..160) {
        let parsed = parse_document("hostile.md", &text);
        check_entries(&text, &parsed.entries);
        let lines = text.split('\n').count();
        prop_assert!(parsed.problems.kept().iter().all(|p| p.line <= lines));

        let dir = tempfile::Builder::new().prefix("faq-properties-").tempdir().unwrap();
        let file = dir.path().join("hostile.md");
        std::fs::write(&file, &text).unwrap();
        let report = faq::check::check(&[Source::Path(file)]);
        dir.close().unwrap();
        // (Fewer when an id repeats: `check` merges the corpus.)
        prop_assert!(report.entries <= parsed.entries.len());
        prop_assert!(report.problems.kept().iter().all(|p| p.line <= lines));
        prop_assert!(report.problems.total() >= parsed.problems.total());

        let refs = CrossRefs::new(&parsed.entries);
        for entry in &parsed.entries {
            for how in [Presentation::plain(), Presentation { rich: true, color: true, hyperlinks: true, width }] {
                let out = render::entry(entry, &refs, how);
                prop_assert!(!out.contains('\x07'), "BEL leaked");
                prop_assert!(!out.contains('\u{202e}'), "bidi override leaked");
                prop_assert!(!out.contains("\x1b]52"), "OSC 52 leaked");
            }
        }
    }
}
