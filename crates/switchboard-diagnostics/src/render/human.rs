//! `--format human`: rustc-style text, rendered by `annotate-snippets` (the renderer rustc
//! itself uses).

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use switchboard_model::SourceFile;

use super::Summary;
use crate::{Diagnostic, Severity};

/// Longest excerpt shown; longer lines (minified JSON) are windowed around the caret.
const MAX_EXCERPT: usize = 160;

/// Rendering options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
}

/// Renders one diagnostic; `source` is the file it points into, when available, for the
/// excerpt with a caret.
pub fn render(d: &Diagnostic, source: Option<&SourceFile>, style: Style) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let loc = &d.location;
    let title = level.primary_title(d.message.as_str()).id(d.code.as_ref());
    let excerpt = loc
        .span
        .and(source)
        .and_then(|s| excerpt(s, loc.line, loc.column, loc.end_line, loc.end_column));
    let mut group = match &excerpt {
        Some((text, range)) => title.element(
            Snippet::source(text.as_str())
                .line_start(loc.line as usize)
                .path(loc.file.as_ref())
                .annotation(AnnotationKind::Primary.span(range.clone())),
        ),
        None => title
            .element(annotate_snippets::Origin::path(loc.file.as_ref()).line(loc.line as usize)),
    };
    if !loc.pointer.is_empty() {
        group = group.element(Level::NOTE.message(format!("at {}", loc.pointer)));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(fix) = &d.fix {
        group = group.element(
            Level::HELP.message(format!("{} (`switchboard validate --fix` does it)", fix.message)),
        );
    }
    let report: Vec<Group<'_>> = vec![group];
    let renderer = if style.color { Renderer::styled() } else { Renderer::plain() };
    let mut out = renderer.render(&report);
    // A blank line after each diagnostic, as rustc prints them.
    out.push_str("\n\n");
    out
}

/// The line text (windowed if long) and the byte range to underline within it.
fn excerpt(
    source: &SourceFile,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
) -> Option<(String, std::ops::Range<usize>)> {
    let text = source.line_text(line)?;
    let chars: Vec<char> = text.chars().collect();
    let start = (column as usize).saturating_sub(1).min(chars.len());
    let end = if end_line == line { (end_column as usize).saturating_sub(1) } else { chars.len() };
    let end = end.clamp(start, chars.len());
    let (win_start, win_end) = if chars.len() > MAX_EXCERPT {
        let ws = start.saturating_sub(MAX_EXCERPT / 4);
        (ws, (ws + MAX_EXCERPT).min(chars.len()))
    } else {
        (0, chars.len())
    };
    let prefix = if win_start > 0 { "…" } else { "" };
    let mut shown: String = prefix.to_string();
    shown.extend(&chars[win_start..win_end]);
    if win_end < chars.len() {
        shown.push('…');
    }
    let byte = |c: usize| {
        prefix.len()
            + chars[win_start..c.clamp(win_start, win_end)]
                .iter()
                .map(|ch| ch.len_utf8())
                .sum::<usize>()
    };
    let (a, mut b) = (byte(start), byte(end.min(win_end)));
    if b <= a {
        // Zero-width spans (a missing key) still get one caret.
        b = (a + shown[a..].chars().next().map_or(0, char::len_utf8)).max(a);
    }
    Some((shown, a..b))
}

/// The closing summary line, e.g. `639 connectors: 3 errors, 41 warnings, 12 infos`.
pub fn summary_line(summary: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = String::new();
    let _ = write!(
        s,
        "{}: {}, {}, {}",
        plural(summary.connectors, "connector", "connectors"),
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.infos, "info", "infos"),
    );
    s
}
