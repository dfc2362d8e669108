use super::common::walk;
use switchboard_model::json::Value;

use super::common::Definitions;
use crate::{Check, Context, Levels, SchemaRole, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks input schemas (body parameters, and the definitions they reference,
    /// transitively) for properties that are both `readOnly: true` and listed in `required`.
    ///
    /// ## Why it matters
    /// `readOnly` properties are set by the service and hidden from the user in the
    /// designer, so a required one can never be supplied; the validator rejects it: "An input
    /// property cannot be 'readonly' and required."
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "readOnly": true } } }
    /// ```
    /// used as a body schema.
    ///
    /// ## Fix
    /// Remove the property from `required` (output-only fields are never required as
    /// input), or use a separate input definition without it.
    pub RequiredReadOnlyInput {
        code: "SW149",
        name: "required-read-only-input",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("RequiredReadOnlyPropertyNotAllowedAsInput"),
    }
}

impl Check for RequiredReadOnlyInput {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let defs = Definitions::of(sw);
        let bodies: Vec<&Value> =
            sw.schemas.iter().filter(|r| r.role == SchemaRole::Body).map(|r| r.node).collect();
        if bodies.is_empty() {
            return;
        }
        let reachable = defs.reachable_from(bodies.iter().copied());
        let roots = bodies
            .iter()
            .copied()
            .chain(defs.nodes.iter().zip(&reachable).filter(|(_, r)| **r).map(|(n, _)| *n));
        let mut found = Vec::new();
        for root in roots {
            walk(root, &mut |node, _| {
                let Some(props) = node.get("properties") else { return };
                for name in node.get("required").into_iter().flat_map(Value::items) {
                    let Some(prop) = name.as_str().and_then(|n| props.get(n)) else { continue };
                    let prop = defs.deref(prop);
                    if prop.get_bool("readOnly") == Some(true) {
                        found.push((name, name.as_str().unwrap_or_default()));
                    }
                }
            });
        }
        for (value, name) in found {
            cx.report_value(value, format!("An input property cannot be 'readonly' and required: '{name}'."))
                .set_help("remove the property from `required`, or use a separate input definition without it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn read_only_in_outputs_passes() {
        let d = check_swagger(
            &RequiredReadOnlyInput,
            json!({"definitions": {"Task": {"required": ["id"], "properties": {"id": {"type": "string", "readOnly": true}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn required_read_only_input_fails_at_the_name() {
        let d = check_swagger(
            &RequiredReadOnlyInput,
            json!({"definitions": {"NewTask": {"properties": {"title": {"readOnly": true}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/NewTask/required/0"]);
    }
}
