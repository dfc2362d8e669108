use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `script.csx` and `properties.scriptOperations` come together: a script with
    /// no `scriptOperations` list, or a list with no script.
    ///
    /// ## Why it matters
    /// Without `scriptOperations` the custom code runs for *every* operation, which is rarely
    /// intended; a list without a script means the package is incomplete (the operations named
    /// will fail once deployed without their code).
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "scriptOperations": ["ConvertFile"] } }
    /// ```
    /// in a folder without `script.csx`.
    ///
    /// ## Fix
    /// Add the script, or list the operations the script handles in `scriptOperations`.
    pub ScriptOperationsMismatch {
        code: "PK005",
        name: "script-operations-mismatch",
        group: Package,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ScriptOperationsMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        if !cx.is_package() {
            return;
        }
        let Some(props) = cx.properties() else { return };
        let listed = props.script_operations().count();
        let has_script = cx.connector().script.is_some();
        if has_script && listed == 0 {
            cx.report_file(
                switchboard_model::connector::SCRIPT_FILE,
                "script.csx runs for every operation: apiProperties.json has no `scriptOperations`",
            )
            .set_help("list the operationIds the script handles in `properties.scriptOperations`");
        } else if !has_script && listed > 0 {
            let span = props
                .properties()
                .and_then(|p| p.member("scriptOperations"))
                .map(|m| m.key_span)
                .unwrap_or_default();
            cx.report_properties(span, format!("`scriptOperations` lists {listed} operation(s) but the connector has no script.csx"))
                .set_help("add the script.csx that implements these operations, or remove the list");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};
    use serde_json::json;

    #[test]
    fn neither_or_both_pass() {
        assert!(check(&ScriptOperationsMismatch, &Fixture::new().build()).is_empty());
        let c = Fixture::new()
            .properties(json!({"properties": {"scriptOperations": ["GetTask"]}}))
            .set("script.csx", b"class Script {}".to_vec())
            .build();
        assert!(check(&ScriptOperationsMismatch, &c).is_empty());
    }

    #[test]
    fn list_without_script_fails() {
        let c = Fixture::new()
            .properties(json!({"properties": {"scriptOperations": ["GetTask"]}}))
            .build();
        let d = check(&ScriptOperationsMismatch, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.pointer, "/properties/scriptOperations");
    }

    #[test]
    fn script_without_list_fails() {
        let c = Fixture::new().set("script.csx", b"class Script {}".to_vec()).build();
        let d = check(&ScriptOperationsMismatch, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].location.file.ends_with("script.csx"));
    }
}
