use super::common::{CATEGORIES, categories, known_category, metadata};
use crate::text::edit_distance;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each `;`-separated value of the `Categories` metadata entry is one of the
    /// certification categories: AI, Business Management, Business Intelligence,
    /// Collaboration, Commerce, Communication, Content and Files, Finance, Data, Human
    /// Resources, Internet of Things, IT Operations, Lifestyle and Entertainment, Marketing,
    /// Productivity, Sales and CRM, Security, Social Media, Website (compared
    /// case-insensitively, surrounding spaces ignored).
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects other values ("InvalidConnectorCategory"): the gallery
    /// files connectors under these categories only.
    ///
    /// ## Example
    /// ```json
    /// { "propertyName": "Categories", "propertyValue": "Productivity;Utilities" }
    /// ```
    ///
    /// ## Fix
    /// Pick at most two categories from the list, separated by `;`:
    /// `"propertyValue": "Productivity;IT Operations"`.
    pub ConnectorCategoryInvalid {
        code: "SW032",
        name: "connector-category-invalid",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("InvalidConnectorCategory"),
    }
}

impl Check for ConnectorCategoryInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for e in metadata(sw).filter(|e| e.known == Some("Categories")) {
            let (Some(node), Some(value)) = (e.value_node, e.value()) else { continue };
            for category in categories(value) {
                if known_category(category).is_some() {
                    continue;
                }
                let d = cx
                    .report_value(node, format!("'{category}' is not a valid connector category"));
                let lower = category.to_lowercase();
                match CATEGORIES.iter().min_by_key(|c| edit_distance(&c.to_lowercase(), &lower)) {
                    Some(c) if edit_distance(&c.to_lowercase(), &lower) <= 2 => {
                        d.set_help(format!("did you mean '{c}'?"));
                    }
                    _ => {
                        d.set_help(format!("use one or two of: {}", CATEGORIES.join(", ")));
                    }
                }
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
    fn known_categories_pass() {
        assert!(check_swagger(&ConnectorCategoryInvalid, json!({})).is_empty());
        assert!(
            check_swagger(&ConnectorCategoryInvalid, with_categories(" social media; Data;"))
                .is_empty()
        );
    }

    #[test]
    fn unknown_category_fails_at_the_value() {
        let d = check_swagger(&ConnectorCategoryInvalid, with_categories("Productivty;Utilities"));
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata/2/propertyValue"; 2]);
        assert_eq!(d[0].help.as_deref(), Some("did you mean 'Productivity'?"));
        assert!(d[1].message.contains("'Utilities'"));
    }
}
