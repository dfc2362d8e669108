//! Markdown scanning shared by the readme.md and intro.md rules: lines (with fenced code
//! marked), ATX and setext headings, and the tolerant heading matchers of catalog §6.
//!
//! This is not a full CommonMark parser: it finds what the rules need (headings, code fences,
//! paragraphs) in one pass over the text, and it is deliberately tolerant where authors are
//! sloppy (`##Publisher` without the space is still taken as the author's heading).

use std::borrow::Cow;
use std::cell::OnceCell;

use switchboard_model::{Connector, ConnectorFile, SourceFile, Span};

use crate::Context;
use crate::rules::icon::common::{SampleError, Samples, samples};

/// The connector's Markdown files (readme, intro), each decoded and scanned at most once per
/// connector: a dozen rules read the readme. The icon's decoded samples are kept here too
/// (three icon rules read them; decoding is the costly part of checking an icon).
pub(crate) struct Texts<'a> {
    connector: &'a Connector,
    readme: OnceCell<Option<Scanned<'a>>>,
    intro: OnceCell<Option<Scanned<'a>>>,
    icon: OnceCell<Option<Result<Samples, SampleError>>>,
}

impl<'a> Texts<'a> {
    pub(crate) fn new(connector: &'a Connector) -> Self {
        Self { connector, readme: OnceCell::new(), intro: OnceCell::new(), icon: OnceCell::new() }
    }

    /// The icon's pixel samples (decoded once), when the connector has an icon.
    pub(crate) fn icon_samples(&self) -> Option<&Result<Samples, SampleError>> {
        self.icon
            .get_or_init(|| self.connector.icon.as_ref().map(|i| samples(i.file.bytes())))
            .as_ref()
    }

    /// The scan of `file` when it is the connector's readme or intro.
    pub(crate) fn of(&'a self, file: &ConnectorFile<SourceFile>) -> Option<&'a Scanned<'a>> {
        let c = self.connector;
        let is = |f: &Option<ConnectorFile<SourceFile>>| {
            f.as_ref().is_some_and(|f| std::ptr::eq(f, file))
        };
        let (cell, own) = if is(&c.readme) {
            (&self.readme, &c.readme)
        } else if is(&c.intro) {
            (&self.intro, &c.intro)
        } else {
            return None;
        };
        cell.get_or_init(|| own.as_ref().map(|f| Scanned::new(&f.file))).as_ref()
    }
}

/// A Markdown file's text (decoded lossily), its scan and its normalized heading texts, each
/// computed on first use.
pub(crate) struct Scanned<'a> {
    text: Cow<'a, str>,
    markdown: OnceCell<Markdown<'a>>,
    normalized: OnceCell<Vec<String>>,
    lower: OnceCell<String>,
}

impl<'a> Scanned<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Self {
            text: file.text_lossy(),
            markdown: OnceCell::new(),
            normalized: OnceCell::new(),
            lower: OnceCell::new(),
        }
    }

    /// The text, lowercased.
    pub(crate) fn lower(&'a self) -> &'a str {
        self.lower.get_or_init(|| self.text.to_lowercase())
    }

    /// The text.
    pub(crate) fn text(&'a self) -> &'a str {
        &self.text
    }

    /// The scanned Markdown.
    pub(crate) fn markdown(&'a self) -> &'a Markdown<'a> {
        self.markdown.get_or_init(|| Markdown::parse(&self.text))
    }

    /// The first heading whose normalized text satisfies `matches` (as [`Markdown::find`]).
    pub(crate) fn find(&'a self, matches: impl Fn(&str) -> bool) -> Option<&'a Heading<'a>> {
        let md = self.markdown();
        let normalized =
            self.normalized.get_or_init(|| md.headings.iter().map(Heading::normalized).collect());
        normalized.iter().position(|h| matches(h)).map(|i| &md.headings[i])
    }
}

/// One line of a Markdown file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'t> {
    /// Byte offset of the line start.
    pub start: usize,
    /// The line without its terminator.
    pub text: &'t str,
    /// Inside a fenced code block (or a fence delimiter).
    pub in_code: bool,
}

