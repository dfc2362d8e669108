//! A lenient, span-preserving JSON parser.
//!
//! Written by hand because no maintained crate does all of what a connector validator needs at
//! once: byte spans for every key and value, duplicate keys kept (serde_json and most tree
//! parsers silently keep the last), a separate finding for each strict-JSON violation (BOM,
//! comments, trailing commas, raw control characters, invalid UTF-8, NaN) *with recovery*, so
//! that one slip does not hide every other finding, and throughput at least that of a C JSON
//! parser. `jsonc-parser` comes closest but rejects control characters and invalid UTF-8
//! outright and does not report duplicates.
//!
//! Recovery policy: a violation whose meaning is unambiguous (the parser knows exactly what the
//! author meant) is recorded and parsing goes on; anything else (an unexpected character, the
//! end of input inside a value, a missing `:`) is *fatal*: it is recorded and parsing stops,
//! because any tree built past that point would be a guess.

use std::collections::HashSet;

use super::value::{Kind, Member, Object, Str, Value};
use crate::source::Span;

/// Deepest nesting accepted; deeper input is reported instead of overflowing the stack.
pub const MAX_DEPTH: usize = 256;

/// One strict-JSON violation found while parsing.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonIssue {
    /// What is wrong.
    pub kind: JsonIssueKind,
    /// Where.
    pub span: Span,
}

/// The kinds of JSON violation.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonIssueKind {
    /// A UTF-8 byte order mark starts the file (tolerated by paconn, rejected by strict parsers).
    ByteOrderMark,
    /// Bytes that are not valid UTF-8; `byte` is the first offending byte.
    InvalidUtf8 {
        /// The first byte of the invalid sequence.
        byte: u8,
    },
    /// A raw control character (U+0000–U+001F) inside a string.
    ControlCharacter {
        /// The character's code.
        code: u8,
    },
    /// A comma directly before `}` or `]`.
    TrailingComma,
    /// A `//` or `/* */` comment.
    Comment,
    /// Whitespace outside strings that JSON does not allow (a no-break or em space, a BOM in the
    /// middle of the file); recovered as whitespace.
    NonAsciiWhitespace {
        /// The character.
        ch: char,
    },
    /// A backslash escape JSON does not define (`\x`, `\'`).
    InvalidEscape,
    /// A malformed number (`01`, `1.`, `+1`, `.5`).
    InvalidNumber,
    /// `NaN`, `Infinity` or `-Infinity`.
    NonFiniteNumber,
    /// Two members are not separated by a comma (recovered: the parser inserted one).
    MissingComma,
    /// The same key twice in one object; `first` is the earlier key.
    DuplicateKey {
        /// The repeated key.
        key: Str,
        /// Span of the first occurrence.
        first: Span,
    },
    /// Text after the top-level value (fatal: it usually means a stray closing bracket ended
    /// the document early, so the tree read so far is not what the author meant).
    TrailingContent,
    /// A character that cannot start or continue the expected token (fatal).
    UnexpectedCharacter {
        /// What was found, as text (a character or a byte in hex).
        found: String,
        /// What the parser expected there.
        expected: &'static str,
    },
    /// The input ended inside a value (fatal).
    UnexpectedEnd {
        /// What the parser expected.
        expected: &'static str,
    },
    /// The file is empty or only whitespace (fatal).
    Empty,
    /// Nesting deeper than [`MAX_DEPTH`] (fatal).
    TooDeep,
    /// The file is larger than the 4 GiB a span can address (fatal).
    TooLarge,
}

