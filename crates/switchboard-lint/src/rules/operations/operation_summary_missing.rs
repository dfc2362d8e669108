use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation that users can see has a non-empty `summary`. Operations
    /// with `"x-ms-visibility": "internal"` are exempt.
    ///
    /// ## Why it matters
    /// The summary is the action's or trigger's name in the Power Automate, Power Apps and
    /// Copilot Studio designers. Certification rejects operations without one ("The 'summary'
    /// property is required."). Internal operations (dynamic-value helpers, webhook
    /// subscriptions) never appear in a designer and are exempt, as the service exempts internal
    /// parameters from the `x-ms-summary` requirement; every certified operation without a
    /// summary is internal.
    ///
    /// ## Example
    /// ```json
    /// { "post": { "operationId": "CreateTask", "responses": { … } } }
    /// ```
    ///
    /// ## Fix
    /// Add a short sentence-case summary that starts with a verb, such as
    /// `"summary": "Create a task"` (at most 80 characters, no trailing punctuation).
    pub OperationSummaryMissing {
        code: "SW066",
        name: "operation-summary-missing",
        group: Operations,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for OperationSummaryMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if op.is_internal() {
                continue;
            }
            match op.node.get("summary") {
                None => {
                    cx.report_value(
                        op.node,
                        format!("The 'summary' property is required: operation {} has none.", op.label()),
                    )
                    .set_help("add a short sentence-case summary starting with a verb, e.g. \"Create a task\"");
                }
                Some(v) if v.as_str().is_none_or(|s| s.trim().is_empty()) => {
                    cx.report_value(
                        v,
                        format!("The 'summary' of operation {} must be a non-empty string.", op.label()),
                    )
                    .set_help("write a short sentence-case summary starting with a verb, e.g. \"Create a task\"");
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{Fixture, check_swagger, check_with, pointers};
    use serde_json::json;

    #[test]
    fn summaries_and_internal_operations_pass() {
        assert!(check_swagger(&OperationSummaryMissing, json!({})).is_empty());
        let patch = add_operation(
            "/hooks",
            "post",
            "Subscribe",
            &json!({"summary": null, "x-ms-visibility": "internal"}),
        );
        assert!(check_swagger(&OperationSummaryMissing, patch).is_empty());
    }

    #[test]
    fn missing_summary_fails_at_the_operation() {
        let patch = add_operation("/projects", "get", "ListProjects", &json!({"summary": null}));
        let d = check_swagger(&OperationSummaryMissing, patch.clone());
        assert_eq!(pointers(&d), ["/paths/~1projects/get"]);
        assert!(d[0].message.starts_with("The 'summary' property is required"));
        assert_eq!(d[0].severity, Severity::Error);
        let c = Fixture::new().swagger(patch).build();
        assert_eq!(
            check_with(&OperationSummaryMissing, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn blank_summary_fails_at_the_value() {
        let patch = add_operation("/projects", "get", "ListProjects", &json!({"summary": "  "}));
        let d = check_swagger(&OperationSummaryMissing, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/summary"]);
    }
}
