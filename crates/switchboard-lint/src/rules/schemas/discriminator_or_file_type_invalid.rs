use switchboard_model::json::Value;

use super::common::Definitions;
use super::keys::{Keys, TYPE_FILE, for_each_schema_node_with};
use crate::{Check, Context, Levels, SchemaRole, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks two schema keywords the platform restricts: a `discriminator` must name a
    /// property of the schema that is `type: string` and listed in `required`; and
    /// `type: file` may only be the root schema of a response (file parameters are
    /// `formData` parameters, not schemas).
    ///
    /// ## Why it matters
    /// The discriminator selects the concrete schema at run time, so it must always be there
    /// and be a string ("The 'discriminator' value must be the name of a required string
    /// property."). A `file` schema inside an object or in a body cannot be serialised ("The
    /// schema type 'file' is not valid. Only parameters in 'formData' and the root response
    /// schema may be of type 'file'.").
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "discriminator": "kind", "properties": { "kind": { "type": "string" } } }
    /// ```
    ///
    /// ## Fix
    /// Add the discriminator property to `required` (and make it a string). Replace nested
    /// `file` schemas by `"type": "string", "format": "byte"`.
    pub DiscriminatorOrFileTypeInvalid {
        code: "SW152",
        name: "discriminator-or-file-type-invalid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("DiscriminatorMustBeARequiredStringProperty"),
    }
}

impl Check for DiscriminatorOrFileTypeInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        let mut found: Vec<(&Value, String)> = Vec::new();
        let keys = Keys::any_of(&["discriminator"]).or(TYPE_FILE);
        for_each_schema_node_with(sw, keys, &mut |node, depth, root| {
            if let Some(d) = node.get("discriminator")
                && let Some(name) = d.as_str()
            {
                let prop = node.get("properties").and_then(|p| p.get(name)).map(|p| defs.deref(p));
                let is_string = prop.is_some_and(|p| p.get_str("type") == Some("string"));
                let required = node
                    .get("required")
                    .into_iter()
                    .flat_map(Value::items)
                    .any(|r| r.as_str() == Some(name));
                if !is_string || !required {
                    found.push((d, format!("The 'discriminator' value must be the name of a required string property ('{name}' is not).")));
                }
            }
            if let Some(t) = node.get("type").filter(|t| t.as_str() == Some("file")) {
                let response_root = depth == 0
                    && matches!(
                        root.role,
                        SchemaRole::Response(_)
                            | SchemaRole::SharedResponse(_)
                            | SchemaRole::Definition(_)
                    );
                if !response_root {
                    found.push((t, "The schema type 'file' is not valid. Only parameters in 'formData' and the root response schema may be of type 'file'.".to_string()));
                }
            }
        });
        for (v, message) in found {
            cx.report_value(v, message)
                .set_help("list the discriminator in `required` as a string property; use format 'byte' instead of nested file schemas");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn valid_discriminator_and_file_response_pass() {
        let d = check_swagger(
            &DiscriminatorOrFileTypeInvalid,
            json!({
                "paths": {"/tasks/{taskId}": {"get": {"responses": {"200": {"description": "File.", "schema": {"type": "file"}}}}}},
                "definitions": {"Task": {"discriminator": "title", "required": ["title"]}}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn optional_discriminator_and_nested_file_fail() {
        let d = check_swagger(
            &DiscriminatorOrFileTypeInvalid,
            json!({"definitions": {
                "Task": {"discriminator": "title"},
                "NewTask": {"properties": {"attachment": {"type": "file"}}}
            }}),
        );
        assert_eq!(
            pointers(&d),
            ["/definitions/Task/discriminator", "/definitions/NewTask/properties/attachment/type"]
        );
    }
}
