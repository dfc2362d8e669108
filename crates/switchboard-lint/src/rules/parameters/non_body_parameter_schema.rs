use super::common::non_body;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every parameter not in the body (`path`, `query`, `header`, `formData`)
    /// declares a `type` and no `schema`.
    ///
    /// ## Why it matters
    /// In Swagger 2.0 only body parameters have a schema; the others are simple values described
    /// by `type`/`format`/`items`. Microsoft's validator rejects a schema on them: "The parameter
    /// cannot define a schema as it is not in the 'body'." (an OpenAPI 3 habit).
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "schema": { "type": "integer" } }
    /// ```
    ///
    /// ## Fix
    /// Replace the schema with its type: `{ "name": "top", "in": "query", "type": "integer" }`.
    pub NonBodyParameterSchema {
        code: "SW116",
        name: "non-body-parameter-schema",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("NonBodyParameterSchemaNotValid"),
    }
}

impl Check for NonBodyParameterSchema {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if let Some(m) = p.node.member("schema") {
                cx.report_swagger(
                    m.key_span,
                    format!(
                        "The parameter {} cannot define a schema as it is not in the 'body'.",
                        p.label()
                    ),
                )
                .set_help("describe the value with `type` (and `format`, `items`) instead");
            } else if p.node.get("type").is_none() {
                cx.report_value(
                    p.node,
                    format!("The 'type' property is required (parameter {}).", p.label()),
                )
                .set_help("add \"type\": \"string\" (or integer, number, boolean, array, file)");
            }
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
    fn typed_parameter_passes() {
        assert!(
            check_swagger(
                &NonBodyParameterSchema,
                patch(&json!({"name": "top", "in": "query", "type": "integer"}))
            )
            .is_empty()
        );
    }

    #[test]
    fn schema_fails_at_the_key() {
        let d = check_swagger(
            &NonBodyParameterSchema,
            patch(&json!({"name": "top", "in": "query", "schema": {"type": "integer"}})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/schema"]);
    }

    #[test]
    fn missing_type_fails_at_the_parameter() {
        let d =
            check_swagger(&NonBodyParameterSchema, patch(&json!({"name": "top", "in": "query"})));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
    }
}
