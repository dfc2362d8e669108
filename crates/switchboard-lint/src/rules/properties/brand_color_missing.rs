use super::common::properties_anchor;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `properties.iconBrandColor` is present.
    ///
    /// ## Why it matters
    /// The brand colour is the background of the connector's icon everywhere in Power Automate,
    /// Power Apps and Logic Apps; the apiProperties schema requires it and the import rejects a
    /// file without it.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "publisher": "Contoso" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"iconBrandColor": "#RRGGBB"` with your brand's colour (not `#ffffff` or `#007ee5`;
    /// independent publishers use `#da3b01`).
    pub BrandColorMissing {
        code: "AP002",
        name: "brand-color-missing",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for BrandColorMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(properties) = props.properties() else { return }; // AP001
        if properties.get("iconBrandColor").is_none() {
            cx.report_properties(
                properties_anchor(props),
                "The 'iconBrandColor' property is required.",
            )
            .set_help(
                "add \"iconBrandColor\": \"#RRGGBB\" with the background colour of your icon",
            );
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
        assert!(check_properties(&BrandColorMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_properties() {
        let d =
            check_properties(&BrandColorMissing, json!({"properties": {"iconBrandColor": null}}));
        assert_eq!(pointers(&d), ["/properties"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
