use crate::fast_hash::{FastMap, FastSet};
use switchboard_model::json::Value;
use switchboard_model::swagger::Swagger;

use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the inputs of one operation have distinct labels (`x-ms-summary`, compared
    /// case-insensitively): its visible parameters together with the visible top-level
    /// properties of its body schema, and the properties of each nested body object among
    /// themselves (through `$ref` and `allOf`). Each repeat is reported at its
    /// `x-ms-summary`, naming the input that has the label first.
    ///
    /// ## Why it matters
    /// The designer shows inputs by their `x-ms-summary`. Two fields with the same label on one
    /// card force users to guess which is which, and values end up in the wrong field.
    ///
    /// ## Example
    /// ```json
    /// { "parameters": [
    ///     { "name": "from", "in": "query", "type": "string", "x-ms-summary": "Date" },
    ///     { "name": "to", "in": "query", "type": "string", "x-ms-summary": "Date" } ] }
    /// ```
    ///
    /// ## Fix
    /// Give each input a label that says what distinguishes it ("Start date", "End date").
    pub DuplicateInputLabel {
        code: "BX013",
        name: "duplicate-input-label",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

/// One labelled input: its name (parameter or property) and its `x-ms-summary` value.
struct Input<'a> {
    name: &'a str,
    label: &'a Value,
}

impl Check for DuplicateInputLabel {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut reported = FastSet::default();
        for info in &sw.operations {
            // The card's top level (parameters and top-level body properties) is one group;
            // each nested object's properties are another.
            let mut groups: Vec<Vec<Input<'_>>> = vec![Vec::new()];
            for p in &info.params {
                if p.is_internal() {
                    continue;
                }
                if p.is_body() {
                    if let Some(schema) = p.schema() {
                        body_inputs(&sw.doc, schema, 0, 0, &mut FastSet::default(), &mut groups);
                    }
                } else if let (Some(name), Some(label)) = (p.name(), p.node.get("x-ms-summary")) {
                    groups[0].push(Input { name, label });
                }
            }
            for inputs in &groups {
                let mut seen: FastMap<String, &str> = FastMap::default();
                for input in inputs {
                    let Some(text) = input.label.as_str() else { continue };
                    let key = label_key(text);
                    if key.is_empty() {
                        continue;
                    }
                    match seen.get(&key) {
                        Some(first) if *first != input.name => {
                            if reported.insert(input.label.span.start) {
                                cx.report_value(
                                    input.label,
                                    format!(
                                        "Input '{}' of operation {} has the label '{text}', like input '{first}'",
                                        input.name,
                                        info.op.label()
                                    ),
                                )
                                .set_help("give each input of an operation its own x-ms-summary");
                            }
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, input.name);
                        }
                    }
                }
            }
        }
    }
}

/// A label compared: whitespace runs collapsed to one space, lowercased.
fn label_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    // In place for ASCII (the usual case), where both lowercasings agree.
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

/// The labelled, visible properties of a body schema into `groups[group]`, the properties of
/// each nested object into a group of their own.
fn body_inputs<'a>(
    sw: &Swagger<'a>,
    site: &'a Value,
    group: usize,
    depth: usize,
    visited: &mut FastSet<usize>,
    groups: &mut Vec<Vec<Input<'a>>>,
) {
    let node = sw.deref(site);
    if depth > 16 || !visited.insert(std::ptr::from_ref(node) as usize) {
        return;
    }
    for m in node.get("properties").into_iter().flat_map(Value::members) {
        let prop = sw.deref(&m.value);
        if [&m.value, prop].iter().any(|v| v.get_str("x-ms-visibility") == Some("internal")) {
            continue;
        }
        if let Some(label) = m.value.get("x-ms-summary").or_else(|| prop.get("x-ms-summary"))
            && let Some(g) = groups.get_mut(group)
        {
            g.push(Input { name: &m.key, label });
        }
        if prop.get("properties").is_some() || prop.get("allOf").is_some() {
            groups.push(Vec::new());
            let nested = groups.len() - 1;
            body_inputs(sw, &m.value, nested, depth + 1, visited, groups);
        }
    }
    for member in node.get_array("allOf").unwrap_or_default() {
        body_inputs(sw, member, group, depth + 1, visited, groups);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    fn op(params: &serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/tasks": {"get": {"operationId": "ListTasks", "parameters": params}}}})
    }

    #[test]
    fn distinct_labels_pass() {
        assert!(check_swagger(&DuplicateInputLabel, json!({})).is_empty());
        let d = check_swagger(
            &DuplicateInputLabel,
            op(&json!([
                {"name": "from", "in": "query", "type": "string", "x-ms-summary": "Start date"},
                {"name": "to", "in": "query", "type": "string", "x-ms-summary": "End date"},
                {"name": "x", "in": "header", "type": "string", "x-ms-summary": "Start date", "x-ms-visibility": "internal"}
            ])),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn repeated_label_fails_at_the_second() {
        let d = check_swagger(
            &DuplicateInputLabel,
            op(&json!([
                {"name": "from", "in": "query", "type": "string", "x-ms-summary": "Date"},
                {"name": "to", "in": "query", "type": "string", "x-ms-summary": "date "}
            ])),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks/get/parameters/1/x-ms-summary"]);
        assert!(
            d[0].message.contains(
                "Input 'to' of operation 'ListTasks' has the label 'date ', like input 'from'"
            ),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn nested_objects_are_separate_groups() {
        let d = check_swagger(
            &DuplicateInputLabel,
            json!({"definitions": {"NewTask": {"properties": {"venue": {"type": "object", "properties": {
                "name": {"type": "string", "x-ms-summary": "Title"},
                "city": {"type": "string", "x-ms-summary": "Name"},
                "town": {"type": "string", "x-ms-summary": "name"}
            }}}}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/definitions/NewTask/properties/venue/properties/town/x-ms-summary"]
        );
    }

    #[test]
    fn body_properties_count_as_inputs() {
        let d = check_swagger(
            &DuplicateInputLabel,
            json!({"definitions": {"NewTask": {"properties": {"name": {"type": "string", "x-ms-summary": "Title"}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/NewTask/properties/name/x-ms-summary"]);
    }
}
