//! Parameters: shared ones inlined, path-item ones merged into each operation, then each
//! parameter made to pass the parameter rules (SW101–SW123, SW151, AP042) and labelled
//! (`x-ms-summary`, `x-ms-visibility`, `x-ms-url-encoding`).

use std::collections::HashSet;

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::security::AuthChoice;
use super::text::{self, MAX_SUMMARY};
use super::{Cx, METHODS, Map, codes, op_pointer, operations};

/// Keys a non-body parameter may carry besides extensions.
const SIMPLE_KEYS: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "allowEmptyValue",
];

/// Replaces `#/parameters/…` references by copies and merges path-item parameters into each
/// operation (the operation's own win on the same name and location).
pub fn inline_shared(doc: &mut Map) {
    let shared = doc.get("parameters").and_then(Value::as_object).cloned().unwrap_or_default();
    let resolve = |p: &Value| -> Value {
        match p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/parameters/")) {
            Some(name) => shared.get(&unescape(name)).cloned().unwrap_or_else(|| p.clone()),
            None => p.clone(),
        }
    };
    let Some(Value::Object(paths)) = doc.get_mut("paths") else { return };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        let common: Vec<Value> = item
            .get("parameters")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(&resolve).collect())
            .unwrap_or_default();
        for (method, op) in item.iter_mut() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let Some(op) = op.as_object_mut() else { continue };
            let mut own: Vec<Value> = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(&resolve).collect())
                .unwrap_or_default();
            for c in &common {
                if !own.iter().any(|o| same_param(o, c)) {
                    own.push(c.clone());
                }
            }
            if own.is_empty() {
                op.remove("parameters");
            } else {
                op.insert("parameters".into(), Value::Array(own));
            }
        }
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn same_param(a: &Value, b: &Value) -> bool {
    let key = |v: &Value| {
        (
            v.get("name").and_then(Value::as_str).unwrap_or("").to_lowercase(),
            v.get("in").and_then(Value::as_str).unwrap_or("").to_string(),
        )
    };
    key(a) == key(b)
}

/// The `{variables}` of a path template.
pub fn template_variables(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map, auth: &AuthChoice) {
    let root_consumes = doc.get("consumes").cloned();
    let mut renames: Vec<(String, String)> = Vec::new();
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
        let new_path = operation(cx, op, &path, &method, &pointer, auth, root_consumes.as_ref());
        if new_path != path {
            renames.push((path, new_path));
        }
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (old, new) in renames {
            if let Some(item) = paths.remove(&old) {
                paths.insert(new, item);
            }
        }
    }
}

