//! A connection: the values of a connector's connection parameters, and OAuth tokens.

use std::collections::BTreeMap;

/// Values for the connection parameters of `apiProperties.json`, keyed by parameter name
/// (`api_key`, `username`, `token:TenantId`…), plus the OAuth token when the connector uses
/// OAuth.
///
/// The JSON form (what `switchboard invoke --connection FILE` reads) is an object of parameter
/// values; an OAuth connection carries `"token": {"access_token", "refresh_token"?,
/// "expires_at"?}`.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Connection {
    /// Parameter values.
    #[serde(flatten)]
    pub values: BTreeMap<String, serde_json::Value>,
}

/// An OAuth 2 token as stored with a connection.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct OAuthToken {
    /// The bearer token.
    pub access_token: String,
    /// The refresh token, when the provider issued one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Expiry, seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
}

impl Connection {
    /// The value of a parameter as text (strings as is, other JSON compactly); `None` when
    /// missing or null.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.values.get(name)? {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    /// The OAuth token (`token` parameter), when present and well-formed.
    pub fn oauth_token(&self) -> Option<OAuthToken> {
        serde_json::from_value(self.values.get("token")?.clone()).ok()
    }

    /// Stores a (refreshed) OAuth token.
    pub fn set_oauth_token(&mut self, token: &OAuthToken) {
        if let Ok(v) = serde_json::to_value(token) {
            self.values.insert("token".into(), v);
        }
    }
}
