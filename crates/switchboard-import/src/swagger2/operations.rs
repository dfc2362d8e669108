//! Operations: the `--tags` subset, operationIds, summaries and descriptions, and the
//! per-operation passes over parameters and responses.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::security::AuthChoice;
use super::text::{self, MAX_SUMMARY};
use super::{Cx, METHODS, Map, codes, op_pointer, params, responses};

/// Member order of written operations.
const OPERATION_ORDER: &[&str] = &[
    "tags",
    "summary",
    "description",
    "operationId",
    "deprecated",
    "x-ms-visibility",
    "x-ms-trigger",
    "consumes",
    "produces",
    "parameters",
    "responses",
];

/// Member order of written parameters.
const PARAMETER_ORDER: &[&str] = &[
    "name",
    "in",
    "required",
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "enum",
    "x-ms-summary",
    "description",
    "x-ms-visibility",
    "x-ms-url-encoding",
    "schema",
];

/// `(path, method)` of every operation, in document order.
pub fn list(doc: &Map) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            for (method, op) in item.as_object().into_iter().flatten() {
                if METHODS.contains(&method.as_str()) && op.is_object() {
                    out.push((path.clone(), method.clone()));
                }
            }
        }
    }
    out
}

/// Keeps only operations tagged with one of `tags` (compared case-insensitively).
pub fn filter_tags(cx: &mut Cx<'_, '_>, doc: &mut Map, tags: &[String]) {
    if tags.is_empty() {
        return;
    }
    let wanted: HashSet<String> = tags.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut removed = 0usize;
    let mut kept = 0usize;
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            item.retain(|method, op| {
                if !METHODS.contains(&method.as_str()) {
                    return true;
                }
                let op_tags: Vec<String> = op
                    .get("tags")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default();
                for t in &op_tags {
                    *counts.entry(t.clone()).or_default() += 1;
                }
                let keep = op_tags.iter().any(|t| wanted.contains(&t.to_lowercase()));
                if keep {
                    kept += 1;
                } else {
                    removed += 1;
                }
                keep
            });
        }
        paths.retain(|_, item| {
            item.as_object().is_none_or(|o| o.keys().any(|k| METHODS.contains(&k.as_str())))
        });
    }
    let available: Vec<String> = counts.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    if kept == 0 {
        cx.loss_help(
            codes::TAGS,
            Severity::Warning,
            format!("--tags {} matched no operation", tags.join(",")),
            "/paths",
            format!(
                "tags in the source: {}",
                if available.is_empty() { "none".to_string() } else { available.join(", ") }
            ),
        );
    } else if removed > 0 {
        cx.loss(
            codes::TAGS,
            Severity::Info,
            format!("--tags kept {kept} operation(s) and left out {removed}"),
            "/paths",
        );
    }
    if let Some(Value::Array(root_tags)) = doc.get_mut("tags") {
        root_tags.retain(|t| {
            t.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| wanted.contains(&n.to_lowercase()))
        });
    }
}

/// Runs the operation passes; returns `(summary, description)` of each operation for the
/// readme.
pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map, auth: &AuthChoice) -> Vec<(String, String)> {
    drop_duplicate_templates(cx, doc);
    params::inline_shared(doc);
    responses::inline_shared(doc);
    let ops = list(doc);
    let mut ids = Ids::default();
    let mut summaries: HashSet<String> = HashSet::new();
    let mut readme = Vec::new();
    for (path, method) in &ops {
        let pointer = op_pointer(path, method);
        let Some(op) = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path.as_str()))
            .and_then(|i| i.get_mut(method.as_str()))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        ids.assign(cx, op, path, method, &pointer);
        super::schemas::fix_visibility(op);
        if let Some(Value::Object(annotation)) = op.get_mut("x-ms-api-annotation")
            && let Some(Value::String(status)) = annotation.get_mut("status")
        {
            match status.to_ascii_lowercase().as_str() {
                "preview" => *status = "Preview".into(),
                "production" => *status = "Production".into(),
                _ => {}
            }
        }
        let summary = summary(cx, op, path, method, &pointer);
        let summary = unique_summary(cx, op, &summary, &mut summaries, &pointer);
        let description =
            op.get("description").and_then(Value::as_str).unwrap_or("").trim().to_string();
        readme.push((summary, text::first_sentence(&description).to_string()));
    }
    ids.rename_references(doc);
    params::apply(cx, doc, auth);
    responses::apply(cx, doc);
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            item.remove("parameters");
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                super::reorder(op, OPERATION_ORDER);
                for p in
                    op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten()
                {
                    if let Some(p) = p.as_object_mut() {
                        super::reorder(p, PARAMETER_ORDER);
                    }
                }
            }
        }
    }
    readme
}

