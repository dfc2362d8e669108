use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every trigger (an operation with `x-ms-trigger`) has an
    /// `x-ms-trigger-hint`.
    ///
    /// ## Why it matters
    /// The hint is the text Power Automate shows when a user tests a flow ("To see it work,
    /// create a task in Taskforge"); without it the user waits without knowing what to do.
    /// Many merged triggers have none, so this is information.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "OnNewTask", "x-ms-trigger": "batch" }
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-trigger-hint": "To see it work, create a task in Taskforge."`.
    pub TriggerHintMissing {
        code: "SW165",
        name: "trigger-hint-missing",
        group: Extensions,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for TriggerHintMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for op in &sw.operations {
            if op.op.is_trigger() && op.op.node.get("x-ms-trigger-hint").is_none() {
                cx.report_value(op.op.node, format!("The trigger {} has no 'x-ms-trigger-hint'.", op.op.label()))
                    .set_help("add \"x-ms-trigger-hint\": a sentence telling the user how to fire the trigger");
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
    fn hinted_triggers_and_actions_pass() {
        assert!(check_swagger(&TriggerHintMissing, json!({})).is_empty());
        let d = check_swagger(
            &TriggerHintMissing,
            json!({"paths": {"/tasks/{taskId}": {"get": {"x-ms-trigger": "single", "x-ms-trigger-hint": "Create a task."}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn trigger_without_hint_is_reported_at_the_operation() {
        let d = check_swagger(
            &TriggerHintMissing,
            json!({"paths": {"/tasks/{taskId}": {"get": {"x-ms-trigger": "single"}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get"]);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
