//! JSON Schema (the Swagger 2.0 subset) inferred from example JSON values, merged across
//! examples, and kept within the platform's limit of 512 schema objects per body or response.

use serde_json::{Map, Value as Json, json};
use switchboard_model::json::{Kind, Value};

/// Schema objects allowed in one inferred schema. The platform allows 512 per body or
/// response; the margin covers the `items` kept on arrays cut short.
pub(crate) const MAX_NODES: usize = 450;
/// Deepest nesting inferred; deeper values become untyped.
const MAX_DEPTH: usize = 32;

/// What inference and merging found besides the schema.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// Places where examples disagree on the type (`items[].price: integer vs string`).
    pub conflicts: Vec<String>,
    /// Whether the schema was cut short (too deep or too many schema objects).
    pub truncated: bool,
}

/// The schema of one example value.
pub(crate) fn infer(value: &Value, findings: &mut Findings) -> Json {
    infer_at(value, 0, findings)
}

fn infer_at(value: &Value, depth: usize, findings: &mut Findings) -> Json {
    if depth > MAX_DEPTH {
        findings.truncated = true;
        return json!({});
    }
    match &value.kind {
        Kind::Null => json!({}),
        Kind::Bool(_) => json!({"type": "boolean"}),
        Kind::Number(raw) => {
            if raw.contains(['.', 'e', 'E']) {
                json!({"type": "number"})
            } else {
                json!({"type": "integer"})
            }
        }
        Kind::String(s) => string_schema(s),
        Kind::Array(items) => {
            let mut merged: Option<Json> = None;
            for item in items {
                let schema = infer_at(item, depth + 1, findings);
                merged = Some(match merged {
                    None => schema,
                    Some(m) => merge_at(m, schema, "[]", findings),
                });
            }
            json!({"type": "array", "items": merged.unwrap_or_else(|| json!({}))})
        }
        Kind::Object(object) => {
            let mut properties = Map::new();
            for member in &object.members {
                let schema = infer_at(&member.value, depth + 1, findings);
                let key = member.key.to_string();
                merge_into(&mut properties, key, schema, "", findings);
            }
            if properties.is_empty() {
                json!({"type": "object"})
            } else {
                json!({"type": "object", "properties": properties})
            }
        }
    }
}

/// The schema of a string example, with a format when the text has an unmistakable one.
pub(crate) fn string_schema(s: &str) -> Json {
    match string_format(s) {
        Some(format) => json!({"type": "string", "format": format}),
        None => json!({"type": "string"}),
    }
}

fn string_format(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let is_date = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if is_date && b.len() == 10 {
        return Some("date");
    }
    if is_date
        && b.len() >= 16
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
    {
        return Some("date-time");
    }
    let hex =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit));
    if b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && hex(0..8)
        && hex(9..13)
        && hex(14..18)
        && hex(19..23)
        && hex(24..36)
    {
        return Some("uuid");
    }
    None
}

/// Merges two schemas of the same value seen in different examples.
pub(crate) fn merge(a: Json, b: Json, findings: &mut Findings) -> Json {
    merge_at(a, b, "", findings)
}

fn merge_at(a: Json, b: Json, path: &str, findings: &mut Findings) -> Json {
    let type_of = |s: &Json| s.get("type").and_then(Json::as_str).map(str::to_string);
    let (Some(ta), Some(tb)) = (type_of(&a), type_of(&b)) else {
        // An untyped schema (from `null`) says nothing: keep the other.
        return if type_of(&a).is_some() { a } else { b };
    };
    match (ta.as_str(), tb.as_str()) {
        ("object", "object") => {
            let mut a = a;
            let b_props =
                b.get("properties").and_then(Json::as_object).cloned().unwrap_or_default();
            if b_props.is_empty() {
                return a;
            }
            let mut props = a
                .get_mut("properties")
                .and_then(Json::as_object_mut)
                .map(std::mem::take)
                .unwrap_or_default();
            for (key, schema) in b_props {
                merge_into(&mut props, key, schema, path, findings);
            }
            json!({"type": "object", "properties": props})
        }
        ("array", "array") => {
            let items_a = a.get("items").cloned().unwrap_or_else(|| json!({}));
            let items_b = b.get("items").cloned().unwrap_or_else(|| json!({}));
            json!({"type": "array", "items": merge_at(items_a, items_b, &join(path, "[]"), findings)})
        }
        ("integer", "number") | ("number", "integer") => json!({"type": "number"}),
        (x, y) if x == y => {
            if a.get("format") == b.get("format") {
                a
            } else {
                json!({"type": x})
            }
        }
        (x, y) => {
            let at = if path.is_empty() { "the body".to_string() } else { format!("`{path}`") };
            let conflict = format!("{at}: {x} vs {y}");
            if !findings.conflicts.contains(&conflict) {
                findings.conflicts.push(conflict);
            }
            a
        }
    }
}

/// Adds `schema` as property `key` of `properties`, merged with the one there (in place, so
/// that properties keep the order they were first seen in).
fn merge_into(
    properties: &mut Map<String, Json>,
    key: String,
    schema: Json,
    path: &str,
    findings: &mut Findings,
) {
    match properties.get_mut(&key) {
        Some(slot) => {
            let earlier = std::mem::take(slot);
            *slot = merge_at(earlier, schema, &join(path, &key), findings);
        }
        None => {
            properties.insert(key, schema);
        }
    }
}

fn join(path: &str, key: &str) -> String {
    match (path.is_empty(), key) {
        (true, _) => key.to_string(),
        (false, "[]") => format!("{path}[]"),
        (false, _) => format!("{path}.{key}"),
    }
}

/// Cuts `schema` down to [`MAX_NODES`] schema objects (depth first, in property order).
pub(crate) fn limit(schema: &mut Json, findings: &mut Findings) {
    let mut remaining = MAX_NODES.saturating_sub(1);
    if limit_within(schema, &mut remaining) {
        findings.truncated = true;
    }
}

fn limit_within(schema: &mut Json, remaining: &mut usize) -> bool {
    let mut truncated = false;
    if let Some(props) = schema.get_mut("properties").and_then(Json::as_object_mut) {
        let mut kept = Map::new();
        for (key, mut child) in std::mem::take(props) {
            if *remaining == 0 {
                truncated = true;
                continue;
            }
            *remaining -= 1;
            truncated |= limit_within(&mut child, remaining);
            kept.insert(key, child);
        }
        *props = kept;
    }
    if let Some(items) = schema.get_mut("items") {
        if *remaining == 0 {
            // Arrays need `items`; an untyped one is the smallest.
            if items.as_object().is_some_and(|o| !o.is_empty()) {
                *items = json!({});
                truncated = true;
            }
        } else {
            *remaining -= 1;
            truncated |= limit_within(items, remaining);
        }
    }
    truncated
}

/// The schema of a parameter from its example text (`100` → integer, `true` → boolean);
/// anything else, and any variable, is a string.
pub(crate) fn scalar_type(example: Option<&str>) -> Json {
    let Some(text) = example.map(str::trim).filter(|t| !t.is_empty() && !t.contains("{{")) else {
        return json!({"type": "string"});
    };
    let integer = text.strip_prefix('-').unwrap_or(text);
    if !integer.is_empty()
        && integer.len() <= 18
        && integer.bytes().all(|b| b.is_ascii_digit())
        && (integer == "0" || !integer.starts_with('0'))
    {
        return json!({"type": "integer"});
    }
    if text == "true" || text == "false" {
        return json!({"type": "boolean"});
    }
    string_schema(text)
}
