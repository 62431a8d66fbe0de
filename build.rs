//! Fingerprints what the tables in `src/prebuilt/tables.rs` are made from
//! (the FAQ files embedded in the binary, and the code that parses and
//! indexes them), so that the binary uses those tables only when they were
//! generated from exactly these; turns the synonym table into static data;
//! and on Linux, when asked to, links `faq` at a fixed address.

use std::fs;
use std::path::Path;

/// The code whose output the tables hold: a change to any of these may
/// change the tables, so they are not trusted until generated again.
const TABLE_SOURCES: &[&str] = &[
    "src/corpus.rs",
    "src/entry.rs",
    "src/parse.rs",
    "src/search/index.rs",
    "src/search/mod.rs",
    "src/text.rs",
];

fn main() {
    write_synonyms();
    println!("cargo::rerun-if-changed=faq");
    let mut inputs: Vec<(String, Vec<u8>)> = fs::read_dir(Path::new("faq"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|f| f.path().is_file())
                .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
                .filter_map(|f| Some((f.path().to_str()?.to_owned(), fs::read(f.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    for source in TABLE_SOURCES {
        println!("cargo::rerun-if-changed={source}");
        inputs.push(((*source).to_owned(), fs::read(source).unwrap_or_default()));
    }
    inputs.sort();
    println!(
        "cargo::rustc-env=FAQ_TABLES_FINGERPRINT={}",
        fingerprint(&inputs)
    );

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

/// FNV-1a over each input's name and bytes, each preceded by its length so
/// that no two different sets of inputs run together into the same bytes.
fn fingerprint(inputs: &[(String, Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &byte in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (name, bytes) in inputs {
        feed(name.as_bytes());
        feed(bytes);
    }
    format!("{hash:016x}")
}

/// `src/search/synonyms.txt` as a Rust table in `OUT_DIR/synonyms.rs`:
/// `RULES`, one `(phrase, stands_for)` per everyday word or phrase on a
/// line's left side. Reading the text at run time costs more than the rest
/// of a search on the embedded FAQ (about 140,000 instructions).
fn write_synonyms() {
    const TABLE: &str = "src/search/synonyms.txt";
    println!("cargo::rerun-if-changed={TABLE}");
    let text = fs::read_to_string(TABLE).unwrap_or_default();
    let words =
        |text: &str| -> Vec<String> { text.split_whitespace().map(str::to_lowercase).collect() };
    let mut out = String::from("static RULES: &[(&[&str], &[&str])] = &[\n");
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') {
            continue;
        }
        let Some((left, right)) = line.split_once('=') else {
            continue;
        };
        let stands_for: Vec<String> = right.split(',').flat_map(words).collect();
        for phrase in left.split(',').map(words).filter(|p| !p.is_empty()) {
            out.push_str(&format!("    (&{phrase:?}, &{stands_for:?}),\n"));
        }
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("synonyms.rs"), out).expect("OUT_DIR is writable");
}
