//! Pathological corpora: each a shape of input on which a careless path
//! takes time quadratic in its size. Shared by the `hostile` bench (which
//! times each shape at two sizes and fails on a ratio that is not linear)
//! and `tests/hostile.rs` (which runs each at the larger size, as a hang
//! guard).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// One shape of input, and what `faq` is asked to do with it.
pub struct Shape {
    pub name: &'static str,
    /// What [`Shape::small`] counts.
    pub unit: &'static str,
    /// The smaller size measured; the larger one is ten times it.
    pub small: usize,
    /// The document of a given size.
    pub make: fn(usize) -> String,
    /// The command after `--no-builtin --corpus FILE`.
    pub args: &'static [&'static str],
    /// The exit code a run must end with.
    pub code: i32,
}

/// How many times larger the larger size is.
pub const SCALE: usize = 10;

/// A category and one question whose answer the shapes fill.
const ONE_QUESTION: &str = "# Category\n\n## Question {#q}\n\n";

pub const SHAPES: &[Shape] = &[
    Shape {
        name: "wide table",
        unit: "columns",
        small: 10_000,
        make: wide_table,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "long table",
        unit: "rows",
        small: 2_000,
        make: long_table,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "long code line",
        unit: "bytes",
        small: 1_000_000,
        make: long_code_line,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "unclosed ]( in snippet",
        unit: "bytes",
        small: 100_000,
        make: link_openings,
        args: &["search", "needle", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "category intros",
        unit: "categories",
        small: 5_000,
        make: category_intros,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "check valid file",
        unit: "entries",
        small: 5_000,
        make: valid_entries,
        args: &["check"],
        code: 0,
    },
    Shape {
        name: "many cross-references",
        unit: "entries",
        small: 5_000,
        make: cross_references,
        args: &["show", "hub", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "#\\n lines: list",
        unit: "bytes",
        small: (16 << 20) / SCALE,
        make: hash_lines,
        args: &["list"],
        // Problems warned about, and then no entries to list.
        code: 2,
    },
    Shape {
        name: "#\\n lines: check",
        unit: "bytes",
        small: (16 << 20) / SCALE,
        make: hash_lines,
        args: &["check"],
        code: 1,
    },
    Shape {
        name: "<!-- openings: show",
        unit: "bytes",
        small: 1_000_000,
        make: comment_openings,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "<!-- openings: check",
        unit: "bytes",
        small: 1_000_000,
        make: comment_openings,
        args: &["check"],
        code: 0,
    },
    Shape {
        name: "huge paragraph: show",
        unit: "bytes",
        small: 1_000_000,
        make: huge_paragraph,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "huge paragraph: search",
        unit: "bytes",
        small: 1_000_000,
        make: huge_paragraph,
        args: &["search", "needle", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "deep nesting: show",
        unit: "levels",
        small: 30_000,
        make: deep_nesting,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "deep nesting: check",
        unit: "levels",
        small: 30_000,
        make: deep_nesting,
        args: &["check"],
        code: 0,
    },
    Shape {
        name: "Q: lines: list",
        unit: "bytes",
        small: 1_000_000,
        make: q_lines,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "unclosed <details>: list",
        unit: "bytes",
        small: 1_000_000,
        make: unclosed_details,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "nested <details>: check",
        unit: "levels",
        small: 10_000,
        make: nested_details,
        args: &["check"],
        // One question holding all the others: "found no questions".
        code: 1,
    },
    Shape {
        name: "list-item questions: search",
        unit: "items",
        small: 20_000,
        make: list_questions,
        args: &["search", "frobnicate"],
        code: 0,
    },
    Shape {
        name: "many admonitions: show",
        unit: "callouts",
        small: 1_000,
        make: many_admonitions,
        args: &["show", "q", "--color", "always"],
        code: 0,
    },
    Shape {
        name: "many admonitions: plain",
        unit: "callouts",
        small: 1_000,
        make: many_admonitions,
        args: &["show", "q"],
        code: 0,
    },
    Shape {
        name: "open <h2 tags: list",
        unit: "bytes",
        small: 1_000_000,
        make: open_html_headings,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "anchor lines: list",
        unit: "bytes",
        small: 1_000_000,
        make: anchor_lines,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "front matter never closed: list",
        unit: "bytes",
        small: 1_000_000,
        make: open_front_matter,
        args: &["list"],
        code: 0,
    },
    Shape {
        name: "one run of ideographs: search",
        unit: "bytes",
        small: 1_000_000,
        make: ideographs,
        args: &["search", "部屋"],
        code: 0,
    },
    Shape {
        name: "one huge keyword phrase: search",
        unit: "bytes",
        small: 1_000_000,
        make: huge_keyword_phrase,
        args: &["search", "room", "delete"],
        code: 0,
    },
    Shape {
        name: "question in parts: list",
        unit: "parts",
        small: 20_000,
        make: question_in_parts,
        args: &["list"],
        code: 0,
    },
];

/// One table row of `columns` cells: `| c0 | c1 | … |`.
fn wide_table(columns: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    for i in 0..columns {
        let _ = write!(md, "| c{i} ");
    }
    md.push_str("|\n");
    md.push_str(&"|---".repeat(columns));
    md.push_str("|\n");
    md.push_str(&"| v ".repeat(columns));
    md.push_str("|\n");
    md
}

/// A table of three columns too wide for the screen, so that every cell wraps.
fn long_table(rows: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str("| a | b | c |\n|---|---|---|\n");
    let cell = "word ".repeat(12);
    for _ in 0..rows {
        let _ = writeln!(md, "| {cell} | {cell} | {cell} |");
    }
    md
}

/// One line of words inside a code fence.
fn long_code_line(bytes: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str("```\n");
    md.push_str(&"word ".repeat(bytes / 5));
    md.push_str("\n```\n");
    md
}

/// A word to search for, then `](` after `](` with no `)` to end a link.
fn link_openings(bytes: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str("needle ");
    md.push_str(&"](".repeat(bytes / 2));
    md.push('\n');
    md
}

/// Categories each with a line of text that belongs to no entry.
fn category_intros(categories: usize) -> String {
    let mut md = String::new();
    for i in 0..categories {
        let _ = write!(
            md,
            "# Category {i}\n\nIntro text.\n\n## Question {i} {{#q-{i}}}\n\nAn answer.\n\n"
        );
    }
    md
}

/// A file `check` finds nothing wrong with, each answer a cross-reference.
fn valid_entries(entries: usize) -> String {
    let mut md = String::from("# Category\n\n");
    for i in 0..entries {
        let _ = write!(
            md,
            "## Question {i} {{#q-{i}}}\n\nAnswer {i}, see [the one before](#q-{}).\n\n",
            i.saturating_sub(1)
        );
    }
    md
}

/// An answer linking to every other entry, by question and by id.
fn cross_references(entries: usize) -> String {
    let mut md = String::from("# Category\n\n## Hub {#hub}\n\n");
    for i in 0..entries {
        let _ = write!(md, "[Question {i}?](#) [again](#q-{i}) ");
    }
    md.push_str("\n\n");
    for i in 0..entries {
        let _ = write!(md, "## Question {i}? {{#q-{i}}}\n\nAn answer.\n\n");
    }
    md
}

/// `#` lines: every one an empty heading (and an empty answer).
fn hash_lines(bytes: usize) -> String {
    "#\n".repeat(bytes / 2)
}

/// Comment openings that never close: some starting a line (an HTML block
/// to the scanner and to CommonMark), some inside a line of text.
fn comment_openings(bytes: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str("Some text <!-- and <!-- more\n");
    md.push_str(&"<!-- x <!--\n".repeat(bytes / 12));
    md
}

/// One paragraph of words.
fn huge_paragraph(bytes: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str(&"lorem ipsum needle ".repeat(bytes / 19));
    md.push('\n');
    md
}

/// Quotes, bullets and numbered items, each nested `levels` deep.
fn deep_nesting(levels: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    md.push_str(&"> ".repeat(levels));
    md.push_str("quoted\n\n");
    md.push_str(&"- ".repeat(levels));
    md.push_str("listed\n\n");
    md.push_str(&"1. ".repeat(levels));
    md.push_str("numbered\n");
    md
}

/// A published FAQ of `Q:` / `A:` paragraphs and nothing else.
fn q_lines(bytes: usize) -> String {
    let mut md = String::new();
    let mut n = 0;
    while md.len() < bytes {
        let _ = writeln!(md, "Q: How do I frobnicate {n}?\nA: Like this {n}.\n");
        n += 1;
    }
    md
}

/// `<details>` blocks opened and never closed: the first holds the rest.
fn unclosed_details(bytes: usize) -> String {
    "<details><summary>Why?</summary>\n\nBecause.\n\n".repeat(bytes / 45)
}

/// `<details>` blocks nested `levels` deep, each closed at the end.
fn nested_details(levels: usize) -> String {
    let mut md = "<details>\n<summary>How?</summary>\n\nSo.\n\n".repeat(levels);
    md.push_str(&"</details>\n".repeat(levels));
    md
}

/// A list whose items are questions with their answers indented below.
fn list_questions(items: usize) -> String {
    let mut md = String::from("# FAQ\n\n");
    for n in 0..items {
        let _ = writeln!(md, "- **How do I frobnicate {n}?**\n\n    Carefully {n}.\n");
    }
    md
}

/// Callouts, one after another: MkDocs admonitions (some with one nested
/// in them) and GitHub alerts, each laid out on its own.
fn many_admonitions(callouts: usize) -> String {
    let mut md = ONE_QUESTION.to_owned();
    for i in 0..callouts {
        let _ = match i % 3 {
            0 => write!(
                md,
                "!!! note \"Title {i}\"\n    Body {i}, [a link](https://example.com/{i}).\n\n"
            ),
            1 => write!(md, "> [!WARNING]\n> Alert {i}\n\n"),
            _ => write!(
                md,
                "???+ tip\n    - item {i}\n\n    !!! danger\n        nested\n\n"
            ),
        };
    }
    md
}

/// A question, then `<h2` openings that never close their tag (no `>` in
/// the whole file) nor get a closing `</h2>`.
fn open_html_headings(bytes: usize) -> String {
    let mut md = "## How?\n\nSo.\n\n".to_owned();
    md.push_str(&"<h2 id=x\n".repeat(bytes / 10));
    md.push_str(&"<h3>never closed\n".repeat(bytes / 170));
    md
}

/// Anchor lines, each waiting for a heading that mostly never comes.
fn anchor_lines(bytes: usize) -> String {
    let mut md = "## How?\n\nSo.\n\n".to_owned();
    md.push_str(&"<a name=\"x\"></a>\n".repeat(bytes / 18));
    md.push_str("## Why?\n\nBecause.\n");
    md
}

/// Front matter that opens and never closes, over questions.
fn open_front_matter(bytes: usize) -> String {
    let mut md = "---\n".to_owned();
    md.push_str(&"## key: value?\n\nanswer\n\n".repeat(bytes / 24));
    md
}

/// Question headings with many sub-headings that are not questions, each
/// then found to be a category by one that is: every part is read ahead,
/// then again as an entry of its own.
fn question_in_parts(parts: usize) -> String {
    let mut md = String::new();
    for chapter in 0..10 {
        let _ = writeln!(md, "# How does chapter {chapter} work?\n");
        for part in 0..parts / 10 {
            let _ = writeln!(md, "## Part {part}\n\nText {part}.\n");
        }
        md.push_str("## Why?\n\nBecause.\n\n");
    }
    md
}

/// A question whose answer is one run of Chinese characters.
/// One keyword phrase of a million words, every other one a query word:
/// each keyword is weighed by the share of its phrase the query covers.
fn huge_keyword_phrase(bytes: usize) -> String {
    let mut md = "# Category\n\n## How do I delete a room? {#q}\n\n<!-- keywords: ".to_owned();
    md.push_str(&"room of delete the ".repeat(bytes / 19));
    md.push_str("-->\n\nUse the menu.\n");
    md
}

fn ideographs(bytes: usize) -> String {
    let mut md = "# 常见问题\n\n## 如何删除房间？\n\n".to_owned();
    md.push_str(&"设定从部屋中删除".repeat(bytes / 24));
    md.push_str("\n\n## 如何邀请用户？\n\n点击邀请按钮。\n");
    md
}

/// Writes the document of `shape` at `size` into `dir`; returns its path.
pub fn write(shape: &Shape, size: usize, dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let file: String = shape
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let path = dir.join(format!("{file}-{size}.md"));
    std::fs::write(&path, (shape.make)(size))?;
    Ok(path)
}

/// The `faq` command for `shape` on `file`, with no user settings in the way
/// (no config file, no `NO_COLOR`, no `FAQ_PATH`, no `COLUMNS`).
pub fn command(faq: &Path, shape: &Shape, file: &Path) -> Command {
    let mut cmd = Command::new(faq);
    cmd.arg("--no-builtin")
        .arg("--corpus")
        .arg(file)
        .args(shape.args)
        .env_remove("NO_COLOR")
        .env_remove("FAQ_PATH")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("COLUMNS")
        .env("FAQ_CONFIG", "/nonexistent/faq-hostile-config.toml")
        .env("TERM", "xterm-256color");
    cmd
}

/// A fresh directory for generated documents, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(label: &str) -> std::io::Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("faq-{label}-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
