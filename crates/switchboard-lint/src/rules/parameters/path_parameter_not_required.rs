use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every parameter with `"in": "path"` has `"required": true`.
    ///
    /// ## Why it matters
    /// A path variable can never be left out of a URL; Swagger 2.0 requires `required: true`
    /// on path parameters and Microsoft's validator rejects the file otherwise
    /// ("PathParameterMustBeRequired").
    ///
    /// ## Example
    /// ```json
    /// { "name": "taskId", "in": "path", "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Add `"required": true`.
    pub PathParameterNotRequired {
        code: "SW106",
        name: "path-parameter-not-required",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("PathParameterMustBeRequired"),
    }
}

impl Check for PathParameterNotRequired {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.location() != Some(Location::Path) || p.is_required() {
                continue;
            }
            let message = format!(
                "The parameter {} must be marked as required as it is used in the operation path. Include the 'required' property, with the value 'true'.",
                p.label()
            );
            match p.node.get("required") {
                Some(v) => {
                    cx.report_value(v, message).set_fix(Fix {
                        message: "Set `required` to `true`".into(),
                        edits: vec![Edit { span: v.span, replacement: "true".into() }],
                    });
                }
                None => {
                    cx.report_value(p.node, message).set_help("add \"required\": true");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(required: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": required, "type": "string",
             "x-ms-summary": "Task ID", "description": "d", "x-ms-url-encoding": "single"}
        ]}}}})
    }

    #[test]
    fn required_path_parameter_passes() {
        assert!(check_swagger(&PathParameterNotRequired, json!({})).is_empty());
    }

    #[test]
    fn false_fails_at_the_value_with_a_fix() {
        let d = check_swagger(&PathParameterNotRequired, patch(&json!(false)));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/required"]);
        assert!(d[0].fix.is_some());
    }

    #[test]
    fn missing_fails_at_the_parameter() {
        let d = check_swagger(
            &PathParameterNotRequired,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
                {"name": "taskId", "in": "path", "type": "string"}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
    }
}
