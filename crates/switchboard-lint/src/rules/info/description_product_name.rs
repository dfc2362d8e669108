use super::common::description;
use crate::text::product_name;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` does not name a Power Platform product: Power Apps,
    /// Power Automate, Logic Apps, Power Platform, Copilot Studio, Microsoft Flow, Power
    /// Virtual Agents, in any spelling.
    ///
    /// ## Why it matters
    /// Certification rejects it with "The value 'description' contains at least one of the
    /// restricted words: 'power apps, power automate, logic apps'." (policy 5000.2.3.5): the
    /// description is shown inside each of those products, where naming them is redundant
    /// or wrong.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "description": "Use Contoso in Power Automate to track shipments." } }
    /// ```
    ///
    /// ## Fix
    /// Describe the service and the actions without naming the host product: "Track
    /// shipments and get delivery notifications from Contoso."
    pub DescriptionProductName {
        code: "SW022",
        name: "description-product-name",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueContainsRestrictedWords"),
    }
}

impl Check for DescriptionProductName {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = description(sw) else { return };
        if let Some(name) = product_name(text) {
            cx.report_value(node, format!("The value 'description' contains at least one of the restricted words: 'power apps, power automate, logic apps' (found '{name}')."))
                .set_help("describe the service and its actions without naming Microsoft products");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn description_without_product_passes() {
        assert!(check_swagger(&DescriptionProductName, json!({})).is_empty());
    }

    #[test]
    fn product_name_fails_at_the_description() {
        let d = check_swagger(
            &DescriptionProductName,
            json!({"info": {"description": "Connect Contoso to the Power Platform and automate shipping."}}),
        );
        assert_eq!(pointers(&d), ["/info/description"]);
        assert!(d[0].message.ends_with("(found 'Power Platform')."));
    }
}
