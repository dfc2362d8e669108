use switchboard_model::json::Value;

use super::keys::{Keys, for_each_schema_node_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an object with a `$ref` has no other members (`description`,
    /// `x-ms-summary`, `type`, …), in schemas and in parameter and response lists.
    ///
    /// ## Why it matters
    /// Swagger 2.0 replaces the whole object by its target, so the siblings are silently
    /// ignored: a `description` or `x-ms-summary` written next to `$ref` never reaches the
    /// designer. Microsoft's validator warns: "When '$ref' is defined, no other properties
    /// may be specified." Siblings are common in merged connectors (mostly `description`),
    /// hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "owner": { "$ref": "#/definitions/User", "description": "The task owner." } }
    /// ```
    ///
    /// ## Fix
    /// Move the text into the referenced definition, or inline the schema if this use needs
    /// its own description.
    pub RefSiblingKeys {
        code: "SW132",
        name: "ref-sibling-keys",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("AdditionalPropertyNotAllowedAdjacentToRef"),
    }
}

impl Check for RefSiblingKeys {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found: Vec<&Value> = Vec::new();
        for_each_schema_node_with(sw, Keys::any_of(&["$ref"]), &mut |node, _, _| {
            if has_siblings(node) {
                found.push(node);
            }
        });
        for path in sw.doc.paths() {
            let lists = std::iter::once(path.parameter_entries())
                .chain(path.operations().map(|op| op.parameter_entries()));
            found.extend(lists.flatten().filter(|e| has_siblings(e)));
            for op in path.operations() {
                let responses = op.node.get("responses").into_iter().flat_map(Value::members);
                found.extend(responses.map(|m| &m.value).filter(|v| has_siblings(v)));
            }
        }
        for node in found {
            let keys: Vec<String> = node
                .members()
                .filter(|m| m.key != "$ref")
                .map(|m| format!("'{}'", m.key))
                .collect();
            cx.report_value(
                node,
                format!("When '$ref' is defined, no other properties may be specified; {} will be ignored.", keys.join(", ")),
            )
            .set_help("move these members into the referenced definition, or inline the schema");
        }
    }
}

fn has_siblings(node: &Value) -> bool {
    node.get_str("$ref").is_some() && node.members().len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn bare_references_pass() {
        assert!(check_swagger(&RefSiblingKeys, json!({})).is_empty());
    }

    #[test]
    fn siblings_fail_at_the_object() {
        let d = check_swagger(
            &RefSiblingKeys,
            json!({
                "definitions": {"Task": {"properties": {"owner": {"$ref": "#/definitions/NewTask", "description": "Owner.", "x-ms-summary": "Owner"}}}},
                "paths": {"/tasks/{taskId}": {"get": {
                    "responses": {"200": {"$ref": "#/responses/Ok", "description": "x"}}
                }}}
            }),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks~1{taskId}/get/responses/200", "/definitions/Task/properties/owner"]
        );
        assert!(d[1].message.contains("'description', 'x-ms-summary'"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
