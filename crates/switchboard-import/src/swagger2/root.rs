//! The document root: `swagger`, `info`, `host`, `basePath`, `schemes`, and only the keys
//! Swagger 2.0 knows (SW001–SW045).

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::{Cx, Map, codes};
use crate::ImportOptions;

/// Host written when the source names none (the user must replace it).
pub const PLACEHOLDER_HOST: &str = "api.example.com";

/// Root keys of a Swagger 2.0 document, in the order connectors are written.
pub const ROOT_ORDER: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];

/// Normalises the root; returns the connector title.
pub fn normalize(cx: &mut Cx<'_, '_>, doc: &mut Map, options: &ImportOptions) -> String {
    doc.insert("swagger".into(), json!("2.0"));
    let keys: Vec<String> = doc.keys().cloned().collect();
    for key in keys {
        if ROOT_ORDER.contains(&key.as_str()) || key.starts_with("x-") {
            continue;
        }
        doc.remove(&key);
        cx.loss(
            codes::ROOT_KEY_DROPPED,
            Severity::Warning,
            format!("root member `{key}` is not part of Swagger 2.0 and was dropped"),
            &format!("/{key}"),
        );
    }
    let title = info(cx, doc, options);
    host(cx, doc);
    title
}

fn info(cx: &mut Cx<'_, '_>, doc: &mut Map, options: &ImportOptions) -> String {
    let mut info = match doc.remove("info") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let source_title =
        info.get("title").and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
    let title = match (&options.title, source_title) {
        (Some(t), _) => t.trim().to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => {
            cx.loss(
                codes::PLACEHOLDER,
                Severity::Warning,
                "the source has no title; the connector is called `Connector` (use --title)",
                "/info",
            );
            "Connector".to_string()
        }
    };
    let description = info
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    let description = description.unwrap_or_else(|| {
        cx.loss(
            codes::PLACEHOLDER,
            Severity::Info,
            "the source has no description; a placeholder was written to info.description",
            "/info",
        );
        format!("Actions of the {title} service.")
    });
    let version = match info.get("version") {
        Some(Value::String(v)) if !v.trim().is_empty() => v.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            cx.loss(
                codes::PLACEHOLDER,
                Severity::Info,
                "the source has no version; info.version is `1.0`",
                "/info",
            );
            "1.0".to_string()
        }
    };
    let mut out = Map::new();
    out.insert("title".into(), json!(title));
    out.insert("description".into(), json!(description));
    out.insert("version".into(), json!(version));
    for key in ["termsOfService", "contact", "license"] {
        if let Some(v) = info.remove(key) {
            out.insert(key.into(), v);
        }
    }
    for (k, v) in info {
        if k.starts_with("x-") {
            out.insert(k, v);
        }
    }
    doc.insert("info".into(), Value::Object(out));
    title
}

fn host(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let mut base_path = doc.get("basePath").and_then(Value::as_str).unwrap_or("").to_string();
    let raw = doc.get("host").and_then(Value::as_str).unwrap_or("").trim().to_string();
    let mut host = raw.clone();
    let mut scheme = None;
    if let Some((s, rest)) = host.split_once("://") {
        scheme = Some(s.to_ascii_lowercase());
        host = rest.to_string();
    }
    if let Some(i) = host.find('/') {
        base_path = format!("{}{}", &host[i..], base_path.trim_start_matches('/'));
        host.truncate(i);
    }
    let valid = !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if !valid {
        let why = if raw.is_empty() {
            "names no host"
        } else {
            "has a host that is not a plain host name"
        };
        cx.loss_help(
            codes::PLACEHOLDER,
            Severity::Warning,
            format!(
                "the source {why}; the connector uses the placeholder host `{PLACEHOLDER_HOST}`"
            ),
            "/host",
            "replace `host` in apiDefinition.swagger.json with the service's host name",
        );
        host = PLACEHOLDER_HOST.to_string();
    } else if host != raw {
        cx.loss(
            codes::PLACEHOLDER,
            Severity::Info,
            format!("host `{raw}` split into host `{host}` and basePath"),
            "/host",
        );
    }
    doc.insert("host".into(), json!(host));
    let base_path = base_path.trim_end_matches('/');
    if base_path.is_empty() {
        doc.remove("basePath");
    } else {
        let bp = if base_path.starts_with('/') {
            base_path.to_string()
        } else {
            format!("/{base_path}")
        };
        doc.insert("basePath".into(), json!(bp));
    }
    let mut schemes: Vec<String> = doc
        .get("schemes")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    if let Some(s) = scheme
        && !schemes.contains(&s)
    {
        schemes.insert(0, s);
    }
    let dropped: Vec<String> =
        schemes.iter().filter(|s| *s != "https" && *s != "http").cloned().collect();
    if !dropped.is_empty() {
        cx.loss(
            codes::PLACEHOLDER,
            Severity::Warning,
            format!(
                "scheme(s) {} are not supported by connectors and were dropped",
                dropped.join(", ")
            ),
            "/schemes",
        );
    }
    schemes.retain(|s| s == "https" || s == "http");
    schemes.dedup();
    if schemes.is_empty() {
        schemes.push("https".into());
    }
    doc.insert("schemes".into(), json!(schemes));
}

/// The root members in Swagger order, extensions last (in their order).
pub fn ordered(doc: Map) -> Map {
    let mut doc = doc;
    let mut out = Map::new();
    for key in ROOT_ORDER {
        if let Some(v) = doc.remove(*key) {
            out.insert((*key).to_string(), v);
        }
    }
    for (k, v) in doc {
        out.insert(k, v);
    }
    out
}
