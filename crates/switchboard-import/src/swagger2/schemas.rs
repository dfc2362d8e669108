//! Schema fixes so that every schema passes the schema rules (SW130–SW152, BX008): a single
//! `type`, `x-nullable` instead of `nullable`, no `oneOf`/`anyOf`, `required` naming defined
//! properties and never a read-only property of an input, unique non-empty `enum`s, arrays
//! with `items`, consistent bounds, valid discriminators, no siblings next to `$ref`.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};
use switchboard_diagnostics::Severity;

use super::{Cx, Map, codes, operations};

/// Where a schema is used, for the rules that differ between inputs and outputs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Input,
    Output,
    Shared,
}

/// Keys next to a `$ref` that are worth keeping (by wrapping the reference in `allOf`).
const KEPT_REF_SIBLINGS: &[&str] = &["description", "title", "readOnly", "x-nullable", "default"];

pub fn apply(cx: &mut Cx<'_, '_>, doc: &mut Map) {
    let defs = doc.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
    let inputs = input_definitions(doc, &defs);
    let mut fixer = Fixer { cx, defs: &defs };
    if let Some(Value::Object(d)) = doc.get_mut("definitions") {
        for (name, schema) in d.iter_mut() {
            let pointer = switchboard_model::json::pointer::from_tokens(["definitions", name]);
            let role = if inputs.contains(name) { Role::Input } else { Role::Shared };
            // A definition that is only a reference (an alias) is not allowed (SW133); as an
            // `allOf` of one it keeps its name and meaning.
            if let Value::Object(m) = schema
                && m.len() == 1
                && let Some(r) = m.remove("$ref")
            {
                m.insert("allOf".into(), json!([{ "$ref": r }]));
            }
            fixer.walk(schema, &pointer, role, false, 0);
        }
    }
    for (path, method) in operations::list(doc) {
        let pointer = super::op_pointer(&path, &method);
        let Some(op) = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path.as_str()))
            .and_then(|i| i.get_mut(method.as_str()))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for (i, p) in
            op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten().enumerate()
        {
            if let Some(schema) = p.get_mut("schema") {
                fixer.walk(
                    schema,
                    &format!("{pointer}/parameters/{i}/schema"),
                    Role::Input,
                    false,
                    0,
                );
            }
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for (code, r) in responses.iter_mut() {
                if let Some(schema) = r.get_mut("schema") {
                    let at = format!("{pointer}/responses/{code}/schema");
                    fixer.walk(schema, &at, Role::Output, true, 0);
                }
            }
        }
        if let Some(schema) =
            op.get_mut("x-ms-notification-content").and_then(|n| n.get_mut("schema"))
        {
            fixer.walk(
                schema,
                &format!("{pointer}/x-ms-notification-content/schema"),
                Role::Output,
                false,
                0,
            );
        }
    }
}

/// Definitions reachable from body parameters (inputs), transitively.
fn input_definitions(doc: &Map, defs: &Map) -> HashSet<String> {
    let mut todo: Vec<String> = Vec::new();
    for (path, method) in operations::list(doc) {
        let params = doc
            .get("paths")
            .and_then(|p| p.get(path.as_str()))
            .and_then(|i| i.get(method.as_str()))
            .and_then(|o| o.get("parameters"))
            .and_then(Value::as_array);
        for p in params.into_iter().flatten() {
            if let Some(schema) = p.get("schema") {
                refs(schema, &mut todo, 0);
            }
        }
    }
    let mut seen = HashSet::new();
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone())
            && let Some(schema) = defs.get(&name)
        {
            refs(schema, &mut todo, 0);
        }
    }
    seen
}

/// The definition names referenced anywhere in a value.
pub fn refs(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > switchboard_model::json::MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref")
                && let Some(name) = r.strip_prefix("#/definitions/")
            {
                out.push(name.replace("~1", "/").replace("~0", "~"));
            }
            for child in m.values() {
                refs(child, out, depth + 1);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| refs(i, out, depth + 1)),
        _ => {}
    }
}

struct Fixer<'c, 'o, 'a, 'd> {
    cx: &'c mut Cx<'o, 'a>,
    defs: &'d Map,
}

impl Fixer<'_, '_, '_, '_> {
    fn note(&mut self, at: &str, message: String) {
        self.cx.loss(codes::SCHEMA_FIXED, Severity::Info, message, at);
    }

