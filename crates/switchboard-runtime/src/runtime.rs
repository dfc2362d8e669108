//! [`Runtime`]: the HTTP client, options, rate limiter and token cache shared by invocations.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::egress::{HttpClient, NetworkAccess, PublicOnlyResolver};
use crate::rate_limit::{RateLimiter, TokenBucket};
use crate::retry::RetryPolicy;
use crate::{Call, CompiledConnector, Connection, InvokeError, OAuthToken, Outcome, Trace};

/// Runtime-wide options. Defaults are the platform's (spec §7).
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeOptions {
    /// Backend call timeout (default 120 s).
    pub timeout: Duration,
    /// Retry policy for 408/429/5xx and connection failures (default: exponential, 4 retries).
    pub retry: RetryPolicy,
    /// A `Retry-After` longer than this is not waited for: the response goes back to the caller
    /// (default 120 s).
    pub max_retry_after: Duration,
    /// Total wait for a long-running operation (default 10 min).
    pub lro_timeout: Duration,
    /// Poll interval when a 202 carries no `Retry-After` (default 20 s, as Logic Apps).
    pub lro_default_interval: Duration,
    /// Refresh OAuth tokens expiring within this margin (default 5 min).
    pub refresh_margin: Duration,
    /// Largest response body accepted (default 100 MB).
    pub max_body_bytes: usize,
    /// Requests per connection per [`RuntimeOptions::rate_limit_period`] (default 500).
    pub rate_limit: u32,
    /// The rate-limit period (default 60 s).
    pub rate_limit_period: Duration,
    /// Which addresses backend and token calls may reach (default: any; a server invoking
    /// connectors for others uses [`NetworkAccess::PublicOnly`]).
    pub network: NetworkAccess,
}

impl Default for RuntimeOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            max_retry_after: Duration::from_secs(120),
            lro_timeout: Duration::from_secs(600),
            lro_default_interval: Duration::from_secs(20),
            refresh_margin: Duration::from_secs(300),
            max_body_bytes: 100 * 1024 * 1024,
            rate_limit: 500,
            rate_limit_period: Duration::from_secs(60),
            network: NetworkAccess::Any,
        }
    }
}

/// Why a runtime could not be created.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// The TLS configuration could not be built (no usable root certificates).
    #[error("cannot set up TLS: {0}")]
    Tls(String),
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

/// The tokens one connection obtained during calls (refreshes, client credentials).
#[derive(Debug, Default)]
pub(crate) struct TokenSlot {
    /// The connection's access token the cached one replaced.
    pub(crate) original: Option<String>,
    /// The newest token.
    pub(crate) token: Option<OAuthToken>,
}

/// Executes operations. Create one and share it: it holds the connection pool, the rate
/// limiter and the token cache.
#[derive(Debug)]
pub struct Runtime {
    pub(crate) http: HttpClient,
    pub(crate) options: RuntimeOptions,
    pub(crate) limiter: Arc<dyn RateLimiter>,
    tokens: Mutex<HashMap<String, Arc<tokio::sync::Mutex<TokenSlot>>>>,
}

impl Runtime {
    /// A runtime with `options`, the in-memory rate limiter, and an HTTP client using rustls
    /// with the `ring` provider and the platform's root certificates.
    pub fn new(options: RuntimeOptions) -> Result<Self, RuntimeError> {
        Self::with_client(options, |builder| builder)
    }

    /// Like [`Runtime::new`], with `configure` applied to the HTTP client's builder (root
    /// certificates, timeouts, default headers, name overrides…). Whatever `configure` sets,
    /// the client never follows redirects (the pipeline follows what it must itself, through
    /// the same checks), and under [`NetworkAccess::PublicOnly`] it resolves names with
    /// [`PublicOnlyResolver`] and uses no proxy (a proxy would resolve names where the guard
    /// cannot see them).
    pub fn with_client(
        options: RuntimeOptions,
        configure: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Result<Self, RuntimeError> {
        use rustls_platform_verifier::BuilderVerifierExt as _;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| RuntimeError::Tls(e.to_string()))?
            .with_platform_verifier()
            .map_err(|e| RuntimeError::Tls(e.to_string()))?
            .with_no_client_auth();
        tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        let builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .no_proxy()
            .pool_idle_timeout(Duration::from_secs(90));
        let mut builder = configure(builder).redirect(reqwest::redirect::Policy::none());
        if options.network == NetworkAccess::PublicOnly {
            builder = builder.dns_resolver(PublicOnlyResolver).no_proxy();
        }
        let client = builder.build().map_err(|e| RuntimeError::Client(e.to_string()))?;
        let http = HttpClient::new(client, options.network);
        let limiter = Arc::new(TokenBucket::new(options.rate_limit, options.rate_limit_period));
        Ok(Self { http, options, limiter, tokens: Mutex::new(HashMap::new()) })
    }

    /// Replaces the rate limiter (a multi-node registry shares one across processes).
    #[must_use]
    pub fn with_rate_limiter(mut self, limiter: Arc<dyn RateLimiter>) -> Self {
        self.limiter = limiter;
        self
    }

    /// The options.
    pub fn options(&self) -> &RuntimeOptions {
        &self.options
    }

    /// Invokes `call.operation_id` of `connector` with `connection`.
    pub async fn invoke(
        &self,
        connector: &CompiledConnector,
        connection: &Connection,
        call: Call,
    ) -> Result<Outcome, InvokeError> {
        self.invoke_traced(connector, connection, call).await.0
    }

    /// Like [`Runtime::invoke`], and also returns the trace recorded so far when the call
    /// fails (empty unless `call.trace`).
    pub async fn invoke_traced(
        &self,
        connector: &CompiledConnector,
        connection: &Connection,
        call: Call,
    ) -> (Result<Outcome, InvokeError>, Trace) {
        crate::pipeline::invoke(self, connector, connection, &call).await
    }

    /// Completes the authorization-code flow of `connector`'s OAuth scheme: exchanges the code
    /// at the token endpoint (or the connector's token URL override), through this runtime's
    /// HTTP client and its egress guard.
    pub async fn exchange_authorization_code(
        &self,
        connector: &CompiledConnector,
        connection: &Connection,
        exchange: crate::auth::CodeExchange<'_>,
    ) -> Result<OAuthToken, InvokeError> {
        let Some(oauth) = connector.oauth() else {
            return Err(InvokeError::client(
                crate::Phase::Authenticate,
                "NotOAuth",
                400,
                format!("connector '{}' has no OAuth 2 security definition", connector.name),
            ));
        };
        oauth
            .exchange_code(
                &self.http,
                connection,
                exchange,
                connector.token_url_override.as_deref(),
                self.options.timeout,
            )
            .await
    }

    pub(crate) fn token_slot(&self, connection_id: &str) -> Arc<tokio::sync::Mutex<TokenSlot>> {
        let mut map = self.tokens.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(connection_id.to_string()).or_default().clone()
    }
}
