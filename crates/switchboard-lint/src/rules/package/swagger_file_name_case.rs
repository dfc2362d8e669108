use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::connector::SWAGGER_FILE;

declare_rule! {
    /// ## What it does
    /// Checks that the definition file is named exactly `apiDefinition.swagger.json`.
    ///
    /// ## Why it matters
    /// Microsoft's pipeline finds the file case-insensitively, but Linux tooling, paconn on
    /// Linux and most scripts are case-sensitive: `apidefinition.swagger.json` works on one
    /// machine and is missing on the next.
    ///
    /// ## Example
    /// `MicrosoftGraphSecurity/apidefinition.swagger.json`.
    ///
    /// ## Fix
    /// Rename the file to `apiDefinition.swagger.json` (on case-insensitive file systems, rename
    /// through an intermediate name, or use `git mv`).
    pub SwaggerFileNameCase {
        code: "PK002",
        name: "swagger-file-name-case",
        group: Package,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SwaggerFileNameCase {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(file) = cx.connector().swagger.as_ref() else { return };
        if cx.is_package()
            && file.entry != SWAGGER_FILE
            && file.entry.eq_ignore_ascii_case(SWAGGER_FILE)
        {
            let entry = file.entry.clone();
            cx.report_file(&entry, format!("'{entry}' should be named exactly '{SWAGGER_FILE}'"))
                .set_help("rename the file; case-sensitive tools will not find it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, base_swagger, check};

    #[test]
    fn exact_name_passes() {
        assert!(check(&SwaggerFileNameCase, &Fixture::new().build()).is_empty());
    }

    #[test]
    fn other_casing_fails() {
        let c = Fixture::new()
            .remove("apiDefinition.swagger.json")
            .set_json("apidefinition.swagger.json", &base_swagger())
            .build();
        let d = check(&SwaggerFileNameCase, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("'apidefinition.swagger.json'"));
    }
}
