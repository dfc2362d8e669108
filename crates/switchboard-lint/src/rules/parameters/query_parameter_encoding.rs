use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no `in: query` parameter declares `x-ms-url-encoding`.
    ///
    /// ## Why it matters
    /// The extension only applies to path parameters; query values are always encoded once.
    /// Microsoft's validator rejects it: "Encoding for query parameter '{0}' is not supported.
    /// All query parameters are single encoded by default."
    ///
    /// ## Example
    /// ```json
    /// { "name": "filter", "in": "query", "type": "string", "x-ms-url-encoding": "single" }
    /// ```
    ///
    /// ## Fix
    /// Remove `x-ms-url-encoding` from the query parameter.
    pub QueryParameterEncoding {
        code: "SW110",
        name: "query-parameter-encoding",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("QueryParameterEncodingNotSupported"),
    }
}

impl Check for QueryParameterEncoding {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            if p.location() != Some(Location::Query) {
                continue;
            }
            if let Some(v) = p.node.get("x-ms-url-encoding") {
                cx.report_value(
                    v,
                    format!(
                        "Encoding for query parameter '{}' is not supported. All query parameters are single encoded by default.",
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help("remove `x-ms-url-encoding` from this query parameter");
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
            {"name": "taskId", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"},
            param
        ]}}}})
    }

    #[test]
    fn plain_query_parameter_passes() {
        assert!(
            check_swagger(
                &QueryParameterEncoding,
                patch(&json!({"name": "q", "in": "query", "type": "string"}))
            )
            .is_empty()
        );
    }

    #[test]
    fn encoded_query_parameter_fails_at_the_extension() {
        let d = check_swagger(
            &QueryParameterEncoding,
            patch(
                &json!({"name": "q", "in": "query", "type": "string", "x-ms-url-encoding": "double"}),
            ),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-url-encoding"]);
    }
}
