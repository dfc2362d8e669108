//! Pruning: definitions no operation reaches, and the shared parameters and responses that
//! were inlined, are removed (they cost budget and the designer never shows them).

use serde_json::Value;
use switchboard_diagnostics::Severity;

use super::schemas::refs;
use super::{Cx, Map, codes};

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    // Shared parameters and responses were inlined into the operations; keep those that are
    // still referenced elsewhere (x-ms-parameterized-host, notification content…).
    for key in ["parameters", "responses"] {
        let mut used: Vec<String> = Vec::new();
        for (k, v) in doc.iter().filter(|(k, _)| k.as_str() != key) {
            let _ = k;
            all_refs(v, &format!("#/{key}/"), &mut used, 0);
        }
        if let Some(Value::Object(shared)) = doc.get_mut(key) {
            shared.retain(|name, _| used.contains(name));
            if shared.is_empty() {
                doc.remove(key);
            }
        }
    }
    let Some(Value::Object(defs)) = doc.get("definitions") else { return };
    let mut todo: Vec<String> = Vec::new();
    // Everything but the definitions themselves may use a definition (paths, and vendor
    // extensions such as `x-components`).
    for (key, value) in doc.iter().filter(|(k, _)| k.as_str() != "definitions") {
        let _ = key;
        refs(value, &mut todo, 0);
    }
    let mut used = std::collections::HashSet::new();
    while let Some(name) = todo.pop() {
        if used.insert(name.clone())
            && let Some(schema) = defs.get(&name)
        {
            refs(schema, &mut todo, 0);
        }
    }
    let unused: Vec<String> = defs.keys().filter(|k| !used.contains(*k)).cloned().collect();
    if unused.is_empty() {
        return;
    }
    if let Some(Value::Object(defs)) = doc.get_mut("definitions") {
        defs.retain(|k, _| used.contains(k));
        if defs.is_empty() {
            doc.remove("definitions");
        }
    }
    let shown: Vec<&str> = unused.iter().take(8).map(String::as_str).collect();
    let more = if unused.len() > shown.len() {
        format!(" and {} more", unused.len() - shown.len())
    } else {
        String::new()
    };
    cx.loss(
        codes::PRUNED,
        Severity::Info,
        format!("{} unused definition(s) pruned: {}{more}", unused.len(), shown.join(", ")),
        "/definitions",
    );
}

/// Names referenced as `{prefix}name` anywhere in a value.
fn all_refs(v: &Value, prefix: &str, out: &mut Vec<String>, depth: usize) {
    if depth > switchboard_model::json::MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref")
                && let Some(name) = r.strip_prefix(prefix)
            {
                out.push(name.replace("~1", "/").replace("~0", "~"));
            }
            m.values().for_each(|c| all_refs(c, prefix, out, depth + 1));
        }
        Value::Array(items) => items.iter().for_each(|c| all_refs(c, prefix, out, depth + 1)),
        _ => {}
    }
}
