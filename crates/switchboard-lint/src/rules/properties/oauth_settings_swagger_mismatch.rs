use std::collections::BTreeSet;

use switchboard_model::json::Value;

use super::common::{custom_parameter, oauth_parameters};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For connectors with an `oauth2` security definition, checks that the swagger and the
    /// OAuth connection parameter's `oAuthSettings` agree: for the `oauth2` identity provider,
    /// `authorizationUrl` and `tokenUrl` equal `customParameters.authorizationUrl.value` and
    /// `customParameters.tokenUrl.value` (ignoring a trailing `/`); for every provider, the
    /// swagger's scopes equal `oAuthSettings.scopes` as sets of scope names (entries holding
    /// several names separated by spaces or commas are split), when both lists are non-empty.
    /// Connectors with `connectionParameterSets` are skipped.
    ///
    /// ## Why it matters
    /// The runtime signs users in with apiProperties.json; the swagger's copy only documents
    /// the flow, but it is what reviewers, SDK generators and other tools read. When the two
    /// disagree, one of them is stale, typically a test tenant's URL or a forgotten scope.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "oauth2": { "type": "oauth2", "flow": "accessCode",
    ///   "authorizationUrl": "https://dev.contoso.com/authorize", "scopes": { "read": "" } } }
    /// ```
    /// with `customParameters.authorizationUrl.value` `https://contoso.com/authorize`.
    ///
    /// ## Fix
    /// Make the swagger's security definition match apiProperties.json (which is what runs).
    pub OauthSettingsSwaggerMismatch {
        code: "AP041",
        name: "oauth-settings-swagger-mismatch",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

/// Scope names, with entries that hold several scopes (`"read write"`, `"read,write"`) split.
fn scope_set<'a>(scopes: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    scopes
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == ','))
        .filter(|s| !s.is_empty())
        .collect()
}

/// `"(only in apiProperties.json: a, b; only in the swagger: c)"`, omitting empty sides.
fn scope_difference(ours: &BTreeSet<&str>, theirs: &BTreeSet<&str>) -> String {
    let mut parts = Vec::new();
    let only_ours: Vec<&str> = ours.difference(theirs).copied().collect();
    let only_theirs: Vec<&str> = theirs.difference(ours).copied().collect();
    if !only_ours.is_empty() {
        parts.push(format!("only in apiProperties.json: {}", only_ours.join(", ")));
    }
    if !only_theirs.is_empty() {
        parts.push(format!("only in the swagger: {}", only_theirs.join(", ")));
    }
    format!("({})", parts.join("; "))
}

impl Check for OauthSettingsSwaggerMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(sw) = cx.swagger() else { return };
        if props.connection_parameter_sets().is_some() {
            return;
        }
        let schemes: Vec<_> =
            sw.doc.security_definitions().filter(|s| s.scheme_type() == Some("oauth2")).collect();
        if schemes.is_empty() {
            return;
        }
        for (p, settings) in oauth_parameters(&props) {
            for scheme in &schemes {
                if settings.identity_provider() == Some("oauth2") {
                    for (key, swagger_url) in [
                        ("authorizationUrl", scheme.authorization_url()),
                        ("tokenUrl", scheme.token_url()),
                    ] {
                        let Some(swagger_url) = swagger_url else { continue };
                        let Some(value) = custom_parameter(settings, key) else { continue };
                        let Some(url) = value.as_str() else { continue };
                        if url.trim_end_matches('/') != swagger_url.trim_end_matches('/') {
                            cx.report_properties(value.span, format!("{key} '{url}' of connection parameter {} differs from the swagger's '{swagger_url}' (security definition '{}')", p.label(), scheme.name))
                                .set_help("the runtime uses apiProperties.json; update the swagger's security definition to match");
                        }
                    }
                }
                let ours = scope_set(settings.scopes());
                let theirs = scope_set(scheme.scopes());
                if !ours.is_empty() && !theirs.is_empty() && ours != theirs {
                    let span =
                        settings.node.get("scopes").map_or(settings.node.span, |v: &Value| v.span);
                    cx.report_properties(span, format!(
                        "the scopes of connection parameter {} differ from the swagger's security definition '{}' {}",
                        p.label(), scheme.name, scope_difference(&ours, &theirs)
                    ))
                    .set_help("the runtime requests the apiProperties.json scopes; list the same scopes in the swagger");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, pointers};
    use serde_json::json;

    fn connector(settings: &serde_json::Value) -> switchboard_model::Connector {
        Fixture::new()
            .swagger(json!({
                "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                    "authorizationUrl": "https://contoso.com/authorize", "tokenUrl": "https://contoso.com/token",
                    "scopes": {"read write": "", "offline_access": ""}}},
                "security": [{"oauth": []}]
            }))
            .properties(json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": settings}}}}))
            .build()
    }

    #[test]
    fn same_urls_and_scope_sets_pass() {
        let c = connector(
            &json!({"identityProvider": "oauth2", "scopes": ["offline_access", "write", "read"],
            "customParameters": {"authorizationUrl": {"value": "https://contoso.com/authorize/"}, "tokenUrl": {"value": "https://contoso.com/token"}}}),
        );
        assert!(check(&OauthSettingsSwaggerMismatch, &c).is_empty());
        // An empty list on either side documents nothing to compare.
        let c = connector(&json!({"identityProvider": "aad", "scopes": []}));
        assert!(check(&OauthSettingsSwaggerMismatch, &c).is_empty());
    }

    #[test]
    fn different_url_and_scopes_fail_in_api_properties() {
        let c = connector(&json!({"identityProvider": "oauth2", "scopes": ["read", "admin"],
            "customParameters": {"authorizationUrl": {"value": "https://dev.contoso.com/authorize"}, "tokenUrl": {"value": "https://contoso.com/token"}}}));
        let d = check(&OauthSettingsSwaggerMismatch, &c);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/token/oAuthSettings/scopes",
                "/properties/connectionParameters/token/oAuthSettings/customParameters/authorizationUrl/value"
            ]
        );
        assert!(
            d[0].message.contains(
                "(only in apiProperties.json: admin; only in the swagger: offline_access, write)"
            ),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
