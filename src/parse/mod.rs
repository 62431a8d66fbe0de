//! Splits a Markdown FAQ document into entries.
//!
//! The conventions (see README, "Writing a corpus"): headings form a tree; a
//! heading with sub-headings is a category, a heading without is a question,
//! and everything under a question heading is its answer. A question's id is
//! its `{#id}` heading attribute, or a slug of the question. An optional
//! `<!-- keywords: a, b -->` line right under the question lists synonyms.
//!
//! This is a line scanner that only finds ATX headings outside code fences
//! and HTML comments: it is what the hot path can afford on 100,000 entries.
//! `check` cross-examines it against a full `pulldown-cmark` parse, so any
//! heading the two read differently is reported.

use std::collections::HashMap;
use std::ops::Range;

use crate::entry::{Entry, Problem, Problems, Text};
pub use crate::lines::{LineCursor, line_of};
use crate::lines::{is_closing_fence, line_end, newlines, opening_fence};
use crate::text;

mod front_matter;
mod html;
mod markers;

pub use front_matter::FrontMatter;

/// What one document yields: its entries and the defects found on the way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    pub problems: Problems,
    /// How its questions were recognised.
    pub convention: Convention,
    /// What its front matter says, if it has any.
    pub front_matter: FrontMatter,
}

/// The ways a FAQ marks its questions that `faq` recognises.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// Headings: a heading with sub-headings is a category, one without is
    /// a question (`faq`'s own convention, and most published FAQs').
    #[default]
    Headings,
    /// HTML `<h1>`…`<h6>` elements among (or instead of) Markdown headings.
    HtmlHeadings,
    /// `<details><summary>Question</summary> answer </details>`.
    Details,
    /// MkDocs' collapsible admonitions: `??? question "Question"`.
    Admonitions,
    /// Question paragraphs: `**How do I …?**`, `Q: …` / `A: …`.
    Paragraphs,
    /// List items that are questions, answers indented below.
    ListItems,
}

impl Convention {
    /// How `faq check` names it.
    pub fn name(self) -> &'static str {
        match self {
            Convention::Headings => "headings",
            Convention::HtmlHeadings => "HTML headings",
            Convention::Details => "<details> blocks",
            Convention::Admonitions => "collapsible admonitions",
            Convention::Paragraphs => "question paragraphs",
            Convention::ListItems => "list items",
        }
    }
}

/// A file larger than this that yields one entry or none has a structure
/// `faq` did not recognise, and is reported.
const FEW_QUESTIONS_BYTES: usize = 4 * 1024;

/// A heading found by the scanner: an ATX heading line, or an HTML
/// `<h1>`…`<h6>` element.
#[derive(Debug)]
struct Heading<'a> {
    level: usize,
    /// 1-based line number.
    line: usize,
    /// Byte range of the whole heading, newline included, and of the
    /// anchor lines (`<a name="x"></a>`) right above it.
    span: Range<usize>,
    /// The heading's content with closing `#`s and attributes removed (for
    /// an HTML heading: what is between its tags).
    content: &'a str,
    /// The `#id` from a trailing `{#id .class}` attribute block, or an HTML
    /// heading's `id` or `name`.
    id: Option<&'a str>,
    /// True for an HTML heading.
    html: bool,
    /// The names of the anchors right above it.
    anchors: Vec<&'a str>,
}

impl Heading<'_> {
    /// The heading's text as plain text, without a number in front of it
    /// (`1. How do I …?`).
    fn title(&self) -> String {
        let title = if self.html {
            // Published FAQs write Markdown between the tags too.
            heading_text(&html::plain_text(self.content))
        } else {
            heading_text(self.content)
        };
        without_number(&title).to_owned()
    }
}

/// `How …?` of `1. How …?`, `2) How …?`, `Q3. How …?` or `Q: How …?`.
fn without_number(title: &str) -> &str {
    for label in ["Q: ", "Q. ", "Question: "] {
        if let Some(rest) = title.strip_prefix(label).filter(|r| !r.trim().is_empty()) {
            return rest.trim_start();
        }
    }
    let rest = title.strip_prefix(['Q', 'q']).unwrap_or(title);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return title;
    }
    match rest[digits..].strip_prefix(['.', ')', ':']) {
        Some(after) if after.starts_with(' ') && !after.trim().is_empty() => after.trim_start(),
        _ => title,
    }
}

/// Words a question starts with, when it does not end with a question mark.
const QUESTION_WORDS: &[&str] = &[
    "how", "what", "why", "when", "where", "who", "whom", "which", "can", "could", "do", "does",
    "did", "is", "are", "was", "should", "will", "would", "may", "must", "shall",
];

/// True when a heading reads as a question (`How do I …`, `… ?`): such a
/// heading with sub-headings that are not questions is a question in
/// parts, not a category.
fn reads_as_question(title: &str) -> bool {
    let title = title.trim_end();
    if title.ends_with(['?', '？', ';']) {
        return true;
    }
    let first = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    QUESTION_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// The headings of a document with room to look ahead: a question's parts
/// are read before it is known to be a question.
struct Lookahead<'s, 'a> {
    scanner: &'s mut Headings<'a>,
    pending: std::collections::VecDeque<Heading<'a>>,
}

impl<'a> Lookahead<'_, 'a> {
    fn next(&mut self) -> Option<Heading<'a>> {
        self.pending.pop_front().or_else(|| self.scanner.next())
    }

    fn peek(&mut self) -> Option<&Heading<'a>> {
        if self.pending.is_empty() {
            let next = self.scanner.next()?;
            self.pending.push_back(next);
        }
        self.pending.front()
    }

    /// When `heading` reads as a question and none of the headings under it
    /// does, takes those (its parts) and returns where the last part's
    /// text ends; otherwise leaves them to be read as usual.
    fn parts_of(&mut self, heading: &Heading<'_>, title: &str, text_end: usize) -> Option<usize> {
        if !reads_as_question(title) {
            return None;
        }
        let mut parts = Vec::new();
        while let Some(next) = self.peek() {
            if next.level <= heading.level {
                break;
            }
            let part = self.next().expect("peeked");
            let is_question = reads_as_question(&part.title());
            parts.push(part);
            if is_question {
                // Not a question in parts: a category. Read them again.
                for part in parts.into_iter().rev() {
                    self.pending.push_front(part);
                }
                return None;
            }
        }
        Some(self.peek().map_or(text_end, |n| n.span.start))
    }
}

