//! The picker and `faq show` in a real terminal: each test runs the binary
//! inside its own tmux server, sends keys, and reads the screen as a person
//! would see it (`tests/common/tmux.rs`). Skipped, with a message, where
//! tmux is not installed, except in CI (`CI` set), where that fails.

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::{BIN, PATIENCE, SESSION, Tmux};

/// The builtin entry `tomb` should find first, and its question.
const TOMBSTONE: &str = "How do I manually tombstone a room?";

/// The picker's own ways with the terminal.
trait PickerTerminal {
    fn start_picker(&self, width: u16, height: u16, args: &str);
    fn wait_for_top(&self, question: &str) -> String;
    fn wait_for_exit(&self) -> (String, i32);
    fn assert_restored(&self);
}

impl PickerTerminal for Tmux {
    /// Starts the picker with `args`: the screen says `before-picker` first,
    /// stdout goes to `out`, then the exit code is appended to `out`, the
    /// terminal settings are saved to `stty`, and `PICKER-DONE` is printed.
    fn start_picker(&self, width: u16, height: u16, args: &str) {
        let shell = format!(
            "printf 'before-picker\\n'; {env} {BIN} {args} > {out}; echo EXIT=$? >> {out}; \
             stty -a > {stty} 2>&1; echo PICKER-DONE; exec sleep 600",
            env = self.env(),
            out = self.path("out").display(),
            stty = self.path("stty").display(),
        );
        self.start(width, height, &shell);
    }

    /// Waits until a stacked picker shows `question` first, with its preview.
    fn wait_for_top(&self, question: &str) -> String {
        self.wait_for(&format!("{question:?} on top"), |s| {
            list_rows(s)
                .first()
                .is_some_and(|r| r.starts_with("> ") && row_question(r) == question)
                && preview(s).starts_with(question)
        })
    }

    /// Waits for the picker's shell line to finish; returns what it printed
    /// to stdout and its exit code.
    fn wait_for_exit(&self) -> (String, i32) {
        self.wait_for_text("PICKER-DONE");
        let out = fs::read_to_string(self.path("out")).unwrap();
        let (printed, code) = out.rsplit_once("EXIT=").expect("exit code line");
        (printed.to_owned(), code.trim().parse().unwrap())
    }

    /// Asserts the terminal is as it was before the picker: the normal
    /// screen with what was printed before, cursor shown, not in raw mode.
    fn assert_restored(&self) {
        let screen = self.screen();
        assert_eq!(
            self.pane_var("alternate_on"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.pane_var("cursor_flag"), "1", "cursor left hidden");
        // (A shell reports a death by signal: `Terminated`.)
        let lines: Vec<&str> = screen.lines().filter(|l| *l != "Terminated").collect();
        assert_eq!(lines.first().copied(), Some("before-picker"), "{screen}");
        assert_eq!(lines.get(1).copied(), Some("PICKER-DONE"), "{screen}");
        assert!(!screen.contains("> "), "picker left on screen:\n{screen}");
        let stty = fs::read_to_string(self.path("stty")).unwrap();
        let flags: HashSet<&str> = stty.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig", "opost"] {
            assert!(flags.contains(flag), "raw mode left on ({flag}): {stty}");
        }
    }
}

/// The list rows of a stacked (narrow) picker screen: between the query line
/// and the `──` status line.
fn list_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("──"))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// The question shown on a list row (marker and category dropped).
fn row_question(row: &str) -> &str {
    let row = row.get(2..).unwrap_or("");
    row.split("  ").next().unwrap_or("").trim_end_matches('…')
}

