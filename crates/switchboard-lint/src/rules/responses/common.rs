//! Facts about responses shared by the rules of this group.

use switchboard_model::json::{Object, Value};
use switchboard_model::swagger::Response;

/// The `schema` of a response (`$ref` to a shared response already resolved), when it is an
/// object.
pub(super) fn schema<'a>(response: &Response<'a>) -> Option<&'a Value> {
    response.schema().filter(|s| s.as_object().is_some())
}

/// Whether a response key is an extension (`x-…`), which Swagger allows next to the codes.
pub(super) fn is_extension(code: &str) -> bool {
    code.starts_with("x-")
}

/// Whether a (dereferenced) schema describes nothing: `{}`, `{"type": "object"}`, or an object
/// with an empty `properties`, carrying at most annotations (description, title, example, …).
/// Anything else — another type, `items`, `allOf`, a `format`, an `additionalProperties`
/// schema, `x-ms-dynamic-schema`/`-properties`, an unresolved `$ref` — counts as content.
pub(super) fn is_empty_schema(node: &Value) -> bool {
    let Some(obj) = node.as_object() else { return false };
    obj.members.iter().all(|m| match m.key.as_str() {
        "type" => m.value.as_str() == Some("object"),
        "properties" => m.value.as_object().is_some_and(Object::is_empty),
        "additionalProperties" => m.value.as_bool().is_some(),
        "required" => m.value.as_array().is_some_and(<[Value]>::is_empty),
        "description" | "title" | "x-ms-summary" | "x-ms-visibility" | "example" | "x-nullable"
        | "readOnly" => true,
        _ => false,
    })
}

#[cfg(test)]
pub(crate) mod test {
    use serde_json::{Value, json};

    use crate::test_support::merge;

    /// A merge patch adding an operation under `path` that passes every rule, with `extra`
    /// merged into it (`null` removes a member).
    pub(crate) fn add_operation(path: &str, method: &str, id: &str, extra: &Value) -> Value {
        let mut op = json!({
            "operationId": id,
            "summary": "List the projects",
            "description": "Returns every project the user can see.",
            "x-ms-visibility": "advanced",
            "responses": {"200": {"description": "The projects.", "schema": {"$ref": "#/definitions/Task"}}}
        });
        merge(&mut op, extra);
        json!({"paths": {path: {method: op}}})
    }

    #[test]
    fn empty_schemas() {
        use super::is_empty_schema;
        use switchboard_model::json::Value as V;
        let empty = |v: Value| is_empty_schema(&V::from(v));
        assert!(empty(json!({})));
        assert!(empty(json!({"type": "object", "description": "The result."})));
        assert!(empty(json!({"type": "object", "properties": {}})));
        assert!(!empty(json!({"type": "string"})));
        assert!(!empty(json!({"type": "object", "properties": {"id": {"type": "string"}}})));
        assert!(!empty(json!({"type": "object", "additionalProperties": {"type": "string"}})));
        assert!(!empty(json!({"x-ms-dynamic-schema": {"operationId": "GetSchema"}})));
        assert!(!empty(json!({"$ref": "#/definitions/Missing"})));
        assert!(!empty(json!({"type": "file"})));
    }
}
