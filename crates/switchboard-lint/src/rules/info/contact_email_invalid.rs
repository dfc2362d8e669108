use super::common::contact;
use crate::text::is_email;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact.email` is a syntactically valid ASCII e-mail address
    /// (`local@domain.tld`).
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects invalid addresses ("ContactEmailNotValid", policy
    /// 5000.3.1.4); the address is how Microsoft and users reach the connector's support.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "contact": { "email": "support at contoso.com" } } }
    /// ```
    ///
    /// ## Fix
    /// Use a plain address without a display name or `mailto:`:
    /// `"email": "support@contoso.com"`.
    pub ContactEmailInvalid {
        code: "SW028",
        name: "contact-email-invalid",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ContactEmailNotValid"),
    }
}

impl Check for ContactEmailInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = contact(sw).and_then(|c| c.get("email")) else { return };
        let Some(email) = node.as_str() else { return };
        if email.trim().is_empty() {
            return; // SW027 reports it.
        }
        if !is_email(email) {
            let d = cx.report_value(
                node,
                format!("The contact email '{email}' is not a valid email address"),
            );
            d.set_help("use a plain ASCII address such as support@contoso.com");
            if email.starts_with("mailto:") {
                d.set_help("remove the `mailto:` prefix");
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
    fn valid_address_passes() {
        assert!(check_swagger(&ContactEmailInvalid, json!({})).is_empty());
    }

    #[test]
    fn invalid_address_fails_at_the_email() {
        let d = check_swagger(
            &ContactEmailInvalid,
            json!({"info": {"contact": {"email": "mailto:support@x.io"}}}),
        );
        assert_eq!(pointers(&d), ["/info/contact/email"]);
        assert_eq!(d[0].help.as_deref(), Some("remove the `mailto:` prefix"));
        let d = check_swagger(
            &ContactEmailInvalid,
            json!({"info": {"contact": {"email": "support@taskforge"}}}),
        );
        assert_eq!(d.len(), 1);
    }
}
