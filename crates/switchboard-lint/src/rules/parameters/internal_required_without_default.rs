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
    ///
    /// Values the platform fills itself are exempt: the webhook callback URL
    /// (`"x-ms-notification-url": true`, which SW164 requires to be internal and required) and
    /// the workflow context headers (`x-ms-workflow-name`, `x-ms-workflow-run-id`,
    /// `x-ms-environment-id`, `x-ms-correlation-id`…).
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
            if !p.is_internal()
                || !p.is_required()
                || p.default().is_some()
                || filled_by_platform(&p)
            {
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

/// Whether the platform supplies the value of this parameter at run time.
fn filled_by_platform(p: &switchboard_model::swagger::Parameter<'_>) -> bool {
    let callback = p.node.get_bool("x-ms-notification-url") == Some(true);
    let context_header = p.location() == Some(switchboard_model::swagger::Location::Header)
        && p.name().is_some_and(|n| {
            let n = n.to_ascii_lowercase();
            n.starts_with("x-ms-workflow-")
                || n == "x-ms-environment-id"
                || n == "x-ms-correlation-id"
        });
    callback || context_header
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
    fn platform_filled_values_pass() {
        let callback = json!({"name": "callback", "in": "query", "required": true, "type": "string",
            "x-ms-visibility": "internal", "x-ms-notification-url": true});
        assert!(check_swagger(&InternalRequiredWithoutDefault, patch(&callback)).is_empty());
        let header = json!({"name": "x-ms-workflow-name", "in": "header", "required": true,
            "type": "string", "x-ms-visibility": "internal"});
        assert!(check_swagger(&InternalRequiredWithoutDefault, patch(&header)).is_empty());
    }

    #[test]
    fn internal_without_default_fails_at_the_visibility() {
        let p = json!({"name": "v", "in": "query", "required": true, "type": "string",
            "x-ms-visibility": "internal"});
        let d = check_swagger(&InternalRequiredWithoutDefault, patch(&p));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-visibility"]);
    }
}
