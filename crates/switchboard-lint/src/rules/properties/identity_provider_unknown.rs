use super::common::{Param, parameters};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Identity providers a custom connector may name: the four generic ones of the apiProperties
/// schema and the built-in provider profiles.
pub(crate) const KNOWN: &[&str] =
    &["oauth2", "oauth2generic", "aad", "aadcertificate", "facebook", "github", "google"];

declare_rule! {
    /// ## What it does
    /// Checks that every OAuth connection parameter (`"type": "oauthSetting"`) has an
    /// `oAuthSettings` object whose `identityProvider` is known: `oauth2`, `oauth2generic`,
    /// `aad`, `aadcertificate`, or a built-in provider profile (`facebook`, `github`,
    /// `google`). Parameters of `connectionParameterSets` are checked too.
    ///
    /// ## Why it matters
    /// The identity provider decides how the sign-in and token exchange work. Without it the
    /// connection cannot be created; an unknown name (a first-party profile such as `DocuSign`)
    /// is only available to Microsoft's own connectors and fails on import elsewhere.
    ///
    /// ## Example
    /// ```json
    /// { "token": { "type": "oauthSetting", "oAuthSettings": { "identityProvider": "DocuSign" } } }
    /// ```
    ///
    /// ## Fix
    /// Use `oauth2` for RFC 6749 providers, `oauth2generic` for providers that need URL or body
    /// templates, `aad` for Microsoft Entra ID.
    pub IdentityProviderUnknown {
        code: "AP024",
        name: "identity-provider-unknown",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for IdentityProviderUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for p in parameters(&props).filter(Param::is_oauth) {
            let settings = p.param.node.get("oAuthSettings");
            let Some(settings) = settings.filter(|s| s.as_object().is_some()) else {
                let span = settings.map_or(p.param.node.span, |s| s.span);
                cx.report_properties(span, format!("OAuth connection parameter {} needs an 'oAuthSettings' object with an 'identityProvider'", p.label()))
                    .set_help("add \"oAuthSettings\": {\"identityProvider\": \"oauth2\", …}");
                continue;
            };
            match settings.get("identityProvider") {
                None => {
                    cx.report_properties(settings.span, format!("The 'identityProvider' property is required (connection parameter {}).", p.label()))
                        .set_help(format!("use one of {}", KNOWN.join(", ")));
                }
                Some(v) => {
                    let Some(idp) = v.as_str() else { continue };
                    if KNOWN.contains(&idp) {
                        continue;
                    }
                    let help = match KNOWN.iter().find(|k| k.eq_ignore_ascii_case(idp)) {
                        Some(k) => format!("write '{k}'"),
                        None => format!(
                            "use one of {}; provider profiles such as '{idp}' are reserved for Microsoft's connectors",
                            KNOWN.join(", ")
                        ),
                    };
                    cx.report_properties(
                        v.span,
                        format!(
                            "unknown identity provider '{idp}' (connection parameter {})",
                            p.label()
                        ),
                    )
                    .set_help(help);
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

    #[test]
    fn known_provider_passes() {
        let patch = json!({"properties": {"connectionParameters": {
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad"}}
        }}});
        assert!(check_properties(&IdentityProviderUnknown, patch).is_empty());
    }

    #[test]
    fn unknown_missing_and_null_fail() {
        let patch = json!({"properties": {
            "connectionParameters": {
                "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "DocuSign"}},
                "other": {"type": "oauthSetting", "oAuthSettings": {"clientId": "x"}}
            },
            "connectionParameterSets": {"values": [{"name": "cc", "parameters": {"token": {"type": "oauthSetting", "oAuthSettings": null}}}]}
        }});
        let d = check_properties(&IdentityProviderUnknown, patch);
        assert_eq!(
            pointers(&d),
            [
                "/properties/connectionParameters/token/oAuthSettings/identityProvider",
                "/properties/connectionParameters/other/oAuthSettings",
                "/properties/connectionParameterSets/values/0/parameters/token/oAuthSettings"
            ]
        );
        assert!(d[2].message.contains("parameter set 'cc'"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
