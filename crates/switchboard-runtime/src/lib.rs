//! The connector runtime: executes an operation of a connector against its real backend, as
//! the Power Platform runtime would, and shows what it did.
//!
//! An invocation runs as named, ordered phases over one per-call context (see [`Phase`]):
//! resolve route → authenticate → request policies → send → response policies → on failure.
//! Policy templates, auth schemes and trigger kinds are serde config structs whose `build()`
//! returns the runtime object; the linter validates a connector's policies by calling the same
//! `build()`, so the two cannot disagree.

pub mod connection;
pub mod error;
pub mod message;
pub mod policies;

pub use connection::{Connection, OAuthToken};
pub use error::{Fault, InvokeError};
pub use message::{Body, Headers, Request, Response};

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
    /// Failure-stage policy templates (transport failure or 5xx).
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
