use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that no path item uses `$ref`.
    ///
    /// ## Why it matters
    /// Swagger 2.0 allows a path item to reference another definition, but the platform does
    /// not support it ("PathItemRefNotSuppored"): the operations behind the reference are
    /// not imported.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "$ref": "#/x-shared/items" } } }
    /// ```
    ///
    /// ## Fix
    /// Write the operations inline under the path.
    pub PathItemRef {
        code: "SW056",
        name: "path-item-ref",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("PathItemRefNotSuppored"),
    }
}

impl Check for PathItemRef {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for path in sw.doc.paths() {
            if let Some(r) = path.node.get("$ref") {
                cx.report_value(
                    r,
                    format!(
                        "The path '{}' uses '$ref', which is not supported on path items",
                        path.template
                    ),
                )
                .set_help("write the operations inline under the path");
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
    fn inline_path_items_pass() {
        assert!(check_swagger(&PathItemRef, json!({})).is_empty());
    }

    #[test]
    fn ref_fails_at_the_ref() {
        let d = check_swagger(&PathItemRef, json!({"paths": {"/tasks": {"$ref": "#/x-items"}}}));
        assert_eq!(pointers(&d), ["/paths/~1tasks/$ref"]);
    }
}
