use super::common::{member_ignore_case, oauth_parameters};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Words that mark a value as a placeholder rather than a secret.
const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "secret",
    "placeholder",
    "dummy",
    "replace",
    "changeme",
    "redacted",
    "example",
    "xxx",
    "todo",
    "insert",
    "enter",
];

declare_rule! {
    /// ## What it does
    /// Checks that `oAuthSettings.clientSecret` of OAuth connection parameters is absent, `null`,
    /// empty or an obvious placeholder (`[[DUMMY]]`, `<client secret>`, `YOUR_CLIENT_SECRET`,
    /// anything mentioning "secret" or "your"); any other value is treated as a real secret.
    ///
    /// ## Why it matters
    /// apiProperties.json is published in a public repository. The repository's rules forbid
    /// client ids and secrets in pull requests: a committed secret must be considered leaked and
    /// rotated. The secret is supplied at deployment (`paconn create --secret`) and stored by
    /// the platform, never in the file.
    ///
    /// ## Example
    /// ```json
    /// { "oAuthSettings": { "identityProvider": "oauth2", "clientSecret": "q8X~f2…" } }
    /// ```
    ///
    /// ## Fix
    /// Remove the value (`"clientSecret": null` or delete the member), rotate the secret at the
    /// provider, and pass it with `paconn create --secret` when deploying.
    pub OauthClientSecretCommitted {
        code: "AP027",
        name: "oauth-client-secret-committed",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

/// Whether `value` is empty or obviously not a real secret.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let wrapped = [("[[", "]]"), ("<", ">"), ("{", "}"), ("${", "}"), ("%", "%")].iter().any(
        |(open, close)| {
            v.len() > open.len() + close.len() && v.starts_with(open) && v.ends_with(close)
        },
    );
    let lower = v.to_ascii_lowercase();
    let mut chars = v.chars();
    let first = chars.next();
    wrapped
        || PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
        || chars.all(|c| Some(c) == first)
}

impl Check for OauthClientSecretCommitted {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for (p, settings) in oauth_parameters(&props) {
            // The schema also accepts `ClientSecret`; the platform reads either.
            let Some(m) = member_ignore_case(settings.node, "clientSecret") else { continue };
            let Some(secret) = m.value.as_str() else { continue };
            if !is_placeholder(secret) {
                cx.report_properties(m.value.span, format!("connection parameter {} commits an OAuth client secret; apiProperties.json must not contain client secrets", p.label()))
                    .set_help("remove the value, rotate the secret at the provider, and pass it at deployment (`paconn create --secret`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    fn token(secret: &serde_json::Value) -> serde_json::Value {
        json!({"properties": {"connectionParameters": {"token": {"type": "oauthSetting",
            "oAuthSettings": {"identityProvider": "oauth2", "clientSecret": secret}}}}})
    }

    #[test]
    fn placeholders_pass() {
        for v in [
            json!(null),
            json!(""),
            json!("[[DUMMY]]"),
            json!("YOUR_CLIENT_SECRET"),
            json!("<secret>"),
            json!("********"),
        ] {
            assert!(check_properties(&OauthClientSecretCommitted, token(&v)).is_empty(), "{v}");
        }
    }

    #[test]
    fn real_looking_secret_fails_without_echoing_it() {
        let d = check_properties(&OauthClientSecretCommitted, token(&json!("q8X~f2Lk9.aZ")));
        assert_eq!(
            pointers(&d),
            ["/properties/connectionParameters/token/oAuthSettings/clientSecret"]
        );
        assert!(!d[0].message.contains("q8X"));
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(check_properties(&OauthClientSecretCommitted, token(&json!("test"))).len(), 1);
    }
}
