use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that each `operationId` is PascalCase: it starts with an uppercase ASCII letter and
    /// contains only ASCII letters and digits (no `-`, `_` or spaces).
    ///
    /// ## Why it matters
    /// Microsoft's coding standard for connectors asks for PascalCase operationIds
    /// (`GetTask`, `ListProjects`). The id shows up in Power Fx formulas, in generated
    /// documentation and in custom code; a consistent style makes connectors predictable.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "account_getCurrentUser" }
    /// ```
    ///
    /// ## Fix
    /// Use PascalCase (`GetCurrentUser`) for new operations. Renaming a published operation breaks
    /// existing flows, so leave those as they are.
    pub OperationIdPascalCase {
        code: "SW064",
        name: "operation-id-pascal-case",
        group: Operations,
        levels: Levels::all(Severity::Info),
    }
}

fn is_pascal_case(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Check for OperationIdPascalCase {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let Some(id_node) = info.op.node.get("operationId") else { continue };
            let Some(id) = id_node.as_str().filter(|s| !s.is_empty()) else { continue };
            if !is_pascal_case(id) {
                cx.report_value(id_node, format!("The operationId '{id}' is not PascalCase."))
                    .set_help("start with an uppercase letter and use only letters and digits, e.g. \"GetTask\"");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::operations::common::test::add_operation;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn pascal_case_passes() {
        assert!(check_swagger(&OperationIdPascalCase, json!({})).is_empty());
        let patch = add_operation("/projects", "get", "ListProjectsV2", &json!({}));
        assert!(check_swagger(&OperationIdPascalCase, patch).is_empty());
    }

    #[test]
    fn camel_case_and_separators_fail() {
        for id in ["listProjects", "List_Projects", "List-Projects"] {
            let d = check_swagger(
                &OperationIdPascalCase,
                add_operation("/projects", "get", id, &json!({})),
            );
            assert_eq!(pointers(&d), ["/paths/~1projects/get/operationId"], "{id}");
            assert_eq!(d[0].severity, Severity::Info);
        }
    }
}
