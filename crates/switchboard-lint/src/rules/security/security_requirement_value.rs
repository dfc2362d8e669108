use super::common::{definition, requirements};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the value of each `security` requirement entry: it is an array; it is empty for
    /// `basic` and `apiKey` definitions; for `oauth2` definitions every listed scope is a key
    /// of the definition's `scopes`.
    ///
    /// ## Why it matters
    /// The value lists the OAuth scopes to request. Microsoft's validator rejects a missing
    /// value ("must have a value. Provide an empty array if no OAuth scopes are required."),
    /// scopes on non-OAuth schemes, and scopes the definition does not declare (often a typo:
    /// the token is then requested without the scope the API needs).
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "oauth2": { "type": "oauth2", "flow": "accessCode", …,
    ///   "scopes": { "tasks.read": "Read tasks" } } },
    /// "security": [ { "oauth2": ["task.read"] } ]
    /// ```
    ///
    /// ## Fix
    /// Use `[]` for non-OAuth schemes; list only scopes declared in the definition, or declare
    /// the missing scope there.
    pub SecurityRequirementValue {
        code: "SW173",
        name: "security-requirement-value",
        group: Security,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OAuthSecurityRequirementValueMustBeScopeName"),
    }
}

impl Check for SecurityRequirementValue {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for req in requirements(sw) {
            let name = req.member.key.as_str();
            let value = &req.member.value;
            let Some(items) = value.as_array() else {
                cx.report_value(
                    value,
                    format!("The security requirement '{name}' must have a value. Provide an empty array if no OAuth scopes are required."),
                )
                .set_help("write [] (or the OAuth scopes to request)");
                continue;
            };
            let Some(def) = definition(sw, name) else { continue }; // SW172
            match def.scheme_type() {
                Some("oauth2") => {
                    for item in items {
                        let Some(scope) = item.as_str() else { continue };
                        if !def.scopes().any(|s| s == scope) {
                            cx.report_value(
                                item,
                                format!("The OAuth security requirement '{name}' refers to scope name '{scope}', but this is not defined in the 'securityDefinitions' object."),
                            )
                            .set_help("declare the scope in the definition's `scopes`, or fix its spelling");
                        }
                    }
                }
                Some(_) if !items.is_empty() => {
                    cx.report_value(
                        value,
                        format!("The security requirement '{name}' cannot specify any scopes, an empty array should be provided."),
                    )
                    .set_help("write []");
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn oauth(scopes: &serde_json::Value) -> serde_json::Value {
        json!({"securityDefinitions": {"api_key": null, "oauth": {"type": "oauth2", "flow": "accessCode",
            "authorizationUrl": "https://login.taskforge.io/authorize", "tokenUrl": "https://login.taskforge.io/token",
            "scopes": {"tasks.read": "Read tasks"}}}, "security": [{"oauth": scopes}]})
    }

    #[test]
    fn empty_and_declared_scopes_pass() {
        assert!(check_swagger(&SecurityRequirementValue, json!({})).is_empty());
        assert!(check_swagger(&SecurityRequirementValue, oauth(&json!(["tasks.read"]))).is_empty());
    }

    #[test]
    fn undeclared_scope_fails_at_the_scope() {
        let d =
            check_swagger(&SecurityRequirementValue, oauth(&json!(["tasks.read", "task.write"])));
        assert_eq!(pointers(&d), ["/security/0/oauth/1"]);
    }

    #[test]
    fn scopes_on_api_key_and_missing_value_fail() {
        let d = check_swagger(&SecurityRequirementValue, json!({"security": [{"api_key": ["x"]}]}));
        assert_eq!(pointers(&d), ["/security/0/api_key"]);
        assert!(d[0].message.contains("cannot specify any scopes"));
        let d = check_swagger(&SecurityRequirementValue, json!({"security": [{"api_key": {}}]}));
        assert_eq!(pointers(&d), ["/security/0/api_key"]);
        assert!(d[0].message.contains("must have a value"));
    }
}
