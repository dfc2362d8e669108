use super::common::title;
use crate::text::product_name;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `info.title` does not name a Power Platform product: Power Apps, Power
    /// Automate, Logic Apps, Power Platform, Copilot Studio, Microsoft Flow, Power Virtual
    /// Agents, in any spelling ("PowerApps", "power-automate").
    ///
    /// ## Why it matters
    /// Certification does not allow Microsoft product names in a connector's title: the
    /// connector appears in all of those products, and the name suggests Microsoft publishes
    /// it.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Cards for Power Apps" } }
    /// ```
    ///
    /// ## Fix
    /// Name your own product or company: `"title": "Contoso Cards"`.
    pub TitleProductName {
        code: "SW013",
        name: "title-product-name",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueContainsRestrictedWords"),
    }
}

impl Check for TitleProductName {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some((node, text)) = title(sw) else { return };
        if let Some(name) = product_name(text) {
            cx.report_value(node, format!("The value 'title' contains the restricted product name '{name}'"))
                .set_help("name your own product or company; the connector appears in every Power Platform product");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn own_name_passes() {
        assert!(
            check_swagger(&TitleProductName, json!({"info": {"title": "Powerful Automation"}}))
                .is_empty()
        );
    }

    #[test]
    fn product_name_fails_at_the_title() {
        let d = check_swagger(&TitleProductName, json!({"info": {"title": "Cards for PowerApps"}}));
        assert_eq!(pointers(&d), ["/info/title"]);
        assert!(d[0].message.contains("'Power Apps'"));
    }
}
