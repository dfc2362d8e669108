//! Security schemes (`securityDefinitions`).

use crate::json::{Member, Value};
use crate::source::Span;

/// One entry of `securityDefinitions`.
#[derive(Clone, Copy, Debug)]
pub struct SecurityScheme<'a> {
    /// The key.
    pub name: &'a str,
    /// Span of the key.
    pub key_span: Span,
    /// The scheme object.
    pub node: &'a Value,
}

impl<'a> SecurityScheme<'a> {
    pub(crate) fn from_member(m: &'a Member) -> Self {
        Self { name: &m.key, key_span: m.key_span, node: &m.value }
    }

    /// `type`: `basic`, `apiKey` or `oauth2`.
    pub fn scheme_type(&self) -> Option<&'a str> {
        self.node.get_str("type")
    }

    /// `flow` (oauth2).
    pub fn flow(&self) -> Option<&'a str> {
        self.node.get_str("flow")
    }

    /// `in` (apiKey): `header` or `query`.
    pub fn location(&self) -> Option<&'a str> {
        self.node.get_str("in")
    }

    /// `name` (apiKey): the header or query parameter name.
    pub fn key_name(&self) -> Option<&'a str> {
        self.node.get_str("name")
    }

    /// `authorizationUrl` (oauth2).
    pub fn authorization_url(&self) -> Option<&'a str> {
        self.node.get_str("authorizationUrl")
    }

    /// `tokenUrl` (oauth2).
    pub fn token_url(&self) -> Option<&'a str> {
        self.node.get_str("tokenUrl")
    }

    /// The scope names (oauth2).
    pub fn scopes(&self) -> impl Iterator<Item = &'a str> {
        self.node.get("scopes").into_iter().flat_map(Value::members).map(|m| m.key.as_str())
    }

    /// A `type/flow` label such as `oauth2/accessCode`.
    pub fn kind_label(&self) -> String {
        match (self.scheme_type(), self.flow()) {
            (Some(t), Some(f)) if t == "oauth2" => format!("{t}/{f}"),
            (Some(t), _) => t.to_string(),
            _ => "unknown".to_string(),
        }
    }
}
