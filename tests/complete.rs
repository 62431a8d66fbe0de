//! `faq __complete`, the question the completion scripts ask, through the
//! real binary; and what `show` prints for links on a pipe.

mod common;

use std::fs;

use common::Faq;

/// A fresh temporary directory, removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("faq-complete-{name}-"))
        .tempdir()
        .unwrap()
}

fn complete(shell: &str, line: &str) -> common::Outcome {
    Faq::new().args(["__complete", shell, "--", line]).run()
}

#[test]
fn ids_of_the_builtin_faq_with_their_questions() {
    let out = complete("fish", "faq show acc").success().stderr_empty();
    assert_eq!(out.stdout, "access-token\tHow do I get my access token?\n");
    let out = complete("zsh", "faq show acc").success();
    assert_eq!(
        out.stdout,
        "entry id\naccess-token:How do I get my access token?\n"
    );
    let out = complete("bash", "faq show acc").success();
    assert_eq!(out.stdout, "access-token\n");
}

#[test]
fn every_id_and_category_when_nothing_is_typed() {
    let out = complete("bash", "faq show ").success();
    assert_eq!(
        out.stdout.lines().count(),
        common::BuiltinFaq::read().questions()
    );
    let out = complete("fish", "faq ls -c ").success();
    assert!(
        out.stdout
            .contains("Element Matrix Services / Pricing & Payment\t3 entries\n"),
        "{}",
        out.stdout
    );
    let out = complete(
        "bash",
        "faq list --category Element\\ Matrix\\ Services\\ /\\ P",
    )
    .success();
    assert_eq!(
        out.stdout,
        "Element\\ Matrix\\ Services\\ /\\ Pricing\\ \\&\\ Payment\n"
    );
}

#[test]
fn anything_but_an_id_or_category_is_left_to_the_script() {
    for line in ["faq sh", "faq show --j", "faq --corpus ", "faq search x"] {
        let out = complete("bash", line).code(1);
        assert_eq!(out.stdout, "", "{line}");
    }
}

#[test]
fn misuse_is_a_one_line_error() {
    Faq::new()
        .args(["__complete", "tcsh", "--", "faq show"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("faq: ");
}

#[test]
fn corpora_on_the_line_in_the_environment_and_in_the_config_count() {
    let scratch = scratch("sources");
    let dir = scratch.path();
    fs::write(dir.join("a.md"), "# A\n\n## Flag? {#from-flag}\n\nx\n").unwrap();
    fs::write(dir.join("b.md"), "# B\n\n## Env? {#from-env}\n\nx\n").unwrap();
    fs::write(dir.join("c.md"), "# C\n\n## Config? {#from-config}\n\nx\n").unwrap();
    let config = dir.join("config.toml");
    fs::write(&config, "corpus = [\"c.md\"]\nbuiltin = false\n").unwrap();
    let line = format!("faq --corpus {} show from-", dir.join("a.md").display());
    let out = Faq::new()
        .env("FAQ_PATH", dir.join("b.md"))
        .env("FAQ_CONFIG", &config)
        .args(["__complete", "bash", "--", &line])
        .run()
        .success();
    assert_eq!(out.stdout, "from-config\nfrom-env\nfrom-flag\n");
    // `--no-builtin` on the line leaves the built-in FAQ out.
    let line = format!(
        "faq --no-builtin --corpus {} show ",
        dir.join("a.md").display()
    );
    let out = complete("bash", &line).success();
    assert_eq!(out.stdout, "from-flag\n");
}

#[test]
fn a_hostile_corpus_cannot_reach_the_shell_raw() {
    let scratch = scratch("hostile");
    let dir = scratch.path();
    fs::write(
        dir.join("evil.md"),
        "# Cat\x1b]52;c;eA==\x07\tgory\u{202e}\n\n\
         ## Evil\x1b[2J question\twith tab? {#evil-id}\n\nx\n",
    )
    .unwrap();
    for shell in ["bash", "zsh", "fish"] {
        for line in [
            format!("faq --no-builtin --corpus {} show ", dir.display()),
            format!("faq --no-builtin --corpus {} list -c ", dir.display()),
        ] {
            let out = complete(shell, &line).success();
            let header = usize::from(shell == "zsh");
            assert_eq!(
                out.stdout.lines().count(),
                1 + header,
                "{shell}: {:?}",
                out.stdout
            );
            assert!(
                !out.stdout
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{shell}: {:?}",
                out.stdout
            );
            assert!(!out.stdout.contains('\u{202e}'), "{:?}", out.stdout);
            let tabs = out.stdout.matches('\t').count();
            assert_eq!(
                tabs,
                usize::from(shell == "fish"),
                "{shell}: {:?}",
                out.stdout
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Hyperlinks on a pipe.

const LINK: &str = "\x1b]8;;https://app.element.io/\x1b\\";

#[test]
fn no_hyperlinks_on_a_pipe() {
    let out = Faq::new().args(["show", "guest-access"]).run().success();
    assert!(
        out.stdout.contains("https://app.element.io/"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
}

#[test]
fn color_always_makes_hyperlinks_even_on_a_pipe() {
    let out = Faq::new()
        .args(["--color", "always", "show", "guest-access"])
        .run()
        .success();
    assert!(out.stdout.contains(LINK), "{:?}", out.stdout);
    let out = Faq::new()
        .env("TERM", "dumb")
        .args(["--color", "always", "show", "guest-access"])
        .run()
        .success();
    assert!(!out.stdout.contains("\x1b]8"), "{:?}", out.stdout);
}
