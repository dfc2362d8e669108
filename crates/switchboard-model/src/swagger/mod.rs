//! Typed, zero-copy views of `apiDefinition.swagger.json` (Swagger 2.0 with `x-ms-*`
//! extensions) over the spanned JSON tree.
//!
//! Views never fail: a missing or mistyped value is `None`, and `node` fields give the raw
//! value for rules that must explain what is wrong with it.

pub mod extensions;
mod operation;
mod parameter;
mod schema;
mod security;

pub use operation::{Method, Operation, PathItem, Response};
pub use parameter::{Location, Parameter, ParameterSite};
pub use schema::{Schema, SchemaChild, walk_schema};
pub use security::SecurityScheme;

use crate::json::{Member, Object, Value};

/// Root keys Swagger 2.0 defines.
pub const ROOT_KEYS: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];

/// The `x-ms-visibility` values the platform understands.
pub const VISIBILITIES: &[&str] = &["important", "advanced", "internal"];

/// A view of a Swagger document's root object.
#[derive(Clone, Copy, Debug)]
pub struct Swagger<'a> {
    /// The root value (normally an object).
    pub root: &'a Value,
}

impl<'a> Swagger<'a> {
    /// A view of `root`.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// `swagger` (should be `"2.0"`).
    pub fn version(&self) -> Option<&'a str> {
        self.root.get_str("swagger")
    }

    /// The `info` object.
    pub fn info(&self) -> Option<&'a Value> {
        self.root.get("info").filter(|v| v.as_object().is_some())
    }

    /// `info.title`.
    pub fn title(&self) -> Option<&'a str> {
        self.info()?.get_str("title")
    }

    /// `info.description`.
    pub fn description(&self) -> Option<&'a str> {
        self.info()?.get_str("description")
    }

    /// `host`.
    pub fn host(&self) -> Option<&'a str> {
        self.root.get_str("host")
    }

    /// `basePath`.
    pub fn base_path(&self) -> Option<&'a str> {
        self.root.get_str("basePath")
    }

    /// The string entries of `schemes`.
    pub fn schemes(&self) -> impl Iterator<Item = &'a str> {
        self.root.get("schemes").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// Root `consumes` MIME types.
    pub fn consumes(&self) -> impl Iterator<Item = &'a str> {
        self.root.get("consumes").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// Root `produces` MIME types.
    pub fn produces(&self) -> impl Iterator<Item = &'a str> {
        self.root.get("produces").into_iter().flat_map(Value::items).filter_map(Value::as_str)
    }

    /// The `paths` object.
    pub fn paths_object(&self) -> Option<&'a Object> {
        self.root.get("paths")?.as_object()
    }

    /// Every path item, in file order.
    pub fn paths(&self) -> impl Iterator<Item = PathItem<'a>> {
        self.paths_object().into_iter().flat_map(|o| o.members.iter()).map(PathItem::from_member)
    }

    /// Every operation, in file order.
    pub fn operations(&self) -> impl Iterator<Item = Operation<'a>> {
        self.paths().flat_map(operation::PathItem::operations)
    }

    /// The operation with this `operationId`.
    pub fn operation(&self, operation_id: &str) -> Option<Operation<'a>> {
        self.operations().find(|op| op.operation_id() == Some(operation_id))
    }

    /// `#/definitions`.
    pub fn definitions(&self) -> Option<&'a Object> {
        self.root.get("definitions")?.as_object()
    }

    /// `#/parameters` (shared parameters).
    pub fn shared_parameters(&self) -> Option<&'a Object> {
        self.root.get("parameters")?.as_object()
    }

    /// `#/responses` (shared responses).
    pub fn shared_responses(&self) -> Option<&'a Object> {
        self.root.get("responses")?.as_object()
    }

    /// The `securityDefinitions` entries.
    pub fn security_definitions(&self) -> impl Iterator<Item = SecurityScheme<'a>> {
        self.root
            .get("securityDefinitions")
            .into_iter()
            .flat_map(Value::members)
            .map(SecurityScheme::from_member)
    }

    /// `x-ms-connector-metadata` entries as `(propertyName, propertyValue, item)`.
    pub fn connector_metadata(
        &self,
    ) -> impl Iterator<Item = (&'a str, Option<&'a str>, &'a Value)> {
        self.root.get("x-ms-connector-metadata").into_iter().flat_map(Value::items).filter_map(
            |item| Some((item.get_str("propertyName")?, item.get_str("propertyValue"), item)),
        )
    }

    /// Resolves a local `$ref` such as `#/definitions/Pet`; `None` if it is not local or does
    /// not resolve.
    pub fn resolve_ref(&self, reference: &str) -> Option<&'a Value> {
        let pointer = reference.strip_prefix('#')?;
        crate::json::pointer::resolve(self.root, &percent_decode(pointer))
    }

    /// Follows `$ref` from `value` until a value without `$ref` (at most 32 hops, so cycles of
    /// bare references end). Returns `value` itself when it has no resolvable `$ref`.
    pub fn deref(&self, value: &'a Value) -> &'a Value {
        let mut current = value;
        for _ in 0..32 {
            match current.get_str("$ref").and_then(|r| self.resolve_ref(r)) {
                Some(next) => current = next,
                None => break,
            }
        }
        current
    }

    /// A view of a schema value.
    pub fn schema(&self, node: &'a Value) -> Schema<'a> {
        Schema::new(node)
    }
}

/// A member's key and value, for iterating objects by name.
pub fn member_pair(m: &Member) -> (&str, &Value) {
    (m.key.as_str(), &m.value)
}

/// Percent-decodes a JSON pointer taken from a URI fragment (`#/definitions/My%20Type`).
fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
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

#[cfg(test)]
mod tests;
