//! `faq` at home in the shell, in a real terminal: completion at a real
//! bash, zsh and fish prompt, the pager at 80×24, and OSC 8 hyperlinks as
//! the terminal receives them. Each test runs in its own tmux server
//! (`tests/common/tmux.rs`).
//! Skipped, with a message, where a tool is not installed, except in CI
//! (`CI` set), where that fails (`.ci/run` installs them).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::{BIN, PATIENCE, Tmux};

/// A corpus of two categories with an id no other corpus has, and a long
/// answer: `long-answer`, 60 list items of which each links the docs.
fn write_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let items: String = (1..=60)
        .map(|i| format!("- Step {i:02} of 60, see [the docs](https://docs.example.com/{i})\n"))
        .collect();
    fs::write(
        corpus.join("team.md"),
        format!(
            "# Zebra Keeping\n\n## How do I feed a zebra? {{#zebra-feeding}}\n\nHay.\n\n\
             ## How do I read a long answer? {{#long-answer}}\n\n{items}\n\
             # Quokka Care\n\n## Where do quokkas sleep? {{#quokka-sleep}}\n\n\
             In [the shade](https://en.wikipedia.org/wiki/Quokka), or mail <mailto:q@example.com>.\n"
        ),
    )
    .unwrap();
    corpus
}

// ---------------------------------------------------------------------------
// Completion at a real prompt.

/// Starts `shell` interactively with faq's completion script loaded and a
/// `$ ` prompt; returns once the prompt shows.
fn start_shell(t: &Tmux, shell: &str) {
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let home = t.dir().display().to_string();
    let command = match shell {
        "bash" => {
            fs::write(
                t.path("bashrc"),
                format!("PS1='$ '\nsource {}\n", scripts.join("faq.bash").display()),
            )
            .unwrap();
            format!("bash --noprofile --rcfile {home}/bashrc -i")
        }
        "zsh" => {
            fs::create_dir_all(t.path("zdot")).unwrap();
            fs::write(
                t.path("zdot/.zshrc"),
                format!(
                    "PS1='$ '\nfpath=({} $fpath)\nautoload -U compinit && compinit -u -D\n",
                    scripts.display()
                ),
            )
            .unwrap();
            format!("env ZDOTDIR={home}/zdot zsh -i")
        }
        "fish" => {
            fs::create_dir_all(t.path("config/fish")).unwrap();
            fs::write(
                t.path("config/fish/config.fish"),
                format!(
                    "function fish_prompt; echo -n '$ '; end\nset -g fish_greeting\nsource {}\n",
                    scripts.join("faq.fish").display()
                ),
            )
            .unwrap();
            "fish -i".to_owned()
        }
        _ => unreachable!(),
    };
    t.start(100, 30, &format!("{} {command}", t.env()));
    t.wait_for("the prompt", |s| s.trim_start().starts_with('$'));
}

/// Types `line`, presses Tab (twice: the second lists what is left), and
/// returns the screen; the line is then cleared for the next one.
fn complete(t: &Tmux, line: &str, tabs: usize, expect: &str) -> String {
    t.type_text(line);
    for _ in 0..tabs {
        t.keys(&["Tab"]);
        sleep(Duration::from_millis(300));
    }
    let screen = t.wait_for_text(expect);
    // Leave any menu, then clear the line.
    t.keys(&["C-c"]);
    t.wait_for("a fresh prompt", |s| {
        s.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(str::trim_end)
            == Some("$")
    });
    screen
}

/// The prompt line that ends with what the completion made of `start`.
fn completed_line<'s>(screen: &'s str, start: &str) -> &'s str {
    screen
        .lines()
        .rfind(|l| l.starts_with(&format!("$ {start}")))
        .unwrap_or_else(|| panic!("no line starting {start:?}:\n{screen}"))
}

