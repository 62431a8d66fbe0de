//! Real FAQ files from public repositories, loaded as they are (see
//! `tests/fixtures/real-faqs/SOURCES.md`): every question a reader sees
//! becomes an entry with clean text, `faq check` raises no false alarm,
//! and the queries written for them find their answers. The floors sit a
//! little below what `cargo bench --bench real_faqs` prints.

#[path = "../benches/real_faqs_core.rs"]
mod real_faqs_core;

mod common;

use common::Faq;
use real_faqs_core::{load, measure, percent};

#[test]
fn every_file_yields_the_questions_a_reader_sees() {
    let faqs = load();
    assert!(faqs.len() >= 10, "only {} files", faqs.len());
    let (mut recovered, mut expected) = (0, 0);
    for faq in &faqs {
        let m = measure(faq);
        let found = m.entries.len() as f64;
        let want = m.expected as f64;
        assert!(
            (found - want).abs() <= (want * 0.05).max(1.0),
            "{}: {} entries for {} questions",
            m.file,
            m.entries.len(),
            m.expected
        );
        recovered += m.recovered;
        expected += m.expected;
    }
    assert!(
        percent(recovered, expected) >= 98.0,
        "{recovered}/{expected} questions recovered"
    );
}

#[test]
fn questions_and_answers_carry_no_foreign_markup() {
    for faq in load() {
        for entry in measure(&faq).entries {
            let q = &entry.question;
            for bad in [
                "**", "__", "</", "<strong", "<b>", "<code", "Q:", "???", "`",
            ] {
                assert!(!q.contains(bad), "{}: question {q:?}", faq.file);
            }
            assert!(
                !q.starts_with(['#', '-', '*']),
                "{}: question {q:?}",
                faq.file
            );
            let a = entry.answer.to_ascii_lowercase();
            for bad in [
                "<details",
                "</details>",
                "<summary",
                "<a name=",
                "back to top",
                "***a***",
            ] {
                assert!(
                    !a.contains(bad),
                    "{}: answer of {q:?} holds {bad:?}",
                    faq.file
                );
            }
            assert!(!entry.answer.trim().is_empty(), "{}: {q:?}", faq.file);
        }
    }
}

#[test]
fn check_raises_no_false_alarm_and_names_the_convention() {
    let dir = real_faqs_core::folder();
    for faq in load() {
        let out = Faq::new()
            .arg("check")
            .arg(dir.join(&faq.file))
            .run()
            .success();
        let m = measure(&faq);
        let said = format!(
            "{}: {} questions ({})",
            faq.file,
            m.entries.len(),
            m.convention
        );
        assert!(out.stderr.contains(&said), "{said:?} not in {}", out.stderr);
    }
}

#[test]
fn blind_queries_find_their_answers() {
    let (mut top1, mut top3, mut queries) = (0, 0, 0);
    for faq in load() {
        let m = measure(&faq);
        assert!(
            percent(m.top1, m.queries) >= 75.0,
            "{}: top-1 {}/{}",
            m.file,
            m.top1,
            m.queries
        );
        top1 += m.top1;
        top3 += m.top3;
        queries += m.queries;
    }
    assert!(percent(top1, queries) >= 93.0, "top-1 {top1}/{queries}");
    assert!(percent(top3, queries) >= 95.0, "top-3 {top3}/{queries}");
}

#[test]
fn anchors_of_a_published_faq_are_cross_references() {
    let file = real_faqs_core::folder().join("BurntSushi-ripgrep-FAQ.md");
    // `#config` is the anchor ripgrep's table of contents links to.
    Faq::new()
        .corpus_only(&file)
        .args(["show", "config"])
        .run()
        .success()
        .stdout_has("Does ripgrep support configuration files?");
}

/// A corpus file written into a fresh temporary folder (removed with it).
fn corpus_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.md"));
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

