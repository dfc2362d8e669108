//! Facts about schemas shared by the rules of this group: local `$ref` parsing, the graph of
//! `#/definitions`, measurements that follow `$ref` (memoised per definition, cycles cut), and
//! the typed nodes outside schemas (non-body parameters, response headers, their `items`).

use std::borrow::Cow;

use switchboard_model::json::{Kind, Value, pointer};
use switchboard_model::swagger::Schema;

use crate::fast_hash::FastMap;
use crate::{SchemaRoot, SwaggerIndex};

/// The root sections a local `$ref` may point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// `#/definitions/<name>` (schemas).
    Definitions,
    /// `#/parameters/<name>`.
    Parameters,
    /// `#/responses/<name>`.
    Responses,
}

impl Section {
    /// The root key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Section::Definitions => "definitions",
            Section::Parameters => "parameters",
            Section::Responses => "responses",
        }
    }

    /// What lives there, for messages ("schema", "parameter", "response").
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Section::Definitions => "schema",
            Section::Parameters => "parameter",
            Section::Responses => "response",
        }
    }

    fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "definitions" => Section::Definitions,
            "parameters" => Section::Parameters,
            "responses" => Section::Responses,
            _ => return None,
        })
    }
}

/// Whether `reference` is `#` followed by a valid JSON pointer (empty, or starting with `/`
/// once percent-decoded).
pub(crate) fn is_local_pointer(reference: &str) -> bool {
    reference.strip_prefix('#').is_some_and(|fragment| {
        let fragment = percent_decode(fragment);
        fragment.is_empty() || fragment.starts_with('/')
    })
}

/// `(section, name)` when `reference` is exactly `#/<section>/<name>`.
pub(crate) fn direct_target(reference: &str) -> Option<(Section, String)> {
    let fragment = percent_decode(reference.strip_prefix('#')?);
    let mut tokens = pointer::token_iter(&fragment)?;
    let (Some(section), Some(name), None) = (tokens.next(), tokens.next(), tokens.next()) else {
        return None;
    };
    if name.is_empty() {
        return None;
    }
    Some((Section::parse(&section)?, name.into_owned()))
}

/// Percent-decodes a URI fragment (`My%20Type` → `My Type`), as `$ref` resolution does.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Some(b) =
                std::str::from_utf8(hex).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

/// Where a `$ref` appears, which decides what it may point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefSite {
    /// A schema position (definitions, body and response schemas, nested schemas).
    Schema,
    /// An entry of a path item's or operation's `parameters` list.
    Parameter,
    /// An entry of an operation's `responses`.
    Response,
    /// A path item itself (`paths./x.$ref`, reported by the paths rules).
    PathItem,
}

impl RefSite {
    /// The section references from this site must point into.
    pub(crate) fn section(self) -> Option<Section> {
        match self {
            RefSite::Schema => Some(Section::Definitions),
            RefSite::Parameter => Some(Section::Parameters),
            RefSite::Response => Some(Section::Responses),
            RefSite::PathItem => None,
        }
    }
}

/// Members that hold data rather than Swagger structure: `$ref`s inside them are not
/// references (an example may well contain a `$ref` key).
const DATA_KEYS: &[&str] =
    &["example", "examples", "x-example", "default", "enum", "x-ms-test-value"];

/// Calls `f(site, holder, value)` for every string `$ref` in the document (one walk of the
/// whole tree): `holder` is the object with the `$ref` member, `value` its string value.
pub(crate) fn for_each_ref<'a>(root: &'a Value, f: &mut impl FnMut(RefSite, &'a Value, &'a Value)) {
    fn site(path: &[&str]) -> RefSite {
        match path {
            ["paths", _] => RefSite::PathItem,
            ["paths", _, "parameters", "[]"]
            | ["paths", _, _, "parameters", "[]"]
            | ["x-ms-parameterized-host", "parameters", "[]"]
            | ["parameters", _] => RefSite::Parameter,
            ["paths", _, _, "responses", _] | ["responses", _] => RefSite::Response,
            _ => RefSite::Schema,
        }
    }
    fn go<'a>(
        node: &'a Value,
        path: &mut Vec<&'a str>,
        f: &mut impl FnMut(RefSite, &'a Value, &'a Value),
    ) {
        if path.len() > switchboard_model::json::MAX_DEPTH {
            return;
        }
        match &node.kind {
            Kind::Object(o) => {
                let names = path.last() == Some(&"properties");
                for m in &o.members {
                    let key = m.key.as_str();
                    if key == "$ref" && m.value.as_str().is_some() {
                        f(site(path), node, &m.value);
                        continue;
                    }
                    // Only containers can hold a `$ref` (most values are scalars).
                    if !matches!(m.value.kind, Kind::Object(_) | Kind::Array(_))
                        || (!names && DATA_KEYS.contains(&key))
                    {
                        continue;
                    }
                    path.push(key);
                    go(&m.value, path, f);
                    path.pop();
                }
            }
            Kind::Array(items) => {
                path.push("[]");
                for item in items {
                    go(item, path, f);
                }
                path.pop();
            }
            _ => {}
        }
    }
    go(root, &mut Vec::new(), f);
}

