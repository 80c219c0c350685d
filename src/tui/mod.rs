//! The terminal interface: three panes over the loaded articles.

use crate::article::LoadReport;
use std::process::ExitCode;

/// Run the interactive reader on the loaded articles until the user quits.
pub fn run(report: LoadReport) -> anyhow::Result<ExitCode> {
    let _ = report;
    todo!("tui")
}
