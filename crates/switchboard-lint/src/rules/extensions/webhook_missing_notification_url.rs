use super::common::{is_webhook, notification_urls};
use crate::rules::schemas::common::Definitions;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every webhook operation has an input marked
    /// `"x-ms-notification-url": true`, usually the callback URL property of its body
    /// (`$ref`s are followed). A webhook operation has `x-ms-notification-content`, or is a
    /// trigger whose path item has it (the layout of Microsoft's webhook example).
    ///
    /// ## Why it matters
    /// When a flow with a webhook trigger is saved, the platform puts the flow's callback URL
    /// into that property and calls the operation to register it; without the marker the
    /// service never learns where to send events ("The webhook operation '…' is missing
    /// notification URL property.").
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "OnNewTask", "x-ms-trigger": "single",
    ///   "x-ms-notification-content": { "schema": { "$ref": "#/definitions/Task" } },
    ///   "parameters": [{ "name": "body", "in": "body", "schema": { "type": "object",
    ///     "properties": { "url": { "type": "string" } } } }] }
    /// ```
    ///
    /// ## Fix
    /// Mark the callback URL property: `"x-ms-notification-url": true`, with
    /// `"x-ms-visibility": "internal"` and listed in `required`.
    pub WebhookMissingNotificationUrl {
        code: "SW163",
        name: "webhook-missing-notification-url",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("WebhookOperationsMissingNotificationUrlProperty"),
    }
}

impl Check for WebhookMissingNotificationUrl {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        if !sw.operations.iter().any(|o| is_webhook(&o.op)) {
            return;
        }
        let defs = Definitions::of(sw);
        for op in &sw.operations {
            if is_webhook(&op.op) && notification_urls(defs, op).is_empty() {
                cx.report_value(op.op.node, format!("The webhook operation {} is missing notification URL property.", op.op.label()))
                    .set_help("mark the callback URL property of the body with \"x-ms-notification-url\": true (internal, required)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn webhook(url_property: &serde_json::Value) -> serde_json::Value {
        json!({
            "paths": {"/hooks": {"post": {
                "operationId": "OnNewTask", "x-ms-trigger": "single",
                "x-ms-notification-content": {"schema": {"$ref": "#/definitions/Task"}},
                "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Hook"}}],
                "responses": {"201": {"description": "Created."}}
            }}},
            "definitions": {"Hook": {"type": "object", "required": ["url"], "properties": {"url": url_property}}}
        })
    }

    #[test]
    fn marked_callback_passes() {
        let d = check_swagger(
            &WebhookMissingNotificationUrl,
            webhook(
                &json!({"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"}),
            ),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn unmarked_webhook_fails_at_the_operation() {
        let d = check_swagger(&WebhookMissingNotificationUrl, webhook(&json!({"type": "string"})));
        assert_eq!(pointers(&d), ["/paths/~1hooks/post"]);
        assert!(d[0].message.contains("'OnNewTask'"));
    }
}
