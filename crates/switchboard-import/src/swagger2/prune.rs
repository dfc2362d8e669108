//! Pruning: definitions no operation reaches, and the shared parameters and responses that
//! were inlined, are removed (they cost budget and the designer never shows them).

use serde_json::Value;
use switchboard_diagnostics::Severity;

use super::schemas::refs;
use super::{Cx, Map, codes};

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    for key in ["parameters", "responses"] {
        doc.remove(key);
    }
    let Some(Value::Object(defs)) = doc.get("definitions") else { return };
    let mut todo: Vec<String> = Vec::new();
    if let Some(paths) = doc.get("paths") {
        refs(paths, &mut todo, 0);
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
    let more = if unused.len() > shown.len() { format!(" and {} more", unused.len() - shown.len()) } else { String::new() };
    cx.loss(
        codes::PRUNED,
        Severity::Info,
        format!("{} unused definition(s) pruned: {}{more}", unused.len(), shown.join(", ")),
        "/definitions",
    );
}
