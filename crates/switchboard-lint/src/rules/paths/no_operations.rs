use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the connector defines at least one operation (a method under `paths`).
    ///
    /// ## Why it matters
    /// "Empty operations aren't allowed" (policy 5000.2.4.5): a connector without operations
    /// has nothing to offer in a flow or an app, and cannot be certified.
    ///
    /// ## Example
    /// ```json
    /// { "paths": {} }
    /// ```
    ///
    /// ## Fix
    /// Describe at least one action or trigger under `paths`.
    pub NoOperations {
        code: "SW058",
        name: "no-operations",
        group: Paths,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for NoOperations {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        if !sw.operations.is_empty() || sw.root().as_object().is_none() {
            return;
        }
        let at = sw.root().get("paths").unwrap_or(sw.root());
        cx.report_value(at, "Empty operations aren't allowed: the connector defines no operation")
            .set_help("describe at least one action or trigger under `paths`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn operations_pass() {
        assert!(check_swagger(&NoOperations, json!({})).is_empty());
    }

    #[test]
    fn empty_paths_fail_at_paths() {
        let d = check_swagger(
            &NoOperations,
            json!({"paths": {"/tasks": null, "/tasks/{taskId}": {"get": null}}}),
        );
        assert_eq!(pointers(&d), ["/paths"]);
        let d = check_swagger(&NoOperations, json!({"paths": null}));
        assert_eq!(pointers(&d), [""]);
    }
}
