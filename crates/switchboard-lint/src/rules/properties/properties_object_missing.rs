use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root object of `apiProperties.json` has a `properties` member and that it
    /// is an object.
    ///
    /// ## Why it matters
    /// Everything the platform reads from the file (brand colour, connection parameters, policy
    /// templates, script operations) lives under `properties`; without it the import fails or
    /// the connector has no authentication at all.
    ///
    /// ## Example
    /// ```json
    /// { "iconBrandColor": "#3A5F8C", "connectionParameters": {} }
    /// ```
    ///
    /// ## Fix
    /// Wrap the members in a `properties` object:
    /// `{ "properties": { "iconBrandColor": "#3A5F8C", "connectionParameters": {} } }`.
    pub PropertiesObjectMissing {
        code: "AP001",
        name: "properties-object-missing",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PropertiesObjectMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        if props.root.as_object().is_none() {
            return; // JP005 reports it.
        }
        match props.root.get("properties") {
            Some(v) if v.as_object().is_some() => {}
            Some(v) => {
                let found = v.json_type().article_name();
                cx.report_properties(v.span, format!("'properties' must be an object, found {found}"))
                    .set_help("put iconBrandColor, connectionParameters and the other members in a `properties` object");
            }
            None => {
                cx.report_properties(props.root.span, "The 'properties' property is required.")
                    .set_help("wrap the file's members in a top-level `properties` object");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, check_properties, pointers};
    use serde_json::json;

    #[test]
    fn properties_object_passes() {
        assert!(check_properties(&PropertiesObjectMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_the_root() {
        let c = Fixture::new()
            .set_json("apiProperties.json", &json!({"iconBrandColor": "#3A5F8C"}))
            .build();
        let d = check(&PropertiesObjectMissing, &c);
        assert_eq!(pointers(&d), [""]);
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn array_fails_at_the_value() {
        let d = check_properties(&PropertiesObjectMissing, json!({"properties": []}));
        assert_eq!(pointers(&d), ["/properties"]);
        assert!(d[0].message.contains("an array"));
    }
}
