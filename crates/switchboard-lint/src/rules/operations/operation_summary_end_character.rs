use super::common::{replace_string, summary};
use crate::{Check, Context, Levels, Severity, declare_rule};

fn ends_well(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ')')
}

declare_rule! {
    /// ## What it does
    /// Checks that each operation `summary` ends with a letter, a digit or `)`.
    ///
    /// ## Why it matters
    /// Certification requires summaries to end in an alphanumeric character
    /// ("ValueMustEndWithAlphanumeric"; reviewers also reject trailing periods, blanks and line
    /// breaks). A closing parenthesis is accepted, as in "Get a row (deprecated)".
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Retrieves a list of orders." }
    /// ```
    ///
    /// ## Fix
    /// Drop the trailing punctuation or whitespace ("Retrieve a list of orders"); write markers
    /// such as `[DEPRECATED]` as `(deprecated)`.
    pub OperationSummaryEndCharacter {
        code: "SW070",
        name: "operation-summary-end-character",
        group: Operations,
        levels: Levels::cert(Severity::Error),
        ms_rule: Some("ValueMustEndWithAlphanumeric"),
    }
}

impl Check for OperationSummaryEndCharacter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = summary(&info.op) else { continue };
            if ends_well(text) {
                continue;
            }
            let last =
                text.chars().last().map(|c| c.escape_debug().to_string()).unwrap_or_default();
            let d = cx.report_value(
                node,
                format!(
                    "The summary of operation {} must end with a letter, a digit or ')', not '{last}'.",
                    info.op.label()
                ),
            );
            d.set_help("remove the trailing punctuation or whitespace");
            // Trailing blanks and sentence punctuation can go mechanically; anything else
            // (a bracket, a quote) needs rewording.
            let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || ".,:;!".contains(c));
            if ends_well(trimmed) {
                d.set_fix(replace_string(node, trimmed, "Remove the trailing characters".into()));
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
    fn letter_digit_or_parenthesis_pass() {
        for s in ["Create a task", "Create a task V2", "Create a task (deprecated)"] {
            assert!(check_swagger(&OperationSummaryEndCharacter, patch(s)).is_empty(), "{s}");
        }
    }

    #[test]
    fn trailing_period_fails_with_a_fix() {
        let d = check_swagger(&OperationSummaryEndCharacter, patch("Create a task. "));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        let fix = d[0].fix.as_ref().expect("fix");
        assert_eq!(fix.edits[0].replacement, "\"Create a task\"");
        let c = Fixture::new().swagger(patch("Create a task.")).build();
        assert_eq!(
            check_with(&OperationSummaryEndCharacter, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn bracket_fails_without_a_fix() {
        let d = check_swagger(&OperationSummaryEndCharacter, patch("List records [DEPRECATED]"));
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
    }
}
