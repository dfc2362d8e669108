//! Compiling a JSON schema into nodes with decoded keywords and resolved references.

use std::collections::HashMap;

use regex::Regex;
use switchboard_model::json::{Kind, Value};

use super::{DRAFT4, DRAFT4_FRAGMENTS, optimize};
use crate::fast_hash::FastMap;

/// A compiled `pattern` or `patternProperties` key.
pub(super) enum Pattern {
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
    pub(super) fn compile(p: &str) -> Pattern {
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

    pub(super) fn is_match(&self, s: &str) -> bool {
        match self {
            Pattern::Prefix(p) => s.starts_with(p.as_str()),
            Pattern::PrefixNot(p, n) => s.starts_with(p.as_str()) && !s.starts_with(n.as_str()),
            Pattern::Regex(r) => r.is_match(s),
            Pattern::Lookahead { pos, neg } => pos.is_match(s) && !neg.is_match(s),
            Pattern::Unsupported => true,
        }
    }
}

pub(super) type NodeId = usize;

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
pub(super) enum Additional {
    #[default]
    Any,
    Forbidden,
    Schema(NodeId),
}

/// One schema, with its keywords decoded and its references resolved.
#[derive(Default)]
pub(super) struct Node {
    /// `false` as a schema: nothing is valid.
    pub(super) reject_all: bool,
    /// A resolved `$ref` (the node's other keywords are ignored, as drafts 4 and 7 say).
    pub(super) reference: Option<NodeId>,
    /// Allowed types as a bit set; 0 when `type` is absent.
    pub(super) types: u8,
    pub(super) enumeration: Option<Vec<Value>>,
    /// The `enum` values when they are all strings (compared without `json_eq`).
    pub(super) enum_strings: Option<Vec<String>>,
    pub(super) constant: Option<Value>,
    pub(super) required: Vec<String>,
    pub(super) min_properties: Option<f64>,
    pub(super) max_properties: Option<f64>,
    /// By name (a hash lookup per member of every object validated; a repeated name takes
    /// the last schema, as JSON parsers do).
    pub(super) properties: FastMap<String, NodeId>,
    pub(super) pattern_properties: Vec<(usize, NodeId)>,
    pub(super) additional: Additional,
    pub(super) items: Option<NodeId>,
    pub(super) tuple: Vec<NodeId>,
    pub(super) additional_items: Option<NodeId>,
    pub(super) min_items: Option<f64>,
    pub(super) max_items: Option<f64>,
    pub(super) unique_items: bool,
    pub(super) min_length: Option<f64>,
    pub(super) max_length: Option<f64>,
    pub(super) pattern: Option<(usize, String)>,
    pub(super) minimum: Option<(f64, bool)>,
    pub(super) maximum: Option<(f64, bool)>,
    pub(super) multiple_of: Option<f64>,
    pub(super) all_of: Vec<NodeId>,
    pub(super) any_of: Vec<NodeId>,
    pub(super) one_of: Vec<NodeId>,
    pub(super) not: Option<NodeId>,
}

/// A compiled schema: its nodes (node 0 is the root) and patterns.
pub(super) struct CompiledSchema {
    pub(super) nodes: Vec<Node>,
    pub(super) patterns: Vec<Pattern>,
    /// Per node, its types when it states nothing else (see [`optimize::type_only`]).
    pub(super) type_only: Vec<Option<u8>>,
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
        n.enum_strings = n.enumeration.as_ref().and_then(|values| {
            values.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()
        });
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
        let mut properties = FastMap::default();
        for m in v.get("properties").into_iter().flat_map(Value::members) {
            let child = self.compile(doc, &m.value);
            properties.insert(m.key.to_string(), child);
        }
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

pub(super) fn instance_type(v: &Value) -> u8 {
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

pub(super) fn type_names(mask: u8) -> String {
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
        let mut nodes = c.nodes;
        optimize::collapse_references(&mut nodes);
        let type_only = optimize::type_only(&nodes);
        Some(CompiledSchema { nodes, patterns: c.patterns, type_only })
    }
}