impl JsonIssue {
    /// Whether parsing stopped at this issue.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            JsonIssueKind::UnexpectedCharacter { .. }
                | JsonIssueKind::UnexpectedEnd { .. }
                | JsonIssueKind::TrailingContent
                | JsonIssueKind::Empty
                | JsonIssueKind::TooDeep
                | JsonIssueKind::TooLarge
        )
    }

    /// A one-line description of the issue.
    pub fn message(&self) -> String {
        match &self.kind {
            JsonIssueKind::ByteOrderMark => "the file starts with a UTF-8 byte order mark".into(),
            JsonIssueKind::InvalidUtf8 { byte } => format!(
                "invalid UTF-8: byte 0x{byte:02X} at offset {} is not part of a valid UTF-8 sequence",
                self.span.start
            ),
            JsonIssueKind::ControlCharacter { code } => format!(
                "raw control character U+{code:04X}{} inside a string",
                control_name(*code).map(|n| format!(" ({n})")).unwrap_or_default()
            ),
            JsonIssueKind::TrailingComma => {
                "trailing comma: JSON does not allow a comma before a closing bracket".into()
            }
            JsonIssueKind::Comment => "comment: JSON does not allow comments".into(),
            JsonIssueKind::NonAsciiWhitespace { ch } => {
                format!(
                    "non-ASCII whitespace U+{:04X} outside a string: JSON allows only space, tab, CR and LF",
                    *ch as u32
                )
            }
            JsonIssueKind::InvalidEscape => "invalid escape sequence in string".into(),
            JsonIssueKind::InvalidNumber => "malformed number".into(),
            JsonIssueKind::NonFiniteNumber => "NaN and Infinity are not JSON numbers".into(),
            JsonIssueKind::MissingComma => "missing comma between members".into(),
            JsonIssueKind::DuplicateKey { key, .. } => {
                format!("duplicate key \"{key}\": the earlier value is silently discarded")
            }
            JsonIssueKind::TrailingContent => {
                "unexpected content after the end of the JSON value".into()
            }
            JsonIssueKind::UnexpectedCharacter { found, expected } => {
                format!("unexpected {found}, expected {expected}")
            }
            JsonIssueKind::UnexpectedEnd { expected } => {
                format!("unexpected end of file, expected {expected}")
            }
            JsonIssueKind::Empty => "the file is empty".into(),
            JsonIssueKind::TooDeep => format!("nesting deeper than {MAX_DEPTH} levels"),
            JsonIssueKind::TooLarge => "the file is larger than 4 GiB".into(),
        }
    }

    /// Advice for fixing the issue.
    pub fn help(&self) -> Option<String> {
        Some(match &self.kind {
            JsonIssueKind::ByteOrderMark => "save the file as UTF-8 without BOM".into(),
            JsonIssueKind::InvalidUtf8 { .. } => {
                "re-save the file as UTF-8 (it looks like Latin-1 or Windows-1252 text)".into()
            }
            JsonIssueKind::ControlCharacter { code } => match control_escape(*code) {
                Some(esc) => format!("write it as the escape `{esc}`"),
                None => format!("write it as the escape `\\u{code:04x}` or remove it"),
            },
            JsonIssueKind::TrailingComma => "remove the comma".into(),
            JsonIssueKind::Comment => "remove the comment, or move its text into a `description`".into(),
            JsonIssueKind::NonAsciiWhitespace { .. } => "replace it with ordinary spaces".into(),
            JsonIssueKind::InvalidEscape => {
                "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX".into()
            }
            JsonIssueKind::MissingComma => "add a comma after the previous value".into(),
            JsonIssueKind::DuplicateKey { .. } => "keep one of the two members".into(),
            JsonIssueKind::TrailingContent => {
                "remove the text after the last closing brace (left over from a merge?)".into()
            }
            JsonIssueKind::UnexpectedCharacter { expected, .. } if expected.contains("property name") => {
                "property names must be in double quotes; check for a trailing comma, a missing quote or merge debris".into()
            }
            JsonIssueKind::UnexpectedCharacter { .. } => {
                "check the previous line for a missing comma, quote or bracket".into()
            }
            JsonIssueKind::UnexpectedEnd { .. } => "the file is truncated or a bracket is not closed".into(),
            _ => return None,
        })
    }
}

fn control_escape(code: u8) -> Option<&'static str> {
    Some(match code {
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        0x08 => "\\b",
        0x0c => "\\f",
        _ => return None,
    })
}

fn control_name(code: u8) -> Option<&'static str> {
    Some(match code {
        b'\n' => "line feed",
        b'\r' => "carriage return",
        b'\t' => "tab",
        0 => "NUL",
        _ => return None,
    })
}

/// The result of parsing one JSON file.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The tree, unless a fatal issue stopped the parse.
    pub root: Option<Value>,
    /// Every violation found, in file order of discovery.
    pub issues: Vec<JsonIssue>,
}

impl Parsed {
    /// The fatal issue, if parsing stopped early.
    pub fn fatal(&self) -> Option<&JsonIssue> {
        self.issues.iter().find(|i| i.is_fatal())
    }
}

