//! The few facts a certification check needs from a Dataverse solution's XML files, with the
//! byte span of each so findings can name line and column.
//!
//! `quick-xml` is a pull parser with byte positions and no DOM: exactly what picking five
//! element names out of `customizations.xml` needs (a DOM crate would build the whole tree of a
//! file that can list hundreds of components; hand-written XML scanning gets comments, CDATA,
//! entities and attributes wrong). It is built without default features (its only dependency
//! is `memchr`, already in the tree), so input must be UTF-8, as Dataverse writes it.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::Span;

/// An element found in an XML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlElement {
    /// The start tag, `<` to `>`.
    pub span: Span,
    /// Whether it has child elements, non-blank text or attributes (what Microsoft's package
    /// validator calls a node that exists: `HasChildNodes -or Attributes.Count -gt 0`).
    pub non_empty: bool,
    /// Its direct child elements with their text, in document order (`name`, `iconblob`, …).
    pub children: Vec<(String, XmlText)>,
}

impl XmlElement {
    /// The text of the first direct child element called `name` (compared case-insensitively).
    pub fn child(&self, name: &str) -> Option<&XmlText> {
        self.children.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, t)| t)
    }
}

/// The text content of an element, entities resolved, surrounding whitespace trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlText {
    /// The text.
    pub text: String,
    /// The trimmed content in the file (empty, between the tags, when the element is empty).
    pub span: Span,
}

/// Why an XML file is not well-formed, and where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// The parser's message.
    pub message: String,
    /// Where the markup in error starts.
    pub span: Span,
}

/// What [`scan`] found.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    /// For each name of `first`: its first element in document order.
    pub first: Vec<Option<XmlElement>>,
    /// For each name of `all`: the text of every element of that name.
    pub all: Vec<Vec<XmlText>>,
    /// Set when the file is not well-formed; what was found before the error is kept.
    pub error: Option<XmlError>,
}

/// An open element.
struct Frame {
    name: String,
    /// Index into `first` when this is the first element of one of those names.
    first: Option<usize>,
    /// Index into `all` when texts of this name are collected.
    all: Option<usize>,
    /// Whether the text is collected (for `all`, or as a child of a `first` element).
    keep_text: bool,
    start: Span,
    /// End of the start tag: where the content begins.
    content_start: u32,
    text: String,
    non_empty: bool,
    children: Vec<(String, XmlText)>,
}

