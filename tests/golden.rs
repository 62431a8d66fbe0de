//! End-to-end golden output: every built-in entry shown in every output mode
//! (plain on a pipe, JSON, rich with colour at a fixed width), `list` and a
//! few searches, compared byte for byte with `tests/golden/*.txt`; and a
//! representative set of entries rendered rich at 40, 80 and 120 columns
//! (`tests/golden/rich-{width}.txt`).
//!
//! The entry ids come from `faq list --json`, so a new FAQ entry is covered
//! without editing this file. When output changes on purpose, rewrite the
//! files with `FAQ_UPDATE_GOLDEN=1 cargo test --test golden` and review the
//! diff (`git diff tests/golden`).

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use common::Faq;

/// The terminal width of the rich runs (read from `COLUMNS` on a pipe).
const WIDTH: &str = "80";

/// Queries covering words, inflections, typos, synonyms, operators, a
/// no-match and a clear `show` lookup by words.
const QUERIES: &[&str] = &[
    "tombstone",
    "access token",
    "delete room",
    "tombstoen",
    "how do i invite a user",
    "^how !delete room",
    "ems",
    "encryption keys backup",
    "zzzzqqq",
];

/// The terminal widths at which the representative entries are pinned.
const WIDTHS: &[&str] = &["40", "80", "120"];

/// A small FAQ with what the built-in one lacks: a table, nested lists, a
/// fenced code block inside a list, a GitHub alert and long bare links.
const RENDER_CORPUS: &str = "tests/fixtures/render";

/// One run of `faq` with these arguments, as text: the command, its exit
/// code, stderr (when any) and stdout.
fn run(args: &[&str]) -> String {
    run_at(WIDTH, args)
}

/// [`run`] at a given terminal width.
fn run_at(width: &str, args: &[&str]) -> String {
    let out = Faq::new().env("COLUMNS", width).args(args).run();
    let mut text = format!("==== faq {} (exit {:?})\n", args.join(" "), out.code);
    if !out.stderr.is_empty() {
        let _ = write!(text, "---- stderr\n{}", out.stderr);
    }
    let _ = write!(text, "---- stdout\n{}", out.stdout);
    if !text.ends_with('\n') {
        text.push_str("\n[no newline at end]\n");
    }
    text
}

/// Every built-in entry, in list order, as `faq list --json` gives it.
fn entries() -> Vec<serde_json::Value> {
    let out = Faq::new().args(["list", "--json"]).run().success();
    let entries = out.json().as_array().expect("an array").clone();
    assert!(entries.len() > 10, "the built-in FAQ lists its entries");
    entries
}

fn id(entry: &serde_json::Value) -> String {
    entry["id"].as_str().expect("a string id").to_owned()
}

/// Every built-in entry id, in list order.
fn ids() -> Vec<String> {
    entries().iter().map(id).collect()
}

/// Whether an answer's markdown source has some construct.
type Has = fn(&str) -> bool;

/// Markdown constructs the rendering goldens should cover.
const FEATURES: &[Has] = &[
    // A bulleted or numbered list.
    |md| {
        md.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("- ")
                || line.starts_with("* ")
                || line
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    },
    // A fenced code block.
    |md| md.contains("```") || md.contains("~~~"),
    // Inline code.
    |md| md.replace("```", "").contains('`'),
    // A link.
    |md| md.contains("](") || md.contains("<http"),
    // A block quote or alert.
    |md| md.lines().any(|l| l.trim_start().starts_with('>')),
    // A table.
    |md| md.lines().any(|l| l.trim_start().starts_with('|')),
    // Emphasis.
    |md| md.contains("**") || md.contains('_'),
];

/// The built-in entries whose rich rendering is pinned at every width: the
/// five longest answers, then, for each construct in [`FEATURES`] none of
/// those has, the first entry that has it. Chosen by content, so the set
/// follows the FAQ as it changes.
fn representative_ids() -> Vec<String> {
    let entries = entries();
    let answer = |e: &serde_json::Value| e["answer"].as_str().expect("an answer").to_owned();
    let mut by_length: Vec<&serde_json::Value> = entries.iter().collect();
    by_length.sort_by_key(|e| std::cmp::Reverse(answer(e).len()));
    let mut chosen: Vec<&serde_json::Value> = by_length.into_iter().take(5).collect();
    for has in FEATURES {
        if chosen.iter().any(|e| has(&answer(e))) {
            continue;
        }
        if let Some(first) = entries.iter().find(|e| has(&answer(e))) {
            chosen.push(first);
        }
    }
    chosen.into_iter().map(id).collect()
}

