use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `in: path` parameter declares `x-ms-url-encoding` as `single` or
    /// `double`.
    ///
    /// ## Why it matters
    /// Without it, the platform's encoding of path values is undefined; values containing `/`,
    /// `?` or `#` then produce invalid requests. Microsoft's validator warns: "Encoding for path
    /// parameter '{0}' is missing, which might lead to invalid requests."
    ///
    /// ## Example
    /// ```json
    /// { "name": "taskId", "in": "path", "required": true, "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-url-encoding": "single"` (use `double` only when the backend decodes twice,
    /// e.g. file paths in some storage APIs).
    pub PathParameterEncodingMissing {
        code: "SW109",
        name: "path-parameter-encoding-missing",
        group: Parameters,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("PathParameterMissingEncoding"),
    }
}

impl Check for PathParameterEncodingMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.location() != Some(Location::Path) {
                continue;
            }
            let name = p.name().unwrap_or("?");
            match p.node.get("x-ms-url-encoding") {
                None => {
                    cx.report_value(
                        p.node,
                        format!("Encoding for path parameter '{name}' is missing, which might lead to invalid requests. Use \"x-ms-url-encoding\": \"single\" to ensure the value is URL encoded."),
                    )
                    .set_help("add \"x-ms-url-encoding\": \"single\"");
                }
                Some(v) if !matches!(v.as_str(), Some("single" | "double")) => {
                    cx.report_value(
                        v,
                        format!("The 'x-ms-url-encoding' of path parameter '{name}' must be \"single\" or \"double\"."),
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
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [param]}}}})
    }

    #[test]
    fn single_passes() {
        assert!(check_swagger(&PathParameterEncodingMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_the_parameter() {
        let d = check_swagger(
            &PathParameterEncodingMissing,
            patch(&json!({"name": "taskId", "in": "path", "required": true, "type": "string"})),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
        assert!(d[0].message.starts_with("Encoding for path parameter 'taskId' is missing"));
    }

    #[test]
    fn unknown_value_fails_at_the_value() {
        let d = check_swagger(
            &PathParameterEncodingMissing,
            patch(
                &json!({"name": "taskId", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "none"}),
            ),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-url-encoding"]);
    }
}
