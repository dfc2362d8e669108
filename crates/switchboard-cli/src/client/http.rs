//! The HTTP client of a Switchboard server: one request at a time on a single-threaded async
//! runtime, bearer token on every request, the server's error bodies turned into
//! [`ServerError`]s.

use std::fmt::{self, Write as _};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;
use switchboard_store::SecretString;

use super::credentials::Target;

/// Uploads and downloads of large connectors on slow links still finish well inside this.
const TIMEOUT: Duration = Duration::from_secs(300);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// A server and the token to show it.
pub struct Api {
    server: String,
    token: SecretString,
    http: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

/// A 2xx answer.
#[derive(Debug)]
pub struct Reply {
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> anyhow::Result<T> {
        serde_json::from_slice(&self.body)
            .context("the server's answer is not the JSON expected (is this a Switchboard server?)")
    }
}

/// A request body.
pub struct Body {
    /// Its content type.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A non-2xx answer, with the server's `{"message","code","type","link"}` body when it sent one.
#[derive(Debug, Clone)]
pub struct ServerError {
    /// The HTTP status.
    pub status: u16,
    /// The stable code (`invalid_token`), or `http_STATUS` when the body was not an error body.
    pub code: String,
    /// The server's message.
    pub message: String,
    /// Where the code is documented.
    pub link: Option<String>,
    /// `GET http://…/api/v1/me`.
    pub request: String,
    /// The whole body, for the fields some codes add (`diagnostics`, `summary`).
    pub body: serde_json::Value,
    /// What to do about it, when this command knows better than the generic advice.
    pub hint: Option<String>,
}

impl ServerError {
    fn from_reply(status: u16, request: String, body: &[u8]) -> Self {
        let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        match (text("code"), text("message")) {
            (Some(code), Some(message)) => {
                Self { status, code, message, link: text("link"), request, body: value, hint: None }
            }
            _ => Self {
                status,
                code: format!("http_{status}"),
                message: format!(
                    "the server answered {status} without a Switchboard error body (is this a \
                     Switchboard server, or a proxy in front of one?)"
                ),
                link: None,
                request,
                body: value,
                hint: None,
            },
        }
    }

    /// Replaces the generic advice.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The advice for this code when the command gave none.
    fn default_hint(&self) -> Option<&'static str> {
        Some(match self.code.as_str() {
            "invalid_token" | "missing_token" => {
                "the server rejected the token: log in again with `switchboard login --server \
                 URL --token-stdin`, or check SWITCHBOARD_TOKEN"
            }
            "not_a_user" => {
                "the platform administrator's token cannot publish; log in with a user's token"
            }
            "forbidden" => "you can see this but may not change it: ask its owner for `edit`",
            _ => return None,
        })
    }

    /// `error[code]: message` with the request, advice and documentation link, as the CLI
    /// prints it.
    pub fn render(&self) -> String {
        let mut out = format!("error[{}]: {}\n", self.code, self.message);
        let _ = writeln!(out, "  = server: {} answered {}", self.request, self.status);
        if let Some(hint) = self.hint.as_deref().or_else(|| self.default_hint()) {
            let _ = writeln!(out, "  = help: {hint}");
        }
        if let Some(link) = &self.link {
            let _ = writeln!(out, "  = see: {link}");
        }
        out
    }
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code, self.message)
    }
}

impl std::error::Error for ServerError {}

impl Api {
    /// A client of `target`.
    pub fn new(target: Target) -> anyhow::Result<Api> {
        use rustls_platform_verifier::BuilderVerifierExt as _;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .context("cannot set up TLS")?
            .with_platform_verifier()
            .context("cannot load the platform's root certificates")?
            .with_no_client_auth();
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            // The API never redirects; following one could carry the token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("switchboard/", env!("CARGO_PKG_VERSION")));
        // A server on this machine is never reached through a proxy named in the environment.
        if is_loopback(&target.server) {
            builder = builder.no_proxy();
        }
        let http = builder.build().context("cannot set up the HTTP client")?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        Ok(Api { server: target.server, token: target.token, http, runtime })
    }

