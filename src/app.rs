//! Runs one parsed command line: settings → corpus → search → render → output.

use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use crate::check;
use crate::cli::{CheckArgs, Cli, Command, GlobalArgs, ListArgs, SearchArgs, ShowArgs};
use crate::color::ColorChoice;
use crate::config::{self, Config};
use crate::corpus::{Corpus, Source};
use crate::entry::{Entry, Problems};
use crate::error::{Error, Result};
use crate::exit_codes::ExitCode;
use crate::json;
use crate::pager::{self, Paging};
use crate::render::{self, DEFAULT_WIDTH, Presentation};
use crate::sanitize::sanitize_line;
use crate::search::{self, Lookup, Query};
use crate::xref::CrossRefs;

/// Results shown by `faq search` unless `--limit` or the config says otherwise.
pub const DEFAULT_LIMIT: u32 = 10;

/// Query words beyond this many are ignored: a pasted paragraph should not
/// turn a lookup into a long computation.
pub const MAX_QUERY_CHARS: usize = 1000;

/// Corpus problems printed as warnings before the rest are summarised.
const MAX_WARNINGS: usize = 5;

/// Everything a command needs to know about its environment, resolved once.
pub struct Settings {
    pub sources: Vec<Source>,
    pub color: ColorChoice,
    pub limit: u32,
    pub strict: bool,
    /// `show`'s paging, from the config; `--paging` overrides it.
    pub paging: Paging,
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
        }
    }
}

/// The process environment, as the rest of the crate reads it.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Runs a parsed command line.
pub fn execute(cli: Cli) -> Result<ExitCode> {
    let settings = Settings::resolve(&cli.global, &process_env)?;
    let Some(command) = cli.command else {
        return default_action(&settings);
    };
    match command {
        Command::Search(args) => search(&settings, args),
        Command::Show(args) => show(&settings, args),
        Command::List(args) => list(&settings, args),
        Command::Check(args) => check(&settings, args),
        Command::Pick(args) => crate::picker::run(&settings, &args.query.join(" ")),
    }
}

/// `faq` alone: the picker on a terminal, the usage otherwise.
fn default_action(settings: &Settings) -> Result<ExitCode> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        return crate::picker::run(settings, "");
    }
    let help = crate::cli::command().render_help().to_string();
    let _ = write!(io::stderr(), "{help}");
    Ok(ExitCode::Error)
}

/// Loads the corpora, reporting (or with `--strict`, refusing) problems.
pub fn load_corpus(settings: &Settings) -> Result<Corpus> {
    let corpus = Corpus::load(&settings.sources);
    if let Some(first) = corpus.problems.kept().first() {
        if settings.strict {
            return Err(Error::Strict {
                count: corpus.problems.total(),
                first: first.to_string(),
            });
        }
        warn(&corpus.problems);
    }
    if corpus.entries.is_empty() {
        return Err(Error::NoEntries);
    }
    Ok(corpus)
}

/// [`load_corpus`] for a command whose process ends with it. The corpus is
/// never dropped: freeing every entry one by one only costs time at exit
/// (about 50 ms at 100,000 entries), and the exit gives the memory back.
fn load_corpus_for_exit(settings: &Settings) -> Result<ManuallyDrop<Corpus>> {
    load_corpus(settings).map(ManuallyDrop::new)
}

