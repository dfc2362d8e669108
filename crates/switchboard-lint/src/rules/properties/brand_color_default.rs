use crate::{Check, Context, Levels, Severity, declare_rule};

/// Colours the pull-request template forbids: white and the portal's default blue.
const FORBIDDEN: &[(&str, &str)] = &[("#ffffff", "white"), ("#007ee5", "the default colour")];

declare_rule! {
    /// ## What it does
    /// Checks that `properties.iconBrandColor` is neither `#ffffff` (white) nor `#007ee5` (the
    /// colour the portal assigns by default), in any letter case.
    ///
    /// ## Why it matters
    /// The certification pull-request template makes submitters confirm that "apiProperties.json
    /// has a valid brand color and doesn't use an invalid brand color, `#007ee5` or `#ffffff`":
    /// a white background makes the icon invisible on white pages, and the default blue means
    /// the colour was never chosen (policy 5000.2.1.1).
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#007ee5" } }
    /// ```
    ///
    /// ## Fix
    /// Use your brand's primary colour, the same as the icon's background.
    pub BrandColorDefault {
        code: "AP004",
        name: "brand-color-default",
        group: Properties,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for BrandColorDefault {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(value) = props.properties().and_then(|p| p.get("iconBrandColor")) else { return };
        let Some(color) = value.as_str() else { return };
        if let Some((_, what)) = FORBIDDEN.iter().find(|(c, _)| c.eq_ignore_ascii_case(color)) {
            cx.report_properties(value.span, format!("'iconBrandColor' must not be {what} ('{color}'): use a valid brand color that is not '#007ee5' or '#ffffff'"))
                .set_help("use your brand's primary colour, the same as the icon background");
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
    fn brand_colour_passes() {
        assert!(check_properties(&BrandColorDefault, json!({})).is_empty());
    }

    #[test]
    fn white_and_default_fail_in_any_case() {
        let d = check_properties(
            &BrandColorDefault,
            json!({"properties": {"iconBrandColor": "#FFFFFF"}}),
        );
        assert_eq!(pointers(&d), ["/properties/iconBrandColor"]);
        assert!(d[0].message.contains("white"));
        assert_eq!(d[0].severity, Severity::Error);
        let c =
            Fixture::new().properties(json!({"properties": {"iconBrandColor": "#007ee5"}})).build();
        let d = check_with(&BrandColorDefault, &c, Profile::Default);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