    fn walk(&mut self, v: &mut Value, at: &str, role: Role, response_root: bool, depth: usize) {
        if depth > switchboard_model::json::MAX_DEPTH {
            return;
        }
        let Value::Object(node) = v else { return };
        self.node(node, at, role, response_root);
        for key in ["properties"] {
            if let Some(Value::Object(props)) = node.get_mut(key) {
                for (name, p) in props.iter_mut() {
                    let child = format!("{at}/{key}/{}", escape(name));
                    self.walk(p, &child, role, false, depth + 1);
                }
            }
        }
        match node.get_mut("items") {
            Some(items @ Value::Object(_)) => {
                self.walk(items, &format!("{at}/items"), role, false, depth + 1);
            }
            Some(Value::Array(list)) => {
                // A tuple (not Swagger 2.0): the first schema stands for all items.
                let first = list.first().cloned().unwrap_or_else(|| json!({}));
                node.insert("items".into(), first);
                self.note(at, "tuple `items` replaced by its first schema".into());
                if let Some(items) = node.get_mut("items") {
                    self.walk(items, &format!("{at}/items"), role, false, depth + 1);
                }
            }
            _ => {}
        }
        if let Some(ap @ Value::Object(_)) = node.get_mut("additionalProperties") {
            self.walk(ap, &format!("{at}/additionalProperties"), role, false, depth + 1);
        }
        if let Some(Value::Array(all)) = node.get_mut("allOf") {
            for (i, m) in all.iter_mut().enumerate() {
                self.walk(m, &format!("{at}/allOf/{i}"), role, false, depth + 1);
            }
        }
    }

    fn node(&mut self, node: &mut Map, at: &str, role: Role, response_root: bool) {
        if node.contains_key("$ref") {
            Self::ref_siblings(node);
            return;
        }
        fix_visibility(node);
        if let Some(Value::Array(types)) = node.get("type").cloned() {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            let non_null: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
            if names.contains(&"null") {
                node.insert("x-nullable".into(), json!(true));
            }
            if non_null.len() == 1 {
                node.insert("type".into(), json!(non_null[0]));
            } else {
                node.remove("type");
            }
            self.note(
                at,
                format!(
                    "type list [{}] is not Swagger 2.0; written as a single type",
                    names.join(", ")
                ),
            );
        }
        if let Some(n) = node.remove("nullable")
            && n == json!(true)
        {
            node.insert("x-nullable".into(), json!(true));
        }
        for key in ["oneOf", "anyOf", "not"] {
            if node.remove(key).is_some() {
                self.cx.loss(
                    codes::SCHEMA_FIXED,
                    Severity::Warning,
                    format!("`{key}` is not Swagger 2.0 and was dropped"),
                    at,
                );
            }
        }
        if let Some(Value::String(t)) = node.get("type")
            && !matches!(
                t.as_str(),
                "string" | "number" | "integer" | "boolean" | "array" | "object" | "file"
            )
        {
            let t = t.clone();
            node.remove("type");
            self.note(at, format!("unknown type `{t}` dropped"));
        }
        if node.get("type").and_then(Value::as_str) == Some("file")
            && !(response_root && role == Role::Output)
        {
            node.insert("type".into(), json!("string"));
            node.insert("format".into(), json!("binary"));
        }
        if let Some(f) = node.get("format").and_then(Value::as_str).map(str::to_string) {
            match known_format(&f) {
                Some(k) if k != f => {
                    node.insert("format".into(), json!(k));
                }
                Some(_) => {}
                None => {
                    node.remove("format");
                    self.note(at, format!("format `{f}` is not one the platform knows; dropped"));
                }
            }
        }
        if node.get("type").and_then(Value::as_str) == Some("array") && !node.contains_key("items")
        {
            node.insert("items".into(), json!({}));
        }
        self.required(node, at, role);
        self.enumeration(node, at);
        self.bounds(node, at);
        self.discriminator(node, at);
    }

