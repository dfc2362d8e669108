use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;
use switchboard_model::json::{Kind, Object, Value};

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
];

declare_rule! {
    /// ## What it does
    /// Checks the layout of `apiDefinition.swagger.json`:
    ///
    /// * the Swagger root keys come in the canonical order `swagger`, `info`, `host`,
    ///   `basePath`, `schemes`, `consumes`, `produces`, `paths`, `definitions`, `parameters`,
    ///   `responses`, `securityDefinitions`, `security`, `tags` (extensions such as
    ///   `x-ms-connector-metadata` may sit anywhere: the portal and paconn place it in
    ///   different spots);
    /// * indentation is consistent: every line that starts with a key, an array element or a
    ///   closing bracket is indented by the file's step (that of the first root key: 2 or 4
    ///   spaces) times its nesting level. Tab-indented lines are JS006's.
    ///
    /// Each problem is reported once per file, with a fix: moving the root members (their
    /// text unchanged), or re-indenting the lines concerned.
    ///
    /// ## Why it matters
    /// Microsoft's coding standards ask for a predictable structure and clean indentation.
    /// Sections in the usual order are where reviewers look for them, and lines that are out
    /// of step (hand edits, merge debris) make every later diff noisy. The standards ask for 4
    /// spaces, but 93% of certified connectors use 2, so either step is accepted as long as it
    /// is used throughout.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "swagger": "2.0",
    ///   "paths": { },
    ///     "info": { "title": "Taskforge" }
    /// }
    /// ```
    /// (`info` comes after `paths`, and is indented by 4 spaces in a 2-space file.)
    ///
    /// ## Fix
    /// Apply the fixes, or move `info` before `paths` and re-indent the line.
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
            if clean && let Some(fix) = move_fix(bytes, root).or_else(|| reorder_fix(bytes, root)) {
                d.set_fix(fix);
            }
        }

        // Indentation, in the file's own step.
        let unit = indent_unit(bytes, object);
        let mut edits = Vec::new();
        check_indent(bytes, root, 0, unit, &mut edits);
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
                format!("{what} not indented with {unit} spaces per level like the rest of the file (line {line} has {have} spaces, expected {want})"),
            );
            if clean {
                d.set_fix(Fix {
                    message: format!("Re-indent with {unit} spaces per level"),
                    edits,
                });
            }
        }
    }
}

