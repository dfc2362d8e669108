//! Losses specific to a plain Swagger 2.0 source, found on the source tree (so they are
//! located exactly): MIME types connectors do not support, misspelled `x-ms-*` extensions,
//! and OpenAPI 3 leftovers. `repair` renames the misspelled extensions in the document.

use serde_json::Value as Json;
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;
use switchboard_model::swagger::extensions::misspelling_of as intended;

use super::codes;
use crate::source::{Losses, Source};

/// MIME types the platform supports in `consumes` / `produces` (SW121).
const SUPPORTED_MIME: &[&str] =
    &["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

/// Members whose values are data (never extensions).
const DATA_KEYS: &[&str] =
    &["example", "examples", "x-example", "x-examples", "default", "x-ms-test-value", "enum"];

/// Members whose object values map names to things: their keys are names, not keywords.
const NAME_MAP_KEYS: &[&str] = &[
    "properties",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "scopes",
    "headers",
    "patternProperties",
    "paths",
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
        let child_names =
            !names && NAME_MAP_KEYS.contains(&m.key.as_str()) && m.value.as_object().is_some();
        if DATA_KEYS.contains(&m.key.as_str()) {
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
                    if DATA_KEYS.contains(&k.as_str()) {
                        continue;
                    }
                    let child_names =
                        !names && NAME_MAP_KEYS.contains(&k.as_str()) && child.is_object();
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
