use super::common::{display_file_name, is_credentials, report_whole};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The redirect URL the OAuth app must allow.
const REDIRECT_URL: &str = "https://global.consent.azure-apim.net/redirect";

declare_rule! {
    /// ## What it does
    /// For independent-publisher connectors with an OAuth connection parameter
    /// (`type: oauthSetting`), checks that readme.md gives the redirect URL
    /// `https://global.consent.azure-apim.net/redirect` as part of its instructions for
    /// registering the OAuth app.
    ///
    /// ## Why it matters
    /// Microsoft creates the OAuth app of an independent-publisher connector itself, from the
    /// steps in the readme; without the redirect URL the app it registers rejects every sign-in
    /// ("redirect_uri mismatch").
    ///
    /// ## Example
    /// An `oauthSetting` connection parameter and a readme whose `## Obtaining Credentials`
    /// says only "Create an app in the developer portal".
    ///
    /// ## Fix
    /// Describe how to register the OAuth app step by step, including "set the redirect URL to
    /// `https://global.consent.azure-apim.net/redirect`".
    pub ReadmeOauthRedirectUrl {
        code: "RM012",
        name: "readme-oauth-redirect-url",
        group: Readme,
        levels: Levels::ip(Severity::Warning),
    }
}

impl Check for ReadmeOauthRedirectUrl {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let oauth = props
            .connection_parameters()
            .chain(props.parameter_set_parameters().map(|(_, p)| p))
            .any(|p| p.param_type() == Some("oauthSetting"));
        if !oauth {
            return;
        }
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let text = scanned.text();
        if text.to_ascii_lowercase().contains(&REDIRECT_URL[8..]) {
            return;
        }
        let name = display_file_name(&readme.entry);
        let message = format!(
            "{name} does not tell how to register the OAuth app with the redirect URL {REDIRECT_URL}"
        );
        let anchor = scanned.find(is_credentials).map(super::common::Heading::span);
        let d = match anchor {
            Some(span) => cx.report_in(&readme.file, None, span, message),
            None => report_whole(cx, readme, message),
        };
        d.set_help(
            "give step-by-step instructions to create the OAuth app, including its redirect URL",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{BASE_README, Fixture, check_with};
    use serde_json::json;

    fn oauth() -> Fixture {
        let mut f = Fixture::new();
        f.remove("icon.png").properties(json!({"properties": {"connectionParameters": {"token": {
            "type": "oauthSetting",
            "oAuthSettings": {"identityProvider": "oauth2", "clientId": "x", "scopes": [],
                "redirectUrl": "https://global.consent.azure-apim.net/redirect"}
        }}}}));
        f
    }

    #[test]
    fn redirect_url_or_no_oauth_passes() {
        let api_key = Fixture::new().build();
        assert!(
            check_with(&ReadmeOauthRedirectUrl, &api_key, Profile::IndependentPublisher).is_empty()
        );
        let readme = BASE_README.replace(
            "Create an API key",
            "Register an app with the redirect URL https://global.consent.azure-apim.net/redirect. Create an API key",
        );
        let c = oauth().set("readme.md", readme.into_bytes()).build();
        assert!(check_with(&ReadmeOauthRedirectUrl, &c, Profile::IndependentPublisher).is_empty());
    }

    #[test]
    fn missing_redirect_url_fails_for_independent_publishers_only() {
        let c = oauth().build();
        let d = check_with(&ReadmeOauthRedirectUrl, &c, Profile::IndependentPublisher);
        assert_eq!(d.len(), 1);
        // At the `## Obtaining Credentials` heading of the base readme.
        assert_eq!((d[0].location.line, d[0].severity), (19, Severity::Warning));
        assert!(check_with(&ReadmeOauthRedirectUrl, &c, Profile::Certification).is_empty());
        assert!(check_with(&ReadmeOauthRedirectUrl, &c, Profile::Default).is_empty());
    }
}