/// The smallest moves that put the root keys in canonical order: the ranked members forming
/// the largest (by size) run already in order stay, the others are cut and pasted before the
/// first staying member that follows them in the canonical order. `None` when the edits
/// would touch in a way an applier could order ambiguously.
fn move_fix(bytes: &[u8], root: &Value) -> Option<Fix> {
    let members = &root.as_object()?.members;
    let text =
        |from: u32, to: u32| std::str::from_utf8(bytes.get(from as usize..to as usize)?).ok();
    let separator = text(members.first()?.value.span.end, members.get(1)?.key_span.start)?;
    // (member index, rank) of the ranked members, in file order.
    let ranked: Vec<(usize, usize)> =
        members.iter().enumerate().filter_map(|(i, m)| rank(&m.key).map(|r| (i, r))).collect();
    let weight = |k: usize| {
        let member = &members[ranked[k].0];
        u64::from(member.value.span.end.saturating_sub(member.key_span.start)) + 1
    };
    // Heaviest increasing subsequence of ranks.
    let mut best: Vec<u64> = (0..ranked.len()).map(weight).collect();
    let mut prev: Vec<Option<usize>> = vec![None; ranked.len()];
    for k in 0..ranked.len() {
        for j in 0..k {
            if ranked[j].1 < ranked[k].1 && best[j] + weight(k) > best[k] {
                best[k] = best[j] + weight(k);
                prev[k] = Some(j);
            }
        }
    }
    let mut last_kept = (0..ranked.len()).max_by_key(|&k| best[k])?;
    let mut stay = vec![false; ranked.len()];
    loop {
        stay[last_kept] = true;
        match prev[last_kept] {
            Some(p) => last_kept = p,
            None => break,
        }
    }
    let stayers = || (0..ranked.len()).filter(|&j| stay[j]).map(|j| ranked[j]);
    let mut deletions: Vec<Span> = Vec::new();
    // (offset, rank, text): text to insert at offset.
    let mut insertions: Vec<(u32, usize, String)> = Vec::new();
    for (index, member_rank) in (0..ranked.len()).filter(|&k| !stay[k]).map(|k| ranked[k]) {
        let member = &members[index];
        let member_text = text(member.key_span.start, member.value.span.end)?;
        deletions.push(match members.get(index + 1) {
            Some(next) => Span::new(member.key_span.start, next.key_span.start),
            None => {
                Span::new(members.get(index.checked_sub(1)?)?.value.span.end, member.value.span.end)
            }
        });
        // Before the first staying member that comes later in the canonical order, or else
        // after the last staying member.
        let insertion = if let Some(target) =
            stayers().filter(|(_, r)| *r > member_rank).map(|(i, _)| i).min()
        {
            (members[target].key_span.start, member_rank, format!("{member_text}{separator}"))
        } else {
            let after = stayers().map(|(i, _)| i).max()?;
            (members[after].value.span.end, member_rank, format!("{separator}{member_text}"))
        };
        insertions.push(insertion);
    }
    insertions.sort_by_key(|(offset, r, _)| (*offset, *r));
    let mut edits: Vec<Edit> = Vec::new();
    for (offset, _, insert) in insertions {
        match edits.last_mut() {
            Some(last) if last.span.start == offset && last.span.is_empty() => {
                last.replacement.push_str(&insert);
            }
            _ => edits.push(Edit { span: Span::at(offset), replacement: insert }),
        }
    }
    for d in deletions {
        // A deletion starting where text is inserted becomes one replacement.
        match edits.iter_mut().find(|e| e.span.is_empty() && e.span.start == d.start) {
            Some(e) => e.span = d,
            None => edits.push(Edit { span: d, replacement: String::new() }),
        }
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let ordered = edits
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start && w[0].span.start < w[1].span.start);
    ordered.then(|| Fix { message: "Move the root keys into the canonical order".into(), edits })
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
    // Ranked members are sorted into the places ranked members occupy; the others stay put.
    let slots: Vec<usize> =
        (0..members.len()).filter(|&i| rank(&members[i].key).is_some()).collect();
    let mut sorted = slots.clone();
    sorted.sort_by_key(|&i| rank(&members[i].key));
    let mut order: Vec<usize> = (0..members.len()).collect();
    for (&slot, &source) in slots.iter().zip(&sorted) {
        order[slot] = source;
    }
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

/// The indentation step of the file: that of the first root member when it starts a line
/// with 2 or 4 spaces, else 4.
fn indent_unit(bytes: &[u8], root: &Object) -> usize {
    let Some(first) = root.members.first() else { return 4 };
    let offset = first.key_span.start as usize;
    let spaces = bytes[..offset.min(bytes.len())].iter().rev().take_while(|&&b| b == b' ').count();
    let at_line_start = offset == spaces || bytes.get(offset - spaces - 1) == Some(&b'\n');
    if at_line_start && (spaces == 2 || spaces == 4) { spaces } else { 4 }
}

/// Collects re-indentation edits for lines starting with a member, element or closing bracket.
fn check_indent(bytes: &[u8], v: &Value, depth: usize, unit: usize, edits: &mut Vec<Edit>) {
    // Only containers are descended into: this visits every value of the file.
    let container = |v: &Value| matches!(v.kind, Kind::Object(_) | Kind::Array(_));
    let want = (depth + 1) * unit;
    let non_empty = match &v.kind {
        Kind::Object(o) => {
            for m in &o.members {
                if !indented(bytes, m.key_span.start, want) {
                    line_indent(bytes, m.key_span.start, want, edits);
                }
                if container(&m.value) {
                    check_indent(bytes, &m.value, depth + 1, unit, edits);
                }
            }
            !o.members.is_empty()
        }
        Kind::Array(items) => {
            for item in items {
                if !indented(bytes, item.span.start, want) {
                    line_indent(bytes, item.span.start, want, edits);
                }
                if container(item) {
                    check_indent(bytes, item, depth + 1, unit, edits);
                }
            }
            !items.is_empty()
        }
        _ => return,
    };
    if non_empty && v.span.end > 0 && !indented(bytes, v.span.end - 1, depth * unit) {
        line_indent(bytes, v.span.end - 1, depth * unit, edits);
    }
}

/// Whether the line of `offset` starts with exactly `want` spaces before it: the common case,
/// tested inline for nearly every line of the file before [`line_indent`] looks closer.
#[inline]
fn indented(bytes: &[u8], offset: u32, want: usize) -> bool {
    let offset = offset as usize;
    offset.checked_sub(want).is_some_and(|start| {
        (start == 0 || bytes.get(start - 1) == Some(&b'\n'))
            && bytes.get(start..offset).is_some_and(all_spaces)
    })
}

/// Whether `indent` is all spaces, compared eight bytes at a time.
fn all_spaces(indent: &[u8]) -> bool {
    const EIGHT: u64 = u64::from_le_bytes(*b"        ");
    let mut chunks = indent.chunks_exact(8);
    chunks.all(|c| {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        u64::from_le_bytes(word) == EIGHT
    }) && chunks.remainder().iter().all(|&b| b == b' ')
}

fn line_indent(bytes: &[u8], offset: u32, want: usize, edits: &mut Vec<Edit>) {
    let offset = offset as usize;
    let mut start = offset;
    while start > 0 && bytes.get(start - 1) == Some(&b' ') {
        start -= 1;
    }
    let at_line_start = start == 0 || bytes.get(start - 1) == Some(&b'\n');
    if !at_line_start {
        return; // not first on its line, or indented with tabs (JS006)
    }
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
    fn canonical_files_pass() {
        // The fixture is written with 4-space indentation, in canonical order.
        assert!(check(&NonCanonicalLayout, &Fixture::new().build()).is_empty());
        // Two spaces throughout, extensions anywhere.
        let d = with_swagger(
            "{\n  \"swagger\": \"2.0\",\n  \"x-ms-connector-metadata\": [],\n  \"info\": {\n    \"title\": \"T\"\n  },\n  \"paths\": {}\n}\n",
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    /// Applies a fix's edits, last first.
    fn apply(text: &str, fix: &Fix) -> String {
        let mut out = text.to_string();
        for e in fix.edits.iter().rev() {
            out.replace_range(e.span.start as usize..e.span.end as usize, &e.replacement);
        }
        out
    }

    #[test]
    fn moves_are_minimal() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\"/a\": {}},\n  \"host\": \"h\",\n  \"tags\": [],\n  \"info\": {}\n}";
        let c = Fixture::new().set("apiDefinition.swagger.json", text.as_bytes().to_vec()).build();
        let fix = move_fix(text.as_bytes(), c.swagger_root().unwrap()).unwrap();
        // host and info move; paths (the biggest) and tags stay.
        assert_eq!(fix.edits.len(), 3);
        assert_eq!(
            apply(text, &fix),
            "{\n  \"swagger\": \"2.0\",\n  \"info\": {},\n  \"host\": \"h\",\n  \"paths\": {\"/a\": {}},\n  \"tags\": []\n}"
        );
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
            "{\n    \"swagger\": \"2.0\",\n    \"paths\": {},\n    \"x-ms-connector-metadata\": [],\n    \"info\": {\"title\": \"T\"}\n}\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.pointer, "/info");
        assert!(d[0].message.contains("'info' comes after 'paths'"), "{}", d[0].message);
        let text = "{\n    \"swagger\": \"2.0\",\n    \"paths\": {},\n    \"x-ms-connector-metadata\": [],\n    \"info\": {\"title\": \"T\"}\n}\n";
        // `info` is the bigger member, so `paths` moves after it.
        let fixed = apply(text, d[0].fix.as_ref().unwrap());
        assert_eq!(
            fixed,
            "{\n    \"swagger\": \"2.0\",\n    \"x-ms-connector-metadata\": [],\n    \"info\": {\"title\": \"T\"},\n    \"paths\": {}\n}\n"
        );
        // The whole-root fallback keeps extensions in place.
        let c = Fixture::new().set("apiDefinition.swagger.json", text.as_bytes().to_vec()).build();
        let root = c.swagger_root().unwrap();
        let whole = reorder_fix(text.as_bytes(), root).unwrap();
        assert_eq!(
            apply(text, &whole),
            "{\n    \"swagger\": \"2.0\",\n    \"info\": {\"title\": \"T\"},\n    \"x-ms-connector-metadata\": [],\n    \"paths\": {}\n}\n"
        );
    }

    #[test]
    fn lines_out_of_step_fail_once_with_the_count() {
        let d = with_swagger(
            "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n      \"title\": \"T\",\n     \"version\": \"1\"\n   }\n}\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.line, 4);
        assert!(
            d[0].message.starts_with("3 lines are not indented with 2 spaces"),
            "{}",
            d[0].message
        );
        assert!(d[0].message.contains("line 4 has 6 spaces, expected 4"), "{}", d[0].message);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits.len()), Some(3));
    }
}
