use super::common::{description, replace_string};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each operation `description` ends with `.`, `!`, `?` or `)` (trailing blanks
    /// ignored).
    ///
    /// ## Why it matters
    /// Certification guidance asks for descriptions written as "full, descriptive sentences"
    /// that "end in punctuation"; a description without a final period is usually a label or a
    /// copy of the summary rather than an explanation.
    ///
    /// ## Example
    /// ```json
    /// { "description": "Returns the task with the given identifier" }
    /// ```
    ///
    /// ## Fix
    /// Write the description as one or more sentences ending in a period.
    pub OperationDescriptionEndPunctuation {
        code: "SW074",
        name: "operation-description-end-punctuation",
        group: Operations,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for OperationDescriptionEndPunctuation {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some((node, text)) = description(&info.op) else { continue };
            let trimmed = text.trim_end();
            let Some(last) = trimmed.chars().last() else { continue };
            if ".!?)".contains(last) {
                continue;
            }
            let d = cx.report_value(
                node,
                format!(
                    "The description of operation {} does not end with punctuation.",
                    info.op.label()
                ),
            );
            d.set_help("write the description as full sentences ending in a period");
            if last.is_alphanumeric() {
                d.set_fix(replace_string(
                    node,
                    &format!("{trimmed}."),
                    "Add a final period".into(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(description: &str) -> serde_json::Value {
        json!({"paths": {"/tasks": {"post": {"description": description}}}})
    }

    #[test]
    fn sentences_pass() {
        for s in ["Creates a task.", "Creates a task (in the default project)", "Really? "] {
            assert!(check_swagger(&OperationDescriptionEndPunctuation, patch(s)).is_empty(), "{s}");
        }
    }

    #[test]
    fn missing_period_fails_with_a_fix() {
        let d = check_swagger(&OperationDescriptionEndPunctuation, patch("Creates a task"));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/description"]);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].fix.as_ref().expect("fix").edits[0].replacement, "\"Creates a task.\"");
    }
}
