use super::common::oauth_parameters;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The global consent redirect URL.
const GLOBAL: &str = "https://global.consent.azure-apim.net/redirect";

declare_rule! {
    /// ## What it does
    /// Checks that `oAuthSettings.redirectUrl`, when given, is
    /// `https://global.consent.azure-apim.net/redirect` or its per-connector form
    /// `https://global.consent.azure-apim.net/redirect/<connector>`.
    ///
    /// ## Why it matters
    /// Certified connectors run in every region, so the OAuth app must redirect to the global
    /// consent endpoint; regional URLs (`europe-001.consent…`, `msmanaged-na.consent…`) and the
    /// service's own URLs break sign-in for users elsewhere. The submission guide requires the
    /// app to allow `https://global.consent.azure-apim.net/redirect` (and the `global-test`
    /// host for testing).
    ///
    /// ## Example
    /// ```json
    /// { "oAuthSettings": { "redirectUrl": "https://europe-001.consent.azure-apim.net/redirect" } }
    /// ```
    ///
    /// ## Fix
    /// Use `https://global.consent.azure-apim.net/redirect` with `"redirectMode": "Global"`, or
    /// the per-connector URL shown in the portal with `"redirectMode": "GlobalPerConnector"`,
    /// and register it with the OAuth app.
    pub OauthRedirectUrl {
        code: "AP026",
        name: "oauth-redirect-url",
        group: Properties,
        levels: Levels::cert(Severity::Error),
    }
}

fn is_global(url: &str) -> bool {
    match url.strip_prefix(GLOBAL) {
        Some("") => true,
        Some(rest) => rest.strip_prefix('/').is_some_and(|name| {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }),
        None => false,
    }
}

impl Check for OauthRedirectUrl {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (p, settings) in oauth_parameters(&props) {
            let Some(value) = settings.node.get("redirectUrl") else { continue };
            let Some(url) = value.as_str() else { continue };
            if !is_global(url) {
                cx.report_properties(value.span, format!("redirect URL '{url}' of connection parameter {} must be '{GLOBAL}' (or its per-connector form)", p.label()))
                    .set_help("certified connectors use the global consent endpoint; register it with the OAuth app");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_properties, check_with, pointers};
    use serde_json::json;

    fn token(url: &str) -> serde_json::Value {
        json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting",
            "oAuthSettings": {"identityProvider": "oauth2", "redirectUrl": url}}}}})
    }

    #[test]
    fn global_urls_pass() {
        assert!(check_properties(&OauthRedirectUrl, token(GLOBAL)).is_empty());
        let per_connector = format!("{GLOBAL}/contoso-5f8a-93203545fa47b5d5");
        assert!(check_properties(&OauthRedirectUrl, token(&per_connector)).is_empty());
    }

    #[test]
    fn regional_urls_fail_at_the_value() {
        let d = check_properties(
            &OauthRedirectUrl,
            token("https://europe-001.consent.azure-apim.net/redirect"),
        );
        assert_eq!(
            pointers(&d),
            ["/properties/connectionParameters/token/oAuthSettings/redirectUrl"]
        );
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().properties(token("https://api.contoso.com/callback")).build();
        assert_eq!(check_with(&OauthRedirectUrl, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
