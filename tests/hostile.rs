//! Every pathological input of the `hostile` bench (`benches/hostile/`),
//! at its larger size, must finish: a guard against hangs and time gone
//! quadratic, not a timing test (the bench measures). A run still going
//! after a minute (five in a debug build) is killed and fails.

#[path = "../benches/hostile/shapes.rs"]
mod shapes;

use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use shapes::{SCALE, SHAPES, TempDir};

/// Far longer than any shape takes: the slowest, `check` of 16 MiB of `#`
/// lines, takes 7 s in a release build and 40 s in a debug one.
const GUARD: Duration = Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 60 });

fn finishes(name: &str) {
    let shape = SHAPES
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no shape {name:?}"));
    let label: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let dir = TempDir::new(&format!("hostile-test-{label}")).expect("a temporary directory");
    let file = shapes::write(shape, shape.small * SCALE, &dir.0).expect("the input is written");
    let mut child = shapes::command(Path::new(env!("CARGO_BIN_EXE_faq")), shape, &file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("faq runs");
    // Read stderr as it comes, so that a full pipe never blocks the run.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("faq can be waited for") {
            break status;
        }
        if started.elapsed() > GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name}: still running after {} s", GUARD.as_secs());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap_or_default();
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert_eq!(status.code(), Some(shape.code), "{name}: {stderr}");
}

#[test]
fn wide_table() {
    finishes("wide table");
}

#[test]
fn long_table() {
    finishes("long table");
}

#[test]
fn long_code_line() {
    finishes("long code line");
}

#[test]
fn unclosed_link_openings_in_a_snippet() {
    finishes("unclosed ]( in snippet");
}

#[test]
fn category_intros() {
    finishes("category intros");
}

#[test]
fn check_of_a_valid_file() {
    finishes("check valid file");
}

#[test]
fn many_cross_references() {
    finishes("many cross-references");
}

#[test]
fn hash_lines_listed() {
    finishes("#\\n lines: list");
}

#[test]
fn hash_lines_checked() {
    finishes("#\\n lines: check");
}

#[test]
fn comment_openings_shown() {
    finishes("<!-- openings: show");
}

#[test]
fn comment_openings_checked() {
    finishes("<!-- openings: check");
}

#[test]
fn huge_paragraph_shown() {
    finishes("huge paragraph: show");
}

#[test]
fn huge_paragraph_searched() {
    finishes("huge paragraph: search");
}

#[test]
fn deep_nesting_shown() {
    finishes("deep nesting: show");
}

#[test]
fn deep_nesting_checked() {
    finishes("deep nesting: check");
}

#[test]
fn q_label_paragraphs_listed() {
    finishes("Q: lines: list");
}

#[test]
fn unclosed_details_listed() {
    finishes("unclosed <details>: list");
}

#[test]
fn nested_details_checked() {
    finishes("nested <details>: check");
}

#[test]
fn list_item_questions_searched() {
    finishes("list-item questions: search");
}

#[test]
fn many_admonitions_shown() {
    finishes("many admonitions: show");
}

#[test]
fn many_admonitions_plain() {
    finishes("many admonitions: plain");
}

#[test]
fn open_html_heading_tags_listed() {
    finishes("open <h2 tags: list");
}

#[test]
fn anchor_lines_listed() {
    finishes("anchor lines: list");
}

#[test]
fn front_matter_never_closed_listed() {
    finishes("front matter never closed: list");
}

#[test]
fn a_run_of_ideographs_searched() {
    finishes("one run of ideographs: search");
}

#[test]
fn one_huge_keyword_phrase_searched() {
    finishes("one huge keyword phrase: search");
}

#[test]
fn question_in_parts_listed() {
    finishes("question in parts: list");
}

#[test]
fn every_shape_has_a_test() {
    let this = include_str!("hostile.rs");
    for shape in SHAPES {
        let call = format!("finishes({:?});", shape.name);
        assert!(this.contains(&call), "no test runs {:?}", shape.name);
    }
}
