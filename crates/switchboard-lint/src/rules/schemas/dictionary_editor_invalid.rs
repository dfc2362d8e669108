use switchboard_model::json::Value;

use super::keys::{Keys, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `"x-ms-editor": "dictionary"` is only used on a schema of `type: object`
    /// that allows additional properties (`additionalProperties` is not `false`).
    ///
    /// ## Why it matters
    /// The dictionary editor lets users enter free key/value pairs; on anything but an open
    /// object the pairs cannot be sent. The validator rejects it: "The 'x-ms-editor'
    /// extension can be specified as 'dictionary' only for schema with type object and
    /// additional properties allowed."
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "x-ms-editor": "dictionary" }
    /// ```
    ///
    /// ## Fix
    /// Use `"type": "object", "additionalProperties": {"type": "string"}` with the editor,
    /// or remove the editor.
    pub DictionaryEditorInvalid {
        code: "SW153",
        name: "dictionary-editor-invalid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("InvalidCustomEditorExtensionDictionaryValue"),
    }
}

impl Check for DictionaryEditorInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        let keys = Keys::any_of(&["x-ms-editor"]);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| nodes.push(node));
        nodes.extend(simple_nodes_with(sw, keys));
        for node in nodes {
            let Some(editor) = node.get("x-ms-editor").filter(|e| e.as_str() == Some("dictionary"))
            else {
                continue;
            };
            let object = node.get_str("type") == Some("object");
            let open = node.get("additionalProperties").is_none_or(|a| a.as_bool() != Some(false));
            if !object || !open {
                cx.report_value(editor, "The 'x-ms-editor' extension can be specified as 'dictionary' only for schema with type object and additional properties allowed.")
                    .set_help("declare \"type\": \"object\" with \"additionalProperties\": {\"type\": \"string\"}, or remove the editor");
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
    fn open_object_passes() {
        let d = check_swagger(
            &DictionaryEditorInvalid,
            json!({"definitions": {"Task": {"properties": {"headers": {"type": "object", "additionalProperties": {"type": "string"}, "x-ms-editor": "dictionary"}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn closed_or_non_object_fails_at_the_editor() {
        let d = check_swagger(
            &DictionaryEditorInvalid,
            json!({"definitions": {"Task": {"properties": {
                "a": {"type": "string", "x-ms-editor": "dictionary"},
                "b": {"type": "object", "additionalProperties": false, "x-ms-editor": "dictionary"}
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/a/x-ms-editor",
                "/definitions/Task/properties/b/x-ms-editor"
            ]
        );
    }
}
