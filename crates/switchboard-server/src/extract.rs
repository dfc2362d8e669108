//! Extractors whose failures answer in the API's error format (axum's own rejections answer
//! in plain text).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use switchboard_store::{Authenticated, Connection, Environment, Group, Tenant, VisibleConnector};

use crate::auth::{Caller, Grant};
use crate::errors::{ApiError, ErrorCode};
use crate::routes::Route;

/// The caller and what the route's permission check resolved (set by the guard in `lib.rs`).
#[derive(Clone, Debug)]
pub struct Ctx {
    /// Who is asking.
    pub caller: Caller,
    /// What the check resolved.
    pub grant: Grant,
    /// The route being served.
    pub route: &'static Route,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(|| {
            tracing::error!(path = %parts.uri.path(), "handler reached without the guard");
            ApiError::new(ErrorCode::Internal)
        })
    }
}

/// A grant of the wrong kind for the handler: the route table pairs a handler with a
/// permission that resolves something else.
fn wrong_grant(ctx: &Ctx) -> ApiError {
    tracing::error!(
        route = ctx.route.path,
        "handler expects another grant than its permission gives"
    );
    ApiError::new(ErrorCode::Internal)
}

impl Ctx {
    /// The tenant resolved from `{tenant}`.
    pub fn tenant(&self) -> Result<&Tenant, ApiError> {
        match &self.grant {
            Grant::Tenant(t) => Ok(t),
            _ => Err(wrong_grant(self)),
        }
    }

    /// The group resolved from `{group}`.
    pub fn group(&self) -> Result<&Group, ApiError> {
        match &self.grant {
            Grant::Group(g) => Ok(g),
            _ => Err(wrong_grant(self)),
        }
    }

    /// The environment resolved from `{env}`.
    pub fn environment(&self) -> Result<&Environment, ApiError> {
        match &self.grant {
            Grant::Environment(e) => Ok(e),
            _ => Err(wrong_grant(self)),
        }
    }

    /// The connector resolved from `{connector}`.
    pub fn connector(&self) -> Result<&VisibleConnector, ApiError> {
        match &self.grant {
            Grant::Connector(c) => Ok(c),
            _ => Err(wrong_grant(self)),
        }
    }

    /// The connection resolved from `{connection}`.
    pub fn connection(&self) -> Result<&Connection, ApiError> {
        match &self.grant {
            Grant::Connection(c) => Ok(c),
            _ => Err(wrong_grant(self)),
        }
    }

    /// The caller as a user; the platform administrator is refused with `not_a_user`.
    pub fn acting_user(&self) -> Result<&Authenticated, ApiError> {
        match &self.caller {
            Caller::User(who) => Ok(who),
            Caller::PlatformAdmin => Err(ApiError::new(ErrorCode::NotAUser)),
            Caller::Anonymous => Err(ApiError::new(ErrorCode::MissingToken)),
        }
    }
}

/// A JSON body, parsed with serde; errors say where the JSON is wrong.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = RawBody::from_request(request, state).await?.0;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| {
            ApiError::with_message(ErrorCode::InvalidJson, format!("Invalid JSON body: {e}."))
        })
    }
}

/// The raw body, within the configured size limit.
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        Bytes::from_request(request, state).await.map(RawBody).map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::PayloadTooLarge)
            } else {
                ApiError::with_message(ErrorCode::InvalidParameter, e.body_text())
            }
        })
    }
}

/// Query parameters, parsed with serde.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| QueryParams(q.0))
            .map_err(|e| ApiError::with_message(ErrorCode::InvalidParameter, e.body_text()))
    }
}

/// Trims a name field and refuses an empty or overlong one.
pub fn name_field(field: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 200 || value.chars().any(char::is_control) {
        return Err(ApiError::with_message(
            ErrorCode::InvalidField,
            format!("`{field}` must be 1 to 200 characters, without control characters."),
        ));
    }
    Ok(value.to_owned())
}
