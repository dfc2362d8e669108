use super::common::{description, summary};
use crate::text::product_name;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no operation `summary` or `description` names a Power Platform product
    /// (Power Apps, Power Automate, Logic Apps, Power Platform, Copilot Studio, Microsoft Flow,
    /// Power Virtual Agents), matched on normalised words so "PowerApps" and "logic-apps" count.
    ///
    /// ## Why it matters
    /// A connector is used from all of these products; certification rejects strings that tie
    /// it to one of them ("ValueContainsRestrictedWords"), and the text would be wrong in the
    /// others.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Send a message", "description": "Sends a message from a Power Automate flow." }
    /// ```
    ///
    /// ## Fix
    /// Describe the operation without naming the product: "Sends a message to a channel."
    pub OperationProductName {
        code: "SW075",
        name: "operation-product-name",
        group: Operations,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueContainsRestrictedWords"),
    }
}

impl Check for OperationProductName {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            for (field, value) in
                [("summary", summary(&info.op)), ("description", description(&info.op))]
            {
                let Some((node, text)) = value else { continue };
                if let Some(name) = product_name(text) {
                    cx.report_value(
                        node,
                        format!(
                            "The value '{field}' of operation {} contains at least one of the restricted words: '{name}'.",
                            info.op.label()
                        ),
                    )
                    .set_help("describe the operation without naming a Power Platform product");
                }
            }
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
    fn neutral_text_passes() {
        assert!(check_swagger(&OperationProductName, json!({})).is_empty());
        let p = json!({"paths": {"/tasks": {"post": {"description": "Powerful automation for apps."}}}});
        assert!(check_swagger(&OperationProductName, p).is_empty());
    }

    #[test]
    fn product_names_fail_at_each_string() {
        let p = json!({"paths": {"/tasks": {"post": {
            "summary": "Create a PowerApps task",
            "description": "Creates a task from a Power Automate flow."
        }}}});
        let d = check_swagger(&OperationProductName, p.clone());
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/summary", "/paths/~1tasks/post/description"]
        );
        assert!(d[1].message.contains("'Power Automate'"), "{}", d[1].message);
        let c = Fixture::new().swagger(p).build();
        assert_eq!(
            check_with(&OperationProductName, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
