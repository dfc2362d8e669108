//! OAuth 2 (`oauthSetting` connection parameters): bearer injection, token endpoints, and the
//! refresh-token grant (spec §2.5–2.8).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::egress::HttpClient;
use crate::{Connection, InvokeError, OAuthToken, Phase, Request};

/// Configuration of an OAuth connection parameter, from `oAuthSettings` (and the swagger's
/// `securityDefinitions` as a fallback for the token URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthConfig {
    /// The connection parameter (conventionally `token`).
    pub parameter: String,
    /// `identityProvider` (`oauth2`, `aad`, `oauth2generic`, `aadcertificate`…).
    pub identity_provider: String,
    /// `clientId`.
    pub client_id: Option<String>,
    /// `clientSecret` (normally supplied out of band; see [`OAuthAuth::client_secret`]).
    pub client_secret: Option<String>,
    /// `scopes`.
    pub scopes: Vec<String>,
    /// `customParameters` values (`tokenUrl`, `refreshUrl`, `loginUri`, `tenantId`,
    /// `resourceUri`, the `oauth2generic` templates…).
    pub custom: BTreeMap<String, String>,
    /// `securityDefinitions.*.tokenUrl`, used when the settings name none.
    pub swagger_token_url: Option<String>,
    /// `securityDefinitions.*.authorizationUrl`, used when the settings name none.
    #[serde(default)]
    pub swagger_authorization_url: Option<String>,
    /// The redirect URL registered with the provider, for the authorization-code flow and the
    /// `{RedirectUrl}` placeholder (default: the platform's global consent redirect).
    #[serde(default)]
    pub redirect_url: Option<String>,
}

/// A built OAuth scheme.
#[derive(Clone, Debug)]
pub struct OAuthAuth {
    config: OAuthConfig,
}

/// Which grant obtains tokens for a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// Delegated tokens stored with the connection, refreshed with the refresh token.
    AuthorizationCode,
    /// Service-principal tokens (`token:grantType = client_credentials`).
    ClientCredentials,
}

/// Which endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The token endpoint (client credentials).
    Token,
    /// The refresh endpoint (refresh-token grant).
    Refresh,
}

impl OAuthConfig {
    /// Builds the scheme.
    pub fn build(&self) -> OAuthAuth {
        OAuthAuth { config: self.clone() }
    }
}

impl OAuthAuth {
    /// The configuration.
    pub fn config(&self) -> &OAuthConfig {
        &self.config
    }

    /// The grant this connection uses.
    pub fn grant(&self, connection: &Connection) -> Grant {
        match connection.text(&format!("{}:grantType", self.config.parameter)) {
            Some(g) if g.eq_ignore_ascii_case("client_credentials") => Grant::ClientCredentials,
            _ => Grant::AuthorizationCode,
        }
    }

    /// The client id: `token:clientId` from the connection, else `oAuthSettings.clientId`.
    pub fn client_id(&self, connection: &Connection) -> Option<String> {
        connection
            .text(&format!("{}:clientId", self.config.parameter))
            .or_else(|| self.config.client_id.clone())
    }

    /// The client secret: `token:clientSecret` from the connection, else the settings' value
    /// (paconn injects it at upload; it never sits in a repository).
    pub fn client_secret(&self, connection: &Connection) -> Option<String> {
        connection
            .text(&format!("{}:clientSecret", self.config.parameter))
            .or_else(|| self.config.client_secret.clone())
    }

