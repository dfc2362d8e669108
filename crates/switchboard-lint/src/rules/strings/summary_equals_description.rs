use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that an object's `x-ms-summary` and `description` differ (compared ignoring
    /// case, surrounding blanks and a final period).
    ///
    /// ## Why it matters
    /// Microsoft's string guidance gives them different jobs: `x-ms-summary` is the short
    /// label, `description` the tooltip that explains the field. Repeating the label in the
    /// tooltip tells the user nothing.
    ///
    /// ## Example
    /// ```json
    /// { "name": "dueDate", "in": "query", "type": "string",
    ///   "x-ms-summary": "Due date", "description": "Due date" }
    /// ```
    ///
    /// ## Fix
    /// Make the description a sentence that adds information:
    /// `"Only return tasks due on or before this date (YYYY-MM-DD)."`.
    pub SummaryEqualsDescription {
        code: "SW183",
        name: "summary-equals-description",
        group: Strings,
        levels: Levels::all(Severity::Info),
    }
}

fn normalise(s: &str) -> &str {
    let t = s.trim();
    t.strip_suffix('.').unwrap_or(t).trim_end()
}

impl Check for SummaryEqualsDescription {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for field in &sw.text_fields {
            let obj = field.owner;
            // Once per object: at its (last) description.
            if field.member.key != "description" {
                continue;
            }
            // The summary first: most described objects have none.
            let Some(summary) = obj.get_str("x-ms-summary") else { continue };
            if !obj.member("description").is_some_and(|m| std::ptr::eq(m, field.member)) {
                continue;
            }
            let desc = &field.member.value;
            let Some(d) = desc.as_str() else { continue };
            let (a, b) = (normalise(summary), normalise(d));
            if !a.is_empty() && a.eq_ignore_ascii_case(b) {
                cx.report_value(desc, format!("The 'description' repeats the 'x-ms-summary' ('{}').", summary.trim()))
                    .set_help("make the description a sentence that tells the user what to enter or what the value means");
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
    fn different_texts_pass() {
        assert!(check_swagger(&SummaryEqualsDescription, json!({})).is_empty());
    }

    #[test]
    fn repeated_label_fails_at_the_description() {
        let d = check_swagger(
            &SummaryEqualsDescription,
            json!({
                "definitions": {"Task": {"properties": {"title": {"x-ms-summary": "Title", "description": "title."}}}}
            }),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/title/description"]);
    }
}
