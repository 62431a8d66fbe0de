//! Settings: flags > environment > config file > defaults, resolved once
//! into one struct that every command (and the picker) reads.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::color::ColorChoice;
use crate::config::{self, Config};
use crate::error::Result;
use crate::pager::Paging;
use crate::text::Language;

/// One corpus root: the builtin FAQ or one user-supplied path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    Path(PathBuf),
}

/// Results shown by `faq search` unless `--limit` or the config says otherwise.
pub const DEFAULT_LIMIT: u32 = 10;

/// Everything a command needs to know about its environment, resolved once.
pub struct Settings {
    pub sources: Vec<Source>,
    pub color: ColorChoice,
    pub limit: u32,
    pub strict: bool,
    /// `show`'s paging, from the config; `--paging` overrides it.
    pub paging: Paging,
    /// The corpus's language, from the config; else a file's front matter
    /// names it, else English.
    pub language: Option<Language>,
}

impl Settings {
    /// Merges flags > environment > config file > defaults.
    pub fn resolve(global: &GlobalArgs, env: &impl Fn(&str) -> Option<String>) -> Result<Self> {
        let config = config::load(env)?;
        Ok(Self::merge(global, env, config))
    }

    fn merge(global: &GlobalArgs, env: &impl Fn(&str) -> Option<String>, config: Config) -> Self {
        let mut sources = Vec::new();
        if config.builtin && !global.no_builtin {
            sources.push(Source::Builtin);
        }
        let from_env = env("FAQ_PATH").unwrap_or_default();
        let env_paths = from_env
            .split(':')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        sources.extend(
            config
                .corpus
                .into_iter()
                .chain(env_paths)
                .chain(global.corpus.iter().cloned())
                .map(Source::Path),
        );
        Settings {
            sources,
            color: global.color.or(config.color).unwrap_or_default(),
            limit: config.limit.unwrap_or(DEFAULT_LIMIT),
            strict: global.strict,
            paging: config.paging.unwrap_or_default(),
            language: config.language,
        }
    }
}

/// The process environment, as the rest of the crate reads it.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// How output should look, decided once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    /// Lay out for a reader (wrapped, styled Markdown); otherwise plain Markdown for scripts.
    pub rich: bool,
    /// Use ANSI colours and attributes.
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
    /// Make web and mail links OSC 8 hyperlinks (rich output only).
    pub hyperlinks: bool,
}

/// Width used when there is no terminal to ask.
pub const DEFAULT_WIDTH: usize = 80;

impl Presentation {
    /// Plain text for a pipe.
    pub fn plain() -> Self {
        Presentation {
            rich: false,
            color: false,
            width: DEFAULT_WIDTH,
            hyperlinks: false,
        }
    }
}

/// How to lay out output on this stdout.
pub fn presentation(settings: &Settings) -> Presentation {
    let terminal = io::stdout().is_terminal();
    let color = settings.color.enabled(terminal, process_env);
    // Only ask for the size of a real terminal: without one, crossterm
    // spawns `tput`, which costs more than the whole lookup.
    let width = if terminal {
        termimad::crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w))
    } else {
        process_env("COLUMNS")
            .and_then(|c| c.parse().ok())
            .unwrap_or(DEFAULT_WIDTH)
    };
    Presentation {
        rich: terminal || color,
        color,
        width: width.clamp(20, 1000),
        hyperlinks: settings.color.hyperlinks(terminal, process_env),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_sources_stack_config_then_env_then_flags() {
        let global = GlobalArgs {
            corpus: vec![PathBuf::from("flag")],
            ..GlobalArgs::default()
        };
        let env = |k: &str| (k == "FAQ_PATH").then(|| "env1:env2".to_owned());
        let config = Config {
            corpus: vec![PathBuf::from("conf")],
            color: Some(ColorChoice::Never),
            limit: Some(3),
            ..Config::default()
        };
        let s = Settings::merge(&global, &env, config);
        let names: Vec<String> = s
            .sources
            .iter()
            .map(|s| match s {
                Source::Builtin => "builtin".into(),
                Source::Path(p) => p.display().to_string(),
            })
            .collect();
        assert_eq!(names, ["builtin", "conf", "env1", "env2", "flag"]);
        assert_eq!(s.color, ColorChoice::Never);
        assert_eq!(s.limit, 3);
    }

    #[test]
    fn flags_override_config() {
        let global = GlobalArgs {
            color: Some(ColorChoice::Always),
            no_builtin: true,
            ..GlobalArgs::default()
        };
        let config = Config {
            color: Some(ColorChoice::Never),
            ..Config::default()
        };
        let s = Settings::merge(&global, &|_| None, config);
        assert_eq!(s.color, ColorChoice::Always);
        assert!(s.sources.is_empty());
    }
}
