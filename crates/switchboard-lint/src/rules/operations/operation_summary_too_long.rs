use super::common::summary;
use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The certification limit on an operation summary.
const MAX: usize = 80;

declare_rule! {
    /// ## What it does
    /// Checks that each operation `summary` is at most 80 characters long.
    ///
    /// ## Why it matters
    /// The summary is the action's title on the designer card; certification requires at most
    /// 80 characters (connector string guidance, "FieldLengthExceeded"). Long titles are hard to
    /// scan in the action picker.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Generate a PS, PCL, ZPL, DPL, IPL or TPCL file from a template and the data passed in the request" }
    /// ```
    ///
    /// ## Fix
    /// Keep the summary to a short verb phrase ("Generate a print file") and move the details
    /// to `description`.
    pub OperationSummaryTooLong {
        code: "SW067",
        name: "operation-summary-too-long",
        group: Operations,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("FieldLengthExceeded"),
    }
}

impl Check for OperationSummaryTooLong {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = summary(&info.op) else { continue };
            let len = char_len(text);
            if len > MAX {
                cx.report_value(
                    node,
                    format!(
                        "The 'summary' value goes over the character limit '{MAX}' ({len} characters) in operation {}.",
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
    use crate::Profile;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    fn patch(summary: &str) -> serde_json::Value {
        json!({"paths": {"/tasks": {"post": {"summary": summary}}}})
    }

    #[test]
    fn eighty_characters_pass() {
        assert!(check_swagger(&OperationSummaryTooLong, patch(&"a".repeat(80))).is_empty());
    }

    #[test]
    fn eighty_one_fail_at_the_summary() {
        let d = check_swagger(&OperationSummaryTooLong, patch(&"a".repeat(81)));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        assert!(d[0].message.starts_with("The 'summary' value goes over the character limit '80'"));
        let c = Fixture::new().swagger(patch(&"a".repeat(81))).build();
        assert_eq!(
            check_with(&OperationSummaryTooLong, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
