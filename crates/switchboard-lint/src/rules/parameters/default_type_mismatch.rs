use switchboard_model::json::Value;

use super::common::value_matches_type;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `default` has the JSON type of the `type` declared beside it: in
    /// non-body parameters (and their `items`), in every schema (definitions, bodies,
    /// responses) and in response headers; sample data (`example`, `x-ms-test-value`) is not
    /// looked into. A `null` default is a mismatch too, unless the node is `"x-nullable": true`.
    ///
    /// ## Why it matters
    /// The designer pre-fills the field with the default and the platform sends it when the
    /// user leaves the field empty; a quoted number (`"10"` for an integer) or a string
    /// `"false"` for a boolean is sent with the wrong type or rejected; a `null` default for a
    /// string sends `null`. Microsoft's validator:
    /// "The 'default' value is of type '{0}', but should match the given type '{1}'."
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "default": "50" }
    /// ```
    ///
    /// ## Fix
    /// Write the default as a value of the declared type: `"default": 50`.
    pub DefaultTypeMismatch {
        code: "SW141",
        name: "default-type-mismatch",
        group: Parameters,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("DefaultValueMustMatchType"),
    }
}

/// The mismatching `default` of `node`, with its JSON type name and the declared type.
fn mismatch(node: &Value) -> Option<(&Value, &'static str, &str)> {
    let default = node.get("default")?;
    if default.is_null() && node.get_bool("x-nullable") == Some(true) {
        return None;
    }
    let ty = node.get_str("type")?;
    match value_matches_type(ty, default) {
        Some(false) => {
            let found = match default.json_type() {
                switchboard_model::json::JsonType::Number if !default.is_integer() => "number",
                switchboard_model::json::JsonType::Number => "integer",
                switchboard_model::json::JsonType::String => "string",
                switchboard_model::json::JsonType::Bool => "boolean",
                switchboard_model::json::JsonType::Array => "array",
                switchboard_model::json::JsonType::Object => "object",
                switchboard_model::json::JsonType::Null => "null",
            };
            Some((default, found, ty))
        }
        _ => None,
    }
}

fn report(cx: &mut Context<'_>, node: &Value) {
    if let Some((default, found, ty)) = mismatch(node) {
        cx.report_value(
            default,
            format!(
                "The 'default' value is of type '{found}', but should match the given type '{ty}'."
            ),
        )
        .set_help(format!("write the default as a {ty} value"));
    }
}

impl Check for DefaultTypeMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        // One pass over every object outside sample data: parameters, their `items`, schemas
        // at any depth and response headers all carry `type` and `default` side by side.
        for node in &sw.text_objects {
            report(cx, node);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn matching_defaults_pass() {
        let d = check_swagger(
            &DefaultTypeMismatch,
            json!({
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [
                    {"name": "taskId", "in": "path", "required": true, "type": "string"},
                    {"name": "top", "in": "query", "type": "integer", "default": 50},
                    {"name": "ratio", "in": "query", "type": "number", "default": 1},
                    {"name": "x", "in": "query", "type": "string", "default": null, "x-nullable": true}
                ]}}},
                "definitions": {"Task": {"properties": {"done": {"type": "boolean", "default": false}}}}
            }),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn mismatching_defaults_fail_at_the_default() {
        let d = check_swagger(
            &DefaultTypeMismatch,
            json!({
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [
                    {"name": "taskId", "in": "path", "required": true, "type": "string"},
                    {"name": "top", "in": "query", "type": "integer", "default": "50"},
                    {"name": "x", "in": "query", "type": "string", "default": null}
                ]}}},
                "definitions": {"Task": {"properties": {"done": {"type": "boolean", "default": "false"}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/1/default",
                "/paths/~1tasks~1{taskId}/get/parameters/2/default",
                "/definitions/Task/properties/done/default"
            ]
        );
        assert!(
            d[0].message.contains("of type 'string', but should match the given type 'integer'")
        );
    }
}
