use super::common::{description, replace_string, summary};
use crate::{Check, Context, Levels, Severity, declare_rule};

fn mentions_deprecated(s: &str) -> bool {
    s.to_ascii_lowercase().contains("deprecated")
}

declare_rule! {
    /// ## What it does
    /// Checks that an operation with `"deprecated": true` says so in its `summary` (and in its
    /// `description`, when it has one), conventionally with "(deprecated)".
    ///
    /// ## Why it matters
    /// Microsoft's deprecation guide asks for the marker in the text: existing flows keep using
    /// the operation and show its summary, and the word is what tells their authors to move to
    /// the replacement.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetStockData", "deprecated": true, "summary": "Get stock data" }
    /// ```
    ///
    /// ## Fix
    /// Append " (deprecated)" to the summary and mention the replacement in the description:
    /// "This action has been deprecated. Use Get stock data (V2) instead."
    pub DeprecatedOperationUnmarked {
        code: "SW079",
        name: "deprecated-operation-unmarked",
        group: Operations,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for DeprecatedOperationUnmarked {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if !op.is_deprecated() {
                continue;
            }
            if let Some((node, text)) = summary(op)
                && !mentions_deprecated(text)
            {
                let marked = format!("{} (deprecated)", text.trim_end());
                cx.report_value(
                    node,
                    format!(
                        "Operation {} is deprecated but its summary does not say '(deprecated)'.",
                        op.label()
                    ),
                )
                .set_help("append \" (deprecated)\" to the summary")
                .set_fix(replace_string(
                    node,
                    &marked,
                    "Append \" (deprecated)\"".into(),
                ));
            }
            if let Some((node, text)) = description(op)
                && !mentions_deprecated(text)
            {
                cx.report_value(
                    node,
                    format!(
                        "Operation {} is deprecated but its description does not say so.",
                        op.label()
                    ),
                )
                .set_help("say that the operation is deprecated and name its replacement");
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
    fn marked_or_active_operations_pass() {
        assert!(check_swagger(&DeprecatedOperationUnmarked, json!({})).is_empty());
        let p = json!({"paths": {"/tasks": {"post": {
            "deprecated": true,
            "summary": "Create a task (deprecated)",
            "description": "Deprecated: use Create a task (V2) instead."
        }}}});
        assert!(check_swagger(&DeprecatedOperationUnmarked, p).is_empty());
    }

    #[test]
    fn unmarked_summary_and_description_fail() {
        let p = json!({"paths": {"/tasks": {"post": {"deprecated": true}}}});
        let d = check_swagger(&DeprecatedOperationUnmarked, p);
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/summary", "/paths/~1tasks/post/description"]
        );
        assert_eq!(
            d[0].fix.as_ref().expect("fix").edits[0].replacement,
            "\"Create a task (deprecated)\""
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
