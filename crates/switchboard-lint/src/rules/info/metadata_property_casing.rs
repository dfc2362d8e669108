use super::common::{metadata, replace_string};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the `x-ms-connector-metadata` propertyNames are spelt exactly as
    /// documented: `Website`, `Privacy policy`, `Categories`.
    ///
    /// ## Why it matters
    /// The platform compares the names case-insensitively, so "Privacy Policy" works, but
    /// the documented spelling keeps the file consistent with Microsoft's templates and with
    /// stricter tools.
    ///
    /// ## Example
    /// ```json
    /// { "propertyName": "Privacy Policy", "propertyValue": "https://contoso.com/privacy" }
    /// ```
    ///
    /// ## Fix
    /// Use the documented spelling: `"propertyName": "Privacy policy"` (automatic fix).
    pub MetadataPropertyCasing {
        code: "SW036",
        name: "metadata-property-casing",
        group: Info,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for MetadataPropertyCasing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for e in metadata(sw) {
            let Some(known) = e.known else { continue };
            if e.name != known {
                cx.report_value(
                    e.name_node,
                    format!("The metadata propertyName '{}' should be spelt '{known}'", e.name),
                )
                .set_fix(replace_string(
                    e.name_node.span,
                    known,
                    format!("Replace with `{known}`"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn documented_spelling_passes() {
        assert!(check_swagger(&MetadataPropertyCasing, json!({})).is_empty());
    }

    #[test]
    fn other_casing_fails_with_a_fix() {
        let d = check_swagger(
            &MetadataPropertyCasing,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "WebSite", "propertyValue": "https://x.io"},
                {"propertyName": "Privacy Policy", "propertyValue": "https://x.io/p"},
                {"propertyName": "Categories", "propertyValue": "Data"}
            ]}),
        );
        assert_eq!(
            pointers(&d),
            ["/x-ms-connector-metadata/0/propertyName", "/x-ms-connector-metadata/1/propertyName"]
        );
        assert_eq!(
            d[1].fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
            Some("\"Privacy policy\"")
        );
        assert_eq!(d[0].severity, Severity::Info);
    }
}
