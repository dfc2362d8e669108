use super::independent_publisher_brand_color::IP_COLOR;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For verified-publisher certification, checks that `properties.iconBrandColor` is not
    /// `#da3b01`, the colour reserved for independent-publisher connectors.
    ///
    /// ## Why it matters
    /// `#da3b01` marks a connector as community-built; a verified publisher's connector with
    /// that background looks like an independent-publisher one and does not carry the
    /// publisher's brand, which the submission guide asks for.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    /// in `certified-connectors/Contoso/apiProperties.json`.
    ///
    /// ## Fix
    /// Use your brand's colour, the same as the background of your icon.
    pub VerifiedPublisherIpColor {
        code: "AP006",
        name: "verified-publisher-ip-color",
        group: Properties,
        levels: Levels::verified(Severity::Warning),
    }
}

impl Check for VerifiedPublisherIpColor {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(value) = props.properties().and_then(|p| p.get("iconBrandColor")) else { return };
        if value.as_str().is_some_and(|c| c.eq_ignore_ascii_case(IP_COLOR)) {
            cx.report_properties(value.span, format!("'{IP_COLOR}' is the independent-publisher brand color; verified publishers use their own brand color"))
                .set_help("use your brand's colour, the same as the icon background");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_properties, check_with, pointers};
    use serde_json::json;

    #[test]
    fn brand_colour_passes() {
        assert!(check_properties(&VerifiedPublisherIpColor, json!({})).is_empty());
    }

    #[test]
    fn ip_colour_fails_for_verified_publishers_only() {
        let c =
            Fixture::new().properties(json!({"properties": {"iconBrandColor": "#DA3B01"}})).build();
        let d = check(&VerifiedPublisherIpColor, &c);
        assert_eq!(pointers(&d), ["/properties/iconBrandColor"]);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(check_with(&VerifiedPublisherIpColor, &c, Profile::Default).is_empty());
        assert!(
            check_with(&VerifiedPublisherIpColor, &c, Profile::IndependentPublisher).is_empty()
        );
    }
}
