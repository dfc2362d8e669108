use super::common::operation_ids;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `properties.scriptOperations` is the `operationId` of an
    /// operation in the swagger (exact, case-sensitive match).
    ///
    /// ## Why it matters
    /// `scriptOperations` decides which operations run through `script.csx`. A name that
    /// matches no operation means the intended operation bypasses the script and calls the
    /// backend directly, usually with the wrong path or payload.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "scriptOperations": ["postCall"] } }
    /// ```
    /// where the swagger has no operation `postCall`.
    ///
    /// ## Fix
    /// Use the operationIds exactly as declared in apiDefinition.swagger.json.
    pub ScriptOperationUnknown {
        code: "AP034",
        name: "script-operation-unknown",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptOperationUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(sw) = cx.swagger() else { return };
        let ids = operation_ids(sw);
        for entry in props.script_operations() {
            let Some(name) = entry.as_str() else { continue };
            if ids.contains(&name) {
                continue;
            }
            let help = match ids.iter().find(|x| x.eq_ignore_ascii_case(name)) {
                Some(x) => format!("operationIds are case-sensitive: write '{x}'"),
                None => "use an operationId declared in apiDefinition.swagger.json".to_string(),
            };
            cx.report_properties(
                entry.span,
                format!("script operation '{name}' is not an operationId of the swagger"),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn declared_operations_pass() {
        let patch = json!({"properties": {"scriptOperations": ["GetTask"]}});
        assert!(check_properties(&ScriptOperationUnknown, patch).is_empty());
    }

    #[test]
    fn unknown_operation_fails_at_the_entry() {
        let patch = json!({"properties": {"scriptOperations": ["GetTask", "postCall"]}});
        let d = check_properties(&ScriptOperationUnknown, patch);
        assert_eq!(pointers(&d), ["/properties/scriptOperations/1"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
