//! JSON Schema validation behind SCH001/SCH002: the repository schemas of
//! microsoft/PowerPlatformConnectors (`schemas/apiDefinition.swagger.schema.json`, draft-04,
//! and `schemas/paconn-apiProperties.schema.json`, draft-07), found by walking up from the
//! connector's folder as in a checkout of that repository, loaded and compiled once per
//! process.
//!
//! The validator is written here rather than taken from a crate: the `jsonschema` crate (even
//! without default features) roughly doubles a clean release build of the CLI on a 2-core
//! machine, and validating our spanned tree directly avoids converting every swagger into a
//! `serde_json::Value`. It implements the keywords the two schemas use — `$ref` (local, and
//! the draft-04 meta-schema definitions the swagger schema refers to), `type`, `enum`,
//! `const`, `required`, `properties`, `patternProperties`, `additionalProperties`, `items`,
//! `additionalItems`, `minItems`, `maxItems`, `uniqueItems`, `minProperties`,
//! `maxProperties`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum` (with draft-04
//! boolean and draft-07 numeric exclusive bounds), `multipleOf`, `allOf`, `anyOf`, `oneOf`,
//! `not` — and, like most validators by default, treats `format` as an annotation. Other
//! keywords are ignored. Patterns are ECMA-262; the one construct the regex crate lacks, a
//! negative lookahead `(?!…)` after an anchored prefix (`^x-(?!ms-)`), is evaluated as "the
//! pattern without it matches and the prefix followed by its content does not".

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;
use switchboard_model::json::{Kind, Value};
use switchboard_model::{Origin, Span};

use crate::Context;

/// The swagger schema's file name in the repository's `schemas/` folder.
pub(super) const SWAGGER_SCHEMA: &str = "apiDefinition.swagger.schema.json";
/// The apiProperties schema's file name in the repository's `schemas/` folder.
pub(super) const PROPERTIES_SCHEMA: &str = "paconn-apiProperties.schema.json";
/// Findings per file beyond which the rest are summarised in one diagnostic.
const MAX_PER_FILE: usize = 25;
/// The message for a value matching a `not` schema (reported only when nothing more specific
/// is said about the same value).
const NOT_MESSAGE: &str = "The value has a form that is not allowed here";
/// The base URI of the draft-04 meta-schema, whose definitions the swagger schema reuses.
const DRAFT4: &str = "http://json-schema.org/draft-04/schema#";

/// The parts of the draft-04 meta-schema (json-schema.org) that schemas reference.
const DRAFT4_FRAGMENTS: &str = r##"{
    "definitions": {
        "positiveInteger": {"type": "integer", "minimum": 0},
        "positiveIntegerDefault0": {"allOf": [{"$ref": "#/definitions/positiveInteger"}, {"default": 0}]},
        "simpleTypes": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]},
        "stringArray": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true}
    },
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "default": {},
        "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
        "maximum": {"type": "number"},
        "exclusiveMaximum": {"type": "boolean", "default": false},
        "minimum": {"type": "number"},
        "exclusiveMinimum": {"type": "boolean", "default": false},
        "maxLength": {"$ref": "#/definitions/positiveInteger"},
        "minLength": {"$ref": "#/definitions/positiveIntegerDefault0"},
        "pattern": {"type": "string", "format": "regex"},
        "maxItems": {"$ref": "#/definitions/positiveInteger"},
        "minItems": {"$ref": "#/definitions/positiveIntegerDefault0"},
        "uniqueItems": {"type": "boolean", "default": false},
        "required": {"$ref": "#/definitions/stringArray"},
        "enum": {"type": "array", "minItems": 1, "uniqueItems": true},
        "type": {"anyOf": [
            {"$ref": "#/definitions/simpleTypes"},
            {"type": "array", "items": {"$ref": "#/definitions/simpleTypes"}, "minItems": 1, "uniqueItems": true}
        ]}
    }
}"##;

/// A compiled `pattern` or `patternProperties` key.
enum Pattern {
    /// `^literal`: a prefix test.
    Prefix(String),
    /// `^literal(?!literal)`: a prefix that must not continue with the second literal.
    PrefixNot(String, String),
    Regex(Regex),
    /// `prefix(?!neg)rest`: `pos` is `prefix rest`, `neg` is `prefix neg`.
    Lookahead {
        pos: Regex,
        neg: Regex,
    },
    /// A pattern the regex engine cannot compile: not enforced.
    Unsupported,
}

/// The literal after `^` when `p` is `^` followed by plain characters only.
fn literal_prefix(p: &str) -> Option<&str> {
    let lit = p.strip_prefix('^')?;
    lit.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/').then_some(lit)
}

