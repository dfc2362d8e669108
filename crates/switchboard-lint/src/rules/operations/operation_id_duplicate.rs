use std::hash::BuildHasherDefault;

use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no two operations share an `operationId`.
    ///
    /// ## Why it matters
    /// Flows, apps, dynamic values and custom code address an operation by its operationId; with
    /// two operations of the same id one of them cannot be called. The platform rejects the file
    /// ("OperationIdNotUnique").
    ///
    /// ## Example
    /// ```json
    /// "/tasks": { "get": { "operationId": "GetTasks" } },
    /// "/tasks/{id}": { "get": { "operationId": "GetTasks" } }
    /// ```
    ///
    /// ## Fix
    /// Give the newer of the two operations its own id (`GetTask`). Keep the published one: a
    /// renamed operationId breaks the flows that use it.
    pub OperationIdDuplicate {
        code: "SW061",
        name: "operation-id-duplicate",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationIdNotUnique"),
    }
}

impl Check for OperationIdDuplicate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut first: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(sw.operations.len(), BuildHasherDefault::default());
        for (i, info) in sw.operations.iter().enumerate() {
            let Some(id_node) = info.op.node.get("operationId") else { continue };
            let Some(id) = id_node.as_str().filter(|s| !s.is_empty()) else { continue };
            if let Some(&j) = first.get(id) {
                let earlier = &sw.operations[j].op;
                cx.report_value(
                    id_node,
                    format!("The operationId '{id}' is used multiple times. Operation identifiers must be unique."),
                )
                .set_help(format!(
                    "also used by {} {}; give one of the operations another operationId",
                    earlier.method, earlier.path.template
                ));
            } else {
                first.insert(id, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn distinct_ids_pass() {
        assert!(check_swagger(&OperationIdDuplicate, json!({})).is_empty());
        // Ids that differ in case only are SW062's business.
        let patch = add_operation("/projects", "get", "gettask", &json!({}));
        assert!(check_swagger(&OperationIdDuplicate, patch).is_empty());
    }

    #[test]
    fn second_use_fails_at_its_id() {
        let patch = add_operation("/projects", "get", "GetTask", &json!({}));
        let d = check_swagger(&OperationIdDuplicate, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/operationId"]);
        assert!(d[0].message.starts_with("The operationId 'GetTask' is used multiple times."));
        assert!(d[0].help.as_deref().unwrap_or_default().contains("GET /tasks/{taskId}"));
    }
}
