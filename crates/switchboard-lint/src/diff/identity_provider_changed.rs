use switchboard_model::api_properties::ConnectionParameter;
use switchboard_model::json::Value;

use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// An OAuth connection parameter whose `oAuthSettings.identityProvider` changed (for
    /// example `oauth2` → `aad`).
    ///
    /// ## Why it matters
    /// Tokens of existing connections were issued by the old provider; every connection must
    /// sign in again, and flows fail until it does.
    ///
    /// ## Example
    /// Old: `"identityProvider": "oauth2"`; new: `"identityProvider": "aad"`.
    ///
    /// ## Fix
    /// Keep the identity provider; offer the new one as a second connection parameter set
    /// (multi-auth) if both must be supported.
    pub IdentityProviderChanged {
        code: "BC022",
        name: "identity-provider-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for IdentityProviderChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        if !d.has_properties() {
            return;
        }
        let now = d.new.connection_parameters();
        for (path, old) in d.old.connection_parameters() {
            let Some((_, new)) = now.iter().find(|(n, _)| *n == path) else { continue };
            let (Some(a), Some(b)) = (provider(&old), provider(new)) else { continue };
            if a.as_str() != b.as_str() {
                out.report(
                    path,
                    format!(
                        "The OAuth identity provider has been changed from '{}' to '{}'. Existing connections must sign in again.",
                        a.as_str().unwrap_or("?"),
                        b.as_str().unwrap_or("?")
                    ),
                    Some(d.old.at_properties(a)),
                    Some(d.new.at_properties(b)),
                );
            }
        }
    }
}

fn provider<'a>(p: &ConnectionParameter<'a>) -> Option<&'a Value> {
    p.oauth_settings().and_then(|s| s.node.get("identityProvider"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect_between, paths};
    use serde_json::json;

    fn oauth(provider: &str) -> crate::diff::test_support::Version {
        base().set_properties(
            "/properties/connectionParameters/token",
            json!({"type": "oauthSetting", "oAuthSettings": {"identityProvider": provider, "clientId": "x"}}),
        )
    }

    #[test]
    fn unchanged_passes() {
        assert!(
            detect_between(&IdentityProviderChanged, &oauth("oauth2"), &oauth("oauth2")).is_empty()
        );
    }

    #[test]
    fn new_provider_is_reported() {
        let c = detect_between(&IdentityProviderChanged, &oauth("oauth2"), &oauth("aad"));
        assert_eq!(paths(&c), ["connectionParameters/token"]);
        assert!(c[0].message.contains("from 'oauth2' to 'aad'"));
    }
}
