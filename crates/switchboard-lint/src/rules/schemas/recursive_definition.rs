use std::collections::VecDeque;

use super::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no definition reaches itself through `$ref`s (directly, or through other
    /// definitions: `Folder` → `Folder.children[]` → `Folder`). Each definition on a cycle is
    /// reported once, at its first `$ref` that leads back into the cycle.
    ///
    /// ## Why it matters
    /// The designer expands schemas to build the dynamic-content list and cannot expand a
    /// recursive one: the recursive part is cut and its fields are unavailable in flows.
    /// When every step of the loop is a required property, no finite value can match and the
    /// validator rejects the file ("Loops of required schema properties are not allowed.").
    /// Recursive schemas are common in merged connectors, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "definitions": { "Folder": { "type": "object", "properties": {
    ///     "children": { "type": "array", "items": { "$ref": "#/definitions/Folder" } } } } } }
    /// ```
    ///
    /// ## Fix
    /// Break the cycle at the depth the designer needs: replace the innermost `$ref` by a
    /// plain `{"type": "object"}` (or a smaller definition without the back-reference).
    pub RecursiveDefinition {
        code: "SW134",
        name: "recursive-definition",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("RequiredLoopInSchemaNotAllowed"),
    }
}

impl Check for RecursiveDefinition {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        if defs.len() == 0 {
            return;
        }
        let edges = defs.edges();
        let comp = components(&edges);
        let mut size = vec![0usize; defs.len()];
        for &c in &comp {
            size[c] += 1;
        }
        for (d, out) in edges.iter().enumerate() {
            let cyclic = size[comp[d]] > 1 || out.iter().any(|(t, _)| *t == d);
            if !cyclic {
                continue;
            }
            let Some(&(next, holder)) = out.iter().find(|(t, _)| comp[*t] == comp[d]) else {
                continue;
            };
            let mut cycle = vec![defs.names[d]];
            cycle.extend(path_back(&edges, &comp, next, d).into_iter().map(|i| defs.names[i]));
            let at = holder.get("$ref").unwrap_or(holder);
            cx.report_value(
                at,
                format!("The definition '{}' is recursive: {}.", defs.names[d], cycle.join(" → ")),
            )
            .set_help("cut the cycle: replace the innermost $ref by {\"type\": \"object\"} or a definition without the back-reference");
        }
    }
}

/// Strongly connected components (iterative Tarjan): the component number of each node.
fn components(edges: &[Vec<(usize, &switchboard_model::json::Value)>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(top) = call.last_mut() {
            let v = top.0;
            if let Some(&(w, _)) = edges[v].get(top.1) {
                top.1 += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// The shortest path from `from` to `to` inside their component, `from` and `to` included.
fn path_back(
    edges: &[Vec<(usize, &switchboard_model::json::Value)>],
    comp: &[usize],
    from: usize,
    to: usize,
) -> Vec<usize> {
    let mut prev = vec![usize::MAX; edges.len()];
    let mut queue = VecDeque::from([from]);
    prev[from] = from;
    while let Some(v) = queue.pop_front() {
        if v == to {
            break;
        }
        for &(w, _) in &edges[v] {
            if comp[w] == comp[from] && prev[w] == usize::MAX {
                prev[w] = v;
                queue.push_back(w);
            }
        }
    }
    let mut path = vec![to];
    let mut v = to;
    while v != from && prev[v] != usize::MAX && path.len() <= edges.len() {
        v = prev[v];
        path.push(v);
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn acyclic_definitions_pass() {
        let d = check_swagger(
            &RecursiveDefinition,
            json!({"definitions": {"Task": {"properties": {"next": {"$ref": "#/definitions/NewTask"}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn self_reference_fails() {
        let d = check_swagger(
            &RecursiveDefinition,
            json!({"definitions": {"Task": {"properties": {"sub": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/sub/items/$ref"]);
        assert_eq!(d[0].message, "The definition 'Task' is recursive: Task → Task.");
    }

    #[test]
    fn mutual_recursion_reports_each_member() {
        let d = check_swagger(
            &RecursiveDefinition,
            json!({"definitions": {
                "A": {"properties": {"b": {"$ref": "#/definitions/B"}}},
                "B": {"properties": {"c": {"$ref": "#/definitions/C"}, "task": {"$ref": "#/definitions/Task"}}},
                "C": {"properties": {"a": {"$ref": "#/definitions/A"}}}
            }}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/A/properties/b/$ref",
                "/definitions/B/properties/c/$ref",
                "/definitions/C/properties/a/$ref"
            ]
        );
        assert_eq!(d[0].message, "The definition 'A' is recursive: A → B → C → A.");
    }
}
