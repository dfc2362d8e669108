//! `--format azure`: Azure Pipelines logging commands, one line per finding
//! (`##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=SW011]message`),
//! which Azure DevOps shows as the run's errors and warnings, linked to the file. Azure
//! Pipelines is where many Power Platform teams build their solutions.
//!
//! `task.logissue` has no type for infos: they are printed as plain log lines
//! (`info[SW101]: file:line:column: message`). Escaping follows the agent's
//! (`CommandStringConvertor` in `microsoft/azure-pipelines-agent`): `;`, CR, LF and `]` become
//! `%3B`, `%0D`, `%0A` and `%5D`. `%` is left alone: agents decode its escape (`%AZP25`) only
//! behind a setting, and a stray `%3B` in a message is harmless.

use std::fmt::Write as _;

use super::{Report, Summary, annotation_text};
use crate::{Diagnostic, Severity};

/// Renders every finding as a logging command (infos as log lines), then a section line with
/// the summary.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        issue(&mut out, d);
    }
    let _ = writeln!(out, "##[section]switchboard validate: {}", Summary::of(reports).counts());
    out
}

fn issue(out: &mut String, d: &Diagnostic) {
    let loc = &d.location;
    let text = annotation_text(d);
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => {
            let place = format!("{}:{}:{}", loc.file, loc.line, loc.column);
            let _ = writeln!(out, "info[{}]: {place}: {}", d.code, text.replace('\n', " | "));
            return;
        }
    };
    let _ = writeln!(
        out,
        "##vso[task.logissue type={kind};sourcepath={};linenumber={};columnnumber={};code={}]{}",
        escape(&loc.file),
        loc.line,
        loc.column,
        escape(&d.code),
        escape(&text)
    );
}

/// The agent's escapes: `;`, CR, LF and `]`.
fn escape(text: &str) -> String {
    text.replace(';', "%3B").replace('\r', "%0D").replace('\n', "%0A").replace(']', "%5D")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    #[test]
    fn findings_become_logging_commands() {
        let mut at = Location::file("My;Connector]/apiDefinition.swagger.json");
        (at.line, at.column) = (4, 18);
        at.pointer = "/info/title".into();
        let error = Diagnostic::new("SW011", Severity::Error, "Too long; 38% over\nthe limit", at)
            .with_help("shorten it");
        let warning =
            Diagnostic::new("SW076", Severity::Warning, "No visibility", Location::file("a.json"));
        let info = Diagnostic::new("PK004", Severity::Info, "readme.md is missing\nadd one", {
            Location::file("C:/x/readme.md")
        });
        let reports = [Report { path: "x".into(), diagnostics: vec![error, warning, info] }];
        let text = render(&reports);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "##vso[task.logissue type=error;sourcepath=My%3BConnector%5D/apiDefinition.swagger.json;\
             linenumber=4;columnnumber=18;code=SW011]Too long%3B 38% over%0Athe limit%0Ahelp: \
             shorten it%0Aat /info/title"
        );
        assert_eq!(
            lines[1],
            "##vso[task.logissue type=warning;sourcepath=a.json;linenumber=1;columnnumber=1;\
             code=SW076]No visibility"
        );
        assert_eq!(lines[2], "info[PK004]: C:/x/readme.md:1:1: readme.md is missing | add one");
        assert_eq!(
            lines[3],
            "##[section]switchboard validate: 1 connector(s): 1 error(s), 1 warning(s), 1 info(s)"
        );
        assert_eq!(lines.len(), 4);
    }
}
