//! Inputs and outputs of an operation as flat lists of fields keyed by value path, and their
//! alignment between two versions.
//!
//! Paths follow Microsoft's breaking-change detector: `operation/<opId>/parameter/<name>` for a
//! parameter, `…/parameter/<body>/schema/<prop>/…` for body properties,
//! `operation/<opId>/responses/<code | x-ms-notification-content>/schema/<prop>/…` for outputs,
//! `…/items` for array items. `$ref`s are followed (with `allOf` members merged into their
//! schema); a reference already being expanded on the current branch ends it (cycles), and
//! depth and field count are capped so that a wide graph of shared definitions cannot explode.

use std::collections::HashMap;

use switchboard_model::json::Value;
use switchboard_model::swagger::{Parameter, Swagger};

use super::side::OpEntry;

/// Deepest nesting of fields followed below a parameter or response.
const MAX_DEPTH: usize = 24;
/// Most fields collected for one operation's inputs or outputs.
const MAX_FIELDS: usize = 4000;

/// One input or output field: a parameter, a body or response property, an array's items.
#[derive(Clone, Debug)]
pub struct Field<'a> {
    /// The value path.
    pub path: String,
    /// Where it is declared (the parameter object, or the schema as written).
    pub node: &'a Value,
    /// `in` of a parameter; `None` for schema properties and outputs.
    pub location: Option<&'a str>,
    /// `type` (`object` when absent but properties are declared, `array` for `items`).
    pub type_name: Option<&'a str>,
    /// `format`.
    pub format: Option<&'a str>,
    /// `enum` values, as compact JSON.
    pub enum_values: Option<Vec<String>>,
    /// Required at its own level (`required: true`, or listed in the parent's `required`).
    pub required: bool,
    /// Required along the whole chain from the parameter down.
    pub chain_required: bool,
    /// `x-ms-visibility`.
    pub visibility: Option<&'a str>,
    /// Internal itself or below an internal parent.
    pub internal: bool,
    /// `default`.
    pub default: Option<&'a Value>,
    /// `x-ms-summary`.
    pub summary: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// Index of the parent field in the same list.
    pub parent: Option<usize>,
    /// Nesting below the parameter or response schema (0 for those).
    pub depth: usize,
}

impl Field<'_> {
    /// The parameter or property name: the last segment of the path.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or_default()
    }
}

/// A field in one or both versions.
#[derive(Clone, Debug)]
pub struct FieldPair<'a> {
    /// The old version's field.
    pub old: Option<Field<'a>>,
    /// The new version's field.
    pub new: Option<Field<'a>>,
    /// For a field on one side only: whether its parent exists on both sides (or it has no
    /// parent), so that a removed object is reported once, not once per property.
    pub top: bool,
}

impl<'a> FieldPair<'a> {
    /// Both fields, when the field exists in both versions.
    pub fn both(&self) -> Option<(&Field<'a>, &Field<'a>)> {
        Some((self.old.as_ref()?, self.new.as_ref()?))
    }
}

/// The inputs of `op`, under `op_path`. `body_name` renames the body parameter (bodies are
/// matched by location, not by name).
pub fn inputs<'a>(
    doc: Swagger<'a>,
    op: &OpEntry<'a>,
    op_path: &str,
    body_name: Option<&str>,
) -> Vec<Field<'a>> {
    let mut w = Walker { doc, out: Vec::new(), stack: Vec::new() };
    for p in &op.params {
        let Some(name) = (if p.is_body() { body_name.or(p.name()) } else { p.name() }) else {
            continue;
        };
        w.parameter(p, format!("{op_path}/parameter/{name}"));
    }
    w.out
}

