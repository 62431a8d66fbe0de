//! Whether to colour output and make links clickable: decided once, from
//! `--color`, `NO_COLOR`, `TERM=dumb` and whether stdout is a terminal, then
//! passed down.

use clap::ValueEnum;
use serde::Deserialize;

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves the choice. `env` looks up an environment variable.
    pub fn enabled(self, stdout_is_terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stdout_is_terminal
                    && env("NO_COLOR").is_none_or(|v| v.is_empty())
                    && env("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }

    /// Whether links become OSC 8 hyperlinks: on a terminal (or with
    /// `--color always`, which asks for styled output anyway), never with
    /// `--color never` or on a dumb terminal. `NO_COLOR` is about colour and
    /// leaves them on: terminals that do not know OSC 8 print only the text.
    pub fn hyperlinks(
        self,
        stdout_is_terminal: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> bool {
        let wanted = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal,
        };
        wanted && env("TERM").is_none_or(|t| t != "dumb")
    }
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
    fn auto_colours_only_terminals() {
        assert!(ColorChoice::Auto.enabled(true, env(&[])));
        assert!(!ColorChoice::Auto.enabled(false, env(&[])));
    }

    #[test]
    fn no_color_and_dumb_terminals_win_over_auto() {
        assert!(!ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "1")])));
        assert!(ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "")])));
        assert!(!ColorChoice::Auto.enabled(true, env(&[("TERM", "dumb")])));
    }

    #[test]
    fn hyperlinks_only_on_terminals_or_when_forced_never_on_dumb_ones() {
        assert!(ColorChoice::Auto.hyperlinks(true, env(&[])));
        assert!(ColorChoice::Auto.hyperlinks(true, env(&[("NO_COLOR", "1")])));
        assert!(!ColorChoice::Auto.hyperlinks(false, env(&[])));
        assert!(ColorChoice::Always.hyperlinks(false, env(&[])));
        assert!(!ColorChoice::Always.hyperlinks(true, env(&[("TERM", "dumb")])));
        assert!(!ColorChoice::Auto.hyperlinks(true, env(&[("TERM", "dumb")])));
        assert!(!ColorChoice::Never.hyperlinks(true, env(&[])));
    }

    #[test]
    fn explicit_choice_wins() {
        assert!(ColorChoice::Always.enabled(false, env(&[("NO_COLOR", "1")])));
        assert!(!ColorChoice::Never.enabled(true, env(&[])));
    }
}
