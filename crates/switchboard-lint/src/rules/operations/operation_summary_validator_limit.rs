use super::common::summary;
use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Summaries must be shorter than this (Microsoft's validator, all connectors).
const LIMIT: usize = 120;

declare_rule! {
    /// ## What it does
    /// Checks that each operation `summary` is shorter than 120 characters, the bound Microsoft's
    /// Swagger validator applies to every connector, certified or not.
    ///
    /// ## Why it matters
    /// The validator rejects longer summaries ("OperationSummaryTooLong") even when the
    /// connector is not submitted for certification, so the file cannot be imported. (For
    /// certification the stricter 80-character limit of SW067 applies.)
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Find documents by using search criteria, optionally filtered by project, owner, status, creation date and the date of the last change" }
    /// ```
    ///
    /// ## Fix
    /// Shorten the summary to a verb phrase ("Search documents") and move the details to
    /// `description`.
    pub OperationSummaryValidatorLimit {
        code: "SW068",
        name: "operation-summary-validator-limit",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationSummaryTooLong"),
    }
}

impl Check for OperationSummaryValidatorLimit {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = summary(&info.op) else { continue };
            let len = char_len(text);
            if len >= LIMIT {
                cx.report_value(
                    node,
                    format!(
                        "The summary of operation {} is too long ({len} characters); it must be shorter than {LIMIT}.",
                        info.op.label()
                    ),
                )
                .set_help("keep the summary to a short verb phrase and move details to the description");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(summary: &str) -> serde_json::Value {
        json!({"paths": {"/tasks": {"post": {"summary": summary}}}})
    }

    #[test]
    fn one_hundred_nineteen_characters_pass() {
        assert!(check_swagger(&OperationSummaryValidatorLimit, patch(&"a".repeat(119))).is_empty());
    }

    #[test]
    fn one_hundred_twenty_fail_at_the_summary() {
        let d = check_swagger(&OperationSummaryValidatorLimit, patch(&"a".repeat(120)));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
