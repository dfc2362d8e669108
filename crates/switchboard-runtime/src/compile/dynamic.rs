//! `x-ms-dynamic-values` / `x-ms-dynamic-list` specs (spec §5.4).

use serde_json::Value as Json;
use switchboard_model::json::Value;
use switchboard_model::swagger::Swagger;

/// Where the values come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DynamicSource {
    /// Another operation of the same connector.
    Operation(String),
    /// A platform built-in (`AadGraph.GetUsers`): not available outside Microsoft.
    BuiltIn(String),
    /// A document-level capability (`file-picker`).
    Capability(String),
}

/// How one argument of the called operation is bound.
#[derive(Clone, Debug, PartialEq)]
pub enum DynamicArg {
    /// A constant (a plain JSON value, or `{"value": …}`).
    Literal(Json),
    /// `{"parameter": "<name>"}`: the current value of a parameter of the edited operation.
    Parameter(String),
    /// `{"parameterReference": "body/x"}`: a slash path into the edited operation's inputs.
    Reference(String),
}

/// A dynamic-values look-up.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicSpec {
    /// The source.
    pub source: DynamicSource,
    /// Arguments of the called operation, by its parameter names.
    pub parameters: Vec<(String, DynamicArg)>,
    /// Slash path of the item array (`value-collection` / `itemsPath`); `None`: the body is
    /// the array.
    pub collection: Option<String>,
    /// Slash path of an item's value (`value-path` / `itemValuePath`).
    pub value_path: Option<String>,
    /// Slash path of an item's title (`value-title` / `itemTitlePath`).
    pub title_path: Option<String>,
}

/// Parses the dynamic-values extension of a parameter or schema node, preferring
/// `x-ms-dynamic-values` (what designers read when both are present).
pub fn parse(node: &Value) -> Option<DynamicSpec> {
    if let Some(v) = node.get("x-ms-dynamic-values").filter(|v| v.as_object().is_some()) {
        return Some(from_node(v, ["value-collection", "value-path", "value-title"]));
    }
    let v = node.get("x-ms-dynamic-list").filter(|v| v.as_object().is_some())?;
    Some(from_node(v, ["itemsPath", "itemValuePath", "itemTitlePath"]))
}

fn from_node(v: &Value, [collection, value, title]: [&str; 3]) -> DynamicSpec {
    let source = if let Some(op) = v.get_str("operationId") {
        DynamicSource::Operation(op.to_string())
    } else if let Some(b) = v.get_str("builtInOperation") {
        DynamicSource::BuiltIn(b.to_string())
    } else {
        DynamicSource::Capability(v.get_str("capability").unwrap_or("").to_string())
    };
    let parameters = v
        .get("parameters")
        .into_iter()
        .flat_map(Value::members)
        .map(|m| (m.key.to_string(), arg(&m.value)))
        .collect();
    let text = |k: &str| v.get_str(k).filter(|s| !s.is_empty()).map(str::to_string);
    DynamicSpec {
        source,
        parameters,
        collection: text(collection),
        value_path: text(value),
        title_path: text(title),
    }
}

fn arg(v: &Value) -> DynamicArg {
    if let Some(obj) = v.as_object()
        && obj.members.len() == 1
    {
        let m = &obj.members[0];
        match (m.key.as_str(), m.value.as_str()) {
            ("parameter", Some(p)) => return DynamicArg::Parameter(p.to_string()),
            ("parameterReference", Some(p)) => return DynamicArg::Reference(p.to_string()),
            ("value", _) => return DynamicArg::Literal(Json::from(&m.value)),
            _ => {}
        }
    }
    DynamicArg::Literal(Json::from(v))
}

/// Collects dynamic specs on body-schema properties under `prefix` (`body/a/b`).
pub(super) fn collect_schema(
    swagger: Swagger<'_>,
    schema: &Value,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, DynamicSpec)>,
) {
    if depth > 8 {
        return;
    }
    for m in schema.get("properties").into_iter().flat_map(Value::members) {
        let prop = swagger.deref(&m.value);
        let key = format!("{prefix}/{}", m.key);
        if let Some(d) = parse(prop) {
            out.push((key.clone(), d));
        }
        collect_schema(swagger, prop, &key, depth + 1, out);
    }
}

/// The value at a slash path (`data/workspaces`); an empty path is the value itself.
pub fn at_path<'a>(value: &'a Json, path: &str) -> Option<&'a Json> {
    path.split('/').filter(|s| !s.is_empty()).try_fold(value, |v, seg| match v {
        Json::Object(map) => map.get(seg),
        Json::Array(items) => items.get(seg.parse::<usize>().ok()?),
        _ => None,
    })
}
