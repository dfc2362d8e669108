use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector folder contains `apiDefinition.swagger.json`.
    ///
    /// ## Why it matters
    /// The definition is the connector: without it nothing can be imported, certified or run.
    /// The certification pipeline looks for exactly this file in every connector folder.
    ///
    /// ## Example
    /// A folder with only `apiProperties.json` and `readme.md`.
    ///
    /// ## Fix
    /// Add the Swagger 2.0 definition as `apiDefinition.swagger.json`, or create one with
    /// `switchboard import openapi FILE -o DIR`.
    pub SwaggerMissing {
        code: "PK001",
        name: "swagger-missing",
        group: Package,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SwaggerMissing {
    fn check(&self, cx: &mut Context<'_>) {
        if cx.is_package() && cx.connector().swagger.is_none() {
            cx.report_file(
                switchboard_model::connector::SWAGGER_FILE,
                "apiDefinition.swagger.json is missing",
            )
            .set_help(
                "every connector needs its Swagger 2.0 definition in apiDefinition.swagger.json",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn present_passes() {
        assert!(check(&SwaggerMissing, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn missing_fails() {
        let d =
            check(&SwaggerMissing, &Fixture::new().remove("apiDefinition.swagger.json").build());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "PK001");
        assert!(d[0].location.file.ends_with("apiDefinition.swagger.json"));
    }
}
