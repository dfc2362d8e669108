//! `--format json`: one object with every connector and a summary.
//!
//! Shape: `{"connectors":[{"path","diagnostics":[{"code","severity","message","file","line",
//! "column","end_line","end_column","pointer","help"?,"fix"?}]}],"summary":{"connectors",
//! "errors","warnings","infos"}}`.
//!
//! The text is exactly what `serde_json::to_string_pretty` makes of that shape (two-space
//! indentation, serde_json's escaping); it is written by hand because a whole-corpus run
//! renders ~90 000 diagnostics and serde's pretty printer, byte-at-a-time escaping included,
//! cost more than all the rules of a typical connector together. A test keeps both in step.

use std::io::{self, Write};

use super::{Report, Summary};
use crate::{Diagnostic, Fix};

/// Renders the reports as one JSON document (with a trailing newline).
pub fn render(reports: &[Report]) -> String {
    let mut out = Vec::with_capacity(size_hint(reports));
    // Writing to a `Vec` cannot fail.
    let _ = write(reports, &mut out);
    // Only whole UTF-8 strings and ASCII punctuation were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Bytes buffered before they are handed to the sink of [`write`].
const CHUNK: usize = 64 * 1024;

/// Writes what [`render`] returns to `sink`, in pieces of about 64 KiB: a whole-corpus report
/// is ~70 MB, which need not be held in memory (nor its pages faulted in) to be printed.
///
/// # Errors
/// The first error of `sink`.
pub fn write(reports: &[Report], sink: &mut dyn Write) -> io::Result<()> {
    let summary = Summary::of(reports);
    let mut w = Writer { out: Vec::with_capacity(CHUNK + 4096), ..Writer::default() };
    w.begin(b'{');
    w.key("connectors");
    w.begin(b'[');
    for r in reports {
        w.item();
        w.begin(b'{');
        w.key("path");
        w.string(&r.path);
        w.key("diagnostics");
        w.begin(b'[');
        for d in &r.diagnostics {
            w.item();
            diagnostic(&mut w, d);
            if w.out.len() >= CHUNK {
                sink.write_all(&w.out)?;
                w.out.clear();
            }
        }
        w.end(b']');
        w.end(b'}');
    }
    w.end(b']');
    w.key("summary");
    w.begin(b'{');
    for (name, n) in [
        ("connectors", summary.connectors),
        ("errors", summary.errors),
        ("warnings", summary.warnings),
        ("infos", summary.infos),
    ] {
        w.key(name);
        w.number(n);
    }
    w.end(b'}');
    w.end(b'}');
    w.out.push(b'\n');
    sink.write_all(&w.out)
}

/// About the size of the output (its strings and ~400 bytes of keys and layout per
/// diagnostic), so that the buffer is not copied as it grows to tens of megabytes.
fn size_hint(reports: &[Report]) -> usize {
    let strings = |d: &Diagnostic| {
        d.message.len()
            + d.location.file.len()
            + d.location.pointer.len()
            + d.help.as_ref().map_or(0, String::len)
            + d.fix.as_ref().map_or(0, |f| {
                f.message.len() + f.edits.iter().map(|e| e.replacement.len() + 120).sum::<usize>()
            })
    };
    reports
        .iter()
        .map(|r| r.path.len() + 64 + r.diagnostics.iter().map(|d| strings(d) + 400).sum::<usize>())
        .sum::<usize>()
        + 256
}

/// The members of [`Diagnostic`]'s `Serialize` implementation, in its order.
fn diagnostic(w: &mut Writer, d: &Diagnostic) {
    w.begin(b'{');
    w.key("code");
    w.string(&d.code);
    w.key("severity");
    w.string(d.severity.as_str());
    w.key("message");
    w.string(&d.message);
    w.key("file");
    w.string(&d.location.file);
    for (name, n) in [
        ("line", d.location.line),
        ("column", d.location.column),
        ("end_line", d.location.end_line),
        ("end_column", d.location.end_column),
    ] {
        w.key(name);
        w.number(n as usize);
    }
    w.key("pointer");
    w.string(&d.location.pointer);
    if let Some(help) = &d.help {
        w.key("help");
        w.string(help);
    }
    if let Some(fix) = &d.fix {
        w.key("fix");
        self::fix(w, fix);
    }
    w.end(b'}');
}

fn fix(w: &mut Writer, fix: &Fix) {
    w.begin(b'{');
    w.key("message");
    w.string(&fix.message);
    w.key("edits");
    w.begin(b'[');
    for e in &fix.edits {
        w.item();
        w.begin(b'{');
        w.key("span");
        w.begin(b'{');
        w.key("start");
        w.number(e.span.start as usize);
        w.key("end");
        w.number(e.span.end as usize);
        w.end(b'}');
        w.key("replacement");
        w.string(&e.replacement);
        w.end(b'}');
    }
    w.end(b']');
    w.end(b'}');
}

/// `,`, a newline and the indentation of the deepest level the shape has (an edit's span, 9):
/// slices of it start every line.
const BREAKS: &[u8; 2 + 2 * 9] = b",\n                  ";

/// A pretty printer with serde_json's `PrettyFormatter` layout: a container's first entry
/// follows a newline, the others `,\n`; entries are indented two spaces per level; a
/// non-empty container closes on its own line, an empty one stays `{}` or `[]`.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    depth: usize,
    /// Whether the innermost open container has an entry yet.
    has_entry: bool,
}

impl Writer {
    fn begin(&mut self, open: u8) {
        self.depth += 1;
        self.has_entry = false;
        self.out.push(open);
    }

    fn end(&mut self, close: u8) {
        self.depth -= 1;
        if self.has_entry {
            self.newline();
        }
        self.out.push(close);
        // The container just closed is itself an entry of its parent.
        self.has_entry = true;
    }

