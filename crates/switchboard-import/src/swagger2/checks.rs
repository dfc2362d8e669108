//! Losses specific to a plain Swagger 2.0 source, found on the source tree (so they are
//! located exactly): MIME types connectors do not support, misspelled `x-ms-*` extensions,
//! and OpenAPI 3 leftovers. `repair` renames the misspelled extensions in the document.

use serde_json::Value as Json;
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::codes;
use crate::source::{Losses, Source};

/// MIME types the platform supports in `consumes` / `produces` (SW121).
const SUPPORTED_MIME: &[&str] =
    &["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

/// Extensions connectors know (the common ones; a misspelling is within two edits of one).
const KNOWN_EXTENSIONS: &[&str] = &[
    "x-ms-api-annotation", "x-ms-capabilities", "x-ms-connector-metadata", "x-ms-dynamic-list",
    "x-ms-dynamic-properties", "x-ms-dynamic-schema", "x-ms-dynamic-tree", "x-ms-dynamic-values",
    "x-ms-editor", "x-ms-editor-options", "x-ms-enum", "x-ms-enum-values", "x-ms-explicit-only",
    "x-ms-notification-content", "x-ms-notification-url", "x-ms-pageable", "x-ms-summary",
    "x-ms-trigger", "x-ms-trigger-hint", "x-ms-trigger-metadata", "x-ms-url-encoding",
    "x-ms-visibility", "x-ms-no-generic-test", "x-ms-openai-data", "x-ms-require-user-confirmation",
];

pub fn check(source: &Source, losses: &mut Losses) {
    for key in ["consumes", "produces"] {
        mime_list(source, losses, source.root.get(key), key);
    }
    for path in source.root.get("paths").into_iter().flat_map(Value::members) {
        for op in path.value.members() {
            for key in ["consumes", "produces"] {
                mime_list(source, losses, op.value.get(key), key);
            }
        }
    }
    extensions(source, losses, &source.root, 0, false);
}

fn mime_list(source: &Source, losses: &mut Losses, list: Option<&Value>, key: &str) {
    for m in list.into_iter().flat_map(Value::items) {
        let Some(mime) = m.as_str() else { continue };
        let base = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if !SUPPORTED_MIME.contains(&base.as_str()) {
            losses.push(
                source
                    .diagnostic(codes::MIME, Severity::Warning, format!("`{key}` lists `{mime}`, which connectors do not support"), m.span)
                    .with_help("connectors send and read application/json, text/plain, multipart/form-data and application/x-www-form-urlencoded"),
            );
        }
    }
}

/// The known extension `key` is a misspelling of (at most two edits, ignoring case).
pub fn intended(key: &str) -> Option<&'static str> {
    if !key.starts_with(['x', 'X']) || KNOWN_EXTENSIONS.contains(&key) || key.len() < 6 {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    KNOWN_EXTENSIONS
        .iter()
        .filter(|k| k.len().abs_diff(key.len()) <= 2)
        .map(|k| (distance(&lower, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Walks every member; `names` is true where the keys are names chosen by the author
/// (properties, definitions, paths), which are never extensions.
fn extensions(source: &Source, losses: &mut Losses, v: &Value, depth: usize, names: bool) {
    if depth > switchboard_model::json::MAX_DEPTH {
        return;
    }
    for m in v.members() {
        if !names && let Some(known) = intended(&m.key) {
            losses.push(source.diagnostic(
                codes::EXTENSION,
                Severity::Warning,
                format!("`{}` looks like a misspelling of `{known}`; renamed", m.key),
                m.key_span,
            ));
        }
        let child_names = !names && matches!(m.key.as_str(), "properties" | "definitions" | "paths" | "parameters" | "responses" | "securityDefinitions" | "headers" | "scopes" | "examples");
        if m.key.as_str() == "example" || m.key.as_str() == "x-example" {
            continue;
        }
        extensions(source, losses, &m.value, depth + 1, child_names);
    }
    for item in v.items() {
        extensions(source, losses, item, depth + 1, false);
    }
}

/// Renames misspelled extensions (as reported by [`check`]).
pub fn repair(mut doc: Json) -> Json {
    fn go(v: &mut Json, depth: usize, names: bool) {
        if depth > switchboard_model::json::MAX_DEPTH {
            return;
        }
        match v {
            Json::Object(m) => {
                if !names {
                    let renames: Vec<(String, &'static str)> =
                        m.keys().filter_map(|k| intended(k).map(|i| (k.clone(), i))).collect();
                    for (old, new) in renames {
                        if let Some(value) = m.remove(&old) {
                            m.entry(new.to_string()).or_insert(value);
                        }
                    }
                }
                for (k, child) in m.iter_mut() {
                    if k == "example" || k == "x-example" {
                        continue;
                    }
                    let child_names = !names && matches!(k.as_str(), "properties" | "definitions" | "paths" | "parameters" | "responses" | "securityDefinitions" | "headers" | "scopes" | "examples");
                    go(child, depth + 1, child_names);
                }
            }
            Json::Array(items) => items.iter_mut().for_each(|i| go(i, depth + 1, false)),
            _ => {}
        }
    }
    go(&mut doc, 0, false);
    doc
}
