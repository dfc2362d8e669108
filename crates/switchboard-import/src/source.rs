//! A source document read for import (JSON or YAML) as a spanned tree, and the loss report
//! located in it.

use std::collections::HashSet;

use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_model::json::{self, Value};
use switchboard_model::{SourceFile, Span};

use crate::ImportError;

/// Code of the diagnostic for a source that cannot be read at all.
pub const UNREADABLE: &str = "IMP001";

/// A parsed source document: its bytes (for line and column) and its spanned tree.
#[derive(Debug)]
pub struct Source {
    /// The bytes and the name diagnostics use.
    pub file: SourceFile,
    /// The document.
    pub root: Value,
    /// Whether the document was read as YAML (otherwise JSON).
    pub yaml: bool,
}

impl Source {
    /// Parses JSON (when the first non-blank character is `{` or `[`) or YAML.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Source, ImportError> {
        let file = SourceFile::new(name, bytes.to_vec());
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first = start.iter().find(|b| !b.is_ascii_whitespace());
        if matches!(first, Some(b'{' | b'[')) {
            let parsed = json::parse(bytes);
            if let Some(root) = parsed.root {
                return Ok(Source { file, root, yaml: false });
            }
            // YAML flow style (`{openapi: 3.0.0, …}`) also starts with a brace.
            if let Ok(text) = std::str::from_utf8(start)
                && let Ok(mut root) = crate::yaml::parse(text)
                && root.as_object().is_some()
            {
                shift(&mut root, (bytes.len() - start.len()) as u32);
                return Ok(Source { file, root, yaml: true });
            }
            let (message, span) = parsed
                .fatal()
                .map_or(("not valid JSON".to_string(), Span::at(0)), |i| (i.message(), i.span));
            return Err(unreadable(&file, &format!("not valid JSON: {message}"), span));
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(unreadable(
                &file,
                "not valid UTF-8 (YAML sources must be UTF-8)",
                Span::at(0),
            ));
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let offset = (bytes.len() - text.len()) as u32;
        match crate::yaml::parse(text) {
            Ok(mut root) => {
                if offset > 0 {
                    shift(&mut root, offset);
                }
                Ok(Source { file, root, yaml: true })
            }
            Err(e) => {
                let span = Span::new(e.span.start + offset, e.span.end + offset);
                Err(unreadable(&file, &e.message, span))
            }
        }
    }

    /// The location of a span of this document (with its JSON pointer).
    pub fn location(&self, span: Span) -> Location {
        Location::span(&self.file, Some(&self.root), span)
    }

    /// A diagnostic at a span of this document.
    pub fn diagnostic(
        &self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) -> Diagnostic {
        Diagnostic::new(code, severity, message, self.location(span))
    }
}

/// Moves every span of a tree by `by` bytes (past a byte order mark).
fn shift(v: &mut Value, by: u32) {
    v.span = Span::new(v.span.start + by, v.span.end + by);
    match &mut v.kind {
        json::Kind::Array(items) => items.iter_mut().for_each(|i| shift(i, by)),
        json::Kind::Object(o) => {
            for m in &mut o.members {
                m.key_span = Span::new(m.key_span.start + by, m.key_span.end + by);
                shift(&mut m.value, by);
            }
        }
        _ => {}
    }
}

fn unreadable(file: &SourceFile, message: &str, span: Span) -> ImportError {
    let d = Diagnostic::new(
        UNREADABLE,
        Severity::Error,
        message.to_string(),
        Location::span(file, None, span),
    );
    let at = format!("{}:{}:{}", d.location.file, d.location.line, d.location.column);
    ImportError::Invalid { message: format!("{at}: {message}"), diagnostics: vec![d] }
}

/// The loss report being built: diagnostics in the order found, each reported once.
#[derive(Debug, Default)]
pub struct Losses {
    list: Vec<Diagnostic>,
    seen: HashSet<(String, Option<Span>, String)>,
}

impl Losses {
    /// Starts from diagnostics found earlier.
    pub fn from_vec(list: Vec<Diagnostic>) -> Self {
        let mut l = Losses::default();
        for d in list {
            l.push(d);
        }
        l
    }

    /// Adds a diagnostic unless the same code, place and message is already there.
    pub fn push(&mut self, d: Diagnostic) {
        let key = (d.code.to_string(), d.location.span, d.message.clone());
        if self.seen.insert(key) {
            self.list.push(d);
        }
    }

    /// The diagnostics.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
    }

    /// Number of diagnostics so far.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
