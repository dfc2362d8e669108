use super::common::annotation;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `x-ms-api-annotation.replacement` on operations: it may only appear on deprecated
    /// operations (`"deprecated": true`), and it must name both the `api` and the `operationId`
    /// of the replacement.
    ///
    /// ## Why it matters
    /// The replacement tells the designers which operation supersedes a deprecated one, so they
    /// can point users to it. Microsoft's validator rejects a replacement on an operation that is
    /// not deprecated and one that lacks either property
    /// ("ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
    /// "…MissingApiProperty", "…MissingOperationIdProperty").
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetTask", "x-ms-api-annotation": { "replacement": { "operationId": "GetTaskV2" } } }
    /// ```
    ///
    /// ## Fix
    /// Mark the operation `"deprecated": true` and give both properties:
    /// `"replacement": { "api": "taskforge", "operationId": "GetTaskV2" }`.
    pub ReplacementAnnotation {
        code: "SW080",
        name: "replacement-annotation",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations"),
    }
}

impl Check for ReplacementAnnotation {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for info in &sw.operations {
            let op = &info.op;
            let Some(replacement) = annotation(op).and_then(|a| a.get("replacement")) else {
                continue;
            };
            if !op.is_deprecated() {
                cx.report_value(
                    replacement,
                    format!(
                        "Operation {} has a replacement annotation but is not deprecated.",
                        op.label()
                    ),
                )
                .set_help("set \"deprecated\": true on the operation, or remove the replacement");
            }
            if replacement.as_object().is_none() {
                cx.report_value(
                    replacement,
                    format!(
                        "The replacement annotation of operation {} must be an object.",
                        op.label()
                    ),
                )
                .set_help(
                    "write { \"api\": \"<connector>\", \"operationId\": \"<new operation>\" }",
                );
                continue;
            }
            for key in ["api", "operationId"] {
                if replacement.get_str(key).is_none_or(|s| s.trim().is_empty()) {
                    cx.report_value(
                        replacement,
                        format!("The replacement annotation of operation {} is missing the '{key}' property.", op.label()),
                    )
                    .set_help("write { \"api\": \"<connector>\", \"operationId\": \"<new operation>\" }");
                }
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
    fn complete_replacement_on_deprecated_operation_passes() {
        let p = json!({"paths": {"/tasks": {"post": {
            "deprecated": true,
            "x-ms-api-annotation": {"replacement": {"api": "taskforge", "operationId": "CreateTaskV2"}}
        }}}});
        assert!(check_swagger(&ReplacementAnnotation, p).is_empty());
    }

    #[test]
    fn replacement_on_active_operation_fails() {
        let p = json!({"paths": {"/tasks": {"post": {
            "x-ms-api-annotation": {"replacement": {"api": "taskforge", "operationId": "CreateTaskV2"}}
        }}}});
        let d = check_swagger(&ReplacementAnnotation, p);
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/x-ms-api-annotation/replacement"]);
        assert!(d[0].message.contains("not deprecated"));
    }

    #[test]
    fn missing_properties_fail_each() {
        let p = json!({"paths": {"/tasks": {"post": {
            "deprecated": true,
            "x-ms-api-annotation": {"replacement": {}}
        }}}});
        let d = check_swagger(&ReplacementAnnotation, p);
        assert_eq!(d.len(), 2);
        assert!(d[0].message.contains("'api'") && d[1].message.contains("'operationId'"));
    }
}
