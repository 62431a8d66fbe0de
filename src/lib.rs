//! `faq`: look up answers in a Markdown FAQ from the terminal.
//!
//! The library's public surface is what embedding `faq` needs: [`run`],
//! [`entry::Entry`], [`corpus`] and [`parse`] to read entries, [`search`]
//! to rank them, [`render`], [`json`] and [`xref`] to print them. The
//! rest is private to the crate.
//!
//! Layers, each using only the ones above it in this list:
//!
//! - utilities: `text` (what counts as the same word), `lines`
//!   (Markdown line syntax), `read`, `sanitize`, `threads`,
//!   `error`, `exit_codes`, `color`, `entry` (the data type);
//! - `settings`: flags (`cli`), environment and `config` file
//!   resolved into one struct, with the corpus sources;
//! - `corpus`: reading the files (or the embedded FAQ, parsed at build
//!   time: `prebuilt`) and `parse`, which cuts them into entries;
//!   `load`: the corpora a run's settings name, problems reported;
//!   `check`: the parser cross-examined;
//! - `search`: query, scan, score, index (for the embedded FAQ, built at
//!   build time), `show`'s lookup, "did you mean", categories;
//! - `xref`, `render` and `json`: entries and hits as text;
//! - `pager` and `hyperlink`: how rich output reaches a terminal;
//! - `app` (the commands), `picker` (interactive) and `complete` (shell
//!   completion): consumers of the layers above, none importing another.

pub(crate) mod app;
#[doc(hidden)]
pub mod check;
pub mod cli;
pub(crate) mod color;
/// Shell completion; public for the test that keeps `completions/` current.
#[doc(hidden)]
pub mod complete;
pub(crate) mod config;
pub mod corpus;
pub mod entry;
pub(crate) mod error;
pub(crate) mod exit_codes;
pub(crate) mod hyperlink;
pub mod json;
pub(crate) mod lines;
pub(crate) mod load;
pub(crate) mod pager;
pub mod parse;
pub(crate) mod picker;
pub mod prebuilt;
pub(crate) mod read;
pub mod render;
pub(crate) mod sanitize;
pub mod search;
pub(crate) mod settings;
#[doc(hidden)]
pub mod text;
pub(crate) mod threads;
pub mod xref;

use std::ffi::OsString;
use std::io::Write;
use std::mem::ManuallyDrop;

use clap::FromArgMatches;

pub use exit_codes::ExitCode;

/// Runs `faq` with these arguments (the first is the program name) and
/// returns the exit code. Never panics on bad input; errors go to stderr.
///
/// Meant to be the whole of a process, as in `main`: the loaded corpus and
/// clap's command tree are left for the exit to reclaim (freeing them piece
/// by piece only delays it), so calling `run` repeatedly in one process
/// leaks them each time.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The shell scripts' question, answered before clap reads anything.
    if args.get(1).is_some_and(|a| a == complete::SUBCOMMAND) {
        return complete::run(&args[2..]);
    }
    // `Cli::try_parse_from`, except that clap's command tree is never
    // dropped: freeing it node by node only delays the exit.
    let mut command = ManuallyDrop::new(cli::command());
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| {
            cli::Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(&mut command))
        });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) if err.use_stderr() => {
            let _ = writeln!(
                std::io::stderr(),
                "faq: {}\nRun 'faq --help' for usage.",
                sanitize::sanitize_line(&clap_message(&err))
            );
            return ExitCode::Error;
        }
        // `--help` and `--version`: their text, checked like any output.
        Err(err) => {
            return finish(app::print(&err.render().to_string()).map(|()| ExitCode::Success));
        }
    };
    finish(app::execute(cli))
}

/// The exit code of a command's outcome, reporting an error on stderr.
fn finish(outcome: error::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(err) if err.is_broken_pipe() => ExitCode::Success,
        Err(err) => {
            let message = err.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "faq: {}",
                sanitize::sanitize_line(&message)
            );
            err.exit_code()
        }
    }
}

/// clap's error as one line: its first paragraph (the message and what it
/// names, such as the missing arguments), without the `error:` label.
fn clap_message(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = paragraph.join(" ");
    message
        .strip_prefix("error: ")
        .unwrap_or(&message)
        .to_owned()
}
