//! Authentication schemes, one file each: a serde config struct whose `build()` returns the
//! scheme. [`compile`] derives the configs from `securityDefinitions` and
//! `connectionParameters` (spec §2.4); the pipeline injects credentials in the
//! `Authenticate` phase, before request policies.

pub mod api_key;
pub mod basic;
pub mod client_credentials;
pub mod oauth;

use std::collections::BTreeMap;

use switchboard_model::api_properties::{ApiProperties, ConnectionParameter};
use switchboard_model::json::Value;
use switchboard_model::swagger::Swagger;

pub use api_key::{ApiKeyAuth, ApiKeyConfig, KeyLocation};
pub use basic::{BasicAuth, BasicConfig};
pub use oauth::{CodeExchange, Grant, OAuthAuth, OAuthConfig};

use crate::compile::{Diagnostic, Diagnostics};

/// One authentication scheme's configuration.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum AuthConfig {
    /// `apiKey`.
    ApiKey(ApiKeyConfig),
    /// `basic`.
    Basic(BasicConfig),
    /// `oauth2`.
    OAuth2(OAuthConfig),
}

/// A built scheme.
#[derive(Clone, Debug)]
pub enum Auth {
    /// `apiKey`.
    ApiKey(ApiKeyAuth),
    /// `basic`.
    Basic(BasicAuth),
    /// `oauth2`.
    OAuth2(OAuthAuth),
}

impl AuthConfig {
    /// Builds the scheme.
    pub fn build(&self) -> Auth {
        match self {
            AuthConfig::ApiKey(c) => Auth::ApiKey(c.build()),
            AuthConfig::Basic(c) => Auth::Basic(c.build()),
            AuthConfig::OAuth2(c) => Auth::OAuth2(c.build()),
        }
    }

    /// A short label for traces (`apiKey header 'X-Key'`).
    pub fn label(&self) -> String {
        match self {
            AuthConfig::ApiKey(c) => format!(
                "apiKey {} '{}' from '{}'",
                match c.location {
                    KeyLocation::Header => "header",
                    KeyLocation::Query => "query",
                },
                c.name,
                c.parameter
            ),
            AuthConfig::Basic(c) => format!("basic from '{}'/'{}'", c.username, c.password),
            AuthConfig::OAuth2(c) => {
                format!("oauth2 ({}) from '{}'", c.identity_provider, c.parameter)
            }
        }
    }
}

/// Derives the schemes of a connector. Odd definitions produce diagnostics, never panics.
pub(crate) fn compile(
    swagger: Swagger<'_>,
    props: Option<&ApiProperties<'_>>,
    diagnostics: &mut Diagnostics,
) -> Vec<AuthConfig> {
    let params: Vec<_> = props.map(|p| p.connection_parameters().collect()).unwrap_or_default();
    let has = |name: &str| params.iter().any(|p| p.name == name);
    let securestrings: Vec<&str> =
        params.iter().filter(|p| p.param_type() == Some("securestring")).map(|p| p.name).collect();
    let mut out = Vec::new();
    for scheme in swagger.security_definitions() {
        match scheme.scheme_type() {
            Some("apiKey") => {
                let location = match scheme.location() {
                    Some("query") => KeyLocation::Query,
                    _ => KeyLocation::Header,
                };
                let Some(name) = scheme.key_name() else {
                    diagnostics.push(Diagnostic::warning(
                        "ApiKeyWithoutName",
                        format!(
                            "security definition '{}' (apiKey) has no 'name'; it is ignored",
                            scheme.name
                        ),
                    ));
                    continue;
                };
                let parameter = if has("api_key") || params.is_empty() {
                    "api_key".to_string()
                } else if let [only] = securestrings.as_slice() {
                    (*only).to_string()
                } else {
                    diagnostics.push(Diagnostic::warning(
                        "ApiKeyParameterAmbiguous",
                        format!(
                            "security definition '{}' (apiKey): no 'api_key' connection parameter and {} securestring parameters; 'api_key' is expected in the connection",
                            scheme.name,
                            securestrings.len()
                        ),
                    ));
                    "api_key".to_string()
                };
                out.push(AuthConfig::ApiKey(ApiKeyConfig {
                    location,
                    name: name.to_string(),
                    parameter,
                }));
            }
            Some("basic") => out.push(AuthConfig::Basic(BasicConfig {
                username: "username".into(),
                password: "password".into(),
            })),
            Some("oauth2") => {
                let oauth_param = params.iter().find(|p| {
                    p.param_type().is_some_and(|t| t.eq_ignore_ascii_case("oauthSetting"))
                });
                let settings = oauth_param.and_then(ConnectionParameter::oauth_settings);
                let mut custom = BTreeMap::new();
                if let Some(s) = settings {
                    for m in s.node.get("customParameters").into_iter().flat_map(Value::members) {
                        if let Some(v) = m.value.get_str("value") {
                            custom.insert(m.key.to_string(), v.to_string());
                        }
                    }
                }
                out.push(AuthConfig::OAuth2(OAuthConfig {
                    parameter: oauth_param.map_or("token", |p| p.name).to_string(),
                    identity_provider: settings
                        .and_then(|s| s.identity_provider())
                        .unwrap_or("oauth2")
                        .to_string(),
                    client_id: settings.and_then(|s| s.client_id()).map(str::to_string),
                    client_secret: settings
                        .and_then(|s| s.client_secret())
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    scopes: settings
                        .map(|s| s.scopes().map(str::to_string).collect())
                        .unwrap_or_default(),
                    custom,
                    swagger_token_url: scheme.token_url().map(str::to_string),
                    swagger_authorization_url: scheme.authorization_url().map(str::to_string),
                    redirect_url: None,
                }));
            }
            other => diagnostics.push(Diagnostic::warning(
                "UnknownSecurityType",
                format!(
                    "security definition '{}' has type {:?}, which the runtime does not inject",
                    scheme.name,
                    other.unwrap_or("")
                ),
            )),
        }
    }
    out
}
