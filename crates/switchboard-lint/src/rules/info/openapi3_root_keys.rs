use crate::{Check, Context, Levels, Severity, declare_rule};

/// Root keys that only OpenAPI 3 documents have.
pub(super) const OPENAPI3_KEYS: [&str; 3] = ["openapi", "components", "servers"];

declare_rule! {
    /// ## What it does
    /// Checks that the document root has none of the OpenAPI 3 keys `openapi`, `components`
    /// and `servers`.
    ///
    /// ## Why it matters
    /// Custom connectors are Swagger 2.0 documents. An OpenAPI 3 file is rejected on import
    /// ("OpenAPI 3.0 … not supported", policy 5000.2.6.3), and a 2.0 file carrying these keys
    /// was half-converted: its schemas under `components` or its servers are ignored.
    ///
    /// ## Example
    /// ```json
    /// { "openapi": "3.0.1", "servers": [{ "url": "https://api.contoso.com/v1" }] }
    /// ```
    ///
    /// ## Fix
    /// Convert the document to Swagger 2.0 (`switchboard import openapi FILE -o DIR`): `servers`
    /// becomes `host`, `basePath` and `schemes`, `components/schemas` becomes `definitions`,
    /// `components/securitySchemes` becomes `securityDefinitions`.
    pub Openapi3RootKeys {
        code: "SW002",
        name: "openapi3-root-keys",
        group: Info,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for Openapi3RootKeys {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for m in sw.root().members() {
            if OPENAPI3_KEYS.contains(&m.key.as_str()) {
                cx.report_swagger(
                    m.key_span,
                    format!("The root property '{}' belongs to OpenAPI 3, which is not supported: connectors must be Swagger 2.0", m.key),
                )
                .set_help("convert the document with `switchboard import openapi FILE -o DIR`");
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
    fn swagger_two_passes() {
        assert!(check_swagger(&Openapi3RootKeys, json!({})).is_empty());
    }

    #[test]
    fn each_openapi3_key_fails_at_the_key() {
        let d = check_swagger(
            &Openapi3RootKeys,
            json!({"openapi": "3.0.1", "servers": [{"url": "https://x.io"}], "components": {}}),
        );
        assert_eq!(d.len(), 3);
        let mut p = pointers(&d);
        p.sort_unstable();
        assert_eq!(p, ["/components", "/openapi", "/servers"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