/// Parses `bytes` leniently. Never panics; every problem becomes a [`JsonIssue`].
pub fn parse(bytes: &[u8]) -> Parsed {
    if u32::try_from(bytes.len()).is_err() {
        return Parsed {
            root: None,
            issues: vec![JsonIssue { kind: JsonIssueKind::TooLarge, span: Span::at(0) }],
        };
    }
    // Validating the whole file once lets strings be sliced out of it without re-validating
    // each one; files with invalid UTF-8 take the slower per-string path that reports offsets.
    let text = std::str::from_utf8(bytes).ok();
    let mut p = Parser {
        bytes,
        text,
        pos: 0,
        issues: Vec::new(),
        fatal: false,
        member_stack: Vec::new(),
        item_stack: Vec::new(),
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        p.issues.push(JsonIssue { kind: JsonIssueKind::ByteOrderMark, span: Span::new(0, 3) });
        p.pos = 3;
    }
    p.skip_trivia();
    if p.pos >= bytes.len() {
        p.issue(JsonIssueKind::Empty, Span::at(p.pos as u32));
        return Parsed { root: None, issues: p.issues };
    }
    let root = p.value(0);
    if !p.fatal {
        p.skip_trivia();
        if p.pos < bytes.len() {
            let start = p.pos as u32;
            p.issue(JsonIssueKind::TrailingContent, Span::new(start, bytes.len() as u32));
        }
    }
    Parsed { root: if p.fatal { None } else { Some(root) }, issues: p.issues }
}

struct Parser<'a> {
    bytes: &'a [u8],
    /// `bytes` as text, when the whole file is valid UTF-8.
    text: Option<&'a str>,
    pos: usize,
    issues: Vec<JsonIssue>,
    fatal: bool,
    /// Members of the objects being parsed, innermost last; each object takes its members off
    /// the top when it closes, so every object allocates exactly once.
    member_stack: Vec<Member>,
    /// The same for array elements.
    item_stack: Vec<Value>,
}

/// Placeholder returned after a fatal issue; the caller discards the tree.
fn null_at(pos: usize) -> Value {
    Value { span: Span::at(pos as u32), kind: Kind::Null }
}

