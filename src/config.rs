//! The optional config file (`$XDG_CONFIG_HOME/faq/config.toml`): read raw,
//! then checked into typed settings.
//!
//! ```toml
//! corpus = ["~/team-faq", "/srv/faq/extra.md"]  # added to the built-in FAQ
//! builtin = true                                 # false: leave the built-in FAQ out
//! color = "auto"                                 # auto | always | never
//! limit = 10                                     # default for `faq search --limit`
//! paging = "auto"                                # auto | always | never, for `faq show`
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::color::ColorChoice;
use crate::error::{Error, Result};
use crate::pager::Paging;
use crate::read;
use crate::text::Language;

/// The file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    corpus: Option<Vec<String>>,
    builtin: Option<bool>,
    color: Option<ColorChoice>,
    limit: Option<u32>,
    paging: Option<Paging>,
    language: Option<String>,
}

/// Checked settings from the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub corpus: Vec<PathBuf>,
    pub builtin: bool,
    pub color: Option<ColorChoice>,
    pub limit: Option<u32>,
    pub paging: Option<Paging>,
    /// The corpus's language, for stemming and stop words.
    pub language: Option<Language>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            corpus: Vec::new(),
            builtin: true,
            color: None,
            limit: None,
            paging: None,
            language: None,
        }
    }
}

/// Where the config file lives: `$FAQ_CONFIG`, else
/// `$XDG_CONFIG_HOME/faq/config.toml`, else `~/.config/faq/config.toml`.
pub fn config_path(env: &impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = env("FAQ_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let base = env("XDG_CONFIG_HOME")
        .filter(|p| Path::new(p).is_absolute())
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("faq").join("config.toml"))
}

/// A config file is a few lines; anything this big is not one.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config file if there is one; a missing file is not an error.
pub fn load(env: &impl Fn(&str) -> Option<String>) -> Result<Config> {
    let Some(path) = config_path(env) else {
        return Ok(Config::default());
    };
    let mut bytes = Vec::new();
    let fail = |message: String| Error::Config {
        message,
        path: path.clone(),
    };
    match read::read_regular(&path, MAX_CONFIG_BYTES, &mut bytes) {
        Ok(()) => {}
        Err(read::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(err) => return Err(fail(err.to_string())),
    }
    read::normalise_line_endings(&mut bytes);
    let text = String::from_utf8(bytes).map_err(|_| fail("not valid UTF-8".into()))?;
    parse(&text, &path, env)
}

fn parse(text: &str, path: &Path, env: &impl Fn(&str) -> Option<String>) -> Result<Config> {
    let fail = |message: String| Error::Config {
        path: path.to_path_buf(),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| crate::lines::line_of(text, span.start));
        let message = err.message().trim().to_owned();
        match line {
            Some(line) => fail(format!("line {line}: {message}")),
            None => fail(message),
        }
    })?;
    if raw.limit == Some(0) {
        return Err(fail("limit must be at least 1".into()));
    }
    let language = match raw.language.as_deref() {
        None => None,
        Some(tag) => Some(Language::parse(tag).ok_or_else(|| {
            fail(format!(
                "language '{tag}' has no stemmer here; use one of {}",
                Language::codes().join(", ")
            ))
        })?),
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let home = env("HOME");
    let corpus = raw
        .corpus
        .unwrap_or_default()
        .into_iter()
        .map(|p| match expand_tilde(&p, home.as_deref(), &read_passwd) {
            Ok(Some(expanded)) => Ok(expanded),
            Ok(None) => Ok(base.join(p)),
            Err(why) => Err(fail(format!(
                "corpus path '{}': {why}",
                crate::sanitize::sanitize_line(&p)
            ))),
        })
        .collect::<Result<_>>()?;
    Ok(Config {
        corpus,
        builtin: raw.builtin.unwrap_or(true),
        color: raw.color,
        limit: raw.limit,
        paging: raw.paging,
        language,
    })
}

/// `~`, `~/dir` and `~user/dir` as the shell expands them; `None` for a
/// path that does not start with `~`. `passwd` is the text of
/// `/etc/passwd`, read only for `~user`.
fn expand_tilde(
    path: &str,
    home: Option<&str>,
    passwd: &dyn Fn() -> Option<String>,
) -> std::result::Result<Option<PathBuf>, String> {
    let Some(rest) = path.strip_prefix('~') else {
        return Ok(None);
    };
    let (user, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let dir = if user.is_empty() {
        home.filter(|h| !h.is_empty())
            .map(str::to_owned)
            .ok_or("HOME is not set")?
    } else {
        passwd()
            .and_then(|text| {
                text.lines().find_map(|line| {
                    let fields: Vec<&str> = line.split(':').collect();
                    (fields.len() >= 7 && fields[0] == user).then(|| fields[5].to_owned())
                })
            })
            .ok_or_else(|| format!("no user named '{}'", crate::sanitize::sanitize_line(user)))?
    };
    Ok(Some(Path::new(&dir).join(tail)))
}

/// The system's user database, for `~user`.
fn read_passwd() -> Option<String> {
    let mut bytes = Vec::new();
    read::read_regular(Path::new("/etc/passwd"), MAX_CONFIG_BYTES, &mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn tilde_expands_as_the_shell_does() {
        let passwd = || {
            Some("root:x:0:0:root:/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\n".to_owned())
        };
        let expand = |p: &str, home| expand_tilde(p, home, &passwd);
        assert_eq!(expand("~", Some("/h")), Ok(Some(PathBuf::from("/h"))));
        assert_eq!(
            expand("~/faq", Some("/h")),
            Ok(Some(PathBuf::from("/h/faq")))
        );
        assert_eq!(
            expand("~ann/faq", None),
            Ok(Some(PathBuf::from("/home/ann/faq")))
        );
        assert_eq!(expand("~root", None), Ok(Some(PathBuf::from("/root"))));
        assert_eq!(expand("rel/~x", Some("/h")), Ok(None));
        assert_eq!(expand("~/faq", None), Err("HOME is not set".to_owned()));
        assert!(
            expand("~nobody-here/x", Some("/h"))
                .unwrap_err()
                .contains("no user")
        );
    }

    #[test]
    fn reads_every_key_and_resolves_paths() {
        let home = |k: &str| (k == "HOME").then(|| "/home/u".to_owned());
        let config = parse(
            "corpus = [\"~/faq\", \"rel\"]\nbuiltin = false\ncolor = \"never\"\nlimit = 3\npaging = \"never\"\n",
            Path::new("/etc/faq/config.toml"),
            &home,
        )
        .unwrap();
        assert_eq!(
            config.corpus,
            [PathBuf::from("/home/u/faq"), PathBuf::from("/etc/faq/rel")]
        );
        assert!(!config.builtin);
        assert_eq!(config.color, Some(ColorChoice::Never));
        assert_eq!(config.limit, Some(3));
        assert_eq!(config.paging, Some(Paging::Never));
    }

    #[test]
    fn malformed_config_names_file_and_line() {
        let err = parse("limit = 3\ncolour = 1\n", Path::new("c.toml"), &no_env).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with("config file c.toml: line 2:"),
            "{message}"
        );
    }

    #[test]
    fn xdg_config_home_is_preferred_over_home() {
        let env = |k: &str| match k {
            "XDG_CONFIG_HOME" => Some("/x".to_owned()),
            "HOME" => Some("/h".to_owned()),
            _ => None,
        };
        assert_eq!(config_path(&env), Some(PathBuf::from("/x/faq/config.toml")));
        assert_eq!(config_path(&no_env), None);
    }
}
