//! The committed shell completions and man pages must match the CLI.
//! Regenerate with `FAQ_UPDATE_COMPLETIONS=1 cargo test --test completions`.

use std::path::Path;

use clap_complete::Shell;

fn generated() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut cmd = faq::cli::command();
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "faq", &mut buf);
        // ids and categories come from `faq __complete` (see src/complete.rs).
        if let Some(hooked) = faq::complete::Shell::parse(&shell.to_string()) {
            let text = String::from_utf8(buf).unwrap();
            buf = faq::complete::with_hook(hooked, &text).into_bytes();
        }
        let name = match shell {
            Shell::Bash => "faq.bash",
            Shell::Zsh => "_faq",
            Shell::Fish => "faq.fish",
            Shell::PowerShell => "_faq.ps1",
            Shell::Elvish => "faq.elv",
            _ => unreachable!(),
        };
        files.push((name.to_owned(), buf));
    }
    let mut man = Vec::new();
    clap_mangen::Man::new(faq::cli::command())
        .render(&mut man)
        .unwrap();
    files.push(("faq.1".to_owned(), man));
    // One page per subcommand (`faq-search.1`, …), as clap_mangen's
    // `generate_to` names them.
    let mut cmd = faq::cli::command().disable_help_subcommand(true);
    cmd.build();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let page = clap_mangen::Man::new(sub.clone());
        let mut man = Vec::new();
        page.render(&mut man).unwrap();
        files.push((page.get_filename(), man));
    }
    files
}

#[test]
fn every_subcommand_has_a_man_page_listed_in_the_readme() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let names: Vec<String> = generated().into_iter().map(|(name, _)| name).collect();
    for sub in ["search", "show", "list", "check", "pick"] {
        let page = format!("faq-{sub}.1");
        assert!(names.contains(&page), "{names:?}");
        assert!(readme.contains(&page), "README does not list {page}");
    }
}

#[test]
fn completions_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("FAQ_UPDATE_COMPLETIONS").is_some();
    for (name, content) in generated() {
        let path = dir.join(&name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &content).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == content,
            "completions/{name} is out of date; run FAQ_UPDATE_COMPLETIONS=1 cargo test --test completions"
        );
    }
}
