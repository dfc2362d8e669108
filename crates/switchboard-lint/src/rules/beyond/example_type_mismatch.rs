use crate::rules::schemas::keys::{Keys, for_each_schema_node_with};
use switchboard_model::json::{JsonType, Value};
use switchboard_model::swagger::Swagger;

use crate::{Check, Context, Levels, Severity, declare_rule};

/// Findings per connector beyond which the rest are summarised in one diagnostic.
const MAX_FINDINGS: usize = 20;
/// Array elements checked per example array (the rest are like them).
const MAX_ITEMS: usize = 50;

declare_rule! {
    /// ## What it does
    /// Checks that examples agree with the types their schema declares: every schema
    /// `example`, and every JSON entry of a response's `examples`, is compared recursively with
    /// the schema (following `$ref`): strings where `type` is `string`, whole numbers for
    /// `integer`, numbers for `number`, booleans, arrays (each element against `items`) and
    /// objects (each declared property against its schema). `null` is accepted everywhere.
    ///
    /// ## Why it matters
    /// Examples are what reviewers, documentation and the test tab show. An example that
    /// contradicts its schema means one of them is wrong, and a wrong response schema is the
    /// most common cause of "schema validation" errors in the test tab and of flows that
    /// break on real payloads (a number declared as a string, an object declared as an array).
    /// A response example written as a JSON *string* instead of an object is never rendered.
    ///
    /// ## Example
    /// ```json
    /// { "latitude": { "type": "number", "format": "double", "example": "37.77" } }
    /// ```
    ///
    /// ## Fix
    /// Correct whichever side is wrong: write the example with the declared type
    /// (`"example": 37.77`), or fix the schema to describe what the API really returns. Write
    /// response examples as JSON values, not as strings containing JSON.
    pub ExampleTypeMismatch {
        code: "BX004",
        name: "example-type-mismatch",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

/// One example value of the wrong type, with the type the schema declares.
struct Mismatch<'a> {
    value: &'a Value,
    expected: &'a str,
}

impl Check for ExampleTypeMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let doc = &sw.doc;
        let mut found = Vec::new();
        // Every schema node of every schema root, as `walk_schema` visits them, restricted
        // to those with an example.
        for_each_schema_node_with(sw, Keys::any_of(&["example"]), &mut |schema, _, _| {
            if let Some(example) = schema.get("example") {
                conform(*doc, schema, example, 0, &mut found);
            }
        });
        let inline_responses = sw
            .operations
            .iter()
            .flat_map(|op| &op.responses)
            .filter(|r| r.site.get("$ref").is_none())
            .map(|r| r.node);
        let shared_responses =
            doc.shared_responses().into_iter().flat_map(|o| o.members.iter()).map(|m| &m.value);
        for response in inline_responses.chain(shared_responses) {
            let Some(schema) = response.get("schema") else { continue };
            for m in response.get("examples").into_iter().flat_map(Value::members) {
                if m.key.contains("json") {
                    conform(*doc, schema, &m.value, 0, &mut found);
                }
            }
        }
        found.sort_by_key(|m| m.value.span.start);
        for m in found.iter().take(MAX_FINDINGS) {
            let actual = m.value.json_type().article_name();
            let message = if m.value.json_type() == JsonType::String
                && m.expected != "string"
                && looks_like_json(m.value)
            {
                format!(
                    "The example is a string containing JSON, but the schema declares type '{}'",
                    m.expected
                )
            } else {
                format!("The example is {actual}, but the schema declares type '{}'", m.expected)
            };
            cx.report_value(m.value, message).set_help(
                "write the example with the declared type, or correct the schema to match the API",
            );
        }
        if let Some(next) = found.get(MAX_FINDINGS) {
            let rest = found.len() - MAX_FINDINGS;
            cx.report_value(
                next.value,
                format!("{rest} more example values do not match their schema in this file"),
            );
        }
    }
}

fn looks_like_json(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let t = s.trim_start();
        t.starts_with('{') || t.starts_with('[')
    })
}

/// Compares `value` with `schema`, collecting mismatches.
fn conform<'a>(
    sw: Swagger<'a>,
    schema: &'a Value,
    value: &'a Value,
    depth: usize,
    out: &mut Vec<Mismatch<'a>>,
) {
    let schema = sw.deref(schema);
    if depth > 32 || value.is_null() {
        return;
    }
    for member in schema.get_array("allOf").unwrap_or_default() {
        conform(sw, member, value, depth + 1, out);
    }
    let declared = schema.get_str("type");
    let ok = match declared {
        Some("string") => value.as_str().is_some(),
        Some("integer") => value.is_integer(),
        Some("number") => value.as_f64().is_some(),
        Some("boolean") => value.as_bool().is_some(),
        Some("array") => value.as_array().is_some(),
        Some("object") => value.as_object().is_some(),
        // `file`, unknown types and type lists are other rules' business.
        _ => true,
    };
    if let (false, Some(expected)) = (ok, declared) {
        out.push(Mismatch { value, expected });
        return;
    }
    if let Some(items) = value.as_array() {
        if let Some(item_schema) = schema.get("items").filter(|i| i.as_object().is_some()) {
            for item in items.iter().take(MAX_ITEMS) {
                conform(sw, item_schema, item, depth + 1, out);
            }
        }
    } else if value.as_object().is_some() {
        let properties = schema.get("properties");
        let additional = schema.get("additionalProperties").filter(|a| a.as_object().is_some());
        for m in value.members() {
            match properties.and_then(|p| p.get(&m.key)) {
                Some(p) => conform(sw, p, &m.value, depth + 1, out),
                None => {
                    if let Some(a) = additional {
                        conform(sw, a, &m.value, depth + 1, out);
                    }
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
    fn matching_examples_pass() {
        let d = check_swagger(
            &ExampleTypeMismatch,
            json!({"definitions": {"Task": {
                "example": {"id": "t1", "title": "Plan", "extra": 3, "tags": ["a"], "owner": null},
                "properties": {
                    "done": {"type": "boolean", "example": false},
                    "count": {"type": "integer", "example": 3},
                    "ratio": {"type": "number", "example": 0.5},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }
            }}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn scalar_example_of_the_wrong_type_fails_at_the_example() {
        let d = check_swagger(
            &ExampleTypeMismatch,
            json!({"definitions": {"Task": {"properties": {
                "latitude": {"type": "number", "example": "37.77"},
                "count": {"type": "integer", "example": 1.5}
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            [
                "/definitions/Task/properties/latitude/example",
                "/definitions/Task/properties/count/example"
            ]
        );
        assert!(
            d[0].message.contains("a string, but the schema declares type 'number'"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn nested_values_are_checked_through_refs() {
        let d = check_swagger(
            &ExampleTypeMismatch,
            json!({"paths": {"/tasks/{taskId}": {"get": {"responses": {"200": {
                "description": "The task.",
                "schema": {"$ref": "#/definitions/Task"},
                "examples": {"application/json": {"id": 12, "title": "ok"}, "text/plain": 5}
            }}}}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/paths/~1tasks~1{taskId}/get/responses/200/examples/application~1json/id"]
        );
    }

    #[test]
    fn json_in_a_string_is_named() {
        let d = check_swagger(
            &ExampleTypeMismatch,
            json!({"paths": {"/tasks/{taskId}": {"get": {"responses": {"200": {
                "description": "The task.",
                "schema": {"$ref": "#/definitions/Task"},
                "examples": {"application/json": "{\"id\": \"1\"}"}
            }}}}}}),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("string containing JSON"), "{}", d[0].message);
    }
}
