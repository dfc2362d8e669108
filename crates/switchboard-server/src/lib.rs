//! The registry server: tenants, users, environments, connectors with immutable versions and
//! sharing, connections with encrypted secrets and the OAuth authorization-code flow, and
//! invocations through the connector runtime, over a JSON HTTP API.
//!
//! [`app`] builds the router from the route table in [`routes`]; `switchboard serve` and the
//! tests share it. Everything durable is in the [`Store`], rate-limit buckets included; the
//! in-process state is the metrics (per node by nature), the compiled-connector cache (keyed by
//! connector and version, which are immutable, so every node's copy is right) and the runtime's
//! cache of refreshed tokens (keyed by the stored token it replaced, which every node writes
//! back to the store) — so several servers can share one PostgreSQL database.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let store = switchboard_store::open("./switchboard-data").await?;
//! let state = switchboard_server::AppState::new(store, switchboard_server::Config::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, switchboard_server::app(state)).await?;
//! # Ok(()) }
//! ```

pub mod api;
pub mod auth;
pub mod compiled;
pub mod connection_params;
pub mod errors;
mod extract;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;
pub mod routes;
mod upload;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use switchboard_runtime::{NetworkAccess, RetryPolicy, Runtime, RuntimeError, RuntimeOptions};
use switchboard_store::{SecretString, Store};

use crate::auth::{Caller, PathParams};
use crate::errors::{ApiError, ErrorCode};
use crate::metrics::Metrics;
use crate::routes::{ROUTES, Route};

pub use extract::Ctx;

/// The environment variable holding the platform administrator's bearer token.
pub const ADMIN_TOKEN_ENV: &str = "SWITCHBOARD_ADMIN_TOKEN";
/// The environment variable holding the server's public base URL (`--public-url`).
pub const PUBLIC_URL_ENV: &str = "SWITCHBOARD_PUBLIC_URL";
/// The OAuth redirect endpoint, under the public base URL.
pub const OAUTH_REDIRECT_PATH: &str = "/api/v1/oauth/redirect";

/// The server's configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The platform administrator's token (`SWITCHBOARD_ADMIN_TOKEN`); without one, nobody is
    /// platform administrator and tenants cannot be created over the API.
    pub admin_token: Option<SecretString>,
    /// Whether connector invocations may reach loopback, link-local and private addresses
    /// (`--allow-private-network`).
    pub allow_private_network: bool,
    /// The largest request body accepted (connector uploads), in bytes.
    pub max_body_bytes: usize,
    /// The URL this server is reached at (`--public-url`, `SWITCHBOARD_PUBLIC_URL`), such as
    /// `https://switchboard.example.com`: the OAuth redirect URL registered with providers is
    /// this plus [`OAUTH_REDIRECT_PATH`]. `None`: `switchboard serve` (and the tests) set it
    /// from the listening address.
    pub public_url: Option<String>,
    /// Options of the runtime that invokes operations: timeouts, the per-connection rate limit
    /// (default 500 per minute, counted in the store so every server shares it), retries (none:
    /// the caller of a synchronous API retries, with the backend's `Retry-After` passed on).
    /// Its `network` is set from `allow_private_network`.
    pub runtime: RuntimeOptions,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            admin_token: None,
            allow_private_network: false,
            max_body_bytes: 32 * 1024 * 1024,
            public_url: None,
            runtime: RuntimeOptions { retry: RetryPolicy::None, ..RuntimeOptions::default() },
        }
    }
}

impl Config {
    /// The defaults, with the administrator token from `SWITCHBOARD_ADMIN_TOKEN` and the public
    /// URL from `SWITCHBOARD_PUBLIC_URL` when set and not empty.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|t| !t.trim().is_empty());
        let admin_token = var(ADMIN_TOKEN_ENV).map(|t| SecretString::new(t.trim()));
        let public_url = var(PUBLIC_URL_ENV).map(|u| u.trim().trim_end_matches('/').to_owned());
        Self { admin_token, public_url, ..Self::default() }
    }

    /// The public base URL, without a trailing `/` (`http://127.0.0.1:8080` when unset).
    pub fn public_url(&self) -> &str {
        self.public_url.as_deref().map_or("http://127.0.0.1:8080", |u| u.trim_end_matches('/'))
    }

    /// The OAuth redirect URL to register with providers.
    pub fn oauth_redirect_url(&self) -> String {
        format!("{}{OAUTH_REDIRECT_PATH}", self.public_url())
    }
}