/// Fixes one operation's parameters; returns the path (renamed when a path variable was
/// called `connectionId`, which the platform reserves).
fn operation(
    cx: &mut Cx<'_, '_>,
    op: &mut Map,
    path: &str,
    method: &str,
    pointer: &str,
    auth: &AuthChoice,
    root_consumes: Option<&Value>,
) -> String {
    let label = format!("{} {path}", method.to_uppercase());
    let mut path = path.to_string();
    let vars = template_variables(&path);
    let list: Vec<Value> =
        op.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut out: Vec<Value> = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut has_body = false;
    let mut has_form = false;
    for (i, p) in list.into_iter().enumerate() {
        let at = format!("{pointer}/parameters/{i}");
        let Value::Object(mut p) = p else {
            cx.loss(codes::PARAMETER_DROPPED, Severity::Warning, format!("{label}: a parameter that is not an object (or an unresolved reference) was dropped"), &at);
            continue;
        };
        let name = p.get("name").and_then(Value::as_str).unwrap_or("").to_string();
        let location = p.get("in").and_then(Value::as_str).unwrap_or("").to_string();
        if name.is_empty()
            || !matches!(location.as_str(), "path" | "query" | "header" | "body" | "formData")
        {
            dropped(
                cx,
                &label,
                &name,
                &location,
                &at,
                "it has no name or an unknown location",
                Severity::Warning,
            );
            continue;
        }
        let key = (
            if location == "header" { name.to_lowercase() } else { name.clone() },
            location.clone(),
        );
        if !seen.insert(key) {
            dropped(cx, &label, &name, &location, &at, "declared twice", Severity::Warning);
            continue;
        }
        if location == "path" && !vars.contains(&name) {
            dropped(
                cx,
                &label,
                &name,
                &location,
                &at,
                "the path has no such variable",
                Severity::Warning,
            );
            continue;
        }
        if let Some((key_name, key_in)) = auth.api_key()
            && key_in == location
            && key_name.eq_ignore_ascii_case(&name)
        {
            dropped(
                cx,
                &label,
                &name,
                &location,
                &at,
                "the connection sends the API key",
                Severity::Info,
            );
            continue;
        }
        if name.eq_ignore_ascii_case("connectionId") {
            if location == "path" {
                let renamed = "connection_key".to_string();
                path = path.replace(&format!("{{{name}}}"), &format!("{{{renamed}}}"));
                p.insert("name".into(), json!(renamed));
                cx.loss(codes::PARAMETER_FIXED, Severity::Info, format!("{label}: path variable `{name}` renamed `{renamed}` (the platform reserves `connectionId`)"), &at);
            } else {
                dropped(
                    cx,
                    &label,
                    &name,
                    &location,
                    &at,
                    "the platform reserves the name `connectionId`",
                    Severity::Warning,
                );
                continue;
            }
        }
        match location.as_str() {
            "body" => {
                if matches!(method, "get" | "head") {
                    dropped(
                        cx,
                        &label,
                        &name,
                        &location,
                        &at,
                        format!("{} operations cannot have a body", method.to_uppercase()),
                        Severity::Warning,
                    );
                    continue;
                }
                if has_body || has_form {
                    dropped(
                        cx,
                        &label,
                        &name,
                        &location,
                        &at,
                        "an operation has at most one body, and not together with form fields",
                        Severity::Warning,
                    );
                    continue;
                }
                has_body = true;
                body(&mut p);
            }
            "formData" => {
                if matches!(method, "get" | "head") {
                    dropped(
                        cx,
                        &label,
                        &name,
                        &location,
                        &at,
                        format!("{} operations cannot have form fields", method.to_uppercase()),
                        Severity::Warning,
                    );
                    continue;
                }
                if has_body {
                    dropped(
                        cx,
                        &label,
                        &name,
                        &location,
                        &at,
                        "an operation has a body or form fields, not both",
                        Severity::Warning,
                    );
                    continue;
                }
                if !name.is_ascii() {
                    dropped(
                        cx,
                        &label,
                        &name,
                        &location,
                        &at,
                        "form field names must be ASCII",
                        Severity::Warning,
                    );
                    continue;
                }
                has_form = true;
                simple(cx, &mut p, &location, &label, &at);
            }
            _ => simple(cx, &mut p, &location, &label, &at),
        }
        out.push(Value::Object(p));
    }
    let vars = template_variables(&path);
    for var in &vars {
        let declared = out.iter().any(|p| {
            p.get("in").and_then(Value::as_str) == Some("path")
                && p.get("name").and_then(Value::as_str) == Some(var.as_str())
        });
        if !declared {
            cx.loss(codes::PARAMETER_FIXED, Severity::Info, format!("{label}: path variable `{var}` had no parameter; a required string parameter was added"), pointer);
            let mut p = Map::new();
            p.insert("name".into(), json!(var));
            p.insert("in".into(), json!("path"));
            p.insert("required".into(), json!(true));
            p.insert("type".into(), json!("string"));
            simple(cx, &mut p, "path", &label, pointer);
            out.push(Value::Object(p));
        }
    }
    let has_file = out.iter().any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
    if has_file {
        let consumes = op.get("consumes").or(root_consumes);
        let multipart = consumes
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|m| m.as_str() == Some("multipart/form-data")));
        if !multipart {
            op.insert("consumes".into(), json!(["multipart/form-data"]));
        }
    }
    if out.is_empty() {
        op.remove("parameters");
    } else {
        op.insert("parameters".into(), Value::Array(out));
    }
    path
}

fn dropped(
    cx: &mut Cx<'_, '_>,
    label: &str,
    name: &str,
    location: &str,
    at: &str,
    why: impl std::fmt::Display,
    severity: Severity,
) {
    cx.loss(
        codes::PARAMETER_DROPPED,
        severity,
        format!("{label}: parameter `{name}` ({location}) dropped: {why}"),
        at,
    );
}

fn body(p: &mut Map) {
    if !p.contains_key("schema") {
        let mut schema = Map::new();
        for key in ["type", "format", "items"] {
            if let Some(v) = p.remove(key) {
                schema.insert(key.into(), v);
            }
        }
        if schema.is_empty() {
            schema.insert("type".into(), json!("object"));
        }
        p.insert("schema".into(), Value::Object(schema));
    }
    for key in
        SIMPLE_KEYS.iter().filter(|k| !matches!(**k, "name" | "in" | "description" | "required"))
    {
        p.remove(*key);
    }
}