impl Pattern {
    fn compile(p: &str) -> Pattern {
        if let Some(lit) = literal_prefix(p) {
            return Pattern::Prefix(lit.to_string());
        }
        if let Ok(r) = Regex::new(p) {
            return Pattern::Regex(r);
        }
        if let Some(start) = p.find("(?!")
            && let Some(len) = p[start + 3..].find(')')
        {
            let prefix = &p[..start];
            let neg = &p[start + 3..start + 3 + len];
            let rest = &p[start + 3 + len + 1..];
            if rest.is_empty()
                && let Some(lit) = literal_prefix(prefix)
                && literal_prefix(&format!("^{neg}")).is_some()
            {
                return Pattern::PrefixNot(lit.to_string(), format!("{lit}{neg}"));
            }
            if let (Ok(pos), Ok(neg)) =
                (Regex::new(&format!("{prefix}{rest}")), Regex::new(&format!("{prefix}{neg}")))
            {
                return Pattern::Lookahead { pos, neg };
            }
        }
        Pattern::Unsupported
    }

    fn is_match(&self, s: &str) -> bool {
        match self {
            Pattern::Prefix(p) => s.starts_with(p.as_str()),
            Pattern::PrefixNot(p, n) => s.starts_with(p.as_str()) && !s.starts_with(n.as_str()),
            Pattern::Regex(r) => r.is_match(s),
            Pattern::Lookahead { pos, neg } => pos.is_match(s) && !neg.is_match(s),
            Pattern::Unsupported => true,
        }
    }
}

type NodeId = usize;

const T_OBJECT: u8 = 1;
const T_ARRAY: u8 = 2;
const T_STRING: u8 = 4;
const T_NUMBER: u8 = 8;
const T_INTEGER: u8 = 16;
const T_BOOLEAN: u8 = 32;
const T_NULL: u8 = 64;
const TYPE_NAMES: [(u8, &str); 7] = [
    (T_OBJECT, "an object"),
    (T_ARRAY, "an array"),
    (T_STRING, "a string"),
    (T_NUMBER, "a number"),
    (T_INTEGER, "an integer"),
    (T_BOOLEAN, "a boolean"),
    (T_NULL, "null"),
];

/// What `additionalProperties` allows.
#[derive(Clone, Copy, Default)]
enum Additional {
    #[default]
    Any,
    Forbidden,
    Schema(NodeId),
}

/// One schema, with its keywords decoded and its references resolved.
#[derive(Default)]
struct Node {
    /// `false` as a schema: nothing is valid.
    reject_all: bool,
    /// A resolved `$ref` (the node's other keywords are ignored, as drafts 4 and 7 say).
    reference: Option<NodeId>,
    /// Allowed types as a bit set; 0 when `type` is absent.
    types: u8,
    enumeration: Option<Vec<Value>>,
    constant: Option<Value>,
    required: Vec<String>,
    min_properties: Option<f64>,
    max_properties: Option<f64>,
    /// Sorted by name.
    properties: Vec<(String, NodeId)>,
    pattern_properties: Vec<(usize, NodeId)>,
    additional: Additional,
    items: Option<NodeId>,
    tuple: Vec<NodeId>,
    additional_items: Option<NodeId>,
    min_items: Option<f64>,
    max_items: Option<f64>,
    unique_items: bool,
    min_length: Option<f64>,
    max_length: Option<f64>,
    pattern: Option<(usize, String)>,
    minimum: Option<(f64, bool)>,
    maximum: Option<(f64, bool)>,
    multiple_of: Option<f64>,
    all_of: Vec<NodeId>,
    any_of: Vec<NodeId>,
    one_of: Vec<NodeId>,
    not: Option<NodeId>,
}

/// A compiled schema: its nodes (node 0 is the root) and patterns.
pub(super) struct CompiledSchema {
    nodes: Vec<Node>,
    patterns: Vec<Pattern>,
}

struct Compiler<'d> {
    docs: [&'d Value; 2],
    /// The schema's own base URI (`id`/`$id`), so absolute references to itself resolve.
    base: String,
    nodes: Vec<Node>,
    /// Schema values already compiled, by address (the documents do not move while compiling).
    memo: HashMap<usize, NodeId>,
    patterns: Vec<Pattern>,
    pattern_ids: HashMap<String, usize>,
}

impl<'d> Compiler<'d> {
    fn pattern(&mut self, p: &str) -> usize {
        if let Some(&id) = self.pattern_ids.get(p) {
            return id;
        }
        self.patterns.push(Pattern::compile(p));
        self.pattern_ids.insert(p.to_string(), self.patterns.len() - 1);
        self.patterns.len() - 1
    }

