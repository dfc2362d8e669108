use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each `securityDefinitions` entry has the properties its `type` requires and
    /// no properties of other types (`x-` extensions and `description` are always allowed):
    /// `basic` takes nothing else; `apiKey` needs `name` and `in` (`header` or `query`);
    /// `oauth2` needs `flow`, plus `authorizationUrl` for the `implicit` and `accessCode` flows
    /// and `tokenUrl` for `password`, `application` and `accessCode`. (Swagger 2.0 also
    /// requires `scopes`, but the platform accepts its absence — connectors with it missing are
    /// certified — so it is not enforced here.)
    ///
    /// ## Why it matters
    /// Without them the platform cannot build the credential exchange, and Microsoft's
    /// validator rejects the file: "The security definition property '{0}' is required for
    /// definitions of type '{1}'." / "… is not valid for definitions of type '{1}'."
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-API-Key" } }
    /// ```
    ///
    /// ## Fix
    /// Add the missing property (here `"in": "header"`) and remove the foreign ones.
    pub SecurityDefinitionProperties {
        code: "SW174",
        name: "security-definition-properties",
        group: Security,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SecuritySchemePropertyRequired"),
    }
}

/// The properties allowed for a type (besides `type`, `description` and `x-*`).
fn allowed(ty: &str) -> &'static [&'static str] {
    match ty {
        "apiKey" => &["name", "in"],
        "oauth2" => &["flow", "authorizationUrl", "tokenUrl", "scopes"],
        _ => &[],
    }
}

/// The properties required for a type and flow.
fn required(ty: &str, flow: Option<&str>) -> Vec<&'static str> {
    match ty {
        "apiKey" => vec!["name", "in"],
        "oauth2" => {
            let mut r = vec!["flow"];
            if matches!(flow, Some("implicit" | "accessCode")) {
                r.push("authorizationUrl");
            }
            if matches!(flow, Some("password" | "application" | "accessCode")) {
                r.push("tokenUrl");
            }
            r
        }
        _ => Vec::new(),
    }
}

impl Check for SecurityDefinitionProperties {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for scheme in sw.doc.security_definitions() {
            let node = scheme.node;
            if node.as_object().is_none() {
                continue;
            }
            let Some(ty) = scheme.scheme_type() else {
                cx.report_value(
                    node,
                    format!(
                        "The security definition property 'type' is required (definition '{}').",
                        scheme.name
                    ),
                )
                .set_help("add \"type\": \"apiKey\", \"basic\" or \"oauth2\"");
                continue;
            };
            if !matches!(ty, "basic" | "apiKey" | "oauth2") {
                continue; // SW170
            }
            for prop in required(ty, scheme.flow()) {
                if node.get(prop).is_none() {
                    cx.report_value(
                        node,
                        format!("The security definition property '{prop}' is required for definitions of type '{ty}' (definition '{}').", scheme.name),
                    );
                }
            }
            if ty == "apiKey"
                && let Some(v) = node.get("in")
                && !matches!(v.as_str(), Some("header" | "query"))
            {
                {
                    {
                        cx.report_value(
                            v,
                            format!(
                                "The 'in' of API key definition '{}' must be 'header' or 'query'.",
                                scheme.name
                            ),
                        );
                    }
                }
            }
            let ok = allowed(ty);
            for m in node.members() {
                let key = m.key.as_str();
                if key == "type"
                    || key == "description"
                    || key.starts_with("x-")
                    || ok.contains(&key)
                {
                    continue;
                }
                cx.report_swagger(
                    m.key_span,
                    format!("The security definition property '{key}' is not valid for definitions of type '{ty}' (definition '{}').", scheme.name),
                )
                .set_help("remove the property");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn complete_definitions_pass() {
        assert!(check_swagger(&SecurityDefinitionProperties, json!({})).is_empty());
        let d = check_swagger(
            &SecurityDefinitionProperties,
            json!({"securityDefinitions": {"oauth": {
            "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.io/authorize",
            "tokenUrl": "https://a.io/token", "scopes": {}, "x-ms-refresh": true}}}),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn missing_and_foreign_properties_fail() {
        let d = check_swagger(
            &SecurityDefinitionProperties,
            json!({"securityDefinitions": {"api_key": {
            "type": "apiKey", "in": "cookie", "name": null, "flow": "accessCode"}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/securityDefinitions/api_key",
                "/securityDefinitions/api_key/in",
                "/securityDefinitions/api_key/flow"
            ]
        );
        assert!(d[0].message.contains("'name' is required for definitions of type 'apiKey'"));
    }

    #[test]
    fn oauth_without_token_url_fails() {
        let d = check_swagger(
            &SecurityDefinitionProperties,
            json!({"securityDefinitions": {"oauth": {
            "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.io/authorize", "scopes": {}}}}),
        );
        assert_eq!(pointers(&d), ["/securityDefinitions/oauth"]);
        assert!(d[0].message.contains("'tokenUrl'"));
    }
}
