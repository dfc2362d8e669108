//! Diagnostics of a publish, shown like `switchboard validate` shows them: the local findings,
//! and the server's (refusals and stored warnings) mapped back onto the local files — the
//! server stores the bytes as sent, so its lines and columns are the local files' too.

use std::io::{IsTerminal as _, Write};
use std::sync::Arc;

use serde_json::Value;
use switchboard_diagnostics::render::{Report, Summary, human};
use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_model::{Connector, Span};

use super::folder::Folder;
use crate::args::ColorChoice;
use crate::commands::validate::sources;

/// The server's JSON diagnostics (as `validate --format json` writes them) as diagnostics on
/// the local files; entries that are not diagnostics are skipped.
pub fn from_server(values: &Value, folder: &Folder) -> Vec<Diagnostic> {
    let Some(items) = values.as_array() else { return Vec::new() };
    items
        .iter()
        .filter_map(|v| {
            let text = |key: &str| v.get(key).and_then(Value::as_str);
            let number = |key: &str| {
                v.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(1)
            };
            let severity = Severity::parse(text("severity")?)?;
            let server_file = text("file").unwrap_or_default();
            // `connector.zip!/apiDefinition.swagger.json` is the local file sent under that name.
            let entry = server_file.rsplit_once("!/").map_or(server_file, |(_, entry)| entry);
            let local = folder.parts.iter().find(|p| p.name == entry);
            let file: Arc<str> = match local {
                Some(part) => part.path.display().to_string().into(),
                None => server_file.into(),
            };
            let location = Location {
                file,
                line: number("line"),
                column: number("column"),
                end_line: number("end_line"),
                end_column: number("end_column"),
                pointer: text("pointer").unwrap_or_default().to_owned(),
                // The human renderer shows an excerpt when a diagnostic has a span and its
                // source is at hand; it reads the lines and columns, not the offsets.
                span: local.map(|_| Span::at(0)),
            };
            let mut d =
                Diagnostic::new(text("code")?.to_owned(), severity, text("message")?, location);
            d.help = text("help").map(str::to_owned);
            Some(d)
        })
        .collect()
}

/// Whether to colour human output on standard output.
pub fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// Prints `diagnostics` at warning and above with excerpts from `connector`'s files; with
/// `summary`, the closing count line too.
pub fn print_human(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    connector: &Connector,
    color: bool,
    summary: bool,
) -> std::io::Result<()> {
    let files = sources(connector);
    let style = human::Style { color };
    for d in diagnostics.iter().filter(|d| d.severity >= Severity::Warning) {
        let source = files.iter().copied().find(|s| **s.name() == *d.location.file);
        out.write_all(human::render(d, source, style).as_bytes())?;
    }
    if summary {
        let report = Report { path: connector.path().display().to_string(), diagnostics: vec![] };
        let mut counts = Summary::of(std::slice::from_ref(&report));
        for d in diagnostics {
            counts.add(d.severity);
        }
        writeln!(out, "{}", human::summary_line(&counts))?;
    }
    Ok(())
}

/// The counts of `diagnostics`, as the server's `summary` field has them.
pub fn summary(diagnostics: &[Diagnostic]) -> Value {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    serde_json::json!({
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
    })
}
