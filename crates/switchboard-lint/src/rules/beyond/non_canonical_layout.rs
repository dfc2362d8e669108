use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;
use switchboard_model::json::Value;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// The canonical order of root keys.
const ORDER: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "x-ms-connector-metadata",
];

declare_rule! {
    /// ## What it does
    /// Checks the layout of `apiDefinition.swagger.json`: root keys in the canonical order
    /// (`swagger`, `info`, `host`, `basePath`, `schemes`, `consumes`, `produces`, `paths`,
    /// `definitions`, `parameters`, `responses`, `securityDefinitions`, `security`, `tags`,
    /// `x-ms-connector-metadata`; other keys are not ranked), and indentation of 4 spaces per
    /// nesting level on every line that starts with a key, an array element or a closing
    /// bracket. Each problem is reported once per file, with a fix: moving the root members
    /// (their text unchanged), or re-indenting the lines.
    ///
    /// ## Why it matters
    /// Microsoft's coding standards ask for this structure and 4-space indentation, and
    /// `paconn download` writes files that way. A file that follows it diffs cleanly against
    /// what the platform returns, and reviewers find sections where they expect them.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "swagger": "2.0",
    ///   "paths": { },
    ///   "info": { "title": "Taskforge" }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Apply the fixes, or reformat the file with 4-space indentation and move `info` before
    /// `paths`.
    pub NonCanonicalLayout {
        code: "BX024",
        name: "non-canonical-layout",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

fn rank(key: &str) -> Option<usize> {
    ORDER.iter().position(|k| *k == key)
}

impl Check for NonCanonicalLayout {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        let file = sw.file;
        let bytes = file.source.bytes();
        let clean = file.parsed.issues.is_empty();
        let Some(object) = root.as_object() else { return };

        // Root key order.
        let mut highest: Option<(usize, &str)> = None;
        let mut misplaced = None;
        for m in &object.members {
            let Some(r) = rank(&m.key) else { continue };
            match highest {
                Some((h, before)) if r < h => {
                    misplaced = Some((m, before));
                    break;
                }
                Some((h, _)) if h >= r => {}
                _ => highest = Some((r, m.key.as_str())),
            }
        }
        if let Some((m, before)) = misplaced {
            let d = cx.report_swagger(
                m.key_span,
                format!(
                    "Root key '{}' comes after '{before}'; the canonical order is {}",
                    m.key,
                    ORDER.join(", ")
                ),
            );
            if clean && let Some(fix) = reorder_fix(bytes, root) {
                d.set_fix(fix);
            }
        }

        // Indentation.
        let mut edits = Vec::new();
        check_indent(bytes, root, 0, &mut edits);
        if let Some(first) = edits.first() {
            let line = file.source.line_column(first.span.end).line;
            let have = first.span.len();
            let want = first.replacement.len();
            let count = edits.len();
            let what =
                if count == 1 { "1 line is".to_string() } else { format!("{count} lines are") };
            let span = Span::new(first.span.end, first.span.end);
            let d = cx.report_swagger(
                span,
                format!("{what} not indented with 4 spaces per level (line {line} has {have} spaces, expected {want})"),
            );
            if clean {
                d.set_fix(Fix { message: "Re-indent with 4 spaces per level".into(), edits });
            }
        }
    }
}

/// Root members in canonical order, each member's text kept as written.
fn reorder_fix(bytes: &[u8], root: &Value) -> Option<Fix> {
    let members = &root.as_object()?.members;
    if members.len() < 2 {
        return None;
    }
    let text = |a: u32, b: u32| std::str::from_utf8(bytes.get(a as usize..b as usize)?).ok();
    let first = members.first()?;
    let last = members.last()?;
    let separator = text(first.value.span.end, members.get(1)?.key_span.start)?;
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&i| rank(&members[i].key).unwrap_or(ORDER.len()));
    let mut out = String::with_capacity(bytes.len());
    out.push_str(text(root.span.start, first.key_span.start)?);
    for (n, &i) in order.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        let m = &members[i];
        out.push_str(text(m.key_span.start, m.value.span.end)?);
    }
    out.push_str(text(last.value.span.end, root.span.end)?);
    Some(Fix {
        message: "Move the root keys into the canonical order".into(),
        edits: vec![Edit { span: root.span, replacement: out }],
    })
}

/// Collects re-indentation edits for lines starting with a member, element or closing bracket.
fn check_indent(bytes: &[u8], v: &Value, depth: usize, edits: &mut Vec<Edit>) {
    let starts: Vec<(u32, &Value)> = match v.as_object() {
        Some(o) => o.members.iter().map(|m| (m.key_span.start, &m.value)).collect(),
        None => match v.as_array() {
            Some(items) => items.iter().map(|i| (i.span.start, i)).collect(),
            None => return,
        },
    };
    for (offset, child) in &starts {
        line_indent(bytes, *offset, depth + 1, edits);
        check_indent(bytes, child, depth + 1, edits);
    }
    if !starts.is_empty() && v.span.end > 0 {
        line_indent(bytes, v.span.end - 1, depth, edits);
    }
}

fn line_indent(bytes: &[u8], offset: u32, depth: usize, edits: &mut Vec<Edit>) {
    let offset = offset as usize;
    let mut start = offset;
    while start > 0 && bytes.get(start - 1) == Some(&b' ') {
        start -= 1;
    }
    let at_line_start = start == 0 || bytes.get(start - 1) == Some(&b'\n');
    if !at_line_start {
        return; // not first on its line, or indented with tabs (JS006)
    }
    let want = 4 * depth;
    if offset - start != want {
        edits.push(Edit {
            span: Span::new(start as u32, offset as u32),
            replacement: " ".repeat(want),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn canonical_file_passes() {
        // The fixture is written with 4-space indentation, in canonical order.
        assert!(check(&NonCanonicalLayout, &Fixture::new().build()).is_empty());
    }

    fn with_swagger(text: &str) -> Vec<crate::Diagnostic> {
        check(
            &NonCanonicalLayout,
            &Fixture::new().set("apiDefinition.swagger.json", text.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn key_order_fails_at_the_misplaced_key_with_a_fix() {
        let d = with_swagger(
            "{\n    \"swagger\": \"2.0\",\n    \"paths\": {},\n    \"info\": {\"title\": \"T\"}\n}\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.pointer, "/info");
        assert!(d[0].message.contains("'info' comes after 'paths'"), "{}", d[0].message);
        let fix = d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str());
        assert_eq!(
            fix,
            Some(
                "{\n    \"swagger\": \"2.0\",\n    \"info\": {\"title\": \"T\"},\n    \"paths\": {}\n}"
            )
        );
    }

    #[test]
    fn two_space_indentation_fails_once_with_the_count() {
        let d = with_swagger(
            "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n    \"title\": \"T\"\n  }\n}\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.line, 2);
        assert!(d[0].message.starts_with("4 lines are not indented"), "{}", d[0].message);
        assert!(d[0].message.contains("line 2 has 2 spaces, expected 4"), "{}", d[0].message);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits.len()), Some(4));
    }
}
