use super::common::summary;
use crate::{Check, Context, Levels, Severity, declare_rule};

fn allowed(c: char) -> bool {
    c.is_alphanumeric() || c == ' ' || c == '(' || c == ')'
}

declare_rule! {
    /// ## What it does
    /// Checks that each operation `summary` contains only letters, digits, spaces and
    /// parentheses.
    ///
    /// ## Why it matters
    /// The certification guidance says summaries "should … contain only alphanumeric characters
    /// or parentheses". Hyphens, commas, colons and apostrophes are common in merged connectors,
    /// so this is a warning; the characters the validator rejects outright are SW069's.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Excel - Set cell value, or formula" }
    /// ```
    ///
    /// ## Fix
    /// Rephrase without punctuation: "Set an Excel cell value or formula".
    pub OperationSummaryCharacters {
        code: "SW071",
        name: "operation-summary-characters",
        group: Operations,
        levels: Levels::cert(Severity::Warning),
    }
}

impl Check for OperationSummaryCharacters {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = summary(&info.op) else { continue };
            let mut found: Vec<char> = Vec::new();
            for c in text.chars().filter(|&c| !allowed(c)) {
                if !found.contains(&c) {
                    found.push(c);
                }
            }
            if found.is_empty() {
                continue;
            }
            let list = found
                .iter()
                .map(|c| format!("'{}'", c.escape_debug()))
                .collect::<Vec<_>>()
                .join(", ");
            cx.report_value(
                node,
                format!(
                    "The summary of operation {} should contain only letters, digits, spaces and parentheses; it has {list}.",
                    info.op.label()
                ),
            )
            .set_help("rephrase without punctuation, e.g. \"Create or update a contact\"");
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
    fn alphanumerics_spaces_and_parentheses_pass() {
        assert!(check_swagger(&OperationSummaryCharacters, patch("Create a task (V2)")).is_empty());
    }

    #[test]
    fn punctuation_fails_naming_each_character_once() {
        let d =
            check_swagger(&OperationSummaryCharacters, patch("Excel - Set value, or formula, now"));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        assert!(d[0].message.ends_with("it has '-', ','."), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Warning);
        let c = Fixture::new().swagger(patch("A-B")).build();
        assert_eq!(
            check_with(&OperationSummaryCharacters, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }
}
