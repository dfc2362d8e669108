use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every parameter has an `in` that is one of `path`, `query`, `header`,
    /// `body`, `formData` (case-sensitive).
    ///
    /// ## Why it matters
    /// `in` decides where the value goes in the request; Swagger 2.0 requires it and knows only
    /// these five. OpenAPI 3's `cookie` or a misspelt `Query` make the import fail.
    ///
    /// ## Example
    /// ```json
    /// { "name": "session", "in": "cookie", "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Use one of the five locations (cookies can be sent as a `Cookie` header parameter).
    pub ParameterLocationInvalid {
        code: "SW117",
        name: "parameter-location-invalid",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("JsonValueNotInEnum"),
    }
}

impl Check for ParameterLocationInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.node.as_object().is_none() {
                continue;
            }
            match p.node.get("in") {
                None => {
                    cx.report_value(
                        p.node,
                        format!("The 'in' property is required (parameter {}).", p.label()),
                    )
                    .set_help("add \"in\": \"query\" (or path, header, body, formData)");
                }
                Some(v) if p.location().is_none() => {
                    cx.report_value(
                        v,
                        format!(
                            "The property value must be one of the following: path, query, header, body, formData (parameter {}).",
                            p.label()
                        ),
                    );
                }
                Some(_) => {}
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
    fn known_locations_pass() {
        assert!(check_swagger(&ParameterLocationInvalid, json!({})).is_empty());
    }

    #[test]
    fn cookie_fails_at_the_value() {
        let d = check_swagger(
            &ParameterLocationInvalid,
            patch(&json!({"name": "s", "in": "cookie", "type": "string"})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/in"]);
    }

    #[test]
    fn missing_fails_at_the_parameter() {
        let d = check_swagger(
            &ParameterLocationInvalid,
            patch(&json!({"name": "s", "type": "string"})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
    }
}
