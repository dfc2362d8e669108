use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact` is present and is an object.
    ///
    /// ## Why it matters
    /// Certification requires a support contact for the connector; Microsoft's validator
    /// reports "The 'contact' property is required." at `/info`. Older certified connectors
    /// lack it, new submissions are rejected.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "version": "1.0" } }
    /// ```
    ///
    /// ## Fix
    /// Add the support contact:
    /// `"contact": { "name": "Contoso Support", "url": "https://contoso.com/support", "email": "support@contoso.com" }`
    pub ContactMissing {
        code: "SW026",
        name: "contact-missing",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for ContactMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(info) = sw.doc.info() else { return }; // SW010 reports a missing `info`.
        match info.get("contact") {
            None => {
                cx.report_value(info, "The 'contact' property is required.")
                    .set_help("add `contact` with the `name`, `url` and `email` of your support");
            }
            Some(c) if c.as_object().is_none() => {
                cx.report_value(
                    c,
                    format!(
                        "The 'contact' value must be an object, found {}",
                        c.json_type().article_name()
                    ),
                );
            }
            Some(_) => {}
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
    fn contact_passes() {
        assert!(check_swagger(&ContactMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_info() {
        let d = check_swagger(&ContactMissing, json!({"info": {"contact": null}}));
        assert_eq!(pointers(&d), ["/info"]);
        assert_eq!(d[0].message, "The 'contact' property is required.");
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().swagger(json!({"info": {"contact": null}})).build();
        assert_eq!(check_with(&ContactMissing, &c, Profile::Default)[0].severity, Severity::Info);
    }

    #[test]
    fn string_fails_at_the_value() {
        let d = check_swagger(&ContactMissing, json!({"info": {"contact": "support@x.io"}}));
        assert_eq!(pointers(&d), ["/info/contact"]);
    }
}
