//! The connector budget: definition size against the 1 MB limit, the largest body or response
//! schema against the 512-schema limit (`$ref`s expanded, as the platform counts), and
//! operations against the 256-operation limit, with advice when close (80 %) or over.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use switchboard_diagnostics::Severity;

use super::{Cx, codes, op_pointer};
use crate::{Budget, MAX_DEFINITION_BYTES, MAX_SCHEMAS};

/// The platform's limit on operations.
pub const MAX_OPERATIONS: usize = 256;
/// Counting stops here (a pathological document must not take forever).
const COUNT_CAP: usize = 1_000_000;

pub fn measure(cx: &mut Cx<'_, '_>, swagger: &Value) -> Budget {
    let definition_bytes = switchboard_model::json::to_pretty_string(swagger).len();
    let defs = swagger.get("definitions").and_then(Value::as_object);
    let mut counter = SchemaCounter::new(defs);
    let mut operations = 0usize;
    let mut largest: Option<(usize, String, String)> = None;
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();
    for (path, item) in swagger.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !super::METHODS.contains(&method.as_str()) {
                continue;
            }
            operations += 1;
            for t in op
                .get("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                *tags.entry(t.to_string()).or_default() += 1;
            }
            let bodies = op
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| p.get("schema"));
            let outputs = op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(_, r)| r.get("schema"));
            for schema in bodies.chain(outputs) {
                let n = counter.count(schema, 0);
                if largest.as_ref().is_none_or(|(m, _, _)| n > *m) {
                    largest = Some((n, path.clone(), method.clone()));
                }
            }
        }
    }
    let schema_count = largest.as_ref().map_or(0, |(n, _, _)| *n);
    let tag_advice = if tags.is_empty() {
        "split the source, or remove operations users do not need".to_string()
    } else {
        let list: Vec<String> = tags.iter().map(|(t, n)| format!("{t} ({n})")).collect();
        format!("import a subset with --tags; tags: {}", list.join(", "))
    };
    let level = |value: usize, limit: usize| {
        if value > limit {
            Some(Severity::Error)
        } else if value * 5 >= limit * 4 {
            Some(Severity::Warning)
        } else {
            None
        }
    };
    if let Some(severity) = level(definition_bytes, MAX_DEFINITION_BYTES) {
        cx.loss_help(
            codes::BUDGET_SIZE,
            severity,
            format!("the definition is {definition_bytes} bytes; the platform's limit is {MAX_DEFINITION_BYTES} (1 MB)"),
            "",
            format!("unused definitions are already pruned; shorten descriptions, or {tag_advice}"),
        );
    }
    if let Some((n, path, method)) = &largest
        && let Some(severity) = level(*n, MAX_SCHEMAS)
    {
        cx.loss_help(
            codes::BUDGET_SCHEMAS,
            severity,
            format!("a schema of {} {path} has {n} schema objects with references expanded; the platform's limit is {MAX_SCHEMAS}", method.to_uppercase()),
            &op_pointer(path, method),
            "trim the schema to the fields users need in flows (return the rest as an untyped object)",
        );
    }
    if let Some(severity) = level(operations, MAX_OPERATIONS) {
        cx.loss_help(
            codes::BUDGET_OPERATIONS,
            severity,
            format!("the connector has {operations} operations; the platform's limit is {MAX_OPERATIONS}"),
            "/paths",
            tag_advice,
        );
    }
    Budget { definition_bytes, schema_count, operations }
}

/// Counts schema objects with references expanded, as the platform does.
pub struct SchemaCounter<'a> {
    defs: Option<&'a serde_json::Map<String, Value>>,
    memo: HashMap<String, usize>,
    stack: Vec<String>,
}

impl<'a> SchemaCounter<'a> {
    /// A counter resolving references in `defs`.
    pub fn new(defs: Option<&'a serde_json::Map<String, Value>>) -> Self {
        SchemaCounter { defs, memo: HashMap::new(), stack: Vec::new() }
    }

    /// Schema objects in `v` with references expanded (a reference back into the chain being
    /// expanded counts once).
    pub fn count(&mut self, v: &Value, depth: usize) -> usize {
        let Value::Object(node) = v else { return 0 };
        if depth > switchboard_model::json::MAX_DEPTH {
            return 1;
        }
        if let Some(name) =
            node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/definitions/"))
        {
            let name = name.replace("~1", "/").replace("~0", "~");
            if self.stack.contains(&name) {
                return 1;
            }
            if let Some(n) = self.memo.get(&name) {
                return *n;
            }
            let Some(target) = self.defs.and_then(|d| d.get(&name)) else { return 1 };
            self.stack.push(name.clone());
            let n = self.count(target, depth + 1);
            self.stack.pop();
            self.memo.insert(name, n);
            return n;
        }
        let mut n = 1usize;
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for p in props.values() {
                n = n.saturating_add(self.count(p, depth + 1));
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(child) = node.get(key) {
                n = n.saturating_add(self.count(child, depth + 1));
            }
        }
        for m in node.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            n = n.saturating_add(self.count(m, depth + 1));
        }
        n.min(COUNT_CAP)
    }
}
