//! The interactive picker (`faq` on a terminal, `faq pick`).

use crate::app::Settings;
use crate::error::{Error, Result};
use crate::exit_codes::ExitCode;

/// Opens the picker. Not built yet: says so instead of pretending.
pub fn run(_settings: &Settings, _query: &str) -> Result<ExitCode> {
    Err(Error::NoTerminal(
        "the interactive picker is not available in this build".into(),
    ))
}
