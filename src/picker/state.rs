//! What the picker shows and how keys change it; no terminal in here.

use termimad::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::entry::Entry;
use crate::search::{self, Hit, MAX_QUERY_CHARS, Query};

/// What a key asks the picker to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Keep going (redraw).
    Continue,
    /// Print the entry at this corpus index and quit.
    Choose(usize),
    /// Quit printing nothing.
    Cancel,
    /// Copy the id of the entry at this corpus index.
    Copy(usize),
}

/// The entries on offer: the whole corpus in its order, or a ranking.
#[derive(Debug)]
pub enum Results {
    All(usize),
    Ranked(Vec<Hit>),
}

impl Results {
    pub fn len(&self) -> usize {
        match self {
            Results::All(n) => *n,
            Results::Ranked(hits) => hits.len(),
        }
    }

    /// Corpus index of the `i`th result.
    pub fn entry(&self, i: usize) -> Option<usize> {
        match self {
            Results::All(n) => (i < *n).then_some(i),
            Results::Ranked(hits) => hits.get(i).map(|h| h.index),
        }
    }
}

/// One list row as drawn: the entry and the question's matched characters.
#[derive(Debug)]
pub struct Row {
    pub index: usize,
    pub highlights: Vec<usize>,
    pub selected: bool,
}

/// The picker's whole state.
pub struct State<'e> {
    entries: &'e [Entry],
    query: String,
    /// The query the results are for; `None` before the first search.
    searched: Option<String>,
    parsed: Query,
    results: Results,
    selected: usize,
    /// First result shown in the list.
    top: usize,
    /// First preview line shown.
    pub preview_scroll: usize,
    /// A one-off message for the status line.
    pub notice: Option<String>,
}

impl<'e> State<'e> {
    pub fn new(entries: &'e [Entry], query: &str) -> Self {
        let mut state = State {
            entries,
            query: String::new(),
            searched: None,
            parsed: Query::parse(""),
            results: Results::All(entries.len()),
            selected: 0,
            top: 0,
            preview_scroll: 0,
            notice: None,
        };
        state.insert(query);
        state.settle_without_search();
        state
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    #[cfg(test)]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Corpus index of the selected entry, if there is one.
    pub fn current(&self) -> Option<usize> {
        self.results.entry(self.selected)
    }

    /// Applies one key press.
    pub fn key(&mut self, key: KeyEvent, preview_page: usize) -> Step {
        if key.kind == KeyEventKind::Release {
            return Step::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        self.notice = None;
        match key.code {
            KeyCode::Esc => return Step::Cancel,
            KeyCode::Char('c' | 'g' | 'q') if ctrl => return Step::Cancel,
            KeyCode::Enter => {
                return self.current().map_or(Step::Continue, Step::Choose);
            }
            KeyCode::Char('y') if ctrl => {
                return self.current().map_or(Step::Continue, Step::Copy);
            }
            KeyCode::Up => self.move_by(-1),
            KeyCode::Char('p') if ctrl => self.move_by(-1),
            KeyCode::Down | KeyCode::Tab => self.move_by(1),
            KeyCode::Char('n') if ctrl => self.move_by(1),
            KeyCode::BackTab => self.move_by(-1),
            KeyCode::Home => self.select(0),
            KeyCode::End => self.select(self.results.len().saturating_sub(1)),
            KeyCode::PageDown => self.preview_scroll += preview_page.max(1),
            KeyCode::PageUp => {
                self.preview_scroll = self.preview_scroll.saturating_sub(preview_page.max(1));
            }
            KeyCode::Backspace if ctrl || alt => self.delete_word(),
            KeyCode::Backspace => {
                self.query.pop();
            }
            KeyCode::Char('h') if ctrl => {
                self.query.pop();
            }
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Char('u') if ctrl => self.query.clear(),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c.encode_utf8(&mut [0u8; 4])),
            _ => {}
        }
        Step::Continue
    }

    /// Types `text` at the end of the query (also used for pastes).
    pub fn insert(&mut self, text: &str) {
        let room = MAX_QUERY_CHARS.saturating_sub(self.query.chars().count());
        self.query.extend(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(room),
        );
    }

    fn delete_word(&mut self) {
        let kept = self.query.trim_end().len();
        self.query.truncate(kept);
        let start = self.query.rfind(char::is_whitespace).map_or(0, |i| {
            i + self.query[i..].chars().next().map_or(1, char::len_utf8)
        });
        self.query.truncate(start);
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.results.len().saturating_sub(1);
        let target = self.selected.saturating_add_signed(delta).min(last);
        self.select(target);
    }

    fn select(&mut self, i: usize) {
        if i != self.selected {
            self.selected = i;
            self.preview_scroll = 0;
        }
    }

    /// True while the results are not (yet) for the query as typed.
    pub fn stale(&self) -> bool {
        self.searched.as_deref() != Some(self.query.as_str())
    }

    /// True for keys that act on the results (move, choose, copy, scroll),
    /// which must see the results of everything typed before them.
    pub fn needs_results(key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => false,
            KeyCode::Char('c' | 'g' | 'q' | 'h' | 'w' | 'u') if ctrl => false,
            KeyCode::Char(_) => ctrl || alt,
            _ => true,
        }
    }

