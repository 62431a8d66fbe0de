//! The picker's terminal: `/dev/tty` in raw mode on the alternate screen,
//! and the promise to give it back as it was on every way out.
//!
//! Drawing goes to `/dev/tty`, never to stdout, so stdout stays free for the
//! chosen answer (`faq pick > answer.md`, `$(faq pick)`). crossterm reads keys
//! from stdin when it is a terminal and from `/dev/tty` otherwise.
//!
//! Restoring (raw mode off, cursor shown, bracketed paste off, alternate
//! screen left) happens once, whichever comes first: [`Terminal`]'s `Drop`
//! (normal return, `?` errors, unwinding), the panic hook (so the panic
//! message lands on the normal screen), or a termination signal. SIGTERM,
//! SIGHUP, SIGINT and SIGQUIT only raise a flag (signal-hook's safe
//! `flag::register_usize`); the event loop sees it within one poll interval,
//! restores, and the process then dies of that same signal (see
//! [`die_of`]). A watchdog thread does the same should the event loop be
//! stuck: crossterm spins inside `poll` once the terminal is gone (a hangup
//! after the terminal window closed), and only the watchdog then ends the
//! process. SIGKILL cannot be caught: after `kill -9`, run `reset`.

use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::Duration;

use signal_hook::SigId;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use termimad::crossterm::cursor::{Hide, MoveTo, Show};
use termimad::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use termimad::crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use termimad::crossterm::{execute, queue};

use crate::error::{Error, Result};

use super::view::Screen;

/// True while the terminal is in the picker's state and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Held while writing to the terminal, so restoring never lands in the
/// middle of a frame (and no frame is drawn after restoring).
static WRITING: Mutex<()> = Mutex::new(());

/// How often the watchdog looks for a signal.
const WATCHDOG_TICK: Duration = Duration::from_millis(50);

/// Signals after which the picker restores the terminal and then dies of them.
const SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// The terminal while the picker owns it. Dropping it gives it back.
pub struct Terminal {
    tty: File,
    signal: Arc<AtomicUsize>,
    handlers: Vec<SigId>,
    /// Tells the watchdog to stop.
    open: Arc<AtomicBool>,
}

impl Terminal {
    /// Opens `/dev/tty`, switches it to raw mode and the alternate screen.
    pub fn open() -> Result<Terminal> {
        let tty = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .map_err(|e| Error::NoTerminal(format!("cannot open /dev/tty: {e}")))?;
        if !tty.is_terminal() {
            return Err(Error::NoTerminal("/dev/tty is not a terminal".into()));
        }
        install_panic_hook();
        let signal = Arc::new(AtomicUsize::new(0));
        let mut handlers = Vec::new();
        for sig in SIGNALS {
            // `sig` is a small positive number, so the cast is exact.
            let id = signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
            handlers.push(id);
        }
        let open = Arc::new(AtomicBool::new(true));
        spawn_watchdog(Arc::clone(&signal), Arc::clone(&open));
        let mut term = Terminal {
            tty,
            signal,
            handlers,
            open,
        };
        // From here on, `Drop` restores whatever was switched on.
        ACTIVE.store(true, Ordering::SeqCst);
        terminal::enable_raw_mode()
            .map_err(|e| Error::NoTerminal(format!("cannot switch to raw mode: {e}")))?;
        execute!(
            term.tty,
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        Ok(term)
    }

    /// The termination signal received, if any.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }

    /// Columns and rows, or 80×24 if the terminal will not say.
    pub fn size(&self) -> (usize, usize) {
        terminal::size().map_or((80, 24), |(w, h)| (usize::from(w), usize::from(h)))
    }

    /// Draws a whole frame in one write.
    pub fn draw(&mut self, screen: &Screen, clear: bool) -> io::Result<()> {
        let mut buf: Vec<u8> = Vec::with_capacity(screen.rows.iter().map(String::len).sum());
        queue!(buf, BeginSynchronizedUpdate, Hide)?;
        if clear {
            queue!(buf, Clear(ClearType::All))?;
        }
        for (r, row) in screen.rows.iter().enumerate() {
            queue!(buf, MoveTo(0, to_u16(r)))?;
            buf.extend_from_slice(row.as_bytes());
        }
        let (x, y) = screen.cursor;
        queue!(
            buf,
            MoveTo(to_u16(x), to_u16(y)),
            Show,
            EndSynchronizedUpdate
        )?;
        self.tty.write_all(&buf)?;
        self.tty.flush()
    }

    /// Asks the terminal to put `text` on the clipboard (OSC 52).
    pub fn copy(&mut self, text: &str) -> io::Result<()> {
        write!(self.tty, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
        self.tty.flush()
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.open.store(false, Ordering::SeqCst);
        restore();
        for id in self.handlers.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Gives the terminal back, once: later calls do nothing (leaving the
/// alternate screen twice would move the cursor over what was printed since).
pub fn restore() {
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    restore_now();
}

/// [`restore`] without waiting for the write lock, which a panicking thread
/// may be holding itself.
fn restore_now() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    if let Ok(mut tty) = OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(tty, DisableBracketedPaste, LeaveAlternateScreen, Show);
    }
    let _ = terminal::disable_raw_mode();
}

/// Ends the process of a termination signal, terminal restored, should the
/// event loop not get to it.
fn spawn_watchdog(signal: Arc<AtomicUsize>, open: Arc<AtomicBool>) {
    crate::threads::in_background(move || {
        // Give the event loop a chance to end in order first.
        let mut seen = 0;
        while open.load(Ordering::SeqCst) {
            std::thread::sleep(WATCHDOG_TICK);
            if signal.load(Ordering::SeqCst) == 0 {
                continue;
            }
            seen += 1;
            if seen > 4 {
                restore();
                die_of(i32::try_from(signal.load(Ordering::SeqCst)).unwrap_or(SIGTERM));
            }
        }
    });
}

/// Restores the terminal before the default hook prints a panic message.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_now();
            previous(info);
        }));
    });
}

/// Ends the process the way `signal` would have, now that the terminal is
/// restored, so the shell sees what happened (143 for SIGTERM).
pub fn die_of(signal: i32) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}

/// Standard base64 with padding, for OSC 52.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"tombstone-room"), "dG9tYnN0b25lLXJvb20=");
    }
}
