use crate::fast_hash::FastSet;
use switchboard_model::json::Value;
use switchboard_model::swagger::Swagger;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// Findings per connector beyond which the rest are summarised in one diagnostic.
const MAX_FINDINGS: usize = 50;

declare_rule! {
    /// ## What it does
    /// Checks that every property an operation returns — reachable from a 2xx response schema
    /// or a webhook's `x-ms-notification-content` schema, through `$ref`, `items`, `allOf` and
    /// `additionalProperties` — has a `description`, an `x-ms-summary` or a `title` (on the
    /// property or on the definition it references). Internal properties are skipped. Each
    /// property is reported once, however many operations return it.
    ///
    /// ## Why it matters
    /// Output properties become the dynamic-content tokens users pick in later steps of a flow.
    /// Without a label the designer shows the raw JSON name (`dt_upd`, `cst_id`) and no
    /// tooltip, and users guess.
    ///
    /// ## Example
    /// ```json
    /// { "Task": { "type": "object", "properties": { "dt_upd": { "type": "string" } } } }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-summary": "Last updated"` (the token's label) and a `description` (its
    /// tooltip) to the property.
    pub OutputPropertyUndocumented {
        code: "BX005",
        name: "output-property-undocumented",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for OutputPropertyUndocumented {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut walk = Walk { sw: &sw.doc, visited: FastSet::default(), found: Vec::new() };
        for op in &sw.operations {
            for r in op.responses.iter().filter(|r| r.is_success()) {
                if let Some(schema) = r.schema() {
                    walk.visit(schema, 0);
                }
            }
            if let Some(schema) =
                op.op.node.get("x-ms-notification-content").and_then(|n| n.get("schema"))
            {
                walk.visit(schema, 0);
            }
        }
        let mut found = walk.found;
        found.sort_by_key(|(v, _)| v.span.start);
        found.dedup_by_key(|(v, _)| v.span.start);
        for (node, name) in found.iter().take(MAX_FINDINGS) {
            cx.report_value(
                node,
                format!("Output property '{name}' has no description, x-ms-summary or title"),
            )
            .set_help(
                "add an x-ms-summary (the label of the dynamic-content token) and a description",
            );
        }
        if let Some((next, _)) = found.get(MAX_FINDINGS) {
            let rest = found.len() - MAX_FINDINGS;
            cx.report_value(
                next,
                format!("{rest} more output properties have no description, x-ms-summary or title"),
            );
        }
    }
}

struct Walk<'s, 'a> {
    sw: &'s Swagger<'a>,
    visited: FastSet<usize>,
    found: Vec<(&'a Value, &'a str)>,
}

fn documented(v: &Value) -> bool {
    ["description", "x-ms-summary", "title"]
        .iter()
        .any(|k| v.get_str(k).is_some_and(|s| !s.trim().is_empty()))
}

fn internal(v: &Value) -> bool {
    v.get_str("x-ms-visibility") == Some("internal")
}

impl<'a> Walk<'_, 'a> {
    fn visit(&mut self, site: &'a Value, depth: usize) {
        self.visit_node(self.sw.deref(site), depth);
    }

    /// Visits a schema whose `$ref` is already followed.
    fn visit_node(&mut self, node: &'a Value, depth: usize) {
        if depth > 64 || !self.visited.insert(std::ptr::from_ref(node) as usize) {
            return;
        }
        // One pass for the keywords followed (the last duplicate wins, as with `get`).
        let (mut properties, mut items, mut extra, mut all_of) = (None, None, None, None);
        for m in node.members() {
            match m.key.as_str() {
                "properties" => properties = Some(&m.value),
                "items" => items = Some(&m.value),
                "additionalProperties" => extra = Some(&m.value),
                "allOf" => all_of = Some(&m.value),
                _ => {}
            }
        }
        for m in properties.into_iter().flat_map(Value::members) {
            if m.value.as_object().is_none() {
                continue;
            }
            let prop = self.sw.deref(&m.value);
            // Without a `$ref` the property is its own target: each test once.
            let same = std::ptr::eq(prop, &raw const m.value);
            if internal(&m.value) || (!same && internal(prop)) {
                continue;
            }
            if !documented(&m.value) && (same || !documented(prop)) {
                self.found.push((&m.value, m.key.as_str()));
            }
            self.visit_node(prop, depth + 1);
        }
        if let Some(items) = items.filter(|i| i.as_object().is_some()) {
            self.visit(items, depth + 1);
        }
        if let Some(extra) = extra.filter(|i| i.as_object().is_some()) {
            self.visit(extra, depth + 1);
        }
        for member in all_of.and_then(Value::as_array).unwrap_or_default() {
            self.visit(member, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn documented_outputs_pass() {
        assert!(check_swagger(&OutputPropertyUndocumented, json!({})).is_empty());
        // A reference to a described definition documents the property.
        let d = check_swagger(
            &OutputPropertyUndocumented,
            json!({"definitions": {
                "Task": {"properties": {"owner": {"$ref": "#/definitions/User"}, "secret": {"type": "string", "x-ms-visibility": "internal"}}},
                "User": {"type": "object", "description": "The owner.", "properties": {"name": {"type": "string", "title": "Name"}}}
            }}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn undocumented_property_is_reported_once_at_the_property() {
        // Task is returned by both operations; its property is reported once.
        let d = check_swagger(
            &OutputPropertyUndocumented,
            json!({"definitions": {"Task": {"properties": {
                "tags": {"type": "array", "items": {"type": "object", "properties": {"dt_upd": {"type": "string"}}}, "description": "Tags."}
            }}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/tags/items/properties/dt_upd"]);
        assert!(d[0].message.contains("'dt_upd'"));
        assert_eq!(d[0].severity, Severity::Info);
    }

    #[test]
    fn inputs_are_not_checked() {
        let d = check_swagger(
            &OutputPropertyUndocumented,
            json!({"definitions": {"NewTask": {"properties": {"note": {"type": "string"}}}}}),
        );
        assert!(d.is_empty());
    }
}
