use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `securityDefinitions` has at most one entry.
    ///
    /// ## Why it matters
    /// A connection uses a single authentication scheme: the platform takes one definition and
    /// ignores the others. Connectors that offer several kinds of sign-in must describe them
    /// with `connectionParameterSets` in apiProperties.json (multi-auth) instead.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" },
    ///                          "basic": { "type": "basic" } }
    /// ```
    ///
    /// ## Fix
    /// Keep one definition; model alternatives with `connectionParameterSets`.
    pub MultipleSecurityDefinitions {
        code: "SW171",
        name: "multiple-security-definitions",
        group: Security,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for MultipleSecurityDefinitions {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(defs) = sw.root().get("securityDefinitions") else { return };
        let count = defs.members().count();
        if count > 1 {
            let names: Vec<String> = defs.members().map(|m| format!("'{}'", m.key)).collect();
            cx.report_value(
                defs,
                format!("The connector declares {count} security definitions ({}); a connection uses only one.", names.join(", ")),
            )
            .set_help("keep one definition and describe alternatives with connectionParameterSets in apiProperties.json");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn one_definition_passes() {
        assert!(check_swagger(&MultipleSecurityDefinitions, json!({})).is_empty());
    }

    #[test]
    fn two_definitions_fail_once_at_the_object() {
        let d = check_swagger(
            &MultipleSecurityDefinitions,
            json!({"securityDefinitions": {"basic": {"type": "basic"}}}),
        );
        assert_eq!(pointers(&d), ["/securityDefinitions"]);
        assert!(d[0].message.contains("'api_key', 'basic'"));
    }
}
