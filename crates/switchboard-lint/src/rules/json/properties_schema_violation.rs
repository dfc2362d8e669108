use super::schema_check::{Target, report};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Validates `apiProperties.json` against the JSON schema of the
    /// microsoft/PowerPlatformConnectors repository, `schemas/paconn-apiProperties.schema.json`
    /// (draft-07). The schema is looked up in a `schemas/` folder at or above the connector's
    /// folder, as in a checkout of that repository; when there is none, the rule does nothing.
    /// Each violation is reported at the value concerned (or at the key of a member that is not
    /// allowed), up to 25 per file.
    ///
    /// ## Why it matters
    /// The schema documents the shape paconn and the portal expect: connection parameter
    /// types and names, `oAuthSettings` per identity provider, policy template parameters. A
    /// violation is often a real mistake (a misspelled key such as `stackowner`, a boolean
    /// where a string is expected). But the schema lags behind the platform — it rejects
    /// `scriptOperations`, `connectionParameterSets` and JSON booleans in `constraints`, all of
    /// which the service accepts — so this is a warning, never a gate.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#3A5F8C", "stackowner": "Taskforge" } }
    /// ```
    ///
    /// ## Fix
    /// Correct the value where the schema is right; where the platform accepts what the schema
    /// rejects (`scriptOperations`, `connectionParameterSets`), the warning can be ignored.
    pub PropertiesSchemaViolation {
        code: "SCH002",
        name: "properties-schema-violation",
        group: Json,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PropertiesSchemaViolation {
    fn check(&self, cx: &mut Context<'_>) {
        report(cx, Target::Properties);
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema_check::{PROPERTIES_SCHEMA, tests::temp_repo};
    use super::*;
    use crate::test_support::{Fixture, check, pointers};
    use serde_json::json;

    const SCHEMA: &str = r#"{
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": ["properties"],
        "additionalProperties": false,
        "properties": {
            "properties": {
                "type": "object",
                "required": ["iconBrandColor"],
                "additionalProperties": false,
                "properties": {
                    "iconBrandColor": {"type": "string"},
                    "publisher": {"type": "string"},
                    "stackOwner": {"type": "string"},
                    "capabilities": {"type": "array", "items": {"enum": ["actions", "triggers"]}},
                    "connectionParameters": {"type": "object"}
                }
            }
        }
    }"#;

    #[test]
    fn valid_file_passes() {
        let repo = temp_repo("properties-pass", PROPERTIES_SCHEMA, SCHEMA);
        let dir = repo.join("certified-connectors").join("Taskforge");
        let d = check(&PropertiesSchemaViolation, &Fixture::new().build_at(&dir.to_string_lossy()));
        assert!(d.is_empty(), "{d:#?}");
        // Without a schemas/ folder above the connector, nothing is checked.
        let c = Fixture::new().properties(json!({"properties": {"stackowner": "x"}})).build();
        assert!(check(&PropertiesSchemaViolation, &c).is_empty());
        let _ = std::fs::remove_dir_all(repo);
    }

    #[test]
    fn unknown_key_fails_at_the_key() {
        let repo = temp_repo("properties-fail", PROPERTIES_SCHEMA, SCHEMA);
        let dir = repo.join("certified-connectors").join("Taskforge");
        let c = Fixture::new()
            .properties(json!({"properties": {"stackowner": "Taskforge", "capabilities": ["actions", "gateway"]}}))
            .build_at(&dir.to_string_lossy());
        let d = check(&PropertiesSchemaViolation, &c);
        assert_eq!(pointers(&d), ["/properties/capabilities/1", "/properties/stackowner"]);
        assert_eq!(d[1].message, "Property 'stackowner' is not allowed here");
        assert_eq!(d[0].severity, Severity::Warning);
        // Found the same way through a path with `..` in it.
        let roundabout =
            repo.join("certified-connectors").join("Other").join("..").join("Taskforge");
        let c = Fixture::new()
            .properties(json!({"properties": {"stackowner": "Taskforge"}}))
            .build_at(&roundabout.to_string_lossy());
        assert_eq!(pointers(&check(&PropertiesSchemaViolation, &c)), ["/properties/stackowner"]);
        let _ = std::fs::remove_dir_all(repo);
    }
}
