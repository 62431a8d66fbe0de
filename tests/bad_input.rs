//! Hostile and broken corpora through the real binary: never a panic, a
//! backtrace or a hang; a one-line message naming the file; the good
//! entries around a bad one still load (unless `--strict`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::Faq;

/// A fresh temporary directory, removed when dropped.
struct TempDir(tempfile::TempDir);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix(&format!("faq-bad-{name}-"))
            .tempdir()
            .unwrap();
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        fs::write(&path, content).unwrap();
        path
    }
}

const GOOD: &str = "# Shop\n\n## How do I get a refund? {#refund}\n\nAsk support.\n";

fn no_panic(out: &common::Outcome) {
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(!out.stderr.contains("backtrace"), "{}", out.stderr);
}

#[test]
fn non_utf8_file_is_reported_and_neighbours_still_load() {
    let dir = TempDir::new("utf8");
    dir.write("good.md", GOOD);
    dir.write("bad.md", b"# C\n\n## Q\n\nbad \xff byte\n");
    let out = Faq::new()
        .corpus_only(dir.path())
        .args(["show", "refund"])
        .run()
        .success()
        .stdout_has("Ask support.")
        .stderr_has("bad.md:5: not valid UTF-8, skipped");
    no_panic(&out);
    Faq::new()
        .args(["--no-builtin", "--strict", "--corpus"])
        .arg(dir.path())
        .args(["show", "refund"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("--strict");
}

#[test]
fn empty_and_binary_files_do_not_break_loading() {
    let dir = TempDir::new("empty");
    dir.write("good.md", GOOD);
    dir.write("empty.md", "");
    dir.write("binary.md", [0u8, 159, 146, 150, 0, 1, 2, 3]);
    Faq::new()
        .corpus_only(dir.path())
        .args(["search", "refund"])
        .run()
        .success()
        .stdout_has("refund\t")
        .stderr_has("binary.md:1: binary file");
}

#[test]
fn only_bad_files_is_a_clear_error() {
    let dir = TempDir::new("onlybad");
    dir.write("empty.md", "");
    Faq::new()
        .corpus_only(dir.path())
        .args(["search", "x"])
        .run()
        .code(2)
        .stderr_has("no entries to search");
}

#[test]
fn missing_corpus_path_is_named() {
    Faq::new()
        .args([
            "--no-builtin",
            "--corpus",
            "/nonexistent/faq-corpus",
            "list",
        ])
        .run()
        .code(2)
        .stderr_has("/nonexistent/faq-corpus: no such file or directory");
}

#[test]
fn heading_with_nothing_after_it_is_reported() {
    let dir = TempDir::new("heading");
    let file = dir.write("faq.md", format!("{GOOD}\n## Dangling question?\n"));
    Faq::new()
        .corpus_only(&file)
        .args(["show", "refund"])
        .run()
        .success()
        .stderr_has("faq.md:7: question 'Dangling question?' has an empty answer");
    Faq::new()
        .arg("check")
        .arg(&file)
        .run()
        .code(1)
        .stdout_has("faq.md:7:");
}

#[test]
fn large_file_loads() {
    let dir = TempDir::new("large");
    let mut text = String::with_capacity(52 * 1024 * 1024);
    text.push_str("# Big\n\n");
    let paragraph =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n\n";
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!("## Question {i}? {{#q{i}}}\n\n"));
        for _ in 0..20 {
            text.push_str(paragraph);
        }
        i += 1;
    }
    let file = dir.write("big.md", text);
    let out = Faq::new()
        .corpus_only(&file)
        .args(["show", "q7", "--json"])
        .run()
        .success();
    assert_eq!(out.json()["id"], "q7");
}

#[test]
fn twenty_thousand_files_load() {
    let dir = TempDir::new("many");
    for i in 0..20_000 {
        dir.write(
            &format!("f{i}.md"),
            format!("# C{i}\n\n## Q{i}? {{#q{i}}}\n\nA{i}.\n"),
        );
    }
    let out = Faq::new()
        .corpus_only(dir.path())
        .args(["show", "q19999", "--json"])
        .run()
        .success();
    assert_eq!(out.json()["answer"], "A19999.");
}