    fn resolve(&self, from: usize, reference: &str) -> Option<(usize, &'d Value)> {
        let (doc, pointer) = if let Some(p) = reference.strip_prefix('#') {
            (from, p)
        } else if let Some(p) = reference.strip_prefix(DRAFT4) {
            (1, p)
        } else if !self.base.is_empty()
            && let Some(rest) = reference.strip_prefix(self.base.as_str())
        {
            (0, rest.strip_prefix('#').unwrap_or(rest))
        } else {
            return None;
        };
        Some((doc, switchboard_model::json::pointer::resolve(self.docs[doc], pointer)?))
    }

    fn list(&mut self, doc: usize, v: Option<&Value>) -> Vec<NodeId> {
        v.into_iter().flat_map(Value::items).map(|s| self.compile(doc, s)).collect()
    }

    fn compile(&mut self, doc: usize, v: &Value) -> NodeId {
        let address = std::ptr::from_ref(v) as usize;
        if let Some(&id) = self.memo.get(&address) {
            return id;
        }
        let id = self.nodes.len();
        self.nodes.push(Node::default());
        self.memo.insert(address, id);
        let mut n = Node::default();
        if v.as_bool() == Some(false) {
            n.reject_all = true;
        }
        if v.as_object().is_none() {
            self.nodes[id] = n;
            return id;
        }
        if let Some(r) = v.get_str("$ref") {
            // An unresolvable reference accepts anything (an empty node).
            if let Some((target_doc, target)) = self.resolve(doc, r) {
                n.reference = Some(self.compile(target_doc, target));
            }
            self.nodes[id] = n;
            return id;
        }
        let num = |k: &str| v.get(k).and_then(Value::as_f64);
        n.types = match v.get("type").map(|t| &t.kind) {
            Some(Kind::String(t)) => type_bit(t),
            Some(Kind::Array(ts)) => {
                ts.iter().filter_map(Value::as_str).map(type_bit).fold(0, |a, b| a | b)
            }
            _ => 0,
        };
        if n.types & 0x80 != 0 {
            n.types = 0; // an unknown type name: not enforced
        }
        n.enumeration = v.get_array("enum").map(<[Value]>::to_vec);
        n.constant = v.get("const").cloned();
        n.required = v
            .get("required")
            .into_iter()
            .flat_map(Value::items)
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        n.min_properties = num("minProperties");
        n.max_properties = num("maxProperties");
        let mut properties: Vec<(String, NodeId)> = Vec::new();
        for m in v.get("properties").into_iter().flat_map(Value::members) {
            let child = self.compile(doc, &m.value);
            properties.push((m.key.to_string(), child));
        }
        properties.sort_by(|a, b| a.0.cmp(&b.0));
        n.properties = properties;
        for m in v.get("patternProperties").into_iter().flat_map(Value::members) {
            let p = self.pattern(&m.key);
            let child = self.compile(doc, &m.value);
            n.pattern_properties.push((p, child));
        }
        n.additional = match v.get("additionalProperties") {
            Some(a) if a.as_bool() == Some(false) => Additional::Forbidden,
            Some(a) if a.as_object().is_some() => Additional::Schema(self.compile(doc, a)),
            _ => Additional::Any,
        };
        match v.get("items") {
            Some(items) if items.as_array().is_some() => n.tuple = self.list(doc, Some(items)),
            Some(items) => n.items = Some(self.compile(doc, items)),
            None => {}
        }
        n.additional_items = v.get("additionalItems").map(|a| self.compile(doc, a));
        n.min_items = num("minItems");
        n.max_items = num("maxItems");
        n.unique_items = v.get_bool("uniqueItems") == Some(true);
        n.min_length = num("minLength");
        n.max_length = num("maxLength");
        n.pattern = v.get_str("pattern").map(|p| (self.pattern(p), p.to_string()));
        // Draft-04 exclusive bounds are booleans next to minimum/maximum; draft-07's are numbers.
        n.minimum =
            match (num("minimum"), v.get("exclusiveMinimum").map(|e| (e.as_bool(), e.as_f64()))) {
                (Some(m), Some((Some(true), _))) => Some((m, true)),
                (_, Some((_, Some(e)))) => Some((e, true)),
                (Some(m), _) => Some((m, false)),
                _ => None,
            };
        n.maximum =
            match (num("maximum"), v.get("exclusiveMaximum").map(|e| (e.as_bool(), e.as_f64()))) {
                (Some(m), Some((Some(true), _))) => Some((m, true)),
                (_, Some((_, Some(e)))) => Some((e, true)),
                (Some(m), _) => Some((m, false)),
                _ => None,
            };
        n.multiple_of = num("multipleOf").filter(|m| *m > 0.0);
        n.all_of = self.list(doc, v.get("allOf"));
        n.any_of = self.list(doc, v.get("anyOf"));
        n.one_of = self.list(doc, v.get("oneOf"));
        n.not = v.get("not").map(|x| self.compile(doc, x));
        self.nodes[id] = n;
        id
    }
}

