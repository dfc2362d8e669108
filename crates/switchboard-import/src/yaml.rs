//! YAML → the model's spanned JSON tree, so that YAML and JSON sources share one code path and
//! every loss diagnostic has a file, line and column.
//!
//! Crate choice: `saphyr-parser`, the event parser of the maintained yaml-rust lineage (YAML
//! 1.2, tested against the YAML test suite). Every event carries start and end markers with
//! line and column, which is what spans need, and it depends only on `arraydeque` and
//! `thiserror`. `serde_yaml` is unmaintained and, like the DOM crates (`saphyr`,
//! `yaml-rust2`'s `Yaml`), drops positions; building our own tree from events keeps them and
//! lets us bound alias expansion.
//!
//! Scalars are resolved with the YAML 1.2 core schema (`true`, `null`, `~`, `12`, `0x1F`,
//! `1.5e3` are typed when plain; quoted and block scalars are strings). Mapping keys are kept
//! as written. `<<` merge keys (YAML 1.1, common in OpenAPI files) are applied.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};
use switchboard_model::Span;
use switchboard_model::json::{Kind, MAX_DEPTH, Member, Object, Str, Value};

/// Nodes a document may expand to through aliases (a "billion laughs" guard).
const MAX_NODES: usize = 5_000_000;

/// Why a YAML document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// One line.
    pub message: String,
    /// Where.
    pub span: Span,
}

enum Frame {
    Seq { start: u32, anchor: usize, items: Vec<Value> },
    Map { start: u32, anchor: usize, members: Vec<Member>, key: Option<Key> },
}

struct Key {
    text: Str,
    span: Span,
    /// A plain `<<`: a merge key.
    merge: bool,
}

struct Builder<'t> {
    line_starts: Vec<usize>,
    text: &'t str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, usize)>,
    nodes: usize,
    root: Option<Value>,
}

/// Parses the first document of `text` into a spanned tree (byte spans into `text`).
pub(crate) fn parse(text: &str) -> Result<Value, YamlError> {
    if u32::try_from(text.len()).is_err() {
        return Err(YamlError {
            message: "the file is larger than 4 GiB".into(),
            span: Span::at(0),
        });
    }
    let mut b = Builder {
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            message: format!("invalid YAML: {}", e.info()),
            span: Span::at(b.offset(e.marker())),
        })?;
        let start = b.offset(&span.start);
        let end = b.offset(&span.end).max(start);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                b.scalar(&value, style, anchor, tag.as_deref(), Span::new(start, end))?;
            }
            Event::SequenceStart(anchor, _) => {
                b.expect_value(start)?;
                b.open(Frame::Seq { start, anchor, items: Vec::new() })?;
            }
            Event::MappingStart(anchor, _) => {
                b.expect_value(start)?;
                b.open(Frame::Map { start, anchor, members: Vec::new(), key: None })?;
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(end)?,
            Event::Alias(id) => {
                b.expect_value(start)?;
                let Some((value, size)) = b.anchors.get(&id).cloned() else {
                    return Err(YamlError {
                        message: "alias to an unknown anchor".into(),
                        span: Span::new(start, end),
                    });
                };
                b.count(size, start)?;
                b.push(value)?;
            }
            Event::DocumentEnd if b.root.is_some() => break,
            _ => {}
        }
    }
    Ok(b.root.unwrap_or_else(|| Value { span: Span::at(0), kind: Kind::Null }))
}

