use super::common::{missing_or_blank, properties_anchor};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `properties.publisher` is present and not empty.
    ///
    /// ## Why it matters
    /// Certification requires the publisher: the company name for verified publishers, the
    /// author's first and last name (or company) for independent publishers. It is shown on
    /// the connector's documentation page. Older certified connectors lack it; new submissions
    /// without it are sent back.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#3A5F8C", "stackOwner": "Contoso" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"publisher": "Contoso Ltd."` (independent publishers: your name).
    pub PublisherMissing {
        code: "AP007",
        name: "publisher-missing",
        group: Properties,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for PublisherMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(properties) = props.properties() else { return };
        if let Some(span) = missing_or_blank(properties, "publisher", properties_anchor(props)) {
            cx.report_properties(span, "The 'publisher' property is required.")
                .set_help("set `publisher` to your company name (independent publishers: your first and last name)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_properties, check_with, pointers};
    use serde_json::json;

    #[test]
    fn present_passes() {
        assert!(check_properties(&PublisherMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_properties_and_blank_at_the_value() {
        let d = check_properties(&PublisherMissing, json!({"properties": {"publisher": null}}));
        assert_eq!(pointers(&d), ["/properties"]);
        assert_eq!(d[0].severity, Severity::Error);
        let d = check_properties(&PublisherMissing, json!({"properties": {"publisher": "  "}}));
        assert_eq!(pointers(&d), ["/properties/publisher"]);
        let c = Fixture::new().properties(json!({"properties": {"publisher": null}})).build();
        assert_eq!(check_with(&PublisherMissing, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
