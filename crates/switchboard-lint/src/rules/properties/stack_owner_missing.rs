use super::common::{missing_or_blank, properties_anchor};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `properties.stackOwner` is present and not empty.
    ///
    /// ## Why it matters
    /// Certification requires the stack owner, the company that owns the service behind the
    /// API (which differs from the publisher when a partner builds the connector). Older
    /// certified connectors lack it; new submissions without it are sent back.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#3A5F8C", "publisher": "Contoso" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"stackOwner": "Contoso Ltd."`, the owner of the backend service.
    pub StackOwnerMissing {
        code: "AP008",
        name: "stack-owner-missing",
        group: Properties,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for StackOwnerMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(properties) = props.properties() else { return };
        if let Some(span) = missing_or_blank(properties, "stackOwner", properties_anchor(props)) {
            cx.report_properties(span, "The 'stackOwner' property is required.")
                .set_help("set `stackOwner` to the company that owns the service behind the API");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn present_passes() {
        assert!(check_properties(&StackOwnerMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_or_empty_fails() {
        let d = check_properties(&StackOwnerMissing, json!({"properties": {"stackOwner": null}}));
        assert_eq!(pointers(&d), ["/properties"]);
        let d = check_properties(&StackOwnerMissing, json!({"properties": {"stackOwner": ""}}));
        assert_eq!(pointers(&d), ["/properties/stackOwner"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
