use super::common::variables;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no path variable carries a default value with `=` (`/items/{id=1}`).
    ///
    /// ## Why it matters
    /// Swagger path templates have no default syntax; Microsoft's validator rejects it
    /// ("OperationPathVariablesContainDefaults") and the `=1` would become part of the
    /// parameter's name.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{version=v1}": { "get": { "operationId": "GetItems" } } } }
    /// ```
    ///
    /// ## Fix
    /// Write `/items/{version}` and give the path parameter `"default": "v1"`.
    pub PathVariableDefault {
        code: "SW055",
        name: "path-variable-default",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationPathVariablesContainDefaults"),
    }
}

impl Check for PathVariableDefault {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            for var in variables(path.template).filter(|v| v.contains('=')) {
                let name = var.split('=').next().unwrap_or_default();
                cx.report_swagger(
                    path.key_span,
                    format!(
                        "The path variable '{{{var}}}' in '{}' contains a default value",
                        path.template
                    ),
                )
                .set_help(format!(
                    "write '{{{name}}}' and set `default` on the '{name}' parameter"
                ));
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
    fn plain_variables_pass() {
        assert!(check_swagger(&PathVariableDefault, json!({})).is_empty());
    }

    #[test]
    fn default_fails_at_the_key() {
        let d = check_swagger(
            &PathVariableDefault,
            json!({"paths": {"/items/{version=v1}": {"get": {"operationId": "GetItems", "responses": {"200": {"description": "OK"}}}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1items~1{version=v1}"]);
        assert_eq!(
            d[0].help.as_deref(),
            Some("write '{version}' and set `default` on the 'version' parameter")
        );
    }
}
