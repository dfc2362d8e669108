use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no two visible operations (neither `x-ms-visibility: internal` nor
    /// `deprecated`, which the designer hides) of the same kind — triggers, or actions — have
    /// the same `summary`, compared case-insensitively.
    /// Each repeat is reported at its summary, naming the first operation that uses it.
    ///
    /// ## Why it matters
    /// The summary is the action's or trigger's name in the designer. Two entries with the same
    /// name in the same list cannot be told apart by users (and usually betray a copy-pasted
    /// operation whose summary was never updated).
    ///
    /// ## Example
    /// ```json
    /// { "/tasks": { "get": { "operationId": "ListTasks", "summary": "List tasks" } },
    ///   "/projects/{id}/tasks": { "get": { "operationId": "ListProjectTasks", "summary": "List tasks" } } }
    /// ```
    ///
    /// ## Fix
    /// Make each summary say what distinguishes the operation ("List tasks in a project"), or
    /// mark the older one `deprecated`/internal.
    pub DuplicateOperationSummary {
        code: "BX011",
        name: "duplicate-operation-summary",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for DuplicateOperationSummary {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut first: FastMap<(bool, String), usize> = FastMap::default();
        for (i, info) in sw.operations.iter().enumerate() {
            let op = &info.op;
            if op.is_internal() || op.is_deprecated() {
                continue;
            }
            let Some(node) = op.node.get("summary") else { continue };
            let Some(summary) = node.as_str() else { continue };
            let key = summary.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            if key.is_empty() {
                continue;
            }
            match first.get(&(op.is_trigger(), key.clone())) {
                Some(&j) => {
                    let other = sw.operations.get(j).map(|o| o.op.label()).unwrap_or_default();
                    let kind = if op.is_trigger() { "trigger" } else { "action" };
                    cx.report_value(
                        node,
                        format!(
                            "The summary '{summary}' of {} is also the summary of {kind} {other}",
                            op.label()
                        ),
                    )
                    .set_help("give each operation a summary that says what distinguishes it");
                }
                None => {
                    first.insert((op.is_trigger(), key), i);
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
    fn distinct_summaries_pass() {
        assert!(check_swagger(&DuplicateOperationSummary, json!({})).is_empty());
        // Internal and deprecated operations, and triggers, may share an action's summary.
        let d = check_swagger(
            &DuplicateOperationSummary,
            json!({"paths": {
                "/a": {"get": {"operationId": "A", "summary": "Get a task", "x-ms-visibility": "internal"}},
                "/b": {"get": {"operationId": "B", "summary": "Get a task", "x-ms-trigger": "single"}},
                "/c": {"get": {"operationId": "C", "summary": "Get a task", "deprecated": true}}
            }}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn repeated_summary_fails_at_the_second() {
        let d = check_swagger(
            &DuplicateOperationSummary,
            json!({"paths": {"/a": {"get": {"operationId": "A", "summary": "get a  TASK"}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1a/get/summary"]);
        assert!(d[0].message.contains("also the summary of action 'GetTask'"), "{}", d[0].message);
    }
}
