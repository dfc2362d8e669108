use crate::fast_hash::FastSet;
use switchboard_model::json::Value;

use super::common::{json_eq, show};
use super::keys::{Keys, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `x-ms-enum-values` (display names for enum values): each entry has a
    /// `displayName`, no `value` appears twice, and each `value` is one of the sibling
    /// `enum` values.
    ///
    /// ## Why it matters
    /// The designer shows `displayName` in the drop-down and sends `value`; an entry without
    /// a name, a value mapped twice, or a value the schema does not allow is rejected by the
    /// validator ("The 'x-ms-enum-values' extension is invalid. Please specify the property
    /// 'displayName'.", "… has duplicate values …", "The 'value' field must match one of the
    /// enums …").
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "enum": ["low", "high"],
    ///   "x-ms-enum-values": [{ "value": "low", "displayName": "Low" }, { "value": "urgent", "displayName": "Urgent" }] }
    /// ```
    ///
    /// ## Fix
    /// Give every entry a `displayName`, keep one entry per value, and keep the values in
    /// step with `enum`.
    pub EnumValuesExtensionInvalid {
        code: "SW140",
        name: "enum-values-extension-invalid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("InvalidEnumValuesExtensionValue"),
    }
}

impl Check for EnumValuesExtensionInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut nodes: Vec<&Value> = Vec::new();
        let keys = Keys::any_of(&["x-ms-enum-values"]);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| {
            if node.get("x-ms-enum-values").is_some() {
                nodes.push(node);
            }
        });
        nodes.extend(
            simple_nodes_with(sw, keys).into_iter().filter(|n| n.get("x-ms-enum-values").is_some()),
        );
        for node in nodes {
            let Some(entries) = node.get("x-ms-enum-values").and_then(Value::as_array) else {
                continue;
            };
            let allowed = node.get("enum").and_then(Value::as_array);
            let mut seen: Vec<&Value> = Vec::new();
            let mut seen_keys = FastSet::default();
            for entry in entries {
                if entry.as_object().is_none() {
                    continue;
                }
                if entry.get_str("displayName").is_none_or(|s| s.trim().is_empty()) {
                    cx.report_value(entry, "The 'x-ms-enum-values' extension is invalid. Please specify the property 'displayName'.")
                        .set_help("add \"displayName\": the text the designer shows for this value");
                }
                let Some(value) = entry.get("value") else { continue };
                let repeated = match value.as_str() {
                    Some(s) => !seen_keys.insert(s.to_string()),
                    None => seen.iter().any(|v| json_eq(v, value)),
                };
                seen.push(value);
                if repeated {
                    cx.report_value(value, format!("The 'x-ms-enum-values' extension has duplicate values. You can only have one display name mapped to a value ({}).", show(value)))
                        .set_help("keep one entry per value");
                } else if let Some(allowed) = allowed
                    && !allowed.iter().any(|a| json_eq(a, value))
                {
                    cx.report_value(value, format!("The 'value' field must match one of the enums as defined in the 'enum' property of the schema ({} is not listed).", show(value)))
                        .set_help("add the value to `enum`, or correct it");
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
    fn consistent_display_names_pass() {
        let d = check_swagger(
            &EnumValuesExtensionInvalid,
            json!({"definitions": {"Task": {"properties": {"p": {"type": "string", "enum": ["low", "high"],
                "x-ms-enum-values": [{"value": "low", "displayName": "Low"}, {"value": "high", "displayName": "High"}]}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn missing_name_duplicate_and_unknown_value_fail() {
        let d = check_swagger(
            &EnumValuesExtensionInvalid,
            json!({"definitions": {"Task": {"properties": {"p": {"type": "string", "enum": ["low", "high"],
                "x-ms-enum-values": [{"value": "low"}, {"value": "low", "displayName": "Low"}, {"value": "urgent", "displayName": "Urgent"}]}}}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/p/x-ms-enum-values/0",
                "/definitions/Task/properties/p/x-ms-enum-values/1/value",
                "/definitions/Task/properties/p/x-ms-enum-values/2/value",
            ]
        );
        assert!(d[2].message.contains("'urgent' is not listed"));
    }
}