fn type_bit(name: &str) -> u8 {
    match name {
        "object" => T_OBJECT,
        "array" => T_ARRAY,
        "string" => T_STRING,
        "number" => T_NUMBER,
        "integer" => T_INTEGER,
        "boolean" => T_BOOLEAN,
        "null" => T_NULL,
        _ => 0x80,
    }
}

fn instance_type(v: &Value) -> u8 {
    match &v.kind {
        Kind::Object(_) => T_OBJECT,
        Kind::Array(_) => T_ARRAY,
        Kind::String(_) => T_STRING,
        Kind::Number(_) if v.is_integer() => T_NUMBER | T_INTEGER,
        Kind::Number(_) => T_NUMBER,
        Kind::Bool(_) => T_BOOLEAN,
        Kind::Null => T_NULL,
    }
}

fn type_names(mask: u8) -> String {
    TYPE_NAMES
        .iter()
        .filter(|(bit, _)| mask & bit != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(" or ")
}

impl CompiledSchema {
    /// Compiles a schema from its bytes (JSON with comments).
    pub(super) fn compile(bytes: &[u8]) -> Option<CompiledSchema> {
        let root = switchboard_model::json::parse(bytes).root?;
        let meta = switchboard_model::json::parse(DRAFT4_FRAGMENTS.as_bytes()).root?;
        let base = root.get_str("$id").or_else(|| root.get_str("id")).unwrap_or_default();
        let base = base.split('#').next().unwrap_or_default().to_string();
        let mut c = Compiler {
            docs: [&root, &meta],
            base,
            nodes: Vec::new(),
            memo: HashMap::new(),
            patterns: Vec::new(),
            pattern_ids: HashMap::new(),
        };
        c.compile(0, &root);
        Some(CompiledSchema { nodes: c.nodes, patterns: c.patterns })
    }

    /// Validates `instance`, returning the violations sorted by position.
    pub(super) fn validate(&self, instance: &Value) -> Vec<Violation> {
        let mut out = Vec::new();
        let v = Validator { schema: self };
        v.check(0, instance, 0, 0, Some(&mut out));
        out.sort_by_key(|e| (e.span.start, e.span.end));
        out.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        let spans: Vec<Span> =
            out.iter().filter(|e| e.message != NOT_MESSAGE).map(|e| e.span).collect();
        out.retain(|e| e.message != NOT_MESSAGE || !spans.contains(&e.span));
        out
    }
}

/// One schema violation.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Violation {
    /// What to point at: the offending value, or the key of a member that is not allowed.
    pub span: Span,
    /// One sentence.
    pub message: String,
    kind: ErrorKind,
    depth: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// The value has the wrong JSON type.
    Type,
    /// The value is not the one value allowed (`enum` of one, `const`).
    Discriminator,
    Other,
}

struct Validator<'s> {
    schema: &'s CompiledSchema,
}

type Sink<'o> = Option<&'o mut Vec<Violation>>;

