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

/// Extensions connectors know (the same list as the linter's misspelled-extension rule,
/// BX010): a key within two edits of one, or one of them followed by junk, is a misspelling.
const KNOWN_EXTENSIONS: &[&str] = &[
    "x-ms-api-annotation",
    "x-ms-apihub-cached-response",
    "x-ms-async-operation-timeout",
    "x-ms-azure-resource",
    "x-ms-capabilities",
    "x-ms-client-name",
    "x-ms-connector-metadata",
    "x-ms-deployment-version",
    "x-ms-discriminator-value",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-tree",
    "x-ms-dynamic-values",
    "x-ms-editor",
    "x-ms-editor-options",
    "x-ms-enum",
    "x-ms-enum-values",
    "x-ms-examples",
    "x-ms-explicit-only",
    "x-ms-identifiers",
    "x-ms-keywords",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-media-kind",
    "x-ms-mutability",
    "x-ms-navigationProperty",
    "x-ms-no-generic-test",
    "x-ms-notification-content",
    "x-ms-notification-url",
    "x-ms-openai-data",
    "x-ms-openai-manifest",
    "x-ms-openai-published-to-copilots",
    "x-ms-pageable",
    "x-ms-parameter-location",
    "x-ms-parameterized-host",
    "x-ms-property-name-alias",
    "x-ms-require-user-confirmation",
    "x-ms-safe-operation",
    "x-ms-secret",
    "x-ms-skip-url-encoding",
    "x-ms-sort",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-trigger",
    "x-ms-trigger-hint",
    "x-ms-trigger-metadata",
    "x-ms-url-encoding",
    "x-ms-visibility",
];

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

/// The known extension `key` is a misspelling of (at most two edits, ignoring case).
pub fn intended(key: &str) -> Option<&'static str> {
    if !key.starts_with(['x', 'X']) || KNOWN_EXTENSIONS.contains(&key) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let close = KNOWN_EXTENSIONS
        .iter()
        .filter(|k| k.len().abs_diff(key.len()) <= 2)
        .map(|k| (distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    close.or_else(|| {
        KNOWN_EXTENSIONS
            .iter()
            .copied()
            .filter(|k| {
                lower
                    .strip_prefix(&k.to_ascii_lowercase())
                    .is_some_and(|rest| rest.starts_with([' ', '\t', '.', ':', '_']))
            })
            .max_by_key(|k| k.len())
    })
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
