use switchboard_model::json::Value;

use super::keys::{TYPE_ARRAY, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `"type": "array"` declares `items`: in schemas, in non-body
    /// parameters, in response headers, and in their nested `items`.
    ///
    /// ## Why it matters
    /// Swagger 2.0 requires `items` for arrays; without it the validator rejects the file
    /// ("The array should have items specified.") and the designer cannot show the array's
    /// elements.
    ///
    /// ## Example
    /// ```json
    /// { "tags": { "type": "array" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"items"` with the element schema, e.g. `"items": {"type": "string"}`.
    pub ArrayWithoutItems {
        code: "SW135",
        name: "array-without-items",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ArrayHasNoItems"),
    }
}

impl Check for ArrayWithoutItems {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found: Vec<&Value> = Vec::new();
        for_each_schema_node_with(sw, TYPE_ARRAY, &mut |node, _, _| {
            if lacks_items(node) {
                found.push(node);
            }
        });
        found.extend(simple_nodes_with(sw, TYPE_ARRAY).into_iter().filter(|n| lacks_items(n)));
        for node in found {
            cx.report_value(node, "The array should have items specified.")
                .set_help("add \"items\" with the element schema, e.g. {\"type\": \"string\"}");
        }
    }
}

fn lacks_items(node: &Value) -> bool {
    node.get_str("type") == Some("array")
        && node.get("items").is_none()
        && node.get("$ref").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn arrays_with_items_pass() {
        let d = check_swagger(
            &ArrayWithoutItems,
            json!({"definitions": {"Task": {"properties": {"tags": {"type": "array", "items": {"type": "string"}}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn arrays_without_items_fail() {
        let d = check_swagger(
            &ArrayWithoutItems,
            json!({
                "paths": {"/tasks": {"get": {"operationId": "ListTasks",
                    "parameters": [{"name": "ids", "in": "query", "type": "array"}],
                    "responses": {"200": {"description": "ok", "headers": {"X-Ids": {"type": "array"}}}}}}},
                "definitions": {"Task": {"properties": {"tags": {"type": "array"}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/get/parameters/0",
                "/paths/~1tasks/get/responses/200/headers/X-Ids",
                "/definitions/Task/properties/tags",
            ]
        );
    }
}
