use super::common::{describe, is_blank, non_body};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that internal non-body parameters (`"x-ms-visibility": "internal"`) have a
    /// non-empty `description` too. Visible parameters are covered by SW104; together the two
    /// rules are the catalog's "every non-body parameter has a `description`".
    ///
    /// ## Why it matters
    /// Microsoft's validator exempts internal parameters, since users never see them; a
    /// description still documents why the parameter is fixed and what its default means.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "required": true, "type": "string",
    ///   "default": "2024-01-01", "x-ms-visibility": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Add `"description": "The version of the Taskforge API."`.
    pub InternalParameterDescriptionMissing {
        code: "SW103",
        name: "internal-parameter-description-missing",
        group: Parameters,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for InternalParameterDescriptionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if !p.is_internal() || is_blank(p.node, "description") != Some(true) {
                continue;
            }
            cx.report_value(
                p.node,
                format!("The internal {} has no 'description'.", describe(sw, decl)),
            )
            .set_help("add a sentence saying what the fixed value is for");
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
    fn described_or_visible_parameters_pass() {
        assert!(check_swagger(&InternalParameterDescriptionMissing, json!({})).is_empty());
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string"});
        assert!(check_swagger(&InternalParameterDescriptionMissing, patch(&p)).is_empty());
    }

    #[test]
    fn internal_without_description_fails() {
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string",
            "default": "x", "x-ms-visibility": "internal", "x-ms-summary": "Task ID"});
        let d = check_swagger(&InternalParameterDescriptionMissing, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