/// The entries of `#/definitions`, numbered, with lookup by name and by `$ref`.
#[derive(Debug)]
pub(crate) struct Definitions<'a> {
    /// Names, by number.
    pub names: Vec<&'a str>,
    /// Schema objects, by number.
    pub nodes: Vec<&'a Value>,
    index: FastMap<&'a str, usize>,
}

impl<'a> Definitions<'a> {
    /// The definitions of the swagger, computed once per connector.
    pub(crate) fn of<'s>(sw: &'s SwaggerIndex<'a>) -> &'s Self {
        sw.shared.definitions.get_or_init(|| Self::new(sw))
    }

    /// The object-valued definitions of the swagger (a duplicate name resolves to the last).
    fn new(sw: &SwaggerIndex<'a>) -> Self {
        let mut names = Vec::new();
        let mut nodes = Vec::new();
        let mut index = FastMap::default();
        for m in sw.doc.definitions().into_iter().flat_map(|o| o.members.iter()) {
            if m.value.as_object().is_some() {
                index.insert(m.key.as_str(), names.len());
                names.push(m.key.as_str());
                nodes.push(&m.value);
            }
        }
        Self { names, nodes, index }
    }

    /// How many.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The definition a `$ref` string points to, when it is `#/definitions/<name>`.
    pub(crate) fn by_ref(&self, reference: &str) -> Option<usize> {
        if let Some(name) = reference.strip_prefix("#/definitions/")
            && !name.contains(['/', '~', '%'])
        {
            return self.index.get(name).copied();
        }
        match direct_target(reference)? {
            (Section::Definitions, name) => self.index.get(name.as_str()).copied(),
            _ => None,
        }
    }

    /// The definition a schema node's `$ref` points to.
    pub(crate) fn target(&self, node: &Value) -> Option<usize> {
        self.by_ref(node.get_str("$ref")?)
    }

    /// Follows `$ref` from a schema node to the definition it names (at most a few hops);
    /// the node itself when it has no resolvable `$ref`.
    pub(crate) fn deref(&self, node: &'a Value) -> &'a Value {
        let mut current = node;
        for _ in 0..8 {
            match self.target(current) {
                Some(d) => current = self.nodes[d],
                None => break,
            }
        }
        current
    }

    /// For each definition, the `$ref`s to definitions found in its schema tree, in file
    /// order: `(target, node holding the $ref)`.
    pub(crate) fn edges(&self) -> Vec<Vec<(usize, &'a Value)>> {
        self.nodes
            .iter()
            .map(|root| {
                let mut out = Vec::new();
                walk(root, &mut |node, _| {
                    if let Some(d) = self.target(node) {
                        out.push((d, node));
                    }
                });
                out
            })
            .collect()
    }

    /// Which definitions are reachable (through `$ref`, transitively) from `roots`.
    pub(crate) fn reachable_from(&self, roots: impl IntoIterator<Item = &'a Value>) -> Vec<bool> {
        self.reachable_with(&self.edges(), roots)
    }

    /// [`Self::reachable_from`] with the [`Self::edges`] already computed.
    pub(crate) fn reachable_with(
        &self,
        edges: &[Vec<(usize, &'a Value)>],
        roots: impl IntoIterator<Item = &'a Value>,
    ) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let mut stack = Vec::new();
        for root in roots {
            walk(root, &mut |node, _| {
                if let Some(d) = self.target(node) {
                    stack.push(d);
                }
            });
        }
        while let Some(d) = stack.pop() {
            if std::mem::replace(&mut seen[d], true) {
                continue;
            }
            stack.extend(edges[d].iter().map(|(t, _)| *t));
        }
        seen
    }
}

/// The size of a schema with every `$ref` expanded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extent {
    /// Schema objects (saturating).
    pub nodes: usize,
    /// Nesting levels; a schema without sub-schemas has depth 1.
    pub depth: usize,
}

const LEAF: Extent = Extent { nodes: 1, depth: 1 };

/// How many nested calls [`Expander`] allows before treating a node as a leaf (guards the
/// stack on pathological inputs).
const MAX_FRAMES: usize = 512;

#[derive(Clone, Copy)]
enum Memo {
    New,
    Busy,
    Done(Extent),
}

/// Measures schemas with `$ref`s expanded. Each definition is measured once (memoised); a
/// `$ref` back to a definition that is being expanded counts as one leaf node, so recursive
/// schemas get a finite measure (that of their first expansion).
pub(crate) struct Expander<'d, 'a> {
    defs: &'d Definitions<'a>,
    memo: Vec<Memo>,
    frames: usize,
}

impl<'d, 'a> Expander<'d, 'a> {
    /// A measurer over `defs`.
    pub(crate) fn new(defs: &'d Definitions<'a>) -> Self {
        Self { defs, memo: vec![Memo::New; defs.len()], frames: 0 }
    }

