use super::common::{describe, is_blank};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that body parameters have a non-empty `x-ms-summary`.
    ///
    /// ## Why it matters
    /// Microsoft's string guidance asks for `x-ms-summary` on every parameter; for a body
    /// parameter the designer shows it as the heading of the body's fields (it is not enforced
    /// by the validator, hence info).
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "required": true, "schema": { "$ref": "#/definitions/NewTask" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-summary": "Task"`.
    pub BodyParameterSummaryMissing {
        code: "SW102",
        name: "body-parameter-summary-missing",
        group: Parameters,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for BodyParameterSummaryMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in sw.parameters.iter().filter(|d| d.param.is_body()) {
            let p = decl.param;
            if p.is_internal() || is_blank(p.node, "x-ms-summary") != Some(true) {
                continue;
            }
            cx.report_value(
                p.node,
                format!("The body {} has no 'x-ms-summary'.", describe(sw, decl)),
            )
            .set_help("add a short title-case label for the body, e.g. \"x-ms-summary\": \"Task\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn labelled_body_passes() {
        assert!(check_swagger(&BodyParameterSummaryMissing, json!({})).is_empty());
    }

    #[test]
    fn unlabelled_body_fails() {
        let d = check_swagger(
            &BodyParameterSummaryMissing,
            json!({"paths": {"/tasks": {"post": {"parameters": [
                {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/NewTask"}}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/parameters/0"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