/// Parses one document. `source` names it in entries and problems.
pub fn parse_document(source: &str, text: &str) -> Parsed {
    let (front_matter, blanked) = front_matter::read(text);
    let text = blanked.as_deref().unwrap_or(text);
    let mut scanner = scan_headings(text);
    let mut headings = Lookahead {
        scanner: &mut scanner,
        pending: std::collections::VecDeque::new(),
    };
    let mut parsed = Parsed {
        front_matter,
        ..Parsed::default()
    };
    // Problems of layout (text outside entries, questions outside
    // categories) are defects only in a file written for `faq` (one that
    // gives its questions `{#id}`s): a published FAQ has a preamble.
    let mut layout = Problems::default();
    let mut authored = false;
    let first_heading = headings.peek().map_or(text.len(), |h| h.span.start);
    if let Some(line) = first_content_line(text, 0..first_heading, 1) {
        layout.push_with(|| {
            Problem::new(
                source,
                line,
                "text before the first heading belongs to no entry",
            )
        });
    }
    // Ids made from questions, to number repeats as GitHub numbers anchors.
    let mut made_ids = HashMap::new();
    let mut categories: Vec<(usize, String)> = Vec::new();
    while let Some(heading) = headings.next() {
        authored |= heading.id.is_some() && !heading.html;
        if heading.html {
            parsed.convention = Convention::HtmlHeadings;
        }
        categories.retain(|(level, _)| *level < heading.level);
        let title = heading.title();
        let next_start = headings.peek().map(|n| (n.level, n.span.start));
        let mut body_end = next_start.map_or(text.len(), |(_, start)| start);
        if next_start.is_some_and(|(level, _)| level > heading.level) {
            match headings.parts_of(&heading, &title, text.len()) {
                Some(end) => body_end = end,
                None => {
                    // The body starts on the line after the heading's.
                    let body = heading.span.end..body_end;
                    if let Some(line) = first_content_line(text, body, heading.line + 1) {
                        layout.push_with(|| {
                            Problem::new(
                                source,
                                line,
                                format!("text under category '{title}' belongs to no entry"),
                            )
                        });
                    }
                    categories.push((heading.level, title));
                    continue;
                }
            }
        }
        let body = heading.span.end..body_end;
        let (keywords, answer) = split_keywords(text, body);
        authored |= !keywords.is_empty();
        let answer = trim_blank_lines(text, answer);
        if answer.is_empty() {
            parsed.problems.push_with(|| {
                Problem::new(
                    source,
                    heading.line,
                    format!("question '{title}' has an empty answer"),
                )
            });
            continue;
        }
        if categories.is_empty() {
            layout.push_with(|| {
                Problem::new(
                    source,
                    heading.line,
                    format!("question '{title}' is outside any category"),
                )
            });
        }
        let mut aliases: Vec<Text> = heading
            .anchors
            .iter()
            .map(|&a| a.to_owned().into())
            .collect();
        let id = match heading.id {
            Some(id) if !heading.html => {
                if !text::is_kebab_case(id) {
                    parsed.problems.push_with(|| {
                        Problem::new(
                            source,
                            heading.line,
                            format!("id '{id}' is not kebab-case (a-z, 0-9 and single hyphens)"),
                        )
                    });
                }
                id.to_owned()
            }
            html_id => {
                let made = text::slug(&title);
                let github = text::github_slug(&title);
                if let Some(id) = html_id {
                    aliases.push(id.to_owned().into());
                }
                if !github.is_empty() && github != made {
                    aliases.push(github.into());
                }
                number_repeat(&mut made_ids, made)
            }
        };
        if id.is_empty() {
            parsed.problems.push_with(|| {
                Problem::new(
                    source,
                    heading.line,
                    "question has no id and no words to make one from",
                )
            });
            continue;
        }
        aliases.retain(|alias| **alias != *id);
        parsed.entries.push(Entry {
            id: id.into(),
            question: title.into(),
            category: categories
                .iter()
                .map(|(_, name)| Text::from(name.clone()))
                .collect(),
            keywords: keywords.into_iter().map(Text::from).collect(),
            answer: if markers::question_label(heading.content).is_some() {
                // `## Q: …` over `A: …`: the label comes off the answer too.
                markers::strip_answer_label(&clean_answer(&text[answer]))
            } else {
                clean_answer(&text[answer])
            }
            .into(),
            source: source.to_owned().into(),
            line: heading.line,
            aliases: aliases.into(),
        });
    }
    // A published FAQ may mark its questions otherwise: the convention that
    // finds the most questions wins.
    if !authored
        && markers::may_hold_questions(text)
        && let Some((convention, found)) = markers::best(text)
    {
        let spans: Vec<(usize, usize)> = found.iter().map(|c| (c.line, c.end)).collect();
        let entries = entries_of(source, found);
        if entries.len() > parsed.entries.len() {
            parsed.convention = convention;
            parsed.problems = Problems::default();
            parsed.entries = entries;
        } else if entries.len() >= 3 {
            // Both, where headings hold some questions and other questions
            // hold the rest: a heading that holds questions of the other
            // kind, or sits inside one's answer, is no question itself.
            let both = mixed(std::mem::take(&mut parsed.entries), entries, &spans);
            parsed.entries = both;
        }
    }
    let mut reorder = false;
    if authored && !layout.is_empty() {
        parsed.problems.append(&mut layout);
        reorder = true;
    }
    if let Some(unclosed) = scanner.unclosed {
        parsed
            .problems
            .push_with(|| Problem::new(source, unclosed.line, unclosed.message()));
        reorder = true;
    }
    if !authored && parsed.entries.len() <= 1 && text.len() > FEW_QUESTIONS_BYTES {
        let found = parsed.entries.len();
        parsed.problems.push_with(|| {
            Problem::new(
                source,
                0,
                format!(
                    "found no questions: {found} entr{} in {} KB; see README, \
                     \"Writing a corpus\", for the ways faq recognises questions",
                    if found == 1 { "y" } else { "ies" },
                    text.len() / 1024
                ),
            )
        });
        reorder = true;
    }
    if reorder {
        // In line order, as the rest.
        parsed.problems.sort_and_dedup();
    }
    parsed
}

