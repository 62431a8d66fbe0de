//! Shell completion of what matters: entry ids after `faq show` (with the
//! question as the description, where the shell shows one) and category
//! names after `faq list --category`, from the corpora the command line
//! being typed would load.
//!
//! The scripts in `completions/` are clap_complete's static ones (flags and
//! subcommands) with a small hook added that asks `faq __complete SHELL --
//! LINE` for the values, `LINE` being the command line up to the cursor.
//! Chosen over clap_complete's `CompleteEnv` because:
//! - it is stable API (`CompleteEnv` is behind `unstable-dynamic`);
//! - it sees the whole line, so `--corpus` and `--no-builtin` typed before
//!   the cursor count (a `CompleteEnv` value completer sees only its word);
//! - every byte it prints goes through the sanitiser and is quoted for the
//!   shell here, so a hostile corpus cannot break the shell's protocol;
//! - flags and subcommands stay in scripts that are checked to be current.
//!
//! Exit status: 0 when the word under the cursor is an id or a category (the
//! candidates, maybe none, are on stdout, one a line), 1 when it is anything
//! else (the script falls back to the static completion), 2 on misuse.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::cli::{self, GlobalArgs};
use crate::corpus::Corpus;
use crate::entry::Entry;
use crate::exit_codes::ExitCode;
use crate::sanitize::sanitize_line;
use crate::settings::{self, Settings};

/// The hidden subcommand the scripts call; not part of clap's command tree,
/// so it is in no help text, man page or completion.
pub const SUBCOMMAND: &str = "__complete";

/// The shells whose scripts ask for values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Shell {
    pub fn parse(name: &str) -> Option<Shell> {
        match name {
            "bash" => Some(Shell::Bash),
            "zsh" => Some(Shell::Zsh),
            "fish" => Some(Shell::Fish),
            _ => None,
        }
    }
}

/// What the word under the cursor is, with what is typed of it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// The first query word of `faq show`.
    Id(String),
    /// The value of `faq list --category`.
    Category(String),
    /// A later query word of `faq show`: nothing to offer, not even files.
    Nothing,
}

/// The word under the cursor and the corpus options typed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub want: Want,
    pub corpus: Vec<PathBuf>,
    pub no_builtin: bool,
}

/// `faq __complete SHELL -- LINE...`: `args` are the words after
/// [`SUBCOMMAND`]. Several `LINE` words are joined by newlines.
pub fn run(args: &[OsString]) -> ExitCode {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let shell = args.first().and_then(|s| Shell::parse(s));
    let (Some(shell), Some("--")) = (shell, args.get(1).map(String::as_str)) else {
        let _ = writeln!(
            std::io::stderr(),
            "faq: usage: faq {SUBCOMMAND} bash|zsh|fish -- LINE"
        );
        return ExitCode::Error;
    };
    let line = args[2..].join("\n");
    let Some(context) = context(&line) else {
        return ExitCode::NoMatch;
    };
    let entries = load(&context);
    let candidates = candidates(&entries, &context.want);
    let text = format(shell, &context.want, &candidates);
    // Nothing useful can be said to a shell that went away.
    // A shell that stops reading has its answer already: nothing to report.
    let mut stdout = std::io::stdout().lock();
    let _ = std::io::Write::write_all(&mut stdout, text.as_bytes());
    let _ = std::io::Write::flush(&mut stdout);
    ExitCode::Success
}

/// The entries of the corpora `context` names, with the environment and
/// config file; none when the config file is broken. Problems are not
/// reported: stderr belongs to the shell's prompt.
fn load(context: &Context) -> Vec<Entry> {
    if context.want == Want::Nothing {
        return Vec::new();
    }
    let global = GlobalArgs {
        corpus: context.corpus.clone(),
        no_builtin: context.no_builtin,
        ..GlobalArgs::default()
    };
    match Settings::resolve(&global, &settings::process_env) {
        Ok(settings) => Corpus::load(&settings.sources).entries,
        Err(_) => Vec::new(),
    }
}

/// A value and what the shell may show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    pub description: String,
}