#[cfg(unix)]
#[test]
fn symlink_loop_ends() {
    let dir = TempDir::new("loop");
    dir.write("good.md", GOOD);
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/back")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("self"), dir.path().join("self")).unwrap();
    let out = Faq::new()
        .corpus_only(dir.path())
        .args(["list", "--json"])
        .run()
        .success();
    assert_eq!(out.json().as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    // A link to nothing fails for root too, unlike a permission bit.
    let dir = TempDir::new("vanished");
    dir.write("good.md", GOOD);
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("vanished.md")).unwrap();
    Faq::new()
        .corpus_only(dir.path())
        .args(["show", "refund"])
        .run()
        .success()
        .stderr_has("vanished.md: no such file or directory");
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "mkfifo {}",
        path.display()
    );
}

#[test]
fn fifos_and_devices_are_skipped_not_read() {
    let dir = TempDir::new("special");
    dir.write("good.md", GOOD);
    mkfifo(&dir.path().join("fifo.md"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", dir.path().join("random.md")).unwrap();
    let out = Faq::new()
        .corpus_only(dir.path())
        .args(["show", "refund"])
        .run()
        .success()
        .stdout_has("Ask support.")
        .stderr_has("fifo.md: not a regular file, skipped")
        .stderr_has("zero.md: not a regular file, skipped")
        .stderr_has("random.md: not a regular file, skipped");
    no_panic(&out);
    Faq::new()
        .arg("check")
        .arg(dir.path().join("fifo.md"))
        .run()
        .code(1)
        .stdout_has("fifo.md: not a regular file, skipped");
}

#[test]
fn a_config_that_is_a_fifo_or_a_device_is_refused_at_once() {
    let dir = TempDir::new("config-fifo");
    let fifo = dir.path().join("config.toml");
    mkfifo(&fifo);
    for config in [fifo.as_path(), Path::new("/dev/zero")] {
        Faq::new()
            .env("FAQ_CONFIG", config)
            .args(["search", "tombstone"])
            .run()
            .code(2)
            .one_line_error()
            .stderr_has("not a regular file");
    }
}

#[test]
fn bom_crlf_and_lone_cr_files_load_like_lf_ones() {
    let dir = TempDir::new("line-endings");
    let lf = "# Shop\n\n## How do I get a refund? {#refund}\n\nAsk support.\n\n## Where? {#where}\n\nHere.\n";
    dir.write("lf.md", lf);
    let expected = Faq::new()
        .corpus_only(dir.path().join("lf.md"))
        .args(["list", "--json"])
        .run()
        .success()
        .json();
    for (name, text) in [
        ("crlf.md", lf.replace('\n', "\r\n")),
        ("cr.md", lf.replace('\n', "\r")),
        ("bom.md", format!("\u{feff}{lf}")),
    ] {
        let path = dir.write(name, text);
        let out = Faq::new()
            .corpus_only(&path)
            .args(["list", "--json"])
            .run()
            .success()
            .stderr_empty();
        let mut got = out.json();
        for entry in got.as_array_mut().unwrap() {
            entry["source"] = expected[0]["source"].clone();
        }
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn failed_writes_exit_2_for_every_command() {
    let faq = env!("CARGO_BIN_EXE_faq");
    for args in [
        &["--help"][..],
        &["--version"],
        &["show", "access-token"],
        &["search", "tombstone"],
        &["list"],
    ] {
        let out = std::process::Command::new(faq)
            .args(args)
            .env("FAQ_CONFIG", "/nonexistent")
            .stdout(fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("faq: ") && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn usage_errors_are_one_faq_line_without_raw_control_bytes() {
    let out = Faq::new()
        .args(["--bogus\x1b]52;c;ZXZpbA==\x07", "search", "x"])
        .run()
        .code(2);
    let first = out.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("faq: unexpected argument"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\x1b') && !out.stderr.contains('\x07'));
    assert!(out.stderr.lines().count() <= 2, "{}", out.stderr);
    assert!(!out.stderr.contains("error:"), "{}", out.stderr);
}

#[test]
fn a_config_value_cannot_forge_a_second_message_line() {
    let dir = TempDir::new("config-forge");
    let config = dir.write(
        "config.toml",
        "color = \"never\\nfaq: all good\\u001b[2J\"\n",
    );
    let out = Faq::new()
        .env("FAQ_CONFIG", &config)
        .args(["search", "tombstone"])
        .run()
        .code(2)
        .one_line_error();
    assert!(!out.stderr.contains('\x1b'), "{}", out.stderr);
}

#[test]
fn deeply_nested_lists_and_quotes_render() {
    let dir = TempDir::new("nested");
    let mut answer = String::new();
    for depth in 0..500 {
        answer.push_str(&"  ".repeat(depth));
        answer.push_str("- item\n");
    }
    answer.push('\n');
    answer.push_str(&">".repeat(2000));
    answer.push_str(" quoted\n");
    let file = dir.write(
        "nested.md",
        format!("# C\n\n## Deep? {{#deep}}\n\n{answer}"),
    );
    for color in ["never", "always"] {
        let out = Faq::new()
            .args(["--no-builtin", "--color", color, "--corpus"])
            .arg(&file)
            .args(["show", "deep"])
            .run()
            .success();
        no_panic(&out);
    }
    Faq::new().arg("check").arg(&file).run();
}

#[test]
fn escape_sequences_in_a_corpus_never_reach_the_terminal() {
    let dir = TempDir::new("escape");
    let file = dir.write(
        "evil.md",
        "# C\x1b[2J\n\n## Evil\x1b]52;c;ZXZpbA==\x07 question? {#evil}\n\n<!-- keywords: evil -->\n\nClear \x1b[2J and \u{9b}31m and \u{202e}reversed.\n",
    );
    for args in [
        vec!["show", "evil"],
        vec!["--color", "always", "show", "evil"],
        vec!["search", "evil"],
        vec!["--color", "always", "search", "evil"],
        vec!["list"],
    ] {
        let out = Faq::new().corpus_only(&file).args(&args).run().success();
        for bad in ["\x1b]", "\x1b[2J", "\x07", "\u{9b}", "\u{202e}"] {
            assert!(
                !out.stdout.contains(bad),
                "{args:?} leaked {bad:?}: {:?}",
                out.stdout
            );
        }
    }
    let out = Faq::new()
        .corpus_only(&file)
        .args(["show", "evil", "--json"])
        .run()
        .success();
    assert!(!out.stdout.contains('\x1b') && !out.stdout.contains('\u{202e}'));
    assert!(out.stdout.contains(r"\u001b[2J") && out.stdout.contains(r"\u202e"));
    assert_eq!(
        out.json()["answer"],
        "Clear \x1b[2J and \u{9b}31m and \u{202e}reversed."
    );
}

#[test]
fn user_corpus_overrides_builtin_and_list_shows_sources() {
    let dir = TempDir::new("override");
    let file = dir.write(
        "mine.md",
        "# Ours\n\n## Our token policy {#access-token}\n\nAsk IT.\n",
    );
    Faq::new()
        .arg("--corpus")
        .arg(&file)
        .args(["show", "access-token"])
        .run()
        .success()
        .stdout_has("Ask IT.");
    Faq::new()
        .env("FAQ_PATH", &file)
        .arg("list")
        .run()
        .success()
        .stdout_has("[builtin:01-element-general.md:")
        .stdout_has("mine.md:3]");
}

#[test]
fn config_file_adds_corpora_and_malformed_config_is_named() {
    let dir = TempDir::new("config");
    dir.write("team.md", GOOD);
    let config = dir.write(
        "config.toml",
        "corpus = [\"team.md\"]\nbuiltin = false\nlimit = 1\n",
    );
    let out = Faq::new()
        .env("FAQ_CONFIG", &config)
        .args(["list", "--json"])
        .run()
        .success();
    assert_eq!(out.json().as_array().unwrap().len(), 1);
    let bad = dir.write("bad.toml", "limit = \"ten\"\n");
    Faq::new()
        .env("FAQ_CONFIG", &bad)
        .arg("list")
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("bad.toml: line 1:");
}

#[test]
fn check_flags_every_defect_of_the_broken_fixture() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
    let out = Faq::new()
        .current_dir(dir)
        .args(["check", "."])
        .run()
        .code(1);
    for expected in [
        "defects.md:1: text before the first heading",
        "defects.md:9: duplicate id 'twice'",
        "defects.md:13: question 'Empty answer' has an empty answer",
        "defects.md:17: cross-reference to '#no-such-entry'",
        "defects.md:25: id 'Not_Kebab' is not kebab-case",
        "defects.md:29: underlined (setext) heading",
        "defects.md:32: question 'Orphan?' is outside any category",
        "not-utf8.md:5: not valid UTF-8",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in:\n{}",
            out.stdout
        );
    }
}

#[test]
fn builtin_corpus_and_example_pass_check() {
    Faq::new().arg("check").run().success();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-faq");
    Faq::new().args(["check", example]).run().success();
    Faq::new()
        .args(["--corpus", example, "search", "refund"])
        .run()
        .success()
        .stdout_has("refund\tHow do I get a refund?\tBilling");
}

#[test]
fn a_file_name_that_is_not_utf8_is_escaped_not_replaced() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("name-bytes");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    fs::write(dir.path().join(name), GOOD).unwrap();
    let out = Faq::new()
        .corpus_only(dir.path())
        .args(["list", "--json"])
        .run()
        .success();
    let source = out.json()[0]["source"].as_str().unwrap().to_owned();
    assert!(source.ends_with("caf\\xe9.md"), "{source}");
}

#[test]
fn unclosed_comment_is_reported_and_later_entries_still_load() {
    let dir = TempDir::new("unclosed-comment");
    let file = dir.write(
        "faq.md",
        "# Shop\n\n## How do I pay? {#pay}\n\nBy card.\n<!-- todo: more\n\n## How do I get a refund? {#refund}\n\nAsk support.\n",
    );
    let out = Faq::new()
        .corpus_only(&file)
        .args(["show", "refund"])
        .run()
        .success()
        .stdout_has("Ask support.")
        .stdout_lacks("By card.")
        .stderr_has("faq.md:6: HTML comment `<!--` is never closed");
    no_panic(&out);
    Faq::new()
        .args(["--no-builtin", "--strict", "--corpus"])
        .arg(&file)
        .args(["show", "refund"])
        .run()
        .code(2)
        .one_line_error();
    Faq::new()
        .arg("check")
        .arg(&file)
        .run()
        .code(1)
        .stdout_has("faq.md:6: HTML comment `<!--` is never closed")
        .stderr_has("2 entries, 1 problem(s)");
}

#[test]
fn unclosed_code_fence_is_reported_and_later_entries_still_load() {
    let dir = TempDir::new("unclosed-fence");
    let file = dir.write(
        "faq.md",
        "# Shop\n\n## How do I pay? {#pay}\n\n```sh\npay --card\n\n## How do I get a refund? {#refund}\n\nAsk support.\n",
    );
    Faq::new()
        .corpus_only(&file)
        .args(["show", "refund"])
        .run()
        .success()
        .stdout_has("Ask support.")
        .stderr_has("faq.md:5: code fence is never closed");
    Faq::new()
        .arg("check")
        .arg(&file)
        .run()
        .code(1)
        .stdout_has("faq.md:5: code fence is never closed")
        .stderr_has("2 entries, 1 problem(s)");
}

#[test]
fn problems_beyond_those_kept_are_counted() {
    let dir = TempDir::new("many-problems");
    // Every `#` line is a question with an empty answer.
    let file = dir.write("hashes.md", "#\n".repeat(12_000));
    Faq::new()
        .arg("check")
        .arg(&file)
        .run()
        .code(1)
        // The 12,000 empty answers, and a file of 24 KB with no question.
        .stderr_has("faq check: 2001 more problem(s) not listed: only the first 10000 are kept")
        .stderr_has("0 entries, 12001 problem(s)");
    let out = Faq::new()
        .corpus_only(&file)
        .arg("list")
        .run()
        .code(2)
        .stderr_has("faq: warning: 11996 more problems; run `faq check` to see them all");
    // The first five problems are printed, then the count of the rest.
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.starts_with("faq: warning: "))
        .collect();
    assert_eq!(
        warnings.len(),
        6,
        "five problems, then a count:\n{}",
        out.stderr
    );
    assert!(
        warnings[..5].iter().all(|w| w.contains("hashes.md:")),
        "the first five name a problem:\n{}",
        out.stderr
    );
    assert!(warnings[5].contains("11996 more problems"));
}
