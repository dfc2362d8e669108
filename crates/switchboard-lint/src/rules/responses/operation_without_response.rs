use super::common::is_extension;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation has a `responses` object with at least one response
    /// (`default` or a status code; `x-` extensions do not count).
    ///
    /// ## Why it matters
    /// Swagger 2.0 requires `responses`, and Microsoft's validator rejects operations without
    /// one ("The operation must contain at least one response definition",
    /// OperationMustHaveResponse): without a response the designer does not know whether the
    /// call succeeded or what it returned.
    ///
    /// ## Example
    /// ```json
    /// { "post": { "operationId": "NewFilings", "summary": "When a filing is published", "responses": {} } }
    /// ```
    ///
    /// ## Fix
    /// Declare the success response, with a schema when the operation returns data:
    /// `"responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Filing" } } }`.
    pub OperationWithoutResponse {
        code: "SW090",
        name: "operation-without-response",
        group: Responses,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationMustHaveResponse"),
    }
}

impl Check for OperationWithoutResponse {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            let at = match op.node.get("responses") {
                None => op.node,
                Some(r) if !r.members().any(|m| !is_extension(&m.key)) => r,
                Some(_) => continue,
            };
            cx.report_value(
                at,
                format!("The operation {} must contain at least one response definition.", op.label()),
            )
            .set_help("declare the success response, e.g. \"200\": { \"description\": \"OK\", \"schema\": { … } }");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn operations_with_responses_pass() {
        assert!(check_swagger(&OperationWithoutResponse, json!({})).is_empty());
    }

    #[test]
    fn missing_responses_fail_at_the_operation() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": null}}}});
        let d = check_swagger(&OperationWithoutResponse, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post"]);
        assert!(
            d[0].message.contains("'CreateTask' must contain at least one response definition")
        );
    }

    #[test]
    fn empty_responses_fail_at_the_object() {
        let p =
            json!({"paths": {"/tasks": {"post": {"responses": {"201": null, "x-note": "none"}}}}});
        let d = check_swagger(&OperationWithoutResponse, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
