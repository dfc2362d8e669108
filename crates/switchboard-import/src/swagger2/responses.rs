//! Responses: shared ones inlined; every operation gets at least one response, each with a
//! description and a valid code (SW090–SW099); one response schema, on a 2xx response, none
//! on `default`; `x-ms-summary` on the first-level properties of that schema (SW184).

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::text::{self, MAX_SUMMARY};
use super::{Cx, METHODS, Map, codes, op_pointer, operations};

/// Replaces `#/responses/…` references by copies.
pub fn inline_shared(doc: &mut Map) {
    let shared = doc.get("responses").and_then(Value::as_object).cloned().unwrap_or_default();
    let Some(Value::Object(paths)) = doc.get_mut("paths") else { return };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (method, op) in item.iter_mut() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let Some(Value::Object(responses)) = op.get_mut("responses") else { continue };
            for r in responses.values_mut() {
                let target = r
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|s| s.strip_prefix("#/responses/"))
                    .map(|n| n.replace("~1", "/").replace("~0", "~"));
                if let Some(found) = target.and_then(|n| shared.get(&n)) {
                    *r = found.clone();
                }
            }
        }
    }
}

/// The reason phrase used when a response has no description.
fn reason(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "default" => "Default response",
        c if c.starts_with('2') => "Success",
        c if c.starts_with('3') => "Redirection",
        c if c.starts_with('4') => "Client error",
        c if c.starts_with('5') => "Server error",
        _ => "Response",
    }
}

fn valid_code(code: &str) -> bool {
    code == "default"
        || (code.len() == 3
            && code.bytes().all(|b| b.is_ascii_digit())
            && ("100".."600").contains(&code))
}

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let root_produces = doc.get("produces").cloned();
    let mut outputs: Vec<Value> = Vec::new();
    for (path, method) in operations::list(doc) {
        let pointer = op_pointer(&path, &method);
        let Some(op) = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path.as_str()))
            .and_then(|i| i.get_mut(method.as_str()))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let label = format!("{} {path}", method.to_uppercase());
        let produces: Vec<String> = op
            .get("produces")
            .or(root_produces.as_ref())
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        if let Some(schema) = operation(cx, op, &label, &pointer, &produces) {
            outputs.push(schema);
        }
    }
    for schema in outputs {
        label_properties(doc, &schema);
    }
}

/// Fixes one operation's responses; returns its output schema.
fn operation(
    cx: &mut Cx<'_, '_>,
    op: &mut Map,
    label: &str,
    pointer: &str,
    produces: &[String],
) -> Option<Value> {
    let at = format!("{pointer}/responses");
    let mut responses = match op.remove("responses") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let codes_in: Vec<String> = responses.keys().cloned().collect();
    for code in codes_in {
        if !valid_code(&code) {
            responses.remove(&code);
            cx.loss(
                codes::RESPONSE,
                Severity::Warning,
                format!("{label}: response `{code}` dropped: not an HTTP status code or `default`"),
                &format!("{at}/{code}"),
            );
        }
    }
    if responses.is_empty() {
        cx.loss(
            codes::RESPONSE,
            Severity::Info,
            format!("{label}: no responses in the source; a 200 response was added"),
            pointer,
        );
        responses.insert("200".into(), json!({"description": "OK"}));
    }
    let has_2xx = responses.keys().any(|c| c.starts_with('2'));
    if !has_2xx {
        let (ok, why) = match responses.get("default") {
            Some(default) => {
                let mut ok = default.clone();
                if let Some(o) = ok.as_object_mut()
                    && o.get("description")
                        .and_then(Value::as_str)
                        .is_none_or(|d| d.trim().is_empty())
                {
                    o.insert("description".into(), json!("OK"));
                }
                (ok, "the `default` response stands for success: it is also the 200 response")
            }
            None => (
                json!({"description": "OK"}),
                "no success response in the source; a 200 response was added",
            ),
        };
        responses.insert("200".into(), ok);
        cx.loss(codes::RESPONSE, Severity::Info, format!("{label}: {why}"), &at);
    }
    // One schema, on the first 2xx response (by code) that has one.
    let mut keys: Vec<String> = responses.keys().filter(|c| c.starts_with('2')).cloned().collect();
    keys.sort();
    let output_code =
        keys.into_iter().find(|c| responses.get(c).is_some_and(|r| r.get("schema").is_some()));
    let mut dropped: Vec<String> = Vec::new();
    let mut output = None;
    for (code, r) in &mut responses {
        let Some(r) = r.as_object_mut() else { continue };
        let description = r.get("description").and_then(Value::as_str).map_or("", str::trim);
        if description.is_empty() {
            r.insert("description".into(), json!(reason(code)));
        }
        if Some(code) == output_code.as_ref() {
            if let Some(schema) = r.get_mut("schema") {
                label_inline(schema);
            }
            output = r.get("schema").cloned();
        } else if r.remove("schema").is_some() {
            dropped.push(code.clone());
        }
        if let Some(Value::Object(examples)) = r.get_mut("examples") {
            examples.retain(|mime, _| produces.iter().any(|p| p == mime));
            if examples.is_empty() {
                r.remove("examples");
            }
        }
    }
    if !dropped.is_empty() {
        cx.loss(codes::RESPONSE, Severity::Info, format!("{label}: schemas of responses {} dropped: connectors show one response schema, on a 2xx response", dropped.join(", ")), &at);
    }
    op.insert("responses".into(), Value::Object(responses));
    output
}

/// Gives the first-level properties of an output schema an `x-ms-summary` (their `title`, or
/// their name in Title Case) in the definition it (or its array items) references.
fn label_properties(doc: &mut Map, schema: &Value) {
    let reference = schema
        .get("$ref")
        .or_else(|| schema.get("items").and_then(|i| i.get("$ref")))
        .and_then(Value::as_str);
    let Some(name) = reference
        .and_then(|r| r.strip_prefix("#/definitions/"))
        .map(|n| n.replace("~1", "/").replace("~0", "~"))
    else {
        return;
    };
    if let Some(Value::Object(defs)) = doc.get_mut("definitions")
        && let Some(target) = defs.get_mut(&name)
    {
        label_object(target);
    }
}

/// Labels an inline output schema (or its inline array items).
fn label_inline(schema: &mut Value) {
    if schema.get("$ref").is_some() {
        return;
    }
    if schema.get("properties").is_some() {
        label_object(schema);
    } else if let Some(items) = schema.get_mut("items")
        && items.get("$ref").is_none()
    {
        label_object(items);
    }
}

/// Labels the properties of an inline object schema (used for inline output schemas too).
pub fn label_object(schema: &mut Value) {
    let Some(Value::Object(props)) = schema.get_mut("properties") else { return };
    for (name, prop) in props.iter_mut() {
        let Some(p) = prop.as_object_mut() else { continue };
        if p.contains_key("$ref") || p.contains_key("x-ms-summary") {
            continue;
        }
        let label = p
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or_else(|| text::title_label(name), str::to_string);
        let label: String = text::ascii_punctuation(&label).chars().take(MAX_SUMMARY).collect();
        p.insert("x-ms-summary".into(), json!(label.trim()));
    }
}
