//! Schemas and a walker over nested schemas.

use crate::json::Value;

/// A view of a schema object.
#[derive(Clone, Copy, Debug)]
pub struct Schema<'a> {
    /// The schema value.
    pub node: &'a Value,
}

/// How a nested schema hangs off its parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaChild<'a> {
    /// `properties.<name>`
    Property(&'a str),
    /// `items` (a schema, or one element of a tuple `items` array)
    Items,
    /// `additionalProperties` (when it is a schema)
    AdditionalProperties,
    /// an element of `allOf`
    AllOf,
    /// an element of `anyOf` (OpenAPI 3 leftover)
    AnyOf,
    /// an element of `oneOf` (OpenAPI 3 leftover)
    OneOf,
    /// `not`
    Not,
}

impl<'a> Schema<'a> {
    /// A view of `node`.
    pub fn new(node: &'a Value) -> Self {
        Self { node }
    }

    /// `$ref`.
    pub fn reference(&self) -> Option<&'a str> {
        self.node.get_str("$ref")
    }

    /// `type` when it is a single string.
    pub fn type_name(&self) -> Option<&'a str> {
        self.node.get_str("type")
    }

    /// `format`.
    pub fn format(&self) -> Option<&'a str> {
        self.node.get_str("format")
    }

    /// The `properties` members.
    pub fn properties(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.node
            .get("properties")
            .into_iter()
            .flat_map(Value::members)
            .map(|m| (m.key.as_str(), &m.value))
    }

    /// The names listed in `required` (when it is an array).
    pub fn required(&self) -> impl Iterator<Item = &'a str> {
        self.node.get("required").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// Whether `name` is listed in `required`.
    pub fn requires(&self, name: &str) -> bool {
        self.required().any(|r| r == name)
    }

    /// `items` when it is a single schema.
    pub fn items(&self) -> Option<&'a Value> {
        self.node.get("items").filter(|v| v.as_object().is_some())
    }

    /// `x-ms-visibility`.
    pub fn visibility(&self) -> Option<&'a str> {
        self.node.get_str("x-ms-visibility")
    }

    /// The direct sub-schemas with how they are attached.
    pub fn children(&self) -> Vec<(SchemaChild<'a>, &'a Value)> {
        let mut out = Vec::new();
        for m in self.node.members() {
            match m.key.as_str() {
                "properties" => {
                    out.extend(
                        m.value
                            .members()
                            .map(|p| (SchemaChild::Property(p.key.as_str()), &p.value)),
                    );
                }
                "items" => match m.value.as_array() {
                    Some(items) => out.extend(items.iter().map(|v| (SchemaChild::Items, v))),
                    None => out.push((SchemaChild::Items, &m.value)),
                },
                "additionalProperties" if m.value.as_object().is_some() => {
                    out.push((SchemaChild::AdditionalProperties, &m.value));
                }
                "allOf" => out.extend(m.value.items().map(|v| (SchemaChild::AllOf, v))),
                "anyOf" => out.extend(m.value.items().map(|v| (SchemaChild::AnyOf, v))),
                "oneOf" => out.extend(m.value.items().map(|v| (SchemaChild::OneOf, v))),
                "not" => out.push((SchemaChild::Not, &m.value)),
                _ => {}
            }
        }
        out.retain(|(_, v)| v.as_object().is_some());
        out
    }
}

/// Calls `f(schema, depth)` for `root` and every schema nested in it (without following
/// `$ref`), depth first; `depth` is 0 for `root`. Stops descending where `f` returns `false`.
pub fn walk_schema<'a>(root: &'a Value, f: &mut impl FnMut(&'a Value, usize) -> bool) {
    fn go<'a>(node: &'a Value, depth: usize, f: &mut impl FnMut(&'a Value, usize) -> bool) {
        if !f(node, depth) || depth > crate::json::MAX_DEPTH {
            return;
        }
        for (_, child) in Schema::new(node).children() {
            go(child, depth + 1, f);
        }
    }
    go(root, 0, f);
}
