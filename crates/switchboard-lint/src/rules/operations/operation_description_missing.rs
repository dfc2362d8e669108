use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every operation that users can see has a non-empty `description`. Operations
    /// with `"x-ms-visibility": "internal"` are exempt.
    ///
    /// ## Why it matters
    /// The description is the action's help text in the designers and in the generated
    /// connector documentation, and Copilot Studio uses it to choose an action. Certification
    /// rejects operations without one ("The 'description' property is required."). Internal
    /// operations never appear in a designer and are exempt, as the service exempts internal
    /// parameters; every certified operation without a description is internal.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "ListTasks", "summary": "List tasks", "responses": { … } } }
    /// ```
    ///
    /// ## Fix
    /// Add one or two full sentences saying what the operation does and returns, such as
    /// `"description": "Returns the tasks of a project, newest first."`.
    pub OperationDescriptionMissing {
        code: "SW072",
        name: "operation-description-missing",
        group: Operations,
        levels: Levels::cert(Severity::Error),
    }
}

impl Check for OperationDescriptionMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            if op.is_internal() {
                continue;
            }
            match op.node.get("description") {
                None => {
                    cx.report_value(
                        op.node,
                        format!(
                            "The 'description' property is required: operation {} has none.",
                            op.label()
                        ),
                    )
                    .set_help(
                        "add one or two full sentences saying what the operation does and returns",
                    );
                }
                Some(v) if v.as_str().is_none_or(|s| s.trim().is_empty()) => {
                    cx.report_value(
                        v,
                        format!("The 'description' of operation {} must be a non-empty string.", op.label()),
                    )
                    .set_help("write one or two full sentences saying what the operation does and returns");
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
    fn descriptions_and_internal_operations_pass() {
        assert!(check_swagger(&OperationDescriptionMissing, json!({})).is_empty());
        let patch = add_operation(
            "/hooks",
            "post",
            "Subscribe",
            &json!({"description": null, "x-ms-visibility": "internal"}),
        );
        assert!(check_swagger(&OperationDescriptionMissing, patch).is_empty());
    }

    #[test]
    fn missing_description_fails_at_the_operation() {
        let patch =
            add_operation("/projects", "get", "ListProjects", &json!({"description": null}));
        let d = check_swagger(&OperationDescriptionMissing, patch.clone());
        assert_eq!(pointers(&d), ["/paths/~1projects/get"]);
        assert!(d[0].message.starts_with("The 'description' property is required"));
        let c = Fixture::new().swagger(patch).build();
        assert_eq!(
            check_with(&OperationDescriptionMissing, &c, Profile::Default)[0].severity,
            Severity::Info
        );
    }

    #[test]
    fn empty_description_fails_at_the_value() {
        let patch = add_operation("/projects", "get", "ListProjects", &json!({"description": ""}));
        let d = check_swagger(&OperationDescriptionMissing, patch);
        assert_eq!(pointers(&d), ["/paths/~1projects/get/description"]);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
