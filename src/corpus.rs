//! Where entries come from: the FAQ embedded at build time, plus any folders
//! or files the user points at. Reading is kept apart from parsing so that a
//! bad file is reported and skipped while its neighbours still load.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::entry::{Entry, Problem};
use crate::parse;

/// The Element / Matrix FAQ, compiled into the binary.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/faq");

/// Larger files are refused rather than read: nobody writes a 256 MiB FAQ page.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Directories nested deeper than this are not descended into.
const MAX_DEPTH: usize = 64;

/// A readable corpus file, held in memory.
#[derive(Debug)]
pub struct Document {
    /// Display name used in entries and problems.
    pub name: String,
    pub text: String,
}

/// One corpus root: the builtin FAQ or one user-supplied path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    Path(PathBuf),
}

/// All entries of all sources, merged, with every problem met on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// Reads and parses `sources` in order; a later source's entry replaces an
    /// earlier one with the same id.
    pub fn load(sources: &[Source]) -> Corpus {
        let (documents, mut problems) = read_sources(sources);
        let mut corpus = Corpus::from_documents(&documents);
        problems.append(&mut corpus.problems);
        corpus.problems = problems;
        corpus
    }

    /// Parses already-read documents, one group per source, in order.
    pub fn from_documents(sources: &[Vec<Document>]) -> Corpus {
        let mut corpus = Corpus::default();
        let mut position: HashMap<String, usize> = HashMap::new();
        for documents in sources {
            let mut seen_here: HashMap<String, (String, usize)> = HashMap::new();
            for mut result in parse_all(documents) {
                corpus.problems.append(&mut result.problems);
                for entry in result.entries {
                    if let Some((file, line)) = seen_here.get(&entry.id) {
                        corpus.problems.push(Problem::new(
                            &entry.source,
                            entry.line,
                            format!("duplicate id '{}' (first used at {file}:{line})", entry.id),
                        ));
                        continue;
                    }
                    seen_here.insert(entry.id.clone(), (entry.source.clone(), entry.line));
                    match position.get(&entry.id) {
                        Some(&at) => corpus.entries[at] = entry,
                        None => {
                            position.insert(entry.id.clone(), corpus.entries.len());
                            corpus.entries.push(entry);
                        }
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

/// Parses documents, on every core when there are enough of them to pay for it.
fn parse_all(documents: &[Document]) -> Vec<parse::Parsed> {
    let parse_one = |d: &Document| parse::parse_document(&d.name, &d.text);
    let total: usize = documents.iter().map(|d| d.text.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || documents.len() < 2 || total < 4 * 1024 * 1024 {
        return documents.iter().map(parse_one).collect();
    }
    let chunk = documents.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(parse_one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
}

/// Reads every source: one group of documents per source, in order, and
/// the problems met reading them.
pub fn read_sources(sources: &[Source]) -> (Vec<Vec<Document>>, Vec<Problem>) {
    let mut problems = Vec::new();
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
pub fn read_source(source: &Source) -> (Vec<Document>, Vec<Problem>) {
    match source {
        Source::Builtin => (builtin_documents(), Vec::new()),
        Source::Path(path) => read_path(path),
    }
}

/// The embedded FAQ files, in path order.
fn builtin_documents() -> Vec<Document> {
    let mut files: Vec<_> = BUILTIN
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|f| {
            Some(Document {
                name: format!("builtin:{}", f.path().display()),
                text: f.contents_utf8()?.to_owned(),
            })
        })
        .collect()
}

/// Reads a file, or every Markdown file under a folder.
fn read_path(root: &Path) -> (Vec<Document>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    match fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {
            let mut visited = HashSet::new();
            collect_markdown(root, 0, &mut visited, &mut files, &mut problems);
            files.sort();
        }
        Ok(_) => files.push(root.to_path_buf()),
        Err(err) => {
            problems.push(Problem::new(
                root.display().to_string(),
                0,
                io_message(&err),
            ));
            return (Vec::new(), problems);
        }
    }
    let results = read_files(&files);
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(document) => documents.push(document),
            Err(problem) => problems.push(problem),
        }
    }
    (documents, problems)
}

/// Reads files on every core when there are many; order is kept.
fn read_files(files: &[PathBuf]) -> Vec<Result<Document, Problem>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || files.len() < 16 {
        return files.iter().map(|f| read_document(f)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|f| read_document(f)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
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
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let Ok(canonical) = fs::canonicalize(dir) else {
        problems.push(Problem::new(
            dir.display().to_string(),
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
            dir.display().to_string(),
            0,
            format!("folders nested deeper than {MAX_DEPTH} levels are skipped"),
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem::new(dir.display().to_string(), 0, io_message(&err)));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                collect_markdown(&path, depth + 1, visited, files, problems)
            }
            Ok(_) if is_markdown(&path) => files.push(path),
            Ok(_) => {}
            Err(err) if is_markdown(&path) || err.kind() != std::io::ErrorKind::NotFound => {
                problems.push(Problem::new(
                    path.display().to_string(),
                    0,
                    io_message(&err),
                ));
            }
            Err(_) => {}
        }
    }
}

/// Reads one file, refusing what cannot be a Markdown FAQ.
fn read_document(path: &Path) -> Result<Document, Problem> {
    let name = path.display().to_string();
    let fail = |line, message: String| Problem::new(&name, line, message);
    let meta = fs::metadata(path).map_err(|e| fail(0, io_message(&e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(
            0,
            format!(
                "file is larger than {} MiB, skipped",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = fs::read(path).map_err(|e| fail(0, io_message(&e)))?;
    if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(fail(
            line_of_bytes(&bytes, at),
            "binary file (contains NUL bytes), skipped".into(),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Document { name, text }),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            Err(fail(
                line_of_bytes(err.as_bytes(), at),
                "not valid UTF-8, skipped".into(),
            ))
        }
    }
}

fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A one-line description of an I/O error, without Rust's `(os error N)`.
pub fn io_message(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_corpus_loads_without_problems() {
        let corpus = Corpus::load(&[Source::Builtin]);
        let problems: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
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
