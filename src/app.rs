//! Runs one parsed command line: settings → corpus → search → render → output.

use std::io::{self, IsTerminal, Write};
use std::mem::ManuallyDrop;

use crate::check;
use crate::cli::{CheckArgs, Cli, Command, ListArgs, SearchArgs, ShowArgs};
use crate::corpus::{Corpus, Source};
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::exit_codes::ExitCode;
use crate::json;
use crate::load::load_corpus;
use crate::pager;
use crate::render;
use crate::sanitize::sanitize_line;
use crate::search::{self, Index, Lookup, MAX_QUERY_CHARS, Query};
use crate::settings::{Settings, presentation, process_env};
use crate::xref::CrossRefs;

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

/// [`load_corpus`] for a command whose process ends with it. The corpus is
/// never dropped: freeing every entry one by one only costs time at exit
/// (about 50 ms at 100,000 entries), and the exit gives the memory back.
fn load_corpus_for_exit(settings: &Settings) -> Result<ManuallyDrop<Corpus>> {
    load_corpus(settings).map(ManuallyDrop::new)
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
    // Loaded first: the query's words fold in the corpus's language.
    let corpus = load_corpus_for_exit(settings)?;
    let query = Query::parse(&text);
    if query.is_empty() {
        return Err(Error::EmptyQuery);
    }
    let mut hits = if corpus.builtin {
        Index::builtin().search(&corpus.entries, &query)
    } else {
        search::search(&corpus.entries, &query)
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
                let text = json::entry(entry);
                if !pager::paged(&text, paging, &process_env) {
                    print(&text)?;
                }
            } else {
                let refs = CrossRefs::for_links(&corpus.entries, &entry.answer);
                let text = render::entry(entry, &refs, presentation(settings));
                if !pager::paged(&text, paging, &process_env) {
                    print(&text)?;
                }
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
        entries = search::by_category(&corpus.entries, filter);
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
    for file in &report.found {
        let _ = writeln!(
            stderr,
            "{}",
            sanitize_line(&format!(
                "{}: {} question{} ({})",
                file.name,
                file.questions,
                if file.questions == 1 { "" } else { "s" },
                file.convention.name()
            ))
        );
    }
    if report.problems.unkept() > 0 {
        let _ = writeln!(
            stderr,
            "faq check: {} more problem(s) not listed: only the first {} are kept",
            report.problems.unkept(),
            crate::entry::Problems::KEPT
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
