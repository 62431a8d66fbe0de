//! Fingerprints the FAQ files embedded in the binary, so that it uses the
//! tables generated from them (`src/prebuilt/tables.rs`) only when those
//! were generated from these very files; and on Linux links `faq` at a
//! fixed address.

use std::fs;
use std::path::Path;

#[path = "src/prebuilt/fingerprint.rs"]
mod fingerprint;

fn main() {
    println!("cargo::rerun-if-changed=faq");
    println!("cargo::rerun-if-changed=src/prebuilt/fingerprint.rs");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(Path::new("faq"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|f| f.path().is_file())
                .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
                .filter_map(|f| {
                    let name = f.file_name().into_string().ok()?;
                    Some((name, fs::read(f.path()).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let print = fingerprint::fingerprint(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    println!("cargo::rustc-env=FAQ_BUILTIN_FINGERPRINT={print}");

    // A position-independent executable makes the loader patch every
    // pointer in the binary's constant tables at each start: ~6,800 of
    // them, over 31 pages that each take a copy-on-write fault. That was
    // 0.15 ms of a 1.5 ms `faq search` on the embedded FAQ (a third of it
    // pulldown-cmark's table of HTML entities). A fixed address (as Go
    // links its programs) needs none of it; the libraries, stack and heap
    // are still placed at random. See README, "Performance".
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
