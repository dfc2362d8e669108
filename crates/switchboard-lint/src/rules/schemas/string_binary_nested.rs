use switchboard_model::json::Value;

use super::keys::{FORMAT_BINARY, for_each_schema_node_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `"type": "string", "format": "binary"` appears only as a whole payload: the
    /// root schema of a body parameter, a response or a definition, or a `formData`
    /// parameter. It is reported on nested schemas (properties, `items`, …) and on
    /// path, query and header parameters.
    ///
    /// ## Why it matters
    /// Binary content is sent or received as the raw request or response body; inside a JSON
    /// object or in a URL it cannot be represented. Microsoft's validator: "A schema with
    /// type/format 'string/binary' can only be at the top level of a body or formData
    /// parameter." Merged connectors contain such properties, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "properties": { "file": { "type": "string", "format": "binary" } } }
    /// ```
    ///
    /// ## Fix
    /// Use `"format": "byte"` (base64 text) for file content inside JSON, or make the binary
    /// the whole body.
    pub StringBinaryNested {
        code: "SW148",
        name: "string-binary-nested",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("InvalidStringBinaryProperty"),
    }
}

impl Check for StringBinaryNested {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found: Vec<&Value> = Vec::new();
        for_each_schema_node_with(sw, FORMAT_BINARY, &mut |node, depth, _| {
            if depth > 0 && is_string_binary(node) {
                found.push(node);
            }
        });
        for decl in &sw.parameters {
            let p = decl.param;
            if matches!(p.location_str(), Some("path" | "query" | "header"))
                && is_string_binary(p.node)
            {
                found.push(p.node);
            }
        }
        for node in found {
            let at = node.get("format").unwrap_or(node);
            cx.report_value(at, "A schema with type/format 'string/binary' can only be at the top level of a body or formData parameter.")
                .set_help("use format 'byte' (base64) inside JSON, or make the binary content the whole body");
        }
    }
}

fn is_string_binary(node: &Value) -> bool {
    node.get_str("type") == Some("string") && node.get_str("format") == Some("binary")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn binary_payloads_pass() {
        let d = check_swagger(
            &StringBinaryNested,
            json!({"paths": {"/tasks/{taskId}": {"get": {"responses": {"200": {"description": "File.", "schema": {"type": "string", "format": "binary"}}}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn nested_binary_fails_at_the_format() {
        let d = check_swagger(
            &StringBinaryNested,
            json!({"definitions": {"Task": {"properties": {"file": {"type": "string", "format": "binary"}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/file/format"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