fn warn(problems: &Problems) {
    let mut stderr = io::stderr().lock();
    for problem in problems.kept().iter().take(MAX_WARNINGS) {
        let _ = writeln!(
            stderr,
            "faq: warning: {}",
            sanitize_line(&problem.to_string())
        );
    }
    if problems.total() > MAX_WARNINGS {
        let _ = writeln!(
            stderr,
            "faq: warning: {} more problems; run `faq check` to see them all",
            problems.total() - MAX_WARNINGS
        );
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

/// False when there is no standard output to write to (`faq show x >&-`).
///
/// Rust's runtime opens `/dev/null` read-write on a standard stream that
/// was closed at start; a shell's `> /dev/null` opens it write-only. So a
/// read-write `/dev/null` on stdout means there was none.
#[cfg(unix)]
fn stdout_is_open() -> bool {
    use rustix::fs::{FileType, OFlags};
    use std::os::fd::AsFd;
    let stdout = io::stdout();
    let fd = stdout.as_fd();
    let Ok(stat) = rustix::fs::fstat(fd) else {
        return false;
    };
    let dev_null = FileType::from_raw_mode(stat.st_mode) == FileType::CharacterDevice
        && (
            rustix::fs::major(stat.st_rdev),
            rustix::fs::minor(stat.st_rdev),
        ) == (1, 3);
    let read_write =
        rustix::fs::fcntl_getfl(fd).is_ok_and(|flags| flags & OFlags::RWMODE == OFlags::RDWR);
    !(dev_null && read_write)
}

#[cfg(not(unix))]
fn stdout_is_open() -> bool {
    true
}

/// Joins query words and refuses a query with nothing to search for.
fn query_text(words: &[String]) -> Result<String> {
    let text: String = words.join(" ").chars().take(MAX_QUERY_CHARS).collect();
    if text.trim().is_empty() {
        return Err(Error::EmptyQuery);
    }
    Ok(text)
}

/// Writes `text` to stdout, and fails when it could not be written: a full
/// disk, or a closed stdout (whose writes Rust's standard library would
/// otherwise discard as if they had succeeded).
pub fn print(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    if !stdout_is_open() {
        return Err(Error::Io(io::Error::other("standard output is closed")));
    }
    Ok(())
}

fn search(settings: &Settings, args: SearchArgs) -> Result<ExitCode> {
    let text = query_text(&args.query)?;
    let query = Query::parse(&text);
    if query.is_empty() {
        return Err(Error::EmptyQuery);
    }
    let corpus = load_corpus_for_exit(settings)?;
    let mut hits = match &corpus.index {
        Some(index) => index.search(&corpus.entries, &query),
        None => search::search(&corpus.entries, &query),
    };
    hits.truncate(args.limit.unwrap_or(settings.limit) as usize);
    if hits.is_empty() {
        if args.json {
            print("[]\n")?;
        }
        report_not_found(&text, &search::suggest(&corpus.entries, &text, 3));
        return Ok(ExitCode::NoMatch);
    }
    if args.json {
        print(&json::results(&corpus.entries, &hits))?;
    } else {
        let how = presentation(settings);
        if how.color {
            search::highlight(&corpus.entries, &query, &mut hits);
        }
        print(&render::results(&corpus.entries, &hits, how))?;
    }
    Ok(ExitCode::Success)
}

fn show(settings: &Settings, args: ShowArgs) -> Result<ExitCode> {
    let text = query_text(&args.query)?;
    let corpus = load_corpus_for_exit(settings)?;
    match search::lookup(&corpus.entries, &text) {
        Lookup::Found(entry) => {
            let paging = args.paging.unwrap_or(settings.paging);
            if args.json {
                pager::print(&json::entry(entry), paging)?;
            } else {
                let refs = CrossRefs::for_links(&corpus.entries, &entry.answer);
                let text = render::entry(entry, &refs, presentation(settings));
                pager::print(&text, paging)?;
            }
            Ok(ExitCode::Success)
        }
        Lookup::Ambiguous(candidates) => {
            let mut stderr = io::stderr().lock();
            let _ = writeln!(
                stderr,
                "faq: '{}' matches several entries; name one by id:",
                sanitize_line(&text)
            );
            write_candidates(&mut stderr, &candidates);
            Ok(ExitCode::NoMatch)
        }
        Lookup::NoAnswer(closest) => {
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "faq: no entry answers '{}'", sanitize_line(&text));
            if !closest.is_empty() {
                let _ = writeln!(stderr, "closest:");
                write_candidates(&mut stderr, &closest);
            }
            Ok(ExitCode::NoMatch)
        }
    }
}

fn report_not_found(query: &str, suggestions: &[&Entry]) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "faq: no entry matches '{}'", sanitize_line(query));
    if !suggestions.is_empty() {
        let _ = writeln!(stderr, "did you mean:");
        write_candidates(&mut stderr, suggestions);
    }
}

fn write_candidates(out: &mut impl Write, entries: &[&Entry]) {
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in entries {
        let _ = writeln!(
            out,
            "  {:width$}  {}",
            sanitize_line(&e.id),
            sanitize_line(&e.question)
        );
    }
}

fn list(settings: &Settings, args: ListArgs) -> Result<ExitCode> {
    let corpus = load_corpus_for_exit(settings)?;
    let mut entries: Vec<&Entry> = corpus.entries.iter().collect();
    if let Some(filter) = &args.category {
        if filter.trim().is_empty() {
            return Err(Error::EmptyQuery);
        }
        entries = filter_by_category(&corpus.entries, filter);
        if entries.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "faq: no category matches '{}'",
                sanitize_line(filter)
            );
            return Ok(ExitCode::NoMatch);
        }
    }
    if args.json {
        print(&json::entries(&entries))?;
    } else {
        print(&render::list(&entries, presentation(settings)))?;
    }
    Ok(ExitCode::Success)
}

/// Entries whose category path matches `filter` fuzzily, keeping only the
/// categories that score close to the best one.
fn filter_by_category<'e>(entries: &'e [Entry], filter: &str) -> Vec<&'e Entry> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let pattern = Pattern::parse(filter, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let scores: Vec<u32> = entries
        .iter()
        .map(|e| {
            pattern
                .score(Utf32Str::new(&e.category_label(), &mut buf), &mut matcher)
                .unwrap_or(0)
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    entries
        .iter()
        .zip(scores)
        .filter(|&(_, s)| best > 0 && s * 2 >= best)
        .map(|(e, _)| e)
        .collect()
}

fn check(settings: &Settings, args: CheckArgs) -> Result<ExitCode> {
    let sources: Vec<Source> = if args.paths.is_empty() {
        settings.sources.clone()
    } else {
        args.paths.into_iter().map(Source::Path).collect()
    };
    let report = check::check(&sources);
    let mut out = String::new();
    for problem in report.problems.kept() {
        out.push_str(&sanitize_line(&problem.to_string()));
        out.push('\n');
    }
    print(&out)?;
    let mut stderr = io::stderr().lock();
    if report.problems.unkept() > 0 {
        let _ = writeln!(
            stderr,
            "faq check: {} more problem(s) not listed: only the first {} are kept",
            report.problems.unkept(),
            Problems::KEPT
        );
    }
    let _ = writeln!(
        stderr,
        "faq check: {} file(s), {} entries, {} problem(s)",
        report.files,
        report.entries,
        report.problems.total()
    );
    Ok(if report.problems.is_empty() {
        ExitCode::Success
    } else {
        ExitCode::NoMatch
    })
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
