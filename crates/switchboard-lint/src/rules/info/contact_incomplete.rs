use super::common::contact;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact` has a non-empty `name`, `url` and `email` (one finding per
    /// missing field).
    ///
    /// ## Why it matters
    /// The certification guide asks for all three so that users and Microsoft can reach the
    /// connector's support. Many merged connectors omit `url`, so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "contact": { "name": "Contoso Support" } } }
    /// ```
    ///
    /// ## Fix
    /// Add the missing fields: `"url": "https://contoso.com/support"`,
    /// `"email": "support@contoso.com"`.
    pub ContactIncomplete {
        code: "SW027",
        name: "contact-incomplete",
        group: Info,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for ContactIncomplete {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(contact) = contact(sw) else { return }; // SW026 reports it.
        for field in ["name", "url", "email"] {
            let present =
                contact.get(field).is_some_and(|v| v.as_str().is_none_or(|s| !s.trim().is_empty()));
            if !present {
                cx.report_value(contact, format!("The 'contact' object has no '{field}'"))
                    .set_help("give the name, URL and email address of the connector's support");
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
    fn complete_contact_passes() {
        assert!(check_swagger(&ContactIncomplete, json!({})).is_empty());
        // A missing contact is SW026's.
        assert!(check_swagger(&ContactIncomplete, json!({"info": {"contact": null}})).is_empty());
    }

    #[test]
    fn each_missing_field_fails_at_contact() {
        let d = check_swagger(
            &ContactIncomplete,
            json!({"info": {"contact": {"url": null, "email": ""}}}),
        );
        assert_eq!(pointers(&d), ["/info/contact", "/info/contact"]);
        assert!(d[0].message.contains("'url'") || d[1].message.contains("'url'"));
        assert!(d.iter().any(|d| d.message.contains("'email'")));
    }
}