impl Validator<'_> {
    /// Whether `inst` is valid against node `id`; with a sink, collects every violation
    /// instead of stopping at the first. `hops` counts `$ref`s followed without descending
    /// into the instance (a guard against reference cycles).
    fn check(&self, id: NodeId, inst: &Value, depth: u32, hops: u32, mut out: Sink<'_>) -> bool {
        let Some(s) = self.schema.nodes.get(id) else { return true };
        if hops > 32 {
            return true;
        }
        if s.reject_all {
            push(
                &mut out,
                inst.span,
                "No value is allowed here".to_string(),
                ErrorKind::Other,
                depth,
            );
            return false;
        }
        if let Some(target) = s.reference {
            return self.check(target, inst, depth, hops + 1, out);
        }
        let mut ok = true;
        macro_rules! fail {
            ($span:expr, $kind:expr, $($msg:tt)*) => {{
                ok = false;
                if out.is_none() {
                    return false;
                }
                push(&mut out, $span, format!($($msg)*), $kind, depth);
            }};
        }
        macro_rules! sub {
            ($node:expr, $inst:expr, $depth:expr, $hops:expr) => {{
                if !self.check($node, $inst, $depth, $hops, out.as_deref_mut()) {
                    ok = false;
                    if out.is_none() {
                        return false;
                    }
                }
            }};
        }

        if s.types != 0 && s.types & instance_type(inst) == 0 {
            // The other keywords would only repeat it. The message is built only when it is
            // collected: validity checks of `anyOf`/`oneOf` branches fail here very often.
            if out.is_some() {
                let message = format!(
                    "The value must be {}, not {}",
                    type_names(s.types),
                    inst.json_type().article_name()
                );
                push(&mut out, inst.span, message, ErrorKind::Type, depth);
            }
            return false;
        }
        if let Some(allowed) = &s.enumeration
            && !allowed.iter().any(|a| json_eq(a, inst))
        {
            // A single allowed value (`"in": {"enum": ["query"]}`) tells alternatives apart.
            let kind = if allowed.len() == 1 { ErrorKind::Discriminator } else { ErrorKind::Other };
            fail!(
                inst.span,
                kind,
                "{} is not one of the allowed values: {}",
                show(inst),
                list(allowed)
            );
        }
        if let Some(c) = &s.constant
            && !json_eq(c, inst)
        {
            fail!(inst.span, ErrorKind::Discriminator, "The value must be {}", show(c));
        }

        match &inst.kind {
            Kind::Object(o) => {
                for name in &s.required {
                    if o.get(name).is_none() {
                        fail!(inst.span, ErrorKind::Other, "The '{name}' property is required.");
                    }
                }
                let n = count(o.len());
                if let Some(min) = s.min_properties
                    && n < min
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The object must have at least {min} member(s)"
                    );
                }
                if let Some(max) = s.max_properties
                    && n > max
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The object must have at most {max} member(s)"
                    );
                }
                for m in &o.members {
                    let mut matched = false;
                    if let Ok(i) =
                        s.properties.binary_search_by(|(k, _)| k.as_str().cmp(m.key.as_str()))
                    {
                        matched = true;
                        sub!(s.properties[i].1, &m.value, depth + 1, 0);
                    }
                    for &(p, node) in &s.pattern_properties {
                        if self.schema.patterns.get(p).is_none_or(|p| p.is_match(&m.key)) {
                            matched = true;
                            sub!(node, &m.value, depth + 1, 0);
                        }
                    }
                    if matched {
                        continue;
                    }
                    match s.additional {
                        Additional::Forbidden => {
                            fail!(
                                m.key_span,
                                ErrorKind::Other,
                                "Property '{}' is not allowed here",
                                m.key
                            );
                        }
                        Additional::Schema(node) => sub!(node, &m.value, depth + 1, 0),
                        Additional::Any => {}
                    }
                }
            }
            Kind::Array(items) => {
                let n = count(items.len());
                if let Some(min) = s.min_items
                    && n < min
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "The array must have at least {min} item(s)"
                    );
                }
                if let Some(max) = s.max_items
                    && n > max
                {
                    fail!(inst.span, ErrorKind::Other, "The array must have at most {max} item(s)");
                }
                if s.unique_items
                    && let Some(dup) = first_duplicate(items)
                {
                    fail!(
                        items[dup].span,
                        ErrorKind::Other,
                        "Array items must be unique; {} repeats an earlier item",
                        show(&items[dup])
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    let node = match (s.items, s.tuple.get(i)) {
                        (Some(each), _) => Some(each),
                        (None, Some(&t)) => Some(t),
                        (None, None) if !s.tuple.is_empty() => s.additional_items,
                        _ => None,
                    };
                    if let Some(node) = node {
                        sub!(node, item, depth + 1, 0);
                    }
                }
            }
            Kind::String(text) => {
                if s.min_length.is_some() || s.max_length.is_some() {
                    let len = count(text.chars().count());
                    if let Some(min) = s.min_length
                        && len < min
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The string must be at least {min} character(s) long"
                        );
                    }
                    if let Some(max) = s.max_length
                        && len > max
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The string must be at most {max} character(s) long"
                        );
                    }
                }
                if let Some((p, source)) = &s.pattern
                    && self.schema.patterns.get(*p).is_some_and(|re| !re.is_match(text))
                {
                    fail!(
                        inst.span,
                        ErrorKind::Other,
                        "{} does not match the pattern '{source}'",
                        show(inst)
                    );
                }
            }
            Kind::Number(_) => {
                if let Some(x) = inst.as_f64() {
                    if let Some((min, exclusive)) = s.minimum
                        && (if exclusive { x <= min } else { x < min })
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The value must be {} {min}",
                            if exclusive { "greater than" } else { "at least" }
                        );
                    }
                    if let Some((max, exclusive)) = s.maximum
                        && (if exclusive { x >= max } else { x > max })
                    {
                        fail!(
                            inst.span,
                            ErrorKind::Other,
                            "The value must be {} {max}",
                            if exclusive { "less than" } else { "at most" }
                        );
                    }
                    if let Some(m) = s.multiple_of
                        && ((x / m) - (x / m).round()).abs() > 1e-9
                    {
                        fail!(inst.span, ErrorKind::Other, "The value must be a multiple of {m}");
                    }
                }
            }
            _ => {}
        }

        for &node in &s.all_of {
            sub!(node, inst, depth, hops);
        }
        for (branches, exactly_one) in [(&s.any_of, false), (&s.one_of, true)] {
            if branches.is_empty() {
                continue;
            }
            // `anyOf` needs one valid branch, `oneOf` needs to know whether there is a second.
            let valid = branches
                .iter()
                .filter(|&&b| self.check(b, inst, depth, hops, None))
                .take(if exactly_one { 2 } else { 1 })
                .count();
            if valid == 0 {
                ok = false;
                if out.is_none() {
                    return false;
                }
                self.explain_branches(branches, inst, depth, hops, &mut out);
            } else if exactly_one && valid > 1 {
                fail!(
                    inst.span,
                    ErrorKind::Other,
                    "The value matches more than one of the allowed forms"
                );
            }
        }
        if let Some(not) = s.not
            && self.check(not, inst, depth, hops, None)
        {
            let forbidden_value =
                self.schema.nodes.get(not).is_some_and(|n| n.enumeration.is_some());
            if forbidden_value {
                fail!(inst.span, ErrorKind::Other, "{} is not allowed here", show(inst));
            } else {
                fail!(inst.span, ErrorKind::Other, "{NOT_MESSAGE}");
            }
        }
        ok
    }

    /// Reports why no branch of an `anyOf`/`oneOf` matched: the violations of the branch the
    /// value was most likely meant to match — the one whose discriminating keywords (the
    /// value's type, the single allowed value of a direct member such as `"in": "query"`) it
    /// satisfies, with the fewest violations about the value itself and its direct members,
    /// then the fewest overall — or one summary violation when every branch is ruled out.
    fn explain_branches(
        &self,
        branches: &[NodeId],
        inst: &Value,
        depth: u32,
        hops: u32,
        out: &mut Sink<'_>,
    ) {
        // Candidates are ranked by how many violations concern the value itself or its direct
        // members (a branch whose top-level shape fits has few), then by their total.
        let mut best: Option<((usize, usize), Vec<Violation>)> = None;
        for &b in branches {
            let mut errors = Vec::new();
            self.check(b, inst, depth, hops, Some(&mut errors));
            let ruled_out = errors.iter().any(|e| {
                (e.kind == ErrorKind::Type && e.depth == depth)
                    || (e.kind == ErrorKind::Discriminator && e.depth == depth + 1)
            });
            if ruled_out || errors.is_empty() {
                continue;
            }
            let shallow = errors.iter().filter(|e| e.depth <= depth + 1).count();
            let score = (shallow, errors.len());
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, errors));
            }
        }
        match best {
            Some((_, errors)) => {
                if let Some(out) = out.as_deref_mut() {
                    out.extend(errors);
                }
            }
            None => push(
                out,
                inst.span,
                "The value matches none of the allowed forms".to_string(),
                ErrorKind::Other,
                depth,
            ),
        }
    }
}

