use switchboard_model::json::Value;

use super::common::{dynamic_sites, is_body_property, operations_by_id, parameter_count};
use crate::rules::schemas::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The extensions whose `parameters` reference the caller with `{"parameter": name}`, and the
/// newer extension that replaces each one when present.
const REFERENCING: &[(&str, &str)] = &[
    ("x-ms-dynamic-values", "x-ms-dynamic-list"),
    ("x-ms-dynamic-schema", "x-ms-dynamic-properties"),
];

declare_rule! {
    /// ## What it does
    /// Checks the `parameters` of `x-ms-dynamic-values` and `x-ms-dynamic-schema` against
    /// the operations involved: a `{"parameter": "name"}` reference names a parameter of
    /// every operation that uses the field (for a shared parameter or definition, each
    /// operation using it); and every required parameter of the invoked operation (without a
    /// `default`) is supplied. References are not checked when the newer
    /// `x-ms-dynamic-list`/`x-ms-dynamic-properties` is present (the designer uses it), and
    /// references to body properties are left to SW169.
    ///
    /// ## Why it matters
    /// The designer calls the invoked operation with these values; a reference to a
    /// parameter the calling operation does not have is sent empty ("The parameter could not
    /// be found in operation '…'"), and a missing required parameter makes the call fail
    /// ("The target operation requires parameter '…'."): the drop-down or dynamic schema
    /// stays empty.
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "ListLists", "parameters": { "siteId": { "parameter": "site" } } } }
    /// ```
    /// on an operation without a `site` parameter.
    ///
    /// ## Fix
    /// Reference a parameter the calling operation has, or pass a literal value; supply
    /// every required parameter of the invoked operation. References to body properties
    /// need `x-ms-dynamic-list`/`x-ms-dynamic-properties` (SW169).
    pub DynamicParameterMismatch {
        code: "SW162",
        name: "dynamic-parameter-mismatch",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationParameterNameNotFound"),
    }
}

impl Check for DynamicParameterMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let sites = dynamic_sites(sw);
        if sites.is_empty() {
            return;
        }
        let defs = Definitions::of(sw);
        let by_id = operations_by_id(sw);
        let mut found: Vec<(&Value, String)> = Vec::new();
        for site in sites {
            for (key, replacement) in REFERENCING {
                let Some(ext) = site.node.get(key) else { continue };
                let replaced = site.node.get(replacement).is_some();
                let params = ext.get("parameters");
                // References to the caller's parameters.
                for m in params.into_iter().flat_map(Value::members) {
                    let Some(reference) = m.value.get("parameter") else { continue };
                    let Some(name) = reference.as_str() else { continue };
                    if replaced || name.contains('/') {
                        continue; // the replacement governs, or SW169 reports a body path
                    }
                    let missing = site.callers.iter().map(|&i| &sw.operations[i]).find(|op| {
                        parameter_count(op, name) == 0 && !is_body_property(defs, op, name)
                    });
                    if let Some(op) = missing {
                        found.push((reference, format!("The parameter '{name}' could not be found in operation {} in the swagger document.", op.op.label())));
                    }
                }
                // Required parameters of the invoked operation.
                let Some(target) = ext.get_str("operationId").and_then(|id| by_id.get(id)) else {
                    continue;
                };
                let target = &sw.operations[*target];
                for p in &target.params {
                    let Some(name) = p.name() else { continue };
                    if !p.is_required() || p.default().is_some() || p.is_body() {
                        continue;
                    }
                    if params.and_then(|ps| ps.get(name)).is_none() {
                        let at = params.unwrap_or(ext);
                        found.push((
                            at,
                            format!(
                                "The target operation {} requires parameter '{name}'.",
                                target.op.label()
                            ),
                        ));
                    }
                }
            }
        }
        for (v, message) in found {
            cx.report_value(v, message)
                .set_help("reference a parameter of the calling operation (or pass a value) and supply every required parameter of the invoked one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn with_dynamic(ext: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
            {"name": "taskId", "in": "path", "required": true, "type": "string", "x-ms-summary": "Task ID",
             "description": "The identifier of the task.", "x-ms-url-encoding": "single"},
            {"name": "field", "in": "query", "type": "string", "x-ms-dynamic-values": ext}
        ]}}}})
    }

    #[test]
    fn matching_references_pass() {
        let ext = json!({"operationId": "GetTask", "value-path": "id", "parameters": {"taskId": {"parameter": "taskId"}}});
        assert!(check_swagger(&DynamicParameterMismatch, with_dynamic(&ext)).is_empty());
    }

    #[test]
    fn unknown_reference_and_missing_required_parameter_fail() {
        let ext = json!({"operationId": "GetTask", "value-path": "id", "parameters": {"other": {"parameter": "project"}}});
        let d = check_swagger(&DynamicParameterMismatch, with_dynamic(&ext));
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-dynamic-values/parameters",
                "/paths/~1tasks~1{taskId}/get/parameters/1/x-ms-dynamic-values/parameters/other/parameter",
            ]
        );
        assert!(d.iter().any(|x| x.message == "The target operation 'GetTask' requires parameter 'taskId'."));
        assert!(d.iter().any(|x| {
            x.message
                .starts_with("The parameter 'project' could not be found in operation 'GetTask'")
        }));
    }
}
