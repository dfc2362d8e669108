use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `schemes` is a scheme a connector can use: `https` (or `http`,
    /// which SW045 flags). `ws`/`wss` ("SchemeNotSupported") and anything that is not a
    /// Swagger scheme ("SchemeNotValid", including `HTTPS` in capitals) are errors under every
    /// profile.
    ///
    /// The catalog lists this under SW045 with a per-finding severity; it has its own code here
    /// so that each rule has one severity per profile, which `--profile`, SARIF and the rule
    /// documentation can state.
    ///
    /// ## Why it matters
    /// The platform rejects the definition: connectors cannot use WebSockets, and scheme names
    /// are case-sensitive.
    ///
    /// ## Example
    /// ```json
    /// { "schemes": ["wss"] }
    /// ```
    ///
    /// ## Fix
    /// `"schemes": ["https"]`.
    pub SchemeNotSupported {
        code: "SW046",
        name: "scheme-not-supported",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SchemeNotSupported"),
    }
}

impl Check for SchemeNotSupported {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(schemes) = sw.root().get("schemes") else { return };
        for item in schemes.items() {
            match item.as_str() {
                Some("https" | "http") => {}
                Some(s @ ("ws" | "wss")) => {
                    cx.report_value(
                        item,
                        format!(
                            "The scheme '{s}' is not supported: connectors call their service over 'https'"
                        ),
                    );
                }
                other => {
                    let found = other.map_or_else(
                        || item.json_type().article_name().to_string(),
                        |s| format!("'{s}'"),
                    );
                    cx.report_value(item, format!("The scheme {found} is not valid: use 'https'"))
                        .set_help("schemes are lowercase strings: \"https\"");
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
    fn https_and_http_pass() {
        assert!(
            check_swagger(&SchemeNotSupported, json!({"schemes": ["https", "http"]})).is_empty()
        );
    }

    #[test]
    fn websockets_and_invalid_schemes_are_errors_everywhere() {
        let c = Fixture::new().swagger(json!({"schemes": ["wss", "HTTPS", 3]})).build();
        for profile in [Profile::Default, Profile::Certification] {
            let d = check_with(&SchemeNotSupported, &c, profile);
            assert_eq!(pointers(&d), ["/schemes/0", "/schemes/1", "/schemes/2"]);
            assert!(d.iter().all(|d| d.severity == Severity::Error));
            assert!(d[2].message.contains("a number"), "{}", d[2].message);
        }
    }
}
