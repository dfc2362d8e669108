use super::common::non_body;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a non-body parameter that is internal (`"x-ms-visibility": "internal"`) and
    /// required has a `default`.
    ///
    /// ## Why it matters
    /// Users cannot see an internal parameter, so nobody can give it a value; being required,
    /// every request is then missing it and the operation can never be called successfully.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "required": true, "type": "string",
    ///   "x-ms-visibility": "internal" }
    /// ```
    ///
    /// ## Fix
    /// Add the fixed value as `default`, or make the parameter visible (`important` or
    /// `advanced`).
    pub InternalRequiredWithoutDefault {
        code: "SW151",
        name: "internal-required-without-default",
        group: Parameters,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for InternalRequiredWithoutDefault {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in non_body(sw) {
            let p = decl.param;
            if !p.is_internal() || !p.is_required() || p.default().is_some() {
                continue;
            }
            let span = p.node.member("x-ms-visibility").map_or(p.node.span, |m| m.value.span);
            cx.report_swagger(
                span,
                format!("The parameter {} is internal and required but has no default, so no request can supply it.", p.label()),
            )
            .set_help("add the fixed value as `default`, or make the parameter visible");
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
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            param
        ]}}}})
    }

    #[test]
    fn internal_with_default_passes() {
        let p = json!({"name": "v", "in": "query", "required": true, "type": "string",
            "default": "2.0", "x-ms-visibility": "internal"});
        assert!(check_swagger(&InternalRequiredWithoutDefault, patch(&p)).is_empty());
    }

    #[test]
    fn internal_without_default_fails_at_the_visibility() {
        let p = json!({"name": "v", "in": "query", "required": true, "type": "string",
            "x-ms-visibility": "internal"});
        let d = check_swagger(&InternalRequiredWithoutDefault, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-visibility"]);
    }
}
