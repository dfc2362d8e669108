use switchboard_model::json::Value;

use super::common::{matches_type, show};
use super::keys::{Keys, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the values of an `enum` have the schema's declared `type` (`string`,
    /// `integer`, `number`, `boolean`), in schemas, non-body parameters and headers. `null`
    /// is accepted when the schema has `"x-nullable": true`.
    ///
    /// ## Why it matters
    /// The designer offers the enum values as choices and sends the chosen one as is: a
    /// `"true"` string for a boolean field, or `"10"` for an integer, produces requests the
    /// schema itself says are invalid. Microsoft's validator: "The type of the enum value is
    /// '…' but it should be '…' as specified in the schema." Merged connectors contain such
    /// enums, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "type": "boolean", "enum": ["true", "false"] }
    /// ```
    ///
    /// ## Fix
    /// Write the values with the declared type (`[true, false]`), or change the `type`.
    pub EnumValueTypeMismatch {
        code: "SW142",
        name: "enum-value-type-mismatch",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("InvalidEnumValue"),
    }
}

impl Check for EnumValueTypeMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        let keys = Keys::any_of(&["enum"]);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| {
            if node.get("enum").is_some() {
                nodes.push(node);
            }
        });
        nodes.extend(simple_nodes_with(sw, keys).into_iter().filter(|n| n.get("enum").is_some()));
        for node in nodes {
            let Some(ty) = node.get_str("type") else { continue };
            if !matches!(ty, "string" | "integer" | "number" | "boolean") {
                continue;
            }
            let nullable = node.get_bool("x-nullable") == Some(true);
            for item in node.get("enum").into_iter().flat_map(Value::items) {
                if item.is_null() && nullable {
                    continue;
                }
                if matches_type(item, ty) == Some(false) {
                    cx.report_value(
                        item,
                        format!(
                            "The type of the enum value {} is '{}' but it should be '{ty}' as specified in the schema.",
                            show(item),
                            type_name(item)
                        ),
                    )
                    .set_help("write the value with the declared type, or change the schema's type");
                }
            }
        }
    }
}

/// The Swagger type name of a JSON value.
fn type_name(v: &Value) -> &'static str {
    use switchboard_model::json::JsonType;
    match v.json_type() {
        JsonType::Null => "null",
        JsonType::Bool => "boolean",
        JsonType::Number if v.is_integer() => "integer",
        JsonType::Number => "number",
        JsonType::String => "string",
        JsonType::Array => "array",
        JsonType::Object => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn typed_values_pass() {
        let d = check_swagger(
            &EnumValueTypeMismatch,
            json!({"definitions": {"Task": {"properties": {
                "b": {"type": "boolean", "enum": [true, false]},
                "n": {"type": "number", "enum": [1, 2.5]},
                "s": {"type": "string", "enum": ["a", null], "x-nullable": true}
            }}}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn mistyped_values_fail_at_the_value() {
        let d = check_swagger(
            &EnumValueTypeMismatch,
            json!({"definitions": {"Task": {"properties": {
                "b": {"type": "boolean", "enum": ["true", false]},
                "i": {"type": "integer", "enum": [1, 2.5]}
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/definitions/Task/properties/b/enum/0", "/definitions/Task/properties/i/enum/1"]
        );
        assert_eq!(
            d[0].message,
            "The type of the enum value 'true' is 'string' but it should be 'boolean' as specified in the schema."
        );
    }
}
