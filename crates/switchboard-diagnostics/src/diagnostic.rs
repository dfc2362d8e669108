//! The diagnostic type.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use switchboard_model::json::Value;
use switchboard_model::{SourceFile, Span};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails anything.
    Info,
    /// Should be fixed; does not fail validation.
    Warning,
    /// Must be fixed; fails validation (exit code 1).
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, as the user named it (for zip members: `archive.zip!/entry`).
    pub file: Arc<str>,
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based column (in characters) of the start.
    pub column: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column of the end (exclusive).
    pub end_column: u32,
    /// RFC 6901 pointer to the JSON value concerned; empty for the whole file or non-JSON files.
    pub pointer: String,
    /// The byte span, when the diagnostic has one.
    #[serde(skip)]
    pub span: Option<Span>,
}

impl Location {
    /// The whole file (line 1, column 1), for findings about a file as such.
    pub fn file(file: impl Into<Arc<str>>) -> Self {
        Self {
            file: file.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            pointer: String::new(),
            span: None,
        }
    }

    /// A span in a source file; `root` (the parsed JSON tree, if any) supplies the pointer.
    pub fn span(source: &SourceFile, root: Option<&Value>, span: Span) -> Self {
        let start = source.line_column(span.start);
        let end = source.line_column(span.end);
        let pointer =
            root.map(|r| switchboard_model::json::pointer::pointer_of(r, span)).unwrap_or_default();
        Self {
            file: source.name().clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            pointer,
            span: Some(span),
        }
    }
}

/// A text replacement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A machine-applicable fix: edits to one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, imperative ("Replace `Advanced` with `advanced`").
    pub message: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code (`SW012`, `JS001`, `IMP003`).
    pub code: Cow<'static, str>,
    /// Severity after the profile was applied.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where.
    pub location: Location,
    /// How to fix it, when that is not obvious from the message.
    pub help: Option<String>,
    /// A fix that can be applied mechanically.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at `location`.
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            message: message.into(),
            location,
            help: None,
            fix: None,
        }
    }

    /// Adds help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help text in place (for chaining on `&mut`).
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix in place (for chaining on `&mut`).
    pub fn set_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Adds a fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("severity", &self.severity)?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("file", &*self.location.file)?;
        map.serialize_entry("line", &self.location.line)?;
        map.serialize_entry("column", &self.location.column)?;
        map.serialize_entry("end_line", &self.location.end_line)?;
        map.serialize_entry("end_column", &self.location.end_column)?;
        map.serialize_entry("pointer", &self.location.pointer)?;
        if let Some(help) = &self.help {
            map.serialize_entry("help", help)?;
        }
        if let Some(fix) = &self.fix {
            map.serialize_entry("fix", fix)?;
        }
        map.end()
    }
}
