use super::common::metadata;
use crate::text::is_absolute_http_url;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the `Website` and `Privacy policy` metadata values are absolute `https://`
    /// URLs (a host, no spaces).
    ///
    /// ## Why it matters
    /// The gallery links to these pages; certification expects URLs (policies 5000.3.1.3 and
    /// 5000.3.1.5) and HTTPS. Values such as `www.contoso.com` or a URL with a space do not
    /// open as links.
    ///
    /// ## Example
    /// ```json
    /// { "propertyName": "Privacy policy", "propertyValue": "http://contoso.com/privacy policy.pdf" }
    /// ```
    ///
    /// ## Fix
    /// Write the full HTTPS address and percent-encode spaces:
    /// `"https://contoso.com/privacy%20policy.pdf"`.
    pub MetadataUrlNotHttps {
        code: "SW034",
        name: "metadata-url-not-https",
        group: Info,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("UrlNotValid"),
    }
}

impl Check for MetadataUrlNotHttps {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for e in metadata(sw) {
            let Some(name @ ("Website" | "Privacy policy")) = e.known else { continue };
            let (Some(node), Some(value)) = (e.value_node, e.value()) else { continue };
            if value.trim().is_empty() {
                continue; // SW031 reports it.
            }
            if value.starts_with("https://") && is_absolute_http_url(value) {
                continue;
            }
            let help = if value.starts_with("http://") && is_absolute_http_url(value) {
                "use https://"
            } else if value.trim() != value {
                "remove the spaces around the URL"
            } else if value.contains(' ') {
                "percent-encode spaces as %20"
            } else {
                "write the full address, starting with https://"
            };
            cx.report_value(
                node,
                format!("The '{name}' value '{value}' is not an absolute https:// URL"),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn https_urls_pass() {
        assert!(check_swagger(&MetadataUrlNotHttps, json!({})).is_empty());
    }

    #[test]
    fn http_and_bare_host_fail_at_the_value() {
        let d = check_swagger(
            &MetadataUrlNotHttps,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "www.in-d.ai"},
                {"propertyName": "Privacy Policy", "propertyValue": "http://x.io/privacy"},
                {"propertyName": "Categories", "propertyValue": "Data"}
            ]}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/x-ms-connector-metadata/0/propertyValue",
                "/x-ms-connector-metadata/1/propertyValue"
            ]
        );
        assert_eq!(d[1].help.as_deref(), Some("use https://"));
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn surrounding_space_fails_with_a_hint() {
        let d = check_swagger(
            &MetadataUrlNotHttps,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://x.io/ "},
                {"propertyName": "Privacy policy", "propertyValue": "https://x.io/p"},
                {"propertyName": "Categories", "propertyValue": "Data"}
            ]}),
        );
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata/0/propertyValue"]);
        assert_eq!(d[0].help.as_deref(), Some("remove the spaces around the URL"));
    }
}