impl Parser<'_> {
    fn issue(&mut self, kind: JsonIssueKind, span: Span) {
        let issue = JsonIssue { kind, span };
        if issue.is_fatal() {
            self.fatal = true;
        }
        self.issues.push(issue);
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn unexpected(&mut self, expected: &'static str) {
        if self.peek().is_none() {
            self.issue(JsonIssueKind::UnexpectedEnd { expected }, Span::at(self.pos as u32));
        } else {
            let (found, len) = describe_char(&self.bytes[self.pos..]);
            let span = Span::new(self.pos as u32, (self.pos + len) as u32);
            self.issue(JsonIssueKind::UnexpectedCharacter { found, expected }, span);
        }
    }

    /// Skips whitespace and comments (recording each comment).
    /// Skips whitespace; comments and non-ASCII whitespace take the slow path.
    #[inline]
    fn skip_trivia(&mut self) {
        self.pos = skip_whitespace(self.bytes, self.pos);
        if let Some(b'/' | 0x80..=0xFF) = self.peek() {
            self.skip_trivia_slow();
        }
    }

    #[cold]
    #[inline(never)]
    fn skip_trivia_slow(&mut self) {
        loop {
            self.pos = skip_whitespace(self.bytes, self.pos);
            if self.peek().is_some_and(|b| b >= 0x80) {
                let rest = &self.bytes[self.pos..self.bytes.len().min(self.pos + 4)];
                let ch = match std::str::from_utf8(rest) {
                    Ok(s) => s.chars().next(),
                    Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()])
                        .ok()
                        .and_then(|s| s.chars().next()),
                };
                match ch {
                    Some(ch) if ch.is_whitespace() || ch == '\u{FEFF}' => {
                        let len = ch.len_utf8();
                        let span = Span::new(self.pos as u32, (self.pos + len) as u32);
                        self.issue(JsonIssueKind::NonAsciiWhitespace { ch }, span);
                        self.pos += len;
                        continue;
                    }
                    _ => return,
                }
            }
            if self.peek() != Some(b'/') {
                return;
            }
            let start = self.pos;
            match self.bytes.get(self.pos + 1) {
                Some(b'/') => {
                    self.pos = memchr::memchr(b'\n', &self.bytes[self.pos..])
                        .map_or(self.bytes.len(), |i| self.pos + i);
                }
                Some(b'*') => {
                    self.pos = memchr::memmem::find(&self.bytes[self.pos + 2..], b"*/")
                        .map_or(self.bytes.len(), |i| self.pos + 2 + i + 2);
                }
                _ => return,
            }
            self.issue(JsonIssueKind::Comment, Span::new(start as u32, self.pos as u32));
        }
    }

    fn value(&mut self, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            self.issue(JsonIssueKind::TooDeep, Span::at(self.pos as u32));
            return null_at(self.pos);
        }
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string();
                Value { span: Span::new(start as u32, self.pos as u32), kind: Kind::String(s) }
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') if self.bytes[self.pos..].starts_with(b"true") => {
                self.literal(4, Kind::Bool(true))
            }
            Some(b'f') if self.bytes[self.pos..].starts_with(b"false") => {
                self.literal(5, Kind::Bool(false))
            }
            Some(b'n') if self.bytes[self.pos..].starts_with(b"null") => {
                self.literal(4, Kind::Null)
            }
            Some(b'N') if self.bytes[self.pos..].starts_with(b"NaN") => self.non_finite(3),
            Some(b'I') if self.bytes[self.pos..].starts_with(b"Infinity") => self.non_finite(8),
            _ => {
                self.unexpected("a value");
                null_at(self.pos)
            }
        }
    }

    fn literal(&mut self, len: usize, kind: Kind) -> Value {
        let start = self.pos;
        self.pos += len;
        Value { span: Span::new(start as u32, self.pos as u32), kind }
    }

    fn non_finite(&mut self, len: usize) -> Value {
        let start = self.pos;
        self.pos += len;
        let span = Span::new(start as u32, self.pos as u32);
        self.issue(JsonIssueKind::NonFiniteNumber, span);
        Value { span, kind: Kind::Null }
    }

    fn number(&mut self) -> Value {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(b"-Infinity") {
            return self.non_finite(9);
        }
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.peek() {
            self.pos += 1;
        }
        let raw = &self.bytes[start..self.pos];
        let span = Span::new(start as u32, self.pos as u32);
        if !is_json_number(raw) {
            self.issue(JsonIssueKind::InvalidNumber, span);
        }
        // The scanned bytes are all ASCII.
        let text = std::str::from_utf8(raw).unwrap_or("0");
        Value { span, kind: Kind::Number(Str::from(text)) }
    }

    /// Parses a string starting at the opening quote; leaves `pos` after the closing quote.
    fn string(&mut self) -> Str {
        self.pos += 1;
        // Fast path: no escape and no control character before the closing quote, which is
        // most strings of a connector.
        let run = special_run(self.bytes, self.pos);
        if self.bytes.get(self.pos + run) == Some(&b'"')
            && let Some(text) = self.text
        {
            let s = Str::from(&text[self.pos..self.pos + run]);
            self.pos += run + 1;
            return s;
        }
        let mut out = Str::default();
        loop {
            let run = special_run(self.bytes, self.pos);
            let start = self.pos;
            match self.text {
                Some(text) => out.push_str(&text[start..start + run]),
                None => self.push_utf8(&mut out, start, &self.bytes[start..start + run]),
            }
            self.pos += run;
            match self.peek() {
                None => {
                    self.issue(
                        JsonIssueKind::UnexpectedEnd { expected: "a closing quote" },
                        Span::at(self.pos as u32),
                    );
                    return out;
                }
                Some(b'"') => {
                    self.pos += 1;
                    return out;
                }
                Some(b'\\') => self.escape(&mut out),
                Some(code) => {
                    self.issue(
                        JsonIssueKind::ControlCharacter { code },
                        Span::new(self.pos as u32, self.pos as u32 + 1),
                    );
                    out.push(char::from(code));
                    self.pos += 1;
                }
            }
        }
    }

    fn push_utf8(&mut self, out: &mut Str, mut offset: usize, mut bytes: &[u8]) {
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    return;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    // The prefix up to `valid` is valid UTF-8 by definition.
                    out.push_str(std::str::from_utf8(&bytes[..valid]).unwrap_or_default());
                    let bad_len = e.error_len().unwrap_or(bytes.len() - valid);
                    let at = offset + valid;
                    self.issue(
                        JsonIssueKind::InvalidUtf8 { byte: bytes[valid] },
                        Span::new(at as u32, (at + bad_len) as u32),
                    );
                    out.push(char::REPLACEMENT_CHARACTER);
                    offset = at + bad_len;
                    bytes = &bytes[valid + bad_len..];
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Str) {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else { return };
        self.pos += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => match self.hex4() {
                Some(hi @ 0xD800..=0xDBFF) => {
                    if self.bytes[self.pos..].starts_with(b"\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        if let Some(lo @ 0xDC00..=0xDFFF) = self.hex4() {
                            let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                        } else {
                            self.pos = save;
                            char::REPLACEMENT_CHARACTER
                        }
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                }
                Some(code) => char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                None => {
                    self.issue(
                        JsonIssueKind::InvalidEscape,
                        Span::new(start as u32, self.pos as u32),
                    );
                    return;
                }
            },
            other => {
                self.issue(JsonIssueKind::InvalidEscape, Span::new(start as u32, self.pos as u32));
                if other.is_ascii() {
                    char::from(other)
                } else {
                    // Let the UTF-8 handling of the plain run deal with the multi-byte sequence.
                    self.pos -= 1;
                    return;
                }
            }
        };
        out.push(ch);
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        let code = u32::from_str_radix(text, 16).ok()?;
        self.pos += 4;
        Some(code)
    }

    fn array(&mut self, depth: usize) -> Value {
        let start = self.pos;
        self.pos += 1;
        let base = self.item_stack.len();
        let mut comma: Option<usize> = None;
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(b']') => {
                    if let Some(c) = comma {
                        self.issue(JsonIssueKind::TrailingComma, Span::new(c as u32, c as u32 + 1));
                    }
                    self.pos += 1;
                    break;
                }
                None => {
                    self.unexpected("']'");
                    break;
                }
                Some(b',') if comma.is_some() || self.item_stack.len() == base => {
                    self.unexpected("a value");
                    break;
                }
                Some(_) => {
                    if self.item_stack.len() > base && comma.is_none() {
                        if starts_value(self.peek()) {
                            self.issue(JsonIssueKind::MissingComma, Span::at(self.pos as u32));
                        } else {
                            self.unexpected("',' or ']'");
                            break;
                        }
                    }
                    let item = self.value(depth + 1);
                    if self.fatal {
                        break;
                    }
                    self.item_stack.push(item);
                    comma = None;
                    self.skip_trivia();
                    if self.peek() == Some(b',') {
                        comma = Some(self.pos);
                        self.pos += 1;
                    }
                }
            }
        }
        let items = take_from(&mut self.item_stack, base);
        Value { span: Span::new(start as u32, self.pos as u32), kind: Kind::Array(items) }
    }

    fn object(&mut self, depth: usize) -> Value {
        let start = self.pos;
        self.pos += 1;
        let base = self.member_stack.len();
        let mut seen: Option<HashSet<Str>> = None;
        let mut comma: Option<usize> = None;
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(b'}') => {
                    if let Some(c) = comma {
                        self.issue(JsonIssueKind::TrailingComma, Span::new(c as u32, c as u32 + 1));
                    }
                    self.pos += 1;
                    break;
                }
                Some(b'"') => {
                    if self.member_stack.len() > base && comma.is_none() {
                        self.issue(JsonIssueKind::MissingComma, Span::at(self.pos as u32));
                    }
                    let key_start = self.pos;
                    let key = self.string();
                    let key_span = Span::new(key_start as u32, self.pos as u32);
                    if self.fatal {
                        break;
                    }
                    self.skip_trivia();
                    if self.peek() != Some(b':') {
                        self.unexpected("':' after the property name");
                        break;
                    }
                    self.pos += 1;
                    self.skip_trivia();
                    let value = self.value(depth + 1);
                    if self.fatal {
                        break;
                    }
                    if let Some(first) = find_duplicate(&self.member_stack[base..], &mut seen, &key)
                    {
                        self.issue(
                            JsonIssueKind::DuplicateKey { key: key.clone(), first },
                            key_span,
                        );
                    }
                    self.member_stack.push(Member { key, key_span, value });
                    comma = None;
                    self.skip_trivia();
                    match self.peek() {
                        Some(b',') => {
                            comma = Some(self.pos);
                            self.pos += 1;
                        }
                        Some(b'}' | b'"') | None => {}
                        Some(_) => {
                            self.unexpected("',' or '}'");
                            break;
                        }
                    }
                }
                None => {
                    self.unexpected("'}'");
                    break;
                }
                Some(_) => {
                    self.unexpected("a property name in double quotes");
                    break;
                }
            }
        }
        let members = take_from(&mut self.member_stack, base);
        Value {
            span: Span::new(start as u32, self.pos as u32),
            kind: Kind::Object(Object { members }),
        }
    }
}

