use super::common::{description, summary};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The text compared: trimmed, without a final period, lowercase.
fn normalized(s: &str) -> String {
    s.trim().trim_end_matches('.').trim_end().to_lowercase()
}

declare_rule! {
    /// ## What it does
    /// Checks that an operation's `description` is not just its `summary` again (compared
    /// ignoring case, surrounding blanks and a final period).
    ///
    /// ## Why it matters
    /// The summary names the action; the description is the help text that explains what it
    /// does, what it needs and what it returns. Microsoft's string guidance and coding standard
    /// ask for the two to differ, and Copilot Studio relies on the description to pick actions.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Get the balance of a project", "description": "Get the balance of a project." }
    /// ```
    ///
    /// ## Fix
    /// Write a description in full sentences that adds information: "Returns the remaining
    /// budget of the project and the amount spent so far, in the project's currency."
    pub OperationDescriptionRepeatsSummary {
        code: "SW073",
        name: "operation-description-repeats-summary",
        group: Operations,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for OperationDescriptionRepeatsSummary {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((_, s)) = summary(&info.op) else { continue };
            let Some((node, d)) = description(&info.op) else { continue };
            if normalized(s) == normalized(d) {
                cx.report_value(
                    node,
                    format!(
                        "The description of operation {} repeats its summary.",
                        info.op.label()
                    ),
                )
                .set_help("describe in full sentences what the operation does, needs and returns");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(summary: &str, description: &str) -> serde_json::Value {
        json!({"paths": {"/tasks": {"post": {"summary": summary, "description": description}}}})
    }

    #[test]
    fn different_texts_pass() {
        assert!(check_swagger(&OperationDescriptionRepeatsSummary, json!({})).is_empty());
    }

    #[test]
    fn same_text_fails_at_the_description() {
        let d = check_swagger(
            &OperationDescriptionRepeatsSummary,
            patch("Create a task", "create a task. "),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/description"]);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
