use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that display labels — every `x-ms-summary` and each operation `summary` — are
    /// words, not code identifiers: a single token in camelCase (`dueDate`), PascalCase compound
    /// (`DueDate`) or snake case (`due_date`) is reported (hyphenated words such as `E-mail` are
    /// fine, and so are camel-cased product names such as `SharePoint` or `GitHub`). This is the part of
    /// the catalog's manual language review (spelling, grammar, casing) that can be checked
    /// offline without false alarms; spelling and grammar still need a human.
    ///
    /// ## Why it matters
    /// Labels are what users read in the designers. Microsoft's string guidance asks for title
    /// case for `x-ms-summary` and sentence case for summaries, and notes that CamelCase
    /// strings are not translated for other languages.
    ///
    /// ## Example
    /// ```json
    /// { "name": "dueDate", "in": "query", "type": "string", "x-ms-summary": "dueDate" }
    /// ```
    ///
    /// ## Fix
    /// Write the label as words: `"x-ms-summary": "Due Date"`; an operation summary as a
    /// sentence: `"Get tasks"`.
    pub IdentifierLabel {
        code: "SW185",
        name: "identifier-label",
        group: Strings,
        levels: Levels::all(Severity::Info),
    }
}

/// Product names written in camel case, which are words, not identifiers.
const BRANDS: &[&str] = &[
    "SharePoint",
    "OneDrive",
    "OneNote",
    "LinkedIn",
    "YouTube",
    "GitHub",
    "GitLab",
    "PowerShell",
    "DocuSign",
    "JavaScript",
    "TypeScript",
    "iPhone",
    "iPad",
    "iOS",
    "macOS",
    "OAuth",
    "PayPal",
    "HubSpot",
    "MailChimp",
    "QuickBooks",
    "WordPress",
    "WhatsApp",
    "DevOps",
    "SendGrid",
    "ServiceNow",
    "SurveyMonkey",
    "TikTok",
    "FedEx",
    "eBay",
    "DocuWare",
    "NetSuite",
    "FreshDesk",
    "ZenDesk",
    "WebEx",
    "BambooHR",
    "AppVeyor",
    "OpenAI",
    "ChatGPT",
    "DeepL",
];

/// Whether `s` is one identifier-like token (camelCase, PascalCase compound or snake_case)
/// rather than words.
fn looks_like_identifier(s: &str) -> bool {
    let s = s.trim();
    if BRANDS.iter().any(|b| b.eq_ignore_ascii_case(s)) {
        return false;
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return false;
    }
    let b = s.as_bytes();
    let separated = b
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'_' && w[2].is_ascii_alphabetic());
    // A lowercase letter followed by an uppercase one: `dueDate`, `DueDate` (not `ID`, `URL`).
    let camel = b.windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    separated || camel
}

impl Check for IdentifierLabel {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for field in &sw.text_fields {
            // Once per object: its (last) x-ms-summary.
            if field.member.key != "x-ms-summary"
                || !field
                    .owner
                    .member("x-ms-summary")
                    .is_some_and(|m| std::ptr::eq(m, field.member))
            {
                continue;
            }
            let v = &field.member.value;
            let Some(s) = v.as_str() else { continue };
            if looks_like_identifier(s) {
                cx.report_value(v, format!("The 'x-ms-summary' '{s}' is a code identifier, not a label; write it as words in title case."))
                    .set_help("e.g. \"dueDate\" → \"Due Date\"");
            }
        }
        for info in &sw.operations {
            let Some(v) = info.op.node.get("summary") else { continue };
            let Some(s) = v.as_str() else { continue };
            if looks_like_identifier(s) {
                cx.report_value(v, format!("The summary '{s}' of operation {} is a code identifier; write it as a sentence-case phrase.", info.op.label()))
                    .set_help("e.g. \"getTasks\" → \"Get tasks\"");
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
    fn identifiers_are_recognised() {
        for s in ["dueDate", "DueDate", "due_date", "envId"] {
            assert!(looks_like_identifier(s), "{s}");
        }
        for s in [
            "Due Date",
            "Task ID",
            "URL",
            "Task",
            "E-mail",
            "Get a task",
            "Follow-up",
            "x",
            "SharePoint",
        ] {
            assert!(!looks_like_identifier(s), "{s}");
        }
    }

    #[test]
    fn word_labels_pass() {
        assert!(check_swagger(&IdentifierLabel, json!({})).is_empty());
    }

    #[test]
    fn identifier_labels_fail_at_the_value() {
        let d = check_swagger(
            &IdentifierLabel,
            json!({
                "paths": {"/tasks": {"post": {"summary": "createTask"}}},
                "definitions": {"Task": {"properties": {"id": {"x-ms-summary": "taskId"}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks/post/summary", "/definitions/Task/properties/id/x-ms-summary"]
        );
    }
}
