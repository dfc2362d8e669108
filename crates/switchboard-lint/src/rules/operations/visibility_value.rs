use crate::rules::schemas::keys::{Keys, for_each_schema_node_with};
use switchboard_model::json::Value;
use switchboard_model::swagger::VISIBILITIES;

use super::common::replace_string;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `x-ms-visibility` in the swagger — on operations, parameters and schema
    /// properties — is one of `important`, `advanced` or `internal` (lowercase), or the empty
    /// string, which means the default placement.
    ///
    /// ## Why it matters
    /// The values are case-sensitive: Microsoft's validator rejects anything else
    /// ("JsonValueNotInEnum"), and a value such as `"Internal"` is not recognised as internal.
    ///
    /// ## Example
    /// ```json
    /// { "name": "previousId", "in": "query", "type": "string", "x-ms-visibility": "Advanced" }
    /// ```
    ///
    /// ## Fix
    /// Write the value in lowercase: `"advanced"`.
    pub VisibilityValue {
        code: "SW077",
        name: "visibility-value",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("JsonValueNotInEnum"),
    }
}

fn check_value(cx: &mut Context<'_>, node: &Value) {
    let Some(v) = node.get("x-ms-visibility") else { return };
    if v.as_str().is_some_and(|s| s.is_empty() || VISIBILITIES.contains(&s)) {
        return;
    }
    let shown =
        v.as_str().map_or_else(|| v.json_type().article_name().to_string(), |s| format!("'{s}'"));
    let d = cx.report_value(
        v,
        format!(
            "The 'x-ms-visibility' value {shown} is not one of 'important', 'advanced', 'internal'."
        ),
    );
    d.set_help("use \"important\", \"advanced\" or \"internal\" (lowercase)");
    if let Some(lower) = v.as_str().map(str::to_ascii_lowercase)
        && VISIBILITIES.contains(&lower.as_str())
    {
        d.set_fix(replace_string(v, &lower, format!("Replace with '{lower}'")));
    }
}

impl Check for VisibilityValue {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            check_value(cx, info.op.node);
        }
        for decl in &sw.parameters {
            check_value(cx, decl.param.node);
        }
        // Every schema node of every schema root, as `walk_schema` visits them, restricted
        // to those with the extension.
        for_each_schema_node_with(sw, Keys::any_of(&["x-ms-visibility"]), &mut |node, _, _| {
            check_value(cx, node);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn known_and_empty_values_pass() {
        assert!(check_swagger(&VisibilityValue, json!({})).is_empty());
        let p = json!({"paths": {"/tasks": {"post": {"x-ms-visibility": ""}}}});
        assert!(check_swagger(&VisibilityValue, p).is_empty());
    }

    #[test]
    fn wrong_case_fails_everywhere_with_a_fix() {
        let p = json!({
            "paths": {"/tasks": {"post": {"x-ms-visibility": "Important"}}},
            "definitions": {"Task": {"properties": {"id": {"x-ms-visibility": "Internal"}}}}
        });
        let d = check_swagger(&VisibilityValue, p);
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/post/x-ms-visibility",
                "/definitions/Task/properties/id/x-ms-visibility"
            ]
        );
        assert_eq!(d[1].fix.as_ref().expect("fix").edits[0].replacement, "\"internal\"");
    }

    #[test]
    fn parameter_values_are_checked_once() {
        let p = json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [{
            "name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-summary": "Task ID", "description": "The identifier of the task.",
            "x-ms-url-encoding": "single", "x-ms-visibility": "hidden"
        }]}}}});
        let d = check_swagger(&VisibilityValue, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-visibility"]);
        assert!(d[0].fix.is_none());
    }
}