/// Every entry id of [`RENDER_CORPUS`], in list order.
fn render_corpus_ids() -> Vec<String> {
    let out = Faq::new()
        .args(["--no-builtin", "--corpus", RENDER_CORPUS, "list", "--json"])
        .run()
        .success();
    let ids: Vec<String> = out
        .json()
        .as_array()
        .expect("an array")
        .iter()
        .map(id)
        .collect();
    assert!(!ids.is_empty(), "{RENDER_CORPUS} lists its entries");
    ids
}

/// Compares `actual` with `tests/golden/{name}.txt`, or rewrites the file
/// when `FAQ_UPDATE_GOLDEN` is set.
fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("FAQ_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return;
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    let line = |text: &str| text.lines().nth(first).unwrap_or("<end>").to_owned();
    panic!(
        "output differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
         If the change is intended, run FAQ_UPDATE_GOLDEN=1 cargo test --test golden \
         and review `git diff tests/golden`.",
        path.display(),
        first + 1,
        line(&expected),
        line(actual),
    );
}

fn golden(name: &str, runs: impl IntoIterator<Item = Vec<String>>) {
    let mut text = String::new();
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        text.push_str(&run(&args));
    }
    check(name, &text);
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|&a| a.to_owned()).collect()
}

#[test]
fn show_plain() {
    golden(
        "show-plain",
        ids()
            .iter()
            .map(|id| args(&["show", id, "--color", "never"])),
    );
}

#[test]
fn show_json() {
    golden(
        "show-json",
        ids().iter().map(|id| args(&["show", id, "--json"])),
    );
}

#[test]
fn show_rich() {
    golden(
        "show-rich",
        ids()
            .iter()
            .map(|id| args(&["show", id, "--color", "always"])),
    );
}

/// Rich output of the representative entries and of [`RENDER_CORPUS`] at
/// 40, 80 and 120 columns: wrapping, list indents, code blocks and tables
/// at each width.
#[test]
fn show_rich_at_every_width() {
    let builtin = representative_ids();
    let fixture = render_corpus_ids();
    for width in WIDTHS {
        let mut text = String::new();
        for id in &builtin {
            text.push_str(&run_at(width, &["show", id, "--color", "always"]));
        }
        for id in &fixture {
            text.push_str(&run_at(
                width,
                &[
                    "--no-builtin",
                    "--corpus",
                    RENDER_CORPUS,
                    "show",
                    id,
                    "--color",
                    "always",
                ],
            ));
        }
        check(&format!("rich-{width}"), &text);
    }
}

#[test]
fn list_every_mode() {
    golden(
        "list",
        [
            args(&["list", "--color", "never"]),
            args(&["list", "--json"]),
            args(&["list", "--color", "always"]),
            args(&["list", "--category", "element", "--color", "never"]),
            args(&["list", "--category", "ems", "--json"]),
            args(&["list", "--category", "zzzzqqq"]),
        ],
    );
}

#[test]
fn search_every_mode() {
    let mut runs = Vec::new();
    for query in QUERIES {
        runs.push(args(&["search", query, "--color", "never"]));
        runs.push(args(&["search", query, "--json"]));
        runs.push(args(&["search", query, "--color", "always"]));
    }
    runs.push(args(&["search", "room", "-n", "3", "--color", "never"]));
    for query in ["how do i reset my password", "tombstone"] {
        runs.push(args(&["show", query, "--color", "never"]));
    }
    // The same FAQ read from its files rather than the embedded tables.
    for query in ["tombstone", "delete room", "tombstoen"] {
        runs.push(args(&[
            "--no-builtin",
            "--corpus",
            "faq",
            "search",
            query,
            "--json",
        ]));
    }
    golden("search", runs);
}
