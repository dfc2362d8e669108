use super::common::oauth_parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `oAuthSettings.redirectMode` of every OAuth connection parameter is `Global`
    /// or `GlobalPerConnector` (any letter case).
    ///
    /// ## Why it matters
    /// With the legacy `Direct` mode, or no mode at all, the platform uses a different redirect
    /// URL in each region, and a certified connector's OAuth app would have to register all of
    /// them. `Global` uses `https://global.consent.azure-apim.net/redirect`;
    /// `GlobalPerConnector` adds a per-connector suffix, which Microsoft now recommends.
    ///
    /// ## Example
    /// ```json
    /// { "oAuthSettings": { "identityProvider": "oauth2", "redirectMode": "Direct" } }
    /// ```
    ///
    /// ## Fix
    /// Set `"redirectMode": "GlobalPerConnector"` (or `"Global"`) and register the matching
    /// redirect URL with the OAuth app.
    pub OauthRedirectMode {
        code: "AP025",
        name: "oauth-redirect-mode",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for OauthRedirectMode {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (p, settings) in oauth_parameters(&props) {
            match settings.node.get("redirectMode") {
                None => {
                    cx.report_properties(settings.node.span, format!("OAuth connection parameter {} has no 'redirectMode'; the legacy per-region redirect URLs apply", p.label()))
                        .set_help("set \"redirectMode\": \"GlobalPerConnector\" (or \"Global\")");
                }
                Some(v) => {
                    let Some(mode) = v.as_str() else { continue };
                    if ["Global", "GlobalPerConnector"].iter().any(|m| m.eq_ignore_ascii_case(mode))
                    {
                        continue;
                    }
                    cx.report_properties(v.span, format!("redirect mode '{mode}' of connection parameter {} uses the legacy per-region redirect URLs", p.label()))
                        .set_help("set \"redirectMode\": \"GlobalPerConnector\" (or \"Global\")");
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
    fn global_modes_pass() {
        let patch = token(&json!({"identityProvider": "oauth2", "redirectMode": "global"}));
        assert!(check_properties(&OauthRedirectMode, patch).is_empty());
        let patch =
            token(&json!({"identityProvider": "oauth2", "redirectMode": "GlobalPerConnector"}));
        assert!(check_properties(&OauthRedirectMode, patch).is_empty());
    }

    #[test]
    fn direct_and_missing_fail() {
        let d = check_properties(
            &OauthRedirectMode,
            token(&json!({"identityProvider": "oauth2", "redirectMode": "Direct"})),
        );
        assert_eq!(
            pointers(&d),
            ["/properties/connectionParameters/token/oAuthSettings/redirectMode"]
        );
        assert_eq!(d[0].severity, Severity::Warning);
        let d = check_properties(&OauthRedirectMode, token(&json!({"identityProvider": "oauth2"})));
        assert_eq!(pointers(&d), ["/properties/connectionParameters/token/oAuthSettings"]);
    }
}
