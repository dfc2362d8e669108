//! The registry server: tenants, users, environments, connectors with immutable versions and
//! sharing, over a JSON HTTP API.
//!
//! [`app`] builds the router from the route table in [`routes`]; `switchboard serve` and the
//! tests share it. Everything durable is in the [`Store`]; the only in-process state is the
//! metrics (per node by nature), so several servers can share one PostgreSQL database.
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
pub mod errors;
mod extract;
pub mod metrics;
pub mod openapi;
pub mod routes;
mod upload;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use switchboard_runtime::{Runtime, RuntimeError, RuntimeOptions};
use switchboard_store::{SecretString, Store};

use crate::auth::{Caller, PathParams};
use crate::errors::{ApiError, ErrorCode};
use crate::metrics::Metrics;
use crate::routes::{ROUTES, Route};

pub use extract::Ctx;

/// The environment variable holding the platform administrator's bearer token.
pub const ADMIN_TOKEN_ENV: &str = "SWITCHBOARD_ADMIN_TOKEN";

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
}

impl Default for Config {
    fn default() -> Self {
        Self { admin_token: None, allow_private_network: false, max_body_bytes: 32 * 1024 * 1024 }
    }
}

impl Config {
    /// The defaults, with the administrator token from `SWITCHBOARD_ADMIN_TOKEN` when set and
    /// not empty.
    pub fn from_env() -> Self {
        let admin_token = std::env::var(ADMIN_TOKEN_ENV)
            .ok()
            .filter(|t| !t.trim().is_empty())
            .map(|t| SecretString::new(t.trim()));
        Self { admin_token, ..Self::default() }
    }
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
}

impl AppState {
    /// State over `store` with a runtime of default options.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<Self, RuntimeError> {
        let runtime = Runtime::new(RuntimeOptions::default())?;
        Ok(Self {
            store,
            runtime: Arc::new(runtime),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
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
