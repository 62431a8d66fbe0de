//! The interactive picker (`faq` on a terminal, `faq pick [QUERY]`).
//!
//! A query line, the ranked questions (ranked as `faq search` ranks them,
//! from a session [`Index`]) and a preview of the selected answer rendered as
//! `faq show` renders it. Enter prints the chosen entry to stdout after the
//! screen is given back; Esc or Ctrl-C print nothing and exit 130.
//!
//! Searching runs on a worker thread: the input thread only edits the query,
//! moves the selection and draws, so typing never waits for a search. Keys
//! that arrive while a search runs are applied together, and the worker then
//! searches once for the newest query (older queued queries are skipped).
//! A key that acts on the results (a move, Enter) first waits for the
//! results of everything typed before it, so `tomb` Down Enter picks the
//! second result for `tomb` however fast the keys come. The last few
//! rankings are kept, so going back to a query (Backspace) is instant.
//!
//! Keys: typing, Backspace, Ctrl-W (word), Ctrl-U (clear) edit the query;
//! Up/Down, Ctrl-P/Ctrl-N, Tab/Shift-Tab, Home/End move; PgUp/PgDn scroll the
//! preview; Enter prints; Ctrl-Y copies the id (OSC 52); Esc, Ctrl-C, Ctrl-G,
//! Ctrl-Q cancel. Ctrl-Z arrives as a key in raw mode and is ignored (no
//! suspend).

mod ansi;
mod state;
mod terminal;
mod view;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use termimad::crossterm::event::{self, Event, KeyEventKind};

use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::exit_codes::ExitCode;
use crate::load::load_corpus;
use crate::render;
use crate::search::{self, Hit, Index, Query};
use crate::settings::{Settings, presentation, process_env};
use crate::threads;
use crate::xref::CrossRefs;

use state::{State, Step};
use terminal::Terminal;
use view::{Frame, Layout, PreviewCache};

/// How often the loop looks for signals and results when nothing happens.
const IDLE_POLL: Duration = Duration::from_millis(100);
/// How often it looks for results while a search runs.
const BUSY_POLL: Duration = Duration::from_millis(5);

/// How the picker ended.
enum Outcome {
    Chosen(usize),
    Cancelled,
    Signal(i32),
}

/// Opens the picker with `query` typed in, and prints the chosen entry.
pub fn run(settings: &Settings, query: &str) -> Result<ExitCode> {
    let corpus = load_corpus(settings)?;
    let entries = Arc::new(corpus.entries);
    let refs = CrossRefs::new(&entries);
    // The picker draws on the terminal, whatever stdout is.
    let color = settings.color.enabled(true, process_env);
    let searcher = Searcher::spawn(Arc::clone(&entries), corpus.builtin.then(Index::builtin));

    let mut term = Terminal::open()?;
    let outcome = event_loop(&mut term, &entries, &refs, color, query, &searcher)?;
    drop(term);

    match outcome {
        Outcome::Chosen(index) => {
            let text = render::entry(&entries[index], &refs, presentation(settings));
            let mut stdout = io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            Ok(ExitCode::Success)
        }
        Outcome::Cancelled => Ok(ExitCode::Cancelled),
        Outcome::Signal(sig) => terminal::die_of(sig),
    }
}

