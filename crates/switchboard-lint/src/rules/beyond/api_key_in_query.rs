use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports `apiKey` security definitions that send the key in the query string
    /// (`"in": "query"`).
    ///
    /// ## Why it matters
    /// Query strings are written to web server and proxy logs and appear in the request URLs
    /// shown in flow run history, so the key leaks to everyone who can read them. A header
    /// keeps it out of URLs.
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "in": "query", "name": "key" } } }
    /// ```
    ///
    /// ## Fix
    /// If the service accepts it, send the key in a header (`"in": "header"`, e.g.
    /// `"name": "X-API-Key"`); otherwise document the risk in the readme.
    pub ApiKeyInQuery {
        code: "BX015",
        name: "api-key-in-query",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ApiKeyInQuery {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for scheme in sw.doc.security_definitions() {
            if scheme.scheme_type() != Some("apiKey") {
                continue;
            }
            let Some(location) = scheme.node.get("in") else { continue };
            if location.as_str() == Some("query") {
                cx.report_value(location, format!("The API key of security definition '{}' is sent in the query string", scheme.name))
                    .set_help("send the key in a header if the service accepts it: query strings end up in logs and run history");
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
    fn header_key_passes() {
        assert!(check_swagger(&ApiKeyInQuery, json!({})).is_empty());
    }

    #[test]
    fn query_key_fails_at_in() {
        let d = check_swagger(
            &ApiKeyInQuery,
            json!({"securityDefinitions": {"api_key": {"in": "query", "name": "key"}}}),
        );
        assert_eq!(pointers(&d), ["/securityDefinitions/api_key/in"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
