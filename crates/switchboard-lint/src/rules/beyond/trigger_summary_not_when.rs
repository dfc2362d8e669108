use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the summary of every visible trigger (an operation with `x-ms-trigger`)
    /// starts with the word "When", as in "When a task is created".
    ///
    /// ## Why it matters
    /// Microsoft's string guidance names triggers "When a …", like every built-in trigger, and
    /// reviewers of independent-publisher submissions ask for it. A trigger called "Task
    /// created" or "New task webhook" reads as an action in the trigger picker.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "OnTaskCreated", "summary": "Task created trigger", "x-ms-trigger": "single" }
    /// ```
    ///
    /// ## Fix
    /// Rephrase the summary as the event: "When a task is created".
    pub TriggerSummaryNotWhen {
        code: "BX012",
        name: "trigger-summary-not-when",
        group: Beyond,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for TriggerSummaryNotWhen {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if !op.is_trigger() || op.is_internal() {
                continue;
            }
            let Some(node) = op.node.get("summary") else { continue };
            let Some(summary) = node.as_str() else { continue };
            let first = summary.split_whitespace().next().unwrap_or_default();
            if first.is_empty() || first.eq_ignore_ascii_case("when") {
                continue;
            }
            cx.report_value(
                node,
                format!(
                    "The summary '{summary}' of trigger {} does not start with 'When'",
                    op.label()
                ),
            )
            .set_help("name triggers after the event, e.g. \"When a task is created\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    fn trigger(summary: &str) -> serde_json::Value {
        json!({"paths": {"/hooks": {"post": {"operationId": "OnTask", "summary": summary, "x-ms-trigger": "single"}}}})
    }

    #[test]
    fn when_passes() {
        assert!(
            check_swagger(&TriggerSummaryNotWhen, trigger("When a task is created")).is_empty()
        );
        assert!(
            check_swagger(&TriggerSummaryNotWhen, trigger("when a task is created")).is_empty()
        );
        // Actions are not concerned.
        assert!(check_swagger(&TriggerSummaryNotWhen, json!({})).is_empty());
    }

    #[test]
    fn other_wording_fails_at_the_summary() {
        let d = check_swagger(&TriggerSummaryNotWhen, trigger("Task created"));
        assert_eq!(pointers(&d), ["/paths/~1hooks/post/summary"]);
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(trigger("Whenever")).build();
        let d = check_with(&TriggerSummaryNotWhen, &c, Profile::Default);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
