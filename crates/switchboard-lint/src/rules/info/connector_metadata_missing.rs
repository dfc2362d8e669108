use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root has an `x-ms-connector-metadata` array.
    ///
    /// ## Why it matters
    /// Certification requires it: it carries the connector's website, privacy policy and
    /// categories shown in the gallery. Microsoft's validator reports "The
    /// 'x-ms-connector-metadata' property is required."
    ///
    /// ## Example
    /// A swagger whose root has `info`, `host`, `paths`… but no `x-ms-connector-metadata`.
    ///
    /// ## Fix
    /// Add at the root:
    /// ```json
    /// "x-ms-connector-metadata": [
    ///   { "propertyName": "Website", "propertyValue": "https://contoso.com" },
    ///   { "propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy" },
    ///   { "propertyName": "Categories", "propertyValue": "Productivity;Collaboration" }
    /// ]
    /// ```
    pub ConnectorMetadataMissing {
        code: "SW030",
        name: "connector-metadata-missing",
        group: Info,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("RequiredPropertyMissing"),
    }
}

impl Check for ConnectorMetadataMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        if root.as_object().is_none() {
            return; // JS005 reports it.
        }
        match root.get("x-ms-connector-metadata") {
            None => {
                cx.report_value(root, "The 'x-ms-connector-metadata' property is required.")
                    .set_help("add entries for 'Website', 'Privacy policy' and 'Categories'");
            }
            Some(v) if v.as_array().is_none() => {
                cx.report_value(
                    v,
                    format!(
                        "The 'x-ms-connector-metadata' value must be an array, found {}",
                        v.json_type().article_name()
                    ),
                )
                .set_help("write a list of {\"propertyName\": …, \"propertyValue\": …} objects");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn array_passes() {
        assert!(check_swagger(&ConnectorMetadataMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_the_root() {
        let d = check_swagger(&ConnectorMetadataMissing, json!({"x-ms-connector-metadata": null}));
        assert_eq!(pointers(&d), [""]);
        assert_eq!(d[0].message, "The 'x-ms-connector-metadata' property is required.");
    }

    #[test]
    fn object_fails_at_the_value() {
        let d = check_swagger(
            &ConnectorMetadataMissing,
            json!({"x-ms-connector-metadata": {"Website": "https://x.io"}}),
        );
        assert_eq!(pointers(&d), ["/x-ms-connector-metadata"]);
    }
}
