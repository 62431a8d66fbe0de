//! Where entries come from: the FAQ embedded at build time, plus any folders
//! or files the user points at. Reading is kept apart from parsing so that a
//! bad file is reported and skipped while its neighbours still load.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::entry::{Entry, Problem, Problems};
use crate::error::io_message;
use crate::parse;
use crate::prebuilt;
use crate::read;
use crate::text;
use crate::threads;

/// The Element / Matrix FAQ, compiled into the binary.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/faq");

/// Larger files are refused rather than read: nobody writes a 256 MiB FAQ page.
pub(crate) const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Directories nested deeper than this are not descended into.
const MAX_DEPTH: usize = 64;

/// A readable corpus file, held in memory.
#[derive(Debug)]
pub struct Document {
    /// Display name used in entries and problems.
    pub name: String,
    pub text: String,
}

pub use crate::settings::Source;

/// All entries of all sources, merged, with every problem met on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    pub entries: Vec<Entry>,
    pub problems: Problems,
    /// What was recognised in each file read, in order (none for the
    /// embedded FAQ when it comes ready-made).
    pub files: Vec<FileSummary>,
    /// True when the entries are the embedded FAQ's alone, as built by
    /// `build.rs` (see [`prebuilt`]): `search::Index::builtin()` indexes them.
    pub builtin: bool,
}

impl Corpus {
    /// Reads and parses `sources` in order; a later source's entry replaces an
    /// earlier one with the same id.
    ///
    /// Each file is parsed as soon as it is read and its text dropped once
    /// its entries are cut out of it, on both cores when the files are large
    /// enough together to pay for a thread: a big corpus is never held twice.
    pub fn load(sources: &[Source]) -> Corpus {
        if let [Source::Builtin] = sources {
            return Corpus {
                entries: prebuilt::entries(),
                problems: Problems::default(),
                files: Vec::new(),
                builtin: true,
            };
        }
        let mut problems = Problems::default();
        let groups: Vec<Vec<Hashed>> = sources
            .iter()
            .map(|source| {
                let (parsed, mut found) = load_source(source);
                problems.append(&mut found);
                parsed
            })
            .collect();
        let mut corpus = Corpus::merge(groups);
        problems.append(&mut corpus.problems);
        corpus.problems = problems;
        corpus
    }

    /// Parses already-read documents, one group per source, in order.
    pub fn from_documents(sources: &[Vec<Document>]) -> Corpus {
        Corpus::merge(
            sources
                .iter()
                .map(|documents| parse_all(documents))
                .collect(),
        )
    }

    /// Merges parsed documents, one group per source, in order: an id used
    /// twice within a source is reported, one used again by a later source
    /// replaces the earlier entry in place.
    ///
    /// The usual corpus has no id twice: that is settled by sorting the ids'
    /// hashes (made while each file was parsed, when its ids were still in
    /// cache), and the entries are then simply moved into place. Looking each
    /// id up in a table instead costs two cache misses per entry on a large
    /// corpus, which made this the slowest step of loading one.
    fn merge(groups: Vec<Vec<Hashed>>) -> Corpus {
        let mut hashes: Vec<u64> = groups
            .iter()
            .flatten()
            .flat_map(|hashed| hashed.id_hashes.iter().copied())
            .collect();
        hashes.sort_unstable();
        if hashes.windows(2).all(|pair| pair[0] != pair[1]) {
            let mut corpus = Corpus::default();
            corpus.entries.reserve_exact(hashes.len());
            for hashed in groups.into_iter().flatten() {
                corpus.files.extend(hashed.file);
                let mut parsed = hashed.parsed;
                corpus.problems.append(&mut parsed.problems);
                corpus.entries.append(&mut parsed.entries);
            }
            return corpus;
        }
        Corpus::merge_by_id(groups)
    }

    /// [`Corpus::merge`] for corpora where ids may repeat.
    fn merge_by_id(groups: Vec<Vec<Hashed>>) -> Corpus {
        let mut corpus = Corpus::default();
        // id → index into `entries`, and which group set each entry.
        let mut position = text::WordMap::default();
        let mut group_of: Vec<usize> = Vec::new();
        for (group, parsed) in groups.into_iter().enumerate() {
            for hashed in parsed {
                corpus.files.extend(hashed.file);
                let mut result = hashed.parsed;
                corpus.problems.append(&mut result.problems);
                for entry in result.entries {
                    let next = corpus.entries.len();
                    let at = position.get_or_insert_with(&entry.id, || next as u32) as usize;
                    if at == next {
                        corpus.entries.push(entry);
                        group_of.push(group);
                    } else if group_of[at] == group {
                        let first = &corpus.entries[at];
                        let message = format!(
                            "duplicate id '{}' (first used at {}:{})",
                            entry.id, first.source, first.line
                        );
                        corpus
                            .problems
                            .push(Problem::new(&*entry.source, entry.line, message));
                    } else {
                        corpus.entries[at] = entry;
                        group_of[at] = group;
                    }
                }
            }
        }
        corpus
    }