#[test]
fn chinese_and_japanese_answers_are_searchable_by_a_word_inside_them() {
    let (_file_dir, file) = corpus_file(
        "cjk",
        "# 常见问题\n\n## 如何删除房间？\n\n設定から部屋を削除できます。\n\n## 如何邀请用户？\n\n点击邀请按钮。\n",
    );
    Faq::new()
        .corpus_only(&file)
        .args(["search", "削除"])
        .run()
        .success()
        .stdout_has("如何删除房间？");
    Faq::new()
        .corpus_only(&file)
        .args(["show", "邀请按钮"])
        .run()
        .success()
        .stdout_has("点击邀请按钮");
}

#[test]
fn questions_in_any_script_get_ids_of_their_own_words() {
    let (_file_dir, file) = corpus_file(
        "cyrillic",
        "# Вопросы\n\n## Как удалить комнату?\n\nВ настройках.\n\n## Πώς διαγράφω ένα δωμάτιο;\n\nΑπό τις ρυθμίσεις.\n",
    );
    let out = Faq::new()
        .corpus_only(&file)
        .args(["list", "--json"])
        .run()
        .success();
    let ids = out.ids();
    assert_eq!(ids, ["как-удалить-комнату", "πώς-διαγράφω-ένα-δωμάτιο"]);
}

#[test]
fn a_german_faq_folds_german_inflections_and_drops_german_stop_words() {
    let questions = "# Konto\n\n## Wo finde ich meine Rechnungen?\n\nUnter Einstellungen, Abrechnung.\n\n## Wie lösche ich mein Konto?\n\nIm Menü Konto.\n";
    // Named by the file's front matter…
    let (_file_dir, file) = corpus_file(
        "de-front-matter",
        &format!("---\nlang: de\n---\n{questions}"),
    );
    let out = Faq::new()
        .corpus_only(&file)
        .args(["search", "wie finde ich die Rechnung"])
        .run()
        .success()
        .stdout_has("Rechnungen");
    // (`wie`, `ich`, `die` are German stop words: the other entry is no match.)
    assert!(!out.stdout.contains("Konto?"), "{}", out.stdout);
    // …or by the config.
    let (_plain_dir, plain) = corpus_file("de-config", questions);
    let (_config_dir, config) = corpus_file("de-config-toml", "");
    let config = config.with_extension("toml");
    std::fs::write(&config, "language = \"German\"\n").unwrap();
    let out = Faq::new()
        .env("FAQ_CONFIG", &config)
        .corpus_only(&plain)
        .args(["search", "wie finde ich die Rechnung"])
        .run()
        .success()
        .stdout_has("Rechnungen");
    assert!(!out.stdout.contains("Konto?"), "{}", out.stdout);
}

#[test]
fn an_unknown_language_in_the_config_is_a_clear_error() {
    let (_config_dir, config) = corpus_file("klingon", "");
    let config = config.with_extension("toml");
    std::fs::write(&config, "language = \"klingon\"\n").unwrap();
    Faq::new()
        .env("FAQ_CONFIG", &config)
        .arg("list")
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("language 'klingon' has no stemmer here");
}

#[test]
fn a_summary_with_escape_sequences_reaches_no_terminal_raw() {
    let (_file_dir, file) = corpus_file(
        "escapes",
        "<details><summary>Why \u{1b}]52;c;aGk=\u{7} \u{1b}[2J?</summary>\n\nBecause \u{1b}[31mred.\n\n</details>\n\n<details><summary>How?</summary>\n\nSo.\n\n</details>\n",
    );
    for args in [
        &["list"][..],
        &["show", "how", "--color", "always"],
        &["list", "--json"],
    ] {
        let out = Faq::new().corpus_only(&file).args(args).run().success();
        assert!(
            !out.stdout.contains("\u{1b}]52"),
            "{args:?}: {:?}",
            out.stdout
        );
        assert!(!out.stdout.contains('\u{7}'), "{args:?}: {:?}", out.stdout);
        assert!(
            !out.stdout.contains("\u{1b}[2J"),
            "{args:?}: {:?}",
            out.stdout
        );
    }
}
