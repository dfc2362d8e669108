use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `schemes` is `https`. `http` is a warning when certifying;
    /// `ws`/`wss` ("SchemeNotSupported") and anything that is not a Swagger scheme
    /// ("SchemeNotValid", including `HTTPS` in capitals) are reported as errors under every
    /// profile, because the platform rejects them.
    ///
    /// ## Why it matters
    /// Certification requires HTTPS with TLS 1.2 (policy 5000.3.1.6): over `http` credentials
    /// and data travel in clear text. Connectors cannot use WebSockets at all.
    ///
    /// ## Example
    /// ```json
    /// { "schemes": ["https", "http"] }
    /// ```
    ///
    /// ## Fix
    /// `"schemes": ["https"]`; make sure the service accepts HTTPS.
    pub SchemeNotHttps {
        code: "SW045",
        name: "scheme-not-https",
        group: Paths,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("SchemeNotSupported"),
    }
}

impl Check for SchemeNotHttps {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(schemes) = sw.root().get("schemes") else { return };
        for item in schemes.items() {
            match item.as_str() {
                Some("https") => {}
                Some("http") => {
                    cx.report_value(
                        item,
                        "The scheme 'http' is not secure: certified connectors must use 'https'",
                    )
                    .set_help(
                        "remove \"http\" and make sure the service accepts HTTPS with TLS 1.2",
                    );
                }
                Some(s @ ("ws" | "wss")) => {
                    let d = cx.report_value(item, format!("The scheme '{s}' is not supported: connectors call their service over 'https'"));
                    d.severity = Severity::Error;
                }
                other => {
                    let found = other.map_or_else(
                        || item.json_type().article_name().to_string(),
                        |s| format!("'{s}'"),
                    );
                    let d = cx.report_value(
                        item,
                        format!("The scheme {found} is not valid: use 'https'"),
                    );
                    d.severity = Severity::Error;
                    d.set_help("schemes are lowercase strings: \"https\"");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    #[test]
    fn https_passes() {
        assert!(check_swagger(&SchemeNotHttps, json!({})).is_empty());
    }

    #[test]
    fn http_is_a_warning_when_certifying_and_info_otherwise() {
        let d = check_swagger(&SchemeNotHttps, json!({"schemes": ["https", "http"]}));
        assert_eq!(pointers(&d), ["/schemes/1"]);
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(json!({"schemes": ["http"]})).build();
        assert_eq!(check_with(&SchemeNotHttps, &c, Profile::Default)[0].severity, Severity::Info);
    }

    #[test]
    fn websockets_and_invalid_schemes_are_errors_everywhere() {
        let c = Fixture::new().swagger(json!({"schemes": ["wss", "HTTPS"]})).build();
        for profile in [Profile::Default, Profile::Certification] {
            let d = check_with(&SchemeNotHttps, &c, profile);
            assert_eq!(pointers(&d), ["/schemes/0", "/schemes/1"]);
            assert!(d.iter().all(|d| d.severity == Severity::Error));
        }
    }
}
