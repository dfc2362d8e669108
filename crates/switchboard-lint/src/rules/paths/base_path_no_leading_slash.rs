use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;

declare_rule! {
    /// ## What it does
    /// Checks that `basePath`, when present, starts with `/`.
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects other values ("BasePathNotValid"): the base path is
    /// appended to the host, and `api.contoso.comv1` is not a URL.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api.contoso.com", "basePath": "v1" }
    /// ```
    ///
    /// ## Fix
    /// Start it with a slash: `"basePath": "/v1"` (automatic fix).
    pub BasePathNoLeadingSlash {
        code: "SW043",
        name: "base-path-no-leading-slash",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("BasePathNotValid"),
    }
}

impl Check for BasePathNoLeadingSlash {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = sw.root().get("basePath") else { return };
        let Some(base) = node.as_str() else { return };
        if base.starts_with('/') {
            return;
        }
        let d = cx.report_value(node, format!("The 'basePath' value '{base}' must start with '/'"));
        if base.contains("://") {
            d.set_help("the base path is only the path; put the host in `host` and the scheme in `schemes`");
        } else {
            // Insert after the opening quote.
            let at = node.span.start + 1;
            d.set_fix(Fix {
                message: "Prefix with `/`".into(),
                edits: vec![Edit { span: Span::at(at), replacement: "/".into() }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn slash_or_absent_passes() {
        assert!(check_swagger(&BasePathNoLeadingSlash, json!({})).is_empty());
        assert!(check_swagger(&BasePathNoLeadingSlash, json!({"basePath": null})).is_empty());
    }

    #[test]
    fn relative_fails_with_a_fix() {
        let d = check_swagger(&BasePathNoLeadingSlash, json!({"basePath": "v1"}));
        assert_eq!(pointers(&d), ["/basePath"]);
        let fix = d[0].fix.as_ref().expect("fix");
        assert_eq!(fix.edits[0].replacement, "/");
        assert!(fix.edits[0].span.is_empty());
    }
}
