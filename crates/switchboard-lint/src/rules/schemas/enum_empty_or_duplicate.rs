use crate::fast_hash::FastSet;
use switchboard_model::json::{Kind, Value};

use super::common::{json_eq, show};
use super::keys::{Keys, for_each_schema_node_with, simple_nodes_with};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every `enum` (in schemas, non-body parameters and headers) has at least
    /// one value and no value twice.
    ///
    /// ## Why it matters
    /// An empty `enum` accepts nothing ("The 'enum' array requires at least one value."), and
    /// a duplicate shows the same choice twice in the designer's drop-down; the validator
    /// rejects both ("The array contains duplicate values, values must be unique.").
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "enum": ["low", "high", "low"] }
    /// ```
    ///
    /// ## Fix
    /// Remove the duplicate values; remove an empty `enum` altogether.
    pub EnumEmptyOrDuplicate {
        code: "SW139",
        name: "enum-empty-or-duplicate",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("EnumMustContainAtLeastOneElement"),
    }
}

impl Check for EnumEmptyOrDuplicate {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut enums: Vec<&Value> = Vec::new();
        let keys = Keys::any_of(&["enum"]);
        for_each_schema_node_with(sw, keys, &mut |node, _, _| enums.extend(node.get("enum")));
        enums.extend(simple_nodes_with(sw, keys).into_iter().filter_map(|n| n.get("enum")));
        for e in enums {
            let Some(items) = e.as_array() else { continue };
            if items.is_empty() {
                cx.report_value(e, "The 'enum' array requires at least one value.")
                    .set_help("remove the empty enum, or list the allowed values");
                continue;
            }
            for dup in duplicates(items) {
                cx.report_value(dup, format!("The array contains duplicate values, values must be unique: {} appears more than once.", show(dup)))
                    .set_help("remove the repeated value");
            }
        }
    }
}

/// How a scalar enum value is compared: strings as written, numbers by value.
#[derive(PartialEq, Eq, Hash)]
enum Key<'a> {
    String(&'a str),
    Number(u64),
    Bool(bool),
    Null,
}

/// The items equal to an earlier item.
fn duplicates(items: &[Value]) -> Vec<&Value> {
    let mut seen = FastSet::default();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = match &item.kind {
            Kind::String(s) => Some(Key::String(s)),
            Kind::Number(_) => item.as_f64().map(|f| Key::Number(f.to_bits())),
            Kind::Bool(b) => Some(Key::Bool(*b)),
            Kind::Null => Some(Key::Null),
            _ => None,
        };
        let repeated = match key {
            Some(k) => !seen.insert(k),
            None => items[..i].iter().any(|earlier| json_eq(earlier, item)),
        };
        if repeated {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn distinct_values_pass() {
        let d = check_swagger(
            &EnumEmptyOrDuplicate,
            json!({"definitions": {"Task": {"properties": {"p": {"type": "string", "enum": ["a", "b", "A"]}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn empty_and_duplicate_values_fail() {
        let d = check_swagger(
            &EnumEmptyOrDuplicate,
            json!({
                "paths": {"/tasks": {"get": {"operationId": "ListTasks",
                    "parameters": [{"name": "n", "in": "query", "type": "integer", "enum": [1, 2, 1.0]}],
                    "responses": {"200": {"description": "ok"}}}}},
                "definitions": {"Task": {"properties": {"p": {"type": "string", "enum": []}, "q": {"enum": [{"a": 1}, {"a": 1}]}}}}
            }),
        );
        assert_eq!(
            pointers(&d),
            [
                "/paths/~1tasks/get/parameters/0/enum/2",
                "/definitions/Task/properties/p/enum",
                "/definitions/Task/properties/q/enum/1"
            ]
        );
    }
}
