//! Shared checks behind the JS (swagger), JP (apiProperties) and ST (settings.json) rules:
//! the same JSON well-formedness questions asked of different files.

use std::fmt::Write as _;

use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;
use switchboard_model::json::{JsonFile, JsonIssueKind};

use crate::Context;

/// Findings per file and rule beyond which the rest are summarised in one diagnostic.
const MAX_PER_FILE: usize = 10;

/// Which JSON file of the connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    Swagger,
    Properties,
    Settings,
}

impl Which {
    fn file<'a>(self, cx: &Context<'a>) -> Option<&'a JsonFile> {
        let c = cx.connector();
        match self {
            Which::Swagger => c.swagger.as_ref().map(|f| &f.file),
            Which::Properties => c.properties.as_ref().map(|f| &f.file),
            Which::Settings => c.settings.as_ref().map(|f| &f.file),
        }
    }
}

/// Syntax violations that are not encoding, BOM or duplicate-key problems.
pub(super) fn is_strictness_issue(kind: &JsonIssueKind) -> bool {
    !matches!(
        kind,
        JsonIssueKind::InvalidUtf8 { .. }
            | JsonIssueKind::ByteOrderMark
            | JsonIssueKind::DuplicateKey { .. }
    )
}

/// Reports each parse issue of `which` that `select` accepts, at most [`MAX_PER_FILE`].
pub(super) fn report_issues(
    cx: &mut Context<'_>,
    which: Which,
    select: impl Fn(&JsonIssueKind) -> bool,
) {
    let Some(file) = which.file(cx) else { return };
    let issues: Vec<_> = file.parsed.issues.iter().filter(|i| select(&i.kind)).collect();
    for issue in issues.iter().take(MAX_PER_FILE) {
        let mut message = issue.message();
        if let JsonIssueKind::DuplicateKey { first, .. } = &issue.kind {
            let lc = file.source.line_column(first.start);
            let _ = write!(message, " (first at line {}, column {})", lc.line, lc.column);
        }
        if issue.is_fatal() {
            message.push_str("; the file cannot be read past this point");
        }
        let d = cx.report_in(&file.source, file.root(), issue.span, message);
        if let Some(help) = issue.help() {
            d.set_help(help);
        }
        if matches!(issue.kind, JsonIssueKind::ByteOrderMark | JsonIssueKind::TrailingComma) {
            d.set_fix(Fix {
                message: "Remove it".into(),
                edits: vec![Edit { span: issue.span, replacement: String::new() }],
            });
        }
    }
    if issues.len() > MAX_PER_FILE {
        let rest = issues.len() - MAX_PER_FILE;
        let span = issues[MAX_PER_FILE].span;
        cx.report_in(
            &file.source,
            file.root(),
            span,
            format!("{rest} more of the same in this file"),
        );
    }
}

/// Reports a root value that is not an object.
pub(super) fn check_root_object(cx: &mut Context<'_>, which: Which) {
    let Some(file) = which.file(cx) else { return };
    let Some(root) = file.root() else { return };
    if root.as_object().is_none() {
        let found = root.json_type().article_name();
        cx.report_in(
            &file.source,
            Some(root),
            root.span,
            format!("the top-level value is {found}; it must be an object"),
        );
    }
}

/// Reports lines matching `bad` once per file, with the count and a fix for all of them.
pub(super) fn check_lines(
    cx: &mut Context<'_>,
    which: Which,
    what: &str,
    prefilter: impl Fn(&[u8]) -> bool,
    bad: impl Fn(&[u8]) -> Option<(usize, usize)>,
    replacement: impl Fn(&[u8]) -> String,
) {
    let Some(file) = which.file(cx) else { return };
    let bytes = file.source.bytes();
    if !prefilter(bytes) {
        return;
    }
    let mut edits = Vec::new();
    // Line boundaries from the file's line index (built once per file, also used for
    // positions); the per-line checks look only at the ends of each line.
    let starts = file.source.line_starts();
    for (i, &offset) in starts.iter().enumerate() {
        let offset = offset as usize;
        let end = starts.get(i + 1).map_or(bytes.len(), |&next| next as usize - 1);
        let line = &bytes[offset..end];
        let content = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some((start, stop)) = bad(content) {
            let span = Span::new((offset + start) as u32, (offset + stop) as u32);
            edits.push(Edit { span, replacement: replacement(&content[start..stop]) });
        }
    }
    let Some(first) = edits.first() else { return };
    let count = edits.len();
    let span = first.span;
    let message = if count == 1 {
        format!("1 line has {what}")
    } else {
        format!("{count} lines have {what}")
    };
    cx.report_in(&file.source, file.root(), span, message)
        .set_fix(Fix { message: format!("Remove {what}"), edits });
}

/// The range of trailing spaces and tabs of a line.
pub(super) fn trailing_whitespace(line: &[u8]) -> Option<(usize, usize)> {
    let trimmed = line.iter().rposition(|&b| b != b' ' && b != b'\t').map_or(0, |i| i + 1);
    (trimmed < line.len()).then_some((trimmed, line.len()))
}

/// Whether a file can have a line [`tab_indent`] reports (lets the caller skip the scan).
pub(super) fn has_tab(bytes: &[u8]) -> bool {
    memchr::memchr(b'\t', bytes).is_some()
}

/// The range of leading indentation of a line, when it contains a tab.
pub(super) fn tab_indent(line: &[u8]) -> Option<(usize, usize)> {
    let end = line.iter().position(|&b| b != b' ' && b != b'\t').unwrap_or(line.len());
    line[..end].contains(&b'\t').then_some((0, end))
}

/// Indentation with each tab replaced by four spaces.
pub(super) fn tabs_to_spaces(indent: &[u8]) -> String {
    indent.iter().map(|&b| if b == b'\t' { "    " } else { " " }).collect()
}
