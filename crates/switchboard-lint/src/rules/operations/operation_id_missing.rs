use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation has an `operationId` that is a non-empty string.
    ///
    /// ## Why it matters
    /// The operationId is the operation's identity: flows and apps call an action by it,
    /// `x-ms-dynamic-values` and `scriptOperations` refer to it, and updates are matched on it.
    /// The platform rejects operations without one ("OperationIdRequired").
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/tasks": { "get": { "summary": "List tasks", "responses": { … } } } } }
    /// ```
    ///
    /// ## Fix
    /// Add a unique PascalCase `operationId` such as `"ListTasks"`; once published, never
    /// change it (renaming an operation breaks every flow that uses it).
    pub OperationIdMissing {
        code: "SW060",
        name: "operation-id-missing",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationIdRequired"),
    }
}

impl Check for OperationIdMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            // Built for a finding only.
            let what = || format!("{} {}", op.method, op.path.template);
            match op.node.get("operationId") {
                None => {
                    cx.report_value(
                        op.node,
                        format!(
                            "The 'operationId' property is required: operation {} has none.",
                            what()
                        ),
                    )
                    .set_help("add a unique PascalCase operationId such as \"ListTasks\"");
                }
                Some(v) if v.as_str().is_none_or(|s| s.trim().is_empty()) => {
                    cx.report_value(
                        v,
                        format!(
                            "The 'operationId' of operation {} must be a non-empty string.",
                            what()
                        ),
                    )
                    .set_help("use a unique PascalCase operationId such as \"ListTasks\"");
                }
                Some(_) => {}
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
    fn every_operation_with_an_id_passes() {
        assert!(check_swagger(&OperationIdMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_id_fails_at_the_operation() {
        let d = check_swagger(
            &OperationIdMissing,
            json!({"paths": {"/tasks": {"post": {"operationId": null}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/post"]);
        assert!(d[0].message.contains("POST /tasks"), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn empty_or_mistyped_id_fails_at_the_value() {
        let d = check_swagger(
            &OperationIdMissing,
            json!({"paths": {"/tasks": {"post": {"operationId": " "}}, "/tasks/{taskId}": {"get": {"operationId": 3}}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks~1{taskId}/get/operationId", "/paths/~1tasks/post/operationId"]
        );
    }
}
