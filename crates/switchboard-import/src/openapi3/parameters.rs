//! Parameters: `in: path|query|header` with a `schema` → Swagger 2.0 simple parameters
//! (type, format, items, `collectionFormat` from `style`/`explode`); object-valued query
//! parameters exploded into one parameter per property; cookies and serialisations Swagger
//! 2.0 cannot express reported.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::Value;

use super::{Conv, Map, codes};

/// Keys a Swagger 2.0 simple parameter (or its `items`) takes from a schema.
const SIMPLE: &[&str] = &[
    "type",
    "format",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Headers the platform sets itself (OpenAPI 3 ignores them as parameters too).
const RESERVED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

impl<'s> Conv<'s> {
    /// Converts one parameter (resolving `$ref`); several when an object is exploded.
    pub(super) fn parameter(&mut self, node: &'s Value, label: &str) -> Vec<Json> {
        let Some(p) = self.deref(node) else { return Vec::new() };
        let name = p.get_str("name").unwrap_or("").to_string();
        let location = p.get_str("in").unwrap_or("").to_string();
        match location.as_str() {
            "cookie" => {
                self.loss_help(
                    codes::COOKIE,
                    Severity::Warning,
                    format!(
                        "{label}: cookie parameter `{name}` dropped: connectors cannot send cookies"
                    ),
                    node.span,
                    "if the service needs it, set the cookie with a policy template or custom code",
                );
                return Vec::new();
            }
            "header" if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) => {
                self.loss(
                    codes::RESERVED_HEADER,
                    Severity::Info,
                    format!("{label}: header parameter `{name}` dropped: the platform sets it"),
                    node.span,
                );
                return Vec::new();
            }
            "path" | "query" | "header" => {}
            other => {
                self.loss(
                    codes::PARAMETER_STYLE,
                    Severity::Warning,
                    format!(
                        "{label}: parameter `{name}` has an unknown location `{other}`; dropped"
                    ),
                    node.span,
                );
                return Vec::new();
            }
        }
        let mut out = Map::new();
        out.insert("name".into(), json!(name));
        out.insert("in".into(), json!(location));
        if let Some(d) = p.get_str("description") {
            out.insert("description".into(), json!(d));
        }
        let required = location == "path" || p.get_bool("required") == Some(true);
        if required {
            out.insert("required".into(), json!(true));
        }
        let schema = match (p.get("schema"), p.get("content")) {
            (Some(s), _) => self.schema(s, 0),
            (None, Some(content)) => {
                let media = content.members().next();
                self.loss(
                    codes::PARAMETER_STYLE,
                    Severity::Info,
                    format!("{label}: parameter `{name}` is serialised as `{}`; users enter the serialised text", media.map_or("?", |m| m.key.as_str())),
                    node.span,
                );
                json!({"type": "string"})
            }
            (None, None) => json!({"type": "string"}),
        };
        let shape = self.flat(&schema);
        if is_object(&shape) {
            return self.exploded(p, node, &out, &shape, label);
        }
        if let Some(d) = shape.get("description").and_then(Json::as_str)
            && !out.contains_key("description")
        {
            out.insert("description".into(), json!(d));
        }
        if let Some(t) = shape.get("title").and_then(Json::as_str) {
            out.insert("x-ms-summary".into(), json!(t));
        }
        self.simple_shape(&mut out, &shape, &name, label, node);
        if out.get("type").and_then(Json::as_str) == Some("array") {
            let cf = collection_format(p, &location);
            if let Some(cf) = cf {
                out.insert("collectionFormat".into(), json!(cf));
            } else {
                self.loss(codes::PARAMETER_STYLE, Severity::Info, format!("{label}: parameter `{name}`: style `{}` has no Swagger 2.0 equivalent; comma-separated", p.get_str("style").unwrap_or("")), node.span);
                out.insert("collectionFormat".into(), json!("csv"));
            }
        }
        if location == "query" && p.get_bool("allowEmptyValue") == Some(true) {
            out.insert("allowEmptyValue".into(), json!(true));
        }
        if p.get_bool("allowReserved") == Some(true) {
            self.loss(
                codes::PARAMETER_STYLE,
                Severity::Info,
                format!(
                    "{label}: parameter `{name}`: `allowReserved` dropped (values are URL-encoded)"
                ),
                node.span,
            );
        }
        for m in p.members().filter(|m| m.key.starts_with("x-ms-")) {
            out.insert(m.key.to_string(), Json::from(&m.value));
        }
        vec![Json::Object(out)]
    }

    /// A schema resolved and with `allOf` members merged, for reading a parameter's shape.
    pub(super) fn flat(&mut self, schema: &Json) -> Json {
        let mut s = self.resolved(schema, 0);
        if let Some(Json::Array(all)) = s.as_object_mut().and_then(|o| o.remove("allOf")) {
            for member in all {
                let m = self.flat(&member);
                if let (Json::Object(target), Json::Object(src)) = (&mut s, m) {
                    for (k, v) in src {
                        if k == "properties"
                            && let (Some(Json::Object(into)), Json::Object(from)) =
                                (target.get_mut("properties"), &v)
                        {
                            for (pk, pv) in from {
                                into.entry(pk.clone()).or_insert(pv.clone());
                            }
                            continue;
                        }
                        target.entry(k).or_insert(v);
                    }
                }
            }
        }
        s
    }

    /// Copies the simple keys of a flattened schema; non-scalar values become strings.
    pub(super) fn simple_shape(
        &mut self,
        out: &mut Map,
        shape: &Json,
        name: &str,
        label: &str,
        node: &'s Value,
    ) {
        for k in SIMPLE {
            if let Some(v) = shape.get(*k) {
                out.insert((*k).into(), v.clone());
            }
        }
        let t = shape.get("type").and_then(Json::as_str);
        match t {
            Some("array") => {
                let items =
                    shape.get("items").map_or_else(|| json!({"type": "string"}), |i| self.flat(i));
                let mut it = Map::new();
                for k in SIMPLE {
                    if let Some(v) = items.get(*k) {
                        it.insert((*k).into(), v.clone());
                    }
                }
                let scalar = matches!(
                    it.get("type").and_then(Json::as_str),
                    Some("string" | "number" | "integer" | "boolean")
                );
                if !scalar {
                    if is_object(&items) {
                        self.loss(codes::PARAMETER_STYLE, Severity::Warning, format!("{label}: parameter `{name}` is a list of objects, which Swagger 2.0 parameters cannot be; a list of strings"), node.span);
                    }
                    it = Map::new();
                    it.insert("type".into(), json!("string"));
                }
                out.insert("items".into(), Json::Object(it));
            }
            Some("string" | "number" | "integer" | "boolean") => {}
            _ => {
                out.insert("type".into(), json!("string"));
            }
        }
    }

    /// An object-valued parameter: exploded into one parameter per property when the style
    /// allows (query `form` exploded, or `deepObject`), else a string.
    fn exploded(
        &mut self,
        p: &'s Value,
        node: &'s Value,
        base: &Map,
        shape: &Json,
        label: &str,
    ) -> Vec<Json> {
        let name = p.get_str("name").unwrap_or("").to_string();
        let location = p.get_str("in").unwrap_or("");
        let style =
            p.get_str("style").unwrap_or(if location == "query" { "form" } else { "simple" });
        let explode = p.get_bool("explode").unwrap_or(style == "form");
        let props = shape.get("properties").and_then(Json::as_object).cloned().unwrap_or_default();
        let explodable = location == "query"
            && ((style == "form" && explode) || style == "deepObject")
            && !props.is_empty();
        if !explodable {
            self.loss(codes::PARAMETER_STYLE, Severity::Warning, format!("{label}: parameter `{name}` is an object ({location}, style {style}), which Swagger 2.0 parameters cannot be; users enter it as text"), node.span);
            let mut out = base.clone();
            out.insert("type".into(), json!("string"));
            return vec![Json::Object(out)];
        }
        self.loss(
            codes::PARAMETER_STYLE,
            Severity::Info,
            format!(
                "{label}: object parameter `{name}` written as one query parameter per property"
            ),
            node.span,
        );
        let required: Vec<String> = shape
            .get("required")
            .and_then(Json::as_array)
            .map(|r| r.iter().filter_map(Json::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for (prop, schema) in props {
            let flat = self.flat(&schema);
            let pname =
                if style == "deepObject" { format!("{name}[{prop}]") } else { prop.clone() };
            let mut q = Map::new();
            q.insert("name".into(), json!(pname));
            q.insert("in".into(), json!("query"));
            if let Some(d) = flat.get("description").and_then(Json::as_str) {
                q.insert("description".into(), json!(d));
            }
            if base.get("required") == Some(&json!(true)) && required.contains(&prop) {
                q.insert("required".into(), json!(true));
            }
            self.simple_shape(&mut q, &flat, &pname, label, node);
            if q.get("type").and_then(Json::as_str) == Some("array") {
                q.insert(
                    "collectionFormat".into(),
                    json!(if style == "form" { "multi" } else { "csv" }),
                );
            }
            out.push(Json::Object(q));
        }
        out
    }
}

/// Whether a flattened schema describes an object.
pub(super) fn is_object(s: &Json) -> bool {
    s.get("type").and_then(Json::as_str) == Some("object")
        || (s.get("type").is_none() && s.get("properties").is_some())
}

/// `style`/`explode` → `collectionFormat`; `None` when Swagger 2.0 has no equivalent.
fn collection_format(p: &Value, location: &str) -> Option<&'static str> {
    let default_style = if location == "query" { "form" } else { "simple" };
    let style = p.get_str("style").unwrap_or(default_style);
    let explode = p.get_bool("explode").unwrap_or(style == "form");
    match (style, explode) {
        ("form", true) if location == "query" => Some("multi"),
        ("form" | "simple", _) => Some("csv"),
        ("spaceDelimited", _) => Some("ssv"),
        ("pipeDelimited", _) => Some("pipes"),
        _ => None,
    }
}