    /// The entry with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// Files that together hold less than this are read and parsed on one
/// thread: starting another costs more than it saves.
const PARALLEL_BYTES: u64 = 512 * 1024;

/// A parsed document and a hash of each of its entries' ids.
struct Hashed {
    parsed: parse::Parsed,
    id_hashes: Vec<u64>,
    file: Option<FileSummary>,
}

/// How many questions a file held, and how they were marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub name: String,
    pub questions: usize,
    pub convention: parse::Convention,
    /// The language its front matter names (`lang:`), as written.
    pub language: Option<String>,
}

impl Hashed {
    fn parse(name: &str, text: &str) -> Hashed {
        let mut hashed = Hashed::new(parse::parse_document(name, text));
        hashed.file = Some(FileSummary {
            name: name.to_owned(),
            questions: hashed.parsed.entries.len(),
            convention: hashed.parsed.convention,
            language: hashed.parsed.front_matter.language.clone(),
        });
        hashed
    }

    fn new(parsed: parse::Parsed) -> Hashed {
        let id_hashes = parsed.entries.iter().map(|e| text::hash(&e.id)).collect();
        Hashed {
            parsed,
            id_hashes,
            file: None,
        }
    }
}

/// Reads and parses every file of one source, with the problems met
/// reading them (parse problems stay with each file's result).
fn load_source(source: &Source) -> (Vec<Hashed>, Problems) {
    let root = match source {
        Source::Builtin => {
            let parsed = vec![Hashed::new(parse::Parsed {
                entries: prebuilt::entries(),
                ..parse::Parsed::default()
            })];
            return (parsed, Problems::default());
        }
        Source::Path(root) => root,
    };
    let (files, mut problems) = list_files(root);
    // Each thread reads every file into the same buffer: no fresh memory
    // (and page faults) per file, and nothing to free after.
    let results = in_shares_with(&files, Vec::new, |buffer, path| {
        let name = read::path_name(path);
        read_text(path, &name, buffer).map(|text| Hashed::parse(&name, text))
    });
    (split_problems(results, &mut problems), problems)
}

/// Keeps what was read and moves each failure into `problems`.
fn split_problems<T>(results: Vec<Result<T, Problem>>, problems: &mut Problems) -> Vec<T> {
    let mut kept = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(one) => kept.push(one),
            Err(problem) => problems.push(problem),
        }
    }
    kept
}

/// Parses documents, on both cores when there are enough of them to pay for it.
fn parse_all(documents: &[Document]) -> Vec<Hashed> {
    let sized: Vec<(&Document, u64)> = documents.iter().map(|d| (d, d.text.len() as u64)).collect();
    in_shares(&sized, |d| Hashed::parse(&d.name, &d.text))
}

/// Reads every source: one group of documents per source, in order, and
/// the problems met reading them.
pub(crate) fn read_sources(sources: &[Source]) -> (Vec<Vec<Document>>, Problems) {
    let mut problems = Problems::default();
    let groups = sources
        .iter()
        .map(|source| {
            let (documents, mut found) = read_source(source);
            problems.append(&mut found);
            documents
        })
        .collect();
    (groups, problems)
}

/// Reads every file of one source.
pub fn read_source(source: &Source) -> (Vec<Document>, Problems) {
    match source {
        Source::Builtin => (builtin_documents(), Problems::default()),
        Source::Path(path) => read_path(path),
    }
}

/// The embedded FAQ files, in path order: display name and text.
fn builtin_files() -> impl Iterator<Item = (String, &'static str)> {
    let mut files: Vec<_> = BUILTIN
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort_by_key(|f| f.path());
    files.into_iter().filter_map(|f| {
        Some((
            format!("builtin:{}", f.path().display()),
            f.contents_utf8()?,
        ))
    })
}

/// The embedded FAQ files, in path order.
fn builtin_documents() -> Vec<Document> {
    builtin_files()
        .map(|(name, text)| Document {
            name,
            text: text.to_owned(),
        })
        .collect()
}

/// Reads a file, or every Markdown file under a folder.
fn read_path(root: &Path) -> (Vec<Document>, Problems) {
    let (files, mut problems) = list_files(root);
    let results = map_files(&files, read_document);
    (split_problems(results, &mut problems), problems)
}

