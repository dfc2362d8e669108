use super::common::metadata;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `x-ms-connector-metadata` entry has one of the documented
    /// propertyNames: `Website`, `Privacy policy` or `Categories` (case-insensitive).
    ///
    /// ## Why it matters
    /// The certification guide says not to change the propertyNames; other entries ("Terms",
    /// "Security policy") are not shown anywhere and may be rejected in review.
    ///
    /// ## Example
    /// ```json
    /// { "propertyName": "Terms of Service", "propertyValue": "https://contoso.com/terms" }
    /// ```
    ///
    /// ## Fix
    /// Remove the entry; link such pages from the readme instead.
    pub MetadataPropertyUnknown {
        code: "SW035",
        name: "metadata-property-unknown",
        group: Info,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for MetadataPropertyUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for e in metadata(sw).filter(|e| e.known.is_none()) {
            cx.report_value(
                e.name_node,
                format!("Unknown x-ms-connector-metadata propertyName '{}'", e.name),
            )
            .set_help(
                "only 'Website', 'Privacy policy' and 'Categories' are used; remove the entry",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn documented_names_pass() {
        assert!(check_swagger(&MetadataPropertyUnknown, json!({})).is_empty());
    }

    #[test]
    fn unknown_name_fails_at_the_name() {
        let d = check_swagger(
            &MetadataPropertyUnknown,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://x.io"},
                {"propertyName": "Terms", "propertyValue": "https://x.io/t"}
            ]}),
        );
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata/1/propertyName"]);
    }
}
