use super::common::{describe, is_blank, non_body};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that internal non-body parameters (`"x-ms-visibility": "internal"`) have a
    /// non-empty `x-ms-summary` too. Visible parameters are covered by SW101; together the two
    /// rules are the catalog's "every non-body parameter has `x-ms-summary`".
    ///
    /// ## Why it matters
    /// Internal parameters are hidden in the designers, so Microsoft's validator exempts them.
    /// A label still helps when the parameter is later made visible, and it is shown in the
    /// custom connector wizard and in code view.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "required": true, "type": "string",
    ///   "default": "2024-01-01", "x-ms-visibility": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-summary": "API Version"`.
    pub InternalParameterSummaryMissing {
        code: "SW100",
        name: "internal-parameter-summary-missing",
        group: Parameters,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for InternalParameterSummaryMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if !p.is_internal() || is_blank(p.node, "x-ms-summary") != Some(true) {
                continue;
            }
            cx.report_value(
                p.node,
                format!("The internal {} has no 'x-ms-summary'.", describe(sw, decl)),
            )
            .set_help("add a short title-case label for the day the parameter becomes visible");
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
    fn labelled_or_visible_parameters_pass() {
        assert!(check_swagger(&InternalParameterSummaryMissing, json!({})).is_empty());
        // A visible parameter without a label is SW101's finding, not this rule's.
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string"});
        assert!(check_swagger(&InternalParameterSummaryMissing, patch(&p)).is_empty());
    }

    #[test]
    fn internal_without_label_fails() {
        let p = json!({"name": "taskId", "in": "path", "required": true, "type": "string",
            "default": "x", "x-ms-visibility": "internal"});
        let d = check_swagger(&InternalParameterSummaryMissing, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
