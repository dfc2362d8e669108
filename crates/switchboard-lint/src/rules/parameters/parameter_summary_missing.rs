use super::common::{describe, is_blank, non_body};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every non-body parameter that users see (`x-ms-visibility` other than
    /// `internal`) has a non-empty `x-ms-summary`.
    ///
    /// ## Why it matters
    /// `x-ms-summary` is the field label in the Power Automate and Power Apps designers; without
    /// it users see the raw parameter name. Microsoft's validator rejects certification
    /// submissions with "The 'x-ms-summary' property is required." (internal parameters are
    /// exempt: they are never shown).
    ///
    /// ## Example
    /// ```json
    /// { "name": "taskId", "in": "path", "required": true, "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Add a short title-case label: `"x-ms-summary": "Task ID"`.
    pub ParameterSummaryMissing {
        code: "SW101",
        name: "parameter-summary-missing",
        group: Parameters,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for ParameterSummaryMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if p.is_internal() || is_blank(p.node, "x-ms-summary") != Some(true) {
                continue;
            }
            cx.report_value(
                p.node,
                format!("The 'x-ms-summary' property is required ({}).", describe(sw, decl)),
            )
            .set_help("add a short title-case label, e.g. \"x-ms-summary\": \"Task ID\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    fn patch(param: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [param]}}}})
    }

    #[test]
    fn labelled_internal_and_body_parameters_pass() {
        assert!(check_swagger(&ParameterSummaryMissing, json!({})).is_empty());
        let internal = json!({"name": "taskId", "in": "path", "required": true, "type": "string",
            "x-ms-visibility": "internal", "default": "x", "description": "d"});
        assert!(check_swagger(&ParameterSummaryMissing, patch(&internal)).is_empty());
    }

    #[test]
    fn missing_or_empty_fails_at_the_parameter() {
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string"});
        let d = check_swagger(&ParameterSummaryMissing, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
        assert!(d[0].message.contains("'taskId' (in path)"), "{}", d[0].message);
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string", "x-ms-summary": " "});
        assert_eq!(check_swagger(&ParameterSummaryMissing, patch(&p)).len(), 1);
    }

    #[test]
    fn shared_parameter_is_reported_once_and_info_while_authoring() {
        let c = Fixture::new()
            .swagger(json!({
                "parameters": {"top": {"name": "$top", "in": "query", "type": "integer", "description": "d"}},
                "paths": {"/tasks": {"get": {"operationId": "ListTasks", "summary": "List tasks",
                    "description": "Lists tasks.", "parameters": [{"$ref": "#/parameters/top"}],
                    "responses": {"200": {"description": "ok"}}}}}
            }))
            .build();
        let d = check_with(&ParameterSummaryMissing, &c, Profile::Certification);
        assert_eq!(pointers(&d), ["/parameters/top"]);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            check_with(&ParameterSummaryMissing, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