impl Line<'_> {
    /// Whether the line holds nothing visible (whitespace and zero-width characters only).
    pub fn is_blank(&self) -> bool {
        is_blank(self.text)
    }

    /// The span of the line's visible text (leading and trailing whitespace excluded).
    pub fn span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        let trimmed = self.text.trim();
        span(self.start + lead, self.start + lead + trimmed.len())
    }
}

/// A heading.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Heading<'t> {
    /// 1–6.
    pub level: u8,
    /// The heading text: markers, closing `#`s and surrounding whitespace removed.
    pub text: &'t str,
    /// Byte offset of the heading text.
    pub text_start: usize,
    /// Byte offsets of the whole heading line (for setext headings: the text line).
    pub start: usize,
    /// End of the heading line.
    pub end: usize,
    /// Index of the heading's (text) line in [`Markdown::lines`].
    pub line: usize,
    /// Whether it renders as a heading in CommonMark (`## x`, setext); `##x` does not.
    pub strict: bool,
}

impl Heading<'_> {
    /// The span of the heading line.
    pub fn span(&self) -> Span {
        span(self.start, self.end)
    }

    /// The text, lowercased, with emphasis and code markers removed and whitespace collapsed.
    pub fn normalized(&self) -> String {
        normalize(self.text)
    }
}

/// A scanned Markdown text.
#[derive(Debug)]
pub(crate) struct Markdown<'t> {
    /// Every line.
    pub lines: Vec<Line<'t>>,
    /// Every heading, in order.
    pub headings: Vec<Heading<'t>>,
}

impl<'t> Markdown<'t> {
    /// Scans `text`.
    ///
    /// A code fence that is never closed would turn the rest of the file into code; it is
    /// taken for a stray line instead, which is what its author meant.
    pub fn parse(text: &'t str) -> Self {
        let mut stray: Vec<usize> = Vec::new();
        loop {
            match Self::parse_with(text, &stray) {
                Ok(md) => return md,
                Err(unclosed) => stray.push(unclosed),
            }
        }
    }

    /// Scans `text`, ignoring the fence openings on the lines in `stray`; fails with the
    /// line index of a fence that is never closed.
    fn parse_with(text: &'t str, stray: &[usize]) -> Result<Self, usize> {
        let mut lines: Vec<Line<'t>> = Vec::new();
        let mut headings: Vec<Heading<'t>> = Vec::new();
        let mut fence: Option<(u8, usize)> = None;
        let mut fence_line = 0usize;
        let mut offset = 0usize;
        for raw in text.split_inclusive('\n') {
            let mut start = offset;
            offset += raw.len();
            let mut content = raw.trim_end_matches(['\n', '\r']);
            // A byte order mark is not part of the first line's text.
            if start == 0
                && let Some(rest) = content.strip_prefix('\u{feff}')
            {
                content = rest;
                start = '\u{feff}'.len_utf8();
            }
            let body = content.trim_start_matches(' ');
            let indent = content.len() - body.len();
            let index = lines.len();
            if let Some((marker, len)) = fence {
                lines.push(Line { start, text: content, in_code: true });
                let run = body.bytes().take_while(|&b| b == marker).count();
                if indent <= 3 && run >= len && body[run..].trim().is_empty() {
                    fence = None;
                }
                continue;
            }
            if indent <= 3 && (body.starts_with("```") || body.starts_with("~~~")) {
                let marker = body.as_bytes()[0];
                let len = body.bytes().take_while(|&b| b == marker).count();
                // The info string of a backtick fence has no backticks: "```code```" is inline.
                if (marker == b'~' || !body[len..].contains('`')) && !stray.contains(&index) {
                    fence = Some((marker, len));
                    fence_line = index;
                    lines.push(Line { start, text: content, in_code: true });
                    continue;
                }
            }
            lines.push(Line { start, text: content, in_code: false });
            if indent > 3 {
                continue;
            }
            if body.starts_with('#') {
                if let Some(h) = atx_heading(body, start + indent, start + content.len(), index) {
                    headings.push(h);
                }
                continue;
            }
            // Setext: a line of `=` or `-` under a paragraph line.
            let underline = body.trim_end();
            let is_underline = !underline.is_empty()
                && (underline.bytes().all(|b| b == b'=') || underline.bytes().all(|b| b == b'-'));
            if !is_underline || index == 0 {
                continue;
            }
            let prev = lines[index - 1];
            let prev_body = prev.text.trim();
            let prev_is_heading = headings.last().is_some_and(|h| h.line == index - 1);
            if prev.in_code
                || prev.is_blank()
                || prev_is_heading
                || prev.text.len() - prev.text.trim_start_matches(' ').len() > 3
                || is_list_item(prev_body)
                || prev_body.starts_with(['>', '|', '<'])
            {
                continue;
            }
            let lead = prev.text.len() - prev.text.trim_start().len();
            headings.push(Heading {
                level: if underline.starts_with('=') { 1 } else { 2 },
                text: prev_body,
                text_start: prev.start + lead,
                start: prev.start + lead,
                end: prev.start + lead + prev_body.len(),
                line: index - 1,
                strict: true,
            });
        }
        if fence.is_some() {
            return Err(fence_line);
        }
        Ok(Markdown { lines, headings })
    }