    /// The extent of `node` with its `$ref`s expanded.
    pub(crate) fn extent(&mut self, node: &'a Value) -> Extent {
        if let Some(r) = node.get_str("$ref") {
            return match self.defs.by_ref(r) {
                Some(d) => self.definition(d),
                None => LEAF,
            };
        }
        if self.frames >= MAX_FRAMES {
            return LEAF;
        }
        self.frames += 1;
        let mut nodes = 1usize;
        let mut depth = 0;
        for (_, child) in Schema::new(node).children() {
            let e = self.extent(child);
            nodes = nodes.saturating_add(e.nodes);
            depth = depth.max(e.depth);
        }
        self.frames -= 1;
        Extent { nodes, depth: depth + 1 }
    }

    /// The extent of definition `d`.
    pub(crate) fn definition(&mut self, d: usize) -> Extent {
        match self.memo.get(d).copied() {
            Some(Memo::Done(e)) => e,
            Some(Memo::New) => {
                self.memo[d] = Memo::Busy;
                let e = self.extent(self.defs.nodes[d]);
                self.memo[d] = Memo::Done(e);
                e
            }
            Some(Memo::Busy) | None => LEAF,
        }
    }
}

/// Every typed node outside schemas: non-body parameter declarations, response headers
/// (inline and shared responses), and the `items` nested in them. Each is visited once.
pub(crate) fn simple_nodes<'a>(sw: &SwaggerIndex<'a>) -> Vec<&'a Value> {
    sw.shared.simple_nodes.get_or_init(|| compute_simple_nodes(sw)).clone()
}

fn compute_simple_nodes<'a>(sw: &SwaggerIndex<'a>) -> Vec<&'a Value> {
    let mut out = Vec::new();
    for decl in &sw.parameters {
        if !decl.param.is_body() && decl.param.node.get("$ref").is_none() {
            push_with_items(&mut out, decl.param.node);
        }
    }
    for op in &sw.operations {
        for m in op.op.node.get("responses").into_iter().flat_map(Value::members) {
            push_headers(&mut out, &m.value);
        }
    }
    for m in sw.doc.shared_responses().into_iter().flat_map(|o| o.members.iter()) {
        push_headers(&mut out, &m.value);
    }
    out
}

fn push_headers<'a>(out: &mut Vec<&'a Value>, response: &'a Value) {
    if response.get("$ref").is_some() {
        return;
    }
    for h in response.get("headers").into_iter().flat_map(Value::members) {
        push_with_items(out, &h.value);
    }
}

fn push_with_items<'a>(out: &mut Vec<&'a Value>, node: &'a Value) {
    let mut current = Some(node);
    let mut guard = 0;
    while let Some(n) = current.filter(|n| n.as_object().is_some()) {
        out.push(n);
        guard += 1;
        if guard > 64 {
            break;
        }
        current = n.get("items");
    }
}