/// The preview of a stacked screen: everything under the `──` status line.
fn preview(screen: &str) -> String {
    screen
        .lines()
        .skip_while(|l| !l.starts_with("──"))
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn picker_80x24_tomb_down_enter_prints_the_selected_answer() {
    let Some(t) = Tmux::new("pick80", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    let first = t.wait_for("the full list", |s| s.starts_with("> ") && s.contains("──"));
    assert!(first.lines().count() <= 24);

    t.type_text("tomb");
    let screen = t.wait_for_top(TOMBSTONE);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with("> tomb"), "query line: {}", lines[0]);
    let rows = list_rows(&screen);
    assert!(rows[0].starts_with("> "), "first row selected: {rows:?}");
    assert!(
        rows[0].contains("Matrix General"),
        "category shown: {rows:?}"
    );
    let status = lines.iter().find(|l| l.starts_with("──")).unwrap();
    assert!(status.contains("tombstone-room"), "{status}");
    let shown = preview(&screen);
    assert!(shown.starts_with(TOMBSTONE), "preview:\n{shown}");
    assert!(shown.contains("m.room.tombstone"), "preview:\n{shown}");
    assert!(screen.lines().all(|l| l.chars().count() <= 80));

    // Down moves to the second row when there is one, and stays put on the
    // last row otherwise; Enter prints whichever is selected.
    let expected = row_question(rows.get(1).unwrap_or(&rows[0])).to_owned();
    t.keys(&["Down"]);
    if rows.len() >= 2 {
        let screen = t.wait_for("the second row selected", |s| {
            list_rows(s).get(1).is_some_and(|r| r.starts_with("> "))
        });
        assert!(list_rows(&screen)[0].starts_with("  "));
        assert!(preview(&screen).starts_with(&expected), "{screen}");
    }

    t.keys(&["Enter"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!(code, 0);
    // stdout is a file: the entry as plain Markdown, as `faq show` prints it there.
    assert!(
        printed.starts_with(&format!("# {expected}\n\n")),
        "printed:\n{printed}"
    );
    assert!(!printed.contains('\x1b'), "escape sequences in a file");
    t.assert_restored();
}

#[test]
fn picker_80x24_room_down_enter_prints_the_second_answer() {
    let Some(t) = Tmux::new("pick80b", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    t.wait_for("the full list", |s| s.starts_with("> ") && s.contains("──"));
    t.type_text("room");
    let screen = t.wait_for("results for room", |s| {
        s.starts_with("> room") && list_rows(s).len() >= 2
    });
    let second = row_question(list_rows(&screen)[1]).to_owned();
    t.keys(&["Down"]);
    t.wait_for("the second row selected", |s| {
        list_rows(s).get(1).is_some_and(|r| r.starts_with("> "))
    });
    t.keys(&["Enter"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!(code, 0);
    assert!(
        printed.starts_with(&format!("# {second}\n\n")),
        "printed:\n{printed}"
    );
    t.assert_restored();
}

#[test]
fn picker_escape_prints_nothing_and_exits_130() {
    let Some(t) = Tmux::new("esc", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    t.wait_for_text("──");
    t.type_text("tomb");
    t.wait_for_top(TOMBSTONE);
    t.keys(&["Escape"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!((printed.as_str(), code), ("", 130));
    t.assert_restored();
}

#[test]
fn picker_ctrl_c_prints_nothing_and_exits_130() {
    let Some(t) = Tmux::new("ctrlc", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick tomb");
    t.wait_for_top(TOMBSTONE);
    t.keys(&["C-c"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!((printed.as_str(), code), ("", 130));
    t.assert_restored();
}

#[test]
fn picker_200x50_previews_beside_the_list_and_redraws_on_resize() {
    let Some(t) = Tmux::new("pick200", &[]) else {
        return;
    };
    t.start_picker(200, 50, "pick");
    t.wait_for_text("│");
    t.type_text("tomb");
    let screen = t.wait_for("tombstone-room on top", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with(&format!("> {TOMBSTONE}")))
    });
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 50, "{screen}");
    // The preview's heading on the same row as the first result, right of the bar.
    let row = lines[1];
    let bar = row.find('│').expect("a bar between list and preview");
    let right = &row[bar + '│'.len_utf8()..];
    assert_eq!(right.trim(), TOMBSTONE, "{row}");
    assert!(row[..bar].chars().count() >= 80, "list too narrow: {row}");
    assert!(screen.contains("m.room.tombstone"));
    assert!(
        lines[49].starts_with("tombstone-room"),
        "status: {}",
        lines[49]
    );

    t.resize(80, 24);
    let screen = t.wait_for("the stacked layout", |s| {
        !s.contains('│') && s.lines().any(|l| l.starts_with("── tombstone-room"))
    });
    assert!(screen.lines().all(|l| l.chars().count() <= 80), "{screen}");
    assert!(preview(&screen).starts_with(TOMBSTONE), "{screen}");
    assert_eq!(row_question(list_rows(&screen)[0]), TOMBSTONE);

    t.keys(&["Enter"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!(code, 0);
    assert!(
        printed.starts_with(&format!("# {TOMBSTONE}\n")),
        "{printed}"
    );
    t.assert_restored();
}

#[test]
fn faq_alone_opens_the_picker_and_pick_works_inside_command_substitution() {
    let Some(t) = Tmux::new("subst", &[]) else {
        return;
    };
    // `$(faq pick)`: stdout is a pipe, stdin is not a terminal either.
    let shell = format!(
        "printf 'before-picker\\n'; answer=$({env} {BIN} pick tomb < /dev/null); \
         printf '%s\\nEXIT=%s\\n' \"$answer\" $? > {out}; stty -a > {stty} 2>&1; \
         echo PICKER-DONE; exec sleep 600",
        env = t.env(),
        out = t.path("out").display(),
        stty = t.path("stty").display(),
    );
    t.start(80, 24, &shell);
    t.wait_for_top(TOMBSTONE);
    t.keys(&["Enter"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!(code, 0);
    assert!(
        printed.starts_with(&format!("# {TOMBSTONE}\n")),
        "{printed}"
    );
    t.assert_restored();

    // `faq` alone, stdin and stdout on the terminal.
    let Some(t) = Tmux::new("alone", &[]) else {
        return;
    };
    let shell = format!(
        "printf 'before-picker\\n'; {env} {BIN}; echo EXIT=$? > {out}; stty -a > {stty} 2>&1; \
         echo PICKER-DONE; exec sleep 600",
        env = t.env(),
        out = t.path("out").display(),
        stty = t.path("stty").display(),
    );
    t.start(80, 24, &shell);
    t.wait_for_text("──");
    t.keys(&["Escape"]);
    assert_eq!(t.wait_for_exit(), (String::new(), 130));
    t.assert_restored();
}

#[test]
fn picker_takes_pastes_and_editing_keys() {
    let Some(t) = Tmux::new("paste", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    t.wait_for_text("──");
    t.type_text("qqqxxzz");
    t.wait_for_text("no matches");
    t.keys(&["C-u"]);
    t.wait_for("an empty query", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.split_whitespace().count() == 2)
    });
    assert!(t.tmux(&["set-buffer", "tombston"]).status.success());
    assert!(
        t.tmux(&["paste-buffer", "-p", "-t", SESSION])
            .status
            .success()
    );
    t.type_text("ex");
    t.keys(&["BSpace", "BSpace", "e"]);
    let screen = t.wait_for_top(TOMBSTONE);
    assert!(screen.starts_with("> tombstone "), "{screen}");
    t.keys(&["C-y"]);
    t.wait_for_text("id copied");
    t.keys(&["Escape"]);
    assert_eq!(t.wait_for_exit().1, 130);
}

#[test]
fn picker_scrolls_the_preview_with_page_keys() {
    let Some(t) = Tmux::new("page", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick cname well known");
    let top = t.wait_for("the CNAME entry", |s| {
        list_rows(s)
            .first()
            .is_some_and(|r| row_question(r) == "CNAME and .well-known?")
    });
    assert!(top.contains("lines 1-"), "{top}");
    t.keys(&["PageDown"]);
    let screen = t.wait_for("the preview scrolled", |s| !s.contains("lines 1-"));
    assert!(!preview(&screen).starts_with("CNAME"), "{screen}");
    t.keys(&["PageUp"]);
    let screen = t.wait_for_text("lines 1-");
    assert!(preview(&screen).starts_with("CNAME and .well-known?"));
    t.keys(&["Escape"]);
    assert_eq!(t.wait_for_exit().1, 130);
}

#[test]
fn picker_colours_unless_no_color_or_color_never() {
    for (name, env, args, coloured) in [
        ("colour", "", "pick tomb", true),
        ("nocolor", "NO_COLOR=1", "pick tomb", false),
        ("never", "", "--color never pick tomb", false),
    ] {
        let Some(t) = Tmux::new(name, &[]) else {
            return;
        };
        let shell = format!(
            "{} {env} {BIN} {args} > {out}; echo PICKER-DONE; exec sleep 600",
            t.env(),
            out = t.path("out").display()
        );
        t.start(80, 24, &shell);
        t.wait_for_top(TOMBSTONE);
        let escaped = t.screen_with_escapes();
        assert_eq!(
            escaped.contains("\x1b["),
            coloured,
            "{name}: {}",
            escaped.replace('\x1b', "\\e")
        );
        if coloured {
            // The matched characters of the first question stand out.
            let first = escaped.lines().nth(1).unwrap();
            assert!(
                first.contains("33mtomb"),
                "{}",
                first.replace('\x1b', "\\e")
            );
        }
        t.keys(&["Escape"]);
        t.wait_for_text("PICKER-DONE");
    }
}

#[test]
fn picker_uses_the_corpus_flag() {
    let Some(t) = Tmux::new("corpus", &[]) else {
        return;
    };
    let corpus = t.path("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("acme.md"),
        "# Acme\n\n## How do I reset the flux capacitor? {#flux-reset}\n\nHold the red button.\n\n\
         ## Where is the manual? {#manual}\n\nOn the shelf.\n",
    )
    .unwrap();
    t.start_picker(
        80,
        24,
        &format!("--no-builtin --corpus {} pick", corpus.display()),
    );
    let screen = t.wait_for_text("2/2");
    let rows = list_rows(&screen);
    assert_eq!(row_question(rows[0]), "How do I reset the flux capacitor?");
    assert_eq!(row_question(rows[1]), "Where is the manual?");
    t.type_text("manual");
    t.wait_for_text("1/2");
    t.keys(&["Enter"]);
    let (printed, code) = t.wait_for_exit();
    assert_eq!(code, 0);
    assert_eq!(printed, "# Where is the manual?\n\nOn the shelf.\n");
    t.assert_restored();
}

/// The pid of the program the pane's shell runs (its only child).
fn picker_pid(t: &Tmux) -> String {
    let shell_pid = t.pane_var("pane_pid");
    let out = Command::new("pgrep")
        .args(["-P", &shell_pid])
        .output()
        .expect("pgrep");
    let child = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        !child.is_empty() && !child.contains('\n'),
        "children: {child:?}"
    );
    child
}

#[test]
fn picker_restores_the_terminal_on_sigterm() {
    let Some(t) = Tmux::new("term", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    t.wait_for_text("──");
    let pid = picker_pid(&t);
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let (printed, code) = t.wait_for_exit();
    assert_eq!((printed.as_str(), code), ("", 128 + 15));
    t.assert_restored();
}

#[test]
fn picker_ends_when_its_terminal_goes_away() {
    let Some(t) = Tmux::new("hangup", &[]) else {
        return;
    };
    t.start_picker(80, 24, "pick");
    t.wait_for_text("──");
    let pid = picker_pid(&t);
    let proc = PathBuf::from(format!("/proc/{pid}"));
    assert!(proc.exists());
    // Killing the server closes the pane's terminal under the picker.
    let _ = t.tmux(&["kill-server"]);
    let start = Instant::now();
    while proc.exists() && start.elapsed() < PATIENCE {
        sleep(Duration::from_millis(20));
    }
    assert!(
        !proc.exists(),
        "the picker outlived its terminal (pid {pid})"
    );
}

#[test]
fn pick_without_a_terminal_says_so_and_exits_2() {
    // `setsid` starts it in a new session: no controlling terminal, no /dev/tty.
    let Ok(out) = Command::new("setsid")
        .args(["-w", BIN, "pick"])
        .env_remove("FAQ_PATH")
        .stdin(Stdio::null())
        .output()
    else {
        eprintln!("SKIPPED: setsid is not installed");
        return;
    };
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("faq: interactive picker needs a terminal"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// `faq show` in a real terminal at several widths.

/// `faq show <id> --color never` on a terminal `width` columns wide: what
/// was printed, with lines the terminal had to wrap joined back.
fn show_on_terminal(id: &str, width: u16, extra: &str) -> Option<Vec<String>> {
    let t = Tmux::new(&format!("show{width}"), &[])?;
    let shell = format!(
        "{} {BIN} --color never {extra} show --paging never {id}; echo SHOW-DONE",
        t.env()
    );
    t.start(width, 100, &shell);
    t.wait_for_text("SHOW-DONE");
    let text = t.joined_history();
    let lines: Vec<String> = text
        .lines()
        .take_while(|l| *l != "SHOW-DONE")
        .map(|l| l.trim_end().to_owned())
        .collect();
    Some(lines)
}

/// `faq show <id>` through a pipe: the entry's Markdown.
fn markdown(id: &str, extra: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(extra)
        .args(["show", id])
        .env_remove("FAQ_PATH")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("faq-no-config"),
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of the first ```json block of some Markdown.
fn json_block(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .skip_while(|l| l.trim() != "```json")
        .skip(1)
        .take_while(|l| l.trim() != "```")
        .map(str::to_owned)
        .collect()
}

fn words(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(str::to_owned)
        .collect()
}

/// Every rule of `faq show`'s terminal layout, checked at `width`;
/// returns what broke, one line per problem.
fn show_problems(width: u16) -> Vec<String> {
    let mut problems = Vec::new();
    let room = usize::from(width);
    for id in ["cname-well-known", "delete-spaces", "tombstone-room"] {
        let (Some(lines), Some(wide)) = (
            show_on_terminal(id, width, ""),
            show_on_terminal(id, 300, ""),
        ) else {
            return Vec::new();
        };
        let screen = lines.join("\n");
        for line in &lines {
            if line.chars().count() > room {
                problems.push(format!("{id}@{width}: line longer than {width}: {line:?}"));
            }
        }
        // Words: every word of the wide rendering short enough to fit a
        // (possibly indented) line comes out whole.
        let shown: HashSet<String> = words(&lines).into_iter().collect();
        for word in words(&wide) {
            if word.chars().count() + 6 <= room && !shown.contains(&word) {
                problems.push(format!("{id}@{width}: word split or lost: {word:?}"));
            }
        }
        let source = markdown(id, &[]);
        // Code: each line of a JSON block that fits is there with its
        // indentation; a longer one continues no less indented.
        for code in json_block(&source) {
            let code = code.trim_end();
            let indent = code.len() - code.trim_start().len();
            if code.chars().count() <= room {
                if !lines.iter().any(|l| l == code) {
                    problems.push(format!("{id}@{width}: code line changed: {code:?}"));
                }
                continue;
            }
            let at = lines.iter().position(|l| {
                l.len() - l.trim_start().len() == indent
                    && !l.trim().is_empty()
                    && code.trim_start().starts_with(l.trim())
            });
            match at {
                None => problems.push(format!("{id}@{width}: long code line lost: {code:?}")),
                Some(at) => {
                    let next = &lines[at + 1];
                    let next_indent = next.len() - next.trim_start().len();
                    if next_indent < indent {
                        problems.push(format!(
                            "{id}@{width}: code line {code:?} wrapped to column {next_indent}: {next:?}"
                        ));
                    }
                }
            }
        }
        // Lists: one bullet per Markdown item, nested ones indented.
        let items = source
            .lines()
            .filter(|l| l.trim_start().starts_with("- "))
            .count();
        let bullets = lines
            .iter()
            .filter(|l| l.trim_start().starts_with("• "))
            .count();
        if items != bullets {
            problems.push(format!(
                "{id}@{width}: {items} list items but {bullets} bullets"
            ));
        }
        // Links: text shown, real URLs shown, no Markdown link syntax.
        if screen.contains("](") {
            problems.push(format!("{id}@{width}: raw Markdown link"));
        }
        let flat = words(&lines).join(" ");
        let expect: &[&str] = match id {
            "cname-well-known" => &[
                "https://enable-cors.org/",
                "• https://example.com/.well-known/",
            ],
            "delete-spaces" => &[
                "How do I delete a room or a space?",
                "faq show delete-room-or-space",
            ],
            _ => &["The conversation continues here."],
        };
        for want in expect {
            if !flat.contains(want) {
                problems.push(format!("{id}@{width}: {want:?} missing"));
            }
        }
    }
    problems
}

#[test]
fn show_wraps_at_word_boundaries_and_keeps_blocks_at_80_and_120_columns() {
    let problems: Vec<String> = [80, 120].into_iter().flat_map(show_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn show_wraps_at_word_boundaries_and_keeps_blocks_at_40_columns() {
    let problems = show_problems(40);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn show_keeps_link_text_and_real_urls() {
    let Some(t) = Tmux::new("links", &[]) else {
        return;
    };
    let corpus = t.path("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("links.md"),
        "# Links\n\n## Where are the docs? {#docs}\n\n\
         Read [the Matrix spec](https://spec.matrix.org/latest/), see [Where are the docs?](#) \
         and [a local anchor](#nowhere), or mail <mailto:help@example.com>.\n",
    )
    .unwrap();
    let extra = format!("--no-builtin --corpus {}", corpus.display());
    let lines = show_on_terminal("docs", 80, &extra).unwrap();
    let flat = words(&lines).join(" ");
    assert!(flat.contains("the Matrix spec"), "{flat}");
    assert!(flat.contains("https://spec.matrix.org/latest/"), "{flat}");
    assert!(flat.contains("faq show docs"), "{flat}");
    assert!(flat.contains("a local anchor"), "{flat}");
    assert!(!flat.contains("(#") && !flat.contains("]("), "{flat}");
}
