use switchboard_model::swagger::Location;

use super::common::template_variables;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `{variable}` of a path template has an `in: path` parameter of the
    /// same name in each operation of that path (path-item and operation parameters merged,
    /// `$ref`s resolved).
    ///
    /// ## Why it matters
    /// Without a parameter the variable is never filled in and requests go to a literal
    /// `{id}` URL; Microsoft's validator rejects the file ("OperationMissingPathParameter").
    ///
    /// ## Example
    /// ```json
    /// "/tasks/{taskId}": { "delete": { "operationId": "DeleteTask", "parameters": [] } }
    /// ```
    ///
    /// ## Fix
    /// Declare the parameter, on the operation or once on the path item:
    /// `{ "name": "taskId", "in": "path", "required": true, "type": "string" }`.
    pub PathVariableUndeclared {
        code: "SW108",
        name: "path-variable-undeclared",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationMissingPathParameter"),
    }
}

impl Check for PathVariableUndeclared {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            for var in template_variables(info.op.path.template) {
                let declared = info
                    .params
                    .iter()
                    .any(|p| p.location() == Some(Location::Path) && p.name() == Some(var));
                if !declared {
                    cx.report_value(
                        info.op.node,
                        format!(
                            "The operation {} does not define the '{var}' parameter which is required by the path.",
                            info.op.label()
                        ),
                    )
                    .set_help(format!(
                        "add {{\"name\": \"{var}\", \"in\": \"path\", \"required\": true, \"type\": \"string\"}} to the parameters"
                    ));
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
    fn declared_variables_pass() {
        assert!(check_swagger(&PathVariableUndeclared, json!({})).is_empty());
        // Declared once on the path item.
        let d = check_swagger(
            &PathVariableUndeclared,
            json!({"paths": {"/tasks/{taskId}": {
                "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string"}],
                "get": {"parameters": []}
            }}}),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn undeclared_variable_fails_at_the_operation() {
        let d = check_swagger(
            &PathVariableUndeclared,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
                {"name": "taskId", "in": "query", "type": "string"}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get"]);
        assert!(d[0].message.contains("'GetTask'") && d[0].message.contains("'taskId'"));
    }
}
