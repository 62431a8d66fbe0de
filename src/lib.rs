//! `faq`: look up answers in a Markdown FAQ from the terminal.
//!
//! Data flows one way: [`corpus`] reads files (or the embedded FAQ), [`parse`]
//! splits them into [`entry::Entry`]s, [`search`] ranks them, [`render`] and
//! [`json`] turn them into text, and [`app`] ties it to the command line.
//! The embedded FAQ skips the first steps: [`prebuilt`] holds it already
//! parsed and indexed, generated at development time by the same code.

pub mod app;
pub mod check;
pub mod cli;
pub mod color;
pub mod config;
pub mod corpus;
pub mod entry;
pub mod error;
pub mod exit_codes;
pub mod json;
pub mod parse;
pub mod picker;
pub mod prebuilt;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod text;
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
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::Error
            } else {
                ExitCode::Success
            };
        }
    };
    match app::execute(cli) {
        Ok(code) => code,
        Err(err) if err.is_broken_pipe() => ExitCode::Success,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "faq: {err}");
            err.exit_code()
        }
    }
}
