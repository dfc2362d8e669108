use switchboard_model::swagger::Response;

use super::common::is_extension;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation declares at least one 2xx response. Operations without any
    /// response are SW090's.
    ///
    /// ## Why it matters
    /// The designer builds an action's outputs from its success response; with only `default`
    /// or error codes the action has no outputs and its success is undocumented. Microsoft's
    /// validator warns ("OperationShouldHaveSuccessfulResponse") and the coding standard asks
    /// for explicit 2xx responses.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "default": { "description": "Operation completed" } }
    /// ```
    ///
    /// ## Fix
    /// Declare the status the API returns on success (`200`, `201`, `202` or `204`), with a
    /// schema when it returns data.
    pub OperationWithoutSuccessResponse {
        code: "SW092",
        name: "operation-without-success-response",
        group: Responses,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("OperationShouldHaveSuccessfulResponse"),
    }
}

impl Check for OperationWithoutSuccessResponse {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some(responses) = info.op.node.get("responses") else { continue };
            if !info.responses.iter().any(|r| !is_extension(r.code)) {
                continue; // SW090
            }
            if info.responses.iter().any(Response::is_success) {
                continue;
            }
            cx.report_value(
                responses,
                format!("The operation {} has no successful (2xx) response.", info.op.label()),
            )
            .set_help("declare the status returned on success, e.g. \"200\" with its schema");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn success_response_passes() {
        assert!(check_swagger(&OperationWithoutSuccessResponse, json!({})).is_empty());
    }

    #[test]
    fn default_only_fails_at_the_responses() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": null, "default": {"description": "Done."}}}}}});
        let d = check_swagger(&OperationWithoutSuccessResponse, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/responses"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn no_responses_is_left_to_sw090() {
        let p = json!({"paths": {"/tasks": {"post": {"responses": {"201": null}}}}});
        assert!(check_swagger(&OperationWithoutSuccessResponse, p).is_empty());
    }
}
