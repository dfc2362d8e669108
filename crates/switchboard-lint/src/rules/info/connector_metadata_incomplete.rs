use super::common::{METADATA_NAMES, metadata, metadata_array};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `x-ms-connector-metadata` has an entry with a non-empty `propertyValue`
    /// for each of `Website`, `Privacy policy` and `Categories`. Names are compared
    /// case-insensitively, as the platform does ("Privacy Policy" counts); the keys
    /// `propertyName` and `propertyValue` themselves are case-sensitive.
    ///
    /// ## Why it matters
    /// Certification requires the three entries ("ConnectorMetadataPropertiesMissing"): the
    /// gallery links to the website and privacy policy and files the connector under its
    /// categories.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-connector-metadata": [
    ///   { "propertyName": "Website", "propertyValue": "https://contoso.com" }
    /// ]
    /// ```
    ///
    /// ## Fix
    /// Add the missing entries, for example
    /// `{ "propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy" }`
    /// and `{ "propertyName": "Categories", "propertyValue": "Productivity" }`.
    pub ConnectorMetadataIncomplete {
        code: "SW031",
        name: "connector-metadata-incomplete",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ConnectorMetadataPropertiesMissing"),
    }
}

impl Check for ConnectorMetadataIncomplete {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(array) = metadata_array(sw) else { return }; // SW030 reports it.
        // Entries whose keys are miscased (`PropertyName`) are invisible to the platform.
        let miscased_keys = array.items().any(|item| {
            item.get("propertyName").is_none()
                && item.members().any(|m| m.key.eq_ignore_ascii_case("propertyName"))
        });
        for name in METADATA_NAMES {
            let mut found = None;
            let mut has_value = false;
            for e in metadata(sw).filter(|e| e.known == Some(name)) {
                found.get_or_insert(e.value_node.unwrap_or(e.item));
                has_value |= e.value().is_some_and(|v| !v.trim().is_empty());
            }
            match found {
                None => {
                    let d = cx.report_value(
                        array,
                        format!("The 'x-ms-connector-metadata' property has no '{name}' entry"),
                    );
                    if miscased_keys {
                        d.set_help(
                            "the keys are case-sensitive: write `propertyName` and `propertyValue`",
                        );
                    } else {
                        d.set_help(format!(
                            "add {{\"propertyName\": \"{name}\", \"propertyValue\": …}}"
                        ));
                    }
                }
                Some(node) if !has_value => {
                    cx.report_value(
                        node,
                        format!("The '{name}' entry of 'x-ms-connector-metadata' has no value"),
                    )
                    .set_help("set `propertyValue` to a non-empty string");
                }
                Some(_) => {}
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
    fn complete_metadata_passes_in_any_case() {
        assert!(check_swagger(&ConnectorMetadataIncomplete, json!({})).is_empty());
        let d = check_swagger(
            &ConnectorMetadataIncomplete,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "WEBSITE", "propertyValue": "https://x.io"},
                {"propertyName": "Privacy Policy", "propertyValue": "https://x.io/p"},
                {"propertyName": "categories", "propertyValue": "Data"}
            ]}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn missing_entry_fails_at_the_array() {
        let d = check_swagger(
            &ConnectorMetadataIncomplete,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://x.io"},
                {"propertyName": "Categories", "propertyValue": "Data"}
            ]}),
        );
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata"]);
        assert!(d[0].message.contains("'Privacy policy'"));
    }

    #[test]
    fn empty_value_fails_at_the_value() {
        let d = check_swagger(
            &ConnectorMetadataIncomplete,
            json!({"x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://x.io"},
                {"propertyName": "Privacy policy", "propertyValue": "https://x.io/p"},
                {"propertyName": "Categories", "propertyValue": " "}
            ]}),
        );
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata/2/propertyValue"]);
    }

    #[test]
    fn miscased_keys_fail_with_a_hint() {
        let d = check_swagger(
            &ConnectorMetadataIncomplete,
            json!({"x-ms-connector-metadata": [
                {"PropertyName": "Website", "PropertyValue": "https://x.io"},
                {"PropertyName": "Privacy policy", "PropertyValue": "https://x.io/p"},
                {"PropertyName": "Categories", "PropertyValue": "Data"}
            ]}),
        );
        assert_eq!(d.len(), 3);
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("case-sensitive")));
    }
}