/// The ids or categories that start with what is typed (case ignored), in
/// corpus order, each once, sanitised as one line.
pub fn candidates(entries: &[Entry], want: &Want) -> Vec<Candidate> {
    let starts = |value: &str, typed: &str| {
        let mut value = value.chars().flat_map(char::to_lowercase);
        typed
            .chars()
            .flat_map(char::to_lowercase)
            .all(|c| value.next() == Some(c))
    };
    match want {
        Want::Nothing => Vec::new(),
        Want::Id(typed) => {
            let mut seen = std::collections::HashSet::new();
            entries
                .iter()
                .filter(|e| starts(&e.id, typed) && seen.insert(&*e.id))
                .map(|e| Candidate {
                    value: sanitize_line(&e.id).into_owned(),
                    description: sanitize_line(&e.question).into_owned(),
                })
                .collect()
        }
        Want::Category(typed) => {
            let mut counts: Vec<(String, usize)> = Vec::new();
            let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            for e in entries {
                let label = e.category_label();
                if label.is_empty() || !starts(&label, typed) {
                    continue;
                }
                match at.get(&label) {
                    Some(&i) => counts[i].1 += 1,
                    None => {
                        at.insert(label.clone(), counts.len());
                        counts.push((label, 1));
                    }
                }
            }
            counts
                .into_iter()
                .map(|(label, n)| Candidate {
                    value: sanitize_line(&label).into_owned(),
                    description: format!("{n} {}", if n == 1 { "entry" } else { "entries" }),
                })
                .collect()
        }
    }
}

