use super::common::summary;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Characters Microsoft's validator rejects in an operation summary.
const RESTRICTED: &[char] = &['/', '\\', '<', '>', '*', '%', '&', '?'];

declare_rule! {
    /// ## What it does
    /// Checks that no operation `summary` contains any of the characters `/ \ < > * % & ?`.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects such summaries for every connector ("Summary string
    /// contains any of the restricted characters [/\<>*%&?]", RestrictedCharactersInSummary):
    /// the summary becomes part of generated names and URLs in the designers.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Create/update a contact" }
    /// ```
    ///
    /// ## Fix
    /// Rephrase with words: "Create or update a contact", "Tasks and projects",
    /// "Percent complete".
    pub OperationSummaryRestrictedCharacters {
        code: "SW069",
        name: "operation-summary-restricted-characters",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RestrictedCharactersInSummary"),
    }
}

impl Check for OperationSummaryRestrictedCharacters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = summary(&info.op) else { continue };
            let mut found: Vec<char> = text.chars().filter(|c| RESTRICTED.contains(c)).collect();
            if found.is_empty() {
                continue;
            }
            found.dedup();
            let list: String =
                found.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ");
            cx.report_value(
                node,
                format!(
                    "Summary string contains any of the restricted characters [/\\<>*%&?]: operation {} uses {list}.",
                    info.op.label()
                ),
            )
            .set_help("rephrase with words, e.g. \"Create or update a contact\" instead of \"Create/update a contact\"");
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
    fn plain_summary_passes() {
        assert!(
            check_swagger(
                &OperationSummaryRestrictedCharacters,
                patch("Create or update a task (v2)")
            )
            .is_empty()
        );
    }

    #[test]
    fn restricted_characters_fail_once_per_summary() {
        let d = check_swagger(
            &OperationSummaryRestrictedCharacters,
            patch("Create/update a task & notify?"),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        assert!(d[0].message.contains("'/', '&', '?'"), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
