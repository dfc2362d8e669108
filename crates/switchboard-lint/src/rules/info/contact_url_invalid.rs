use super::common::contact;
use crate::text::is_absolute_http_url;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact.url` is an absolute `http://` or `https://` URL with a host
    /// and no spaces.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects other values ("UrlNotValid"); the link is shown to users
    /// as the connector's support page.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "contact": { "url": "www.contoso.com/support" } } }
    /// ```
    ///
    /// ## Fix
    /// Write the full URL: `"url": "https://www.contoso.com/support"`.
    pub ContactUrlInvalid {
        code: "SW029",
        name: "contact-url-invalid",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("UrlNotValid"),
    }
}

impl Check for ContactUrlInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = contact(sw).and_then(|c| c.get("url")) else { return };
        let Some(url) = node.as_str() else { return };
        if url.trim().is_empty() {
            return; // SW027 reports it.
        }
        if !is_absolute_http_url(url) {
            cx.report_value(node, format!("The contact url '{url}' is not an absolute URL"))
                .set_help("write the full address, starting with https://");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn absolute_url_passes() {
        assert!(check_swagger(&ContactUrlInvalid, json!({})).is_empty());
        assert!(
            check_swagger(
                &ContactUrlInvalid,
                json!({"info": {"contact": {"url": "http://contoso.com"}}})
            )
            .is_empty()
        );
    }

    #[test]
    fn relative_url_fails_at_the_url() {
        let d = check_swagger(
            &ContactUrlInvalid,
            json!({"info": {"contact": {"url": "www.contoso.com/support"}}}),
        );
        assert_eq!(pointers(&d), ["/info/contact/url"]);
    }
}
