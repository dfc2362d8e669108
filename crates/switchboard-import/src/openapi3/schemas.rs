//! Schemas: `components.schemas` → `definitions` (references rewritten), and each OpenAPI 3
//! schema → a Swagger 2.0 schema: `nullable` and 3.1 `null` types → `x-nullable`, `const` →
//! `enum`, numeric `exclusiveMinimum`/`exclusiveMaximum` → the boolean form, `oneOf`/`anyOf`
//! collapsed as far as Swagger 2.0 allows (one alternative, objects merged, one shared
//! primitive type, else untyped), and every keyword Swagger 2.0 lacks reported.

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::json::{Value, pointer};

use super::refs::local_pointer;
use super::{Conv, Map, codes};

/// Keywords copied as they are.
const COPIED: &[&str] = &[
    "format",
    "title",
    "description",
    "default",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
    "required",
    "enum",
];

/// Keywords dropped without a report (identifiers and comments, nothing a user relies on).
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$defs",
    "definitions",
    "$vocabulary",
    "contentSchema",
];

/// Keywords whose loss changes what a value may look like.
const STRUCTURAL: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
];

/// Deepest schema nesting converted (deeper is left untyped).
const MAX_SCHEMA_DEPTH: usize = 64;

impl<'s> Conv<'s> {
    /// Converts `components.schemas` into `self.definitions`.
    pub(super) fn definitions_from_components(&mut self) {
        let Some(schemas) = self.src.root.get("components").and_then(|c| c.get("schemas")) else {
            return;
        };
        for m in schemas.members() {
            let name = m.key.to_string();
            let converted = if let Some(c) = self.converting.remove(&name) {
                c
            } else {
                let at = format!("#/components/schemas/{}", escape(&name));
                self.inlining.push(at);
                let c = self.schema(&m.value, 0);
                self.inlining.pop();
                c
            };
            let swagger_pointer = pointer::from_tokens(["definitions", &name]);
            self.origins.insert(swagger_pointer, self.src.location(m.key_span));
            self.definitions.insert(name, converted);
        }
    }

    /// The name of the component a reference targets, when it is `#/components/schemas/X`.
    fn component_name(&self, reference: &str) -> Option<String> {
        let p = local_pointer(reference)?;
        let tokens = pointer::tokens(&p)?;
        match tokens.as_slice() {
            [c, s, name] if c == "components" && s == "schemas" => {
                let exists = self
                    .src
                    .root
                    .get("components")
                    .and_then(|c| c.get("schemas"))
                    .and_then(|s| s.get(name))
                    .is_some();
                exists.then(|| name.clone())
            }
            _ => None,
        }
    }