/// Drops operations whose method and path template equal an earlier one's once variables are
/// ignored (`/a/{id}` and `/a/{name}`; SW053), and paths equal ignoring case (SW052).
fn drop_duplicate_templates(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    let mut drop: Vec<(String, String, String)> = Vec::new();
    for (path, method) in list(doc) {
        let key = (method.clone(), template_key(&path));
        match seen.get(&key) {
            Some(first) => drop.push((path, method, first.clone())),
            None => {
                seen.insert(key, path);
            }
        }
    }
    for (path, method, first) in drop {
        cx.loss(
            codes::DUPLICATE_OPERATION,
            Severity::Warning,
            format!(
                "{} {path} was dropped: connectors cannot tell it from {} {first}",
                method.to_uppercase(),
                method.to_uppercase()
            ),
            &op_pointer(&path, &method),
        );
        if let Some(item) = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path.as_str()))
            .and_then(Value::as_object_mut)
        {
            item.remove(&method);
        }
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        paths.retain(|_, item| {
            item.as_object().is_none_or(|o| o.keys().any(|k| METHODS.contains(&k.as_str())))
        });
    }
    // Paths equal but for case (SW052): the platform cannot hold both.
    let keys: Vec<String> = doc
        .get("paths")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let mut first: HashMap<String, String> = HashMap::new();
    for key in keys {
        match first.get(&key.to_lowercase()) {
            Some(kept) => {
                cx.loss(
                    codes::DUPLICATE_OPERATION,
                    Severity::Warning,
                    format!("path {key} was dropped: connectors compare paths ignoring case, and {kept} comes first"),
                    &switchboard_model::json::pointer::from_tokens(["paths", &key]),
                );
                if let Some(Value::Object(paths)) = doc.get_mut("paths") {
                    paths.remove(&key);
                }
            }
            None => {
                first.insert(key.to_lowercase(), key);
            }
        }
    }
}

/// A path with every `{variable}` replaced and no trailing slash, lower-cased.
fn template_key(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth = (depth - 1).max(0),
            c if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let trimmed = out.trim_end_matches('/');
    if trimmed.is_empty() { "/".into() } else { trimmed.into() }
}

#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    renamed: HashMap<String, String>,
}

impl Ids {
    fn assign(
        &mut self,
        cx: &mut Cx<'_, '_>,
        op: &mut Map,
        path: &str,
        method: &str,
        pointer: &str,
    ) {
        let original =
            op.get("operationId").and_then(Value::as_str).map_or("", str::trim).to_string();
        let base = text::pascal_case(&original);
        let (mut id, generated) = match base {
            Some(b) => (b, false),
            None => (generated_id(path, method), true),
        };
        let base_id = id.clone();
        let mut n = 2;
        while self.used.contains(&id.to_lowercase()) {
            let suffix = n.to_string();
            id = format!(
                "{}{suffix}",
                &base_id[..base_id.len().min(text::MAX_OPERATION_ID - suffix.len())]
            );
            n += 1;
        }
        self.used.insert(id.to_lowercase());
        if generated {
            let why = if original.is_empty() {
                "the source has none".to_string()
            } else {
                format!("`{original}` has no letters or digits")
            };
            cx.loss(
                codes::OPERATION_ID,
                Severity::Info,
                format!("operationId `{id}` generated for {} {path}: {why}", method.to_uppercase()),
                pointer,
            );
        } else if id != base_id {
            cx.loss(
                codes::OPERATION_ID,
                Severity::Warning,
                format!("operationId `{original}` is not unique; renamed `{id}`"),
                pointer,
            );
        } else if !equivalent(&original, &id) {
            cx.loss(
                codes::OPERATION_ID,
                Severity::Info,
                format!("operationId `{original}` rewritten as `{id}` (letters and digits only)"),
                pointer,
            );
        }
        if !original.is_empty() && original != id {
            self.renamed.entry(original).or_insert_with(|| id.clone());
        }
        op.insert("operationId".into(), json!(id));
    }

    /// Renames references to operationIds (dynamic values, notifications) after a rename.
    fn rename_references(&self, doc: &mut Map) {
        /// Renames every `operationId` inside an `x-ms-*` extension (dynamic values, lists,
        /// schemas, trees, notifications), at any depth.
        fn walk(
            v: &mut Value,
            renamed: &HashMap<String, String>,
            in_extension: bool,
            depth: usize,
        ) {
            if depth > switchboard_model::json::MAX_DEPTH {
                return;
            }
            match v {
                Value::Object(m) => {
                    for (k, child) in m.iter_mut() {
                        if in_extension
                            && k == "operationId"
                            && let Value::String(id) = child
                            && let Some(new) = renamed.get(id.as_str())
                        {
                            *id = new.clone();
                            continue;
                        }
                        walk(child, renamed, in_extension || k.starts_with("x-ms-"), depth + 1);
                    }
                }
                Value::Array(items) => {
                    for i in items {
                        walk(i, renamed, in_extension, depth + 1);
                    }
                }
                _ => {}
            }
        }
        if self.renamed.is_empty() {
            return;
        }
        for (k, v) in doc.iter_mut() {
            walk(v, &self.renamed, k.starts_with("x-ms-"), 0);
        }
    }
}