/// A count as a number, for comparison with schema bounds.
fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

fn push(out: &mut Sink<'_>, span: Span, message: String, kind: ErrorKind, depth: u32) {
    if let Some(out) = out.as_deref_mut() {
        out.push(Violation { span, message, kind, depth });
    }
}

/// The index of the first item equal to an earlier one. Arrays of strings (`enum`, `required`
/// lists run to hundreds of values) are checked with a set instead of comparing every pair.
fn first_duplicate(items: &[Value]) -> Option<usize> {
    if items.len() > 8 && items.iter().all(|v| v.as_str().is_some()) {
        // For strings `json_eq` is plain string equality, so a set gives the same answer.
        let mut seen = HashSet::with_capacity(items.len());
        return items.iter().position(|v| !seen.insert(v.as_str()));
    }
    (1..items.len()).find(|&i| items[..i].iter().any(|a| json_eq(a, &items[i])))
}

/// JSON equality (numbers by value, objects regardless of member order).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Number(_), Kind::Number(_)) => a.as_f64() == b.as_f64(),
        (Kind::String(x), Kind::String(y)) => x == y,
        (Kind::Array(x), Kind::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Kind::Object(x), Kind::Object(y)) => {
            x.len() == y.len()
                && x.members.iter().all(|m| y.get(&m.key).is_some_and(|v| json_eq(&m.value, v)))
        }
        _ => false,
    }
}

