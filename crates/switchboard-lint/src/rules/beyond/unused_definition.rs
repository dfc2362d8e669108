use switchboard_model::json::Value;

use super::common::{for_each_ref, ref_target};
use crate::fast_hash::{FastMap, FastSet};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `#/definitions` is used: referenced, directly or through
    /// other definitions, from `paths`, `#/parameters`, `#/responses` or a root extension
    /// (`x-…`).
    ///
    /// ## Why it matters
    /// Dead schemas are left over from generators and old versions. They bloat the file towards
    /// the 1 MB import limit and the 500,000-character limit of solution-aware connectors, and
    /// reviewers and validators still read (and report on) them.
    ///
    /// ## Example
    /// ```json
    /// { "definitions": { "Task": { "type": "object" }, "LegacyTask": { "type": "object" } } }
    /// ```
    /// when no operation, parameter, response or other used definition refers to
    /// `#/definitions/LegacyTask`.
    ///
    /// ## Fix
    /// Delete the definition, or reference it where it was meant to be used.
    pub UnusedDefinition {
        code: "BX001",
        name: "unused-definition",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for UnusedDefinition {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(definitions) = sw.doc.definitions() else { return };
        if definitions.is_empty() {
            return;
        }
        let root = sw.root();
        let mut used: FastSet<String> = FastSet::default();
        let mut pending = Vec::new();
        let visit = |r: &str, used: &mut FastSet<String>, pending: &mut Vec<String>| {
            if let Some((section, name)) = ref_target(r)
                && section == "definitions"
                && !used.contains(name.as_ref())
            {
                used.insert(name.to_string());
                pending.push(name.into_owned());
            }
        };
        let roots = root.members().filter(|m| {
            ["paths", "parameters", "responses"].contains(&m.key.as_str())
                || m.key.starts_with("x-")
        });
        for m in roots {
            for_each_ref(&m.value, &mut |r| visit(r, &mut used, &mut pending));
        }
        // By name, the last duplicate winning as with `get` (connectors have hundreds).
        let by_name: FastMap<&str, &Value> =
            definitions.members.iter().map(|m| (m.key.as_str(), &m.value)).collect();
        while let Some(name) = pending.pop() {
            if let Some(def) = by_name.get(name.as_str()) {
                for_each_ref(def, &mut |r| visit(r, &mut used, &mut pending));
            }
        }
        for m in &definitions.members {
            if !used.contains(m.key.as_str()) {
                cx.report_swagger(
                    m.key_span,
                    format!(
                        "Definition '{}' is not referenced by any operation, parameter or response",
                        m.key
                    ),
                )
                .set_help(
                    "delete the unused definition, or reference it where it was meant to be used",
                );
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
    fn referenced_definitions_pass() {
        assert!(check_swagger(&UnusedDefinition, json!({})).is_empty());
    }

    #[test]
    fn transitive_and_shared_references_count() {
        let d = check_swagger(
            &UnusedDefinition,
            json!({
                "definitions": {
                    "Task": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/User"}}},
                    "User": {"type": "object", "properties": {"team": {"items": {"$ref": "#/definitions/My%20Team"}}}},
                    "My Team": {"type": "object"},
                    "Error": {"type": "object"}
                },
                "responses": {"Failed": {"description": "Failed", "schema": {"$ref": "#/definitions/Error"}}}
            }),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn unreferenced_definitions_fail_at_their_key() {
        let d = check_swagger(
            &UnusedDefinition,
            json!({"definitions": {
                "Legacy": {"type": "object", "properties": {"x": {"$ref": "#/definitions/Other"}}},
                "Other": {"type": "string"}
            }}),
        );
        assert_eq!(pointers(&d), ["/definitions/Legacy", "/definitions/Other"]);
        assert!(d[0].message.contains("'Legacy'"));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