/// The same checks at each shell's prompt: an id of the built-in FAQ, an id
/// of a `--corpus` on the line, one of `FAQ_PATH`, and category names.
fn completes_ids_and_categories(shell: &str, descriptions: bool) {
    let Some(t) = Tmux::new(&format!("complete-{shell}"), &[shell]) else {
        return;
    };
    let corpus = write_corpus(t.dir());
    start_shell(&t, shell);

    let screen = complete(&t, "faq show acc", 1, "access-token");
    assert_eq!(
        completed_line(&screen, "faq show").trim_end(),
        "$ faq show access-token",
        "{screen}"
    );

    let line = format!("faq --corpus {} show zeb", corpus.display());
    let screen = complete(&t, &line, 1, "zebra-feeding");
    assert!(
        completed_line(&screen, "faq --corpus")
            .trim_end()
            .ends_with("show zebra-feeding"),
        "{screen}"
    );

    // Several candidates: listed, with the question where the shell shows one.
    let screen = complete(&t, "faq show t", 2, "tombstone-room");
    assert!(screen.contains("telegram-bridge"), "{screen}");
    assert_eq!(
        screen.contains("How do I manually tombstone a room?"),
        descriptions,
        "{screen}"
    );

    let line = format!(
        "faq --no-builtin --corpus {} list --category ",
        corpus.display()
    );
    let screen = complete(&t, &line, 2, "Quokka");
    assert!(screen.contains("Zebra"), "{screen}");
    assert!(!screen.contains("Element General"), "{screen}");

    let line = format!("faq list --corpus {} --category Quo", corpus.display());
    let screen = complete(&t, &line, 1, "Quokka");
    assert!(
        completed_line(&screen, "faq list").contains("--category Quokka\\ Care"),
        "{screen}"
    );

    // Flags and subcommands still come from the static script.
    let screen = complete(&t, "faq show --js", 1, "--json");
    assert!(
        completed_line(&screen, "faq show").contains("--json"),
        "{screen}"
    );
}

#[test]
fn bash_completes_ids_and_categories_at_a_real_prompt() {
    completes_ids_and_categories("bash", false);
}

#[test]
fn zsh_completes_ids_with_their_questions_and_categories_at_a_real_prompt() {
    completes_ids_and_categories("zsh", true);
}

#[test]
fn fish_completes_ids_with_their_questions_and_categories_at_a_real_prompt() {
    completes_ids_and_categories("fish", true);
}

#[test]
fn completion_reads_faq_path_and_the_config_file() {
    let Some(t) = Tmux::new("complete-env", &["bash"]) else {
        return;
    };
    let corpus = write_corpus(t.dir());
    let other = t.path("other.md");
    fs::write(
        &other,
        "# Yaks\n\n## Can yaks swim? {#yak-swimming}\n\nYes.\n",
    )
    .unwrap();
    fs::write(
        t.path("no-config.toml"),
        format!("corpus = [\"{}\"]\n", other.display()),
    )
    .unwrap();
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    fs::write(
        t.path("bashrc"),
        format!(
            "PS1='$ '\nexport FAQ_PATH={}\nsource {}\n",
            corpus.display(),
            scripts.join("faq.bash").display()
        ),
    )
    .unwrap();
    let rc = t.path("bashrc");
    t.start(
        100,
        30,
        &format!("{} bash --noprofile --rcfile {} -i", t.env(), rc.display()),
    );
    t.wait_for("the prompt", |s| s.trim_start().starts_with('$'));
    let screen = complete(&t, "faq show quo", 1, "quokka-sleep");
    assert!(
        completed_line(&screen, "faq show").contains("quokka-sleep"),
        "{screen}"
    );
    let screen = complete(&t, "faq show yak", 1, "yak-swimming");
    assert!(
        completed_line(&screen, "faq show").contains("yak-swimming"),
        "{screen}"
    );
}

// ---------------------------------------------------------------------------
// The pager.

/// Runs `faq ARGS` at a 80×24 terminal: its stderr goes to `err`, then
/// `EXIT=<code>` is printed.
fn start_faq(t: &Tmux, env: &str, args: &str) {
    let shell = format!(
        "{} {env} {BIN} {args} 2> {}; echo EXIT=$?; exec sleep 600",
        t.env(),
        t.path("err").display()
    );
    t.start(80, 24, &shell);
}

