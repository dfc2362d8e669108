//! Keeping a connector within the platform's hard limits when the source is bigger: at most
//! 256 operations (the first ones, in document order), and at most 512 schema objects in one
//! body or response schema (an oversized schema is replaced, for that operation only, by an
//! inline copy whose references are expanded only as deep as fits). Both are reported with
//! advice, since a smaller import (`--tags`) is usually the better fix.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::budget::{MAX_OPERATIONS, SchemaCounter};
use super::{Cx, METHODS, Map, codes, op_pointer, operations};
use crate::MAX_SCHEMAS;

/// Keeps the first 256 operations.
pub fn operations(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let ops = operations::list(doc);
    if ops.len() <= MAX_OPERATIONS {
        return;
    }
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();
    for (path, method) in &ops {
        let op = doc
            .get("paths")
            .and_then(|p| p.get(path.as_str()))
            .and_then(|i| i.get(method.as_str()));
        for t in op
            .and_then(|o| o.get("tags"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            *tags.entry(t.to_string()).or_default() += 1;
        }
    }
    for (path, method) in &ops[MAX_OPERATIONS..] {
        if let Some(Value::Object(item)) =
            doc.get_mut("paths").and_then(|p| p.get_mut(path.as_str()))
        {
            item.remove(method);
        }
    }
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        paths.retain(|_, item| {
            item.as_object().is_none_or(|o| o.keys().any(|k| METHODS.contains(&k.as_str())))
        });
    }
    let list: Vec<String> = tags.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    cx.loss_help(
        codes::BUDGET_OPERATIONS,
        Severity::Warning,
        format!("the source has {} operations and a connector at most {MAX_OPERATIONS}; the {} after the first {MAX_OPERATIONS} were left out", ops.len(), ops.len() - MAX_OPERATIONS),
        &op_pointer(&ops[MAX_OPERATIONS].0, &ops[MAX_OPERATIONS].1),
        if list.is_empty() { "split the source into several connectors".to_string() } else { format!("import a subset with --tags; tags: {}", list.join(", ")) },
    );
}

/// Trims body and response schemas over the 512-schema limit.
pub fn schemas(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let defs = doc.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
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
        let mut targets: Vec<(String, &mut Value)> = Vec::new();
        for (key, value) in op.iter_mut() {
            match (key.as_str(), value) {
                ("parameters", Value::Array(params)) => {
                    for (i, p) in params.iter_mut().enumerate() {
                        if let Some(s) = p.get_mut("schema") {
                            targets.push((format!("{pointer}/parameters/{i}/schema"), s));
                        }
                    }
                }
                ("responses", Value::Object(responses)) => {
                    for (code, r) in responses.iter_mut() {
                        if let Some(s) = r.get_mut("schema") {
                            targets.push((format!("{pointer}/responses/{code}/schema"), s));
                        }
                    }
                }
                _ => {}
            }
        }
        for (at, schema) in targets {
            let count = SchemaCounter::new(Some(&defs)).count(schema, 0);
            if count <= MAX_SCHEMAS {
                continue;
            }
            let (trimmed, depth, n) = fit(schema, &defs);
            *schema = trimmed;
            cx.loss_help(
                codes::BUDGET_SCHEMAS,
                Severity::Warning,
                format!("{} {path}: a schema of {count} schema objects (the limit is {MAX_SCHEMAS}) was cut to {n}, expanding references {depth} level(s) deep; deeper values are untyped objects", method.to_uppercase()),
                &at,
                "trim the source schema to the fields users need in flows",
            );
        }
    }
}

/// The deepest inline expansion that fits, with its depth and size.
fn fit(schema: &Value, defs: &Map) -> (Value, usize, usize) {
    for depth in (1..=12).rev() {
        let mut budget = usize::MAX;
        let candidate = expand(schema, defs, depth, 0, &mut budget);
        let n = SchemaCounter::new(None).count(&candidate, 0);
        if n <= MAX_SCHEMAS {
            return (candidate, depth, n);
        }
    }
    // Even one level is too wide: keep as many nodes as fit.
    let mut budget = MAX_SCHEMAS - 1;
    let candidate = expand(schema, defs, 1, 0, &mut budget);
    let n = SchemaCounter::new(None).count(&candidate, 0);
    (candidate, 1, n)
}

/// An inline copy of `v` with references expanded `depth` levels deep (deeper: an untyped
/// object), spending at most `budget` schema objects.
fn expand(v: &Value, defs: &Map, depth: usize, level: usize, budget: &mut usize) -> Value {
    let Value::Object(node) = v else { return v.clone() };
    if *budget == 0 {
        return json!({"type": "object"});
    }
    *budget -= 1;
    if let Some(name) =
        node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/definitions/"))
    {
        let name = name.replace("~1", "/").replace("~0", "~");
        if level >= depth {
            return json!({"type": "object"});
        }
        *budget += 1;
        return match defs.get(&name) {
            Some(target) => expand(target, defs, depth, level + 1, budget),
            None => json!({"type": "object"}),
        };
    }
    let mut out = Map::new();
    for (k, child) in node {
        let converted = match k.as_str() {
            "properties" => {
                let mut props = Map::new();
                for (name, p) in child.as_object().into_iter().flatten() {
                    if *budget == 0 {
                        break;
                    }
                    props.insert(name.clone(), expand(p, defs, depth, level, budget));
                }
                Value::Object(props)
            }
            "items" | "additionalProperties" if child.is_object() => {
                expand(child, defs, depth, level, budget)
            }
            "allOf" => Value::Array(
                child
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| expand(m, defs, depth, level, budget))
                    .collect(),
            ),
            _ => child.clone(),
        };
        out.insert(k.clone(), converted);
    }
    Value::Object(out)
}
