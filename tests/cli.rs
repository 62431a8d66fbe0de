//! The real binary, end to end, on a pipe (not a terminal).

mod common;

use common::Faq;

#[test]
fn search_ranks_the_tombstone_entry_first() {
    let out = Faq::new()
        .args(["search", "tombstone"])
        .run()
        .success()
        .no_ansi();
    let first = out.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "tombstone-room\tHow do I manually tombstone a room?\tMatrix General"
    );
}

#[test]
fn search_finds_words_that_only_appear_in_answers() {
    let out = Faq::new().args(["search", "jitsi"]).run().success();
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("video-call-permissions\t")),
        "{}",
        out.stdout
    );
}

#[test]
fn search_json_follows_the_documented_schema() {
    let out = Faq::new()
        .args(["search", "jitsi", "--json"])
        .run()
        .success();
    let results = out.json();
    let results = results.as_array().expect("an array");
    assert!(!results.is_empty());
    for r in results {
        for key in ["id", "question", "answer", "source"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        assert!(
            r["category"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c.is_string())
        );
        assert!(r["keywords"].is_array());
        assert!(r["line"].is_u64());
        assert!(r["score"].is_i64(), "score is an integer: {r}");
    }
    let scores: Vec<i64> = results
        .iter()
        .map(|r| r["score"].as_i64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn search_limit_caps_results() {
    let out = Faq::new()
        .args(["search", "room", "--limit", "2"])
        .run()
        .success();
    assert_eq!(out.stdout.lines().count(), 2);
}

#[test]
fn search_without_matches_exits_1_and_suggests() {
    Faq::new()
        .args(["search", "xqzvwj"])
        .run()
        .code(1)
        .stderr_has("no entry matches 'xqzvwj'");
    let out = Faq::new()
        .args(["search", "xqzvwj", "--json"])
        .run()
        .code(1);
    assert_eq!(out.json(), serde_json::json!([]));
}

#[test]
fn show_prints_the_answer_as_markdown_on_a_pipe() {
    Faq::new()
        .args(["show", "access-token"])
        .run()
        .success()
        .no_ansi()
        .stdout_has("# How do I get my access token?\n")
        .stdout_has("**The access token grants full access to your Matrix account. Do not share it with anyone.**")
        .stdout_has("- At the bottom, under `Advanced`, click `Access Token`");
}

#[test]
fn show_finds_a_clear_winner_from_words() {
    Faq::new()
        .args(["show", "tombstone"])
        .run()
        .success()
        .stdout_has("# How do I manually tombstone a room?")
        .stdout_has("m.room.tombstone");
}

#[test]
fn show_json_is_one_entry() {
    let out = Faq::new()
        .args(["show", "guest-users", "--json"])
        .run()
        .success();
    let entry = out.json();
    assert_eq!(entry["id"], "guest-users");
    assert_eq!(entry["category"], serde_json::json!(["Element General"]));
    assert!(
        entry["answer"]
            .as_str()
            .unwrap()
            .starts_with("Set the following settings:")
    );
    assert!(entry.get("score").is_none());
}

#[test]
fn show_ambiguous_query_lists_candidates_and_exits_1() {
    let out = Faq::new().args(["show", "slack", "bridge"]).run().code(1);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("matches several entries"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("slack-dm-limit") && out.stderr.contains("slack-bridge-free-vs-paid")
    );
}

#[test]
fn show_unknown_id_exits_1_with_suggestions() {
    Faq::new()
        .args(["show", "qqqzzzxxx"])
        .run()
        .code(1)
        .stderr_has("faq: no entry answers 'qqqzzzxxx'");
    Faq::new()
        .args(["show", "acces-tokn"])
        .run()
        .success()
        .stdout_has("access token");
}

#[test]
fn show_declines_questions_the_faq_does_not_answer() {
    for query in [
        "renew my passport",
        "how to mention someone",
        "how to cook pasta",
        "how many calories in an apple",
        // A rare word of the query matches; the FAQ has `room`, this entry not.
        "rename a room",
    ] {
        let out = Faq::new().args(["show", query]).run().code(1);
        assert!(out.stdout.is_empty(), "{query}: {}", out.stdout);
        assert!(
            out.stderr
                .starts_with(&format!("faq: no entry answers '{query}'\n")),
            "{query}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("several"), "{query}: {}", out.stderr);
    }
}

#[test]
fn show_answers_a_long_question_told_in_a_persons_own_words() {
    // Most of its words are nowhere in the FAQ; the few that are say it all.
    let query = "i need to send an announcement to every user on our server about planned maintenance, how?";
    let out = Faq::new().args(["show", query, "--json"]).run().success();
    assert_eq!(out.json()["id"], "system-alerts", "{query}");
    // A long question about something else still gets no answer.
    let query = "my grandmother wants to knit a scarf for my birthday, which wool should she buy this winter";
    Faq::new()
        .args(["show", query])
        .run()
        .code(1)
        .stderr_has("faq: no entry answers");
}

#[test]
fn show_lists_the_closest_entries_when_none_answers() {
    // `tips` is in one question, `restaurant` in none: related, not an answer.
    let out = Faq::new()
        .args(["show", "restaurant", "tips"])
        .run()
        .code(1)
        .stderr_has("faq: no entry answers 'restaurant tips'\nclosest:\n");
    assert!(out.stderr.contains("migrate-accounts"), "{}", out.stderr);
    assert!(out.stderr.lines().count() <= 5, "{}", out.stderr);
}

#[test]
fn show_answers_questions_in_everyday_words() {
    for (query, id) in [
        ("one-time code for my ems account", "ems-2fa"),
        ("pay with bitcoin", "payment-options"),
        ("blog feed in a room", "rss-integration"),
        ("what size should a room picture be", "icon-resolution"),
        ("picture size for a space", "icon-resolution"),
        // `without` is not a stop word: it turns the question around.
        ("read a room without an account", "guest-users"),
    ] {
        let out = Faq::new().args(["show", query, "--json"]).run().success();
        assert_eq!(out.json()["id"], id, "{query}");
    }
}

#[test]
fn search_lists_nothing_for_gibberish_or_an_incidental_word() {
    for query in [
        "qwxz vbnmk",
        "zzqqxx-no-such-entry-qqzz",
        "how to cook pasta",
    ] {
        Faq::new()
            .args(["search", query])
            .run()
            .code(1)
            .stderr_has(&format!("faq: no entry matches '{query}'"));
        let out = Faq::new().args(["search", query, "--json"]).run().code(1);
        assert_eq!(out.json(), serde_json::json!([]), "{query}");
    }
}

#[test]
fn search_json_carries_relevance_as_a_percentage() {
    let out = Faq::new()
        .args(["search", "tombstone", "--json"])
        .run()
        .success();
    let results = out.json();
    let results = results.as_array().unwrap();
    assert_eq!(results[0]["id"], "tombstone-room");
    assert_eq!(results[0]["relevance"], 100);
    for result in results {
        let relevance = result["relevance"].as_u64().unwrap();
        assert!((10..=100).contains(&relevance), "{result}");
    }
}

#[test]
fn an_exact_phrase_in_the_question_beats_scattered_words() {
    let out = Faq::new()
        .args(["search", "external users", "--json"])
        .run()
        .success();
    assert_eq!(out.json()[0]["id"], "external-users-billing");
}

#[test]
fn an_exact_rare_word_in_an_answer_beats_fuzzy_letters_in_a_question() {
    let out = Faq::new()
        .args(["search", "dmarc", "--json"])
        .run()
        .success();
    assert_eq!(out.json()[0]["id"], "root-domain-well-known");
}

#[test]
fn show_renders_cross_references_as_commands() {
    Faq::new()
        .args(["show", "delete-spaces"])
        .run()
        .success()
        .stdout_has("How do I delete a room or a space? (`faq show delete-room-or-space`)");
}

#[test]
fn list_groups_every_entry_by_category() {
    let out = Faq::new().arg("list").run().success().no_ansi();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "Element General");
    assert!(out.stdout.contains("\nMatrix General\n"));
    assert!(
        out.stdout
            .contains("\nElement Matrix Services / Pricing & Payment\n")
    );
    let entries = lines.iter().filter(|l| l.starts_with("  ")).count();
    assert_eq!(entries, common::BuiltinFaq::read().questions());
}

#[test]
fn list_category_filter_is_fuzzy() {
    let out = Faq::new()
        .args(["list", "--category", "pricing", "--json"])
        .run()
        .success();
    let ids = out.ids();
    assert_eq!(
        ids,
        [
            "payment-options",
            "update-payment-info",
            "external-users-billing"
        ]
    );
    Faq::new()
        .args(["list", "--category", "qqqzzz"])
        .run()
        .code(1)
        .stderr_has("no category matches");
}

#[test]
fn color_always_forces_ansi_even_on_a_pipe() {
    Faq::new()
        .args(["--color", "always", "search", "tombstone"])
        .run()
        .success()
        .stdout_has("\x1b[");
    Faq::new()
        .args(["show", "access-token", "--color", "always"])
        .env("NO_COLOR", "1")
        .run()
        .success()
        .stdout_has("\x1b[");
}

#[test]
fn empty_query_is_a_usage_error() {
    Faq::new()
        .args(["search", ""])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("empty query");
    Faq::new()
        .args(["show", "   "])
        .run()
        .code(2)
        .one_line_error();
    Faq::new()
        .args(["search", "???"])
        .run()
        .code(2)
        .one_line_error();
}

#[test]
fn missing_query_and_zero_limit_are_usage_errors() {
    Faq::new()
        .args(["search"])
        .run()
        .code(2)
        .stderr_has("QUERY");
    Faq::new()
        .args(["search", "room", "--limit", "0"])
        .run()
        .code(2)
        .stderr_has("--limit");
    Faq::new()
        .args(["frobnicate"])
        .run()
        .code(2)
        .stderr_has("unrecognized subcommand");
}

#[cfg(unix)]
#[test]
fn invalid_utf8_argument_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"tomb\xffstone");
    Faq::new()
        .arg("search")
        .arg(bad)
        .run()
        .code(2)
        .stderr_has("invalid UTF-8");
}

#[test]
fn long_and_control_character_queries_do_not_break_anything() {
    let long = "tombstone ".repeat(1000);
    Faq::new().args(["search", &long]).run().success();
    Faq::new()
        .args(["search", "tomb\x1b[2J\x07stone"])
        .run()
        .stdout_lacks("\x1b");
}

#[test]
fn help_and_version_exit_0() {
    Faq::new()
        .arg("--help")
        .run()
        .success()
        .stdout_has("Usage:");
    Faq::new()
        .arg("--version")
        .run()
        .success()
        .stdout_has("faq ");
}

#[test]
fn no_arguments_without_a_terminal_prints_usage() {
    Faq::new().run().code(2).stderr_has("Usage:");
}

#[cfg(unix)]
#[test]
fn closed_pipe_ends_quietly() {
    // Enough entries that the listing overflows the pipe buffer after `head` exits.
    let dir = tempdir();
    let mut text = String::from("# Big\n\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "## Question number {i}? {{#q{i}}}\n\nAnswer {i}.\n\n"
        ));
    }
    std::fs::write(dir.path().join("big.md"), text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("faq");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"set -o pipefail; "$0" --corpus "$1" list | head -1"#)
        .arg(&bin)
        .arg(dir.path().join("big.md"))
        .env("FAQ_CONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Element General\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_entry_is_reachable_by_its_id() {
    let out = Faq::new().args(["list", "--json"]).run().success();
    let entries = out.json();
    let ids: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), common::BuiltinFaq::read().questions());
    for id in ids {
        let shown = Faq::new()
            .args(["show", id, "--json"])
            .run()
            .success()
            .json();
        assert_eq!(shown["id"], id);
    }
}

