//! A fluent, hermetic runner for the real `faq` binary:
//! `Faq::new().args(["show", "access-token"]).run().success().stdout_has("token")`.
//! It scrubs `NO_COLOR`, `FAQ_PATH` and any config file so results never
//! depend on the machine running the tests.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;

pub mod tmux;

use assert_cmd::Command;

pub struct Faq {
    cmd: Command,
}

impl Faq {
    pub fn new() -> Self {
        let mut cmd = Command::cargo_bin("faq").expect("the faq binary is built");
        cmd.env_remove("NO_COLOR")
            .env_remove("FAQ_PATH")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("COLUMNS")
            .env("FAQ_CONFIG", "/nonexistent/faq-test-config.toml")
            .env("TERM", "xterm-256color");
        Faq { cmd }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    /// Searches only `path` (a folder or a file), not the built-in FAQ.
    pub fn corpus_only(self, path: impl AsRef<OsStr>) -> Self {
        self.args(["--no-builtin", "--corpus"]).arg(path)
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn run(mut self) -> Outcome {
        let output = self.cmd.output().expect("faq runs");
        Outcome {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// What one run printed and returned, with chainable assertions.
#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code; stderr: {}\nstdout: {}",
            self.stderr,
            self.stdout
        );
        self
    }

    pub fn success(self) -> Self {
        self.code(0)
    }

    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn stdout_lacks(self, needle: &str) -> Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn stderr_empty(self) -> Self {
        assert!(self.stderr.is_empty(), "stderr not empty:\n{}", self.stderr);
        self
    }

    /// Bad input must produce exactly one line on stderr, and no panic.
    pub fn one_line_error(self) -> Self {
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        assert!(
            !self.stderr.contains("RUST_BACKTRACE"),
            "backtrace hint: {}",
            self.stderr
        );
        assert_eq!(
            self.stderr.trim_end().lines().count(),
            1,
            "not one line:\n{}",
            self.stderr
        );
        self
    }

    pub fn no_ansi(self) -> Self {
        assert!(
            !self.stdout.contains('\x1b'),
            "ANSI escape in stdout: {:?}",
            self.stdout
        );
        self
    }

    /// The `id` of every entry of a JSON array on stdout, in order.
    pub fn ids(&self) -> Vec<String> {
        self.json()
            .as_array()
            .expect("a JSON array")
            .iter()
            .map(|e| e["id"].as_str().expect("an id").to_owned())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}", self.stdout))
    }
}

/// What the built-in FAQ's source files hold, read from `faq/*.md` by the
/// tests themselves (every question heading there carries its `{#id}`),
/// so that counts follow the corpus instead of being written into tests.
pub struct BuiltinFaq {
    /// Top-level category and its number of questions, in file order.
    pub categories: Vec<(String, usize)>,
}

impl BuiltinFaq {
    pub fn read() -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("the faq folder")
            .map(|f| f.expect("a faq file").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let mut categories: Vec<(String, usize)> = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(file).expect("a readable faq file");
            for line in text.lines() {
                if let Some(top) = line.strip_prefix("# ") {
                    categories.push((top.trim().to_owned(), 0));
                } else if line.starts_with('#') && line.trim_end().ends_with('}') {
                    categories.last_mut().expect("a category first").1 += 1;
                }
            }
        }
        BuiltinFaq { categories }
    }

    /// How many questions the built-in FAQ has.
    pub fn questions(&self) -> usize {
        self.categories.iter().map(|(_, n)| n).sum()
    }

    /// How many questions one top-level category has.
    pub fn questions_in(&self, category: &str) -> usize {
        self.categories
            .iter()
            .find(|(name, _)| name == category)
            .map_or(0, |(_, n)| *n)
    }
}

/// True when `tool` runs (`tool --version`). When it does not and `CI` is
/// set, the test fails: in CI a missing tool is never a silent pass.
pub fn tool_available(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg(if tool == "tmux" { "-V" } else { "--version" })
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "{tool} is not installed and CI is set: these tests need it (apt-get install {tool})"
    );
    if !found {
        eprintln!("SKIPPED: {tool} is not installed (apt-get install {tool})");
    }
    found
}
