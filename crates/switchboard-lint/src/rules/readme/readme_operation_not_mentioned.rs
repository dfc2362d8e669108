use super::common::{display_file_name, is_operations, report_whole};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Lists the operations readme.md does not mention: an operation counts as mentioned when
    /// its `operationId` or its `summary` appears anywhere in the readme (case-insensitive).
    /// Internal (`x-ms-visibility: internal`) and deprecated operations are skipped: users do
    /// not see them.
    ///
    /// ## Why it matters
    /// The template's `Supported Operations` section is where readers learn what the connector
    /// can do; an operation missing from it is usually one added later without updating the
    /// readme.
    ///
    /// ## Example
    /// The swagger has `DeleteTask` ("Delete a task") but the readme lists only `Get a task`
    /// and `Create a task`.
    ///
    /// ## Fix
    /// Add a `### <summary>` entry with a one-sentence description under `## Supported
    /// Operations` for each operation reported.
    pub ReadmeOperationNotMentioned {
        code: "RM011",
        name: "readme-operation-not-mentioned",
        group: Readme,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ReadmeOperationNotMentioned {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let Some(scanned) = cx.texts().of(readme) else { return };
        let lower = scanned.lower().as_bytes();
        // A SIMD substring search: readmes run to kilobytes and connectors to hundreds of
        // operations.
        let mentioned = |s: Option<&str>| {
            s.map(str::trim).is_some_and(|s| {
                !s.is_empty() && memchr::memmem::find(lower, s.to_lowercase().as_bytes()).is_some()
            })
        };
        let mut anchor = None;
        let mut parsed = false;
        let name = display_file_name(&readme.entry);
        for info in &sw.operations {
            let op = &info.op;
            if op.is_internal() || op.is_deprecated() {
                continue;
            }
            if mentioned(op.operation_id()) || mentioned(op.summary()) {
                continue;
            }
            if !parsed {
                parsed = true;
                anchor = scanned.find(is_operations).map(super::common::Heading::span);
            }
            let label = match (op.operation_id(), op.summary()) {
                (Some(id), Some(summary)) => format!("'{id}' ({summary})"),
                _ => op.label(),
            };
            let message = format!("{name} does not mention the operation {label}");
            let d = match anchor {
                Some(span) => cx.report_in(&readme.file, None, span, message),
                None => report_whole(cx, readme, message),
            };
            d.set_help("describe each operation under `## Supported Operations` (`### <summary>` and a sentence)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};
    use serde_json::json;

    #[test]
    fn summaries_or_ids_count_as_mentions() {
        assert!(check(&ReadmeOperationNotMentioned, &Fixture::new().build()).is_empty());
        let c = Fixture::new()
            .set("readme.md", b"# T\n## Actions\n- GETTASK\n- create A TASK\n".to_vec())
            .build();
        assert!(check(&ReadmeOperationNotMentioned, &c).is_empty());
    }

    #[test]
    fn unmentioned_operations_are_reported_at_the_operations_heading() {
        let c = Fixture::new()
            .set("readme.md", b"# Taskforge\n\n## Supported Operations\n### Get a task\n".to_vec())
            .swagger(json!({"paths": {
                "/tasks/{taskId}": {"delete": {"operationId": "DeleteTask", "summary": "Delete a task",
                    "x-ms-visibility": "internal", "responses": {"204": {"description": "Deleted."}}}},
                "/tasks/old": {"get": {"operationId": "OldTask", "summary": "Old", "deprecated": true,
                    "responses": {"200": {"description": "OK."}}}}
            }}))
            .build();
        let d = check(&ReadmeOperationNotMentioned, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "readme.md does not mention the operation 'CreateTask' (Create a task)"
        );
        assert_eq!((d[0].location.line, d[0].location.column), (3, 1));
        assert_eq!(d[0].severity, Severity::Info);
    }

    #[test]
    fn without_an_operations_heading_the_file_is_reported() {
        let c = Fixture::new().set("readme.md", b"# Taskforge\n".to_vec()).build();
        let d = check(&ReadmeOperationNotMentioned, &c);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].location.line, 1);
    }
}