/// The candidates as `shell`'s hook reads them, one a line: bash inserts
/// the line as it is, so it is quoted here; zsh's `_describe` reads
/// `value:description` (a `:` or `\` of the value escaped), after a first
/// line naming what they are; fish reads `value<TAB>description`.
/// Sanitised values hold no newline or tab.
pub fn format(shell: Shell, want: &Want, candidates: &[Candidate]) -> String {
    let mut out = String::new();
    if shell == Shell::Zsh {
        out.push_str(match want {
            Want::Category(_) => "category\n",
            _ => "entry id\n",
        });
    }
    for c in candidates {
        match shell {
            Shell::Bash => out.push_str(&quote_bash(&c.value)),
            Shell::Zsh => {
                for ch in c.value.chars() {
                    if matches!(ch, ':' | '\\') {
                        out.push('\\');
                    }
                    out.push(ch);
                }
                if !c.description.is_empty() {
                    out.push(':');
                    out.push_str(&c.description);
                }
            }
            Shell::Fish => {
                out.push_str(&c.value);
                if !c.description.is_empty() {
                    out.push('\t');
                    out.push_str(&c.description);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// `value` as one shell word: every character that is not a letter, digit
/// or one of `-_./,+@%` behind a backslash.
fn quote_bash(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',' | '+' | '@' | '%')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits a command line as the shell would (quotes, backslashes; a new
/// command after `;`, `|`, `&`, `(`), without expanding anything. Returns
/// the words before the cursor and the word being typed (empty after a
/// space); a quote left open counts as closed.
pub fn split_line(line: &str) -> (Vec<String>, String) {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') | (None, '\\') => {
                if let Some(next) = chars.next().filter(|&n| n != '\n') {
                    word.get_or_insert_default().push(next);
                }
            }
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, ';' | '|' | '&' | '(' | ')') => {
                words.clear();
                word = None;
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    (words, word.unwrap_or_default())
}

/// What the cursor is on, for a command line up to the cursor. `None` when
/// it is not an id or category (a flag, a subcommand, a path, …).
pub fn context(line: &str) -> Option<Context> {
    let (words, current) = split_line(line);
    let mut root = cli::command();
    root.build();
    let mut scope = &root;
    let mut subcommand: Option<String> = None;
    let mut positionals = 0;
    let mut corpus = Vec::new();
    let mut no_builtin = false;
    let mut pending: Option<String> = None;
    let mut options_end = false;
    let mut record = |id: &str, value: Option<&str>, corpus: &mut Vec<PathBuf>| match id {
        "corpus" => corpus.extend(value.map(PathBuf::from)),
        "no_builtin" => no_builtin = true,
        _ => {}
    };
    for word in words.iter().skip(1) {
        if let Some(id) = pending.take() {
            record(&id, Some(word), &mut corpus);
        } else if !options_end && word == "--" {
            options_end = true;
        } else if !options_end && word.starts_with('-') && word.len() > 1 {
            let (id, value, takes) = option(scope, word)?;
            match (takes, value) {
                (true, None) => pending = Some(id),
                (_, value) => record(&id, value.as_deref(), &mut corpus),
            }
        } else if subcommand.is_none() {
            let found = scope.find_subcommand(word)?;
            subcommand = Some(found.get_name().to_owned());
            scope = found;
        } else {
            positionals += 1;
        }
    }
    let want = match (subcommand.as_deref(), pending.as_deref()) {
        (Some("list"), Some("category")) => Want::Category(current),
        (_, Some(_)) => return None,
        (Some("list"), None) if !options_end => {
            let value = current.strip_prefix("--category=")?;
            Want::Category(value.to_owned())
        }
        (Some("show"), None) if options_end || !current.starts_with('-') => {
            if positionals == 0 {
                Want::Id(current)
            } else {
                Want::Nothing
            }
        }
        _ => return None,
    };
    Some(Context {
        want,
        corpus,
        no_builtin,
    })
}

/// The option a word names in `scope`: its id, the value attached to it
/// (`--corpus=x`, `-n5`), and whether it takes a value. `None` for an
/// option `scope` does not have. Of a cluster of short flags (`-xy`), the
/// last one is the one reported.
fn option(scope: &clap::Command, word: &str) -> Option<(String, Option<String>, bool)> {
    let takes = |arg: &clap::Arg| arg.get_action().takes_values();
    if let Some(long) = word.strip_prefix("--") {
        let (name, value) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (long, None),
        };
        let arg = scope.get_arguments().find(|a| {
            a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|l| l.contains(&name))
        })?;
        return Some((arg.get_id().to_string(), value, takes(arg)));
    }
    for (at, c) in word[1..].char_indices() {
        let arg = scope.get_arguments().find(|a| a.get_short() == Some(c))?;
        let rest = &word[1 + at + c.len_utf8()..];
        if takes(arg) {
            let value = (!rest.is_empty()).then(|| rest.trim_start_matches('=').to_owned());
            return Some((arg.get_id().to_string(), value, true));
        }
        if rest.is_empty() {
            return Some((arg.get_id().to_string(), None, false));
        }
    }
    None
}

/// bash: ask `faq` first, and let clap's `_faq` complete anything else.
const BASH_HOOK: &str = r#"
# Ids after `faq show` and categories after `faq list --category`, from the
# corpora the line would load, are asked of `faq __complete`; the rest is
# `_faq` above.
_faq_values() {
    local out
    if ! out=$(command faq __complete bash -- "${COMP_LINE:0:COMP_POINT}" 2>/dev/null); then
        _faq "$@"
        return
    fi
    compopt +o default +o bashdefault 2>/dev/null
    COMPREPLY=()
    [[ -n $out ]] && mapfile -t COMPREPLY <<<"$out"
    return 0
}
complete -F _faq_values -o bashdefault -o default faq
"#;

/// zsh: the actions of `show`'s query and of `--category`, which clap
/// writes as `_default`, call this instead.
const ZSH_HOOK: &str = r#"(( $+functions[_faq_values] )) ||
_faq_values() {
    local out
    local -a values
    out=$(command faq __complete zsh -- "$LBUFFER" 2>/dev/null) || { _default; return }
    values=("${(@f)out}")
    local what=$values[1]
    shift values
    _describe -t faq-values $what values
}

"#;

/// fish: one more source of arguments for `show` and `--category`.
const FISH_HOOK: &str = r#"
# Ids after `faq show` and categories after `faq list --category`, from the
# corpora the line would load, are asked of `faq __complete`.
function __fish_faq_values
    command faq __complete fish -- (commandline -cp | string collect)
end
complete -c faq -n "__fish_faq_using_subcommand show" -f -a "(__fish_faq_values)"
complete -c faq -n "__fish_faq_using_subcommand list ls" -s c -l category -r -f -a "(__fish_faq_values)"
"#;

/// clap_complete's static script for `shell` with the hook that asks
/// `faq __complete` for ids and categories: what `completions/` holds.
/// Panics if clap's script no longer has the shape the hook is fitted to,
/// so that the test comparing `completions/` with this says so.
pub fn with_hook(shell: Shell, generated: &str) -> String {
    match shell {
        Shell::Bash => format!("{generated}{BASH_HOOK}"),
        Shell::Fish => format!("{generated}{FISH_HOOK}"),
        Shell::Zsh => {
            let show = "or words that find one clearly:_default'";
            let category = ":NAME:_default'";
            let dispatch = "if [ \"$funcstack[1]\" = \"_faq\" ]; then";
            for needle in [show, category, dispatch] {
                assert!(generated.contains(needle), "zsh script lacks {needle:?}");
            }
            generated
                .replace(show, &show.replace("_default", "_faq_values"))
                .replace(category, &category.replace("_default", "_faq_values"))
                .replace(dispatch, &format!("{ZSH_HOOK}{dispatch}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(line: &str) -> Option<Want> {
        context(line).map(|c| c.want)
    }

    #[test]
    fn lines_split_as_the_shell_splits_them() {
        assert_eq!(
            split_line("faq show acc"),
            (vec!["faq".into(), "show".into()], "acc".into())
        );
        assert_eq!(split_line("faq show ").1, "");
        assert_eq!(
            split_line(r#"echo x | faq list -c "Element M"#),
            (
                vec!["faq".into(), "list".into(), "-c".into()],
                "Element M".into()
            )
        );
        assert_eq!(split_line(r"faq --corpus my\ dir sh").0[2], "my dir");
        assert_eq!(split_line("faq --corpus 'a b' ''").1, "");
    }

    #[test]
    fn ids_after_show_and_categories_after_category() {
        assert_eq!(want("faq show acc"), Some(Want::Id("acc".into())));
        assert_eq!(want("faq --strict show "), Some(Want::Id("".into())));
        assert_eq!(want("faq show --json a"), Some(Want::Id("a".into())));
        assert_eq!(want("faq show -- -x"), Some(Want::Id("-x".into())));
        assert_eq!(want("faq show access-token x"), Some(Want::Nothing));
        assert_eq!(
            want("faq list --category El"),
            Some(Want::Category("El".into()))
        );
        assert_eq!(want("faq ls -c "), Some(Want::Category("".into())));
        assert_eq!(
            want("faq list --category=Pri"),
            Some(Want::Category("Pri".into()))
        );
        assert_eq!(
            want("faq list --json -c 'Element M"),
            Some(Want::Category("Element M".into()))
        );
    }

    #[test]
    fn anything_else_is_left_to_the_static_script() {
        for line in [
            "faq ",
            "faq sh",
            "faq show --js",
            "faq show --color ",
            "faq --corpus ",
            "faq search acc",
            "faq list ",
            "faq list --json ",
            "faq check ",
            "faq nonsense x",
            "faq show --no-such-flag x",
        ] {
            assert_eq!(want(line), None, "{line}");
        }
    }

    #[test]
    fn corpus_options_before_the_cursor_count() {
        let c = context("faq --corpus a show --corpus=b --no-builtin x").unwrap();
        assert_eq!(c.corpus, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(c.no_builtin);
        assert_eq!(c.want, Want::Id("x".into()));
    }

    fn entry(id: &str, question: &str, category: &str) -> Entry {
        Entry::for_test(id, question, category, "answer")
    }

    #[test]
    fn candidates_match_what_is_typed_once_each() {
        let entries = [
            entry("access-token", "How do I get my token?", "Element"),
            entry("Acme", "Q?", "Billing"),
            entry("access-token", "Again?", "Element"),
            entry("other", "Other?", "Element"),
        ];
        let ids = candidates(&entries, &Want::Id("ac".into()));
        let values: Vec<&str> = ids.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["access-token", "Acme"]);
        assert_eq!(ids[0].description, "How do I get my token?");
        let cats = candidates(&entries, &Want::Category("e".into()));
        assert_eq!(
            cats,
            [Candidate {
                value: "Element".into(),
                description: "3 entries".into()
            }]
        );
    }

    #[test]
    fn hostile_text_cannot_break_the_protocol_or_the_terminal() {
        let entries = [entry(
            "evil\x1b]52;c;x\x07\nid",
            "Line one\nline two\tand\x1b[2J\u{202e}?",
            "Cat:\tegory",
        )];
        let ids = candidates(&entries, &Want::Id(String::new()));
        let cats = candidates(&entries, &Want::Category(String::new()));
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let id = Want::Id(String::new());
            let category = Want::Category(String::new());
            for out in [format(shell, &id, &ids), format(shell, &category, &cats)] {
                let header = usize::from(shell == Shell::Zsh);
                assert_eq!(out.lines().count(), 1 + header, "{shell:?}: {out:?}");
                assert!(
                    !out.chars()
                        .any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "{out:?}"
                );
                assert!(!out.contains('\u{202e}'), "{out:?}");
                let tabs = out.matches('\t').count();
                assert_eq!(tabs, usize::from(shell == Shell::Fish), "{out:?}");
            }
        }
        let category = Want::Category(String::new());
        assert_eq!(
            format(Shell::Zsh, &category, &cats),
            "category\nCat\\:\\\\x09egory:1 entry\n"
        );
        assert_eq!(
            format(Shell::Bash, &category, &cats),
            "Cat\\:\\\\x09egory\n"
        );
    }

    #[test]
    fn bash_words_are_quoted() {
        assert_eq!(quote_bash("a b&c'd"), r"a\ b\&c\'d");
        assert_eq!(quote_bash("été-1.x"), "été-1.x");
        assert_eq!(quote_bash("~x$y*"), r"\~x\$y\*");
    }
}