/// A short rendering of a value for messages.
fn show(v: &Value) -> String {
    match &v.kind {
        Kind::String(s) if s.chars().count() > 60 => {
            format!("'{}…'", s.chars().take(60).collect::<String>())
        }
        Kind::String(s) => format!("'{s}'"),
        Kind::Number(n) => n.to_string(),
        Kind::Bool(b) => b.to_string(),
        Kind::Null => "null".to_string(),
        Kind::Array(_) => "an array".to_string(),
        Kind::Object(_) => "an object".to_string(),
    }
}

fn list(values: &[Value]) -> String {
    let mut shown: Vec<String> = values.iter().take(8).map(show).collect();
    if values.len() > 8 {
        shown.push(format!("… ({} in all)", values.len()));
    }
    shown.join(", ")
}

/// Compiled schemas by file path (`None`: not found or not loadable), and the schema each
/// directory resolves to by walking up.
struct Cache {
    files: HashMap<PathBuf, Option<Arc<CompiledSchema>>>,
    dirs: HashMap<(PathBuf, &'static str), Option<Arc<CompiledSchema>>>,
}

static CACHE: LazyLock<Mutex<Cache>> =
    LazyLock::new(|| Mutex::new(Cache { files: HashMap::new(), dirs: HashMap::new() }));

/// The schema `file` in the nearest `schemas/` folder at or above the connector's folder.
pub(super) fn find_schema(origin: &Origin, file: &'static str) -> Option<Arc<CompiledSchema>> {
    let start = match origin {
        Origin::Folder(dir) => dir.as_path(),
        Origin::Zip(p) | Origin::DefinitionFile(p) => p.parent()?,
    };
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    lookup_dir(&mut cache, &start, file)
}

fn lookup_dir(cache: &mut Cache, dir: &Path, file: &'static str) -> Option<Arc<CompiledSchema>> {
    let key = (dir.to_path_buf(), file);
    if let Some(hit) = cache.dirs.get(&key) {
        return hit.clone();
    }
    let candidate = dir.join("schemas").join(file);
    let found = if candidate.is_file() {
        cache
            .files
            .entry(candidate.clone())
            .or_insert_with(|| {
                std::fs::read(&candidate)
                    .ok()
                    .and_then(|b| CompiledSchema::compile(&b))
                    .map(Arc::new)
            })
            .clone()
    } else {
        match dir.parent() {
            Some(parent) if parent != dir && !parent.as_os_str().is_empty() => {
                lookup_dir(cache, parent, file)
            }
            _ => None,
        }
    };
    cache.dirs.insert(key, found.clone());
    found
}

/// Which file a SCH rule validates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Swagger,
    Properties,
}

