//! Path items, operations and responses.

use std::fmt;

use super::{Parameter, ParameterSite, Swagger};
use crate::json::{Member, Value};
use crate::source::Span;

/// HTTP methods Swagger 2.0 allows as path-item keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
}

impl Method {
    /// Every method, in Swagger's order.
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
    ];

    /// Parses a path-item key (lowercase, as Swagger requires).
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            _ => return None,
        })
    }

    /// The lowercase key.
    pub fn as_key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
        }
    }

    /// The uppercase HTTP name.
    pub fn as_http(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_http())
    }
}

/// One entry of `paths`.
#[derive(Clone, Copy, Debug)]
pub struct PathItem<'a> {
    /// The path template (`/items/{id}`).
    pub template: &'a str,
    /// Span of the key.
    pub key_span: Span,
    /// The path-item value.
    pub node: &'a Value,
}

impl<'a> PathItem<'a> {
    pub(crate) fn from_member(m: &'a Member) -> Self {
        Self { template: &m.key, key_span: m.key_span, node: &m.value }
    }

    /// The operations of this path, in file order.
    pub fn operations(self) -> impl Iterator<Item = Operation<'a>> {
        self.node.members().filter_map(move |m| {
            let method = Method::from_key(&m.key)?;
            m.value.as_object()?;
            Some(Operation { path: self, method, method_span: m.key_span, node: &m.value })
        })
    }

    /// The path-level `parameters` entries (unresolved).
    pub fn parameter_entries(&self) -> &'a [Value] {
        self.node.get_array("parameters").unwrap_or_default()
    }
}

/// One operation: a method under a path.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'a> {
    /// The path item it belongs to.
    pub path: PathItem<'a>,
    /// The HTTP method.
    pub method: Method,
    /// Span of the method key.
    pub method_span: Span,
    /// The operation object.
    pub node: &'a Value,
}

impl<'a> Operation<'a> {
    /// `operationId`.
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get_str("operationId")
    }

    /// `summary`.
    pub fn summary(&self) -> Option<&'a str> {
        self.node.get_str("summary")
    }

    /// `description`.
    pub fn description(&self) -> Option<&'a str> {
        self.node.get_str("description")
    }

    /// `x-ms-visibility`.
    pub fn visibility(&self) -> Option<&'a str> {
        self.node.get_str("x-ms-visibility")
    }

    /// Whether `x-ms-visibility` is `internal`.
    pub fn is_internal(&self) -> bool {
        self.visibility() == Some("internal")
    }

    /// Whether `deprecated: true`.
    pub fn is_deprecated(&self) -> bool {
        self.node.get_bool("deprecated") == Some(true)
    }

    /// `x-ms-trigger` (`batch` or `single`), which makes the operation a trigger.
    pub fn trigger(&self) -> Option<&'a str> {
        self.node.get_str("x-ms-trigger")
    }

    /// Whether the operation is a trigger (`x-ms-trigger` present).
    pub fn is_trigger(&self) -> bool {
        self.node.get("x-ms-trigger").is_some()
    }

    /// `x-ms-notification-content`: on the operation, or — as in Microsoft's own webhook
    /// example — on the path item of a trigger.
    pub fn notification_content(&self) -> Option<&'a Value> {
        self.node.get("x-ms-notification-content").or_else(|| {
            if self.is_trigger() { self.path.node.get("x-ms-notification-content") } else { None }
        })
    }

    /// Whether the operation is a webhook trigger (has `x-ms-notification-content`, its own
    /// or its path item's).
    pub fn is_webhook(&self) -> bool {
        self.notification_content().is_some()
    }

    /// A short label for messages: the operationId, or `METHOD /path`.
    pub fn label(&self) -> String {
        // Concatenation rather than `format!`: rules build labels for many operations.
        match self.operation_id() {
            Some(id) => concat(&["'", id, "'"]),
            None => concat(&[self.method.as_http(), " ", self.path.template]),
        }
    }

    /// The operation-level `parameters` entries (unresolved).
    pub fn parameter_entries(&self) -> &'a [Value] {
        self.node.get_array("parameters").unwrap_or_default()
    }

    /// The effective parameters: path-level and operation-level entries with `$ref`s resolved,
    /// an operation-level parameter replacing a path-level one with the same name and location.
    /// Entries whose `$ref` does not resolve are skipped.
    pub fn parameters(&self, swagger: &Swagger<'a>) -> Vec<Parameter<'a>> {
        let op_level: Vec<Parameter<'a>> = self
            .parameter_entries()
            .iter()
            .filter_map(|entry| Parameter::resolve(swagger, entry, ParameterSite::Operation))
            .collect();
        let mut out: Vec<Parameter<'a>> = self
            .path
            .parameter_entries()
            .iter()
            .filter_map(|entry| Parameter::resolve(swagger, entry, ParameterSite::PathItem))
            .filter(|p| {
                !op_level
                    .iter()
                    .any(|o| o.name() == p.name() && o.location_str() == p.location_str())
            })
            .collect();
        out.extend(op_level);
        out
    }

    /// The `responses` entries in file order, `$ref`s resolved.
    pub fn responses(&self, swagger: &Swagger<'a>) -> Vec<Response<'a>> {
        self.node
            .get("responses")
            .into_iter()
            .flat_map(Value::members)
            .map(|m| Response {
                code: &m.key,
                key_span: m.key_span,
                site: &m.value,
                node: swagger.deref(&m.value),
            })
            .collect()
    }

    /// `consumes`, falling back to the root's.
    pub fn consumes(&self, swagger: &Swagger<'a>) -> Vec<&'a str> {
        match self.node.get("consumes") {
            Some(v) => v.items().filter_map(Value::as_str).collect(),
            None => swagger.consumes().collect(),
        }
    }

    /// `produces`, falling back to the root's.
    pub fn produces(&self, swagger: &Swagger<'a>) -> Vec<&'a str> {
        match self.node.get("produces") {
            Some(v) => v.items().filter_map(Value::as_str).collect(),
            None => swagger.produces().collect(),
        }
    }
}

/// One entry of an operation's `responses`.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    /// The key: `default` or a status code.
    pub code: &'a str,
    /// Span of the key.
    pub key_span: Span,
    /// The value as written (may be a `$ref`).
    pub site: &'a Value,
    /// The value with `$ref` resolved.
    pub node: &'a Value,
}

impl<'a> Response<'a> {
    /// Whether the code is 2xx.
    pub fn is_success(&self) -> bool {
        self.code.len() == 3
            && self.code.starts_with('2')
            && self.code.bytes().all(|b| b.is_ascii_digit())
    }

    /// The response `schema`.
    pub fn schema(&self) -> Option<&'a Value> {
        self.node.get("schema")
    }
}

/// The concatenation of `parts`, allocated once.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}
