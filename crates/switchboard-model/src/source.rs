//! Source files, byte spans and the line index that turns a span into `line:column`.

use std::fmt;
use std::sync::{Arc, OnceLock};

/// A half-open byte range `start..end` into a [`SourceFile`].
///
/// Offsets are `u32`: connector files are limited to a few megabytes, and a 4 GiB file is
/// rejected by the loader before it is parsed.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// A zero-length span at `offset`.
    pub const fn at(offset: u32) -> Self {
        Self { start: offset, end: offset }
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes.
    pub const fn len(&self) -> u32 {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, as rustc and editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// The bytes of one file of a connector, with the name it is reported under.
///
/// The bytes are kept as read (they may not be valid UTF-8) so that spans are exact byte
/// offsets; text for excerpts is decoded lossily on demand.
#[derive(Debug)]
pub struct SourceFile {
    name: Arc<str>,
    bytes: Vec<u8>,
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// A source file displayed as `name`.
    pub fn new(name: impl Into<Arc<str>>, bytes: Vec<u8>) -> Self {
        Self { name: name.into(), bytes, line_starts: OnceLock::new() }
    }

    /// The name diagnostics use for this file (a path as the user gave it).
    pub fn name(&self) -> &Arc<str> {
        &self.name
    }

    /// The raw bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, decoded lossily (invalid UTF-8 becomes U+FFFD).
    pub fn text_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// The byte offsets where lines start (0, then every offset after a `\n`), computed once
    /// per file and shared by everything that needs lines.
    pub fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| line_starts(&self.bytes))
    }

    /// Number of lines (a trailing newline does not start a new line).
    pub fn line_count(&self) -> usize {
        let starts = self.line_starts();
        if self.bytes.ends_with(b"\n") { starts.len() - 1 } else { starts.len() }
    }

    /// The 1-based line and column of a byte offset (clamped to the file).
    pub fn line_column(&self, offset: u32) -> LineColumn {
        let offset = offset.min(self.bytes.len() as u32);
        let starts = self.line_starts();
        let line_index = starts.partition_point(|&s| s <= offset) - 1;
        let line_start = starts[line_index] as usize;
        let prefix = &self.bytes[line_start..offset as usize];
        // Connector files are mostly ASCII, where characters are bytes.
        let column = if prefix.is_ascii() { prefix.len() } else { count_chars_lossy(prefix) } + 1;
        LineColumn { line: line_index as u32 + 1, column: column as u32 }
    }

    /// The text of a 1-based line without its line terminator, decoded lossily.
    pub fn line_text(&self, line: u32) -> Option<std::borrow::Cow<'_, str>> {
        let starts = self.line_starts();
        let index = (line as usize).checked_sub(1)?;
        let start = *starts.get(index)? as usize;
        let end = starts.get(index + 1).map_or(self.bytes.len(), |&e| e as usize);
        if start > self.bytes.len() {
            return None;
        }
        let mut bytes = &self.bytes[start..end];
        while let [rest @ .., b'\n' | b'\r'] = bytes {
            bytes = rest;
        }
        Some(String::from_utf8_lossy(bytes))
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts().get((line as usize).checked_sub(1)?).copied()
    }
}

/// The offsets where lines start: 0 and every offset after a `\n`.
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
    starts
}

/// Counts characters in possibly invalid UTF-8, one per invalid byte (as lossy decoding would
/// show them, one replacement character each).
fn count_chars_lossy(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().count(),
        Err(_) => String::from_utf8_lossy(bytes).chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let file = SourceFile::new("x", "ab\nçd\n\ne".as_bytes().to_vec());
        assert_eq!(file.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(file.line_column(3), LineColumn { line: 2, column: 1 });
        // 'ç' is two bytes; 'd' is the second character of line 2.
        assert_eq!(file.line_column(5), LineColumn { line: 2, column: 2 });
        assert_eq!(file.line_column(8), LineColumn { line: 4, column: 1 });
        assert_eq!(file.line_text(2).as_deref(), Some("çd"));
        assert_eq!(file.line_text(3).as_deref(), Some(""));
        assert_eq!(file.line_count(), 4);
    }

    #[test]
    fn line_starts_match_a_newline_scan() {
        let text =
            "a\n\nbc\r\n0123456789abcdef\n0123456789abcde\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nx\n";
        for end in 0..text.len() {
            let bytes = &text.as_bytes()[..end];
            let expected: Vec<u32> = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i as u32 + 1),
                )
                .collect();
            assert_eq!(line_starts(bytes), expected);
        }
    }

    #[test]
    fn crlf_lines_are_trimmed() {
        let file = SourceFile::new("x", b"a\r\nb".to_vec());
        assert_eq!(file.line_text(1).as_deref(), Some("a"));
        assert_eq!(file.line_column(3), LineColumn { line: 2, column: 1 });
    }
}