    fn ref_siblings(node: &mut Map) {
        if node.len() == 1 {
            return;
        }
        let reference = node.remove("$ref").unwrap_or(Value::Null);
        let kept: Map = node
            .iter()
            .filter(|(k, _)| KEPT_REF_SIBLINGS.contains(&k.as_str()) || k.starts_with("x-ms-"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        node.clear();
        if kept.is_empty() {
            node.insert("$ref".into(), reference);
        } else {
            node.extend(kept);
            node.insert("allOf".into(), json!([{"$ref": reference}]));
        }
    }

    fn required(&mut self, node: &mut Map, at: &str, role: Role) {
        let Some(required) = node.get("required").cloned() else { return };
        let Some(list) = required.as_array() else {
            node.remove("required");
            return;
        };
        let objectish = node.get("type").and_then(Value::as_str) == Some("object")
            || node.contains_key("properties");
        let mut kept: Vec<Value> = Vec::new();
        let mut seen = BTreeSet::new();
        for name in list.iter().filter_map(Value::as_str) {
            if !seen.insert(name.to_string()) {
                continue;
            }
            if objectish
                && !node.contains_key("x-ms-dynamic-schema")
                && !self.defines(node, name, 0)
            {
                self.note(
                    at,
                    format!("`required` names `{name}`, which is not a property; removed"),
                );
                continue;
            }
            if role == Role::Input && Self::read_only(node, name) {
                self.note(
                    at,
                    format!("read-only property `{name}` is not required in a request body"),
                );
                continue;
            }
            kept.push(json!(name));
        }
        if kept.is_empty() {
            node.remove("required");
        } else {
            node.insert("required".into(), Value::Array(kept));
        }
    }

    fn read_only(node: &Map, name: &str) -> bool {
        node.get("properties")
            .and_then(|p| p.get(name))
            .and_then(|p| p.get("readOnly"))
            .and_then(Value::as_bool)
            == Some(true)
    }

    /// Whether `node` (or an `allOf` member, following references) defines property `name`.
    fn defines(&self, node: &Map, name: &str, depth: usize) -> bool {
        if node.get("properties").is_some_and(|p| p.get(name).is_some()) {
            return true;
        }
        depth < 8
            && node.get("allOf").and_then(Value::as_array).into_iter().flatten().any(|m| {
                let target = match m
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                {
                    Some(n) => self.defs.get(&n.replace("~1", "/").replace("~0", "~")),
                    None => Some(m),
                };
                target.and_then(Value::as_object).is_some_and(|t| self.defines(t, name, depth + 1))
            })
    }

    fn enumeration(&mut self, node: &mut Map, at: &str) {
        if let Some(Value::Array(values)) = node.get_mut("enum") {
            let mut unique: Vec<Value> = Vec::new();
            let mut duplicates = false;
            for v in values.drain(..) {
                if v.is_null() {
                    continue;
                }
                if unique.contains(&v) {
                    duplicates = true;
                } else {
                    unique.push(v);
                }
            }
            *values = unique;
            if values.is_empty() {
                node.remove("enum");
                self.note(at, "empty `enum` removed".into());
            } else if duplicates {
                self.note(at, "duplicate `enum` values removed".into());
            }
        } else if node.get("enum").is_some() {
            node.remove("enum");
        }
        if let (Some(default), Some(Value::Array(values))) = (node.get("default"), node.get("enum"))
            && !values.contains(default)
        {
            node.remove("default");
            self.note(at, "`default` is not one of the `enum` values; removed".into());
        }
    }

    fn bounds(&mut self, node: &mut Map, at: &str) {
        for (flag, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")] {
            match node.get(flag) {
                Some(Value::Number(n)) => {
                    // JSON Schema's numeric form: the bound itself, exclusive.
                    let n = Value::Number(n.clone());
                    node.insert(bound.into(), n);
                    node.insert(flag.into(), json!(true));
                }
                Some(Value::Bool(_)) if !node.contains_key(bound) => {
                    node.remove(flag);
                }
                Some(Value::Bool(_)) | None => {}
                Some(_) => {
                    node.remove(flag);
                }
            }
        }
        for key in
            ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"]
        {
            if node.get(key).and_then(Value::as_f64).is_some_and(|f| f < 0.0) {
                node.remove(key);
                self.note(at, format!("negative `{key}` removed"));
            }
        }
        for (lo, hi) in [
            ("minLength", "maxLength"),
            ("minItems", "maxItems"),
            ("minimum", "maximum"),
            ("minProperties", "maxProperties"),
        ] {
            if let (Some(a), Some(b)) =
                (node.get(lo).and_then(Value::as_f64), node.get(hi).and_then(Value::as_f64))
                && a > b
            {
                node.remove(lo);
                node.remove(hi);
                self.note(at, format!("`{lo}` is greater than `{hi}`; both removed"));
            }
        }
        if node.get("multipleOf").and_then(Value::as_f64).is_some_and(|f| f <= 0.0) {
            node.remove("multipleOf");
        }
    }

    fn discriminator(&mut self, node: &mut Map, at: &str) {
        let Some(d) = node.get("discriminator").cloned() else { return };
        let valid = d.as_str().is_some_and(|name| {
            let is_string = node
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("type"))
                .and_then(Value::as_str)
                == Some("string");
            let required = node
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)));
            is_string && required
        });
        if !valid {
            node.remove("discriminator");
            self.note(
                at,
                "`discriminator` must name a required string property of the schema; removed"
                    .into(),
            );
        }
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Formats the platform knows (SW143), with common aliases mapped (`url` → `uri`); `None`
/// for the others.
pub fn known_format(f: &str) -> Option<&str> {
    const KNOWN: &[&str] = &[
        "int32",
        "int64",
        "float",
        "double",
        "byte",
        "binary",
        "date",
        "date-time",
        "password",
        "date-no-tz",
        "email",
        "html",
        "uri",
        "uuid",
        "decimal",
    ];
    if KNOWN.contains(&f) || f.eq_ignore_ascii_case("guid") {
        return Some(f);
    }
    match f.to_ascii_lowercase().as_str() {
        "url" | "uriref" | "uri-reference" | "iri" | "iri-reference" | "uri-template" => {
            Some("uri")
        }
        "datetime" => Some("date-time"),
        "base64" => Some("byte"),
        "int" | "integer" => Some("int32"),
        "long" => Some("int64"),
        _ => None,
    }
}

/// `x-ms-visibility` in the platform's (lower) case; values it does not know are removed.
pub fn fix_visibility(node: &mut Map) {
    if let Some(v) = node.get("x-ms-visibility") {
        match v.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some(l @ ("important" | "advanced" | "internal")) => {
                let l = l.to_string();
                node.insert("x-ms-visibility".into(), json!(l));
            }
            _ => {
                node.remove("x-ms-visibility");
            }
        }
    }
}
