use super::common::template_problem;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the braces of every path template are well formed: each `{` is closed by
    /// a `}` in the same segment, variables are not nested and not empty, and no `}` stands
    /// alone.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects the path ("OperationPathTemplateNotValid"): the
    /// platform cannot tell which part of the URL a path parameter fills.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{id": { "get": { "operationId": "GetItem" } } } }
    /// ```
    ///
    /// ## Fix
    /// Close the variable (`/items/{id}`), keep one variable per segment part, and
    /// percent-encode literal braces (`%7B`, `%7D`).
    pub PathTemplateInvalid {
        code: "SW054",
        name: "path-template-invalid",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationPathTemplateNotValid"),
    }
}

impl Check for PathTemplateInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            if let Some(problem) = template_problem(path.template) {
                cx.report_swagger(
                    path.key_span,
                    format!(
                        "The path template '{}' is not valid: {}",
                        path.template,
                        problem.describe()
                    ),
                )
                .set_help(
                    "write variables as {name} within one segment; percent-encode literal braces",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn path(p: &str) -> serde_json::Value {
        json!({"paths": {p: {"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}}}})
    }

    #[test]
    fn well_formed_templates_pass() {
        assert!(check_swagger(&PathTemplateInvalid, json!({})).is_empty());
        assert!(check_swagger(&PathTemplateInvalid, path("/files/{name}.{ext}")).is_empty());
    }

    #[test]
    fn broken_templates_fail_at_the_key() {
        let d = check_swagger(&PathTemplateInvalid, path("/items/{id"));
        assert_eq!(pointers(&d), ["/paths/~1items~1{id"]);
        assert!(d[0].message.ends_with("a '{' is never closed"));
        let d = check_swagger(&PathTemplateInvalid, path("/items/{a/b}"));
        assert!(d[0].message.contains("spans more than one segment"));
    }
}