/// Fixes and labels a path, query, header or formData parameter.
fn simple(cx: &mut Cx<'_, '_>, p: &mut Map, location: &str, label: &str, at: &str) {
    let name = p.get("name").and_then(Value::as_str).unwrap_or("").to_string();
    if let Some(Value::Object(schema)) = p.remove("schema") {
        for (k, v) in schema {
            if SIMPLE_KEYS.contains(&k.as_str()) && !p.contains_key(&k) {
                p.insert(k, v);
            }
        }
    }
    let ty = p.get("type").and_then(Value::as_str).unwrap_or("").to_string();
    let fixed_type = match ty.as_str() {
        "string" | "number" | "integer" | "boolean" | "array" => None,
        "file" if location == "formData" => None,
        "file" => Some(("string", Some("binary"))),
        _ => Some(("string", None)),
    };
    if let Some((t, format)) = fixed_type {
        p.insert("type".into(), json!(t));
        if let Some(f) = format {
            p.insert("format".into(), json!(f));
        }
        let was = if ty.is_empty() { "no type".to_string() } else { format!("type `{ty}`") };
        cx.loss(
            codes::PARAMETER_FIXED,
            Severity::Info,
            format!("{label}: parameter `{name}` had {was}; it is a string"),
            at,
        );
    }
    if p.get("type").and_then(Value::as_str) == Some("array") {
        let items_ok = p
            .get("items")
            .and_then(|i| i.get("type"))
            .and_then(Value::as_str)
            .is_some_and(|t| matches!(t, "string" | "number" | "integer" | "boolean"));
        if !items_ok {
            p.insert("items".into(), json!({"type": "string"}));
        }
        let cf = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
        let valid = matches!(cf, "csv" | "ssv" | "tsv" | "pipes")
            || (cf == "multi" && matches!(location, "query" | "formData"));
        if !valid {
            p.insert("collectionFormat".into(), json!("csv"));
        }
    } else {
        p.remove("collectionFormat");
        p.remove("items");
    }
    if !matches!(location, "query" | "formData") {
        p.remove("allowEmptyValue");
    }
    for (flag, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")] {
        if p.contains_key(flag) && !p.contains_key(bound) {
            p.remove(flag);
        }
    }
    match location {
        "path" => {
            p.insert("required".into(), json!(true));
            let enc = p.get("x-ms-url-encoding").and_then(Value::as_str);
            if !matches!(enc, Some("single" | "double")) {
                p.insert("x-ms-url-encoding".into(), json!("single"));
            }
        }
        "query" => {
            p.remove("x-ms-url-encoding");
        }
        _ => {}
    }
    if let Some(f) = p.get("format").and_then(Value::as_str).map(str::to_string) {
        match super::schemas::known_format(&f) {
            Some(k) if k != f => {
                p.insert("format".into(), json!(k));
            }
            Some(_) => {}
            None => {
                p.remove("format");
                cx.loss(codes::PARAMETER_FIXED, Severity::Info, format!("{label}: parameter `{name}`: format `{f}` is not one the platform knows; dropped"), at);
            }
        }
    }
    if let Some(default) = p.get("default")
        && let Some(values) = p.get("enum").and_then(Value::as_array)
        && !values.contains(default)
    {
        p.remove("default");
        cx.loss(codes::PARAMETER_FIXED, Severity::Info, format!("{label}: parameter `{name}`: its default is not one of its enum values and was dropped"), at);
    }
    let required = p.get("required").and_then(Value::as_bool) == Some(true);
    let visibility = p.get("x-ms-visibility").and_then(Value::as_str).map(str::to_lowercase);
    let visibility = match visibility.as_deref() {
        Some(v @ ("important" | "advanced" | "internal")) => v.to_string(),
        _ if required => "important".to_string(),
        _ => "advanced".to_string(),
    };
    let notification_url = p.get("x-ms-notification-url").and_then(Value::as_bool) == Some(true);
    let visibility = if visibility == "internal"
        && required
        && !p.contains_key("default")
        && !notification_url
    {
        cx.loss(codes::PARAMETER_FIXED, Severity::Info, format!("{label}: parameter `{name}` is internal and required without a default; it is shown to users"), at);
        "important".to_string()
    } else {
        visibility
    };
    p.insert("x-ms-visibility".into(), json!(visibility));
    let summary = p
        .get("x-ms-summary")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| text::title_label(&name), str::to_string);
    let summary: String = text::ascii_punctuation(&summary).chars().take(MAX_SUMMARY).collect();
    p.insert("x-ms-summary".into(), json!(summary.trim()));
    if let Some(Value::String(d)) = p.get("description")
        && d.trim().is_empty()
    {
        p.remove("description");
    }
}