    /// Starts an array element.
    fn item(&mut self) {
        self.line_break(self.has_entry);
        // Set now: an element that is a container resets it on opening and sets it again on
        // closing; a scalar element leaves it set.
        self.has_entry = true;
    }

    /// Starts an object member: the key and `: `. Keys are the fixed names of the shape, which
    /// need no escaping.
    fn key(&mut self, key: &'static str) {
        debug_assert!(!key.bytes().any(needs_escape));
        self.item();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn newline(&mut self) {
        self.line_break(false);
    }

    /// A comma if `comma`, a newline and the indentation, in one copy for the depths the shape
    /// has.
    fn line_break(&mut self, comma: bool) {
        let from = usize::from(!comma);
        if let Some(bytes) = BREAKS.get(from..2 + 2 * self.depth) {
            self.out.extend_from_slice(bytes);
        } else {
            self.out.extend_from_slice(&BREAKS[from..2]);
            self.out.resize(self.out.len() + 2 * self.depth, b' ');
        }
    }

    fn number(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[i..]);
    }

    /// A string with serde_json's escaping: `"`, `\` and control characters only.
    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        // Most strings need no escape at all: copy clean runs whole.
        loop {
            let at = start + clean_prefix(&bytes[start..]);
            self.out.extend_from_slice(&bytes[start..at]);
            let Some(&b) = bytes.get(at) else { break };
            self.escape(b);
            start = at + 1;
        }
        self.out.push(b'"');
    }

    fn escape(&mut self, b: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0C => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                self.out.extend_from_slice(b"\\u00");
                self.out.push(HEX[usize::from(b >> 4)]);
                self.out.push(HEX[usize::from(b & 0xF)]);
                return;
            }
        };
        self.out.extend_from_slice(&[b'\\', short]);
    }
}

// Non-short-circuit `|` keeps the test branch-free, so that the chunk loop vectorises.
#[allow(clippy::needless_bitwise_bool)]
fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// The length of the leading run of bytes that need no escape.
fn clean_prefix(bytes: &[u8]) -> usize {
    // Whole 16-byte chunks first: the branch-free test of a chunk compiles to a few vector
    // instructions, where a byte-at-a-time search costs several instructions per byte.
    let mut i = 0;
    for chunk in bytes.chunks_exact(16) {
        let mut dirty = false;
        for &b in chunk {
            dirty |= needs_escape(b);
        }
        if dirty {
            break;
        }
        i += 16;
    }
    i + bytes[i..].iter().position(|&b| needs_escape(b)).unwrap_or(bytes.len() - i)
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::{Edit, Location, Severity};
    use switchboard_model::Span;

    /// The shape serde would render, as the reference for the hand-written printer.
    #[derive(Serialize)]
    struct Output<'a> {
        connectors: &'a [Report],
        summary: Summary,
    }

    fn serde_render(reports: &[Report]) -> String {
        let out = Output { connectors: reports, summary: Summary::of(reports) };
        let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
        text.push('\n');
        text
    }

    #[test]
    fn same_text_as_serde_json() {
        let mut at = Location::file("dir/a \"quoted\" \\ name.json");
        at.line = 12;
        at.column = 345;
        at.end_line = 6789;
        at.end_column = 10;
        at.pointer = "/paths/~1a~1{id}/get".into();
        let plain = Diagnostic::new("SW001", Severity::Error, "plain", at.clone());
        let escapes = Diagnostic::new(
            "BX014",
            Severity::Info,
            "tab\there, newline\n, cr\r, bell\u{7}, nul\0, ff\u{c}, bs\u{8}, del\u{7f}, é ✓ 🎉",
            at.clone(),
        )
        .with_help("say \"hi\" \\ bye");
        let fixed = Diagnostic::new("SW002", Severity::Warning, "fix me", at).with_fix(Fix {
            message: "Replace it".into(),
            edits: vec![
                Edit { span: Span::new(0, 4_000_000_000), replacement: "\"x\"".into() },
                Edit { span: Span::new(7, 7), replacement: String::new() },
            ],
        });
        let no_edits = Diagnostic::new("SW003", Severity::Info, "", Location::file(""))
            .with_fix(Fix { message: "Nothing".into(), edits: vec![] });
        let cases: Vec<Vec<Report>> = vec![
            vec![],
            vec![Report { path: "empty".into(), diagnostics: vec![] }],
            vec![
                Report { path: "a".into(), diagnostics: vec![plain, escapes] },
                Report { path: String::new(), diagnostics: vec![] },
                Report { path: "b".into(), diagnostics: vec![fixed, no_edits] },
            ],
        ];
        for reports in cases {
            assert_eq!(render(&reports), serde_render(&reports));
        }
    }

    /// A sink that records how it was called.
    struct Pieces(Vec<Vec<u8>>);

    impl Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn large_reports_are_written_in_pieces_with_the_same_text() {
        let diagnostics: Vec<Diagnostic> = (0..3000)
            .map(|i| {
                Diagnostic::new("SW001", Severity::Warning, format!("finding {i}"), {
                    let mut at = Location::file("apiDefinition.swagger.json");
                    at.line = i;
                    at
                })
            })
            .collect();
        let reports = vec![
            Report { path: "a".into(), diagnostics: diagnostics.clone() },
            Report { path: "b".into(), diagnostics },
        ];
        let mut sink = Pieces(Vec::new());
        write(&reports, &mut sink).unwrap_or_default();
        assert!(sink.0.len() > 2, "{} pieces", sink.0.len());
        assert!(sink.0.iter().all(|p| p.len() < CHUNK + 4096));
        assert_eq!(sink.0.concat(), serde_render(&reports).into_bytes());
    }
}