    /// The first heading whose normalized text satisfies `matches`.
    pub fn find(&self, matches: impl Fn(&str) -> bool) -> Option<&Heading<'t>> {
        self.headings.iter().find(|h| matches(&h.normalized()))
    }

    /// The lines of the section under heading `index` (up to the next heading of the same or a
    /// higher level), excluding the heading itself.
    pub fn section_lines(&self, index: usize) -> &[Line<'t>] {
        let Some(h) = self.headings.get(index) else { return &[] };
        let first = h.line + 1;
        let last = self.headings[index + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(self.lines.len(), |n| n.line);
        self.lines.get(first..last).unwrap_or_default()
    }

    /// The first line after heading `index`, before the next heading, that is neither blank
    /// nor code nor a setext underline.
    pub fn first_text_after(&self, index: usize) -> Option<&Line<'t>> {
        let h = self.headings.get(index)?;
        let end = self.headings.get(index + 1).map_or(self.lines.len(), |n| n.line);
        self.lines
            .get(h.line + 1..end)?
            .iter()
            .find(|l| !l.is_blank() && !l.in_code && !is_underline_line(l.text))
    }
}

pub(crate) fn is_underline_line(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// Parses an ATX heading from a line body that starts with `#`; `at` is the body's offset.
fn atx_heading(body: &str, at: usize, line_end: usize, line: usize) -> Option<Heading<'_>> {
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    if hashes > 6 {
        return None;
    }
    let rest = &body[hashes..];
    let strict = rest.is_empty() || rest.starts_with([' ', '\t']);
    let mut text = rest.trim();
    // A closing sequence of `#`s preceded by a space (or making up the whole text) is dropped.
    let without_closing = text.trim_end_matches('#');
    if without_closing.len() != text.len()
        && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
    {
        text = without_closing.trim_end();
    }
    if !strict && text.is_empty() {
        return None;
    }
    let text_offset =
        if text.is_empty() { body.len() } else { hashes + (rest.len() - rest.trim_start().len()) };
    Some(Heading {
        level: hashes as u8,
        text,
        text_start: at + text_offset,
        start: at,
        end: line_end,
        line,
        strict,
    })
}

