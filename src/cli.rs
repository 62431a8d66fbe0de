//! The command line, as clap reads it. Nothing here acts; see `app`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::color::ColorChoice;
use crate::pager::Paging;

/// Look up answers in the Element / Matrix FAQ, or in your own Markdown FAQ.
#[derive(Debug, Parser)]
#[command(
    name = "faq",
    version,
    about,
    after_help = "Exit codes: 0 found, 1 nothing matched (or ambiguous, or check found problems), \
                  2 usage or corpus error, 130 picker cancelled.\n\
                  Run `faq` alone on a terminal to browse interactively."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every subcommand takes.
#[derive(Debug, Args, Default)]
pub struct GlobalArgs {
    /// When to use colour [default: auto; or from the config file]
    #[arg(long, value_enum, global = true, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Add a corpus: a folder of .md files (searched recursively) or one file.
    /// Repeatable; later corpora override earlier ones on the same id.
    #[arg(long, global = true, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,

    /// Leave out the built-in Element / Matrix FAQ
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Treat any corpus problem (bad file, duplicate id, …) as an error
    #[arg(long, global = true)]
    pub strict: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the entries that match a query, best first
    #[command(visible_alias = "s")]
    Search(SearchArgs),
    /// Print one answer, by id or by query
    Show(ShowArgs),
    /// List every entry, grouped by category
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Validate corpus files and report every problem as file:line: message
    Check(CheckArgs),
    /// Browse interactively with a live preview (the default on a terminal)
    Pick(PickArgs),
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for; fzf operators work: 'exact ^prefix suffix$ !not
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show at most this many results
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// Print results as JSON (see README for the schema)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An entry id (`access-token`) or words that find one clearly
    #[arg(required = true, num_args = 1.., value_name = "ID-OR-QUERY")]
    pub query: Vec<String>,

    /// Print the entry as JSON
    #[arg(long)]
    pub json: bool,

    /// When to show a long answer through a pager ($FAQ_PAGER, $PAGER or less)
    /// [default: auto; or from the config file]
    #[arg(long, value_enum, value_name = "WHEN")]
    pub paging: Option<Paging>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only categories whose name matches (fuzzy)
    #[arg(short, long, value_name = "NAME")]
    pub category: Option<String>,

    /// Print entries as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check [default: the corpora faq would load]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PickArgs {
    /// Start with this query typed in
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

/// The clap command, for completions, man pages and tests.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
