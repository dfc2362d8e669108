use super::common::operation_ids;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of a policy template's `x-ms-apimTemplate-operationName` list is
    /// the `operationId` of an operation in the swagger (exact, case-sensitive match).
    ///
    /// ## Why it matters
    /// The list scopes the template to those operations. A name that matches nothing (a typo,
    /// an operation renamed or deleted) silently leaves the intended operation without its
    /// host, path or header rewrite, which usually means it calls the wrong URL.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "routerequesttoendpoint",
    ///   "parameters": { "x-ms-apimTemplate-operationName": ["Listforms"] } }
    /// ```
    /// where the swagger declares `ListForms`.
    ///
    /// ## Fix
    /// Use the operationId exactly as declared, or remove names of deleted operations.
    pub PolicyOperationUnknown {
        code: "AP032",
        name: "policy-operation-unknown",
        group: Properties,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for PolicyOperationUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(sw) = cx.swagger() else { return };
        let ids = operation_ids(sw);
        for (i, instance) in props.policy_template_instances().enumerate() {
            let id = instance.template_id().unwrap_or("?");
            for entry in instance.operation_names() {
                let Some(name) = entry.as_str() else { continue };
                if ids.contains(&name) {
                    continue;
                }
                let help = match ids.iter().find(|x| x.eq_ignore_ascii_case(name)) {
                    Some(x) => format!("operationIds are case-sensitive: write '{x}'"),
                    None => "use an operationId declared in apiDefinition.swagger.json".to_string(),
                };
                cx.report_properties(entry.span, format!("policy template '{id}' (instance {i}) names operation '{name}', which the swagger does not declare"))
                    .set_help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    fn scoped(names: &serde_json::Value) -> serde_json::Value {
        json!({"properties": {"policyTemplateInstances": [{"templateId": "setheader",
            "parameters": {"x-ms-apimTemplate-operationName": names}}]}})
    }

    #[test]
    fn declared_operations_pass() {
        assert!(
            check_properties(&PolicyOperationUnknown, scoped(&json!(["GetTask", "CreateTask"])))
                .is_empty()
        );
    }

    #[test]
    fn unknown_and_miscased_operations_fail_at_the_entry() {
        let d = check_properties(
            &PolicyOperationUnknown,
            scoped(&json!(["GetTask", "gettask", "DeleteTask"])),
        );
        assert_eq!(
            pointers(&d),
            [
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/1",
                "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/2"
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("operationIds are case-sensitive: write 'GetTask'"));
        assert_eq!(d[0].severity, Severity::Error);
    }
}