/// Validates the target file against its repository schema and reports each violation.
pub(super) fn report(cx: &mut Context<'_>, target: Target) {
    let connector = cx.connector();
    let (file, schema_name) = match target {
        Target::Swagger => (connector.swagger.as_ref().map(|f| &f.file), SWAGGER_SCHEMA),
        Target::Properties => (connector.properties.as_ref().map(|f| &f.file), PROPERTIES_SCHEMA),
    };
    let Some(file) = file else { return };
    let Some(root) = file.root() else { return };
    let Some(schema) = find_schema(&connector.origin, schema_name) else { return };
    let violations = schema.validate(root);
    for v in violations.iter().take(MAX_PER_FILE) {
        cx.report_in(&file.source, Some(root), v.span, v.message.clone())
            .set_help(format!("the repository schema schemas/{schema_name} is stricter than the platform; fix the file or ignore this warning if the platform accepts it"));
    }
    if let Some(next) = violations.get(MAX_PER_FILE) {
        let rest = violations.len() - MAX_PER_FILE;
        cx.report_in(
            &file.source,
            Some(root),
            next.span,
            format!("{rest} more violations of schemas/{schema_name} in this file"),
        );
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn compile(schema: &str) -> CompiledSchema {
        CompiledSchema::compile(schema.as_bytes()).unwrap()
    }

    fn errors(schema: &str, instance: &str) -> Vec<String> {
        let s = compile(schema);
        let file = switchboard_model::json::JsonFile::parse("x.json", instance.as_bytes().to_vec());
        let root = file.root().unwrap();
        s.validate(root)
            .into_iter()
            .map(|v| format!("{}: {}", file.pointer_of(v.span), v.message))
            .collect()
    }

    #[test]
    fn objects_properties_and_comments() {
        let schema = r#"{
            // comments are allowed in repository schemas
            "type": "object",
            "required": ["swagger"],
            "additionalProperties": false,
            "patternProperties": {"^x-(?!ms-)": {}},
            "properties": {
                "swagger": {"enum": ["2.0"]},
                "x-ms-visibility": {"type": "string", "enum": ["important", "advanced", "internal"]},
                "count": {"$ref": "http://json-schema.org/draft-04/schema#/definitions/positiveInteger"}
            }
        }"#;
        assert!(errors(schema, r#"{"swagger": "2.0", "x-foo": 1, "count": 3}"#).is_empty());
        assert_eq!(
            errors(schema, r#"{"x-ms-foo": 1, "x-ms-visibility": "Advanced", "count": -1}"#),
            [
                ": The 'swagger' property is required.",
                "/x-ms-foo: Property 'x-ms-foo' is not allowed here",
                "/x-ms-visibility: 'Advanced' is not one of the allowed values: 'important', 'advanced', 'internal'",
                "/count: The value must be at least 0",
            ]
        );
        assert_eq!(errors(schema, "[]"), [": The value must be an object, not an array"]);
    }

    #[test]
    fn one_of_reports_the_intended_branch() {
        let schema = r##"{
            "definitions": {
                "query": {"type": "object", "additionalProperties": false, "required": ["in"],
                          "properties": {"in": {"enum": ["query"]}, "name": {"type": "string"}}},
                "body": {"type": "object", "additionalProperties": false, "required": ["in", "schema"],
                         "properties": {"in": {"enum": ["body"]}, "schema": {"type": "object"}}}
            },
            "type": "array",
            "items": {"oneOf": [{"$ref": "#/definitions/body"}, {"$ref": "#/definitions/query"}]}
        }"##;
        assert!(
            errors(schema, r#"[{"in": "query", "name": "a"}, {"in": "body", "schema": {}}]"#)
                .is_empty()
        );
        assert_eq!(
            errors(schema, r#"[{"in": "query", "name": "a", "x-nullable": true}]"#),
            ["/0/x-nullable: Property 'x-nullable' is not allowed here"]
        );
        assert_eq!(
            errors(schema, r#"[{"in": "cookie"}]"#),
            ["/0: The value matches none of the allowed forms"]
        );
    }

    #[test]
    fn arrays_strings_and_numbers() {
        let schema = r#"{"type": "object", "properties": {
            "tags": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": "string", "pattern": "^[a-z]+$"}},
            "n": {"type": "integer", "maximum": 10, "exclusiveMaximum": true},
            "s": {"type": ["string", "null"], "minLength": 2},
            "c": {"const": true},
            "no": {"not": {"type": "string"}}
        }}"#;
        assert!(
            errors(schema, r#"{"tags": ["a", "b"], "n": 9, "s": null, "c": true, "no": 1}"#)
                .is_empty()
        );
        assert_eq!(
            errors(
                schema,
                r#"{"tags": ["a", "a", "B"], "n": 10, "s": "x", "c": false, "no": "x"}"#
            ),
            [
                "/tags/1: Array items must be unique; 'a' repeats an earlier item",
                "/tags/2: 'B' does not match the pattern '^[a-z]+$'",
                "/n: The value must be less than 10",
                "/s: The string must be at least 2 character(s) long",
                "/c: The value must be true",
                "/no: The value has a form that is not allowed here",
            ]
        );
        assert_eq!(
            errors(schema, r#"{"tags": [], "n": 1.5}"#),
            [
                "/tags: The array must have at least 1 item(s)",
                "/n: The value must be an integer, not a number"
            ]
        );
    }

    #[test]
    fn lookahead_patterns() {
        let p = Pattern::compile("^[0-9a-zA-Z_]+:(?!TenantId$)[0-9a-zA-Z_]+$");
        assert!(p.is_match("token:Other"));
        assert!(!p.is_match("token:TenantId"));
        let p = Pattern::compile("^x-(?!ms-)");
        assert!(p.is_match("x-foo"));
        assert!(!p.is_match("x-ms-foo"));
    }

    #[test]
    fn reference_cycles_end() {
        let schema = r##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##;
        assert!(errors(schema, "{}").is_empty());
    }

    /// Writes `schemas/<file>` under a fresh temporary folder and returns the folder.
    pub(in crate::rules::json) fn temp_repo(name: &str, file: &str, schema: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("switchboard-sch-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let schemas = dir.join("schemas");
        std::fs::create_dir_all(&schemas).unwrap();
        std::fs::create_dir_all(dir.join("certified-connectors").join("Taskforge")).unwrap();
        std::fs::write(schemas.join(file), schema).unwrap();
        dir
    }
}
