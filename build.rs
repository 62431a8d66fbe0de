//! Links the `faq` executable at a fixed address rather than as a
//! position-independent executable on Linux: the loader then has no
//! relocations to apply at start-up (about 6,000 in a PIE build), a
//! measurable share of a 2 ms lookup. See README, "Performance".
//!
//! A build script rather than `.cargo/config.toml` so that `cargo install`
//! gets it too; and a link argument rather than `-C relocation-model=static`,
//! which in a config would also reach the proc-macro crates, and those must
//! be position-independent (they fail to link).

fn main() {
    let var = |name| std::env::var(name).unwrap_or_default();
    // A `+crt-static` build is linked as a static PIE, which `-no-pie`
    // would turn into an executable that crashes at start-up.
    let static_crt = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && !static_crt {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
