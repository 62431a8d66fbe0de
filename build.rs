//! Parses and indexes the embedded FAQ (`faq/*.md`) with the crate's own
//! parser and indexer, shared with the crate below, and writes the entries
//! and index into `OUT_DIR` as static data (see `src/prebuilt/mod.rs` and
//! `Index::builtin`); turns the synonym table into static data; and on
//! Linux, when asked to, links `faq` at a fixed address.
//!
//! The modules below are the crate's own files, compiled into this build
//! script too: they may use only each other, `std` and the
//! build-dependencies (`memchr`, `nucleo-matcher`, `pulldown-cmark`,
//! `serde`, `rust-stemmers`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[allow(dead_code, unused_imports)]
#[path = "src/entry.rs"]
mod entry;
#[allow(dead_code, unused_imports)]
#[path = "src/search/field.rs"]
mod field;
#[allow(dead_code, unused_imports)]
#[path = "src/lines.rs"]
mod lines;
#[allow(dead_code, unused_imports)]
#[path = "src/parse/mod.rs"]
mod parse;
#[allow(dead_code, unused_imports)]
#[path = "src/search/index/tables.rs"]
mod tables;
#[allow(dead_code, unused_imports)]
#[path = "src/text/mod.rs"]
mod text;

/// Where the shared modules find each other, as in the crate.
mod search {
    pub(crate) use crate::field;
}

use entry::{Entry, Text};
use tables::Tables;

/// The source files compiled into this build script: a change to any of
/// them may change what it writes.
const SHARED_SOURCES: &[&str] = &[
    "src/entry.rs",
    "src/search/field.rs",
    "src/lines.rs",
    "src/parse",
    "src/search/index/tables.rs",
    "src/text",
];

fn main() {
    write_synonyms();
    write_stop_words();
    write_builtin();
    // A position-independent executable (the default, as for any Rust
    // program: the loader places it at a random address) makes the loader
    // patch every pointer in the binary's constant tables at each start:
    // ~6,800 of them, over 31 pages that each take a copy-on-write fault,
    // 0.15 ms of a 1.5 ms `faq search`. Packagers who prefer the speed to
    // the randomisation link at a fixed address with
    // FAQ_LINK_FIXED_ADDRESS=1; the libraries, stack and heap are still
    // placed at random. See README, "Performance".
    println!("cargo::rerun-if-env-changed=FAQ_LINK_FIXED_ADDRESS");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && std::env::var_os("FAQ_LINK_FIXED_ADDRESS").is_some() {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

/// NLTK's stop words (from the `stop-words` crate) for each language with
/// a stemmer but English (whose list is `text/stem.rs`'s own), as one text
/// in `OUT_DIR/stop_words.txt`: a line per language, `code<TAB>words`. The
/// crate's own tables are a pointer per word, and a position-independent
/// binary patches every one at each start (9,800 of them: 130,000
/// instructions on every run, `faq --version` included); one text is one.
fn write_stop_words() {
    let mut out = String::new();
    for code in text::Language::codes() {
        if code == "en" {
            continue;
        }
        out.push_str(code);
        out.push('\t');
        out.push_str(&stop_words::get(code).join(" "));
        out.push('\n');
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("stop_words.txt"), out).expect("OUT_DIR is writable");
}

/// `src/search/synonyms.txt` as Rust data in `OUT_DIR/synonyms.rs`: every
/// distinct word once in `WORDS` (`SPANS` says where each is), and per
/// everyday word or phrase on a line's left side one `RULES` row of ranges
/// into `SEQUENCE`, the word numbers of its phrase and of what it stands
/// for. Reading the text at run time costs more than the rest of a search
/// on the embedded FAQ (about 140,000 instructions); and numbers, unlike a
/// table of `&str`, need no relocation when the program starts (as `&str`,
/// the 440 rules were 1,700 relocations, 13,700 instructions of every run).
fn write_synonyms() {
    const TABLE: &str = "src/search/synonyms.txt";
    println!("cargo::rerun-if-changed={TABLE}");
    let text = fs::read_to_string(TABLE).unwrap_or_default();
    let split =
        |text: &str| -> Vec<String> { text.split_whitespace().map(str::to_lowercase).collect() };
    let mut words: Vec<String> = Vec::new();
    let mut number = |word: String| -> u16 {
        let n = words.iter().position(|w| *w == word).unwrap_or_else(|| {
            words.push(word);
            words.len() - 1
        });
        u16::try_from(n).expect("under 65,536 distinct synonym words")
    };
    let mut sequence: Vec<u16> = Vec::new();
    let mut rules: Vec<[u16; 4]> = Vec::new();
    let push = |sequence: &mut Vec<u16>, list: Vec<u16>| -> (u16, u16) {
        let start = u16::try_from(sequence.len()).expect("a synonym table under 65,536 words");
        let len = u16::try_from(list.len()).expect("a short phrase");
        sequence.extend(list);
        (start, len)
    };
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') {
            continue;
        }
        let Some((left, right)) = line.split_once('=') else {
            continue;
        };
        let stands_for: Vec<u16> = right.split(',').flat_map(split).map(&mut number).collect();
        if stands_for.is_empty() {
            continue;
        }
        let stands = push(&mut sequence, stands_for);
        for phrase in left.split(',').map(split).filter(|p| !p.is_empty()) {
            let phrase: Vec<u16> = phrase.into_iter().map(&mut number).collect();
            let phrase = push(&mut sequence, phrase);
            rules.push([phrase.0, phrase.1, stands.0, stands.1]);
        }
    }
    // By their phrases' first words, so that a search finds the rules that
    // may start at a query word by bisection rather than reading them all.
    rules.sort_by(|a, b| {
        words[usize::from(sequence[usize::from(a[0])])]
            .cmp(&words[usize::from(sequence[usize::from(b[0])])])
    });
    let mut spans: Vec<[u32; 2]> = Vec::new();
    let mut all = String::new();
    for word in &words {
        let start = u32::try_from(all.len()).expect("a table under 4 GiB");
        all.push_str(word);
        spans.push([
            start,
            u32::try_from(all.len()).expect("a table under 4 GiB"),
        ]);
    }
    let out = format!(
        "static WORDS: &str = {all:?};\n\
         static SPANS: [[u32; 2]; {}] = {spans:?};\n\
         static SEQUENCE: [u16; {}] = {sequence:?};\n\
         static RULES: [[u16; 4]; {}] = {rules:?};\n",
        spans.len(),
        sequence.len(),
        rules.len(),
    );
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("synonyms.rs"), out).expect("OUT_DIR is writable");
}