    fn custom(&self, key: &str) -> Option<&str> {
        self.config
            .custom
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn is_aad(&self) -> bool {
        self.config.identity_provider.eq_ignore_ascii_case("aad")
            || self.config.identity_provider.eq_ignore_ascii_case("aadcertificate")
    }

    fn is_generic(&self) -> bool {
        self.config.identity_provider.eq_ignore_ascii_case("oauth2generic")
    }

    /// The `aad` resource (`token:resourceUri`, else `customParameters.resourceUri`).
    pub fn resource(&self, connection: &Connection) -> Option<String> {
        connection
            .text(&format!("{}:resourceUri", self.config.parameter))
            .or_else(|| self.custom("resourceUri").map(str::to_string))
    }

    /// The URL of `endpoint` for this connection; `override_url` (a staging or loopback
    /// identity provider) wins.
    pub fn endpoint(
        &self,
        connection: &Connection,
        endpoint: Endpoint,
        override_url: Option<&str>,
    ) -> Option<String> {
        if let Some(u) = override_url {
            return Some(u.to_string());
        }
        if self.is_aad() {
            let version = if self.resource(connection).is_some() { "" } else { "/v2.0" };
            return Some(format!("{}/oauth2{version}/token", self.aad_authority(connection)));
        }
        if self.is_generic() {
            let (url, query) = match endpoint {
                Endpoint::Refresh => ("refreshUrlTemplate", "refreshUrlQueryStringTemplate"),
                Endpoint::Token => ("tokenUrlTemplate", "tokenUrlQueryStringTemplate"),
            };
            let mut out = self.render(self.custom(url)?, connection, None, true);
            if let Some(q) = self.custom(query) {
                let q = self.render(q, connection, None, true);
                out.push(if out.contains('?') { '&' } else { '?' });
                out.push_str(q.trim_start_matches('?'));
            }
            return Some(out);
        }
        let named = match endpoint {
            Endpoint::Refresh => self.custom("refreshUrl").or_else(|| self.custom("tokenUrl")),
            Endpoint::Token => self.custom("tokenUrl"),
        };
        named.map(str::to_string).or_else(|| self.config.swagger_token_url.clone())
    }

    /// Renders an `oauth2generic` template: `{Name}` placeholders, case-insensitive (spec §2.7).
    pub fn render(
        &self,
        template: &str,
        connection: &Connection,
        refresh_token: Option<&str>,
        url_encode: bool,
    ) -> String {
        let extra: &[(&str, &str)] = match refresh_token {
            Some(t) => &[("refreshtoken", t)],
            None => &[],
        };
        self.render_with(template, connection, extra, url_encode)
    }

    /// [`OAuthAuth::render`] with flow values (`state`, `code`, `refreshtoken`, lowercase
    /// names) that win over every other source.
    fn render_with(
        &self,
        template: &str,
        connection: &Connection,
        extra: &[(&str, &str)],
        url_encode: bool,
    ) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| (*v).to_string())
                .or_else(|| self.placeholder(name, connection));
            match value {
                Some(v) if url_encode => out.push_str(&crate::message::encode_query(&v)),
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn placeholder(&self, name: &str, connection: &Connection) -> Option<String> {
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "clientid" => return self.client_id(connection),
            "clientsecret" => return self.client_secret(connection),
            "refreshtoken" | "state" | "code" => return None,
            "scopes" | "scope" => return Some(self.scope_list()),
            "redirecturl" => return Some(self.redirect_url().to_string()),
            _ => {}
        }
        let prefix = format!("{}:", self.config.parameter);
        connection
            .values
            .keys()
            .find(|k| k.strip_prefix(&prefix).is_some_and(|s| s.eq_ignore_ascii_case(name)))
            .and_then(|k| connection.text(k))
            .or_else(|| self.custom(name).map(str::to_string))
    }

    /// The scopes joined with `scopeListDelimiter` (default a space).
    fn scope_list(&self) -> String {
        let delim = self.custom("scopeListDelimiter").unwrap_or(" ");
        self.config.scopes.join(delim)
    }

    /// The redirect URL registered with the provider.
    pub fn redirect_url(&self) -> &str {
        self.config
            .redirect_url
            .as_deref()
            .unwrap_or("https://global.consent.azure-apim.net/redirect")
    }