/// Same identifier apart from case and separators (`list_pets` ~ `ListPets`).
fn equivalent(original: &str, id: &str) -> bool {
    let strip =
        |s: &str| s.chars().filter(|c| *c != '_' && *c != '-').collect::<String>().to_lowercase();
    strip(original) == strip(id)
}

/// `GET /pets/{id}` → `GetPetsById`.
fn generated_id(path: &str, method: &str) -> String {
    let mut out = text::pascal_case(method).unwrap_or_default();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(var) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            out.push_str("By");
            out.push_str(&text::pascal_case(var).unwrap_or_default());
        } else {
            out.push_str(&text::pascal_case(seg).unwrap_or_default());
        }
    }
    out.truncate(text::MAX_OPERATION_ID);
    out
}

/// Sets a summary that passes the rules; returns it.
fn summary(cx: &mut Cx<'_, '_>, op: &mut Map, path: &str, method: &str, pointer: &str) -> String {
    let source = op.get("summary").and_then(Value::as_str).map_or("", str::trim).to_string();
    let description = op.get("description").and_then(Value::as_str).unwrap_or("").to_string();
    let from_source = text::clean_summary(&source);
    let (mut summary, how) = if let Some(s) = from_source {
        let how =
            if s == source { None } else { Some("shortened or cleaned to pass the summary rules") };
        (s, how)
    } else {
        let id = op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_string();
        let from_id = text::clean_summary(&text::sentence_label(&id));
        let from_description = text::clean_summary(text::first_sentence(&description));
        let fallback = || {
            text::clean_summary(&text::sentence_label(&format!("{method} {path}")))
                .unwrap_or_else(|| "Operation".into())
        };
        match (from_id, from_description) {
            (Some(s), _) => (s, Some("generated from the operationId")),
            (None, Some(s)) => (s, Some("taken from the description")),
            (None, None) => (fallback(), Some("generated from the method and path")),
        }
    };
    if op.get("deprecated").and_then(Value::as_bool) == Some(true)
        && !summary.to_lowercase().contains("deprecated")
    {
        let suffix = " (deprecated)";
        let room = MAX_SUMMARY - suffix.len();
        if summary.len() > room {
            summary = text::clean_summary(&summary[..room]).unwrap_or_default();
        }
        summary.push_str(suffix);
    }
    if op.get("deprecated").and_then(Value::as_bool) == Some(true) {
        let d = op.get("description").and_then(Value::as_str).unwrap_or("").trim().to_string();
        if !d.to_lowercase().contains("deprecated") {
            let d = if d.is_empty() {
                "This operation is deprecated.".to_string()
            } else {
                format!("Deprecated: {d}")
            };
            op.insert("description".into(), json!(d));
        }
    }
    if let Some(how) = how {
        let message = if source.is_empty() {
            format!("{} {path}: summary `{summary}` {how}", method.to_uppercase())
        } else {
            format!("{} {path}: summary `{source}` {how}: `{summary}`", method.to_uppercase())
        };
        cx.loss(codes::SUMMARY, Severity::Info, message, pointer);
    }
    op.insert("summary".into(), json!(summary));
    if let Some(Value::String(d)) = op.get_mut("description") {
        let trimmed = d.trim().to_string();
        if trimmed.is_empty() {
            op.remove("description");
        } else {
            *d = trimmed;
        }
    }
    summary
}

/// Makes a summary unique among the operations (two actions with the same name cannot be told
/// apart in the designer), adding the operationId's words; drops a description that only
/// repeats the summary.
fn unique_summary(
    cx: &mut Cx<'_, '_>,
    op: &mut Map,
    summary: &str,
    seen: &mut HashSet<String>,
    pointer: &str,
) -> String {
    let mut out = summary.to_string();
    if seen.contains(&out.to_lowercase()) {
        let id = op.get("operationId").and_then(Value::as_str).unwrap_or("");
        let hint = text::sentence_label(id);
        let room = MAX_SUMMARY.saturating_sub(hint.len() + 3);
        let base = text::clean_summary(&summary.chars().take(room).collect::<String>())
            .unwrap_or_default();
        out = format!("{base} ({hint})");
        let mut n = 2;
        while seen.contains(&out.to_lowercase()) {
            out = format!("{base} ({hint} {n})");
            n += 1;
        }
        cx.loss(
            codes::SUMMARY,
            Severity::Info,
            format!("summary `{summary}` is used by another operation; this one is `{out}`"),
            pointer,
        );
        op.insert("summary".into(), json!(out));
    }
    seen.insert(out.to_lowercase());
    let same = |a: &str, b: &str| {
        a.trim().trim_end_matches('.').eq_ignore_ascii_case(b.trim().trim_end_matches('.'))
    };
    if op
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| same(d, summary) || same(d, &out))
    {
        op.remove("description");
    }
    out
}