/// Whether a trimmed line starts a list item (`-`, `*`, `+`, `1.`, `1)`).
pub(crate) fn is_list_item(trimmed: &str) -> bool {
    if let Some(rest) = trimmed.strip_prefix(['-', '*', '+']) {
        return rest.is_empty() || rest.starts_with([' ', '\t']);
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits < 10
        && trimmed[digits..].starts_with(['.', ')'])
        && trimmed[digits + 1..].starts_with([' ', '\t'])
}

/// The text of a list item without its marker, if the trimmed line is one.
pub(crate) fn list_item_text(trimmed: &str) -> Option<&str> {
    if !is_list_item(trimmed) {
        return None;
    }
    let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(['-', '*', '+', '.', ')']).unwrap_or(rest);
    Some(rest.trim())
}

/// Whether `s` has nothing visible: whitespace, BOMs and zero-width spaces only.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}')
    })
}

/// Lowercases `s`, drops emphasis/code markers and zero-width characters, and collapses
/// whitespace.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A span from `usize` offsets.
pub(crate) fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

// ---------------------------------------------------------------------------------------------
// Section matchers. Each takes a normalized heading text (see [`normalize`]).

/// `## Publisher: <name>`.
pub(crate) fn is_publisher(h: &str) -> bool {
    h.contains("publisher")
}

/// `## Prerequisites` (also `Pre-requisites`, `Pre requisites`, `Requirements`).
pub(crate) fn is_prerequisites(h: &str) -> bool {
    h.contains("prerequisite")
        || h.contains("pre-requisite")
        || h.contains("pre requisite")
        || h.contains("requirement")
}

/// `## Supported Operations` (also `Operations`, `Actions`, `Supported Actions`, `Available
/// Actions`, `Supported Triggers and Actions`).
pub(crate) fn is_operations(h: &str) -> bool {
    let h = h.trim_start_matches(|c: char| !c.is_alphanumeric());
    let h = ["supported ", "available ", "list of "]
        .iter()
        .find_map(|p| h.strip_prefix(p))
        .unwrap_or(h);
    let h = h.strip_prefix("triggers and ").unwrap_or(h);
    h.starts_with("operations") || h.starts_with("actions")
}

/// `## Obtaining Credentials` (also `How to get credentials`, `Getting an API key`, `Obtain
/// an access token`).
pub(crate) fn is_credentials(h: &str) -> bool {
    if h.contains("credential") {
        return true;
    }
    let verb =
        ["get ", "getting ", "obtain", "how to get", "how to obtain", "generate", "generating"]
            .iter()
            .any(|v| h.contains(v));
    let what = ["api key", "api-key", "apikey", "access key", "subscription key", "token"]
        .iter()
        .any(|w| h.contains(w));
    verb && what
}

/// `## Known Issues and Limitations` (also `Known issues`, `Limitations`).
pub(crate) fn is_known_issues(h: &str) -> bool {
    h.contains("known issue") || h.contains("limitation")
}

/// `## Deployment Instructions` (any heading about deploying).
pub(crate) fn is_deployment(h: &str) -> bool {
    h.contains("deploy")
}

/// `## Get started with your connector` (also `Getting started`).
pub(crate) fn is_get_started(h: &str) -> bool {
    h.contains("get started") || h.contains("getting started")
}

/// `## Common errors and remedies` (also `Troubleshooting`).
pub(crate) fn is_common_errors(h: &str) -> bool {
    h.contains("common error") || h.contains("errors and remedies") || h.contains("troubleshoot")
}

/// `## FAQ` (also `Frequently asked questions`).
pub(crate) fn is_faq(h: &str) -> bool {
    h.contains("frequently asked")
        || h.split(|c: char| !c.is_alphanumeric()).any(|w| w == "faq" || w == "faqs")
}

// ---------------------------------------------------------------------------------------------
// Shared checks.

/// Whether the connector authenticates users: a security definition in the swagger, or a
/// secure or OAuth connection parameter in apiProperties.json.
pub(crate) fn has_auth(cx: &Context<'_>) -> bool {
    if cx.swagger().is_some_and(|sw| sw.doc.security_definitions().next().is_some()) {
        return true;
    }
    cx.properties().is_some_and(|p| {
        p.connection_parameters()
            .chain(p.parameter_set_parameters().map(|(_, param)| param))
            .any(|param| matches!(param.param_type(), Some("securestring" | "oauthSetting")))
    })
}

