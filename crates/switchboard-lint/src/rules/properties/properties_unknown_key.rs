use crate::text::edit_distance;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The members of `properties` that paconn reads and writes (its download whitelist).
const KNOWN: &[&str] = &[
    "iconBrandColor",
    "publisher",
    "stackOwner",
    "capabilities",
    "connectionParameters",
    "connectionParameterSets",
    "policyTemplateInstances",
    "scriptOperations",
];

declare_rule! {
    /// ## What it does
    /// Checks that `properties` holds only the members the platform knows: `iconBrandColor`,
    /// `publisher`, `stackOwner`, `capabilities`, `connectionParameters`,
    /// `connectionParameterSets`, `policyTemplateInstances` and `scriptOperations`.
    ///
    /// ## Why it matters
    /// Other members are dropped on import (paconn keeps exactly this list), so a typo such as
    /// `stackowner` means the stack owner is missing, and a `script` object copied from another
    /// tool means the script runs for every operation instead of the listed ones.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "stackowner": "Contoso", "script": { "operationIds": ["GetTask"] } } }
    /// ```
    ///
    /// ## Fix
    /// Fix the spelling; list script operations in `scriptOperations`; move connection
    /// parameters such as `token:clientId` into `connectionParameters`.
    pub PropertiesUnknownKey {
        code: "AP012",
        name: "properties-unknown-key",
        group: Properties,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for PropertiesUnknownKey {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(properties) = props.properties() else { return };
        for m in properties.members() {
            if KNOWN.contains(&m.key.as_str()) {
                continue;
            }
            let help = suggestion(&m.key);
            cx.report_properties(
                m.key_span,
                format!("'{}' is not a known member of 'properties' and is ignored", m.key),
            )
            .set_help(help);
        }
    }
}

fn suggestion(key: &str) -> String {
    if key == "script" {
        return "list the operationIds the script handles in `scriptOperations`".to_string();
    }
    if key.contains(':') {
        return "connection parameters belong in `connectionParameters`".to_string();
    }
    let lower = key.to_ascii_lowercase();
    match KNOWN.iter().min_by_key(|k| edit_distance(&k.to_ascii_lowercase(), &lower)) {
        Some(k) if edit_distance(&k.to_ascii_lowercase(), &lower) <= 2 => {
            format!("did you mean '{k}'?")
        }
        _ => format!("known members: {}", KNOWN.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn known_members_pass() {
        let patch = json!({"properties": {"scriptOperations": [], "policyTemplateInstances": []}});
        assert!(check_properties(&PropertiesUnknownKey, patch).is_empty());
    }

    #[test]
    fn typos_and_foreign_members_fail_at_the_key() {
        let patch = json!({"properties": {"stackowner": "x", "script": {}, "token:clientId": {}}});
        let d = check_properties(&PropertiesUnknownKey, patch);
        assert_eq!(
            pointers(&d),
            ["/properties/stackowner", "/properties/script", "/properties/token:clientId"]
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean 'stackOwner'?"));
        assert!(d[1].help.as_deref().is_some_and(|h| h.contains("scriptOperations")));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
