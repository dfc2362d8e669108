use switchboard_model::json::Value;

use super::common::{DYNAMIC_KEYS, dynamic_sites, operations_by_id};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `operationId` named by an extension exists in the document:
    /// `x-ms-dynamic-values`, `x-ms-dynamic-list`, `x-ms-dynamic-schema`,
    /// `x-ms-dynamic-properties`, the `open`/`browse` steps of `x-ms-dynamic-tree`, the root
    /// `x-ms-capabilities` (`file-picker`, `testConnection`), and `x-ms-notification`.
    ///
    /// ## Why it matters
    /// The designer calls the named operation to fill drop-downs, schemas and pickers; a
    /// missing one (often renamed) breaks the field at design time. The validator rejects
    /// it: "The 'operationId' could not be found in this swagger document."
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "ListProject", "value-path": "id", "value-title": "name" } }
    /// ```
    /// where the operation is called `ListProjects`.
    ///
    /// ## Fix
    /// Correct the name (operationIds are case-sensitive) or add the operation (usually
    /// `x-ms-visibility: internal`).
    pub DynamicOperationNotFound {
        code: "SW161",
        name: "dynamic-operation-not-found",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationIdNotFound"),
    }
}

impl Check for DynamicOperationNotFound {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let by_id = operations_by_id(sw);
        let mut refs: Vec<(&str, &Value)> = Vec::new(); // (extension, operationId value)
        for site in dynamic_sites(sw) {
            for key in DYNAMIC_KEYS {
                let Some(ext) = site.node.get(key) else { continue };
                if *key == "x-ms-dynamic-tree" {
                    for step in ["open", "browse"] {
                        refs.extend(
                            ext.get(step).and_then(|s| s.get("operationId")).map(|v| (*key, v)),
                        );
                    }
                } else {
                    refs.extend(ext.get("operationId").map(|v| (*key, v)));
                }
            }
        }
        if let Some(caps) = sw.root().get("x-ms-capabilities") {
            if let Some(picker) = caps.get("file-picker") {
                for step in ["open", "browse"] {
                    refs.extend(
                        picker
                            .get(step)
                            .and_then(|s| s.get("operationId"))
                            .map(|v| ("x-ms-capabilities", v)),
                    );
                }
            }
            refs.extend(
                caps.get("testConnection")
                    .and_then(|t| t.get("operationId"))
                    .map(|v| ("x-ms-capabilities", v)),
            );
        }
        for op in &sw.operations {
            refs.extend(
                op.op
                    .node
                    .get("x-ms-notification")
                    .and_then(|n| n.get("operationId"))
                    .map(|v| ("x-ms-notification", v)),
            );
        }
        for (ext, value) in refs {
            let Some(id) = value.as_str() else { continue };
            if !by_id.contains_key(id) {
                cx.report_value(value, format!("The 'operationId' '{id}' referenced by {ext} could not be found in this swagger document."))
                    .set_help("correct the operationId (case-sensitive) or add the operation");
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
    fn existing_operations_pass() {
        let d = check_swagger(
            &DynamicOperationNotFound,
            json!({"definitions": {"NewTask": {"properties": {"title": {"x-ms-dynamic-values": {"operationId": "GetTask", "value-path": "id"}}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn missing_operations_fail_at_the_id() {
        let d = check_swagger(
            &DynamicOperationNotFound,
            json!({
                "x-ms-capabilities": {"testConnection": {"operationId": "Ping"}},
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [{
                    "name": "taskId", "in": "path", "required": true, "type": "string",
                    "x-ms-dynamic-list": {"operationId": "ListTask"},
                    "x-ms-dynamic-tree": {"browse": {"operationId": "Browse"}}
                }]}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-list/operationId",
                "/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-tree/browse/operationId",
                "/x-ms-capabilities/testConnection/operationId",
            ]
        );
        assert!(d[0].message.contains("'ListTask' referenced by x-ms-dynamic-list"));
    }
}
