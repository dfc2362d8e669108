use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root object of `apiProperties.json` has no members besides `properties`
    /// and `$schema`.
    ///
    /// ## Why it matters
    /// The apiProperties schema allows nothing else at the root; anything there is ignored by
    /// the platform, which usually means a member (`iconBrandColor`, `connectionParameters`)
    /// was put one level too high and is silently lost.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#3A5F8C" }, "publisher": "Contoso" }
    /// ```
    ///
    /// ## Fix
    /// Move the member into `properties`, or delete it.
    pub PropertiesRootUnknownKey {
        code: "AP011",
        name: "properties-root-unknown-key",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PropertiesRootUnknownKey {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        for m in props.root.members() {
            if m.key != "properties" && m.key != "$schema" {
                cx.report_properties(m.key_span, format!("'{}' is not allowed at the root of apiProperties.json", m.key))
                    .set_help("only `properties` and `$schema` belong at the root; move the member into `properties`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn properties_and_schema_pass() {
        let patch = json!({"$schema": "https://example.org/schema.json"});
        assert!(check_properties(&PropertiesRootUnknownKey, patch).is_empty());
    }

    #[test]
    fn other_root_members_fail_at_the_key() {
        let d = check_properties(&PropertiesRootUnknownKey, json!({"publisher": "Contoso"}));
        assert_eq!(pointers(&d), ["/publisher"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