/// The entries of two conventions in one document, in line order: those of
/// `headings` that neither hold a question of `others` (whose answers span
/// the lines `spans`) nor sit inside one's answer, and all of `others`;
/// `headings` alone when that keeps more.
fn mixed(headings: Vec<Entry>, others: Vec<Entry>, spans: &[(usize, usize)]) -> Vec<Entry> {
    // A heading entry's text runs to the next one's line. The spans never
    // overlap and come in order, so one pointer walks them.
    let mut spans_at = 0;
    let keep: Vec<bool> = (0..headings.len())
        .map(|index| {
            let start = headings[index].line;
            let end = headings.get(index + 1).map_or(usize::MAX, |next| next.line);
            while spans.get(spans_at).is_some_and(|&(_, stop)| stop <= start) {
                spans_at += 1;
            }
            // The first span that ends after `start` overlaps the entry
            // when it begins before `end`.
            spans.get(spans_at).is_none_or(|&(line, _)| line >= end)
        })
        .collect();
    if keep.iter().filter(|&&k| k).count() + others.len() < headings.len() {
        return headings;
    }
    let mut both: Vec<Entry> = headings
        .into_iter()
        .zip(keep)
        .filter_map(|(entry, keep)| keep.then_some(entry))
        .chain(others)
        .collect();
    both.sort_by_key(|e| e.line);
    both
}

/// Entries of questions found by [`markers`]: ids made from the questions,
/// GitHub's slug of each as an alias.
fn entries_of(source: &str, found: Vec<markers::Candidate>) -> Vec<Entry> {
    let mut made_ids = HashMap::new();
    found
        .into_iter()
        .filter_map(|candidate| {
            let answer = clean_answer(&candidate.answer);
            let id = number_repeat(&mut made_ids, text::slug(&candidate.question));
            if answer.trim().is_empty() || id.is_empty() {
                return None;
            }
            let github = text::github_slug(&candidate.question);
            let aliases: Vec<Text> = if github.is_empty() || github == id {
                Vec::new()
            } else {
                vec![github.into()]
            };
            Some(Entry {
                id: id.into(),
                question: candidate.question.into(),
                category: candidate.category.into_iter().map(Text::from).collect(),
                keywords: Default::default(),
                answer: answer.into(),
                source: source.to_owned().into(),
                line: candidate.line,
                aliases: aliases.into(),
            })
        })
        .collect()
}

/// `made` the first time, then `made-1`, `made-2`, … as GitHub numbers
/// the anchors of headings that read the same.
fn number_repeat(seen: &mut HashMap<String, u32>, made: String) -> String {
    if made.is_empty() {
        return made;
    }
    if !seen.contains_key(&made) {
        seen.insert(made.clone(), 0);
        return made;
    }
    // Each id remembers how far its numbering went: a thousand repeats
    // are numbered in a thousand steps, not half a million.
    loop {
        let n = seen.get_mut(&made).map_or(1, |n| {
            *n += 1;
            *n
        });
        let candidate = format!("{made}-{n}");
        if !seen.contains_key(&candidate) {
            seen.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// An answer's Markdown without the navigation a published FAQ puts
/// between its entries (`Back to top`, anchors for the next heading) and
/// without page furniture (`<hr>` lines, `<style>` blocks).
fn clean_answer(answer: &str) -> String {
    let mut in_style = false;
    let mut left_out = false;
    let mut kept = String::new();
    for line in answer.split_inclusive('\n') {
        let trimmed = line.trim();
        // Every line left out starts with `<` or `[` (a `<style>` block
        // with its opening line): most lines are kept at a glance.
        let leave_out = if in_style {
            in_style = !trimmed.to_ascii_lowercase().contains("</style>");
            true
        } else if trimmed.starts_with(['<', '[']) {
            let lower = trimmed.to_ascii_lowercase();
            in_style = lower.starts_with("<style") && !lower.contains("</style>");
            lower.starts_with("<style")
                || matches!(lower.as_str(), "<hr>" | "<hr/>" | "<hr />")
                || html::anchor_names(trimmed).is_some()
                || is_navigation(trimmed)
        } else {
            false
        };
        left_out |= leave_out;
        if !leave_out {
            kept.push_str(line);
        }
    }
    if !left_out {
        // Taken whole: the answer stays the very text of the file.
        return answer.to_owned();
    }
    kept.trim().to_owned()
}

/// A line that only takes the reader somewhere else in the page:
/// `[Back to top](#top)`, `<a href="#index">⬆ Return to Index</a>`.
fn is_navigation(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let visible = if let Some(rest) = lower.strip_prefix('[') {
        if !rest.contains("](#") {
            return false;
        }
        rest.split(']').next().unwrap_or("").to_owned()
    } else if lower.starts_with("<a ") && lower.contains("href=\"#") {
        html::plain_text(&lower)
    } else {
        return false;
    };
    let words: String = visible
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    matches!(
        words.as_str(),
        "back to top"
            | "return to top"
            | "return to index"
            | "back to index"
            | "top"
            | "return to the top"
            | "back to the top"
            | "go to top"
            | "to top"
            | "back"
    )
}

/// Finds the ATX headings that structure the document, one at a time, so
/// that a document of millions of headings never holds them all at once.
///
/// Most lines are prose: outside code fences and comments a line can only
/// matter when its first character (after at most three spaces) is `#`,
/// `` ` ``, `~` or `<`, so every other line is skipped after a look at its
/// first bytes, and the search for the next line end reads eight bytes at
/// a time.
///
/// A code fence or HTML comment that is never closed runs to the end of the
/// document in Markdown, hiding every heading after it. Rather than lose
/// those entries, the scanner goes back to the line after the opening and
/// reads it as text (see [`Unclosed`]); from then on it knows which later
/// openings of that kind never close, so it goes back at most once per kind
/// and stays linear.
fn scan_headings(text: &str) -> Headings<'_> {
    Headings {
        text,
        fence: None,
        in_comment: false,
        start: 0,
        index: 0,
        open: None,
        last_comment_end: None,
        fence_ends: None,
        unclosed: None,
        anchors: None,
    }
}

/// A code fence or HTML comment that is never closed and would hide the
/// headings after it; the scanner reads it as text instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// 1-based line of the opening.
    pub line: usize,
    pub kind: Opening,
}

/// What kind of block an [`Unclosed`] opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Fence,
    Comment,
}

