use switchboard_model::json::Value;

use super::common::{has_notification_urls, is_webhook, notification_urls, operations_by_id};
use crate::rules::schemas::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the `x-ms-notification` extension (on a trigger, it names the webhook
    /// operation that delivers its notifications): it is only on triggers
    /// (`x-ms-trigger`), never on a webhook operation itself (one with
    /// `x-ms-notification-content`, or a trigger whose path item has it), and its
    /// `operationId` names a webhook operation. It also checks that an operation whose input
    /// has an `x-ms-notification-url` property (`$ref`s followed) is a webhook.
    ///
    /// ## Why it matters
    /// The platform wires notifications through these declarations; a misplaced extension
    /// or a link to a plain action is rejected ("The
    /// 'x-ms-notification' is supported for trigger operations only.", "The 'operationId'
    /// property in 'x-ms-notification' extension must be for a webhook operation.",
    /// "The operation '…' is missing notification content extension …").
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "ListTasks", "x-ms-notification": { "operationId": "CreateTask" } }
    /// ```
    ///
    /// ## Fix
    /// Put `x-ms-notification` on the polling trigger and point it at the webhook trigger;
    /// give webhook operations an `x-ms-notification-content` describing the payload.
    pub NotificationExtensionMisplaced {
        code: "SW158",
        name: "notification-extension-misplaced",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("NotificationExtensionSupportedForTriggerOnly"),
    }
}

impl Check for NotificationExtensionMisplaced {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let by_id = operations_by_id(sw);
        let defs = Definitions::of(sw);
        let any_urls = has_notification_urls(sw);
        let mut found: Vec<(&Value, String)> = Vec::new();
        for op in &sw.operations {
            if let Some(ext) = op.op.node.get("x-ms-notification") {
                if is_webhook(&op.op) {
                    found.push((ext, "The 'x-ms-notification' extension must not be defined in a webhook operation.".into()));
                } else if !op.op.is_trigger() {
                    found.push((ext, format!("The 'x-ms-notification' is supported for trigger operations only; {} is not a trigger.", op.op.label())));
                }
                if let Some(id) = ext.get("operationId")
                    && let Some(target) = id.as_str().and_then(|s| by_id.get(s))
                    && !is_webhook(&sw.operations[*target].op)
                {
                    found.push((id, "The 'operationId' property in 'x-ms-notification' extension must be for a webhook operation.".into()));
                }
            }
            if any_urls && !is_webhook(&op.op) {
                let urls = notification_urls(defs, op).len();
                if urls > 0 {
                    found.push((op.op.node, format!("The operation {} is missing notification content extension as it has '{urls}' properties marked as notification URL.", op.op.label())));
                }
            }
        }
        for (v, message) in found {
            cx.report_value(v, message)
                .set_help("x-ms-notification belongs on a polling trigger and names a webhook operation (one with x-ms-notification-content)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn trigger_linked_to_webhook_passes() {
        let d = check_swagger(
            &NotificationExtensionMisplaced,
            json!({"paths": {
                "/tasks/{taskId}": {"get": {"x-ms-trigger": "single", "x-ms-notification": {"operationId": "CreateTask"}}},
                "/tasks": {"post": {"x-ms-notification-content": {"schema": {"type": "object"}}}}
            }}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn misplaced_extensions_fail() {
        let d = check_swagger(
            &NotificationExtensionMisplaced,
            json!({"paths": {
                "/tasks/{taskId}": {"get": {"x-ms-notification": {"operationId": "CreateTask"}}},
                "/tasks": {"post": {"parameters": [{"name": "body", "in": "body", "schema": {"type": "object",
                    "properties": {"callback": {"type": "string", "x-ms-notification-url": true}}}}]}}
            }}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks~1{taskId}/get/x-ms-notification",
                "/paths/~1tasks~1{taskId}/get/x-ms-notification/operationId",
                "/paths/~1tasks/post"
            ]
        );
        assert!(d[0].message.contains("trigger operations only"));
        assert!(d[2].message.contains("'1' properties marked as notification URL"));
    }
}
