//! End-to-end golden output: every built-in entry shown in every output mode
//! (plain on a pipe, JSON, rich with colour at a fixed width), `list` and a
//! few searches, compared byte for byte with `tests/golden/*.txt`.
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

/// One run of `faq` with these arguments, as text: the command, its exit
/// code, stderr (when any) and stdout.
fn run(args: &[&str]) -> String {
    let out = Faq::new().env("COLUMNS", WIDTH).args(args).run();
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

/// Every built-in entry id, in list order.
fn ids() -> Vec<String> {
    let out = Faq::new().args(["list", "--json"]).run().success();
    let entries = out.json();
    let ids: Vec<String> = entries
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| e["id"].as_str().expect("a string id").to_owned())
        .collect();
    assert!(ids.len() > 10, "the built-in FAQ lists its entries");
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
