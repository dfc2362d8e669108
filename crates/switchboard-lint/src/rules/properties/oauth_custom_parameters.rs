use switchboard_model::json::Value;

use super::common::{member_ignore_case, oauth_parameters};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `(identity provider, required customParameters, allowed customParameters or empty for any)`.
const PROVIDERS: &[(&str, &[&str], &[&str])] = &[
    ("oauth2", &["authorizationUrl", "tokenUrl"], &["authorizationUrl", "tokenUrl", "refreshUrl"]),
    ("oauth2generic", &["authorizationUrlTemplate", "tokenUrlTemplate"], &[]),
    ("aad", &["resourceUri"], &[]),
    ("aadcertificate", &["resourceUri"], &[]),
];

declare_rule! {
    /// ## What it does
    /// Checks the `oAuthSettings.customParameters` each identity provider needs (keys compared
    /// case-insensitively, as the platform does):
    /// `oauth2` needs `authorizationUrl` and `tokenUrl` and takes nothing but those and
    /// `refreshUrl`; `oauth2generic` needs `authorizationUrlTemplate` and `tokenUrlTemplate`;
    /// `aad` and `aadcertificate` need `resourceUri`; `aadcertificate` also needs
    /// `properties.IsFirstParty: "True"`. A required parameter whose `value` is still empty or
    /// `null` counts as a placeholder filled in at deployment.
    ///
    /// ## Why it matters
    /// Without the URLs the sign-in flow has nowhere to go and every connection fails; an
    /// unexpected key on `oauth2` is ignored, which usually hides a typo (`tokenURL2`).
    /// `aadcertificate` authenticates with a Microsoft certificate and exists for first-party
    /// connectors only.
    ///
    /// ## Example
    /// ```json
    /// { "identityProvider": "oauth2",
    ///   "customParameters": { "authorizationUrl": { "value": "https://contoso.com/authorize" } } }
    /// ```
    ///
    /// ## Fix
    /// Add the missing parameters as `"tokenUrl": { "value": "https://…" }`; use `aad` instead
    /// of `aadcertificate` unless the connector is Microsoft's own.
    pub OauthCustomParameters {
        code: "AP029",
        name: "oauth-custom-parameters",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for OauthCustomParameters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (p, settings) in oauth_parameters(&props) {
            let Some(idp) = settings.identity_provider() else { continue }; // AP024
            let Some((_, required, allowed)) = PROVIDERS.iter().find(|(name, ..)| *name == idp)
            else {
                continue;
            };
            let custom = settings.node.get("customParameters").filter(|c| c.as_object().is_some());
            for key in *required {
                // An empty or null `value` is a placeholder filled in at deployment (as
                // clientId is); only a missing parameter is reported.
                if custom.and_then(|c| member_ignore_case(c, key)).is_none() {
                    let span = custom.unwrap_or(settings.node).span;
                    cx.report_properties(span, format!("identity provider '{idp}' requires customParameters.{key} (connection parameter {})", p.label()))
                        .set_help(format!("add \"{key}\": {{\"value\": \"…\"}} to customParameters"));
                }
            }
            if !allowed.is_empty() {
                for m in custom.into_iter().flat_map(Value::members) {
                    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&m.key)) {
                        cx.report_properties(m.key_span, format!("identity provider '{idp}' does not use customParameters.{} (connection parameter {})", m.key, p.label()))
                            .set_help(format!("'{idp}' reads only {}", allowed.join(", ")));
                    }
                }
            }
            if idp == "aadcertificate" {
                let first_party =
                    settings.node.get("properties").and_then(|x| x.get("IsFirstParty"));
                if first_party.and_then(Value::as_str) != Some("True") {
                    let span = first_party.map_or(settings.node.span, |v| v.span);
                    cx.report_properties(span, format!("identity provider 'aadcertificate' is only supported for first-party apps: properties.IsFirstParty must be \"True\" (connection parameter {})", p.label()))
                        .set_help("third-party connectors use 'aad'");
                }
            }
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
    fn complete_settings_pass() {
        let oauth2 = token(&json!({"identityProvider": "oauth2", "customParameters": {
            "AuthorizationUrl": {"value": "https://a"}, "tokenUrl": {"value": "https://t"}, "refreshUrl": {"value": "https://t"}}}));
        assert!(check_properties(&OauthCustomParameters, oauth2).is_empty());
        let aad = token(&json!({"identityProvider": "aad", "customParameters": {
            "resourceUri": {"value": "https://graph.microsoft.com"}, "enableOnbehalfOfLogin": {"value": "false"}}}));
        assert!(check_properties(&OauthCustomParameters, aad).is_empty());
    }

    #[test]
    fn placeholder_values_pass() {
        let aad = token(
            &json!({"identityProvider": "aad", "customParameters": {"resourceUri": {"value": null}}}),
        );
        assert!(check_properties(&OauthCustomParameters, aad).is_empty());
    }

    #[test]
    fn missing_and_unknown_parameters_fail() {
        let patch = token(&json!({"identityProvider": "oauth2", "customParameters": {
            "authorizationUrl": {"value": "https://a"}, "tokenURL2": {"value": "https://t"}}}));
        let d = check_properties(&OauthCustomParameters, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/token/oAuthSettings/customParameters",
                "/properties/connectionParameters/token/oAuthSettings/customParameters/tokenURL2"
            ]
        );
        assert!(d[0].message.contains("customParameters.tokenUrl"));
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn aadcertificate_needs_first_party() {
        let patch = token(&json!({"identityProvider": "aadcertificate", "customParameters": {
            "resourceUri": {"value": "https://graph.microsoft.com"}}, "properties": {"IsFirstParty": "False"}}));
        let d = check_properties(&OauthCustomParameters, patch);
        assert_eq!(
            pointers(&d),
            ["/properties/connectionParameters/token/oAuthSettings/properties/IsFirstParty"]
        );
    }
}
