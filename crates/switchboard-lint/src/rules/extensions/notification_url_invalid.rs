use crate::fast_hash::FastSet;
use crate::rules::schemas::common::walk;
use switchboard_model::json::Value;

use super::common::{has_notification_urls, is_url, notification_urls};
use crate::rules::schemas::common::{Definitions, schema_roots};
use crate::{Check, Context, Levels, SchemaRole, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks each property marked `"x-ms-notification-url": true`: it is `type: string`;
    /// it or one of its parents is `x-ms-visibility: internal`; it is required all the way
    /// down (each property on the way from the body schema is in its parent's `required`
    /// list); and it is in an operation's input, not in a response or notification schema.
    ///
    /// ## Why it matters
    /// The platform fills this property with the flow's callback URL; users must not see or
    /// edit it, and it must always be sent. The validator rejects each deviation
    /// ("The notification URL property must be of type string.", "… itself or at least one
    /// of its parents must be internal.", "… must be required all the way through the
    /// schema chain.", "… is not allowed in this position. It is allowed only in input
    /// body.").
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "properties": { "callbackUrl": { "type": "string", "x-ms-notification-url": true } } }
    /// ```
    ///
    /// ## Fix
    /// Declare the property as `"type": "string"`, `"x-ms-visibility": "internal"`, and list
    /// it in `required` at every level (marking the body parameter `required: true` as well
    /// is good practice).
    pub NotificationUrlInvalid {
        code: "SW164",
        name: "notification-url-invalid",
        group: Extensions,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("NotificationUrlNotInternal"),
    }
}

impl Check for NotificationUrlInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        if !has_notification_urls(sw) {
            return;
        }
        let defs = Definitions::of(sw);
        let mut found: Vec<(&Value, String)> = Vec::new();
        let mut reported: FastSet<(*const Value, u8)> = FastSet::default();
        for op in &sw.operations {
            for url in notification_urls(defs, op) {
                let key = std::ptr::from_ref(url.node);
                if url.node.get_str("type") != Some("string") && reported.insert((key, 0)) {
                    let at = url.node.get("type").unwrap_or(url.node);
                    found
                        .push((at, "The notification URL property must be of type string.".into()));
                }
                if !url.internal && reported.insert((key, 1)) {
                    found.push((url.node, format!("The notification URL property itself or at least one of its parents must be internal (operation {}).", op.op.label())));
                }
                if !url.required && reported.insert((key, 2)) {
                    found.push((url.node, format!("The notification URL property must be required all the way through the schema chain (operation {}).", op.op.label())));
                }
            }
        }
        // Outputs: response and notification schemas, and definitions only they use.
        let roots = schema_roots(sw);
        let inputs = roots.iter().filter(|r| r.role == SchemaRole::Body).map(|r| r.node);
        let input_defs = defs.reachable_from(inputs);
        let outputs: Vec<&Value> =
            roots.iter().filter(|r| r.role.is_output()).map(|r| r.node).collect();
        let output_defs = defs.reachable_from(outputs.iter().copied());
        let output_only = defs
            .nodes
            .iter()
            .enumerate()
            .filter(|(d, _)| output_defs[*d] && !input_defs[*d])
            .map(|(_, n)| *n);
        for root in outputs.iter().copied().chain(output_only) {
            walk(root, &mut |node, _| {
                if is_url(node) && reported.insert((std::ptr::from_ref(node), 3)) {
                    found.push((node, "The notification URL property is not allowed in this position. It is allowed only in input body.".into()));
                }
            });
        }
        for (v, message) in found {
            cx.report_value(v, message)
                .set_help("declare the callback URL as an internal, required string property of the request body");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn webhook(
        body_required: bool,
        url_property: &serde_json::Value,
        required: &serde_json::Value,
    ) -> serde_json::Value {
        json!({
            "paths": {"/hooks": {"post": {
                "operationId": "OnNewTask", "x-ms-trigger": "single",
                "x-ms-notification-content": {"schema": {"$ref": "#/definitions/Task"}},
                "parameters": [{"name": "body", "in": "body", "required": body_required, "schema": {"$ref": "#/definitions/Hook"}}],
                "responses": {"201": {"description": "Created."}}
            }}},
            "definitions": {"Hook": {"type": "object", "required": required, "properties": {"url": url_property}}}
        })
    }

    #[test]
    fn internal_required_string_passes() {
        let url =
            json!({"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"});
        assert!(
            check_swagger(&NotificationUrlInvalid, webhook(true, &url, &json!(["url"]))).is_empty()
        );
    }

    #[test]
    fn visible_optional_non_string_fails() {
        let url = json!({"type": "object", "x-ms-notification-url": true});
        let d = check_swagger(&NotificationUrlInvalid, webhook(true, &url, &json!(["other"])));
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Hook/properties/url",
                "/definitions/Hook/properties/url",
                "/definitions/Hook/properties/url/type"
            ]
        );
        assert!(d.iter().any(|x| x.message.contains("must be internal")));
        assert!(d.iter().any(|x| x.message.contains("required all the way")));
    }

    #[test]
    fn optional_body_parameter_is_accepted_but_optional_nesting_is_not() {
        let url =
            json!({"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"});
        assert!(
            check_swagger(&NotificationUrlInvalid, webhook(false, &url, &json!(["url"])))
                .is_empty()
        );
        let nested = json!({"type": "object", "properties": {"url": url}, "required": ["url"]});
        let d = check_swagger(&NotificationUrlInvalid, webhook(true, &nested, &json!([])));
        assert_eq!(pointers(&d), ["/definitions/Hook/properties/url/properties/url"]);
        assert!(d[0].message.contains("required all the way"));
    }

    #[test]
    fn url_in_response_fails() {
        let d = check_swagger(
            &NotificationUrlInvalid,
            json!({"definitions": {"Task": {"properties": {"hook": {"type": "string", "x-ms-notification-url": true}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/properties/hook"]);
        assert!(d[0].message.contains("not allowed in this position"));
    }
}
