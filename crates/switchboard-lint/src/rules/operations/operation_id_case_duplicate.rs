use std::hash::BuildHasherDefault;

use crate::fast_hash::FastMap;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no two operationIds differ only in letter case (`GetTask` and `getTask`).
    /// Exact duplicates are reported by SW061.
    ///
    /// ## Why it matters
    /// Two ids that differ only in case are easily confused by people reading flows, code and
    /// documentation, and they collide wherever ids are compared case-insensitively (for
    /// example file names generated from them on Windows or macOS).
    ///
    /// ## Example
    /// ```json
    /// "/tasks": { "get": { "operationId": "ListTasks" } },
    /// "/v2/tasks": { "get": { "operationId": "Listtasks" } }
    /// ```
    ///
    /// ## Fix
    /// Rename the newer operation so that the ids differ in more than case (for a new version,
    /// use a suffix such as `ListTasksV2`).
    pub OperationIdCaseDuplicate {
        code: "SW062",
        name: "operation-id-case-duplicate",
        group: Operations,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for OperationIdCaseDuplicate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut first: FastMap<String, &str> =
            FastMap::with_capacity_and_hasher(sw.operations.len(), BuildHasherDefault::default());
        for info in &sw.operations {
            let Some(id_node) = info.op.node.get("operationId") else { continue };
            let Some(id) = id_node.as_str().filter(|s| !s.is_empty()) else { continue };
            let folded = id.to_lowercase();
            match first.get(&folded) {
                Some(&earlier) if earlier != id => {
                    cx.report_value(
                        id_node,
                        format!(
                            "The operationId '{id}' differs only in letter case from '{earlier}'."
                        ),
                    )
                    .set_help("rename one of the operations so the ids differ in more than case");
                }
                Some(_) => {}
                None => {
                    first.insert(folded, id);
                }
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
    fn distinct_or_identical_ids_pass() {
        assert!(check_swagger(&OperationIdCaseDuplicate, json!({})).is_empty());
        // Exact duplicates are SW061's.
        let patch = add_operation("/projects", "get", "GetTask", &json!({}));
        assert!(check_swagger(&OperationIdCaseDuplicate, patch).is_empty());
    }

    #[test]
    fn case_variant_fails_at_the_later_id() {
        let patch = add_operation("/projects", "get", "getTASK", &json!({}));
        let d = check_swagger(&OperationIdCaseDuplicate, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/operationId"]);
        assert!(d[0].message.contains("'GetTask'"), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