    /// The server's base URL.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> anyhow::Result<Result<Reply, ServerError>> {
        self.send(Method::GET, path, &[], &[], None)
    }

    /// Sends a request to `path` (below the server's base URL) with `query` pairs and extra
    /// `headers`. `Err` when the server could not be reached; `Ok(Err)` for a non-2xx answer.
    pub fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        headers: &[(&str, String)],
        body: Option<Body>,
    ) -> anyhow::Result<Result<Reply, ServerError>> {
        let mut url = reqwest::Url::parse(&format!("{}{path}", self.server))
            .with_context(|| format!("cannot build a URL from {}{path}", self.server))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let shown = format!("{method} {url}");
        let mut request = self.http.request(method, url).bearer_auth(self.token.expose());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, body.content_type).body(body.bytes);
        }
        let server = &self.server;
        self.runtime.block_on(async move {
            let response = request.send().await.map_err(|e| unreachable(server, e))?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .with_context(|| format!("the connection to {server} broke during the answer"))?
                .to_vec();
            Ok(if (200..300).contains(&status) {
                Ok(Reply { headers, body })
            } else {
                Err(ServerError::from_reply(status, shown, &body))
            })
        })
    }
}

/// `value` as one path segment: everything but unreserved characters percent-encoded, so an id
/// typed by hand cannot change the path (`.` and `..`, which URLs resolve even encoded, and the
/// empty id are refused).
pub fn segment(what: &str, value: &str) -> anyhow::Result<String> {
    if matches!(value, "" | "." | "..") {
        anyhow::bail!("`{value}` is not a {what} id");
    }
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    Ok(out)
}

fn unreachable(server: &str, e: reqwest::Error) -> anyhow::Error {
    let what = if e.is_timeout() {
        "did not answer in time"
    } else if e.is_connect() {
        "cannot be reached"
    } else {
        "failed to answer"
    };
    anyhow::Error::new(e).context(format!("the Switchboard server at {server} {what}"))
}

/// Whether `server` is on this machine.
pub fn is_loopback(server: &str) -> bool {
    let url = reqwest::Url::parse(server).ok();
    let Some(host) = url.as_ref().and_then(reqwest::Url::host_str) else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies() {
        let body = br#"{"message":"The bearer token is not valid.","code":"invalid_token","type":"auth","link":"https://x/API-ERRORS.md#invalid_token"}"#;
        let e = ServerError::from_reply(401, "GET http://127.0.0.1:1/api/v1/me".into(), body);
        assert_eq!(
            e.render(),
            "error[invalid_token]: The bearer token is not valid.\n\
             \x20 = server: GET http://127.0.0.1:1/api/v1/me answered 401\n\
             \x20 = help: the server rejected the token: log in again with `switchboard login \
             --server URL --token-stdin`, or check SWITCHBOARD_TOKEN\n\
             \x20 = see: https://x/API-ERRORS.md#invalid_token\n"
        );
        let e = ServerError::from_reply(502, "GET http://x/".into(), b"<html>Bad gateway</html>");
        assert_eq!(e.code, "http_502");
        assert!(e.render().contains("without a Switchboard error body"));
    }

    #[test]
    fn segments() {
        assert_eq!(segment("connector", "28ee58f9-0c1d").unwrap(), "28ee58f9-0c1d");
        assert_eq!(segment("connector", "../tenants?x=1").unwrap(), "..%2Ftenants%3Fx%3D1");
        assert!(segment("connector", "..").is_err());
        assert!(segment("connector", "").is_err());
    }

    #[test]
    fn loopback() {
        assert!(is_loopback("http://127.0.0.1:8080"));
        assert!(is_loopback("http://localhost:8080"));
        assert!(is_loopback("http://[::1]:8080"));
        assert!(!is_loopback("https://registry.contoso.com"));
    }
}
