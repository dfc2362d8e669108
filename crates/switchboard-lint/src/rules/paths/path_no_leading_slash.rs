use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every key of `paths` starts with `/`.
    ///
    /// ## Why it matters
    /// Paths are appended to `basePath`; Microsoft's validator rejects paths without a
    /// leading slash ("OperationPathMustStartWithSlash").
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "items/{id}": { "get": { "operationId": "GetItem" } } } }
    /// ```
    ///
    /// ## Fix
    /// `"/items/{id}"` (automatic fix).
    pub PathNoLeadingSlash {
        code: "SW050",
        name: "path-no-leading-slash",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationPathMustStartWithSlash"),
    }
}

impl Check for PathNoLeadingSlash {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            if path.template.starts_with('/') {
                continue;
            }
            let d = cx.report_swagger(
                path.key_span,
                format!("The path '{}' must start with '/'", path.template),
            );
            let fixed = format!("/{}", path.template);
            if sw.doc.paths_object().is_none_or(|o| !o.contains_key(&fixed)) {
                d.set_fix(Fix {
                    message: "Prefix with `/`".into(),
                    edits: vec![Edit {
                        span: Span::at(path.key_span.start + 1),
                        replacement: "/".into(),
                    }],
                });
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
    fn slashed_paths_pass() {
        assert!(check_swagger(&PathNoLeadingSlash, json!({})).is_empty());
    }

    #[test]
    fn relative_path_fails_at_the_key_with_a_fix() {
        let d = check_swagger(
            &PathNoLeadingSlash,
            json!({"paths": {"items": {"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/items"]);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("/"));
    }
}
