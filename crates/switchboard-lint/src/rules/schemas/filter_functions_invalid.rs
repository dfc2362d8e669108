use crate::fast_hash::FastSet;
use switchboard_model::json::Value;

use super::common::{Definitions, walk};
use super::keys::{Keys, for_each_schema_node_with};
use crate::{Check, Context, Levels, SchemaRole, Severity, declare_rule};

/// The filter functions the platform understands (Power Fx delegation operators).
const FUNCTIONS: &[&str] = &[
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "and",
    "or",
    "not",
    "contains",
    "indexof",
    "substringof",
    "startswith",
    "endswith",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "date",
    "tolower",
    "toupper",
    "trim",
    "length",
    "null",
    "sum",
    "min",
    "max",
    "average",
    "count",
    "countdistinct",
    "add",
    "sub",
    "mul",
    "div",
    "cdsin",
    "top",
    "astype",
    "arraylookup",
    "distinct",
    "joininner",
    "joinleft",
    "joinright",
    "joinfull",
];

declare_rule! {
    /// ## What it does
    /// Checks `x-ms-capabilities.filterFunctions` on schema properties (which filter
    /// operators a column supports, for delegation in Power Apps): the list is not empty,
    /// has no duplicates, names only known operators (`eq`, `ne`, `lt`, `le`, `gt`, `ge`,
    /// `and`, `or`, `not`, `contains`, `startswith`, `endswith`, …), and appears only in
    /// response schemas, not in body schemas or definitions they use.
    ///
    /// ## Why it matters
    /// Power Apps delegates filters to the service according to this list; the validator
    /// rejects an empty, repeated or unknown entry and a list on an input ("The
    /// 'filterFunctions' property has to be in the response schema.").
    ///
    /// ## Example
    /// ```json
    /// { "name": { "type": "string", "x-ms-capabilities": { "filterFunctions": ["eq", "like"] } } }
    /// ```
    ///
    /// ## Fix
    /// List each supported operator once, from the supported set, on response properties.
    pub FilterFunctionsInvalid {
        code: "SW155",
        name: "filter-functions-invalid",
        group: Schemas,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("FilterFunctionsPropertyInvalidValue"),
    }
}

impl Check for FilterFunctionsInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut lists: Vec<(&Value, &Value, bool)> = Vec::new(); // (list, holder, in a body root)
        for_each_schema_node_with(
            sw,
            Keys::any_of(&["x-ms-capabilities"]),
            &mut |node, _, root| {
                if let Some(list) =
                    node.get("x-ms-capabilities").and_then(|c| c.get("filterFunctions"))
                {
                    lists.push((list, node, root.role == SchemaRole::Body));
                }
            },
        );
        if lists.is_empty() {
            return;
        }
        let defs = Definitions::of(sw);
        let bodies = sw.schemas.iter().filter(|r| r.role == SchemaRole::Body).map(|r| r.node);
        let input_defs = defs.reachable_from(bodies);
        let input_nodes: FastSet<*const Value> = defs
            .nodes
            .iter()
            .zip(&input_defs)
            .filter(|(_, input)| **input)
            .flat_map(|(root, _)| {
                let mut nodes = Vec::new();
                walk(root, &mut |n, _| {
                    nodes.push(std::ptr::from_ref(n));
                });
                nodes
            })
            .collect();
        for (list, holder, in_body) in lists {
            if in_body || input_nodes.contains(&std::ptr::from_ref(holder)) {
                cx.report_value(
                    list,
                    "The 'filterFunctions' property has to be in the response schema.",
                )
                .set_help("declare filter functions on response properties only");
                continue;
            }
            let Some(items) = list.as_array() else { continue };
            if items.is_empty() {
                cx.report_value(
                    list,
                    "The 'filterFunctions' property must have at least one element.",
                )
                .set_help("list the supported operators, or remove the property");
                continue;
            }
            let mut seen = FastSet::default();
            for item in items {
                let Some(name) = item.as_str() else { continue };
                if !seen.insert(name) {
                    cx.report_value(
                        item,
                        format!(
                            "The 'filterFunctions' property cannot contain duplicates ('{name}')."
                        ),
                    )
                    .set_help("list each operator once");
                } else if !FUNCTIONS.contains(&name) {
                    cx.report_value(item, format!("The 'filterFunctions' property supports only these values: {}; '{name}' is not one of them.", FUNCTIONS.join(", ")))
                        .set_help("use a supported operator name (lowercase)");
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
    fn valid_lists_on_outputs_pass() {
        let d = check_swagger(
            &FilterFunctionsInvalid,
            json!({"definitions": {"Task": {"properties": {"title": {"x-ms-capabilities": {"filterFunctions": ["eq", "startswith"]}}}}}}),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_lists_fail() {
        let d = check_swagger(
            &FilterFunctionsInvalid,
            json!({"definitions": {
                "Task": {"properties": {
                    "id": {"x-ms-capabilities": {"filterFunctions": []}},
                    "title": {"x-ms-capabilities": {"filterFunctions": ["eq", "eq", "like"]}}
                }},
                "NewTask": {"properties": {"title": {"x-ms-capabilities": {"filterFunctions": ["eq"]}}}}
            }}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/id/x-ms-capabilities/filterFunctions",
                "/definitions/Task/properties/title/x-ms-capabilities/filterFunctions/1",
                "/definitions/Task/properties/title/x-ms-capabilities/filterFunctions/2",
                "/definitions/NewTask/properties/title/x-ms-capabilities/filterFunctions",
            ]
        );
        assert!(d[3].message.contains("has to be in the response schema"));
    }
}
