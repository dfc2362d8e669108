//! Parameters.

use super::Swagger;
use crate::json::Value;

/// Where a parameter is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterSite {
    /// In a path item's `parameters`.
    PathItem,
    /// In an operation's `parameters`.
    Operation,
    /// In the root `#/parameters` map.
    Shared,
}

/// The `in` of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// `path`
    Path,
    /// `query`
    Query,
    /// `header`
    Header,
    /// `body`
    Body,
    /// `formData`
    FormData,
}

impl Location {
    /// Parses an `in` value.
    #[inline]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "path" => Location::Path,
            "query" => Location::Query,
            "header" => Location::Header,
            "body" => Location::Body,
            "formData" => Location::FormData,
            _ => return None,
        })
    }

    /// The `in` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body => "body",
            Location::FormData => "formData",
        }
    }
}

/// A parameter, with `$ref` resolved.
#[derive(Clone, Copy, Debug)]
pub struct Parameter<'a> {
    /// The entry as written in the list (a `$ref` object for shared parameters).
    pub site: &'a Value,
    /// The parameter object itself.
    pub node: &'a Value,
    /// Where the entry is.
    pub declared: ParameterSite,
}

impl<'a> Parameter<'a> {
    /// A parameter object that is not behind a reference.
    pub fn direct(node: &'a Value, declared: ParameterSite) -> Self {
        Self { site: node, node, declared }
    }

    /// Resolves a list entry; `None` when its `$ref` does not resolve.
    pub fn resolve(
        swagger: &Swagger<'a>,
        entry: &'a Value,
        declared: ParameterSite,
    ) -> Option<Self> {
        let node = match entry.get_str("$ref") {
            Some(r) => swagger.resolve_ref(r)?,
            None => entry,
        };
        Some(Self { site: entry, node, declared })
    }

    /// Whether the list entry is a `$ref`.
    pub fn is_reference(&self) -> bool {
        !std::ptr::eq(self.site, self.node)
    }

    /// `name`.
    #[inline]
    pub fn name(&self) -> Option<&'a str> {
        self.node.get_str("name")
    }

    /// `in`, as written.
    #[inline]
    pub fn location_str(&self) -> Option<&'a str> {
        self.node.get_str("in")
    }

    /// `in`, parsed.
    #[inline]
    pub fn location(&self) -> Option<Location> {
        self.location_str().and_then(Location::parse)
    }

    /// Whether this is the body parameter.
    #[inline]
    pub fn is_body(&self) -> bool {
        self.location() == Some(Location::Body)
    }

    /// `required: true`.
    #[inline]
    pub fn is_required(&self) -> bool {
        self.node.get_bool("required") == Some(true)
    }

    /// `type` (non-body parameters).
    #[inline]
    pub fn type_name(&self) -> Option<&'a str> {
        self.node.get_str("type")
    }

    /// `format`.
    #[inline]
    pub fn format(&self) -> Option<&'a str> {
        self.node.get_str("format")
    }

    /// `schema` (body parameters).
    #[inline]
    pub fn schema(&self) -> Option<&'a Value> {
        self.node.get("schema")
    }

    /// `x-ms-visibility`.
    pub fn visibility(&self) -> Option<&'a str> {
        self.node.get_str("x-ms-visibility")
    }

    /// Whether `x-ms-visibility` is `internal`.
    pub fn is_internal(&self) -> bool {
        self.visibility() == Some("internal")
    }

    /// `x-ms-summary`.
    pub fn summary(&self) -> Option<&'a str> {
        self.node.get_str("x-ms-summary")
    }

    /// `description`.
    pub fn description(&self) -> Option<&'a str> {
        self.node.get_str("description")
    }

    /// `default`.
    pub fn default(&self) -> Option<&'a Value> {
        self.node.get("default")
    }

    /// A label for messages: `'name' (in query)`.
    pub fn label(&self) -> String {
        match (self.name(), self.location_str()) {
            (Some(n), Some(l)) => super::operation::concat(&["'", n, "' (in ", l, ")"]),
            (Some(n), None) => super::operation::concat(&["'", n, "'"]),
            _ => "unnamed parameter".to_string(),
        }
    }
}
