use crate::fast_hash::FastSet;
use switchboard_model::swagger::Location;

use super::common::template_variables;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `in: path` parameter of an operation (its own and its path item's,
    /// `$ref`s resolved) appears as `{name}` in the operation's path template.
    ///
    /// ## Why it matters
    /// A path parameter whose variable is not in the template has nowhere to go: the value is
    /// dropped, or the import fails with "PathParameterNotDefinedInTemplate". Names are
    /// case-sensitive, so `{TaskId}` and `taskId` do not match.
    ///
    /// ## Example
    /// ```json
    /// "/tasks/{id}": { "get": { "parameters": [ { "name": "taskId", "in": "path", "required": true, "type": "string" } ] } }
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter or the template variable so they match, or change `in`.
    pub PathParameterNotInTemplate {
        code: "SW107",
        name: "path-parameter-not-in-template",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("PathParameterNotDefinedInTemplate"),
    }
}

impl Check for PathParameterNotInTemplate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        // Variables of basePath are filled from the same parameters.
        let base_vars = sw.doc.base_path().map(template_variables).unwrap_or_default();
        let mut reported = FastSet::default();
        for info in &sw.operations {
            let vars = template_variables(info.op.path.template);
            for p in &info.params {
                if p.location() != Some(Location::Path) {
                    continue;
                }
                let Some(name) = p.name() else { continue };
                if vars.contains(&name) || base_vars.contains(&name) {
                    continue;
                }
                if reported.insert(p.site.span) {
                    cx.report_value(
                        p.site,
                        format!(
                            "The 'path' parameter '{name}' is not defined in the URI path template '{}' (operation {}).",
                            info.op.path.template,
                            info.op.label()
                        ),
                    )
                    .set_help(format!("add `{{{name}}}` to the path, or rename the parameter to match a variable of the path"));
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
    fn matching_names_pass() {
        assert!(check_swagger(&PathParameterNotInTemplate, json!({})).is_empty());
    }

    #[test]
    fn unknown_variable_fails_at_the_entry() {
        let d = check_swagger(
            &PathParameterNotInTemplate,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [
                {"name": "taskId", "in": "path", "required": true, "type": "string"},
                {"name": "TaskId", "in": "path", "required": true, "type": "string"}
            ]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/1"]);
        assert!(d[0].message.contains("'TaskId'"));
    }

    #[test]
    fn path_level_parameter_is_reported_once() {
        let d = check_swagger(
            &PathParameterNotInTemplate,
            json!({"paths": {"/tasks/{taskId}": {
                "parameters": [{"name": "other", "in": "path", "required": true, "type": "string"}],
                "delete": {"operationId": "DeleteTask", "responses": {"204": {"description": "ok"}}}
            }}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/parameters/0"]);
    }
}
