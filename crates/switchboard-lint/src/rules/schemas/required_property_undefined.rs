use switchboard_model::json::Value;

use super::common::Definitions;
use super::keys::{Keys, for_each_schema_node_with};
use super::required_on_non_object::is_object_schema;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each name in an object schema's `required` list is one of its
    /// `properties` (including properties contributed by its `allOf` members).
    ///
    /// ## Why it matters
    /// A required name without a definition is usually a typo or a renamed property: the
    /// designer shows no field for it, yet the platform treats the body as incomplete without
    /// it. The validator rejects the file: "The required property '…' is not defined in the
    /// object schema."
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["tittle"], "properties": { "title": { "type": "string" } } }
    /// ```
    ///
    /// ## Fix
    /// Correct the name, or add the property to `properties`.
    pub RequiredPropertyUndefined {
        code: "SW137",
        name: "required-property-undefined",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredPropertyDefinitionMissing"),
    }
}

impl Check for RequiredPropertyUndefined {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        let mut found = Vec::new();
        for_each_schema_node_with(sw, Keys::any_of(&["required"]), &mut |node, _, _| {
            let Some(required) = node.get("required").and_then(Value::as_array) else { return };
            if !is_object_schema(node) || node.get("$ref").is_some() {
                return; // SW138 reports `required` on non-objects.
            }
            if node.get("x-ms-dynamic-schema").is_some()
                || node.get("x-ms-dynamic-properties").is_some()
            {
                return; // properties come from the service at design time
            }
            for name in required {
                if let Some(n) = name.as_str()
                    && !defines(defs, node, n, 0)
                {
                    found.push((name, n));
                }
            }
        });
        for (value, name) in found {
            cx.report_value(
                value,
                format!("The required property '{name}' is not defined in the object schema."),
            )
            .set_help("correct the name or add the property to `properties`");
        }
    }
}

/// Whether `node` (or one of its `allOf` members, following `$ref`) defines property `name`.
fn defines(defs: &Definitions<'_>, node: &Value, name: &str, depth: usize) -> bool {
    if node.get("properties").is_some_and(|p| p.get(name).is_some()) {
        return true;
    }
    depth < 8
        && node
            .get("allOf")
            .into_iter()
            .flat_map(Value::items)
            .any(|member| defines(defs, defs.deref(member), name, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn defined_names_pass() {
        assert!(check_swagger(&RequiredPropertyUndefined, json!({})).is_empty());
        let via_all_of = json!({"definitions": {"Sub": {"allOf": [{"$ref": "#/definitions/NewTask"}], "required": ["title"]}}});
        assert!(check_swagger(&RequiredPropertyUndefined, via_all_of).is_empty());
    }

    #[test]
    fn undefined_names_fail_at_the_name() {
        let d = check_swagger(
            &RequiredPropertyUndefined,
            json!({"definitions": {"NewTask": {"required": ["title", "tittle"]}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/NewTask/required/1"]);
        assert_eq!(
            d[0].message,
            "The required property 'tittle' is not defined in the object schema."
        );
    }
}
