//! `--format github`: GitHub Actions workflow commands, one line per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=SW011::message`), which GitHub
//! shows as annotations on the pull request's files without a code-scanning setup.
//!
//! Escaping follows the runner's rules (`actions/toolkit`, `command.ts`): in the message `%`,
//! CR and LF are percent-encoded; in property values also `:` and `,`.

use std::fmt::Write as _;

use super::{Report, Summary, annotation_text};
use crate::{Diagnostic, Severity};

/// Renders every finding as a workflow command, then a `::notice` with the summary.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        command(&mut out, d);
    }
    let counts = Summary::of(reports).counts();
    let _ = writeln!(out, "::notice title=switchboard validate::{}", message(&counts));
    out
}

fn command(out: &mut String, d: &Diagnostic) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let loc = &d.location;
    let _ =
        write!(out, "::{kind} file={},line={},col={}", property(&loc.file), loc.line, loc.column);
    if loc.end_line >= loc.line {
        let _ = write!(out, ",endLine={},endColumn={}", loc.end_line, loc.end_column);
    }
    let text = annotation_text(d);
    let _ = writeln!(out, ",title={}::{}", property(&d.code), message(&text));
}

/// A message: `%`, CR and LF encoded.
fn message(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: a message's encoding, plus `:` and `,`.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    #[test]
    fn findings_become_workflow_commands() {
        let mut at = Location::file("My, Connector/apiDefinition.swagger.json");
        (at.line, at.column, at.end_line, at.end_column) = (4, 18, 4, 58);
        at.pointer = "/info/title".into();
        let error = Diagnostic::new("SW011", Severity::Error, "Too long: 38% over\nthe limit", at)
            .with_help("shorten it");
        let info = Diagnostic::new("PK004", Severity::Info, "readme.md is missing", {
            Location::file("C:/x/readme.md")
        });
        let text = render(&[Report { path: "x".into(), diagnostics: vec![error, info] }]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=My%2C Connector/apiDefinition.swagger.json,line=4,col=18,endLine=4,\
             endColumn=58,title=SW011::Too long: 38%25 over%0Athe limit%0Ahelp: shorten it%0Aat \
             /info/title"
        );
        assert!(
            lines[1].starts_with("::notice file=C%3A/x/readme.md,line=1,col=1"),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[2],
            "::notice title=switchboard validate::1 connector(s): 1 error(s), 0 warning(s), 1 info(s)"
        );
        assert_eq!(lines.len(), 3);
    }
}
