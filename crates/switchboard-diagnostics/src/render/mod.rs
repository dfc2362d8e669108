//! Renderers: one output format per file.

pub mod azure;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use serde::Serialize;

use crate::{Diagnostic, Severity};

/// The diagnostics of one connector (or one imported file).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The connector's path as the user gave it or as it was found.
    pub path: String,
    /// Its diagnostics, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over a set of reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of connectors.
    pub connectors: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Info diagnostics.
    pub infos: usize,
}

impl Summary {
    /// Counts the diagnostics of `reports`.
    pub fn of(reports: &[Report]) -> Self {
        let mut s = Summary { connectors: reports.len(), ..Summary::default() };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            s.add(d.severity);
        }
        s
    }

    /// Counts one diagnostic.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// `N connector(s): N error(s), N warning(s), N info(s)`, for the CI formats' last line.
    pub(crate) fn counts(&self) -> String {
        format!(
            "{} connector(s): {} error(s), {} warning(s), {} info(s)",
            self.connectors, self.errors, self.warnings, self.infos
        )
    }
}

/// A finding's message, then its help and its JSON pointer on lines of their own: the one
/// text of the CI formats' annotations.
pub(crate) fn annotation_text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    if !d.location.pointer.is_empty() {
        text.push_str("\nat ");
        text.push_str(&d.location.pointer);
    }
    text
}

/// Static documentation of a rule, for formats that embed rule metadata (SARIF).
#[derive(Clone, Debug)]
pub struct RuleDoc {
    /// Stable code (`SW012`).
    pub code: &'static str,
    /// Kebab-case name (`title-restricted-words`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Full documentation, Markdown.
    pub docs: &'static str,
    /// Severity under the profile in use; `None` when the rule is off.
    pub severity: Option<Severity>,
    /// Microsoft's validator rule name, when one exists.
    pub ms_rule: Option<&'static str>,
}
