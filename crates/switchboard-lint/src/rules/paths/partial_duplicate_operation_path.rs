use switchboard_model::swagger::Method;

use super::common::{VAR, normalized, segment_matches, template_problem};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks for operations with the same method whose paths overlap: a variable segment of
    /// one can match a fixed segment of the other, as in `GET /items/{id}` and
    /// `GET /items/search`. Exact duplicates are SW053's. Reported once per operation, at the
    /// later one.
    ///
    /// ## Why it matters
    /// Microsoft's validator warns about them ("PartialDuplicateOperationPath"): a request
    /// for `/items/search` fits both operations, so routing depends on the order the backend
    /// or a policy checks them, and a real item whose id is "search" cannot be fetched.
    ///
    /// ## Example
    /// ```json
    /// { "paths": {
    ///     "/items/{id}": { "get": { "operationId": "GetItem" } },
    ///     "/items/search": { "get": { "operationId": "SearchItems" } } } }
    /// ```
    ///
    /// ## Fix
    /// Often nothing: many APIs are designed this way and the backend resolves the fixed
    /// path first. Otherwise, move one operation under a distinct prefix (`/search/items`).
    pub PartialDuplicateOperationPath {
        code: "SW059",
        name: "partial-duplicate-operation-path",
        group: Paths,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("PartialDuplicateOperationPath"),
    }
}

/// How two segments of the same position relate.
enum Pair {
    /// They can never match the same text.
    Disjoint,
    /// They can match the same text without a variable meeting a fixed segment.
    Compatible,
    /// A variable segment can match the other, fixed, segment.
    Overlap,
}

/// A segment of a normalized template and whether it holds a variable.
#[derive(Clone, Copy)]
struct Segment<'a> {
    text: &'a str,
    var: bool,
}

fn compare(a: Segment<'_>, b: Segment<'_>) -> Pair {
    if a.text == b.text {
        return Pair::Compatible;
    }
    match (a.var, b.var) {
        (true, false) if segment_matches(a.text, b.text) => Pair::Overlap,
        (false, true) if segment_matches(b.text, a.text) => Pair::Overlap,
        (true, true) if a.text == VAR || b.text == VAR => Pair::Compatible,
        // Two different fixed segments, or two different patterns (treated as distinct).
        _ => Pair::Disjoint,
    }
}

/// The first position where a variable of `a` meets a fixed segment of `b` or the reverse,
/// if the templates (same length) can match the same path. Identical templates give `None`
/// (they are SW053's).
fn overlap(a: &[Segment<'_>], b: &[Segment<'_>]) -> Option<usize> {
    let mut at = None;
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        match compare(*x, *y) {
            Pair::Disjoint => return None,
            Pair::Overlap => {
                at.get_or_insert(k);
            }
            Pair::Compatible => {}
        }
    }
    at
}

/// An operation's method, its index and its template's segments.
type Entry<'a> = (Method, usize, Vec<Segment<'a>>);

impl Check for PartialDuplicateOperationPath {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let normal: Vec<Option<String>> = sw
            .operations
            .iter()
            .map(|info| {
                let t = info.op.path.template;
                // A broken template is SW054's.
                template_problem(t).is_none().then(|| normalized(t))
            })
            .collect();
        let mut entries: Vec<Entry<'_>> = sw
            .operations
            .iter()
            .zip(&normal)
            .enumerate()
            .filter_map(|(i, (info, n))| {
                let segs =
                    n.as_deref()?.split('/').map(|text| Segment { text, var: text.contains(VAR) });
                Some((info.op.method, i, segs.collect()))
            })
            .collect();
        // Group by method and segment count; the stable sort keeps file order in a group.
        entries.sort_by_key(|(method, _, segs)| (*method, segs.len()));
        let mut findings: Vec<(usize, usize, usize)> = Vec::new();
        for group in entries.chunk_by(|a, b| a.0 == b.0 && a.2.len() == b.2.len()) {
            for (j, (_, later, b)) in group.iter().enumerate() {
                let found = group[..j]
                    .iter()
                    .find_map(|(_, earlier, a)| overlap(a, b).map(|k| (*earlier, k)));
                if let Some((earlier, k)) = found {
                    findings.push((*later, earlier, k));
                }
            }
        }
        findings.sort_unstable();
        for (later, earlier, k) in findings {
            let (Some(b), Some(a)) = (sw.operations.get(later), sw.operations.get(earlier)) else {
                continue;
            };
            let (b, a) = (&b.op, &a.op);
            let seg_a = a.path.template.trim_end_matches('/').split('/').nth(k).unwrap_or_default();
            let seg_b = b.path.template.trim_end_matches('/').split('/').nth(k).unwrap_or_default();
            let (var, fixed) = if seg_a.contains('{') { (seg_a, seg_b) } else { (seg_b, seg_a) };
            cx.report_swagger(
                b.method_span,
                format!(
                    "The {} operation {} on '{}' overlaps {} on '{}': '{var}' also matches '{fixed}'",
                    b.method,
                    b.label(),
                    b.path.template,
                    a.label(),
                    a.path.template
                ),
            )
            .set_help("make sure the backend resolves the fixed path first, or give one operation a distinct prefix");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn get(id: &str) -> serde_json::Value {
        json!({"get": {"operationId": id, "responses": {"200": {"description": "OK"}}}})
    }

    #[test]
    fn disjoint_paths_pass() {
        let d = check_swagger(
            &PartialDuplicateOperationPath,
            json!({"paths": {"/tasks/{taskId}/notes": get("ListNotes"), "/projects/{id}": get("GetProject"), "/tasks/{id}.json": get("GetJson")}}),
        );
        assert!(d.is_empty(), "{d:#?}");
        // Exact duplicates are SW053's.
        assert!(
            check_swagger(
                &PartialDuplicateOperationPath,
                json!({"paths": {"/tasks/{id}/": get("GetTask2")}})
            )
            .is_empty()
        );
    }

    #[test]
    fn fixed_segment_under_a_variable_fails_once_at_the_later_operation() {
        let d = check_swagger(
            &PartialDuplicateOperationPath,
            json!({"paths": {"/tasks/search": get("SearchTasks"), "/tasks/count": get("CountTasks")}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1search/get", "/paths/~1tasks~1count/get"]);
        assert!(d[0].message.contains("'{taskId}' also matches 'search'"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
