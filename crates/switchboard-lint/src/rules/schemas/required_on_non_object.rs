use switchboard_model::json::Value;

use super::keys::{Keys, for_each_schema_node_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a `required` list appears only on object schemas: not on a schema whose
    /// `type` is something else, nor on an untyped schema with `items` (an array).
    ///
    /// ## Why it matters
    /// `required` names properties; on an array or a string it means nothing, and the usual
    /// cause is a list placed one level too high (on the array instead of its `items`), so
    /// the intended properties are not required at all. Microsoft's validator: "The property
    /// 'required' is applicable to schemas with 'object' type only and should be removed."
    ///
    /// ## Example
    /// ```json
    /// { "type": "array", "required": ["id"], "items": { "type": "object", "properties": { "id": { "type": "string" } } } }
    /// ```
    ///
    /// ## Fix
    /// Move the list into the object schema it describes (here `items`), or remove it.
    pub RequiredOnNonObject {
        code: "SW138",
        name: "required-on-non-object",
        group: Schemas,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("RequiredPropertyNotOnObject"),
    }
}

impl Check for RequiredOnNonObject {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found = Vec::new();
        for_each_schema_node_with(sw, Keys::any_of(&["required"]), &mut |node, _, _| {
            if let Some(r) = node.get("required").filter(|r| r.as_array().is_some())
                && !is_object_schema(node)
            {
                found.push(r);
            }
        });
        for r in found {
            cx.report_value(r, "The property 'required' is applicable to schemas with 'object' type only and should be removed.")
                .set_help("move the list into the object schema it describes (often `items`), or remove it");
        }
    }
}

/// Whether a schema describes an object: `type: object`, or untyped without `items`.
pub(crate) fn is_object_schema(node: &Value) -> bool {
    match node.get("type") {
        Some(t) => t.as_str() == Some("object"),
        None => node.get("items").is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn required_on_objects_passes() {
        assert!(check_swagger(&RequiredOnNonObject, json!({})).is_empty());
        let untyped = json!({"definitions": {"NewTask": {"type": null}}});
        assert!(check_swagger(&RequiredOnNonObject, untyped).is_empty());
    }

    #[test]
    fn required_on_arrays_fails() {
        let d = check_swagger(
            &RequiredOnNonObject,
            json!({"definitions": {
                "List": {"type": "array", "required": ["id"], "items": {"type": "object"}},
                "Loose": {"required": ["id"], "items": {"type": "object"}}
            }}),
        );
        assert_eq!(pointers(&d), ["/definitions/List/required", "/definitions/Loose/required"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