impl Unclosed {
    /// How `check` and loading report it.
    pub fn message(&self) -> &'static str {
        match self.kind {
            Opening::Fence => {
                "code fence is never closed and would hide every heading after it; \
                 they are read as entries (close the fence)"
            }
            Opening::Comment => {
                "HTML comment `<!--` is never closed and would hide every heading after it; \
                 they are read as entries (close it with `-->`)"
            }
        }
    }
}

/// A fence or comment the scanner is inside of, and where to go back to if
/// it turns out never to close.
#[derive(Debug, Clone, Copy)]
struct Open {
    line: usize,
    /// Offset just past the opening line.
    resume: usize,
    kind: Opening,
    /// Whether a line inside it reads as a heading.
    hides_heading: bool,
}

/// The scanner's state between two headings: see [`scan_headings`].
struct Headings<'a> {
    text: &'a str,
    fence: Option<(u8, usize)>,
    in_comment: bool,
    /// Where the next line starts.
    start: usize,
    /// The 1-based number of the last line read.
    index: usize,
    open: Option<Open>,
    /// Once a comment was found unclosed: the offset of the last `-->`, past
    /// which an opening `<!--` never closes.
    last_comment_end: Option<Option<usize>>,
    /// Once a fence was found unclosed: the lines that could close a fence.
    fence_ends: Option<FenceEnds>,
    /// The first opening found never to close: for Markdown, everything
    /// after it is hidden, so it is the one to report.
    unclosed: Option<Unclosed>,
    /// Anchor lines (`<a name="x"></a>`) waiting for a heading, blank lines
    /// apart: where the first starts, and their names.
    anchors: Option<(usize, Vec<&'a str>)>,
}

impl<'a> Iterator for Headings<'a> {
    type Item = Heading<'a>;

    fn next(&mut self) -> Option<Heading<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            if self.start >= bytes.len() {
                let open = self.open.take()?;
                if !open.hides_heading {
                    return None;
                }
                self.go_back_to(open);
                continue;
            }
            let span = self.start..line_end(bytes, self.start);
            self.start = span.end;
            self.index += 1;
            // Anchors belong to a heading on the next line that is not blank.
            let anchors = match self.anchors {
                Some(_) if !bytes[span.clone()].iter().all(u8::is_ascii_whitespace) => {
                    self.anchors.take()
                }
                _ => None,
            };
            if !self.in_comment {
                let spaces = bytes[span.clone()]
                    .iter()
                    .take(4)
                    .take_while(|&&b| b == b' ');
                let first = bytes.get(span.start + spaces.count()).copied();
                let may_matter = match self.fence {
                    Some((fence_char, _)) => {
                        first == Some(fence_char)
                            || (first == Some(b'#') && self.open.is_some_and(|o| !o.hides_heading))
                    }
                    None => matches!(first, Some(b'#' | b'`' | b'~' | b'<')),
                };
                if !may_matter {
                    continue;
                }
            }
            let line = text[span.clone()].trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if self.fence.is_some() || self.in_comment {
                let closed = match self.fence {
                    Some((fence_char, fence_len)) => {
                        indent <= 3 && is_closing_fence(rest, fence_char, fence_len)
                    }
                    None => line.contains("-->"),
                };
                if closed {
                    self.fence = None;
                    self.in_comment = false;
                    self.open = None;
                } else if let Some(open) = &mut self.open
                    && !open.hides_heading
                    && indent <= 3
                    && atx_heading(rest).is_some()
                {
                    open.hides_heading = true;
                }
                continue;
            }
            if indent > 3 {
                continue;
            }
            if let Some((fence_char, fence_len)) = opening_fence(rest) {
                if !self.fence_never_closes(span.end, fence_char, fence_len) {
                    self.fence = Some((fence_char, fence_len));
                    self.opened(span.end, Opening::Fence);
                }
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                let never_closes = || {
                    self.last_comment_end
                        .is_some_and(|end| end.is_none_or(|end| end < span.end))
                };
                if !comment.contains("-->") && !never_closes() {
                    self.in_comment = true;
                    self.opened(span.end, Opening::Comment);
                }
                continue;
            }
            let (start, anchors) = match anchors {
                Some((start, names)) => (start, names),
                None => (span.start, Vec::new()),
            };
            if let Some((level, content)) = atx_heading(rest) {
                let (content, id) = split_attributes(content);
                return Some(Heading {
                    level,
                    line: self.index,
                    span: start..span.end,
                    content,
                    id,
                    html: false,
                    anchors,
                });
            }
            if rest.starts_with('<') {
                if let Some(names) = html::anchor_names(rest) {
                    // Added to those waiting above (never copied in front
                    // of them: a run of anchor lines stays linear).
                    let start = if anchors.is_empty() {
                        span.start
                    } else {
                        start
                    };
                    let mut waiting = anchors;
                    waiting.extend(names);
                    self.anchors = Some((start, waiting));
                    continue;
                }
                if let Some(found) = html::heading(text, span.start + indent) {
                    let line = self.index;
                    // Lines read past the first.
                    let read = &text[span.start..found.end];
                    self.index += newlines(read.strip_suffix('\n').unwrap_or(read).as_bytes());
                    self.start = found.end;
                    return Some(Heading {
                        level: found.level,
                        line,
                        span: start..found.end,
                        content: found.content,
                        id: found.id,
                        html: true,
                        anchors,
                    });
                }
            }
        }
    }
}

