//! Which keywords each schema node and simple node carries, found in one pass per connector.
//!
//! Most rules of this group look for a keyword that few nodes have (`enum`, `required`,
//! `discriminator`, `x-ms-editor`, …). Looking it up in every node costs a scan of the node's
//! members per rule; with the keywords of every node recorded once as a bit mask, a rule
//! visits only the nodes that can concern it, in the same order as before.

use switchboard_model::json::{Kind, Value};

use super::common::{for_each_schema_node, simple_nodes};
use crate::{SchemaRoot, SwaggerIndex};

/// A set of keywords (and of the value tests below), as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Keys(u64);

/// Every node, whatever its keys (what an unindexed keyword asks for).
const ALL: Keys = Keys(u64::MAX);
/// The node has a `type` member whose value is a list (`["string", "null"]`).
pub(crate) const TYPE_LIST: Keys = Keys(1 << 60);
/// The node's `type` (the last one, as `Value::get` returns) is `"file"`.
pub(crate) const TYPE_FILE: Keys = Keys(1 << 61);
/// The node's `type` is `"array"`.
pub(crate) const TYPE_ARRAY: Keys = Keys(1 << 62);
/// The node's `format` is `"binary"`.
pub(crate) const FORMAT_BINARY: Keys = Keys(1 << 63);

/// The bit of an indexed keyword; 0 for the others.
fn bit(key: &str) -> u64 {
    let index = match key {
        "enum" => 0,
        "required" => 1,
        "x-ms-enum-values" => 2,
        "x-ms-capabilities" => 3,
        "discriminator" => 4,
        "x-ms-editor" => 5,
        "$ref" => 6,
        "nullable" => 7,
        "oneOf" => 8,
        "anyOf" => 9,
        "maxLength" => 10,
        "minLength" => 11,
        "maxItems" => 12,
        "minItems" => 13,
        "maxProperties" => 14,
        "minProperties" => 15,
        "minimum" => 16,
        "maximum" => 17,
        "exclusiveMaximum" => 18,
        "exclusiveMinimum" => 19,
        "multipleOf" => 20,
        "pattern" => 21,
        "x-ms-dynamic-values" => 22,
        "x-ms-dynamic-list" => 23,
        "x-ms-dynamic-schema" => 24,
        "x-ms-dynamic-properties" => 25,
        "x-ms-dynamic-tree" => 26,
        "x-ms-visibility" => 27,
        "example" => 28,
        _ => return 0,
    };
    1 << index
}

impl Keys {
    /// The nodes with any of `keys`. A keyword that is not indexed matches every node, so a
    /// rule can never miss a node by asking for the wrong name; it is only slower.
    pub(crate) fn any_of(keys: &[&str]) -> Keys {
        let mut bits = 0;
        for key in keys {
            match bit(key) {
                0 => return ALL,
                b => bits |= b,
            }
        }
        Keys(bits)
    }

    /// Also the nodes with the keys (or value tests) of `other`.
    pub(crate) fn or(self, other: Keys) -> Keys {
        Keys(self.0 | other.0)
    }

    fn meets(self, mask: u64) -> bool {
        self == ALL || self.0 & mask != 0
    }
}

/// The keys of one node.
fn mask(node: &Value) -> u64 {
    let mut mask = 0;
    // The value tests follow the last member of the name, as `Value::get` does.
    let mut last_type = None;
    let mut last_format = None;
    for m in node.members() {
        mask |= bit(&m.key);
        match m.key.as_str() {
            "type" => {
                if m.value.as_array().is_some() {
                    mask |= TYPE_LIST.0;
                }
                last_type = Some(&m.value);
            }
            "format" => last_format = Some(&m.value),
            _ => {}
        }
    }
    match last_type.and_then(Value::as_str) {
        Some("file") => mask |= TYPE_FILE.0,
        Some("array") => mask |= TYPE_ARRAY.0,
        _ => {}
    }
    if last_format.is_some_and(|f| matches!(&f.kind, Kind::String(s) if s == "binary")) {
        mask |= FORMAT_BINARY.0;
    }
    mask
}

/// [`for_each_schema_node`] restricted to the nodes with `keys`.
pub(crate) fn for_each_schema_node_with<'a>(
    sw: &SwaggerIndex<'a>,
    keys: Keys,
    f: &mut impl FnMut(&'a Value, usize, &SchemaRoot<'a>),
) {
    let masks = sw.shared.schema_keys.get_or_init(|| {
        let mut out = Vec::new();
        for_each_schema_node(sw, &mut |node, _, _| out.push(mask(node)));
        out
    });
    let mut i = 0;
    for_each_schema_node(sw, &mut |node, depth, root| {
        if keys.meets(masks[i]) {
            f(node, depth, root);
        }
        i += 1;
    });
}

/// [`simple_nodes`] restricted to the nodes with `keys`.
pub(crate) fn simple_nodes_with<'a>(sw: &SwaggerIndex<'a>, keys: Keys) -> Vec<&'a Value> {
    let nodes = simple_nodes(sw);
    let masks = sw.shared.simple_keys.get_or_init(|| nodes.iter().map(|n| mask(n)).collect());
    nodes.into_iter().zip(masks).filter(|(_, m)| keys.meets(**m)).map(|(n, _)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_follow_the_last_duplicate() {
        let v: Value =
            serde_json::json!({"type": ["string", "null"], "enum": [], "format": "binary"}).into();
        let m = mask(&v);
        assert!(Keys::any_of(&["enum"]).meets(m));
        assert!(!Keys::any_of(&["required"]).meets(m));
        assert!(TYPE_LIST.meets(m) && FORMAT_BINARY.meets(m) && !TYPE_FILE.meets(m));
        assert!(Keys::any_of(&["enum", "not-indexed"]).meets(0));
    }
}
