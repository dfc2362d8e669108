use super::common::{member_ignore_case, oauth_parameters};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Notes OAuth connection parameters whose `oAuthSettings` has no `clientId`, or an empty
    /// one. A placeholder is fine.
    ///
    /// ## Why it matters
    /// The client id identifies the OAuth app registered with the provider; paconn and the
    /// portal need it to create the connector. Independent publishers' apps are created by
    /// Microsoft from the readme's instructions, so a placeholder is expected there; an absent
    /// member usually means the settings were copied incompletely.
    ///
    /// ## Example
    /// ```json
    /// { "oAuthSettings": { "identityProvider": "oauth2", "scopes": [] } }
    /// ```
    ///
    /// ## Fix
    /// Add `"clientId": "<your app's client id>"` (a placeholder in the repository is fine).
    pub OauthClientIdMissing {
        code: "AP028",
        name: "oauth-client-id-missing",
        group: Properties,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for OauthClientIdMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (p, settings) in oauth_parameters(&props) {
            let span = match member_ignore_case(settings.node, "clientId") {
                None => settings.node.span,
                Some(m)
                    if m.value.is_null()
                        || m.value.as_str().is_some_and(|s| s.trim().is_empty()) =>
                {
                    m.value.span
                }
                Some(_) => continue,
            };
            cx.report_properties(
                span,
                format!("OAuth connection parameter {} has no 'clientId'", p.label()),
            )
            .set_help("add the OAuth app's client id (a placeholder is fine in the repository)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    fn token(settings: &serde_json::Value) -> serde_json::Value {
        json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": settings}}}})
    }

    #[test]
    fn placeholder_id_passes() {
        let patch = token(&json!({"identityProvider": "oauth2", "clientId": "[[DUMMY]]"}));
        assert!(check_properties(&OauthClientIdMissing, patch).is_empty());
    }

    #[test]
    fn missing_and_empty_ids_fail() {
        let d =
            check_properties(&OauthClientIdMissing, token(&json!({"identityProvider": "oauth2"})));
        assert_eq!(pointers(&d), ["/properties/connectionParameters/token/oAuthSettings"]);
        assert_eq!(d[0].severity, Severity::Info);
        let d = check_properties(
            &OauthClientIdMissing,
            token(&json!({"identityProvider": "oauth2", "clientId": ""})),
        );
        assert_eq!(pointers(&d), ["/properties/connectionParameters/token/oAuthSettings/clientId"]);
    }
}
