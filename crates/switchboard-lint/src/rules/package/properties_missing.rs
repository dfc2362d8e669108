use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector folder contains `apiProperties.json`.
    ///
    /// ## Why it matters
    /// `apiProperties.json` holds the connection parameters (how users sign in), the brand
    /// colour, the publisher and the policy templates. Without it a connector has no
    /// authentication and cannot be certified.
    ///
    /// ## Example
    /// A folder with only `apiDefinition.swagger.json`.
    ///
    /// ## Fix
    /// Add `apiProperties.json`; `switchboard new NAME` scaffolds one.
    pub PropertiesMissing {
        code: "PK003",
        name: "properties-missing",
        group: Package,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PropertiesMissing {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.is_package() && cx.connector().properties.is_none() {
            cx.report_file(
                switchboard_model::connector::PROPERTIES_FILE,
                "apiProperties.json is missing",
            )
            .set_help("add apiProperties.json with at least `properties.iconBrandColor`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn present_passes() {
        assert!(check(&PropertiesMissing, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn missing_fails() {
        let d = check(&PropertiesMissing, &Fixture::new().remove("apiProperties.json").build());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "PK003");
    }
}