impl Headings<'_> {
    /// Notes a fence or comment opened on the line ending at `resume`.
    fn opened(&mut self, resume: usize, kind: Opening) {
        self.open = Some(Open {
            line: self.index,
            resume,
            kind,
            hides_heading: false,
        });
    }

    /// Goes back to just after `open`, which never closes, and reads on as
    /// if it were text; learns what it needs to know that of later openings.
    fn go_back_to(&mut self, open: Open) {
        self.unclosed.get_or_insert(Unclosed {
            line: open.line,
            kind: open.kind,
        });
        self.start = open.resume;
        self.index = open.line;
        self.fence = None;
        self.in_comment = false;
        match open.kind {
            Opening::Comment => {
                self.last_comment_end
                    .get_or_insert_with(|| self.text.rfind("-->"));
            }
            Opening::Fence => {
                if self.fence_ends.is_none() {
                    self.fence_ends = Some(FenceEnds::new(self.text));
                }
            }
        }
    }

    /// True when a fence opened on the line ending at `after` is known never
    /// to close.
    fn fence_never_closes(&self, after: usize, fence_char: u8, fence_len: usize) -> bool {
        self.fence_ends
            .as_ref()
            .is_some_and(|ends| ends.longest_after(after, fence_char) < fence_len)
    }
}

/// The lines of a document that could close a code fence, so that whether
/// a fence ever closes is known without reading on: a fence closes when a
/// later such line of its character is at least as long.
#[derive(Debug)]
struct FenceEnds {
    /// Per fence character (`` ` `` then `~`): `(line start, longest closing
    /// run from this line on)`, in document order.
    ends: [Vec<(usize, usize)>; 2],
}

impl FenceEnds {
    fn new(text: &str) -> FenceEnds {
        let mut ends: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if let Some(&first) = rest.as_bytes().first()
                && indent <= 3
                && let Some(slot) = Self::slot(first)
            {
                let run = rest.bytes().take_while(|&b| b == first).count();
                if run >= 3 && rest[run..].trim().is_empty() {
                    ends[slot].push((start, run));
                }
            }
            start += raw.len();
        }
        for list in &mut ends {
            let mut longest = 0;
            for (_, run) in list.iter_mut().rev() {
                longest = longest.max(*run);
                *run = longest;
            }
        }
        FenceEnds { ends }
    }

    fn slot(fence_char: u8) -> Option<usize> {
        match fence_char {
            b'`' => Some(0),
            b'~' => Some(1),
            _ => None,
        }
    }

    /// The longest closing run of `fence_char` on a line starting at or
    /// after `offset` (0 when there is none).
    fn longest_after(&self, offset: usize, fence_char: u8) -> usize {
        let Some(list) = Self::slot(fence_char).map(|slot| &self.ends[slot]) else {
            return 0;
        };
        let at = list.partition_point(|&(start, _)| start < offset);
        list.get(at).map_or(0, |&(_, longest)| longest)
    }
}

/// `text` with its front matter blanked out (line numbers kept), when it
/// has any.
pub fn blank_front_matter(text: &str) -> Option<String> {
    front_matter::read(text).1
}

/// The names and ids an HTML fragment gives its elements (`<a name="x">`,
/// `<h3 id="y">`): link targets within a page.
pub fn html_anchors(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag_end = rest[open..]
            .find('>')
            .map_or(rest.len(), |end| open + end + 1);
        let tag = &rest[open..tag_end];
        for attr in ["name", "id"] {
            if let Some(value) = html::attribute(tag, attr).filter(|v| !v.is_empty()) {
                found.push(value.to_owned());
            }
        }
        rest = &rest[tag_end..];
    }
    found
}

/// The 1-based lines of the headings that structure `text` (entry
/// boundaries), each with whether Markdown would hide it (after a fence or
/// comment that never closes): for `check`'s cross-examination, in order.
pub(crate) fn heading_lines(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    let mut headings = scan_headings(text);
    std::iter::from_fn(move || {
        let heading = headings.next()?;
        let hidden = headings
            .unclosed
            .is_some_and(|first| first.line < heading.line);
        Some((heading.line, hidden))
    })
}

