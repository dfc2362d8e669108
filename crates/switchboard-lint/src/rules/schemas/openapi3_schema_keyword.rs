use switchboard_model::json::Value;

use super::keys::{Keys, TYPE_LIST, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that schemas, non-body parameters and headers use Swagger 2.0 only: `type` is
    /// a single string (not a list such as `["string", "null"]`), and there is no `nullable`,
    /// `oneOf` or `anyOf` (OpenAPI 3 keywords; Swagger 2.0 has `x-nullable` and `allOf`).
    ///
    /// ## Why it matters
    /// The platform reads Swagger 2.0: a list-valued `type` fails the import, and OpenAPI 3
    /// keywords are ignored, so a "nullable" field or a "one of" union silently becomes
    /// something else (policy 5000.2.6.3: OpenAPI 3 is not supported).
    ///
    /// ## Example
    /// ```json
    /// { "type": ["string", "null"], "nullable": true }
    /// ```
    ///
    /// ## Fix
    /// Use `"type": "string"` with `"x-nullable": true`; replace `oneOf`/`anyOf` by a single
    /// schema (or `allOf`), or by `x-ms-dynamic-schema` when the shape really varies.
    pub Openapi3SchemaKeyword {
        code: "SW144",
        name: "openapi3-schema-keyword",
        group: Schemas,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for Openapi3SchemaKeyword {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        let keys = Keys::any_of(&["nullable", "oneOf", "anyOf"]).or(TYPE_LIST);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| nodes.push(node));
        nodes.extend(simple_nodes_with(sw, keys));
        for node in nodes {
            for m in node.members() {
                let message = match m.key.as_str() {
                    "type" if m.value.as_array().is_some() => {
                        "The 'type' must be a single type name; type lists are not supported in Swagger 2.0."
                    }
                    "nullable" => {
                        "The 'nullable' keyword is OpenAPI 3; use 'x-nullable' in Swagger 2.0."
                    }
                    "oneOf" | "anyOf" => {
                        "The 'oneOf' and 'anyOf' keywords are OpenAPI 3 and are not supported in Swagger 2.0."
                    }
                    _ => continue,
                };
                cx.report_swagger(m.key_span, message)
                    .set_help("use a single `type` with `x-nullable`, and a single schema (or allOf) instead of oneOf/anyOf");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn swagger2_schemas_pass() {
        let d = check_swagger(
            &Openapi3SchemaKeyword,
            json!({"definitions": {"Task": {"properties": {"nullable": {"type": "string", "x-nullable": true}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn openapi3_keywords_fail_at_the_key() {
        let d = check_swagger(
            &Openapi3SchemaKeyword,
            json!({"definitions": {"Task": {"properties": {
                "a": {"type": ["string", "null"]},
                "b": {"type": "string", "nullable": true},
                "c": {"oneOf": [{"type": "string"}, {"type": "integer"}]}
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/a/type",
                "/definitions/Task/properties/b/nullable",
                "/definitions/Task/properties/c/oneOf"
            ]
        );
    }
}
