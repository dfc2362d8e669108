use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags `http` in `schemes`: a warning when certifying, info while authoring. Schemes the
    /// platform rejects outright (`ws`, `wss`, `HTTPS` in capitals, anything else) are SW046.
    ///
    /// ## Why it matters
    /// Certification requires HTTPS with TLS 1.2 (policy 5000.3.1.6): over `http` credentials
    /// and data travel in clear text.
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
        for item in schemes.items().filter(|i| i.as_str() == Some("http")) {
            cx.report_value(
                item,
                "The scheme 'http' is not secure: certified connectors must use 'https'",
            )
            .set_help("remove \"http\" and make sure the service accepts HTTPS with TLS 1.2");
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
    fn https_passes_and_other_schemes_are_left_to_sw046() {
        assert!(check_swagger(&SchemeNotHttps, json!({})).is_empty());
        assert!(check_swagger(&SchemeNotHttps, json!({"schemes": ["https", "wss"]})).is_empty());
    }

    #[test]
    fn http_is_a_warning_when_certifying_and_info_otherwise() {
        let d = check_swagger(&SchemeNotHttps, json!({"schemes": ["https", "http"]}));
        assert_eq!(pointers(&d), ["/schemes/1"]);
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(json!({"schemes": ["http"]})).build();
        assert_eq!(check_with(&SchemeNotHttps, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
