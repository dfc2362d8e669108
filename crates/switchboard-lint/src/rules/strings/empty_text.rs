use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no `summary`, `x-ms-summary` or `description` in the swagger is an empty
    /// or blank string.
    ///
    /// ## Why it matters
    /// An empty string looks like documentation to tools but shows nothing to users: empty
    /// tooltips, blank field labels. Microsoft's validator reports "The '{0}' property must have
    /// not empty value." and reviewers ask for every empty description to be filled in.
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-summary": "Top", "description": "" }
    /// ```
    ///
    /// ## Fix
    /// Write the text, or remove the member where it is optional.
    pub EmptyText {
        code: "SW182",
        name: "empty-text",
        group: Strings,
        levels: Levels::all(Severity::Warning),
        ms_rule: Some("RequiredValueEmpty"),
    }
}

impl Check for EmptyText {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for field in &sw.text_fields {
            let m = field.member;
            {
                if m.key == "title" {
                    continue;
                }
                if m.value.as_str().is_some_and(|s| s.trim().is_empty()) {
                    cx.report_value(
                        &m.value,
                        format!("The '{}' property must have not empty value.", m.key),
                    )
                    .set_help("write the text, or remove the member where it is optional");
                }
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
    fn filled_text_passes() {
        assert!(check_swagger(&EmptyText, json!({})).is_empty());
    }

    #[test]
    fn empty_and_blank_text_fail_at_the_value() {
        let d = check_swagger(
            &EmptyText,
            json!({
                "paths": {"/tasks": {"post": {"description": " "}}},
                "definitions": {"Task": {"properties": {"id": {"x-ms-summary": ""}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/description", "/definitions/Task/properties/id/x-ms-summary"]
        );
    }
}
