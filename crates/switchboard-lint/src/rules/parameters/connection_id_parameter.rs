use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no parameter is named `connectionId` (compared case-insensitively).
    ///
    /// ## Why it matters
    /// The platform routes every request through `/{connectionId}/…` and reserves the name; a
    /// parameter with that name collides with it. Microsoft's validator: "A parameter cannot be
    /// named as 'connectionId'."
    ///
    /// ## Example
    /// ```json
    /// { "name": "connectionId", "in": "query", "type": "string" }
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter (for example `accountConnectionId`); the backend name can stay the
    /// same only if you rewrite it in custom code.
    pub ConnectionIdParameter {
        code: "SW114",
        name: "connection-id-parameter",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ConnectionIdParameterNotAllowed"),
    }
}

impl Check for ConnectionIdParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let Some(v) = decl.param.node.get("name") else { continue };
            if v.as_str().is_some_and(|n| n.eq_ignore_ascii_case("connectionId")) {
                cx.report_value(v, "A parameter cannot be named as 'connectionId'.")
                    .set_help("rename the parameter; the platform reserves `connectionId`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(name: &str) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string"},
            {"name": name, "in": "query", "type": "string"}
        ]}}}})
    }

    #[test]
    fn other_names_pass() {
        assert!(check_swagger(&ConnectionIdParameter, patch("connection")).is_empty());
    }

    #[test]
    fn connection_id_fails_at_the_name() {
        let d = check_swagger(&ConnectionIdParameter, patch("ConnectionID"));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1/name"]);
    }
}