#[test]
fn clap_definition_is_consistent() {
    faq::cli::command().debug_assert();
}

/// A fresh temporary directory for one test, removed when dropped.
fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("faq-cli-test-")
        .tempdir()
        .unwrap()
}

/// The embedded FAQ is answered from tables generated at build time
/// (`src/prebuilt`); the same files read from disk must rank and print the
/// same, but for where each entry was read from.
#[test]
fn embedded_tables_answer_as_the_same_files_read_from_disk() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let without_source = |mut json: serde_json::Value| {
        let items = match json.as_array_mut() {
            Some(items) => items.iter_mut().collect::<Vec<_>>(),
            None => vec![&mut json],
        };
        for item in items {
            let source = item.as_object_mut().and_then(|o| o.remove("source"));
            assert!(source.is_some(), "every entry names its source");
        }
        json
    };
    for args in [
        &["search", "tombstone"][..],
        &["search", "acess tokn"],
        &["search", "how do i invite a user", "--limit", "57"],
        &["search", "^how !delete room"],
        &["show", "access-token"],
        &["list"],
    ] {
        let embedded = Faq::new().args(args).arg("--json").run().success().json();
        let from_disk = Faq::new()
            .arg("--no-builtin")
            .arg("--corpus")
            .arg(&dir)
            .args(args)
            .arg("--json")
            .run()
            .success()
            .json();
        assert_eq!(
            without_source(embedded),
            without_source(from_disk),
            "{args:?}"
        );
    }
}

