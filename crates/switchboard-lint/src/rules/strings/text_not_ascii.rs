use switchboard_diagnostics::{Edit, Fix};

use super::common::ascii_replacement;
use crate::text::first_non_ascii;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `title`, `summary`, `x-ms-summary` and `description` string of the
    /// swagger (operations, parameters, schemas, responses, tags; not example data) is ASCII.
    /// The connector title itself is SW015's.
    ///
    /// ## Why it matters
    /// Certification requires connector strings in English ("The '{0}' value must be written
    /// in English."; reviewers reject "non-English characters"). Most findings are typographic
    /// punctuation pasted from documents: curly quotes, en dashes, non-breaking spaces, ™.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "Get a task’s details" }
    /// ```
    ///
    /// ## Fix
    /// Write the text in English with ASCII punctuation (`'`, `"`, `-`). When every offending
    /// character is typographic punctuation, the suggested fix replaces it.
    pub TextNotAscii {
        code: "SW180",
        name: "text-not-ascii",
        group: Strings,
        levels: Levels::cert(Severity::Warning),
        ms_rule: Some("ValueMustBeInEnglish"),
    }
}

impl Check for TextNotAscii {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let title = sw.doc.info().and_then(|i| i.get("title"));
        for field in &sw.text_fields {
            let m = field.member;
            {
                if title.is_some_and(|t| t.span == m.value.span) {
                    continue;
                }
                let Some(s) = m.value.as_str() else { continue };
                let Some(c) = first_non_ascii(s) else { continue };
                let d = cx.report_value(
                    &m.value,
                    format!(
                        "The '{}' value must be written in English (found '{c}', U+{:04X}).",
                        m.key,
                        u32::from(c)
                    ),
                );
                // Every character kept or replaced, else no fix.
                let mut fixed = String::with_capacity(s.len());
                let replaced = s.chars().all(|c| {
                    if c.is_ascii() {
                        fixed.push(c);
                    } else if let Some(r) = ascii_replacement(c) {
                        fixed.push_str(r);
                    } else {
                        return false;
                    }
                    true
                });
                let fixed = replaced.then_some(fixed);
                match fixed.and_then(|f| serde_json::to_string(&f).ok()) {
                    Some(replacement) => {
                        d.set_fix(Fix {
                            message: "Replace typographic characters with ASCII".into(),
                            edits: vec![Edit { span: m.value.span, replacement }],
                        });
                    }
                    None => {
                        d.set_help("write the text in English with ASCII characters");
                    }
                }
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

    #[test]
    fn ascii_text_and_examples_pass() {
        assert!(check_swagger(&TextNotAscii, json!({})).is_empty());
        let d = check_swagger(
            &TextNotAscii,
            json!({"definitions": {"Task": {"example": {"description": "Café"}}}}),
        );
        assert!(d.is_empty(), "{d:?}");
        // The connector title is SW015's finding.
        assert!(check_swagger(&TextNotAscii, json!({"info": {"title": "Taskforge™"}})).is_empty());
    }

    #[test]
    fn curly_quote_fails_with_a_fix() {
        let d = check_swagger(
            &TextNotAscii,
            json!({"paths": {"/tasks": {"post": {"summary": "Create a task’s copy"}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/summary"]);
        let fix = d[0].fix.as_ref().expect("fix");
        assert_eq!(fix.edits[0].replacement, "\"Create a task's copy\"");
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn letters_fail_without_a_fix_and_are_info_while_authoring() {
        let c = Fixture::new()
            .swagger(json!({"definitions": {"Task": {"description": "Tâche"}}}))
            .build();
        let d = check_with(&TextNotAscii, &c, Profile::Certification);
        assert_eq!(pointers(&d), ["/definitions/Task/description"]);
        assert!(d[0].fix.is_none());
        assert_eq!(check_with(&TextNotAscii, &c, Profile::Default)[0].severity, Severity::Info);
    }
}
