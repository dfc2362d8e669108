use crate::text::char_len;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The limit on a parameter's `x-ms-summary`.
const MAX: usize = 80;

declare_rule! {
    /// ## What it does
    /// Checks that a parameter's `x-ms-summary` is at most 80 characters.
    ///
    /// ## Why it matters
    /// The summary is a field label in the designers; Microsoft's string guidance and the
    /// certification review limit it to 80 characters ("FieldLengthExceeded").
    ///
    /// ## Example
    /// ```json
    /// { "name": "q", "in": "query", "type": "string",
    ///   "x-ms-summary": "The search expression used to filter the list of tasks returned by this operation" }
    /// ```
    ///
    /// ## Fix
    /// Keep the label short ("Search"); move the explanation to `description`.
    pub ParameterSummaryTooLong {
        code: "SW105",
        name: "parameter-summary-too-long",
        group: Parameters,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("FieldLengthExceeded"),
    }
}

impl Check for ParameterSummaryTooLong {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let Some(v) = decl.param.node.get("x-ms-summary") else { continue };
            let Some(s) = v.as_str() else { continue };
            let len = char_len(s);
            if len > MAX {
                cx.report_value(
                    v,
                    format!(
                        "The 'x-ms-summary' value goes over the character limit '{MAX}' ({len} characters, parameter {}).",
                        decl.param.label()
                    ),
                )
                .set_help("keep the label short; move the explanation to `description`");
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
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string",
             "x-ms-summary": summary, "description": "d", "x-ms-url-encoding": "single"}
        ]}}}})
    }

    #[test]
    fn eighty_characters_pass() {
        assert!(check_swagger(&ParameterSummaryTooLong, patch(&"a".repeat(80))).is_empty());
    }

    #[test]
    fn eighty_one_fail_at_the_summary() {
        let d = check_swagger(&ParameterSummaryTooLong, patch(&"a".repeat(81)));
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-summary"]);
    }
}