/// The outputs of `op` under `op_path`: the schema of each 2xx response (keyed by its code,
/// or by `code_map`'s replacement) and of `x-ms-notification-content`.
pub fn outputs<'a>(
    doc: Swagger<'a>,
    op: &OpEntry<'a>,
    op_path: &str,
    code_map: &[(&str, &str)],
) -> Vec<Field<'a>> {
    let mut w = Walker { doc, out: Vec::new(), stack: Vec::new() };
    for r in op.responses.iter().filter(|r| r.is_success()) {
        let Some(schema) = r.schema() else { continue };
        let code = code_map.iter().find(|(from, _)| *from == r.code).map_or(r.code, |(_, to)| to);
        w.schema(schema, format!("{op_path}/responses/{code}/schema"), true, None, None);
    }
    if let Some(schema) = op.notification_content().and_then(|n| n.get("schema")) {
        let path = format!("{op_path}/responses/x-ms-notification-content/schema");
        w.schema(schema, path, true, None, None);
    }
    w.out
}

struct Walker<'a> {
    doc: Swagger<'a>,
    out: Vec<Field<'a>>,
    /// References being expanded on the current branch.
    stack: Vec<&'a str>,
}

impl<'a> Walker<'a> {
    fn parameter(&mut self, p: &Parameter<'a>, path: String) {
        let node = p.node;
        if p.is_body() {
            // The body parameter carries its schema's type; its properties hang below.
            if let Some(schema) = p.schema() {
                self.schema(schema, path, p.is_required(), None, Some(p));
            }
            return;
        }
        let field = Field {
            path: path.clone(),
            node,
            location: p.location_str(),
            type_name: p.type_name(),
            format: p.format(),
            enum_values: enum_values(node),
            required: p.is_required(),
            chain_required: p.is_required(),
            visibility: p.visibility(),
            internal: p.is_internal(),
            default: p.default(),
            summary: p.summary(),
            description: p.description(),
            parent: None,
            depth: 0,
        };
        self.out.push(field);
        let index = self.out.len() - 1;
        if let Some(items) = node.get("items").filter(|v| v.as_object().is_some()) {
            self.schema(items, format!("{path}/items"), true, Some(index), None);
        }
    }

    /// Adds the field for the schema `site` at `path` and its nested fields. `body` is the
    /// body parameter whose schema this is: its summary, description and visibility win.
    fn schema(
        &mut self,
        site: &'a Value,
        path: String,
        required: bool,
        parent: Option<usize>,
        body: Option<&Parameter<'a>>,
    ) {
        if self.out.len() >= MAX_FIELDS {
            return;
        }
        let stacked = self.stack.len();
        let (node, cyclic) = self.follow(site);
        let mut parts = vec![node];
        let mut i = 0;
        // allOf members (themselves possibly references or with allOf) merge into this field.
        while i < parts.len() && parts.len() < 32 {
            for member in parts[i].get("allOf").into_iter().flat_map(Value::items) {
                let (m, c) = self.follow(member);
                if !c {
                    parts.push(m);
                }
            }
            i += 1;
        }
        let first = |key: &str| parts.iter().find_map(|p| p.get_str(key));
        let has = |key: &str| parts.iter().any(|p| p.get(key).is_some());
        let type_name = first("type").or_else(|| {
            if has("properties") {
                Some("object")
            } else if has("items") {
                Some("array")
            } else {
                None
            }
        });
        let (parent_chain, parent_internal, depth) = parent.map_or((true, false, 0), |p| {
            let f = &self.out[p];
            (f.chain_required, f.internal, f.depth + 1)
        });
        let text = |key: &str| {
            body.and_then(|b| b.node.get_str(key))
                .or_else(|| site.get_str(key))
                .or_else(|| first(key))
        };
        let visibility = text("x-ms-visibility");
        let field = Field {
            path: path.clone(),
            node: body.map_or(site, |b| b.node),
            location: body.map(|_| "body"),
            type_name,
            format: first("format"),
            enum_values: parts.iter().find_map(|p| enum_values(p)),
            required,
            chain_required: parent_chain && required,
            visibility,
            internal: parent_internal || visibility == Some("internal"),
            default: site.get("default").or_else(|| parts.iter().find_map(|p| p.get("default"))),
            summary: text("x-ms-summary"),
            description: text("description"),
            parent,
            depth,
        };
        self.out.push(field);
        let index = self.out.len() - 1;
        // Body properties hang below the parameter's schema: `…/parameter/body/schema/<prop>`.
        let prefix = if body.is_some() { format!("{path}/schema") } else { path };
        if !cyclic && depth < MAX_DEPTH {
            let required_names: Vec<&str> = parts
                .iter()
                .flat_map(|p| p.get("required").into_iter().flat_map(Value::items))
                .filter_map(Value::as_str)
                .collect();
            let mut seen: Vec<&str> = Vec::new();
            for part in &parts {
                for m in part.get("properties").into_iter().flat_map(Value::members) {
                    if seen.contains(&m.key.as_str()) || m.value.as_object().is_none() {
                        continue;
                    }
                    seen.push(&m.key);
                    let required = required_names.contains(&m.key.as_str());
                    let child = format!("{prefix}/{}", m.key);
                    self.schema(&m.value, child, required, Some(index), None);
                }
            }
            let items = parts.iter().find_map(|p| p.get("items"));
            if let Some(items) = items.filter(|v| v.as_object().is_some()) {
                self.schema(items, format!("{prefix}/items"), true, Some(index), None);
            }
        }
        self.stack.truncate(stacked);
    }

