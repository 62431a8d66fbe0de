//! Everything that can stop a command, each with a one-line message.

use std::path::PathBuf;

use crate::exit_codes::ExitCode;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("empty query: give at least one word to search for")]
    EmptyQuery,

    #[error("no entries to search: every corpus was empty or unreadable")]
    NoEntries,

    #[error("{count} corpus problem(s) and --strict is set; first: {first}")]
    Strict { count: usize, first: String },

    #[error("config file {}: {message}", path.display())]
    Config { path: PathBuf, message: String },

    #[error("interactive picker needs a terminal: {0}")]
    NoTerminal(String),

    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::Error
    }

    /// True when the error is only the reader going away (`faq list | head -1`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(err) => is_broken_pipe(err),
            _ => false,
        }
    }
}

/// Walks an I/O error's chain looking for a closed pipe.
pub fn is_broken_pipe(err: &std::io::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
            // A wrapped error hides behind `get_ref`, not `source`.
            if let Some(inner) = io.get_ref() {
                current = Some(inner);
                continue;
            }
        }
        current = e.source();
    }
    false
}

pub type Result<T> = std::result::Result<T, Error>;

/// A one-line description of an I/O error, without Rust's `(os error N)`.
pub fn io_message(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn broken_pipe_is_found_inside_a_wrapped_error() {
        let inner = io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        let outer = io::Error::other(inner);
        assert!(is_broken_pipe(&outer));
        assert!(Error::Io(outer).is_broken_pipe());
        assert!(!Error::EmptyQuery.is_broken_pipe());
    }
}