/// `(level, content)` when `line` is an ATX heading.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &line[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut content = after.trim_matches([' ', '\t']);
    // An optional closing sequence: `## Question ##`.
    let without_hashes = content.trim_end_matches('#');
    if without_hashes.is_empty() {
        content = "";
    } else if without_hashes.ends_with([' ', '\t']) {
        content = without_hashes.trim_end_matches([' ', '\t']);
    }
    Some((level, content))
}

/// Splits a trailing `{#id .class key=value}` attribute block off a heading,
/// as pulldown-cmark's heading attributes extension reads it.
fn split_attributes(content: &str) -> (&str, Option<&str>) {
    let Some(body) = content.strip_suffix('}') else {
        return (content, None);
    };
    let Some(open) = body.rfind('{') else {
        return (content, None);
    };
    let attributes = &body[open + 1..];
    let id = attributes
        .split_ascii_whitespace()
        .filter_map(|attr| attr.strip_prefix('#'))
        .next_back()
        .filter(|id| !id.is_empty());
    (content[..open].trim_end_matches([' ', '\t']), id)
}

/// The plain text of a heading's inline Markdown (`**2FA**` → `2FA`).
fn heading_text(content: &str) -> String {
    // (Bytes, not chars: every character looked for is ASCII.)
    if !content
        .bytes()
        .any(|b| matches!(b, b'\\' | b'`' | b'*' | b'_' | b'[' | b'<' | b'&' | b'!'))
    {
        return content.to_owned();
    }
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(content) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Takes an optional `<!-- keywords: a, b -->` line off the top of an answer.
fn split_keywords(text: &str, body: Range<usize>) -> (Vec<String>, Range<usize>) {
    let slice = &text[body.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let rest = &slice[leading..];
    // Only a comment can hold keywords: most answers stop here.
    if !rest.starts_with("<!--") {
        return (Vec::new(), body);
    }
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let first_line = rest[..line_end].trim();
    let keywords = first_line
        .strip_prefix("<!--")
        .and_then(|l| l.strip_suffix("-->"))
        .map(str::trim)
        .and_then(|l| l.strip_prefix("keywords:"));
    match keywords {
        Some(list) => {
            let keywords = list
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect();
            (keywords, body.start + leading + line_end..body.end)
        }
        None => (Vec::new(), body),
    }
}

/// Narrows `range` to exclude blank lines at either end (and trailing spaces).
fn trim_blank_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let trimmed_start = slice.len() - slice.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Keep the first line's indentation: step back to the start of that line.
    let start = slice[..trimmed_start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .min(trimmed_start);
    let end = slice.trim_end().len();
    if end <= start {
        return range.start..range.start;
    }
    range.start + start..range.start + end
}

/// The 1-based line of the first non-blank line within `range`, if any;
/// `line` is the line `range` starts on. Counting from there, not from the
/// top of the document, keeps a document of many categories linear.
fn first_content_line(text: &str, range: Range<usize>, line: usize) -> Option<usize> {
    let slice = &text[range];
    let offset = slice.find(|c: char| !c.is_whitespace())?;
    Some(line + newlines(&slice.as_bytes()[..offset]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed {
        parse_document("t.md", text)
    }

    #[test]
    fn categories_and_questions_follow_the_heading_tree() {
        let p = parse(
            "# Services\n\n## Billing\n\n### How do I pay? {#pay}\n\nWith a card.\n\n## Ops\n\n### DNS is down\n\nWait.\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].id, "pay");
        assert_eq!(*p.entries[0].category, ["Services", "Billing"]);
        assert_eq!(p.entries[0].answer, "With a card.");
        assert_eq!(p.entries[0].line, 5);
        assert_eq!(p.entries[1].id, "dns-is-down");
        assert_eq!(*p.entries[1].category, ["Services", "Ops"]);
    }

    #[test]
    fn keywords_line_is_metadata_not_answer() {
        let p = parse("# C\n\n## Q {#q}\n\n<!-- keywords: 2fa, mfa , -->\n\nA.\n");
        assert_eq!(*p.entries[0].keywords, ["2fa", "mfa"]);
        assert_eq!(p.entries[0].answer, "A.");
    }

    #[test]
    fn headings_inside_code_fences_and_comments_are_answer_text() {
        let text = "# C\n\n## Q\n\n```sh\n# not a heading\n```\n\n<!--\n# hidden\n-->\nend\n";
        let p = parse(text);
        assert_eq!(p.entries.len(), 1);
        assert!(p.entries[0].answer.contains("# not a heading"));
        assert!(p.entries[0].answer.ends_with("end"));
    }

    #[test]
    fn answer_is_an_exact_slice_of_the_source() {
        let text = "# C\n\n## Q\n\n  - indented item\n\n    code\n\n";
        let p = parse(text);
        assert_eq!(p.entries[0].answer, "  - indented item\n\n    code");
        assert!(text.contains(&*p.entries[0].answer));
    }

    #[test]
    fn reports_empty_answers_and_orphans_in_a_file_written_for_faq() {
        let p = parse("intro\n# C\n\n### Deep {#deep}\n\nA.\n\n### Empty\n## Orphan?\n");
        let messages: Vec<String> = p.problems.messages();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:1: text before")),
            "{messages:?}"
        );
        // A skipped level loses nothing: it is no defect.
        assert!(
            !messages.iter().any(|m| m.contains("skipped")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:8: question 'Empty' has an empty answer")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("t.md:9: question 'Orphan?' has an empty answer")),
            "{messages:?}"
        );
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn question_outside_category_is_reported_but_kept() {
        let p = parse("## Lonely? {#lonely}\n\nYes.\n");
        assert_eq!(p.entries.len(), 1);
        assert!(
            p.problems
                .kept()
                .iter()
                .any(|x| x.message.contains("outside any category"))
        );
    }

    #[test]
    fn heading_markup_becomes_plain_text() {
        let p = parse("# C\n\n## How do I use `/devtools` **now**? {#devtools .x}\n\nA.\n");
        assert_eq!(p.entries[0].question, "How do I use /devtools now?");
        assert_eq!(p.entries[0].id, "devtools");
    }

    #[test]
    fn closing_hashes_and_crlf_are_handled() {
        let p = parse("# C #\r\n\r\n## Q ##\r\n\r\nA.\r\n");
        assert_eq!(*p.entries[0].category, ["C"]);
        assert_eq!(p.entries[0].question, "Q");
        assert_eq!(p.entries[0].answer, "A.");
    }

    /// A heading as the tests compare them: level, line, span, content, id.
    type Found<'a> = (usize, usize, Range<usize>, &'a str, Option<&'a str>);

    /// The line-by-line scanner that [`scan_headings`] must agree with: it
    /// reads the whole text again each time it finds an opening that never
    /// closes and hides a heading, taking that opening as text from then on.
    fn reference_headings(text: &str) -> Vec<Found<'_>> {
        let mut as_text = Vec::new();
        loop {
            match reference_pass(text, &as_text) {
                Ok(found) => return found,
                Err(opening) => as_text.push(opening),
            }
        }
    }

    /// One pass of [`reference_headings`]: the headings, or the line of an
    /// opening that never closes and hides a heading.
    fn reference_pass<'t>(text: &'t str, as_text: &[usize]) -> Result<Vec<Found<'t>>, usize> {
        let mut out = Vec::new();
        let (mut fence, mut in_comment, mut offset) = (None, false, 0);
        let mut open: Option<(usize, bool)> = None;
        for (index, raw_line) in text.split_inclusive('\n').enumerate() {
            let span = offset..offset + raw_line.len();
            offset = span.end;
            let line = raw_line.trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let looks_like_heading = indent <= 3 && atx_heading(rest).is_some();
            if let Some((fence_char, fence_len)) = fence {
                if indent <= 3 && is_closing_fence(rest, fence_char, fence_len) {
                    fence = None;
                    open = None;
                } else if let Some((_, hides)) = &mut open {
                    *hides |= looks_like_heading;
                }
                continue;
            }
            if in_comment {
                in_comment = !line.contains("-->");
                if in_comment {
                    if let Some((_, hides)) = &mut open {
                        *hides |= looks_like_heading;
                    }
                } else {
                    open = None;
                }
                continue;
            }
            if indent > 3 || as_text.contains(&(index + 1)) {
                if indent <= 3
                    && let Some((level, content)) = atx_heading(rest)
                {
                    let (content, id) = split_attributes(content);
                    out.push((level, index + 1, span, content, id));
                }
                continue;
            }
            if let Some(opened) = opening_fence(rest) {
                fence = Some(opened);
                open = Some((index + 1, false));
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                in_comment = !comment.contains("-->");
                if in_comment {
                    open = Some((index + 1, false));
                }
                continue;
            }
            if let Some((level, content)) = atx_heading(rest) {
                let (content, id) = split_attributes(content);
                out.push((level, index + 1, span, content, id));
            }
        }
        match open {
            Some((line, true)) => Err(line),
            _ => Ok(out),
        }
    }

    #[test]
    fn heading_scan_agrees_with_the_line_by_line_reference() {
        let pieces = [
            "# A",
            "## B {#b}",
            "    # code",
            "   ### C",
            "#x",
            "```",
            "```rust",
            "~~~",
            "````",
            "<!--",
            "-->",
            "<!-- c -->",
            "text",
            "  - item",
            "\t# tab",
            "",
            " ",
            "é ü",
            "\r",
            "###### six ##",
            "####### seven",
            "`` `x` ``",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..5_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bits = state;
            for _ in 0..(bits % 14) {
                bits = bits.rotate_left(7).wrapping_mul(0x2545_f491_4f6c_dd1d);
                text.push_str(pieces[(bits >> 40) as usize % pieces.len()]);
                if bits & 1 == 0 {
                    text.push('\n');
                }
            }
            let fast: Vec<_> = scan_headings(&text)
                .map(|h| (h.level, h.line, h.span, h.content, h.id))
                .collect();
            assert_eq!(fast, reference_headings(&text), "{text:?}");
        }
    }

    #[test]
    fn category_text_is_reported_on_its_own_line() {
        let p = parse("# A\n\n\n  intro\n## Q {#q}\n\nA.\n# C\n## R\nB.\n");
        let lines: Vec<usize> = p
            .problems
            .kept()
            .iter()
            .filter(|x| x.message.contains("belongs to no entry"))
            .map(|x| x.line)
            .collect();
        assert_eq!(lines, [4]);
        let p = parse("# A #\r\n\r\nintro\r\n## Q {#q}\n\nA.\n");
        assert_eq!(p.problems.kept()[0].line, 3, "{:?}", p.problems);
    }

    #[test]
    fn a_published_faqs_preamble_and_title_are_not_defects() {
        let p = parse("Intro.\n# Our FAQ\n\nSee below.\n\n## How?\n\nSo.\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(*p.entries[0].category, ["Our FAQ"]);
    }

    #[test]
    fn a_question_heading_keeps_its_parts() {
        let text = "# FAQ\n## Is tox supported?\n\nYes.\n\n### Use case 1\n\nA.\n\n### Use case 2\n\nB.\n## Why?\n\nC.\n";
        let p = parse(text);
        let questions: Vec<&str> = p.entries.iter().map(|e| &*e.question).collect();
        assert_eq!(questions, ["Is tox supported?", "Why?"]);
        assert!(p.entries[0].answer.contains("### Use case 2\n\nB."));
        // A heading with questions under it stays a category, question or not.
        let p = parse("# What is there?\n## Part\n\nA.\n## How?\n\nB.\n");
        let questions: Vec<&str> = p.entries.iter().map(|e| &*e.question).collect();
        assert_eq!(questions, ["Part", "How?"]);
        assert_eq!(*p.entries[0].category, ["What is there?"]);
    }

    #[test]
    fn html_headings_and_anchors_make_entries_with_aliases() {
        let text = "## FAQ\n\n* [Config?](#config)\n\n<h3 name=\"config\">\nDoes it support config files?\n</h3>\n\nYes.\n\n<a name=\"old-name\"></a>\n### Can't it be faster?\n\nNo.\n";
        let p = parse(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.convention, Convention::HtmlHeadings);
        let e = &p.entries;
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].question, "Does it support config files?");
        assert_eq!(e[0].id, "does-it-support-config-files");
        assert!(e[0].aliases.iter().any(|a| a == "config"));
        assert_eq!(e[0].answer, "Yes.", "the anchor line is not in the answer");
        assert_eq!(e[0].line, 5);
        assert_eq!(e[1].question, "Can't it be faster?");
        assert_eq!(e[1].line, 12);
        let aliases: Vec<&str> = e[1].aliases.iter().map(|a| &**a).collect();
        assert_eq!(aliases, ["old-name", "cant-it-be-faster"]);
    }

    #[test]
    fn repeated_questions_are_numbered_and_front_matter_is_metadata() {
        let text = "---\ntitle: FAQ\n# a comment\n---\n# C\n## Why?\n\nA.\n## Why?\n\nB.\n## 为什么？\n\nC.\n";
        let p = parse(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.front_matter.title.as_deref(), Some("FAQ"));
        let ids: Vec<&str> = p.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["why", "why-1", "为什么"]);
        assert_eq!(p.entries[0].line, 6);
    }

    #[test]
    fn numbered_questions_lose_their_numbers_and_furniture_leaves_answers() {
        let text = "# FAQ\n## 1. How do I pay?\n\nBy card.\n\n<hr>\n\n<style>\np { color: red }\n</style>\n## 2) Why?\n\nBecause.\n## 2024 plans\n\nMany.\n";
        let p = parse(text);
        let questions: Vec<&str> = p.entries.iter().map(|e| &*e.question).collect();
        assert_eq!(questions, ["How do I pay?", "Why?", "2024 plans"]);
        assert_eq!(p.entries[0].answer, "By card.");
        let p = parse("# FAQ\n## Q: Can I pay later?\n\nA: Yes.\n");
        assert_eq!(p.entries[0].question, "Can I pay later?");
        assert_eq!(p.entries[0].answer, "Yes.");
    }

    #[test]
    fn navigation_lines_leave_answers() {
        let p = parse("# C\n## Q?\n\nA.\n\n[Back to Top](#top)\n\n## R?\n\nB.\n");
        assert_eq!(p.entries[0].answer, "A.");
    }

    #[test]
    fn a_large_file_of_one_entry_is_reported() {
        let text = format!("# Title\n\n{}", "Some words here.\n".repeat(400));
        let p = parse(&text);
        assert_eq!(p.entries.len(), 1);
        assert!(
            p.problems.kept()[0]
                .message
                .starts_with("found no questions"),
            "{:?}",
            p.problems
        );
    }

    #[test]
    fn an_unclosed_comment_is_reported_and_the_entries_after_it_still_load() {
        let p = parse("# C\n\n## A\n\nText.\n<!-- note\n\n## B\n\nAnswer B.\n");
        let ids: Vec<&str> = p.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["a", "b"]);
        let problems = p.problems.kept();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 6);
        assert!(problems[0].message.contains("never closed"), "{problems:?}");
    }

    #[test]
    fn an_unclosed_fence_is_reported_and_the_entries_after_it_still_load() {
        let p = parse("# C\n\n## A\n\n````sh\nls\n```\n\n## B\n\nAnswer B.\n");
        let ids: Vec<&str> = p.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(p.entries[0].answer.contains("````sh"));
        let problems = p.problems.kept();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].message.contains("code fence"), "{problems:?}");
    }

    #[test]
    fn an_unclosed_opening_that_hides_no_heading_is_not_a_problem() {
        let p = parse("# C\n\n## A\n\nText.\n\n```\ncode to the end\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.entries.len(), 1);
    }

    #[test]
    fn only_the_opening_markdown_reads_as_unclosed_is_reported() {
        // For Markdown, the second `<!--` is inside the first comment: it
        // opens nothing, though it never closes either.
        let text = "# T\n## A\na\n<!--\n## B\nb\n<!-- again\n## C\nc\n";
        let p = parse(text);
        let ids: Vec<&str> = p.entries.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let lines: Vec<usize> = p.problems.kept().iter().map(|x| x.line).collect();
        assert_eq!(lines, [4]);
    }

    #[test]
    fn thousands_of_unclosed_openings_are_read_in_one_pass_each() {
        // Each opening would make a scanner that goes back for each one read
        // the rest of the text again: quadratic.
        let text = "# T\n".to_owned() + &"## Q\n<!--\n".repeat(20_000);
        assert_eq!(scan_headings(&text).count(), 20_001);
        // The first comment is read as text; then each fence closes at the
        // next, and hides the heading between.
        let text = "# T\n".to_owned() + &"## Q\n<!--\n```\n".repeat(20_000);
        assert_eq!(scan_headings(&text).count(), 10_001);
    }

    #[test]
    fn not_headings() {
        assert!(atx_heading("#hashtag").is_none());
        assert!(atx_heading("####### seven").is_none());
        assert_eq!(atx_heading("#"), Some((1, "")));
    }
}
