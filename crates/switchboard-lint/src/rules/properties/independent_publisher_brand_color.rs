use crate::{Check, Context, Levels, Severity, declare_rule};

/// The brand colour of every independent-publisher connector.
pub(crate) const IP_COLOR: &str = "#da3b01";

declare_rule! {
    /// ## What it does
    /// For independent-publisher connectors, checks that `properties.iconBrandColor` is
    /// `#da3b01` (compared case-insensitively).
    ///
    /// ## Why it matters
    /// Independent-publisher connectors all share the generic icon on the `#da3b01` background;
    /// the submission guide and the repository README require that colour, and reviewers send
    /// back pull requests that use another.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#3A5F8C" } }
    /// ```
    /// in `independent-publisher-connectors/Contoso/apiProperties.json`.
    ///
    /// ## Fix
    /// Set `"iconBrandColor": "#da3b01"`.
    pub IndependentPublisherBrandColor {
        code: "AP005",
        name: "independent-publisher-brand-color",
        group: Properties,
        levels: Levels::ip(Severity::Error),
    }
}

impl Check for IndependentPublisherBrandColor {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(value) = props.properties().and_then(|p| p.get("iconBrandColor")) else { return };
        let Some(color) = value.as_str() else { return };
        if !color.eq_ignore_ascii_case(IP_COLOR) {
            cx.report_properties(value.span, format!("independent-publisher connectors must use the brand color '{IP_COLOR}', found '{color}'"))
                .set_help("set \"iconBrandColor\": \"#da3b01\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check, check_with, pointers};
    use serde_json::json;

    #[test]
    fn ip_colour_passes_in_any_case() {
        let c =
            Fixture::new().properties(json!({"properties": {"iconBrandColor": "#DA3B01"}})).build();
        assert!(
            check_with(&IndependentPublisherBrandColor, &c, Profile::IndependentPublisher)
                .is_empty()
        );
    }

    #[test]
    fn other_colour_fails_for_independent_publishers_only() {
        let c = Fixture::new().build();
        let d = check_with(&IndependentPublisherBrandColor, &c, Profile::IndependentPublisher);
        assert_eq!(pointers(&d), ["/properties/iconBrandColor"]);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(check(&IndependentPublisherBrandColor, &c).is_empty());
        let ip = Fixture::new().build_at("independent-publisher-connectors/Contoso");
        assert_eq!(check(&IndependentPublisherBrandColor, &ip).len(), 1);
    }
}
