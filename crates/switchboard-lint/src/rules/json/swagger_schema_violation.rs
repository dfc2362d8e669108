use super::schema_check::{Target, report};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Validates `apiDefinition.swagger.json` against the JSON schema of the
    /// microsoft/PowerPlatformConnectors repository, `schemas/apiDefinition.swagger.schema.json`
    /// (Swagger 2.0 plus the `x-ms-*` extensions). The schema is looked up in a `schemas/`
    /// folder at or above the connector's folder, as in a checkout of that repository; when
    /// there is none, the rule does nothing. Each violation is reported at the value concerned
    /// (or at the key of a member that is not allowed), up to 25 per file. When a value
    /// matches none of the alternatives of a `oneOf`/`anyOf` (a parameter is a body, query,
    /// header, path or formData parameter), the violations of the alternative it was meant to
    /// match are reported.
    ///
    /// ## Why it matters
    /// The schema is what editors use to flag mistakes while a connector is written, and what
    /// the repository's reviewers expect files to follow; a violation is often a real mistake
    /// (a misspelled keyword, a value of the wrong type). But the schema is stricter than the
    /// platform — a closed list of `format` values, no `x-nullable`, no `x-ms-openai-data`,
    /// `false` not accepted where the service takes it — and about a fifth of certified
    /// connectors fail it, so this is a warning, never a gate.
    ///
    /// ## Example
    /// ```json
    /// { "name": "id", "in": "query", "type": "string", "format": "guid", "x-nullable": false }
    /// ```
    /// (`guid` is not in the schema's list of formats, and `x-nullable` is not allowed on a
    /// parameter.)
    ///
    /// ## Fix
    /// Correct the value where the schema is right (typos, wrong types, misplaced keys). Where
    /// the platform accepts what the schema rejects, the warning can be ignored.
    pub SwaggerSchemaViolation {
        code: "SCH001",
        name: "swagger-schema-violation",
        group: Json,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for SwaggerSchemaViolation {
    fn check(&self, cx: &mut Context<'_>) {
        report(cx, Target::Swagger);
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema_check::{SWAGGER_SCHEMA, tests::temp_repo};
    use super::*;
    use crate::test_support::{Fixture, check, pointers};
    use serde_json::json;

    const SCHEMA: &str = r#"{
        "type": "object",
        "required": ["swagger", "info", "paths"],
        "properties": {
            "swagger": {"enum": ["2.0"]}, // the version
            "info": {"type": "object", "required": ["title"]},
            "host": {"type": "string", "pattern": "^[^{}/ :\\\\]+(?::\\d+)?$"}
        }
    }"#;

    #[test]
    fn valid_file_and_no_schema_pass() {
        // The fixture folder has no schemas/ folder above it: nothing to check.
        assert!(
            check(
                &SwaggerSchemaViolation,
                &Fixture::new().swagger(json!({"swagger": "3.0"})).build()
            )
            .is_empty()
        );
        let repo = temp_repo("swagger-pass", SWAGGER_SCHEMA, SCHEMA);
        let dir = repo.join("certified-connectors").join("Taskforge");
        let d = check(&SwaggerSchemaViolation, &Fixture::new().build_at(&dir.to_string_lossy()));
        assert!(d.is_empty(), "{d:#?}");
        let _ = std::fs::remove_dir_all(repo);
    }

    #[test]
    fn violations_fail_at_their_values() {
        let repo = temp_repo("swagger-fail", SWAGGER_SCHEMA, SCHEMA);
        let dir = repo.join("certified-connectors").join("Taskforge");
        let c = Fixture::new()
            .swagger(json!({"host": "https://api.taskforge.io", "info": {"title": null}}))
            .build_at(&dir.to_string_lossy());
        let d = check(&SwaggerSchemaViolation, &c);
        assert_eq!(pointers(&d), ["/info", "/host"]);
        assert_eq!(d[0].message, "The 'title' property is required.");
        assert!(d[1].message.contains("does not match the pattern"), "{}", d[1].message);
        assert_eq!(d[0].severity, Severity::Warning);
        let _ = std::fs::remove_dir_all(repo);
    }
}
