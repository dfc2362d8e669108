use switchboard_model::swagger::Location;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `allowEmptyValue` appears only on `in: query` and `in: formData` parameters.
    ///
    /// ## Why it matters
    /// Swagger 2.0 defines it only for those locations (an empty path segment or header cannot
    /// be sent); Microsoft's validator rejects it elsewhere: "The parameter cannot use the
    /// 'allowEmptyValue' keyword as it is not in the 'query' or 'formData' location."
    ///
    /// ## Example
    /// ```json
    /// { "name": "X-Tag", "in": "header", "type": "string", "allowEmptyValue": true }
    /// ```
    ///
    /// ## Fix
    /// Remove `allowEmptyValue` from the parameter.
    pub AllowEmptyValueLocation {
        code: "SW119",
        name: "allow-empty-value-location",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("AllowEmptyValueOnlyValidForQueryFormData"),
    }
}

impl Check for AllowEmptyValueLocation {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = decl.param;
            let Some(m) = p.node.member("allowEmptyValue") else { continue };
            let Some(loc) = p.location() else { continue };
            if matches!(loc, Location::Query | Location::FormData) {
                continue;
            }
            cx.report_swagger(
                m.key_span,
                format!(
                    "The parameter {} cannot use the 'allowEmptyValue' keyword as it is not in the 'query' or 'formData' location.",
                    p.label()
                ),
            )
            .set_help("remove `allowEmptyValue`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(loc: &str) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            {"name": "tag", "in": loc, "type": "string", "allowEmptyValue": true}
        ]}}}})
    }

    #[test]
    fn query_passes() {
        assert!(check_swagger(&AllowEmptyValueLocation, patch("query")).is_empty());
    }

    #[test]
    fn header_fails_at_the_keyword() {
        let d = check_swagger(&AllowEmptyValueLocation, patch("header"));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/allowEmptyValue"]);
    }
}
