use super::common::{definition, requirements};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every name used in a `security` requirement (the root one and operations')
    /// is a key of `securityDefinitions`.
    ///
    /// ## Why it matters
    /// A requirement that names no definition cannot be applied: the platform rejects the file
    /// ("SecurityRequirementMustBeDefined"), or the operation is called without credentials.
    /// The usual cause is renaming the definition (`api_key` → `API Key`) and not the
    /// requirement.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } },
    /// "security": [ { "apiKey": [] } ]
    /// ```
    ///
    /// ## Fix
    /// Use the definition's exact key in the requirement (names are case-sensitive).
    pub SecurityRequirementUndefined {
        code: "SW172",
        name: "security-requirement-undefined",
        group: Security,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("SecurityRequirementMustBeDefined"),
    }
}

impl Check for SecurityRequirementUndefined {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for req in requirements(sw) {
            let name = req.member.key.as_str();
            if definition(sw, name).is_some() {
                continue;
            }
            let known: Vec<String> =
                sw.doc.security_definitions().map(|s| format!("'{}'", s.name)).collect();
            let d = cx.report_swagger(
                req.member.key_span,
                format!("The security requirement '{name}' is not defined in the 'securityDefinitions' object (in {}).", req.owner),
            );
            if known.is_empty() {
                d.set_help("add the definition to securityDefinitions, or remove the requirement");
            } else {
                d.set_help(format!("use one of the defined names: {}", known.join(", ")));
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
    fn defined_names_pass() {
        assert!(check_swagger(&SecurityRequirementUndefined, json!({})).is_empty());
    }

    #[test]
    fn undefined_names_fail_at_the_key() {
        let d = check_swagger(
            &SecurityRequirementUndefined,
            json!({
                "security": [{"apiKey": []}],
                "paths": {"/tasks": {"post": {"security": [{"oauth": []}]}}}
            }),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/security/0/oauth", "/security/0/apiKey"]);
        assert!(d[0].message.contains("'oauth'") && d[0].message.contains("'CreateTask'"));
    }
}
