use super::common::{Param, parameters, properties_anchor};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the swagger's `securityDefinitions` and the connection parameters agree:
    /// an `oauth2` definition needs an `oauthSetting` parameter (conventionally `token`) and an
    /// `oauthSetting` parameter needs an `oauth2` definition; an `apiKey` definition needs a
    /// `securestring` parameter; a `basic` definition needs `username` and `password`
    /// parameters. Connectors with `connectionParameterSets` are skipped (each set is a
    /// different sign-in method).
    ///
    /// ## Why it matters
    /// The platform injects credentials by pairing the two files: the API key goes into the
    /// header the `apiKey` definition names, the OAuth token into `Authorization`. When one side
    /// is missing, users are asked for a value that is never sent, or calls go out without
    /// credentials and fail with 401.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } }
    /// ```
    /// with `"connectionParameters": {}` in apiProperties.json.
    ///
    /// ## Fix
    /// Add the matching connection parameter (`"api_key": {"type": "securestring", …}`,
    /// `"token": {"type": "oauthSetting", …}`, `username` + `password`), or remove the unused
    /// security definition.
    pub SecurityConnectionParametersMismatch {
        code: "AP040",
        name: "security-connection-parameters-mismatch",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SecurityConnectionParametersMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(sw) = cx.swagger() else { return };
        if props.properties().is_none() || props.connection_parameter_sets().is_some() {
            return;
        }
        let params: Vec<_> = parameters(&props).collect();
        let anchor = props
            .properties()
            .and_then(|p| p.get("connectionParameters"))
            .map_or_else(|| properties_anchor(props), |v| v.span);
        let has_type = |t: &str| params.iter().any(|p| p.param.param_type() == Some(t));
        let has_name = |n: &str| params.iter().any(|p| p.param.name == n);
        let mut has_oauth2 = false;
        for scheme in sw.doc.security_definitions() {
            let missing = match scheme.scheme_type() {
                Some("oauth2") => {
                    has_oauth2 = true;
                    (!params.iter().any(Param::is_oauth)).then_some(
                        "an 'oauthSetting' connection parameter (conventionally 'token')",
                    )
                }
                Some("apiKey") => (!has_type("securestring"))
                    .then_some("a 'securestring' connection parameter for the key"),
                Some("basic") => (!(has_name("username") && has_name("password")))
                    .then_some("'username' and 'password' connection parameters"),
                _ => None,
            };
            if let Some(missing) = missing {
                cx.report_properties(anchor, format!("the swagger's {} security definition '{}' needs {missing}", scheme.kind_label(), scheme.name))
                    .set_help("add the connection parameter the platform fills the credential from, or remove the security definition");
            }
        }
        if !has_oauth2 {
            for p in params.iter().filter(|p| p.is_oauth()) {
                cx.report_properties(p.param.key_span, format!("OAuth connection parameter {} has no oauth2 security definition in the swagger", p.label()))
                    .set_help("add an oauth2 entry (flow accessCode) to securityDefinitions so the token is sent");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, check_properties, pointers};
    use serde_json::json;

    #[test]
    fn api_key_with_securestring_passes() {
        assert!(check_properties(&SecurityConnectionParametersMismatch, json!({})).is_empty());
    }

    #[test]
    fn api_key_without_securestring_fails_at_connection_parameters() {
        let patch =
            json!({"properties": {"connectionParameters": {"api_key": {"type": "string"}}}});
        let d = check_properties(&SecurityConnectionParametersMismatch, patch);
        assert_eq!(pointers(&d), ["/properties/connectionParameters"]);
        assert!(d[0].message.contains("'api_key'"));
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn oauth_parameter_without_oauth2_definition_fails_at_the_parameter() {
        let c = Fixture::new()
            .properties(json!({"properties": {"connectionParameters": {
                "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2"}}
            }}}))
            .build();
        let d = check(&SecurityConnectionParametersMismatch, &c);
        assert_eq!(pointers(&d), ["/properties/connectionParameters/token"]);
    }

    #[test]
    fn parameter_sets_are_skipped() {
        let patch = json!({"properties": {"connectionParameters": null, "connectionParameterSets": {"values": []}}});
        assert!(check_properties(&SecurityConnectionParametersMismatch, patch).is_empty());
    }
}