    /// The provider's authorize URL for the authorization-code flow with PKCE (S256): the
    /// settings' `authorizationUrl` (or the rendered `oauth2generic` template, the `aad`
    /// authority's, the swagger's) with `response_type=code`, `client_id`, `redirect_uri`,
    /// `scope`, `state`, `code_challenge` and `code_challenge_method` (spec §2.6). `None` when
    /// the connector names no authorize URL.
    pub fn authorize_url(
        &self,
        connection: &Connection,
        state: &str,
        code_challenge: &str,
    ) -> Option<String> {
        let redirect = self.redirect_url();
        let mut url = if self.is_aad() {
            let resource = self.resource(connection);
            let version = if resource.is_some() { "" } else { "/v2.0" };
            format!("{}/oauth2{version}/authorize", self.aad_authority(connection))
        } else if self.is_generic() {
            let extra = [("state", state), ("redirecturl", redirect)];
            let mut out = self.render_with(
                self.custom("authorizationUrlTemplate")?,
                connection,
                &extra,
                true,
            );
            if let Some(q) = self.custom("authorizationUrlQueryStringTemplate") {
                let q = self.render_with(q, connection, &extra, true);
                out.push(if out.contains('?') { '&' } else { '?' });
                out.push_str(q.trim_start_matches('?'));
            }
            // The templates carry the standard parameters themselves; only PKCE is added.
            return Some(append_query(
                out,
                &[("code_challenge", code_challenge), ("code_challenge_method", "S256")],
            ));
        } else {
            self.custom("authorizationUrl")
                .map(str::to_string)
                .or_else(|| self.config.swagger_authorization_url.clone())?
        };
        let client_id = self.client_id(connection).unwrap_or_default();
        let scope = self.scope_list();
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", client_id.as_str()),
            ("redirect_uri", redirect),
        ];
        if !scope.is_empty() {
            pairs.push(("scope", scope.as_str()));
        }
        let resource = if self.is_aad() { self.resource(connection) } else { None };
        if let Some(r) = &resource {
            pairs.push(("resource", r.as_str()));
        }
        pairs.extend([
            ("state", state),
            ("code_challenge", code_challenge),
            ("code_challenge_method", "S256"),
        ]);
        url = append_query(url, &pairs);
        Some(url)
    }

    /// `{loginUri}/{tenant}` for `aad`.
    fn aad_authority(&self, connection: &Connection) -> String {
        let login = self.custom("loginUri").unwrap_or("https://login.microsoftonline.com");
        let tenant = connection
            .text(&format!("{}:TenantId", self.config.parameter))
            .or_else(|| self.custom("tenantId").map(str::to_string))
            .unwrap_or_else(|| "common".into());
        format!("{}/{tenant}", login.trim_end_matches('/'))
    }

    /// Exchanges an authorization code (with its PKCE verifier) at the token endpoint:
    /// `grant_type=authorization_code`, `code`, `redirect_uri`, `code_verifier`, the client id
    /// and secret (or the rendered `tokenBodyTemplate` for `oauth2generic`).
    pub async fn exchange_code(
        &self,
        http: &HttpClient,
        connection: &Connection,
        exchange: CodeExchange<'_>,
        override_url: Option<&str>,
        timeout: Duration,
    ) -> Result<OAuthToken, InvokeError> {
        let Some(url) = self.endpoint(connection, Endpoint::Token, override_url) else {
            return Err(InvokeError::internal(
                Phase::Authenticate,
                "NoTokenEndpoint",
                500,
                format!(
                    "the '{}' OAuth settings ({}) name no token URL",
                    self.config.parameter, self.config.identity_provider
                ),
            ));
        };
        let template = self.custom("tokenBodyTemplate").filter(|_| self.is_generic());
        let body = if let Some(t) = template {
            let extra = [("code", exchange.code), ("redirecturl", exchange.redirect_uri)];
            let rendered = self.render_with(t, connection, &extra, true);
            TokenBody::Raw(with_verifier(&rendered, exchange.code_verifier))
        } else {
            let mut form = vec![
                ("grant_type".to_string(), "authorization_code".to_string()),
                ("code".to_string(), exchange.code.to_string()),
                ("redirect_uri".to_string(), exchange.redirect_uri.to_string()),
                ("code_verifier".to_string(), exchange.code_verifier.to_string()),
            ];
            self.push_client(connection, &mut form);
            if self.is_aad()
                && let Some(r) = self.resource(connection)
            {
                form.push(("resource".into(), r));
            }
            TokenBody::Form(form)
        };
        request_token(http, &url, body, timeout).await
    }

    /// Sets `Authorization: Bearer <token>`.
    pub fn inject(&self, access_token: &str, request: &mut Request) {
        request.headers.set("Authorization", format!("Bearer {access_token}"));
    }

    /// Exchanges `token`'s refresh token at the refresh endpoint. The previous refresh token is
    /// kept when the answer carries none (spec §2.8).
    pub async fn refresh(
        &self,
        http: &HttpClient,
        connection: &Connection,
        token: &OAuthToken,
        override_url: Option<&str>,
        timeout: Duration,
    ) -> Result<OAuthToken, InvokeError> {
        let Some(refresh_token) = token.refresh_token.as_deref() else {
            return Err(unauthenticated(
                "the access token has expired and the connection has no refresh_token; sign in again",
            ));
        };
        let Some(url) = self.endpoint(connection, Endpoint::Refresh, override_url) else {
            return Err(InvokeError::internal(
                Phase::Authenticate,
                "NoTokenEndpoint",
                500,
                format!(
                    "the access token needs refreshing but the '{}' OAuth settings ({}) name no refresh or token URL",
                    self.config.parameter, self.config.identity_provider
                ),
            ));
        };
        let template = self.custom("refreshBodyTemplate").filter(|_| self.is_generic());
        let body = if let Some(t) = template {
            TokenBody::Raw(self.render(t, connection, Some(refresh_token), true))
        } else {
            {
                let mut form = vec![
                    ("grant_type".to_string(), "refresh_token".to_string()),
                    ("refresh_token".to_string(), refresh_token.to_string()),
                ];
                self.push_client(connection, &mut form);
                if self.is_aad()
                    && let Some(r) = self.resource(connection)
                {
                    form.push(("resource".into(), r));
                } else if !self.config.scopes.is_empty() {
                    form.push(("scope".into(), self.config.scopes.join(" ")));
                }
                TokenBody::Form(form)
            }
        };
        let mut fresh = request_token(http, &url, body, timeout).await?;
        if fresh.refresh_token.is_none() {
            fresh.refresh_token = Some(refresh_token.to_string());
        }
        Ok(fresh)
    }

    pub(crate) fn push_client(&self, connection: &Connection, form: &mut Vec<(String, String)>) {
        if let Some(id) = self.client_id(connection) {
            form.push(("client_id".into(), id));
        }
        if let Some(secret) = self.client_secret(connection) {
            form.push(("client_secret".into(), secret));
        }
    }
}

