//! The embedded corpus, through the library API: complete, well-formed and
//! faithful to its source files.

mod common;

use std::collections::HashSet;

use faq::corpus::{Corpus, Source};

fn builtin() -> Corpus {
    Corpus::load(&[Source::Builtin])
}

#[test]
fn corpus_has_no_defects() {
    let corpus = builtin();
    let problems: Vec<String> = corpus.problems.messages();
    assert!(
        problems.is_empty(),
        "corpus defects:\n{}",
        problems.join("\n")
    );
    let report = faq::check::check(&[Source::Builtin]);
    let problems: Vec<String> = report.problems.messages();
    assert!(problems.is_empty(), "faq check:\n{}", problems.join("\n"));
}

#[test]
fn corpus_holds_every_question_of_both_seed_revisions() {
    let corpus = builtin();
    let questions: HashSet<&str> = corpus.entries.iter().map(|e| &*e.question).collect();
    let seeds = include_str!("data/seed_questions.tsv");
    let mut from_rev2 = 0;
    let mut total = 0;
    for line in seeds.lines().skip(1) {
        let (question, revisions) = line.split_once('\t').unwrap();
        assert!(
            questions.contains(question),
            "missing seed question: {question}"
        );
        total += 1;
        if revisions.split(',').any(|r| r == "2") {
            from_rev2 += 1;
        }
    }
    assert_eq!(from_rev2, 15, "revision #2 has 15 questions, all kept");
    // Revision #44 holds every question of #2: the union adds none.
    assert_eq!(corpus.entries.len(), total, "one entry per seed question");
    assert_eq!(total, common::BuiltinFaq::read().questions());
}

#[test]
fn categories_hold_the_expected_number_of_questions() {
    let corpus = builtin();
    let count = |top: &str| {
        corpus
            .entries
            .iter()
            .filter(|e| e.category[0] == top)
            .count()
    };
    let files = common::BuiltinFaq::read();
    assert_eq!(files.categories.len(), 3, "{:?}", files.categories);
    for (category, questions) in &files.categories {
        assert!(*questions > 0, "{category} is empty");
        assert_eq!(count(category), *questions, "{category}");
    }
    assert!(files.questions_in("Element Matrix Services") > files.questions_in("Element General"));
    let ems_sub: HashSet<&str> = corpus
        .entries
        .iter()
        .filter(|e| e.category[0] == "Element Matrix Services")
        .map(|e| &*e.category[1])
        .collect();
    let expected: HashSet<&str> = [
        "Account Management",
        "Integrations",
        "Miscellaneous",
        "Pricing & Payment",
        "Server Configuration & Management",
    ]
    .into();
    assert_eq!(ems_sub, expected);
}

#[test]
fn ids_are_unique_kebab_case_and_the_documented_ones_exist() {
    let corpus = builtin();
    let mut seen = HashSet::new();
    for e in &corpus.entries {
        assert!(faq::text::is_kebab_case(&e.id), "{}", e.id);
        assert!(seen.insert(&*e.id), "duplicate {}", e.id);
    }
    for id in [
        "access-token",
        "tombstone-room",
        "delete-room-or-space",
        "guest-users",
    ] {
        assert!(seen.contains(id), "{id}");
    }
}

#[test]
fn every_entry_has_keywords() {
    for e in &builtin().entries {
        assert!(!e.keywords.is_empty(), "{} has no keywords", e.id);
    }
}

#[test]
fn answers_reproduce_their_source_text_exactly() {
    let files = [
        (
            "01-element-general.md",
            include_str!("../faq/01-element-general.md"),
        ),
        (
            "02-matrix-general.md",
            include_str!("../faq/02-matrix-general.md"),
        ),
        (
            "03-element-matrix-services.md",
            include_str!("../faq/03-element-matrix-services.md"),
        ),
    ];
    for e in &builtin().entries {
        let (_, text) = files
            .iter()
            .find(|(name, _)| e.source.ends_with(name))
            .unwrap_or_else(|| panic!("unknown source {}", e.source));
        assert!(
            text.contains(&*e.answer),
            "{} answer is not a slice of its file",
            e.id
        );
        let heading = text.lines().nth(e.line - 1).unwrap();
        assert!(
            heading.contains(&format!("{{#{}}}", e.id)),
            "{}: line {} is {heading}",
            e.id,
            e.line
        );
    }
}

#[test]
fn scrape_residue_is_gone_and_steps_remain() {
    let corpus = builtin();
    let all: String = corpus.entries.iter().map(|e| &*e.answer).collect();
    for residue in [
        "<svg",
        "3:33PM",
        "Roles & Permissions",
        "\nexpa\n",
        "Opens the Developer Tools dialog",
    ] {
        assert!(!all.contains(residue), "residue left: {residue}");
    }
    let tombstone = corpus.get("tombstone-room").unwrap();
    for step in [
        "`/devtools`",
        "Explore room state",
        "Send custom state event",
        "m.room.tombstone",
        "replacement_room",
        "Click `Send`",
    ] {
        assert!(
            tombstone.answer.contains(step),
            "tombstone step lost: {step}"
        );
    }
    assert!(
        corpus
            .get("delete-room-or-space")
            .unwrap()
            .answer
            .contains("delete (trash) button")
    );
}

#[test]
fn cross_references_resolve_to_entries() {
    let corpus = builtin();
    let refs = faq::xref::CrossRefs::new(&corpus.entries);
    let resolve = |id: &str| -> Vec<String> {
        faq::xref::links(&corpus.get(id).unwrap().answer)
            .iter()
            .filter_map(|l| refs.resolve(&l.text, &l.target).map(str::to_owned))
            .collect()
    };
    assert_eq!(resolve("delete-spaces"), ["delete-room-or-space"]);
    assert_eq!(resolve("slack-bridge-free-vs-paid"), ["slack-dm-limit"]);
    assert_eq!(resolve("root-domain-well-known"), ["subdomain"]);
    assert!(resolve("access-token").is_empty());
}
