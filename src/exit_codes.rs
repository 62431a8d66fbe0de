//! The process exit codes, in one place, so scripts can rely on them.

/// Every way `faq` can end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Something was found and printed (or a check passed).
    Success,
    /// Nothing matched, the query was ambiguous, or `check` found problems.
    NoMatch,
    /// Bad usage, or an error reading the corpus or writing output.
    Error,
    /// The interactive picker was cancelled (Esc / Ctrl-C), as shells report SIGINT.
    Cancelled,
}

impl ExitCode {
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::NoMatch => 1,
            ExitCode::Error => 2,
            ExitCode::Cancelled => 130,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_grep_and_ripgrep() {
        assert_eq!(ExitCode::Success.code(), 0);
        assert_eq!(ExitCode::NoMatch.code(), 1);
        assert_eq!(ExitCode::Error.code(), 2);
        assert_eq!(ExitCode::Cancelled.code(), 130);
    }
}
