use super::common::{describe, is_blank, non_body};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every non-body parameter that users see (`x-ms-visibility` other than
    /// `internal`) has a non-empty `description`.
    ///
    /// ## Why it matters
    /// The description is the tooltip and placeholder text of the field in the designers.
    /// Microsoft's validator rejects certification submissions with "The 'description' property
    /// is required." (internal parameters are exempt).
    ///
    /// ## Example
    /// ```json
    /// { "name": "status", "in": "query", "type": "string", "x-ms-summary": "Status" }
    /// ```
    ///
    /// ## Fix
    /// Add a sentence that tells the user what to enter:
    /// `"description": "Only return tasks with this status."`.
    pub ParameterDescriptionMissing {
        code: "SW104",
        name: "parameter-description-missing",
        group: Parameters,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for ParameterDescriptionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if p.is_internal() || is_blank(p.node, "description") != Some(true) {
                continue;
            }
            cx.report_value(
                p.node,
                format!("The 'description' property is required ({}).", describe(sw, decl)),
            )
            .set_help("add a sentence describing what the user should enter");
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
    fn described_and_internal_parameters_pass() {
        assert!(check_swagger(&ParameterDescriptionMissing, json!({})).is_empty());
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-visibility": "internal", "default": "x"});
        assert!(check_swagger(&ParameterDescriptionMissing, patch(&p)).is_empty());
    }

    #[test]
    fn missing_or_empty_fails_at_the_parameter() {
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-summary": "Task ID", "description": ""});
        let d = check_swagger(&ParameterDescriptionMissing, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
