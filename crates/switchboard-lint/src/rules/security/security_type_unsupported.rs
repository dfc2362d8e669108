use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `securityDefinitions` entry is of a kind custom connectors support:
    /// `basic`, `apiKey`, or `oauth2` with `"flow": "accessCode"` (no definition at all means
    /// anonymous access, which is fine).
    ///
    /// ## Why it matters
    /// The platform only implements the authorization-code OAuth flow; `implicit`, `password`
    /// and `application` (client credentials) are not supported, so connections cannot be
    /// created. Certification accepts only the supported kinds.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "oauth": { "type": "oauth2", "flow": "implicit",
    ///   "authorizationUrl": "https://login.example.com/authorize", "scopes": {} } }
    /// ```
    ///
    /// ## Fix
    /// Use `"flow": "accessCode"` with both `authorizationUrl` and `tokenUrl`; for a service
    /// that only offers client credentials, use an API key or custom code.
    pub SecurityTypeUnsupported {
        code: "SW170",
        name: "security-type-unsupported",
        group: Security,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for SecurityTypeUnsupported {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for scheme in sw.doc.security_definitions() {
            let Some(ty) = scheme.node.get("type") else { continue }; // SW174
            match ty.as_str() {
                Some("basic" | "apiKey") | None => {}
                Some("oauth2") => {
                    let Some(flow) = scheme.node.get("flow") else { continue }; // SW174
                    let Some(f) = flow.as_str() else { continue };
                    if f != "accessCode" {
                        cx.report_value(
                            flow,
                            format!("The security definition '{}' uses the OAuth flow '{f}', which custom connectors do not support; use 'accessCode'.", scheme.name),
                        )
                        .set_help("use \"flow\": \"accessCode\" with authorizationUrl and tokenUrl");
                    }
                }
                Some(other) => {
                    cx.report_value(
                        ty,
                        format!("The security definition '{}' has type '{other}'; supported types are 'basic', 'apiKey' and 'oauth2'.", scheme.name),
                    )
                    .set_help("use basic, apiKey or oauth2 (accessCode flow)");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    fn oauth(flow: &str) -> serde_json::Value {
        json!({"securityDefinitions": {"api_key": null, "oauth": {"type": "oauth2", "flow": flow,
            "authorizationUrl": "https://login.taskforge.io/authorize", "tokenUrl": "https://login.taskforge.io/token",
            "scopes": {}}}, "security": [{"oauth": []}]})
    }

    #[test]
    fn supported_kinds_pass() {
        assert!(check_swagger(&SecurityTypeUnsupported, json!({})).is_empty());
        assert!(check_swagger(&SecurityTypeUnsupported, oauth("accessCode")).is_empty());
    }

    #[test]
    fn implicit_flow_fails_at_the_flow() {
        let d = check_swagger(&SecurityTypeUnsupported, oauth("implicit"));
        assert_eq!(pointers(&d), ["/securityDefinitions/oauth/flow"]);
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().swagger(oauth("application")).build();
        assert_eq!(
            check_with(&SecurityTypeUnsupported, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn unknown_type_fails_at_the_type() {
        let d = check_swagger(
            &SecurityTypeUnsupported,
            json!({"securityDefinitions": {"api_key": {"type": "http"}}}),
        );
        assert_eq!(pointers(&d), ["/securityDefinitions/api_key/type"]);
    }
}
