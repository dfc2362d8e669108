//! Spanned JSON: a lenient parser that keeps byte spans and duplicates, JSON pointers, and a
//! writer with the connector format's 4-space indentation.

mod parse;
pub mod pointer;
mod value;

pub use parse::{JsonIssue, JsonIssueKind, MAX_DEPTH, Parsed, parse};
pub use value::{JsonType, Kind, Member, Object, Str, Value};

use crate::source::SourceFile;

/// A JSON file of a connector: its source and what the parser made of it.
#[derive(Debug)]
pub struct JsonFile {
    /// The bytes and name.
    pub source: SourceFile,
    /// The tree and the strict-JSON violations.
    pub parsed: Parsed,
}

impl JsonFile {
    /// Parses `bytes`, reported as `name`.
    pub fn parse(name: impl Into<std::sync::Arc<str>>, bytes: Vec<u8>) -> Self {
        let parsed = parse(&bytes);
        Self { source: SourceFile::new(name, bytes), parsed }
    }

    /// The tree, unless parsing stopped at a fatal error.
    pub fn root(&self) -> Option<&Value> {
        self.parsed.root.as_ref()
    }

    /// The pointer of a span in this file.
    pub fn pointer_of(&self, span: crate::Span) -> String {
        self.root().map(|r| pointer::pointer_of(r, span)).unwrap_or_default()
    }
}

/// Serialises a value the way connector files are written: 4-space indentation, members in
/// their order, a trailing newline.
pub fn to_pretty_string(value: &impl serde::Serialize) -> String {
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    // Serialising our own tree or serde_json values into memory cannot fail.
    if serde::Serialize::serialize(value, &mut ser).is_err() {
        return String::new();
    }
    buf.push(b'\n');
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests;
