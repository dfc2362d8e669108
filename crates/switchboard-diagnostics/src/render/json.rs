//! `--format json`: one object with every connector and a summary.
//!
//! Shape: `{"connectors":[{"path","diagnostics":[{"code","severity","message","file","line",
//! "column","end_line","end_column","pointer","help"?,"fix"?}]}],"summary":{"connectors",
//! "errors","warnings","infos"}}`.

use serde::Serialize;

use super::{Report, Summary};

#[derive(Serialize)]
struct Output<'a> {
    connectors: &'a [Report],
    summary: Summary,
}

/// Renders the reports as one JSON document (with a trailing newline).
pub fn render(reports: &[Report]) -> String {
    let out = Output { connectors: reports, summary: Summary::of(reports) };
    // Serialising plain data into a String cannot fail.
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