/// Reports a missing section of a Markdown file (`what` names it as the template does) at the
/// file as a whole, unless a heading satisfies `matches`.
pub(crate) fn require_section(
    cx: &mut Context<'_>,
    file: &ConnectorFile<SourceFile>,
    matches: fn(&str) -> bool,
    what: &str,
    help: &str,
) {
    let found = match cx.texts().of(file) {
        Some(scanned) => scanned.find(matches).is_some(),
        None => Markdown::parse(&file.file.text_lossy()).find(matches).is_some(),
    };
    if !found {
        let name = display_file_name(&file.entry);
        report_whole(cx, file, format!("{name} has no '{what}' section"))
            .set_help(help.to_string());
    }
}

/// Reports a finding about a text file as a whole (at its start), under the name the file is
/// shown with (which, for zips, includes the folder the connector sits in).
pub(crate) fn report_whole<'c>(
    cx: &'c mut Context<'_>,
    file: &ConnectorFile<SourceFile>,
    message: impl Into<String>,
) -> &'c mut switchboard_diagnostics::Diagnostic {
    cx.report_in(&file.file, None, Span::at(0), message)
}

/// The file name part of an entry path.
pub(crate) fn display_file_name(entry: &str) -> &str {
    entry.rsplit('/').next().unwrap_or(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_setext_and_fenced_headings() {
        let text = "# Title\n\nText\n```inline```\n##Loose\n```\n## not a heading\n```\nSub\n---\n\n- item\n---\n### Closed ###\n";
        let md = Markdown::parse(text);
        let found: Vec<(u8, &str, bool)> =
            md.headings.iter().map(|h| (h.level, h.text, h.strict)).collect();
        assert_eq!(
            found,
            [(1, "Title", true), (2, "Loose", false), (2, "Sub", true), (3, "Closed", true)]
        );
        let sub = &md.headings[2];
        assert_eq!(&text[sub.text_start..sub.text_start + sub.text.len()], "Sub");
        assert_eq!(&text[md.headings[3].start..md.headings[3].end], "### Closed ###");
    }

    #[test]
    fn an_unclosed_fence_does_not_swallow_the_file() {
        let md = Markdown::parse("# A\n```\ncode\n```\n```\n## B\n");
        let found: Vec<&str> = md.headings.iter().map(|h| h.text).collect();
        assert_eq!(found, ["A", "B"]);
        assert!(md.lines[2].in_code && !md.lines[4].in_code);
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_the_first_heading() {
        let md = Markdown::parse("\u{feff}# Title\ntext\n");
        assert_eq!(md.headings.len(), 1);
        assert_eq!((md.headings[0].start, md.headings[0].text), (3, "Title"));
    }

    #[test]
    fn matchers_are_tolerant() {
        assert!(is_prerequisites("pre-requisites"));
        assert!(is_operations("supported operations"));
        assert!(is_operations("actions"));
        assert!(is_operations("available actions"));
        assert!(!is_operations("supported triggers"));
        assert!(is_credentials("how to get credentials?"));
        assert!(is_credentials("getting an api key"));
        assert!(!is_credentials("authentication."));
        assert!(is_faq("faq"));
        assert!(!is_faq("faqir"));
        assert_eq!(normalize("**Known  Issues**\u{200b}"), "known issues");
    }

    #[test]
    fn sections_and_list_items() {
        let md = Markdown::parse("## A\none\n### B\ntwo\n## C\nthree\n");
        let a: Vec<&str> = md.section_lines(0).iter().map(|l| l.text).collect();
        assert_eq!(a, ["one", "### B", "two"]);
        assert_eq!(md.first_text_after(1).map(|l| l.text), Some("two"));
        assert_eq!(list_item_text("1. Send SMS"), Some("Send SMS"));
        assert_eq!(list_item_text("* `Get`: x"), Some("`Get`: x"));
        assert_eq!(list_item_text("*emphasis*"), None);
    }
}
