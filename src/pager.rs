//! Paging a long answer, as git and bat do: when stdout is a terminal and
//! the answer would not fit on it, `show` hands it to `$FAQ_PAGER`, else
//! `$PAGER`, else `less -FRX`. A pager that cannot be started is not an
//! error (the answer is printed as it would have been), and neither is one
//! that the reader quits before it has read everything.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::ValueEnum;
use serde::Deserialize;

/// The `--paging` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paging {
    /// Page on a terminal when the answer is taller than the screen.
    #[default]
    Auto,
    /// Page on a terminal whatever the answer's length.
    Always,
    /// Never page.
    Never,
}

impl Paging {
    /// Whether `lines` of output go through a pager. Never on a pipe; on a
    /// terminal of `height` rows, `auto` pages what would push its own
    /// first line off the screen once the prompt is printed under it.
    pub fn wanted(self, stdout_is_terminal: bool, lines: usize, height: Option<usize>) -> bool {
        match self {
            _ if !stdout_is_terminal => false,
            Paging::Never => false,
            Paging::Always => true,
            Paging::Auto => height.is_some_and(|h| lines >= h),
        }
    }
}

/// A pager to run: the program, its arguments, and what to add to its
/// environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagerCommand {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(&'static str, &'static str)>,
}

/// The pager named by `$FAQ_PAGER`, else `$PAGER`, else `less -FRX` when
/// `less` is on `PATH`. A variable set to nothing (or to `cat`) means no
/// pager. The default `less` is told to read UTF-8 only when nothing says
/// otherwise, so that a C locale does not show `•` as `<E2><80><A2>`.
pub fn pager_command(
    env: &impl Fn(&str) -> Option<String>,
    on_path: &impl Fn(&str) -> bool,
) -> Option<PagerCommand> {
    if let Some(named) = env("FAQ_PAGER").or_else(|| env("PAGER")) {
        let mut words = split_words(&named).into_iter();
        let program = words.next()?;
        if program == "cat" {
            return None;
        }
        return Some(PagerCommand {
            program,
            args: words.collect(),
            env: Vec::new(),
        });
    }
    if !on_path("less") {
        return None;
    }
    let mut extra = Vec::new();
    if env("LESSCHARSET").is_none() && env("LESSCHARDEF").is_none() {
        extra.push(("LESSCHARSET", "utf-8"));
    }
    Some(PagerCommand {
        program: "less".into(),
        args: vec!["-FRX".into()],
        env: extra,
    })
}

/// Splits a pager command line into words: whitespace separates, and
/// single quotes, double quotes and backslashes group as in the shell
/// (`less -R`, `"my pager" --flag`). No expansion is done.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') | (None, '\\') => {
                if let Some(next) = chars.next() {
                    word.get_or_insert_default().push(next);
                }
            }
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

/// True when an executable file named `program` is in one of `PATH`'s folders.
fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        let file = dir.join(program);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            file.is_file()
        }
    })
}

/// The terminal's height in rows, when stdout is one.
fn terminal_height() -> Option<usize> {
    termimad::crossterm::terminal::size()
        .ok()
        .map(|(_, h)| usize::from(h))
        .filter(|&h| h > 0)
}

/// Shows `text` through a pager when `paging` asks for one and a pager
/// starts (`env` names it); false when the caller is to print it instead.
pub fn paged(text: &str, paging: Paging, env: &impl Fn(&str) -> Option<String>) -> bool {
    let terminal = io::stdout().is_terminal();
    let height = if terminal && paging == Paging::Auto {
        terminal_height()
    } else {
        None
    };
    paging.wanted(terminal, text.lines().count(), height)
        && pager_command(env, &on_path).is_some_and(|pager| page(&pager, text).is_ok())
}

/// Runs `pager` with `text` on its stdin and waits for it. Fails only when
/// the pager could not be started, so the caller prints instead: a pager
/// that quits early (a closed pipe) or exits with an error has had the
/// reader's attention, and printing again would repeat the answer.
fn page(pager: &PagerCommand, text: &str) -> io::Result<()> {
    let mut command = Command::new(&pager.program);
    command
        .args(&pager.args)
        .envs(pager.env.iter().map(|&(k, v)| (k, OsString::from(v))))
        .stdin(Stdio::piped());
    // Ctrl-C in the pager reaches faq too: it must not end faq and hand the
    // terminal back to the shell while the pager still draws on it.
    let interrupted = Arc::new(AtomicBool::new(false));
    let guards: Vec<_> = [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT]
        .into_iter()
        .filter_map(|sig| signal_hook::flag::register(sig, Arc::clone(&interrupted)).ok())
        .collect();
    let outcome = command.spawn().map(|mut child| {
        if let Some(mut stdin) = child.stdin.take() {
            // A pager quit before the end closes the pipe: not an error.
            let _ = stdin.write_all(text.as_bytes());
        }
        let _ = child.wait();
    });
    for id in guards {
        signal_hook::low_level::unregister(id);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn pages_only_terminals_and_only_long_answers_in_auto() {
        assert!(!Paging::Always.wanted(false, 100, Some(24)));
        assert!(!Paging::Auto.wanted(false, 100, Some(24)));
        assert!(Paging::Auto.wanted(true, 60, Some(24)));
        assert!(Paging::Auto.wanted(true, 24, Some(24)));
        assert!(!Paging::Auto.wanted(true, 23, Some(24)));
        assert!(!Paging::Auto.wanted(true, 60, None));
        assert!(Paging::Always.wanted(true, 1, Some(24)));
        assert!(!Paging::Never.wanted(true, 100, Some(24)));
    }

    #[test]
    fn faq_pager_wins_over_pager_over_less() {
        let yes = |_: &str| true;
        let got = pager_command(&env(&[("FAQ_PAGER", "most -s"), ("PAGER", "more")]), &yes);
        assert_eq!(got.unwrap().program, "most");
        let got = pager_command(&env(&[("PAGER", "more")]), &yes).unwrap();
        assert_eq!((got.program.as_str(), got.args.len()), ("more", 0));
        let got = pager_command(&env(&[]), &yes).unwrap();
        assert_eq!(got.program, "less");
        assert_eq!(got.args, ["-FRX"]);
        assert_eq!(got.env, [("LESSCHARSET", "utf-8")]);
        let got = pager_command(&env(&[("LESSCHARSET", "latin1")]), &yes).unwrap();
        assert!(got.env.is_empty());
    }

    #[test]
    fn no_pager_when_unset_empty_cat_or_less_missing() {
        let no = |_: &str| false;
        assert_eq!(pager_command(&env(&[]), &no), None);
        assert_eq!(pager_command(&env(&[("PAGER", "")]), &|_| true), None);
        assert_eq!(pager_command(&env(&[("FAQ_PAGER", "  ")]), &|_| true), None);
        assert_eq!(pager_command(&env(&[("PAGER", "cat")]), &|_| true), None);
    }

    #[test]
    fn pager_words_split_as_in_the_shell() {
        assert_eq!(split_words("less -R"), ["less", "-R"]);
        assert_eq!(
            split_words(r#""my pager" 'a b' c\ d """#),
            ["my pager", "a b", "c d", ""]
        );
        assert!(split_words("   ").is_empty());
    }
}