/// The span of an earlier member named `key`, if any.
fn find_duplicate(members: &[Member], seen: &mut Option<HashSet<Str>>, key: &Str) -> Option<Span> {
    // Small objects: a linear scan is cheaper than hashing every key.
    const LINEAR_LIMIT: usize = 16;
    let duplicate = if members.len() < LINEAR_LIMIT {
        members.iter().any(|m| m.key == *key)
    } else {
        let set = seen.get_or_insert_with(|| members.iter().map(|m| m.key.clone()).collect());
        !set.insert(key.clone())
    };
    duplicate
        .then(|| members.iter().find(|m| m.key == *key).map_or(Span::default(), |m| m.key_span))
}

/// The elements of `stack` from `base` on, moved into a vector of their own (allocated once,
/// at its exact size).
fn take_from<T>(stack: &mut Vec<T>, base: usize) -> Vec<T> {
    if base == 0 {
        // `split_off(0)` would hand over the whole stack buffer, at its (large) capacity.
        let mut out = Vec::with_capacity(stack.len());
        out.append(stack);
        return out;
    }
    stack.split_off(base)
}

fn starts_value(b: Option<u8>) -> bool {
    matches!(b, Some(b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'))
}

/// Describes the character at the start of `bytes` for a message, and its length in bytes.
fn describe_char(bytes: &[u8]) -> (String, usize) {
    let len = match bytes[0] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
    .min(bytes.len());
    match std::str::from_utf8(&bytes[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) if c.is_control() || (!c.is_ascii() && !c.is_alphanumeric()) => {
            (format!("character U+{:04X}", c as u32), len)
        }
        Some(c) => (format!("character '{c}'"), len),
        None => (format!("byte 0x{:02X}", bytes[0]), 1),
    }
}

/// Whether `raw` matches the JSON number grammar.
fn is_json_number(raw: &[u8]) -> bool {
    let mut i = 0;
    if raw.first() == Some(&b'-') {
        i += 1;
    }
    match raw.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while let Some(b'0'..=b'9') = raw.get(i) {
                i += 1;
            }
        }
        _ => return false,
    }
    if raw.get(i) == Some(&b'.') {
        i += 1;
        let digits = i;
        while let Some(b'0'..=b'9') = raw.get(i) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if let Some(b'e' | b'E') = raw.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = raw.get(i) {
            i += 1;
        }
        let digits = i;
        while let Some(b'0'..=b'9') = raw.get(i) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == raw.len()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `x` (the classic SWAR test; exact up to the first zero
/// byte, see [`special_run`]).
const fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Length of the run from `pos` up to (not including) the first `"`, `\\` or control
/// character, scanning eight bytes at a time.
fn special_run(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let quote = zero_bytes(x ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(x ^ (ONES * u64::from(b'\\')));
        // Bytes below 0x20: subtracting 0x20 from each borrows into the high bit, except for
        // bytes that already have it set (non-ASCII), which `!x` masks out.
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let special = quote | backslash | control;
        if special != 0 {
            // The lowest flagged byte is exact: a borrow only carries upwards, so false
            // positives can only follow a true one.
            return i + (special.trailing_zeros() / 8) as usize - pos;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i - pos
}

/// Skips JSON whitespace from `pos`, eight bytes at a time through indentation.
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = ONES * 0x20;
    loop {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]) ^ SPACES;
            if x == 0 {
                i += 8;
                continue;
            }
            // Past the spaces that start the chunk (the lowest non-zero byte of `x` is the
            // first byte that is not a space).
            i += (x.trailing_zeros() / 8) as usize;
        }
        match bytes.get(i) {
            Some(b' ' | b'\n' | b'\r' | b'\t') => i += 1,
            _ => return i,
        }
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    /// The word-at-a-time scans agree with byte-by-byte ones at every offset.
    #[test]
    fn scans_match_naive_ones() {
        let text: &[u8] = b"  \t\n        \"ab\\c\x01d\x7f\xc3\xa9\xff \x1f\"\r\n    x  \t\t   ";
        for start in 0..text.len() {
            let naive = text[start..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(text.len() - start);
            assert_eq!(special_run(text, start), naive, "special_run at {start}");
            let ws = text[start..]
                .iter()
                .position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
                .map_or(text.len(), |p| start + p);
            assert_eq!(skip_whitespace(text, start), ws, "skip_whitespace at {start}");
        }
    }
}
