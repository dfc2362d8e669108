use std::collections::HashSet;

use crate::rules::readme::common::{list_item_text, normalize};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// How many reproduced operations make a section a list of operations.
const THRESHOLD: usize = 3;

declare_rule! {
    /// ## What it does
    /// Flags a section of intro.md whose sub-headings or bullet points reproduce three or more
    /// operations of the connector (an item matches when its text, or the part before a `:` or
    /// ` - `, equals an operation's `summary` or `operationId`, case-insensitively).
    ///
    /// ## Why it matters
    /// The documentation page lists the actions and triggers itself, generated from the
    /// swagger; the template asks not to repeat them in intro.md, where they go stale as soon
    /// as an operation changes.
    ///
    /// ## Example
    /// ```markdown
    /// ## Supported operations
    /// - Get a task
    /// - Create a task
    /// - Delete a task
    /// ```
    ///
    /// ## Fix
    /// Remove the list; describe scenarios in `## Get started with your connector` instead.
    pub IntroListsOperations {
        code: "IN007",
        name: "intro-lists-operations",
        group: Intro,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for IntroListsOperations {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(intro) = cx.connector().intro.as_ref() else { return };
        // (normalized summary, lowercase operationId) of each visible operation.
        let ops: Vec<(String, String)> = sw
            .operations
            .iter()
            .filter(|o| !o.op.is_internal())
            .map(|o| {
                let summary = normalize(o.op.summary().unwrap_or_default());
                let summary = summary.trim_end_matches(['.', ':']).to_string();
                (summary, o.op.operation_id().unwrap_or_default().to_lowercase())
            })
            .collect();
        if ops.len() < THRESHOLD {
            return;
        }
        let Some(scanned) = cx.texts().of(intro) else { return };
        let md = scanned.markdown();
        for (index, h) in md.headings.iter().enumerate() {
            if h.level > 2 {
                continue;
            }
            let mut matched: HashSet<usize> = HashSet::new();
            for line in md.section_lines(index).iter().filter(|l| !l.in_code) {
                let trimmed = line.text.trim();
                let item = if trimmed.starts_with('#') {
                    trimmed.trim_start_matches('#')
                } else if let Some(item) = list_item_text(trimmed) {
                    item
                } else {
                    continue;
                };
                let item = normalize(item);
                let key = item
                    .split([':', '–', '—'])
                    .next()
                    .unwrap_or_default()
                    .split(" - ")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches('.');
                if key.is_empty() {
                    continue;
                }
                if let Some(i) = ops.iter().position(|(s, id)| key == s || key == id) {
                    matched.insert(i);
                }
            }
            if matched.len() >= THRESHOLD {
                cx.report_in(
                    &intro.file,
                    None,
                    h.span(),
                    format!(
                        "intro.md lists {} of the connector's operations under '{}'; the documentation generates them from the swagger",
                        matched.len(),
                        h.text
                    ),
                )
                .set_help("remove the list and describe scenarios in `## Get started with your connector` instead");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};
    use serde_json::json;

    fn three_operations() -> Fixture {
        let mut f = Fixture::new();
        f.swagger(json!({"paths": {"/tasks/{taskId}": {"delete": {
            "operationId": "DeleteTask", "summary": "Delete a task",
            "responses": {"204": {"description": "Deleted."}}}}}}));
        f
    }

    #[test]
    fn scenarios_pass() {
        assert!(check(&IntroListsOperations, &Fixture::new().build()).is_empty());
        let text = "Taskforge plans.\n\n## Get started with your connector\n- Get a task\n- Create a task\n\n## FAQ\n- Delete a task\n";
        let c = three_operations().set("intro.md", text.as_bytes().to_vec()).build();
        assert!(check(&IntroListsOperations, &c).is_empty());
    }

    #[test]
    fn a_list_of_operations_fails_at_its_heading() {
        let text = "Taskforge plans.\n\n## Supported Operations\n### Get a task\nReturns a task.\n* `Create a task`: creates one\n1. **DeleteTask** - deletes\n```\n- Get a task\n```\n";
        let c = three_operations().set("intro.md", text.as_bytes().to_vec()).build();
        let d = check(&IntroListsOperations, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].location.line, 3);
        assert_eq!(
            d[0].message,
            "intro.md lists 3 of the connector's operations under 'Supported Operations'; the documentation generates them from the swagger"
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