/// Every schema root: those of the index, plus the `x-ms-notification-content` schemas
/// written at path-item level (next to the webhook operation, as Microsoft's webhook
/// example does), which the index does not list.
pub(crate) fn schema_roots<'a>(sw: &SwaggerIndex<'a>) -> Vec<SchemaRoot<'a>> {
    // The index includes path-item notification schemas.
    sw.schemas.clone()
}

/// The schema of a path item's own `x-ms-notification-content`.
pub(crate) fn path_notification_schema(path_item: &Value) -> Option<&Value> {
    path_item
        .get("x-ms-notification-content")
        .and_then(|n| n.get("schema"))
        .filter(|s| s.as_object().is_some())
}

/// Calls `f(node, depth, root)` for every schema node of every schema root (each node once:
/// `$ref`s are not followed).
pub(crate) fn for_each_schema_node<'a>(
    sw: &SwaggerIndex<'a>,
    f: &mut impl FnMut(&'a Value, usize, &SchemaRoot<'a>),
) {
    let nodes = sw.shared.schema_nodes.get_or_init(|| {
        let mut out = Vec::new();
        for (i, root) in sw.schemas.iter().enumerate() {
            walk(root.node, &mut |node, depth| out.push((node, depth, i)));
        }
        out
    });
    for &(node, depth, i) in nodes {
        f(node, depth, &sw.schemas[i]);
    }
}

/// Every string `$ref` of the document as `(site, holder, value)`, computed once per
/// connector (see [`for_each_ref`]).
pub(crate) fn refs<'s, 'a>(sw: &'s SwaggerIndex<'a>) -> &'s [(RefSite, &'a Value, &'a Value)] {
    sw.shared.refs.get_or_init(|| {
        let mut out = Vec::new();
        for_each_ref(sw.root(), &mut |site, holder, value| out.push((site, holder, value)));
        out
    })
}

/// Calls `f(node, depth)` for `root` and every schema nested in it (`properties` members,
/// `items`, `additionalProperties`, `allOf`/`anyOf`/`oneOf` members, `not`), depth first in
/// member order, without following `$ref`: the same visit as
/// [`switchboard_model::swagger::walk_schema`], without allocating per node (these rules
/// walk every schema of the corpus many times).
pub(crate) fn walk<'a>(root: &'a Value, f: &mut impl FnMut(&'a Value, usize)) {
    fn go<'a>(node: &'a Value, depth: usize, f: &mut impl FnMut(&'a Value, usize)) {
        f(node, depth);
        if depth > switchboard_model::json::MAX_DEPTH {
            return;
        }
        for m in node.members() {
            match m.key.as_str() {
                "properties" => {
                    for p in m.value.members() {
                        if p.value.as_object().is_some() {
                            go(&p.value, depth + 1, f);
                        }
                    }
                }
                "items" | "allOf" | "anyOf" | "oneOf" if m.value.as_array().is_some() => {
                    for item in m.value.items().filter(|v| v.as_object().is_some()) {
                        go(item, depth + 1, f);
                    }
                }
                "items" | "additionalProperties" | "not" if m.value.as_object().is_some() => {
                    go(&m.value, depth + 1, f);
                }
                _ => {}
            }
        }
    }
    if root.as_object().is_some() {
        go(root, 0, f);
    }
}

/// Structural equality of two JSON values, ignoring spans; numbers compare by value.
pub(crate) fn json_eq(left: &Value, right: &Value) -> bool {
    match (&left.kind, &right.kind) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool(l), Kind::Bool(r)) => l == r,
        (Kind::Number(l), Kind::Number(r)) => {
            l == r || matches!((left.as_f64(), right.as_f64()), (Some(lf), Some(rf)) if lf == rf)
        }
        (Kind::String(l), Kind::String(r)) => l == r,
        (Kind::Array(l), Kind::Array(r)) => {
            l.len() == r.len() && l.iter().zip(r).all(|(li, ri)| json_eq(li, ri))
        }
        (Kind::Object(l), Kind::Object(r)) => {
            l.members.len() == r.members.len()
                && l.members.iter().all(|m| r.get(&m.key).is_some_and(|v| json_eq(&m.value, v)))
        }
        _ => false,
    }
}

/// A short rendering of a scalar JSON value for messages (`"abc"`, `3`, `true`, `null`).
pub(crate) fn show(v: &Value) -> String {
    match &v.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => b.to_string(),
        Kind::Number(n) => n.to_string(),
        Kind::String(s) => format!("'{s}'"),
        Kind::Array(_) => "an array".into(),
        Kind::Object(_) => "an object".into(),
    }
}

