//! The connector runtime: executes an operation of a connector against its real backend, as
//! the Power Platform runtime would, and shows what it did.
//!
//! Config, then build, then run: [`CompiledConnector::build`] turns a loaded connector into
//! owned operation specs, auth schemes and built policies; a [`Runtime`] (HTTP client, rate
//! limiter, token cache) runs [`Call`]s against it.
//!
//! An invocation runs as named, ordered phases over one per-call context (see [`Phase`]):
//! resolve route → authenticate → request policies → send → response policies → on failure.
//! Policy templates, auth schemes and trigger kinds are serde config structs whose `build()`
//! returns the runtime object; the linter validates a connector's policies by calling the same
//! `build()`, so the two cannot disagree.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use switchboard_runtime::{Call, CompileOptions, CompiledConnector, Connection, Runtime, RuntimeOptions};
//! let loaded = switchboard_model::Connector::load("MyConnector".as_ref())?;
//! let (connector, _warnings) = CompiledConnector::build(&loaded, CompileOptions::default())?;
//! let runtime = Runtime::new(RuntimeOptions::default())?;
//! let connection: Connection = serde_json::from_str(r#"{"api_key": "secret"}"#)?;
//! let outcome = runtime.invoke(&connector, &connection, Call::new("ListItems").arg("top", 5)).await?;
//! println!("{}", outcome.response.status);
//! # Ok(()) }
//! ```

pub mod auth;
pub mod call;
mod clock;
pub mod compile;
pub mod connection;
pub mod dynamic_values;
pub mod egress;
pub mod error;
pub mod message;
mod pipeline;
pub mod policies;
pub mod rate_limit;
pub mod retry;
mod runtime;
pub mod trace;

pub use call::{Call, LroMode, Outcome};
pub use compile::{CompileError, CompileOptions, CompiledConnector, Diagnostic};
pub use connection::{Connection, OAuthToken};
pub use dynamic_values::{DynamicValue, DynamicValues};
pub use egress::{EgressRefused, NetworkAccess};
pub use error::{Fault, InvokeError};
pub use message::{Body, Headers, Request, Response};
pub use pipeline::build::{BuiltRequest, build_request};
pub use rate_limit::{RateLimiter, TokenBucket};
pub use retry::RetryPolicy;
pub use runtime::{Runtime, RuntimeError, RuntimeOptions};
pub use trace::{Trace, TraceEvent};

/// The phases of an invocation, in order. Traces and errors name the phase they come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Find the operation, bind and validate its parameters, build the request.
    ResolveRoute,
    /// Add credentials from the connection.
    Authenticate,
    /// Request-stage policy templates, in declared order.
    RequestPolicies,
    /// The HTTP exchange with the backend (with retries).
    Send,
    /// Response-stage policy templates, in declared order.
    ResponsePolicies,
    /// Failure-stage policy templates: on 5xx answers; a transport failure leaves no response
    /// for them to change, so they are traced as skipped and the transport error stands.
    OnFailure,
}

impl Phase {
    /// The kebab-case name used in traces.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::ResolveRoute => "resolve-route",
            Phase::Authenticate => "authenticate",
            Phase::RequestPolicies => "request-policies",
            Phase::Send => "send",
            Phase::ResponsePolicies => "response-policies",
            Phase::OnFailure => "on-failure",
        }
    }
}
