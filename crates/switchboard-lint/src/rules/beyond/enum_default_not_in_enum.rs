use switchboard_model::json::{Kind, Value};

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the `default` and the `x-ms-test-value` of a parameter with an `enum` are
    /// among the enum's values (for an `array` parameter, that each element is among
    /// `items.enum`). Numbers compare by value, everything else exactly.
    ///
    /// ## Why it matters
    /// The designer renders an enum parameter as a dropdown. A default outside the list shows
    /// an invalid pre-selected value (or silently sends it); a test value outside the list
    /// makes the certification test run exercise a value users can never pick.
    ///
    /// ## Example
    /// ```json
    /// { "name": "format", "in": "query", "type": "string", "enum": ["pdf", "zip"], "default": "PDF" }
    /// ```
    ///
    /// ## Fix
    /// Use one of the enum values exactly (case matters), or add the value to the enum.
    pub EnumDefaultNotInEnum {
        code: "BX008",
        name: "enum-default-not-in-enum",
        group: Beyond,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for EnumDefaultNotInEnum {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        for decl in &sw.parameters {
            let p = &decl.param;
            let own = p.node.get_array("enum");
            let items = p.node.get("items").and_then(|i| i.get_array("enum"));
            if own.is_none() && items.is_none() {
                continue;
            }
            for key in ["default", "x-ms-test-value"] {
                let Some(value) = p.node.get(key) else { continue };
                let bad: Vec<&Value> = match (own, items, value.as_array()) {
                    (Some(allowed), _, _) if !contains(allowed, value) => vec![value],
                    (None, Some(allowed), Some(elements)) => {
                        elements.iter().filter(|e| !contains(allowed, e)).collect()
                    }
                    _ => Vec::new(),
                };
                for v in bad {
                    let shown = serde_json::Value::from(v).to_string();
                    cx.report_value(v, format!("The '{key}' value {shown} of parameter {} is not one of its enum values", p.label()))
                        .set_help("use one of the enum values exactly, or add this value to the enum");
                }
            }
        }
    }
}

fn contains(allowed: &[Value], v: &Value) -> bool {
    allowed.iter().any(|a| same(a, v))
}

fn same(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Number(_), Kind::Number(_)) => a.as_f64() == b.as_f64(),
        (Kind::String(x), Kind::String(y)) => x == y,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Null, Kind::Null) => true,
        _ => {
            serde_json::Value::from(a) == serde_json::Value::from(b)
                && a.json_type() == b.json_type()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn with_param(param: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks": {"get": {"operationId": "ListTasks", "parameters": [param]}}}})
    }

    #[test]
    fn values_in_the_enum_pass() {
        let d = check_swagger(
            &EnumDefaultNotInEnum,
            with_param(
                &json!({"name": "n", "in": "query", "type": "integer", "enum": [10, 20], "default": 10.0, "x-ms-test-value": 20}),
            ),
        );
        assert!(d.is_empty(), "{d:#?}");
        let d = check_swagger(
            &EnumDefaultNotInEnum,
            with_param(
                &json!({"name": "f", "in": "query", "type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "default": ["a"]}),
            ),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn value_outside_the_enum_fails_at_the_value() {
        let d = check_swagger(
            &EnumDefaultNotInEnum,
            with_param(
                &json!({"name": "format", "in": "query", "type": "string", "enum": ["pdf", "zip"], "default": "PDF", "x-ms-test-value": "zip"}),
            ),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/get/parameters/0/default"]);
        assert!(
            d[0].message.contains("\"PDF\" of parameter 'format' (in query)"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn array_elements_are_checked_one_by_one() {
        let d = check_swagger(
            &EnumDefaultNotInEnum,
            with_param(
                &json!({"name": "f", "in": "query", "type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "default": ["a", "c"]}),
            ),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/get/parameters/0/default/1"]);
    }
}