    /// Takes results that need no search: the whole corpus for a query with
    /// nothing to search for. Returns whether it did.
    pub fn settle_without_search(&mut self) -> bool {
        if !self.stale() {
            return false;
        }
        let parsed = Query::parse(&self.query);
        if !parsed.is_empty() {
            return false;
        }
        let query = self.query.clone();
        self.set(query, parsed, Results::All(self.entries.len()));
        true
    }

    /// Takes the ranking for `query` computed elsewhere. Results for an older
    /// query are shown while the current one is still being searched, and
    /// dropped once the current results are in. Returns whether it took them.
    pub fn accept(&mut self, query: String, hits: Vec<Hit>) -> bool {
        if query != self.query && !self.stale() {
            return false;
        }
        let parsed = Query::parse(&query);
        self.set(query, parsed, Results::Ranked(hits));
        true
    }

    /// Re-ranks here and now if the query changed since the last search.
    /// Returns whether it did.
    #[cfg(test)]
    pub fn refresh(&mut self) -> bool {
        if !self.stale() {
            return false;
        }
        if self.settle_without_search() {
            return true;
        }
        let parsed = Query::parse(&self.query);
        let hits = search::search(self.entries, &parsed);
        self.set(self.query.clone(), parsed, Results::Ranked(hits));
        true
    }

    fn set(&mut self, query: String, parsed: Query, results: Results) {
        self.results = results;
        self.parsed = parsed;
        self.searched = Some(query);
        self.selected = 0;
        self.top = 0;
        self.preview_scroll = 0;
    }

    /// The rows a list of `height` rows shows, scrolled so the selection is visible.
    pub fn rows(&mut self, height: usize) -> Vec<Row> {
        if height == 0 {
            return Vec::new();
        }
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        let end = (self.top + height).min(self.results.len());
        let top = self.top.min(end);
        let selected = self.selected;
        match &mut self.results {
            Results::All(_) => (top..end)
                .map(|i| Row {
                    index: i,
                    highlights: Vec::new(),
                    selected: i == selected,
                })
                .collect(),
            Results::Ranked(hits) => {
                let shown = &mut hits[top..end];
                search::highlight(self.entries, &self.parsed, shown);
                shown
                    .iter()
                    .enumerate()
                    .map(|(k, h)| Row {
                        index: h.index,
                        highlights: h.highlights.clone(),
                        selected: top + k == selected,
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, question: &str) -> Entry {
        Entry::for_test(id, question, "General", "An answer.")
    }

    fn sample() -> Vec<Entry> {
        vec![
            entry("token", "How do I get my access token?"),
            entry("tombstone", "How do I manually tombstone a room?"),
            entry("video", "What are the permissions to start a video call?"),
        ]
    }

    fn press(state: &mut State, code: KeyCode) -> Step {
        state.key(KeyEvent::new(code, KeyModifiers::NONE), 10)
    }

    fn ctrl(state: &mut State, c: char) -> Step {
        state.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL), 10)
    }

    fn typed_only(state: &mut State, text: &str) {
        for c in text.chars() {
            press(state, KeyCode::Char(c));
        }
    }

    fn typed(state: &mut State, text: &str) {
        typed_only(state, text);
        state.refresh();
    }

    #[test]
    fn empty_query_lists_everything_in_corpus_order() {
        let e = sample();
        let s = State::new(&e, "");
        assert_eq!(s.results().len(), 3);
        assert_eq!(s.current(), Some(0));
    }

    #[test]
    fn typing_ranks_like_search_and_highlights() {
        let e = sample();
        let mut s = State::new(&e, "");
        typed(&mut s, "tomb");
        assert_eq!(s.current(), Some(1));
        let rows = s.rows(5);
        assert!(rows[0].selected && !rows[0].highlights.is_empty());
    }

    #[test]
    fn moving_is_clamped_and_keeps_the_selection_visible() {
        let e = sample();
        let mut s = State::new(&e, "");
        press(&mut s, KeyCode::Up);
        assert_eq!(s.selected(), 0);
        press(&mut s, KeyCode::Down);
        ctrl(&mut s, 'n');
        ctrl(&mut s, 'n');
        assert_eq!(s.selected(), 2);
        let rows = s.rows(2);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].selected);
        ctrl(&mut s, 'p');
        assert_eq!(s.selected(), 1);
    }