#[test]
fn a_60_line_answer_is_paged_at_80x24_and_quitting_exits_0() {
    let Some(t) = Tmux::new("pager", &["less"]) else {
        return;
    };
    let corpus = write_corpus(t.dir());
    start_faq(
        &t,
        "",
        &format!("--corpus {} show long-answer", corpus.display()),
    );
    let screen = t.wait_for_text("Step 05 of 60");
    assert!(screen.contains("How do I read a long answer?"), "{screen}");
    assert!(!screen.contains("Step 60 of 60"), "{screen}");
    assert!(
        !screen.contains("EXIT="),
        "not waiting for the pager:\n{screen}"
    );
    // less's prompt on the last line.
    assert_eq!(
        screen.lines().nth(23).map(str::trim_end),
        Some(":"),
        "{screen}"
    );
    t.keys(&["q"]);
    let screen = t.wait_for_text("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert_eq!(fs::read_to_string(t.path("err")).unwrap(), "");
}

#[test]
fn paging_never_and_short_answers_print_straight_away() {
    let Some(t) = Tmux::new("no-pager", &["less"]) else {
        return;
    };
    let corpus = write_corpus(t.dir());
    let args = format!(
        "--corpus {c} show --paging never long-answer; {BIN} --corpus {c} show zebra-feeding",
        c = corpus.display()
    );
    start_faq(&t, "", &args);
    let screen = t.wait_for_text("EXIT=0");
    assert!(screen.contains("Step 60 of 60"), "{screen}");
    assert!(screen.contains("Hay."), "{screen}");
}

#[test]
fn a_pager_that_cannot_start_falls_back_to_printing_without_an_error() {
    let Some(t) = Tmux::new("bad-pager", &[]) else {
        return;
    };
    let corpus = write_corpus(t.dir());
    let env = "FAQ_PAGER='/nonexistent/pager --flag' PAGER=less";
    start_faq(
        &t,
        env,
        &format!("--corpus {} show long-answer", corpus.display()),
    );
    let screen = t.wait_for_text("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("Step 60 of 60"), "{screen}");
    assert_eq!(fs::read_to_string(t.path("err")).unwrap(), "");
}

#[test]
fn a_pager_quit_before_the_end_is_not_an_error() {
    let Some(t) = Tmux::new("quit-pager", &[]) else {
        return;
    };
    // Far more than a pipe holds, so faq is still writing when `head` quits.
    let long: String = (0..20_000)
        .map(|i| format!("line {i} of a very long answer\n\n"))
        .collect();
    let file = t.path("huge.md");
    fs::write(&file, format!("# Big\n\n## How big? {{#big}}\n\n{long}")).unwrap();
    let args = format!("--corpus {} show --paging always big", file.display());
    start_faq(&t, "FAQ_PAGER='head -n 3'", &args);
    let screen = t.wait_for_text("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("How big?"), "{screen}");
    assert!(!screen.contains("line 19999"), "{screen}");
    assert_eq!(fs::read_to_string(t.path("err")).unwrap(), "");
}

// ---------------------------------------------------------------------------
// OSC 8 hyperlinks, as the terminal receives them.

/// The bytes `faq ARGS` writes to a real terminal (tmux's `pipe-pane`).
fn terminal_bytes(name: &str, env: &str, args: &str) -> Option<String> {
    let t = Tmux::new(name, &[])?;
    let corpus = write_corpus(t.dir());
    let raw = t.path("raw");
    // Started paused, so that pipe-pane is in place before faq writes.
    let shell = format!(
        "read go; {} {env} {BIN} --corpus {} show --paging never quokka-sleep {args}; \
         echo SHOW-DONE; exec sleep 600",
        t.env(),
        corpus.display()
    );
    t.start(100, 30, &shell);
    let pipe = format!("cat >> {}", raw.display());
    assert!(
        t.tmux(&["pipe-pane", "-o", "-t", "t", &pipe])
            .status
            .success()
    );
    t.keys(&["Enter"]);
    t.wait_for_text("SHOW-DONE");
    // pipe-pane's `cat` may lag the screen a little.
    let start = Instant::now();
    loop {
        let bytes = fs::read(&raw).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if text.contains("SHOW-DONE") || start.elapsed() > PATIENCE {
            return Some(text);
        }
        sleep(Duration::from_millis(50));
    }
}

const OSC8_SHADE: &str = "\x1b]8;;https://en.wikipedia.org/wiki/Quokka\x1b\\";

#[test]
fn links_are_osc8_hyperlinks_on_a_terminal() {
    let Some(bytes) = terminal_bytes("osc8", "", "") else {
        return;
    };
    let at = bytes
        .find(OSC8_SHADE)
        .unwrap_or_else(|| panic!("{bytes:?}"));
    let rest = &bytes[at + OSC8_SHADE.len()..];
    assert!(
        rest.starts_with("the shade <https://en.wikipedia.org/wiki/Quokka>\x1b]8;;\x1b\\"),
        "{bytes:?}"
    );
    assert!(
        bytes.contains("\x1b]8;;mailto:q@example.com\x1b\\"),
        "{bytes:?}"
    );
}

#[test]
fn links_are_osc8_hyperlinks_with_color_always() {
    let Some(bytes) = terminal_bytes("osc8-always", "NO_COLOR=1", "--color always") else {
        return;
    };
    assert!(bytes.contains(OSC8_SHADE), "{bytes:?}");
}

#[test]
fn no_hyperlinks_with_color_never_or_a_dumb_terminal() {
    for (name, env, args) in [
        ("osc8-never", "", "--color never"),
        ("osc8-dumb", "TERM=dumb", ""),
    ] {
        let Some(bytes) = terminal_bytes(name, env, args) else {
            return;
        };
        assert!(bytes.contains("the shade"), "{name}: {bytes:?}");
        assert!(!bytes.contains("\x1b]8;"), "{name}: {bytes:?}");
    }
}