/// Whether a JSON value is of the Swagger primitive `type` (`string`, `integer`, …); `None`
/// for types this cannot judge (`file`, unknown names).
pub(crate) fn matches_type(v: &Value, ty: &str) -> Option<bool> {
    Some(match ty {
        "string" => v.as_str().is_some(),
        "integer" => v.as_number_text().is_some() && v.is_integer(),
        "number" => v.as_number_text().is_some(),
        "boolean" => v.as_bool().is_some(),
        "array" => v.as_array().is_some(),
        "object" => v.as_object().is_some(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_targets() {
        assert_eq!(direct_target("#/definitions/Pet"), Some((Section::Definitions, "Pet".into())));
        assert_eq!(direct_target("#/definitions/A~1B"), Some((Section::Definitions, "A/B".into())));
        assert_eq!(
            direct_target("#/parameters/My%20Param"),
            Some((Section::Parameters, "My Param".into()))
        );
        assert_eq!(direct_target("#/definitions/Pet/properties/id"), None);
        assert_eq!(direct_target("#/paths/x"), None);
        assert_eq!(direct_target("other.json#/definitions/Pet"), None);
        assert_eq!(direct_target("#definitions/Pet"), None);
    }

    #[test]
    fn equality_ignores_spans_and_number_spelling() {
        let a: Value = serde_json::json!({"a": [1, "x"], "b": null}).into();
        let b: Value = serde_json::json!({"b": null, "a": [1.0, "x"]}).into();
        assert!(json_eq(&a, &b));
        let c: Value = serde_json::json!({"a": [1, "y"], "b": null}).into();
        assert!(!json_eq(&a, &c));
    }

    /// Every rule of this group and of `extensions` on a document whose values have the
    /// wrong JSON types everywhere: no panic, and findings only where something is judged.
    #[test]
    fn rules_survive_mistyped_values() {
        use crate::test_support::{Fixture, check};
        let patch = serde_json::json!({
            "tags": [1, {"name": 2}, {"name": "a"}, {"name": "a"}],
            "x-ms-capabilities": {"file-picker": [], "testConnection": "x"},
            "parameters": {"p": [], "q": {"$ref": 7}, "r": {"in": "query", "type": "array", "items": [1]}},
            "responses": {"r": 3},
            "paths": {
                "/tasks/{taskId}": {"parameters": {"x": 1}, "x-ms-notification-content": [], "get": {
                    "parameters": [3, {"in": "body", "schema": []}, {"$ref": 4}],
                    "responses": [],
                    "x-ms-pageable": [],
                    "x-ms-notification": "CreateTask",
                    "x-ms-trigger": 5
                }},
                "/tasks": {"post": {"responses": {"201": {"schema": {"$ref": "#/definitions/B"}}},
                    "x-ms-notification-content": {"schema": 5}}}
            },
            "definitions": {
                "A": [],
                "B": {"properties": [], "required": "x", "enum": {}, "items": 5, "allOf": {}, "$ref": 5,
                    "x-ms-enum-values": {}, "discriminator": 3, "pattern": 4, "minimum": "1", "maximum": [],
                    "x-ms-dynamic-values": "GetTask", "x-ms-dynamic-list": {"operationId": 3},
                    "x-ms-dynamic-schema": {"value-path": 2, "parameters": []}, "x-ms-capabilities": 2,
                    "x-ms-notification-url": "true", "x-ms-editor": 1, "type": {"a": 1}},
                "C": {"properties": {"a": {"$ref": "#/definitions/C"}, "b": {"x-ms-dynamic-values": {
                    "operationId": "GetTask", "value-collection": 5, "value-path": [], "parameters": {"x": {"parameter": 1}}}}}}
            }
        });
        let connector = Fixture::new().swagger(patch).build();
        let rules = super::super::RULES.iter().chain(crate::rules::extensions::RULES.iter());
        let mut codes = Vec::new();
        for rule in rules {
            codes.extend(check(*rule, &connector).into_iter().map(|d| d.code));
        }
        assert!(
            codes.iter().any(|c| c == "SW166"),
            "the repeated tag 'a' is still found: {codes:?}"
        );
        assert!(codes.iter().any(|c| c == "SW134"), "the recursive C is still found: {codes:?}");
    }
}