    /// Follows `$ref`s from `site`, pushing each onto the stack; `true` when a reference is
    /// already being expanded (a cycle) or does not resolve.
    fn follow(&mut self, site: &'a Value) -> (&'a Value, bool) {
        let mut node = site;
        for _ in 0..32 {
            let Some(reference) = node.get_str("$ref") else { return (node, false) };
            if self.stack.contains(&reference) {
                return (node, true);
            }
            let Some(next) = self.doc.resolve_ref(reference) else { return (node, true) };
            self.stack.push(reference);
            node = next;
        }
        (node, true)
    }
}

/// `enum` values as compact JSON (so `1` and `"1"` differ).
fn enum_values(node: &Value) -> Option<Vec<String>> {
    let values = node.get_array("enum")?;
    Some(values.iter().map(compact).collect())
}

/// A value as compact JSON, spans ignored.
pub fn compact(value: &Value) -> String {
    serde_json::Value::from(value).to_string()
}

/// Pairs the fields of two versions by path (and, for parameters of the same name in
/// different locations, by location first). Order: old fields in order, then new-only fields.
pub fn align<'a>(old: Vec<Field<'a>>, new: Vec<Field<'a>>) -> Vec<FieldPair<'a>> {
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, f) in new.iter().enumerate() {
        by_path.entry(f.path.as_str()).or_default().push(j);
    }
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for exact in [true, false] {
        for (i, f) in old.iter().enumerate() {
            if old_match[i].is_some() {
                continue;
            }
            let candidates = by_path.get(f.path.as_str()).map_or(&[][..], Vec::as_slice);
            if let Some(&j) =
                candidates.iter().find(|&&j| !taken[j] && (!exact || new[j].location == f.location))
            {
                old_match[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let old_matched: Vec<bool> = old_match.iter().map(Option::is_some).collect();
    let old_top: Vec<bool> = old.iter().map(|f| f.parent.is_none_or(|p| old_matched[p])).collect();
    let new_top: Vec<bool> = new.iter().map(|f| f.parent.is_none_or(|p| taken[p])).collect();

    let mut new_slots: Vec<Option<Field<'a>>> = new.into_iter().map(Some).collect();
    let mut pairs = Vec::with_capacity(old.len() + new_slots.len());
    for (i, f) in old.into_iter().enumerate() {
        let matched = old_match[i].and_then(|j| new_slots[j].take());
        let top = matched.is_some() || old_top[i];
        pairs.push(FieldPair { old: Some(f), new: matched, top });
    }
    for (j, slot) in new_slots.into_iter().enumerate() {
        if let Some(f) = slot {
            pairs.push(FieldPair { old: None, new: Some(f), top: new_top[j] });
        }
    }
    pairs
}
