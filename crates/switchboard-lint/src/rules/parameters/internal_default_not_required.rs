use switchboard_model::swagger::{Schema, walk_schema};

use crate::{Check, Context, Levels, SchemaRole, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an internal parameter or input-schema property
    /// (`"x-ms-visibility": "internal"`) that has a `default` is also required
    /// (`"required": true` on a parameter, listed in the parent's `required` for a property).
    ///
    /// ## Why it matters
    /// Internal values are hidden from users and only sent when required: "The internal
    /// property has a default value but is optional. Only required properties are guaranteed
    /// to be included in requests." An optional internal field with a default is silently
    /// never sent.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "type": "string", "default": "2.0",
    ///   "x-ms-visibility": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Add `"required": true` (or list the property in `required`); if the value is truly
    /// optional, drop the `default` or make the field visible.
    pub InternalDefaultNotRequired {
        code: "SW150",
        name: "internal-default-not-required",
        group: Parameters,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("InternalPropertyWithDefaultOptional"),
    }
}

const MESSAGE: &str = "The internal property has a default value but is optional. Only required properties are guaranteed to be included in requests.";

impl Check for InternalDefaultNotRequired {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.is_body() || !p.is_internal() || p.default().is_none() || p.is_required() {
                continue;
            }
            cx.report_value(p.node, format!("{MESSAGE} (parameter {})", p.label()))
                .set_help("add \"required\": true, or drop the default");
        }
        // Properties of request bodies (inline body schemas; shared definitions are used for
        // responses too, where the rule does not apply).
        for root in sw.schemas.iter().filter(|r| r.role == SchemaRole::Body) {
            walk_schema(root.node, &mut |s, _| {
                let schema = Schema::new(s);
                for (name, prop) in schema.properties() {
                    if prop.get_str("x-ms-visibility") == Some("internal")
                        && prop.get("default").is_some_and(|d| !d.is_null())
                        && !schema.requires(name)
                    {
                        cx.report_value(prop, format!("{MESSAGE} (property '{name}')")).set_help(
                            format!(
                                "list \"{name}\" in the parent's `required`, or drop the default"
                            ),
                        );
                    }
                }
                true
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(param: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            param
        ]}}}})
    }

    #[test]
    fn required_internal_default_passes() {
        let p = json!({"name": "v", "in": "query", "type": "string", "default": "2.0",
            "x-ms-visibility": "internal", "required": true});
        assert!(check_swagger(&InternalDefaultNotRequired, patch(&p)).is_empty());
    }

    #[test]
    fn optional_internal_default_fails_at_the_parameter() {
        let p = json!({"name": "v", "in": "query", "type": "string", "default": "2.0",
            "x-ms-visibility": "internal"});
        let d = check_swagger(&InternalDefaultNotRequired, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
    }

    #[test]
    fn optional_internal_body_property_fails_at_the_property() {
        let d = check_swagger(
            &InternalDefaultNotRequired,
            json!({"paths": {"/tasks": {"post": {"parameters": [
                {"name": "body", "in": "body", "required": true, "x-ms-summary": "Task", "schema": {
                    "type": "object", "required": ["kind"],
                    "properties": {
                        "kind": {"type": "string", "default": "task", "x-ms-visibility": "internal"},
                        "source": {"type": "string", "default": "flow", "x-ms-visibility": "internal"}
                    }
                }}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/parameters/0/schema/properties/source"]);
    }
}
