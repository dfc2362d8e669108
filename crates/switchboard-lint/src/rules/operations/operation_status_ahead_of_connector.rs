use super::common::{STATUSES, annotation, replace_string};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the `status` of each operation's `x-ms-api-annotation`: it must be `Preview` or
    /// `Production` (exact spelling), and it must not be `Production` while the connector
    /// itself is in preview (`info.x-ms-api-annotation.status` is `Preview`).
    ///
    /// ## Why it matters
    /// An operation cannot be more mature than the connector it belongs to: Microsoft's
    /// validator rejects a production operation on a preview connector
    /// ("OperationStatusAheadOfConnector", "ProductionStatusOnBetaService"), and a misspelt
    /// status (`"production"`) is not recognised at all. Only an explicit connector status is
    /// compared: many certified connectors have production operations and no connector-level
    /// annotation.
    ///
    /// ## Example
    /// ```json
    /// "info": { "x-ms-api-annotation": { "status": "Preview" } },
    /// …
    /// "get": { "operationId": "GetTask", "x-ms-api-annotation": { "status": "Production" } }
    /// ```
    ///
    /// ## Fix
    /// Set the operation to `"Preview"`, or promote the connector to `"Production"` once it is
    /// stable. Write the values exactly `Preview` and `Production`.
    pub OperationStatusAheadOfConnector {
        code: "SW167",
        name: "operation-status-ahead-of-connector",
        group: Operations,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("OperationStatusAheadOfConnector"),
    }
}

impl Check for OperationStatusAheadOfConnector {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let connector_preview = sw
            .doc
            .info()
            .and_then(|i| i.get("x-ms-api-annotation"))
            .and_then(|a| a.get_str("status"))
            .is_some_and(|s| s.eq_ignore_ascii_case("preview"));
        for info in &sw.operations {
            let op = &info.op;
            let Some(status) = annotation(op).and_then(|a| a.get("status")) else { continue };
            let Some(text) = status.as_str() else {
                cx.report_value(
                    status,
                    format!(
                        "The status of operation {} must be 'Preview' or 'Production'.",
                        op.label()
                    ),
                );
                continue;
            };
            if !STATUSES.contains(&text) {
                let d = cx.report_value(
                    status,
                    format!(
                        "The status '{text}' of operation {} is not 'Preview' or 'Production'.",
                        op.label()
                    ),
                );
                d.set_help("write the status exactly \"Preview\" or \"Production\"");
                if let Some(known) = STATUSES.iter().find(|s| s.eq_ignore_ascii_case(text)) {
                    d.set_fix(replace_string(status, known, format!("Replace with '{known}'")));
                }
            }
            if connector_preview && text.eq_ignore_ascii_case("production") {
                cx.report_value(
                    status,
                    format!(
                        "Operation {} has status Production but the connector is in Preview.",
                        op.label()
                    ),
                )
                .set_help("set the operation to \"Preview\", or the connector (info.x-ms-api-annotation.status) to \"Production\"");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn patch(connector: Option<&str>, operation: &str) -> serde_json::Value {
        let mut p =
            json!({"paths": {"/tasks": {"post": {"x-ms-api-annotation": {"status": operation}}}}});
        if let Some(c) = connector {
            p["info"] = json!({"x-ms-api-annotation": {"status": c}});
        }
        p
    }

    #[test]
    fn matching_statuses_pass() {
        assert!(
            check_swagger(&OperationStatusAheadOfConnector, patch(Some("Preview"), "Preview"))
                .is_empty()
        );
        assert!(
            check_swagger(
                &OperationStatusAheadOfConnector,
                patch(Some("Production"), "Production")
            )
            .is_empty()
        );
        // Without a connector status nothing is compared.
        assert!(
            check_swagger(&OperationStatusAheadOfConnector, patch(None, "Production")).is_empty()
        );
    }

    #[test]
    fn production_operation_on_preview_connector_fails() {
        let d =
            check_swagger(&OperationStatusAheadOfConnector, patch(Some("Preview"), "Production"));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/x-ms-api-annotation/status"]);
        assert!(d[0].message.contains("connector is in Preview"));
    }

    #[test]
    fn misspelt_status_fails_with_a_fix() {
        let d = check_swagger(&OperationStatusAheadOfConnector, patch(None, "production"));
        assert_eq!(pointers(&d), ["/paths/~1tasks/post/x-ms-api-annotation/status"]);
        assert_eq!(d[0].fix.as_ref().expect("fix").edits[0].replacement, "\"Production\"");
    }
}