/// The Markdown files of a corpus path, sorted, with their sizes.
fn list_files(root: &Path) -> (Vec<(PathBuf, u64)>, Problems) {
    let mut problems = Problems::default();
    let mut files = Vec::new();
    match fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {
            let mut visited = HashSet::new();
            collect_markdown(root, 0, &mut visited, &mut files, &mut problems);
            files.sort();
        }
        Ok(meta) => files.push((root.to_path_buf(), meta.len())),
        Err(err) => problems.push(Problem::new(read::path_name(root), 0, io_message(&err))),
    }
    (files, problems)
}

/// `work` on every file, results in file order.
fn map_files<T: Send>(files: &[(PathBuf, u64)], work: impl Fn(&Path) -> T + Sync) -> Vec<T> {
    in_shares(files, |path| work(path))
}

/// `work` on every item, results in order. Items come with their size in
/// bytes; when they are big enough together, every core takes part. A small
/// corpus never asks how many cores there are (that costs system calls).
fn in_shares<I: Sync, T: Send>(items: &[(I, u64)], work: impl Fn(&I) -> T + Sync) -> Vec<T> {
    in_shares_with(items, || (), |(), item| work(item))
}

/// [`in_shares`], where each thread keeps a state (made by `init`) that
/// `work` may reuse from one item to the next.
fn in_shares_with<S, I: Sync, T: Send>(
    items: &[(I, u64)],
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T> {
    threads::in_shares_with(items, PARALLEL_BYTES, init, work)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Walks a folder for Markdown files, following symlinks but never into a
/// folder it has already seen (so a symlink loop ends).
fn collect_markdown(
    dir: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<(PathBuf, u64)>,
    problems: &mut Problems,
) {
    let Ok(canonical) = fs::canonicalize(dir) else {
        problems.push(Problem::new(
            read::path_name(dir),
            0,
            "cannot resolve folder",
        ));
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    if depth > MAX_DEPTH {
        problems.push(Problem::new(
            read::path_name(dir),
            0,
            format!("folders nested deeper than {MAX_DEPTH} levels are skipped"),
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem::new(read::path_name(dir), 0, io_message(&err)));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                collect_markdown(&path, depth + 1, visited, files, problems)
            }
            Ok(meta) if is_markdown(&path) => files.push((path, meta.len())),
            Ok(_) => {}
            Err(err) if is_markdown(&path) || err.kind() != std::io::ErrorKind::NotFound => {
                problems.push(Problem::new(read::path_name(&path), 0, io_message(&err)));
            }
            Err(_) => {}
        }
    }
}

/// Reads one file into `buffer` (emptied first), refusing what cannot be a
/// Markdown FAQ; `name` names it in problems.
fn read_text<'b>(path: &Path, name: &str, buffer: &'b mut Vec<u8>) -> Result<&'b str, Problem> {
    let fail = |line, message: String| Problem::new(name, line, message);
    read::read_regular(path, MAX_FILE_BYTES, buffer).map_err(|e| match e {
        read::ReadError::Io(_) => fail(0, e.to_string()),
        _ => fail(0, format!("{e}, skipped")),
    })?;
    // Anywhere in the file, not only near the start: a NUL is never text.
    if let Some(at) = buffer.iter().position(|&b| b == 0) {
        return Err(fail(
            line_of_bytes(buffer, at),
            "binary file (contains NUL bytes), skipped".into(),
        ));
    }
    read::normalise_line_endings(buffer);
    match std::str::from_utf8(buffer) {
        Ok(text) => Ok(text),
        Err(err) => Err(fail(
            line_of_bytes(buffer, err.valid_up_to()),
            "not valid UTF-8, skipped".into(),
        )),
    }
}

/// Reads one file, refusing what cannot be a Markdown FAQ (as [`read_text`]).
fn read_document(path: &Path) -> Result<Document, Problem> {
    let name = read::path_name(path);
    let mut buffer = Vec::new();
    let text = read_text(path, &name, &mut buffer)?.to_owned();
    Ok(Document { name, text })
}

fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_corpus_loads_without_problems() {
        let corpus = Corpus::load(&[Source::Builtin]);
        let problems: Vec<String> = corpus.problems.messages();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(corpus.get("access-token").is_some());
    }

    #[test]
    fn later_source_overrides_same_id() {
        let dir = std::env::temp_dir().join(format!("faq-override-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("mine.md");
        fs::write(
            &file,
            "# Mine\n\n## Token? {#access-token}\n\nAsk your admin.\n",
        )
        .unwrap();
        let corpus = Corpus::load(&[Source::Builtin, Source::Path(file.clone())]);
        let entry = corpus.get("access-token").unwrap();
        assert_eq!(entry.answer, "Ask your admin.");
        assert_eq!(
            corpus
                .entries
                .iter()
                .filter(|e| e.id == "access-token")
                .count(),
            1
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