/// What the redirect brought back, for [`OAuthAuth::exchange_code`].
#[derive(Clone, Copy, Debug)]
pub struct CodeExchange<'a> {
    /// The authorization code.
    pub code: &'a str,
    /// The PKCE code verifier whose S256 challenge the authorize URL carried.
    pub code_verifier: &'a str,
    /// The redirect URI the authorize URL carried (sent again, as RFC 6749 requires).
    pub redirect_uri: &'a str,
}

/// `url` with `pairs` appended to its query, percent-encoded.
fn append_query(mut url: String, pairs: &[(&str, &str)]) -> String {
    for (k, v) in pairs {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&crate::message::encode_query(k));
        url.push('=');
        url.push_str(&crate::message::encode_query(v));
    }
    url
}

/// A rendered token body with `code_verifier` added: a JSON member when the body is a JSON
/// object, a form field otherwise.
fn with_verifier(body: &str, verifier: &str) -> String {
    if let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str(body) {
        map.insert("code_verifier".into(), verifier.into());
        return serde_json::Value::Object(map).to_string();
    }
    let separator = if body.is_empty() { "" } else { "&" };
    format!("{body}{separator}code_verifier={}", crate::message::encode_query(verifier))
}

/// A token request body.
pub(crate) enum TokenBody {
    /// `application/x-www-form-urlencoded` fields.
    Form(Vec<(String, String)>),
    /// A rendered template: JSON when it parses as JSON, else form-encoded text.
    Raw(String),
}

pub(crate) fn unauthenticated(message: impl Into<String>) -> InvokeError {
    InvokeError::client(Phase::Authenticate, "Unauthenticated", 401, message)
}

/// Posts a token request and reads `{access_token, refresh_token?, expires_in?}`.
pub(crate) async fn request_token(
    http: &HttpClient,
    url: &str,
    body: TokenBody,
    timeout: Duration,
) -> Result<OAuthToken, InvokeError> {
    let refused = |r: &crate::EgressRefused| {
        crate::egress::refused_error(Phase::Authenticate, "the token endpoint", r)
    };
    http.check(url).map_err(|r| refused(&r))?;
    let builder = http.client().post(url).timeout(timeout).header("Accept", "application/json");
    let builder = match body {
        TokenBody::Form(fields) => {
            let text: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}={}",
                        crate::message::encode_query(k),
                        crate::message::encode_query(v)
                    )
                })
                .collect();
            builder.header("Content-Type", "application/x-www-form-urlencoded").body(text.join("&"))
        }
        TokenBody::Raw(text) => {
            let ct = if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            builder.header("Content-Type", ct).body(text)
        }
    };
    let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string));
    let host = host.unwrap_or_else(|| url.to_string());
    let response = builder.send().await.map_err(|e| {
        if let Some(r) = crate::egress::refusal(&e) {
            return refused(r);
        }
        InvokeError::upstream(
            Phase::Authenticate,
            "TokenEndpointUnreachable",
            502,
            true,
            format!("the token endpoint at {host} could not be reached: {e}"),
        )
    })?;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    if !(200..300).contains(&status) {
        let reason = json
            .get("error")
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| format!("HTTP {status}"), |e| format!("{e} (HTTP {status})"));
        return Err(if (400..500).contains(&status) {
            unauthenticated(format!(
                "the token endpoint at {host} refused the grant: {reason}; the connection needs signing in again"
            ))
        } else {
            InvokeError::upstream(
                Phase::Authenticate,
                "TokenEndpointFailed",
                502,
                true,
                format!("the token endpoint at {host} failed: {reason}"),
            )
        });
    }
    let Some(access_token) = json.get("access_token").and_then(serde_json::Value::as_str) else {
        return Err(InvokeError::upstream(
            Phase::Authenticate,
            "MalformedTokenResponse",
            502,
            false,
            format!("the token endpoint at {host} answered without an access_token"),
        ));
    };
    let expires_in = json
        .get("expires_in")
        .and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
    let absolute_expiry = json
        .get("expires_on")
        .and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
    Ok(OAuthToken {
        access_token: access_token.to_string(),
        refresh_token: json
            .get("refresh_token")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string),
        expires_at: absolute_expiry.or_else(|| expires_in.map(|s| crate::clock::unix_now() + s)),
    })
}