/// The embedded FAQ, parsed and indexed: `OUT_DIR/builtin_entries.rs`
/// (`ENTRIES`) and `OUT_DIR/builtin_index.rs` (`INDEX`).
///
/// # Panics
/// If the FAQ has problems (a duplicate id, a bad file): they fail the
/// build, listed as `faq check` would list them.
fn write_builtin() {
    println!("cargo::rerun-if-changed=faq");
    for source in SHARED_SOURCES {
        println!("cargo::rerun-if-changed={source}");
    }
    let mut files: Vec<PathBuf> = fs::read_dir("faq")
        .expect("the faq folder is readable")
        .map(|f| f.expect("the faq folder is readable").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    for path in &files {
        // Named as `corpus` names the embedded files: `builtin:` and the
        // path inside `faq/` (always with `/`).
        let name = format!(
            "builtin:{}",
            path.file_name()
                .unwrap()
                .to_str()
                .expect("UTF-8 file names")
        );
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("the FAQ files are UTF-8 text");
        let parsed = parse::parse_document(&name, &text);
        problems.extend(parsed.problems.kept().iter().map(ToString::to_string));
        entries.extend(parsed.entries);
    }
    let mut ids: Vec<&str> = entries.iter().map(|e| &*e.id).collect();
    ids.sort_unstable();
    for pair in ids.windows(2).filter(|pair| pair[0] == pair[1]) {
        problems.push(format!("duplicate id '{}'", pair[0]));
    }
    assert!(
        problems.is_empty(),
        "the embedded FAQ has problems:\n{}",
        problems.join("\n")
    );

    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut out = String::from("pub(super) static ENTRIES: &[Entry] = &[\n");
    let texts = |texts: &[Text]| {
        let items: Vec<String> = texts.iter().map(|t| format!("B({t:?})")).collect();
        format!("B(&[{}])", items.join(", "))
    };
    for e in &entries {
        let _ = write!(
            out,
            "    Entry {{\n        id: B({:?}),\n        question: B({:?}),\n        \
             category: {},\n        keywords: {},\n        answer: B({:?}),\n        \
             source: B({:?}),\n        line: {},\n        aliases: {},\n    }},\n",
            e.id,
            e.question,
            texts(&e.category),
            texts(&e.keywords),
            e.answer,
            e.source,
            e.line,
            texts(&e.aliases)
        );
    }
    out.push_str("];\n");
    fs::write(dir.join("builtin_entries.rs"), out).expect("OUT_DIR is writable");

    let index = Tables::build(&entries);
    let mut out = String::from("pub(super) static INDEX: Tables = Tables {\n");
    write_text(&mut out, "words", &index.words);
    write_list(&mut out, "word_ends", &index.word_ends, |n| n.to_string());
    write_list(&mut out, "openings", &index.openings, |n| format!("{n:#x}"));
    write_text(&mut out, "stems", &index.stems);
    write_list(&mut out, "stem_ends", &index.stem_ends, |n| n.to_string());
    write_list(&mut out, "postings", &index.postings, |p| {
        format!(
            "Posting::new({}, {}, {})",
            p.entry, p.count_and_field, p.first_at
        )
    });
    write_list(&mut out, "posting_ends", &index.posting_ends, |n| {
        n.to_string()
    });
    write_list(&mut out, "lengths", &index.lengths, |l| format!("{l:?}"));
    let _ = writeln!(out, "    length_sums: {:?},", index.length_sums);
    write_list(&mut out, "masks", &index.masks, |m| format!("{m:#x}"));
    write_list(&mut out, "mask_starts", &index.mask_starts, |n| {
        n.to_string()
    });
    out.push_str("};\n");
    fs::write(dir.join("builtin_index.rs"), out).expect("OUT_DIR is writable");
}

/// Writes `name: Cow::Borrowed(concat!(...)),` with the text cut into lines.
fn write_text(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "    {name}: Cow::Borrowed(concat!(");
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(80);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (line, tail) = rest.split_at(cut);
        let _ = write!(out, "\n        {line:?},");
        rest = tail;
    }
    out.push_str("\n    )),\n");
}

/// Writes `name: Cow::Borrowed(&[...]),` with a few items to a line.
fn write_list<T>(out: &mut String, name: &str, items: &[T], item: impl Fn(&T) -> String) {
    let _ = write!(out, "    {name}: Cow::Borrowed(&[");
    // Characters on the current line; the first item starts a new one.
    let mut line = 96;
    for one in items {
        let text = item(one);
        if line + text.len() >= 96 {
            out.push_str("\n       ");
            line = 7;
        }
        let _ = write!(out, " {text},");
        line += text.len() + 2;
    }
    out.push_str("\n    ]),\n");
}