    /// A component schema converted (from the definitions, or now).
    fn component(&mut self, name: &str, depth: usize) -> Json {
        if let Some(d) = self.definitions.get(name).or_else(|| self.converting.get(name)) {
            return d.clone();
        }
        let at = format!("#/components/schemas/{}", escape(name));
        if self.inlining.contains(&at) {
            return json!({});
        }
        let Some(node) = self
            .src
            .root
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|s| s.get(name))
        else {
            return json!({});
        };
        self.inlining.push(at);
        let c = self.schema(node, depth + 1);
        self.inlining.pop();
        self.converting.insert(name.to_string(), c.clone());
        c
    }

    /// A schema resolved through a `$ref` to a definition, for reading its shape.
    pub(super) fn resolved(&mut self, schema: &Json, depth: usize) -> Json {
        match schema
            .get("$ref")
            .and_then(Json::as_str)
            .and_then(|r| r.strip_prefix("#/definitions/"))
        {
            Some(name) if depth < 16 => {
                let name = name.replace("~1", "/").replace("~0", "~");
                let target = self.component(&name, depth);
                self.resolved(&target, depth + 1)
            }
            _ => schema.clone(),
        }
    }

    /// Converts one schema.
    pub(super) fn schema(&mut self, node: &'s Value, depth: usize) -> Json {
        if depth > MAX_SCHEMA_DEPTH {
            return json!({});
        }
        let Some(obj) = node.as_object() else {
            // 3.1 boolean schemas: `true` accepts anything; `false` nothing (no equivalent).
            return json!({});
        };
        let mut out = Map::new();
        if let Some(r) = node.get("$ref") {
            let text = r.as_str().unwrap_or("");
            if let Some(name) = self.component_name(text) {
                out.insert("$ref".into(), json!(format!("#/definitions/{}", escape(&name))));
            } else if let Some(target) = self.deref(node) {
                if self.inlining.iter().any(|p| p == text) {
                    self.loss(codes::REF, Severity::Warning, format!("reference `{text}` is recursive and not to a component schema; left untyped"), r.span);
                } else {
                    self.inlining.push(text.to_string());
                    let inlined = self.schema(target, depth + 1);
                    self.inlining.pop();
                    if let Json::Object(m) = inlined {
                        out = m;
                    }
                }
            }
        }
        if !out.is_empty() && !self.v31 {
            // OpenAPI 3.0: members next to `$ref` are ignored.
            return Json::Object(out);
        }
        let mut alternatives: Vec<(&'s str, &'s Value)> = Vec::new();
        for m in &obj.members {
            let key = m.key.as_str();
            let v = &m.value;
            match key {
                "$ref" => {}
                "type" => self.type_keyword(&mut out, v),
                "nullable" => {
                    if v.as_bool() == Some(true) {
                        out.insert("x-nullable".into(), json!(true));
                    }
                }
                "const" => {
                    out.insert("enum".into(), json!([Json::from(v)]));
                }
                "examples" => {
                    if let Some(first) = v.items().next()
                        && !obj.contains_key("example")
                    {
                        out.insert("example".into(), Json::from(first));
                    }
                }
                "exclusiveMaximum" | "exclusiveMinimum" => {
                    let bound = if key == "exclusiveMaximum" { "maximum" } else { "minimum" };
                    if v.as_bool().is_some() {
                        out.insert(key.into(), Json::from(v));
                    } else if v.as_f64().is_some() {
                        out.insert(bound.into(), Json::from(v));
                        out.insert(key.into(), json!(true));
                    }
                }
                "properties" => {
                    let mut props = Map::new();
                    for p in v.members() {
                        let converted = self.schema(&p.value, depth + 1);
                        props.insert(p.key.to_string(), converted);
                    }
                    out.insert("properties".into(), Json::Object(props));
                }
                "additionalProperties" => {
                    let converted = match v.as_bool() {
                        Some(b) => json!(b),
                        None => self.schema(v, depth + 1),
                    };
                    out.insert(key.into(), converted);
                }
                "items" => {
                    let item = if v.as_array().is_some() {
                        self.loss(codes::KEYWORD, Severity::Warning, "tuple `items` is not Swagger 2.0; the first schema stands for every item", m.key_span);
                        v.items().next().map_or_else(|| json!({}), |f| self.schema(f, depth + 1))
                    } else {
                        self.schema(v, depth + 1)
                    };
                    out.insert("items".into(), item);
                }
                "prefixItems" => {
                    self.loss(
                        codes::KEYWORD,
                        Severity::Warning,
                        "`prefixItems` is not Swagger 2.0; the first schema stands for every item",
                        m.key_span,
                    );
                    if !obj.contains_key("items")
                        && let Some(first) = v.items().next()
                    {
                        let item = self.schema(first, depth + 1);
                        out.insert("items".into(), item);
                    }
                }
                "allOf" => {
                    let members: Vec<Json> = v.items().map(|i| self.schema(i, depth + 1)).collect();
                    out.insert("allOf".into(), Json::Array(members));
                }
                "oneOf" | "anyOf" => alternatives.push((m.key.as_str(), v)),
                "discriminator" => self.discriminator(&mut out, m.key_span, v),
                "contentEncoding" => {
                    if !obj.contains_key("format") && v.as_str() == Some("base64") {
                        out.insert("format".into(), json!("byte"));
                    }
                }
                "contentMediaType" => {
                    if !obj.contains_key("format") && !obj.contains_key("contentEncoding") {
                        out.insert("format".into(), json!("binary"));
                    }
                }
                "writeOnly" | "deprecated" => {
                    if v.as_bool() == Some(true) {
                        self.loss(
                            codes::KEYWORD,
                            Severity::Info,
                            format!("`{key}` is not Swagger 2.0 and was dropped"),
                            m.key_span,
                        );
                    }
                }
                k if COPIED.contains(&k) => {
                    out.insert(k.into(), Json::from(v));
                }
                k if SILENT.contains(&k) => {}
                k if k.starts_with("x-") => {
                    out.insert(k.into(), Json::from(v));
                }
                k if STRUCTURAL.contains(&k) => {
                    self.loss(
                        codes::KEYWORD,
                        Severity::Warning,
                        format!(
                            "`{k}` is not Swagger 2.0; the constraint it expresses was dropped"
                        ),
                        m.key_span,
                    );
                }
                k => {
                    self.loss(
                        codes::KEYWORD,
                        Severity::Info,
                        format!("unknown schema keyword `{k}` dropped"),
                        m.key_span,
                    );
                }
            }
        }
        if out.get("enum").and_then(Json::as_array).is_some_and(|e| e.iter().any(Json::is_null)) {
            out.insert("x-nullable".into(), json!(true));
        }
        for (key, list) in alternatives {
            let span = obj.member(key).map_or(node.span, |m| m.key_span);
            self.alternatives(&mut out, key, list, span, depth);
        }
        Json::Object(out)
    }

    fn type_keyword(&mut self, out: &mut Map, v: &'s Value) {
        if let Some(t) = v.as_str() {
            if t == "null" {
                out.insert("x-nullable".into(), json!(true));
            } else {
                out.insert("type".into(), json!(t));
            }
            return;
        }
        let names: Vec<&str> = v.items().filter_map(Value::as_str).collect();
        let non_null: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
        if names.contains(&"null") {
            out.insert("x-nullable".into(), json!(true));
        }
        match non_null.as_slice() {
            [one] => {
                out.insert("type".into(), json!(one));
            }
            [] => {}
            many => {
                self.loss(codes::TYPE_LIST, Severity::Warning, format!("type list [{}] has several types; Swagger 2.0 allows one, so the value is untyped", many.join(", ")), v.span);
            }
        }
    }

    fn discriminator(&mut self, out: &mut Map, key_span: switchboard_model::Span, v: &'s Value) {
        if let Some(name) = v.as_str().or_else(|| v.get_str("propertyName")) {
            out.insert("discriminator".into(), json!(name));
        }
        if let Some(m) = v.member("mapping") {
            self.loss(
                codes::DISCRIMINATOR,
                Severity::Info,
                "the discriminator `mapping` is not Swagger 2.0 and was dropped",
                m.key_span,
            );
        } else if v.as_object().is_none() && v.as_str().is_none() {
            self.loss(
                codes::DISCRIMINATOR,
                Severity::Info,
                "invalid discriminator dropped",
                key_span,
            );
        }
    }

    /// Collapses `oneOf`/`anyOf` into `out`.
    fn alternatives(
        &mut self,
        out: &mut Map,
        key: &str,
        list: &'s Value,
        span: switchboard_model::Span,
        depth: usize,
    ) {
        let mut alts: Vec<Json> = Vec::new();
        for item in list.items() {
            let converted = self.schema(item, depth + 1);
            let is_null = converted.get("x-nullable") == Some(&json!(true))
                && converted.as_object().is_some_and(|o| {
                    o.keys().all(|k| k == "x-nullable" || k == "description" || k == "title")
                });
            if is_null {
                out.insert("x-nullable".into(), json!(true));
            } else {
                alts.push(converted);
            }
        }
        match alts.len() {
            0 => {}
            1 => merge_into(out, alts.remove(0)),
            n => {
                let shapes: Vec<Json> = alts.iter().map(|a| self.resolved(a, depth)).collect();
                let objects = shapes.iter().all(is_object);
                let types: Vec<Option<&str>> =
                    shapes.iter().map(|s| s.get("type").and_then(Json::as_str)).collect();
                if objects {
                    let mut props = Map::new();
                    let mut required: Option<Vec<Json>> = None;
                    for s in &shapes {
                        let own = self.properties_of(s, depth);
                        for (k, v) in own.0 {
                            props.entry(k).or_insert(v);
                        }
                        required = Some(match required {
                            None => own.1,
                            Some(r) => r.into_iter().filter(|x| own.1.contains(x)).collect(),
                        });
                    }
                    out.insert("type".into(), json!("object"));
                    let existing = out.entry("properties").or_insert_with(|| json!({}));
                    if let Json::Object(e) = existing {
                        for (k, v) in props {
                            e.entry(k).or_insert(v);
                        }
                    }
                    if let Some(r) = required.filter(|r| !r.is_empty()) {
                        out.insert("required".into(), Json::Array(r));
                    }
                    self.loss_help(
                        codes::ALTERNATIVES,
                        Severity::Warning,
                        format!("`{key}` of {n} object schemas merged into one object with the properties of each (required only where all agree)"),
                        span,
                        "users see every property; the service still accepts only one of the shapes",
                    );
                } else if types.iter().all(|t| t.is_some() && *t == types[0]) {
                    let t = types[0].unwrap_or("string");
                    out.insert("type".into(), json!(t));
                    let enums: Option<Vec<Json>> = shapes
                        .iter()
                        .map(|s| s.get("enum").and_then(Json::as_array).cloned())
                        .collect::<Option<Vec<_>>>()
                        .map(|v| v.concat());
                    if let Some(e) = enums {
                        out.insert("enum".into(), Json::Array(e));
                    }
                    if t == "array"
                        && let Some(items) = shapes[0].get("items")
                    {
                        out.insert("items".into(), items.clone());
                    }
                    self.loss(
                        codes::ALTERNATIVES,
                        Severity::Info,
                        format!("`{key}` of {n} `{t}` schemas written as one `{t}`"),
                        span,
                    );
                } else {
                    let kinds: Vec<String> =
                        types.iter().map(|t| t.unwrap_or("untyped").to_string()).collect();
                    self.loss_help(
                        codes::ALTERNATIVES,
                        Severity::Warning,
                        format!("`{key}` of {} cannot be expressed in Swagger 2.0; the value is untyped", kinds.join(", ")),
                        span,
                        "users see a value of any type; x-ms-dynamic-schema can describe shapes that vary",
                    );
                }
            }
        }
    }

    /// Properties and required names of an object schema, through `allOf` and references.
    fn properties_of(&mut self, schema: &Json, depth: usize) -> (Map, Vec<Json>) {
        let mut props =
            schema.get("properties").and_then(Json::as_object).cloned().unwrap_or_default();
        let mut required =
            schema.get("required").and_then(Json::as_array).cloned().unwrap_or_default();
        if depth < 16 {
            for member in schema.get("allOf").and_then(Json::as_array).cloned().unwrap_or_default()
            {
                let resolved = self.resolved(&member, depth + 1);
                let (p, r) = self.properties_of(&resolved, depth + 1);
                for (k, v) in p {
                    props.entry(k).or_insert(v);
                }
                required.extend(r);
            }
        }
        (props, required)
    }
}

/// Whether a converted schema describes an object.
fn is_object(s: &Json) -> bool {
    s.get("type").and_then(Json::as_str) == Some("object")
        || s.get("properties").is_some()
        || (s.get("type").is_none() && s.get("allOf").is_some())
}

/// Merges a single alternative into the schema that held it.
fn merge_into(out: &mut Map, alt: Json) {
    let Json::Object(alt) = alt else { return };
    if alt.contains_key("$ref") {
        if out.is_empty() {
            out.extend(alt);
        } else {
            let all = out.entry("allOf").or_insert_with(|| json!([]));
            if let Json::Array(a) = all {
                a.push(Json::Object(alt));
            }
        }
        return;
    }
    for (k, v) in alt {
        out.entry(k).or_insert(v);
    }
}

/// Escapes a JSON pointer token.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
