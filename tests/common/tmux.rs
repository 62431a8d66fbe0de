//! A real terminal for tests: one tmux server with one window and a
//! scratch folder per test, both gone on drop whether the test passed or
//! not. Used by the picker tests and the shell tests (completion, pager,
//! hyperlinks). `None`, after saying so, where tmux or a tool a test needs
//! is missing, except in CI, where that fails (see [`super::tool_available`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_faq");

/// How long to wait for the screen to show something before failing: a
/// hang guard, generous for a loaded 2-core machine.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The one session of each server.
pub const SESSION: &str = "t";

static SERIAL: AtomicUsize = AtomicUsize::new(0);

pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// A server's names and scratch folder; `None` when tmux or one of
    /// `tools` is missing.
    pub fn new(name: &str, tools: &[&str]) -> Option<Tmux> {
        if !super::tool_available("tmux") || !tools.iter().all(|t| super::tool_available(t)) {
            return None;
        }
        let socket = format!(
            "faq-{name}-{}-{}",
            std::process::id(),
            SERIAL.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::Builder::new()
            .prefix(&format!("{socket}-"))
            .tempdir()
            .unwrap();
        // The status line off, so the pane is the whole window; dead panes
        // stay, so the screen can be read after the program ends.
        fs::write(
            dir.path().join("tmux.conf"),
            "set -g status off\nset -g remain-on-exit on\nset -g history-limit 5000\n",
        )
        .unwrap();
        Some(Tmux { socket, dir })
    }

    /// The scratch folder, also the programs' `HOME`.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the scratch folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `env` and its arguments for a clean environment: the binary's folder
    /// first on `PATH`, colour allowed, no user config, corpus from the
    /// environment or pager settings, a scratch `HOME`.
    pub fn env(&self) -> String {
        let bin_dir = Path::new(BIN).parent().unwrap();
        format!(
            "env -u NO_COLOR -u FAQ_PATH -u COLUMNS -u PAGER -u FAQ_PAGER -u LESS \
             TERM=xterm-256color HOME={home} XDG_CONFIG_HOME={home}/config \
             XDG_DATA_HOME={home}/data FAQ_CONFIG={home}/no-config.toml PATH={bin}:{path}",
            home = self.dir.path().display(),
            bin = bin_dir.display(),
            path = std::env::var("PATH").unwrap_or_default(),
        )
    }

    /// Runs one tmux command against this server.
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.path("tmux.conf"))
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// Starts `shell` (a `sh -c` command line) in a `width`×`height` window.
    pub fn start(&self, width: u16, height: u16, shell: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            SESSION,
            shell,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Sends tmux key names (`Down`, `Enter`, `C-c`) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    /// Sends text as typed characters, never as key names.
    pub fn type_text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-l", "-t", SESSION, text])
                .status
                .success()
        );
    }

    /// The visible screen as text.
    pub fn screen(&self) -> String {
        self.capture(&["-p"])
    }

    /// The visible screen with its colours and attributes as SGR sequences.
    pub fn screen_with_escapes(&self) -> String {
        self.capture(&["-p", "-e"])
    }

    /// Everything printed, lines the terminal wrapped joined back together.
    pub fn joined_history(&self) -> String {
        self.capture(&["-p", "-J", "-S", "-"])
    }

    fn capture(&self, options: &[&str]) -> String {
        let mut args = vec!["capture-pane"];
        args.extend_from_slice(options);
        args.extend_from_slice(&["-t", SESSION]);
        String::from_utf8_lossy(&self.tmux(&args).stdout).into_owned()
    }

    /// A tmux format variable of the pane (`alternate_on`, `cursor_flag`).
    pub fn pane_var(&self, name: &str) -> String {
        let format = format!("#{{{name}}}");
        let out = self.tmux(&["display-message", "-p", "-t", SESSION, &format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Polls the screen until `ready` holds on a settled screen (the same on
    /// two captures in a row: a frame may reach tmux in several pieces);
    /// fails with the last screen.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let screen = self.screen();
            if ready(&screen) && screen == last {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; the screen shows:\n{screen}"
            );
            last = screen;
            sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // The scratch folder is removed after this, as the field drops.
        let _ = self.tmux(&["kill-server"]);
    }
}
