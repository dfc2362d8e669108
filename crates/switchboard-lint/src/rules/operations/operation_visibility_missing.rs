use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports operations that do not declare `x-ms-visibility`.
    ///
    /// ## Why it matters
    /// The certification checklist asks for "summary, description, or visibility information"
    /// on every operation. `x-ms-visibility` decides where the action appears in the designer:
    /// `important` operations are listed first, `advanced` ones are tucked away and `internal`
    /// ones are hidden. Without it every operation gets the default placement. Most merged
    /// connectors omit it, so this is information only.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "ListTasks", "summary": "List tasks" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-visibility": "important"` to the main actions, `"advanced"` to rarely used
    /// ones and `"internal"` to helpers such as dynamic-value lookups.
    pub OperationVisibilityMissing {
        code: "SW076",
        name: "operation-visibility-missing",
        group: Operations,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for OperationVisibilityMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if op.node.get("x-ms-visibility").is_none() {
                cx.report_value(
                    op.node,
                    format!("Operation {} does not declare 'x-ms-visibility'.", op.label()),
                )
                .set_help("add \"x-ms-visibility\": \"important\", \"advanced\" or \"internal\"");
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
    fn declared_visibility_passes() {
        assert!(check_swagger(&OperationVisibilityMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_visibility_is_reported_at_the_operation() {
        let p = json!({"paths": {"/tasks": {"post": {"x-ms-visibility": null}}}});
        let d = check_swagger(&OperationVisibilityMissing, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