/// `text` as a public base URL: an absolute `http` or `https` URL without query or fragment,
/// returned without a trailing `/`; `None` otherwise.
pub fn normalize_public_url(text: &str) -> Option<String> {
    let text = text.trim();
    let parsed = url::Url::parse(text).ok()?;
    let usable = matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some()
        && parsed.query().is_none()
        && parsed.fragment().is_none();
    usable.then(|| text.trim_end_matches('/').to_owned())
}

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The storage.
    pub store: Arc<dyn Store>,
    /// The connector runtime (HTTP client, rate limiter, token cache) for invocations.
    pub runtime: Arc<Runtime>,
    /// The configuration.
    pub config: Arc<Config>,
    /// Request metrics of this node.
    pub metrics: Arc<Metrics>,
    /// Compiled connectors by (connector, version).
    pub compiled: Arc<compiled::CompiledCache>,
}

impl AppState {
    /// State over `store`: a runtime with `config.runtime`, refusing private addresses unless
    /// `config.allow_private_network`, whose rate limiter counts in the store.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<Self, RuntimeError> {
        let mut options = config.runtime.clone();
        options.network = if config.allow_private_network {
            NetworkAccess::Any
        } else {
            NetworkAccess::PublicOnly
        };
        let limiter = rate_limit::StoreRateLimiter::new(
            store.clone(),
            options.rate_limit,
            options.rate_limit_period,
        );
        let runtime = Runtime::new(options)?.with_rate_limiter(Arc::new(limiter));
        Ok(Self {
            store,
            runtime: Arc::new(runtime),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
            compiled: Arc::new(compiled::CompiledCache::default()),
        })
    }
}

/// The router: every route of [`ROUTES`], each behind its authorisation check and metrics.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for route in ROUTES {
        let layer = axum::middleware::from_fn_with_state((state.clone(), route), guard);
        router = router.route(route.path, (route.handler)().route_layer(layer));
    }
    router
        .fallback(route_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(state.config.max_body_bytes))
        .with_state(state)
}

struct Params(Option<RawPathParams>);

impl PathParams for Params {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.as_ref()?.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

/// Runs before every handler: authenticates, checks the route's permission, hands the handler
/// the caller and what the check resolved, and records the request's metrics.
async fn guard(
    State((state, route)): State<(AppState, &'static Route)>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let (mut parts, body) = request.into_parts();
    let response = match check(&state, route, &mut parts).await {
        Ok(ctx) => {
            parts.extensions.insert(ctx);
            next.run(Request::from_parts(parts, body)).await
        }
        Err(error) => error.into_response(),
    };
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    state.metrics.record(route.method.as_str(), route.path, status, elapsed);
    tracing::info!(
        method = %route.method,
        route = route.path,
        status,
        elapsed_ms = elapsed.as_secs_f64() * 1e3,
        "request"
    );
    response
}

async fn check(
    state: &AppState,
    route: &'static Route,
    parts: &mut Parts,
) -> Result<Ctx, ApiError> {
    use axum::extract::FromRequestParts as _;
    let caller = if route.permission.needs_token() {
        auth::authenticate(&*state.store, state.config.admin_token.as_ref(), &parts.headers).await?
    } else {
        Caller::Anonymous
    };
    let params = Params(RawPathParams::from_request_parts(parts, state).await.ok());
    let grant = auth::authorize(&*state.store, &caller, route.permission, &params).await?;
    Ok(Ctx { caller, grant, route })
}

async fn route_not_found(State(state): State<AppState>, request: Request) -> Response {
    state.metrics.record(request.method().as_str(), "unmatched", 404, std::time::Duration::ZERO);
    ApiError::new(ErrorCode::RouteNotFound).into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::new(ErrorCode::MethodNotAllowed).into_response()
}