/// Reads `bytes` once, collecting the first element of each name in `first` (with the text of
/// its direct children) and the text of every element named in `all`. Names are local names
/// (any `prefix:` dropped), compared exactly, as XPath does.
pub(super) fn scan(bytes: &[u8], first: &[&str], all: &[&str]) -> Scanned {
    let mut out =
        Scanned { first: vec![None; first.len()], all: vec![Vec::new(); all.len()], error: None };
    // The reader drops a UTF-8 byte-order mark without counting it in its positions.
    let base: u32 = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut reader = Reader::from_reader(&bytes[base as usize..]);
    let pos = |r: &Reader<&[u8]>| base + r.buffer_position() as u32;
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let before = pos(&reader);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = base + reader.error_position() as u32;
                out.error = Some(XmlError { message: e.to_string(), span: Span::at(at) });
                return out;
            }
        };
        let after = pos(&reader);
        match event {
            Event::Start(e) => {
                let frame = open(&e, Span::new(before, after), &stack, first, all, &out);
                stack.push(frame);
            }
            Event::Empty(e) => {
                let frame = open(&e, Span::new(before, after), &stack, first, all, &out);
                close(frame, after, bytes, &mut stack, &mut out);
            }
            Event::End(_) => {
                if let Some(frame) = stack.pop() {
                    close(frame, before, bytes, &mut stack, &mut out);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let text = t.xml10_content();
                    if !text.trim().is_empty() {
                        top.non_empty = true;
                    }
                    if top.keep_text {
                        top.text.push_str(&text);
                    }
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.non_empty = true;
                    if top.keep_text {
                        top.text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    top.non_empty = true;
                    if top.keep_text {
                        let name = r.xml10_content().into_owned();
                        let resolved = match r.resolve_char_ref() {
                            Ok(Some(c)) => Some(c),
                            _ => predefined_entity(&name),
                        };
                        if let Some(c) = resolved {
                            top.text.push(c);
                        } else {
                            // An entity of a DTD Switchboard does not read: kept as written.
                            top.text.push('&');
                            top.text.push_str(&name);
                            top.text.push(';');
                        }
                    }
                }
            }
            Event::Eof => {
                if let Some(open) = stack.first() {
                    out.error = Some(XmlError {
                        message: format!("<{}> is never closed", open.name),
                        span: open.start,
                    });
                }
                return out;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn open(
    e: &BytesStart<'_>,
    start: Span,
    stack: &[Frame],
    first: &[&str],
    all: &[&str],
    out: &Scanned,
) -> Frame {
    let name = e.local_name().as_ref().to_string();
    let first_index = first
        .iter()
        .position(|n| *n == name)
        .filter(|&i| out.first[i].is_none() && !stack.iter().any(|f| f.first == Some(i)));
    let all_index = all.iter().position(|n| *n == name);
    let parent_is_first = stack.last().is_some_and(|f| f.first.is_some());
    Frame {
        first: first_index,
        all: all_index,
        keep_text: all_index.is_some() || parent_is_first,
        start,
        content_start: start.end,
        text: String::new(),
        non_empty: e.attributes().next().is_some(),
        children: Vec::new(),
        name,
    }
}

/// Closes `frame`, whose content ends at `content_end`.
fn close(frame: Frame, content_end: u32, bytes: &[u8], stack: &mut [Frame], out: &mut Scanned) {
    let text = || XmlText {
        text: frame.text.trim().to_string(),
        span: trimmed(bytes, frame.content_start, content_end),
    };
    if let Some(parent) = stack.last_mut() {
        parent.non_empty = true;
        if parent.first.is_some() {
            parent.children.push((frame.name.clone(), text()));
        }
    }
    if let Some(i) = frame.all {
        out.all[i].push(text());
    }
    if let Some(i) = frame.first {
        out.first[i] = Some(XmlElement {
            span: frame.start,
            non_empty: frame.non_empty,
            children: frame.children,
        });
    }
}

/// The span `start..end` without the whitespace at either end.
fn trimmed(bytes: &[u8], start: u32, end: u32) -> Span {
    let (mut s, mut e) = (start as usize, (end as usize).min(bytes.len()));
    while s < e && bytes[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && bytes[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    Span::new(s as u32, e as u32)
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMIZATIONS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Workflows>
    <Workflow WorkflowId="{1}" Name="Sample">
      <JsonFileName>/Workflows/Sample-1.json</JsonFileName>
    </Workflow>
  </Workflows>
  <!-- <Connector>commented out</Connector> -->
  <Connectors>
    <Connector>
      <name>contoso_5ftaskforge</name>
      <displayname>Tasks &amp; more</displayname>
      <openapidefinition>/Connector/x_openapidefinition.json</openapidefinition>
    </Connector>
  </Connectors>
  <aicopilot_aiplugins />
</ImportExportXml>"#;

    #[test]
    fn finds_first_elements_children_and_texts() {
        let s = scan(
            CUSTOMIZATIONS.as_bytes(),
            &["Connector", "Workflows", "aicopilot_aiplugin"],
            &["JsonFileName"],
        );
        assert_eq!(s.error, None);
        let connector = s.first[0].as_ref().unwrap();
        assert!(connector.non_empty);
        let at = |span: Span| &CUSTOMIZATIONS[span.start as usize..span.end as usize];
        assert_eq!(at(connector.span), "<Connector>");
        assert_eq!(connector.child("name").unwrap().text, "contoso_5ftaskforge");
        assert_eq!(connector.child("DisplayName").unwrap().text, "Tasks & more");
        let def = connector.child("openapidefinition").unwrap();
        assert_eq!(at(def.span), "/Connector/x_openapidefinition.json");
        assert!(s.first[1].as_ref().unwrap().non_empty);
        assert!(s.first[2].is_none());
        assert_eq!(s.all[0].len(), 1);
        assert_eq!(at(s.all[0][0].span), "/Workflows/Sample-1.json");
    }

    #[test]
    fn empty_elements_are_empty_and_a_bom_keeps_positions() {
        let xml = "\u{feff}<r>\n  <Workflows />\n  <Connector>  </Connector>\n</r>";
        let s = scan(xml.as_bytes(), &["Workflows", "Connector"], &[]);
        let w = s.first[0].as_ref().unwrap();
        assert!(!w.non_empty);
        assert_eq!(&xml[w.span.start as usize..w.span.end as usize], "<Workflows />");
        assert!(!s.first[1].as_ref().unwrap().non_empty);
        let attr = scan(b"<r><Connector id=\"1\"/></r>", &["Connector"], &[]);
        assert!(attr.first[0].as_ref().unwrap().non_empty);
    }

    #[test]
    fn malformed_xml_is_an_error_with_a_position() {
        let s = scan(b"<r>\n<Managed>0</Manged>\n</r>", &[], &["Managed"]);
        let e = s.error.unwrap();
        assert!(e.span.start > 0, "{e:?}");
        let s = scan(b"<r><a>", &[], &[]);
        assert_eq!(s.error.unwrap().message, "<r> is never closed");
    }
}
