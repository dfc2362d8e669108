use super::common::{categories, metadata};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The most categories a connector may have.
const MAX: usize = 2;

declare_rule! {
    /// ## What it does
    /// Checks that the `Categories` metadata entry lists at most two categories
    /// (`;`-separated).
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects more ("TooManyConnectorCategories").
    ///
    /// ## Example
    /// ```json
    /// { "propertyName": "Categories", "propertyValue": "Productivity;Data;AI" }
    /// ```
    ///
    /// ## Fix
    /// Keep the two categories that describe the connector best: `"Productivity;Data"`.
    pub ConnectorCategoriesTooMany {
        code: "SW033",
        name: "connector-categories-too-many",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("TooManyConnectorCategories"),
    }
}

impl Check for ConnectorCategoriesTooMany {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for e in metadata(sw).filter(|e| e.known == Some("Categories")) {
            let (Some(node), Some(value)) = (e.value_node, e.value()) else { continue };
            let count = categories(value).count();
            if count > MAX {
                cx.report_value(
                    node,
                    format!("The connector has {count} categories; at most {MAX} are allowed"),
                )
                .set_help("keep the two categories that describe the connector best");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn with_categories(value: &str) -> serde_json::Value {
        json!({"x-ms-connector-metadata": [
            {"propertyName": "Website", "propertyValue": "https://x.io"},
            {"propertyName": "Privacy policy", "propertyValue": "https://x.io/p"},
            {"propertyName": "Categories", "propertyValue": value}
        ]})
    }

    #[test]
    fn two_pass() {
        assert!(check_swagger(&ConnectorCategoriesTooMany, with_categories("AI;Data;")).is_empty());
    }

    #[test]
    fn three_fail_at_the_value() {
        let d = check_swagger(&ConnectorCategoriesTooMany, with_categories("AI;Data;Finance"));
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata/2/propertyValue"]);
        assert!(d[0].message.contains("3 categories"));
    }
}