#[test]
fn admonitions_and_alerts_show_as_callouts_and_json_keeps_them_as_written() {
    let dir = tempdir();
    let file = dir.path().join("callouts.md");
    let answer =
        "Before.\n\n!!! warning \"Mind the gap\"\n    - step **one**\n\n> [!TIP]\n> A tip.";
    std::fs::write(
        &file,
        format!("# Travel\n\n## Is it safe? {{#safe}}\n\n{answer}\n"),
    )
    .unwrap();
    let show = |extra: &[&str]| {
        Faq::new()
            .arg("--no-builtin")
            .arg("--corpus")
            .arg(&file)
            .args(["show", "safe"])
            .args(extra)
            .run()
            .success()
    };
    let rich = show(&["--color", "always"])
        .stdout_lacks("!!!")
        .stdout_lacks("[!TIP]");
    let visible: String = rich
        .stdout
        .split('\x1b')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or("", |p| p.1)
            }
        })
        .collect();
    assert!(
        visible.contains("Before.\n\n▌ Warning: Mind the gap\n▌ • step one\n\n▌ Tip\n▌ A tip.\n"),
        "{visible}"
    );
    show(&[]).no_ansi().stdout_has(
        "Before.\n\n> **Warning:** Mind the gap\n>\n> - step **one**\n\n> **Tip**\n>\n> A tip.\n",
    );
    let json = show(&["--json"]).json();
    assert_eq!(json["answer"], answer);
}