fn event_loop(
    term: &mut Terminal,
    entries: &[Entry],
    refs: &CrossRefs,
    color: bool,
    query: &str,
    searcher: &Searcher,
) -> Result<Outcome> {
    let mut state = State::new(entries, query);
    let mut cache = PreviewCache::default();
    let mut redraw = true;
    let mut clear = false;
    let (width, height) = term.size();
    let mut layout = Layout::new(width, height);
    loop {
        redraw |= searcher.ask(&mut state);
        while let Some((q, hits)) = searcher.try_take()? {
            redraw |= state.accept(q, hits);
        }
        if redraw {
            let (width, height) = term.size();
            layout = Layout::new(width, height);
            let frame = Frame {
                entries,
                refs,
                color,
                layout,
            };
            let screen = view::draw(&frame, &mut state, &mut cache);
            term.draw(&screen, clear)?;
            redraw = false;
            clear = false;
        }
        if let Some(sig) = term.signal() {
            return Ok(Outcome::Signal(sig));
        }
        let wait = if state.stale() { BUSY_POLL } else { IDLE_POLL };
        if !event::poll(wait)? {
            continue;
        }
        // Apply every queued event before searching or drawing again.
        loop {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if State::needs_results(&key) && state.stale() {
                        wait_for_results(&mut state, searcher)?;
                    }
                    let page = layout
                        .preview
                        .map_or(1, |p| p.height.saturating_sub(1).max(1));
                    match state.key(key, page) {
                        Step::Continue => {}
                        Step::Choose(index) => return Ok(Outcome::Chosen(index)),
                        Step::Cancel => return Ok(Outcome::Cancelled),
                        Step::Copy(index) => {
                            term.copy(&entries[index].id)?;
                            state.notice = Some("id copied".into());
                        }
                    }
                }
                Event::Paste(text) => state.insert(&text),
                Event::Resize(..) => clear = true,
                _ => {}
            }
            redraw = true;
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Blocks until the results are for the query as typed.
fn wait_for_results(state: &mut State, searcher: &Searcher) -> Result<()> {
    while state.stale() {
        if searcher.ask(state) {
            continue;
        }
        if let Some((q, hits)) = searcher.take(IDLE_POLL)? {
            state.accept(q, hits);
        }
    }
    Ok(())
}

/// A ranking from the worker: the query and its hits.
type Ranking = (String, Vec<Hit>);

/// Rankings kept for queries typed again (Backspace, Ctrl-W): a few, as each
/// can hold a hit for every entry.
const RECENT: usize = 4;

/// The search worker: takes queries, returns rankings, newest query first.
struct Searcher {
    queries: Sender<String>,
    results: Receiver<Ranking>,
    /// The last query sent whose ranking has not come back, to send each once.
    in_flight: RefCell<Option<String>>,
    /// The latest rankings, newest last.
    recent: RefCell<VecDeque<Ranking>>,
}

impl Searcher {
    /// Ranks queries for `entries` on a thread of its own, with `index`
    /// when the corpus came with one.
    fn spawn(entries: Arc<Vec<Entry>>, index: Option<Index>) -> Searcher {
        let (queries, inbox) = mpsc::channel::<String>();
        let (outbox, results) = mpsc::channel();
        // A session ranks many queries, so the corpus is indexed once, in
        // the background (about a second at 100,000 entries); until the
        // index is ready, queries are ranked by a scan, with the same result.
        let index = Arc::new(index.map_or_else(OnceLock::new, OnceLock::from));
        if index.get().is_none() {
            let (entries, index) = (Arc::clone(&entries), Arc::clone(&index));
            threads::in_background(move || {
                let _ = index.set(Index::build(&entries));
            });
        }
        threads::in_background(move || {
            while let Ok(mut query) = inbox.recv() {
                // Skip queries typed over while the last search ran.
                while let Ok(newer) = inbox.try_recv() {
                    query = newer;
                }
                let parsed = Query::parse(&query);
                let hits = match index.get() {
                    Some(index) => index.search(&entries, &parsed),
                    None => search::search(&entries, &parsed),
                };
                if outbox.send((query, hits)).is_err() {
                    break;
                }
            }
        });
        Searcher {
            queries,
            results,
            in_flight: RefCell::new(None),
            recent: RefCell::new(VecDeque::with_capacity(RECENT)),
        }
    }

    /// Brings `state` up to date with its query if that needs no waiting
    /// (nothing to search for, or a recent ranking), else asks the worker.
    /// Returns whether `state` changed.
    fn ask(&self, state: &mut State) -> bool {
        if !state.stale() {
            return false;
        }
        if state.settle_without_search() {
            return true;
        }
        let recent = self.recent.borrow();
        if let Some((q, hits)) = recent.iter().find(|(q, _)| q == state.query()) {
            return state.accept(q.clone(), hits.clone());
        }
        drop(recent);
        self.request(state.query());
        false
    }

    /// Asks for `query` to be ranked, unless that is already under way.
    fn request(&self, query: &str) {
        let mut in_flight = self.in_flight.borrow_mut();
        if in_flight.as_deref() != Some(query) {
            let _ = self.queries.send(query.to_owned());
            *in_flight = Some(query.to_owned());
        }
    }

    /// A ranking, if one is ready.
    fn try_take(&self) -> Result<Option<Ranking>> {
        match self.results.try_recv() {
            Ok(ranking) => Ok(Some(self.landed(ranking))),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(worker_gone()),
        }
    }

    /// A ranking, waiting up to `timeout` for one.
    fn take(&self, timeout: Duration) -> Result<Option<Ranking>> {
        match self.results.recv_timeout(timeout) {
            Ok(ranking) => Ok(Some(self.landed(ranking))),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(worker_gone()),
        }
    }

    fn landed(&self, ranking: Ranking) -> Ranking {
        let mut in_flight = self.in_flight.borrow_mut();
        if in_flight.as_deref() == Some(ranking.0.as_str()) {
            *in_flight = None;
        }
        let mut recent = self.recent.borrow_mut();
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back(ranking.clone());
        ranking
    }
}

fn worker_gone() -> Error {
    Error::Io(io::Error::other("the search worker stopped"))
}