    #[test]
    fn editing_keys() {
        let e = sample();
        let mut s = State::new(&e, "access tok");
        ctrl(&mut s, 'w');
        assert_eq!(s.query(), "access ");
        press(&mut s, KeyCode::Backspace);
        press(&mut s, KeyCode::Backspace);
        assert_eq!(s.query(), "acces");
        ctrl(&mut s, 'u');
        assert_eq!(s.query(), "");
        s.insert("a\nb");
        assert_eq!(s.query(), "a b");
    }

    #[test]
    fn search_runs_only_when_the_query_changed() {
        let e = sample();
        let mut s = State::new(&e, "tomb");
        assert!(s.refresh());
        assert!(!s.refresh());
        press(&mut s, KeyCode::Down);
        assert!(!s.refresh());
        press(&mut s, KeyCode::Char('s'));
        assert!(s.refresh());
    }

    #[test]
    fn results_from_elsewhere_apply_only_while_useful() {
        let e = sample();
        let mut s = State::new(&e, "");
        assert!(!s.stale());
        typed_only(&mut s, "tom");
        assert!(s.stale());
        // An older query's results are shown while waiting…
        let tom = search::search(&e, &Query::parse("to"));
        assert!(s.accept("to".into(), tom));
        assert!(s.stale());
        // …the current ones settle it…
        let hits = search::search(&e, &Query::parse("tom"));
        assert!(s.accept("tom".into(), hits));
        assert!(!s.stale());
        // …and anything older that arrives later is dropped.
        assert!(!s.accept("t".into(), Vec::new()));
        assert_eq!(s.current(), Some(1));
        ctrl(&mut s, 'u');
        assert!(s.settle_without_search());
        assert_eq!(s.results().len(), 3);
    }

    #[test]
    fn keys_that_act_on_results_are_told_apart_from_typing() {
        let key = |code, modifiers| State::needs_results(&KeyEvent::new(code, modifiers));
        assert!(!key(KeyCode::Char('a'), KeyModifiers::SHIFT));
        assert!(!key(KeyCode::Backspace, KeyModifiers::NONE));
        assert!(!key(KeyCode::Esc, KeyModifiers::NONE));
        assert!(!key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(key(KeyCode::Enter, KeyModifiers::NONE));
        assert!(key(KeyCode::Down, KeyModifiers::NONE));
        assert!(key(KeyCode::Char('n'), KeyModifiers::CONTROL));
        assert!(key(KeyCode::Char('y'), KeyModifiers::CONTROL));
    }

    #[test]
    fn enter_escape_and_copy() {
        let e = sample();
        let mut s = State::new(&e, "video");
        s.refresh();
        assert_eq!(ctrl(&mut s, 'y'), Step::Copy(2));
        assert_eq!(press(&mut s, KeyCode::Enter), Step::Choose(2));
        assert_eq!(press(&mut s, KeyCode::Esc), Step::Cancel);
        assert_eq!(ctrl(&mut s, 'c'), Step::Cancel);
        let mut none = State::new(&e, "qqqxxzz");
        none.refresh();
        assert_eq!(press(&mut none, KeyCode::Enter), Step::Continue);
    }

    #[test]
    fn page_keys_scroll_the_preview_and_selection_resets_it() {
        let e = sample();
        let mut s = State::new(&e, "");
        press(&mut s, KeyCode::PageDown);
        press(&mut s, KeyCode::PageDown);
        assert_eq!(s.preview_scroll, 20);
        press(&mut s, KeyCode::PageUp);
        assert_eq!(s.preview_scroll, 10);
        press(&mut s, KeyCode::Down);
        assert_eq!(s.preview_scroll, 0);
    }
}
