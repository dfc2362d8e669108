use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no key of `paths` contains a raw `?` or `#` (a query string or fragment)
    /// or a `*`.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects them ("OperationPathMayNotContainQueryOrFragment",
    /// "OperationPathContainsUnsupportedCharacters"). Swagger 2.0 cannot describe two
    /// operations that differ only in their query string; the query belongs in parameters.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items?type=task": { "get": { "operationId": "ListTasks" } } } }
    /// ```
    ///
    /// ## Fix
    /// Move the query to a parameter (`{"name": "type", "in": "query", "default": "task",
    /// "x-ms-visibility": "internal"}`), and percent-encode any `?`, `#` or `*` that is part
    /// of a path segment.
    pub PathQueryOrFragment {
        code: "SW051",
        name: "path-query-or-fragment",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationPathMayNotContainQueryOrFragment"),
    }
}

impl Check for PathQueryOrFragment {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            let t = path.template;
            if let Some(c) = t.chars().find(|c| matches!(c, '?' | '#')) {
                cx.report_swagger(path.key_span, format!("The path '{t}' may not contain a query or fragment ('{c}')"))
                    .set_help("describe the query with `in: query` parameters; percent-encode a literal '?' or '#'");
            } else if t.contains('*') {
                cx.report_swagger(
                    path.key_span,
                    format!("The path '{t}' contains the unsupported character '*'"),
                )
                .set_help("use a path variable, or percent-encode a literal '*' as %2A");
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
    fn plain_paths_pass() {
        assert!(check_swagger(&PathQueryOrFragment, json!({})).is_empty());
        assert!(check_swagger(&PathQueryOrFragment, path("/items%3Fx")).is_empty());
    }

    #[test]
    fn query_and_star_fail_at_the_key() {
        let d = check_swagger(&PathQueryOrFragment, path("/items?type=task"));
        assert_eq!(pointers(&d), ["/paths/~1items?type=task"]);
        assert!(d[0].message.contains("('?')"));
        let d = check_swagger(&PathQueryOrFragment, path("/files/*"));
        assert_eq!(pointers(&d), ["/paths/~1files~1*"]);
        assert!(d[0].message.contains("'*'"));
    }
}
