use super::common::replace_string;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The `x-ms-trigger` values the platform understands.
const TRIGGERS: &[&str] = &["batch", "single"];

declare_rule! {
    /// ## What it does
    /// Checks that every `x-ms-trigger` is `"batch"` or `"single"`.
    ///
    /// ## Why it matters
    /// `x-ms-trigger` turns an operation into a trigger; its value tells the platform whether
    /// one notification carries one item (`single`) or an array to split (`batch`). These are
    /// the only values the extension defines (the connector repository's schema enumerates
    /// them), so any other value leaves the trigger's behaviour undefined.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "OnNewTask", "x-ms-trigger": "Single" }
    /// ```
    ///
    /// ## Fix
    /// Use `"single"` or `"batch"` (lowercase).
    pub TriggerValue {
        code: "SW078",
        name: "trigger-value",
        group: Operations,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for TriggerValue {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some(v) = info.op.node.get("x-ms-trigger") else { continue };
            if v.as_str().is_some_and(|s| TRIGGERS.contains(&s)) {
                continue;
            }
            let shown = v
                .as_str()
                .map_or_else(|| v.json_type().article_name().to_string(), |s| format!("'{s}'"));
            let d = cx.report_value(
                v,
                format!(
                    "The 'x-ms-trigger' value {shown} of operation {} is not 'batch' or 'single'.",
                    info.op.label()
                ),
            );
            d.set_help(
                "use \"single\" when a notification carries one item, \"batch\" for an array",
            );
            if let Some(lower) = v.as_str().map(str::to_ascii_lowercase)
                && TRIGGERS.contains(&lower.as_str())
            {
                d.set_fix(replace_string(v, &lower, format!("Replace with '{lower}'")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn single_and_batch_pass() {
        for t in ["single", "batch"] {
            let p = add_operation("/trigger", "get", "OnNewTask", &json!({"x-ms-trigger": t}));
            assert!(check_swagger(&TriggerValue, p).is_empty(), "{t}");
        }
    }

    #[test]
    fn other_values_fail_at_the_value() {
        let p = add_operation("/trigger", "get", "OnNewTask", &json!({"x-ms-trigger": "Single"}));
        let d = check_swagger(&TriggerValue, p);
        assert_eq!(pointers(&d), ["/paths/~1trigger/get/x-ms-trigger"]);
        assert!(d[0].fix.is_some());
        let p = add_operation("/trigger", "get", "OnNewTask", &json!({"x-ms-trigger": true}));
        let d = check_swagger(&TriggerValue, p);
        assert!(d[0].message.contains("a boolean"), "{}", d[0].message);
        assert!(d[0].fix.is_none());
    }
}