impl Builder<'_> {
    /// The byte offset of a marker (its line and character column; the marker's own index
    /// counts characters, not bytes).
    fn offset(&self, m: &Marker) -> u32 {
        let line = m.line().max(1) - 1;
        let Some(&line_start) = self.line_starts.get(line) else {
            return self.text.len() as u32;
        };
        let rest = &self.text[line_start..];
        let within = rest.char_indices().nth(m.col()).map_or(rest.len(), |(i, _)| i);
        (line_start + within) as u32
    }

    fn count(&mut self, n: usize, at: u32) -> Result<(), YamlError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                message: format!("the document expands to more than {MAX_NODES} nodes (aliases)"),
                span: Span::at(at),
            });
        }
        Ok(())
    }

    /// A collection or alias may not be a mapping key.
    fn expect_value(&self, at: u32) -> Result<(), YamlError> {
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(YamlError {
                message: "complex mapping keys (a mapping or sequence as a key) are not supported"
                    .into(),
                span: Span::at(at),
            });
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            let at = match &frame {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            };
            return Err(YamlError {
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
                span: Span::at(at),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end: u32) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else { return Ok(()) };
        let (value, anchor) = match frame {
            Frame::Seq { start, anchor, items } => {
                let end = items.last().map_or(end, |v| v.span.end).max(start);
                (Value { span: Span::new(start, end), kind: Kind::Array(items) }, anchor)
            }
            Frame::Map { start, anchor, members, key } => {
                let mut members = members;
                if let Some(k) = key {
                    // A key without a value (`? a` in a flow mapping): null.
                    members.push(Member {
                        key: k.text,
                        key_span: k.span,
                        value: Value { span: Span::at(k.span.end), kind: Kind::Null },
                    });
                }
                let members = merge_keys(members);
                let end = members.last().map_or(end, |m| m.value.span.end.max(m.key_span.end));
                let value = Value {
                    span: Span::new(start, end.max(start)),
                    kind: Kind::Object(Object { members }),
                };
                (value, anchor)
            }
        };
        if anchor != 0 {
            let size = node_count(&value);
            self.anchors.insert(anchor, (value.clone(), size));
        }
        self.push(value)
    }

    fn scalar(
        &mut self,
        text: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<(), YamlError> {
        self.count(1, span.start)?;
        if let Some(Frame::Map { key: key @ None, .. }) = self.stack.last_mut() {
            *key = Some(Key {
                text: text.into(),
                span,
                merge: text == "<<" && style == ScalarStyle::Plain,
            });
            return Ok(());
        }
        let value = Value { span, kind: resolve(text, style, tag) };
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), 1));
        }
        self.push(value)
    }

    fn push(&mut self, value: Value) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { members, key, .. }) => match key.take() {
                Some(k) => {
                    let key = if k.merge { Str::from(MERGE_MARK) } else { k.text };
                    members.push(Member { key, key_span: k.span, value });
                }
                None => {
                    return Err(YamlError {
                        message: "a mapping key must be a scalar".into(),
                        span: value.span,
                    });
                }
            },
        }
        Ok(())
    }
}

/// Internal key standing for a plain `<<` until [`merge_keys`] applies it (a real key with this
/// text cannot be confused: it contains a NUL).
const MERGE_MARK: &str = "<<\u{0}merge";

/// Applies `<<` merge keys: members of the merged mapping(s) are added unless the mapping
/// already has the key (explicit keys win; earlier merged mappings win over later ones).
fn merge_keys(members: Vec<Member>) -> Vec<Member> {
    if !members.iter().any(|m| m.key == MERGE_MARK) {
        return members;
    }
    let explicit: Vec<Str> =
        members.iter().filter(|m| m.key != MERGE_MARK).map(|m| m.key.clone()).collect();
    let mut out: Vec<Member> = Vec::with_capacity(members.len());
    for m in members {
        if m.key != MERGE_MARK {
            out.push(m);
            continue;
        }
        let sources: Vec<&Value> = match &m.value.kind {
            Kind::Array(items) => items.iter().collect(),
            _ => vec![&m.value],
        };
        for source in sources {
            for member in source.members() {
                if !explicit.contains(&member.key) && !out.iter().any(|o| o.key == member.key) {
                    // Placed where the `<<` was, so that key spans stay in source order.
                    out.push(Member { key_span: m.key_span, ..member.clone() });
                }
            }
        }
    }
    out
}

fn node_count(v: &Value) -> usize {
    match &v.kind {
        Kind::Array(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Kind::Object(o) => 1 + o.members.iter().map(|m| 1 + node_count(&m.value)).sum::<usize>(),
        _ => 1,
    }
}

/// The JSON kind of a scalar under the YAML 1.2 core schema.
fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Kind {
    let core_tag = tag.filter(|t| t.handle == "tag:yaml.org,2002:" || t.handle == "!!");
    if let Some(t) = core_tag {
        match t.suffix.as_str() {
            "str" => return Kind::String(text.into()),
            "null" => return Kind::Null,
            "bool" => {
                if let Some(b) = parse_bool(text) {
                    return Kind::Bool(b);
                }
            }
            "int" | "float" => {
                if let Some(n) = parse_number(text) {
                    return Kind::Number(n.into());
                }
            }
            _ => {}
        }
    }
    if style != ScalarStyle::Plain || (tag.is_some() && core_tag.is_none()) {
        return Kind::String(text.into());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        _ => {}
    }
    if let Some(b) = parse_bool(text) {
        return Kind::Bool(b);
    }
    match parse_number(text) {
        Some(n) => Kind::Number(n.into()),
        None => Kind::String(text.into()),
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A core-schema number as JSON number text; `None` for anything else (including `.inf` and
/// `.nan`, which JSON cannot write: they stay strings).
fn parse_number(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(|n| n.to_string());
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let digits = unsigned.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        return Some(if negative && digits != "0" { format!("-{digits}") } else { digits.into() });
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        if e.is_empty() || !digits(e) {
            return None;
        }
    }
    let f: f64 = text.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    // Rewrite into JSON's grammar (`.5` → `0.5`, `1.` → `1.0`, `+1` → `1`).
    let int = if int.is_empty() { "0" } else { int.trim_start_matches('0') };
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if let Some(e) = exponent {
        out.push('e');
        out.push_str(e);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
