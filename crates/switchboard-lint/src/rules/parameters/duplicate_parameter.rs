use switchboard_model::swagger::{Parameter, ParameterSite};

use super::common::resolved_entries;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a `parameters` list, of a path item or of an operation, does not declare the
    /// same (`name`, `in`) twice (`$ref`s resolved). An operation parameter that overrides a
    /// path-item parameter of the same name and location is allowed, as in Swagger 2.0.
    ///
    /// ## Why it matters
    /// Two parameters that fill the same slot make the request ambiguous; Microsoft's validator
    /// rejects the file ("OperationParametersContainDuplicateParameter",
    /// "PathParametersContainDuplicateParameter").
    ///
    /// ## Example
    /// ```json
    /// "parameters": [ { "name": "top", "in": "query", "type": "integer" },
    ///                 { "name": "top", "in": "query", "type": "integer" } ]
    /// ```
    ///
    /// ## Fix
    /// Remove the second declaration (or give it its real name or location).
    pub DuplicateParameter {
        code: "SW111",
        name: "duplicate-parameter",
        group: Parameters,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationParametersContainDuplicateParameter"),
    }
}

/// The entries that repeat an earlier (name, in) of the same list.
fn duplicates<'a>(params: &[Parameter<'a>]) -> Vec<(Parameter<'a>, &'a str, &'a str)> {
    let mut out = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let (Some(name), Some(loc)) = (p.name(), p.location_str()) else { continue };
        if params[..i].iter().any(|q| q.name() == Some(name) && q.location_str() == Some(loc)) {
            out.push((*p, name, loc));
        }
    }
    out
}

impl Check for DuplicateParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            let params = resolved_entries(sw, path.parameter_entries(), ParameterSite::PathItem);
            for (p, name, loc) in duplicates(&params) {
                cx.report_value(
                    p.site,
                    format!("The path '{}' contains duplicate parameters with name '{name}', location '{loc}'.", path.template),
                )
                .set_help("remove one of the two declarations");
            }
        }
        for info in &sw.operations {
            let own: Vec<Parameter<'_>> = info
                .params
                .iter()
                .filter(|p| p.declared == ParameterSite::Operation)
                .copied()
                .collect();
            for (p, name, loc) in duplicates(&own) {
                cx.report_value(
                    p.site,
                    format!(
                        "The operation {} contains duplicate parameters with name '{name}', location '{loc}'.",
                        info.op.label()
                    ),
                )
                .set_help("remove one of the two declarations");
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
    fn distinct_and_overriding_parameters_pass() {
        assert!(check_swagger(&DuplicateParameter, json!({})).is_empty());
        // Same name in another location, and an operation override of a path-item parameter.
        let d = check_swagger(
            &DuplicateParameter,
            json!({"paths": {"/tasks/{taskId}": {
                "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string"}],
                "get": {"parameters": [
                    {"name": "taskId", "in": "path", "required": true, "type": "string"},
                    {"name": "taskId", "in": "query", "type": "string"}
                ]}
            }}}),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn repeated_parameter_fails_at_the_second() {
        let d = check_swagger(
            &DuplicateParameter,
            json!({
                "parameters": {"top": {"name": "top", "in": "query", "type": "integer"}},
                "paths": {"/tasks/{taskId}": {"get": {"parameters": [
                    {"name": "taskId", "in": "path", "required": true, "type": "string"},
                    {"name": "top", "in": "query", "type": "integer"},
                    {"$ref": "#/parameters/top"}
                ]}}}
            }),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/2"]);
        assert!(d[0].message.contains("'GetTask'"));
    }

    #[test]
    fn repeated_path_item_parameter_fails() {
        let d = check_swagger(
            &DuplicateParameter,
            json!({"paths": {"/tasks/{taskId}": {
                "parameters": [
                    {"name": "taskId", "in": "path", "required": true, "type": "string"},
                    {"name": "taskId", "in": "path", "required": true, "type": "string"}
                ]
            }}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/parameters/1"]);
    }
}
