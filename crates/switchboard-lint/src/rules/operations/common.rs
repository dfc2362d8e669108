//! Facts about operations shared by the rules of this group.

use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::json::Value;
use switchboard_model::swagger::Operation;

/// A string member that is present: its value node and its text (possibly blank).
pub(super) fn string_member<'a>(node: &'a Value, key: &str) -> Option<(&'a Value, &'a str)> {
    let v = node.get(key)?;
    Some((v, v.as_str()?))
}

/// The operation's `summary` when it is a non-blank string.
pub(super) fn summary<'a>(op: &Operation<'a>) -> Option<(&'a Value, &'a str)> {
    string_member(op.node, "summary").filter(|(_, s)| !s.trim().is_empty())
}

/// The operation's `description` when it is a non-blank string.
pub(super) fn description<'a>(op: &Operation<'a>) -> Option<(&'a Value, &'a str)> {
    string_member(op.node, "description").filter(|(_, s)| !s.trim().is_empty())
}

/// The operation's `x-ms-api-annotation` object.
pub(super) fn annotation<'a>(op: &Operation<'a>) -> Option<&'a Value> {
    op.node.get("x-ms-api-annotation").filter(|v| v.as_object().is_some())
}

/// Operation-level `x-ms-api-annotation.status` values the platform knows.
pub(super) const STATUSES: &[&str] = &["Preview", "Production"];

/// A fix replacing the string `node` with `text` (JSON-escaped).
pub(super) fn replace_string(node: &Value, text: &str, message: String) -> Fix {
    let replacement = serde_json::to_string(text).unwrap_or_default();
    Fix { message, edits: vec![Edit { span: node.span, replacement }] }
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
}
