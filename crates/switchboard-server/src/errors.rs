//! Every error the API answers, from one table of stable codes.
//!
//! A body is always `{"message", "code", "type", "link"}` (plus `diagnostics` and `summary`
//! when a connector was refused). Codes are never reused or renamed; `docs/API-ERRORS.md`
//! lists them (a test keeps it in step with [`ErrorCode::ALL`]). An `internal` answer carries
//! only the code's fixed message: the cause is logged with `tracing`, never sent. An
//! `upstream` answer (502, 504: a connector's backend or OAuth provider failed) carries the
//! runtime's message, which names the operation and the backend's host — both known to whoever
//! may invoke the connector — and never a secret or anything of the server's own.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use switchboard_store::StoreError;

/// Where the error codes are documented; each body links to its code's anchor.
pub const ERRORS_DOC: &str =
    "https://github.com/switchboard-dev/switchboard/blob/main/docs/API-ERRORS.md";

/// The family of an error, for clients that branch on kinds rather than codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The request is malformed or breaks a rule; fix it and retry.
    InvalidRequest,
    /// Missing or bad credentials, or not allowed.
    Auth,
    /// The resource does not exist, or the caller may not know that it does.
    NotFound,
    /// The request clashes with the current state (a name taken, a stale version).
    Conflict,
    /// The server failed; the details are in its log.
    Internal,
    /// A connector's backend or OAuth provider failed or could not be reached.
    Upstream,
    /// Too many requests for a connection; retry after `Retry-After` seconds.
    RateLimit,
}

impl ErrorType {
    /// The spelling in error bodies.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::InvalidRequest => "invalid_request",
            ErrorType::Auth => "auth",
            ErrorType::NotFound => "not_found",
            ErrorType::Conflict => "conflict",
            ErrorType::Internal => "internal",
            ErrorType::Upstream => "upstream",
            ErrorType::RateLimit => "rate_limit",
        }
    }
}

/// Declares [`ErrorCode`] from `Variant = ("code", STATUS, type, "default message")` rows.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = ($code:literal, $status:ident, $kind:ident, $message:literal),)+) => {
        /// A stable error code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The code's text (`connector_not_found`).
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)+ }
            }

            /// The HTTP status it answers with.
            pub fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status,)+ }
            }

            /// Its family.
            pub fn kind(self) -> ErrorType {
                match self { $(ErrorCode::$variant => ErrorType::$kind,)+ }
            }

            /// The message used when no more specific one is given (and always for 5xx).
            pub fn default_message(self) -> &'static str {
                match self { $(ErrorCode::$variant => $message,)+ }
            }
        }
    };
}

error_codes! {
    // ---- 400, 405, 413, 415, 422: the request ----
    /// The body is not the JSON the endpoint expects.
    InvalidJson = ("invalid_json", BAD_REQUEST, InvalidRequest, "The request body is not valid JSON for this endpoint."),
    /// A query or path parameter is malformed.
    InvalidParameter = ("invalid_parameter", BAD_REQUEST, InvalidRequest, "A parameter of the request is invalid."),
    /// A field has a value the model refuses (empty name, unknown role).
    InvalidField = ("invalid_field", BAD_REQUEST, InvalidRequest, "A field of the request is invalid."),
    /// A pagination cursor that this server did not issue.
    InvalidCursor = ("invalid_cursor", BAD_REQUEST, InvalidRequest, "The page cursor is malformed; use the `next` value of a previous page."),
    /// The method is not defined for this path.
    MethodNotAllowed = ("method_not_allowed", METHOD_NOT_ALLOWED, InvalidRequest, "This method is not allowed on this path."),
    /// The body is larger than the server accepts.
    PayloadTooLarge = ("payload_too_large", PAYLOAD_TOO_LARGE, InvalidRequest, "The request body is too large."),
    /// The body's content type is not one the endpoint takes.
    UnsupportedMediaType = ("unsupported_media_type", UNSUPPORTED_MEDIA_TYPE, InvalidRequest, "The request body's Content-Type is not supported here."),
    /// The upload is not a readable connector archive.
    InvalidConnector = ("invalid_connector", UNPROCESSABLE_ENTITY, InvalidRequest, "The upload is not a readable connector archive."),
    /// The connector has error-level findings under the default profile.
    ValidationFailed = ("validation_failed", UNPROCESSABLE_ENTITY, InvalidRequest, "The connector has error-level findings under the default profile."),
    /// The API description could not be imported.
    ImportFailed = ("import_failed", UNPROCESSABLE_ENTITY, InvalidRequest, "The API description could not be imported."),
    /// Connection parameters the connector does not declare, required ones missing, or values
    /// of the wrong type or outside `allowedValues` (the body names them).
    InvalidConnectionParameters = ("invalid_connection_parameters", UNPROCESSABLE_ENTITY, InvalidRequest, "The connection parameters do not match the connector's connectionParameters."),
    /// An operation's parameters are missing or invalid (the runtime's message names them).
    InvalidOperationParameters = ("invalid_operation_parameters", UNPROCESSABLE_ENTITY, InvalidRequest, "The operation's parameters are missing or invalid."),
    /// The operation cannot run here (custom code, an unsupported built-in, a policy that does
    /// not build, no host).
    OperationUnsupported = ("operation_unsupported", UNPROCESSABLE_ENTITY, InvalidRequest, "This operation cannot be run by Switchboard."),
    /// The connector's OAuth settings name no authorize or token URL, or no client id.
    OAuthNotConfigured = ("oauth_not_configured", UNPROCESSABLE_ENTITY, InvalidRequest, "The connector's OAuth settings are incomplete."),
    /// The OAuth redirect came back with an unknown, already used or expired `state`.
    OAuthStateInvalid = ("oauth_state_invalid", BAD_REQUEST, InvalidRequest, "The OAuth `state` is unknown, already used or expired; start the flow again."),
    /// The provider redirected back with an error instead of a code (consent denied).
    OAuthDenied = ("oauth_denied", BAD_REQUEST, InvalidRequest, "The OAuth provider did not grant access."),

    // ---- 401, 403: who is asking ----
    /// No bearer token on a route that needs one.
    MissingToken = ("missing_token", UNAUTHORIZED, Auth, "This endpoint needs `Authorization: Bearer TOKEN`."),
    /// The bearer token is unknown, revoked or expired.
    InvalidToken = ("invalid_token", UNAUTHORIZED, Auth, "The bearer token is not valid."),
    /// The caller is known but lacks the permission the route requires.
    Forbidden = ("forbidden", FORBIDDEN, Auth, "You do not have the permission this request needs."),
    /// The platform administrator is not a user, so cannot own or publish connectors.
    NotAUser = ("not_a_user", FORBIDDEN, Auth, "The platform administrator cannot own or publish connectors; use a user's token."),
    /// The connector's call would reach a loopback, private, link-local or reserved address,
    /// and the server runs without `--allow-private-network`.
    PrivateNetworkRefused = ("private_network_refused", FORBIDDEN, Auth, "The connector's backend is on a private network, which this server does not reach."),
    /// A host taken from the caller's input (a `dynamichosturl` policy) is not the connector's.
    EgressNotAllowed = ("egress_not_allowed", FORBIDDEN, Auth, "The request would send the connection's calls to a host the connector does not name."),

    // ---- 404 ----
    /// No route matches the path.
    RouteNotFound = ("route_not_found", NOT_FOUND, NotFound, "No endpoint has this path."),
    /// The tenant does not exist or is not the caller's.
    TenantNotFound = ("tenant_not_found", NOT_FOUND, NotFound, "Tenant not found."),
    /// The user does not exist or is in another tenant.
    UserNotFound = ("user_not_found", NOT_FOUND, NotFound, "User not found."),
    /// The group does not exist or is in another tenant.
    GroupNotFound = ("group_not_found", NOT_FOUND, NotFound, "Group not found."),
    /// The environment does not exist or is in another tenant.
    EnvironmentNotFound = ("environment_not_found", NOT_FOUND, NotFound, "Environment not found."),
    /// The connector does not exist or the caller may not see it.
    ConnectorNotFound = ("connector_not_found", NOT_FOUND, NotFound, "Connector not found."),
    /// The connector has no such version.
    VersionNotFound = ("version_not_found", NOT_FOUND, NotFound, "Version not found."),
    /// The connector is not shared with that principal.
    ShareNotFound = ("share_not_found", NOT_FOUND, NotFound, "Share not found."),
    /// The user is not a member of that environment or group.
    MemberNotFound = ("member_not_found", NOT_FOUND, NotFound, "Membership not found."),
    /// The connection does not exist or the caller may not see it.
    ConnectionNotFound = ("connection_not_found", NOT_FOUND, NotFound, "Connection not found."),
    /// The connector has no such operation.
    OperationNotFound = ("operation_not_found", NOT_FOUND, NotFound, "The connector has no such operation."),

    // ---- 409, 412 ----
    /// The name is already used where it must be unique.
    NameTaken = ("name_taken", CONFLICT, Conflict, "The name is already taken."),
    /// The request conflicts with the current state.
    Conflict = ("conflict", CONFLICT, Conflict, "The request conflicts with the current state."),
    /// `If-Match` named a version that is no longer current.
    VersionMismatch = ("version_mismatch", PRECONDITION_FAILED, Conflict, "The connector's current version is not the one in If-Match."),
    /// The connection has no usable credentials: the OAuth flow has not completed, or the
    /// provider refused to refresh the token.
    ConnectionNotConnected = ("connection_not_connected", CONFLICT, Conflict, "The connection has no usable credentials; complete its OAuth flow (GET /api/v1/connections/{id}/oauth/start)."),
    /// OAuth endpoints were asked of a connection whose connector does not use OAuth 2.
    OAuthNotApplicable = ("oauth_not_applicable", CONFLICT, Conflict, "This connection's connector has no OAuth 2 connection parameter."),

    // ---- 429 ----
    /// The connection is over its request budget (default 500 per minute, shared by every
    /// server on the database); `Retry-After` says when to retry.
    RateLimited = ("rate_limited", TOO_MANY_REQUESTS, RateLimit, "The connection is over its request limit; retry after the Retry-After delay."),

    // ---- 5xx ----
    /// Something failed inside the server.
    Internal = ("internal", INTERNAL_SERVER_ERROR, Internal, "The server failed to handle the request; the error is in its log."),
    /// The database is unreachable.
    Unavailable = ("unavailable", SERVICE_UNAVAILABLE, Internal, "The server cannot reach its database."),
    /// The connector's backend could not be reached, broke off, or answered unusably.
    UpstreamFailed = ("upstream_failed", BAD_GATEWAY, Upstream, "The connector's backend failed."),
    /// The connector's backend did not answer in time.
    UpstreamTimeout = ("upstream_timeout", GATEWAY_TIMEOUT, Upstream, "The connector's backend did not answer in time."),
    /// The OAuth provider's token endpoint refused or failed the code exchange.
    OAuthExchangeFailed = ("oauth_exchange_failed", BAD_GATEWAY, Upstream, "The OAuth provider did not exchange the code for tokens."),
}

impl ErrorCode {
    /// The documentation link of this code.
    pub fn link(self) -> String {
        format!("{ERRORS_DOC}#{}", self.as_str())
    }
}

/// An API error: a code, a message for people, and optional extra fields merged into the body.
#[derive(Debug)]
pub struct ApiError {
    /// The code.
    pub code: ErrorCode,
    /// The message (replaced by the code's default for `internal` errors).
    pub message: String,
    /// Extra top-level fields (`diagnostics`, `summary`).
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// Seconds for a `Retry-After` header.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with the code's default message.
    pub fn new(code: ErrorCode) -> Self {
        Self { code, message: code.default_message().to_owned(), extra: None, retry_after: None }
    }

    /// An error with a specific message.
    pub fn with_message(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), extra: None, retry_after: None }
    }

    /// Adds a `Retry-After` header.
    #[must_use]
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// Adds a top-level field to the body.
    #[must_use]
    pub fn field(mut self, name: &str, value: serde_json::Value) -> Self {
        self.extra.get_or_insert_with(serde_json::Map::new).insert(name.to_owned(), value);
        self
    }

    /// A 500 whose cause is logged, not sent.
    pub fn internal(cause: &dyn std::error::Error) -> Self {
        tracing::error!(error = %cause, source = ?cause.source().map(ToString::to_string), "internal error");
        Self::new(ErrorCode::Internal)
    }

    /// Maps a store error: `not_found` names what the caller was looking for.
    pub fn from_store(error: StoreError, not_found: ErrorCode) -> Self {
        match error {
            StoreError::NotFound(_) => Self::new(not_found),
            StoreError::Conflict(_) => Self::new(ErrorCode::NameTaken),
            // The store's rule violations are about the caller's input (a user of another
            // tenant, a user who still owns connectors); the message names no internals.
            StoreError::Invalid(message) => Self::with_message(ErrorCode::Conflict, message),
            other => Self::internal(&other),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::from_store(error, ErrorCode::Internal)
    }
}

#[derive(Serialize)]
struct Body<'a> {
    message: &'a str,
    code: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    link: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extra: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        // Never the cause of an internal error: it may name tables, hosts or files.
        let hidden = self.code.kind() == ErrorType::Internal;
        let body = Body {
            message: if hidden { self.code.default_message() } else { &self.message },
            code: self.code.as_str(),
            kind: self.code.kind().as_str(),
            link: self.code.link(),
            extra: if hidden { None } else { self.extra.as_ref() },
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if matches!(self.code, ErrorCode::MissingToken | ErrorCode::InvalidToken) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_statuses_match_types() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {}", code.as_str());
            let status = code.status();
            let expected = match status.as_u16() {
                401 | 403 => ErrorType::Auth,
                404 => ErrorType::NotFound,
                409 | 412 => ErrorType::Conflict,
                429 => ErrorType::RateLimit,
                502 | 504 => ErrorType::Upstream,
                500..=599 => ErrorType::Internal,
                _ => ErrorType::InvalidRequest,
            };
            assert_eq!(code.kind(), expected, "{}", code.as_str());
        }
    }

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../../../docs/API-ERRORS.md");
        for code in ErrorCode::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.status().as_u16());
            assert!(doc.contains(&row), "docs/API-ERRORS.md lacks the row `{row}`");
        }
    }

    #[tokio::test]
    async fn internal_errors_hide_their_cause() {
        let error = ApiError::with_message(ErrorCode::Internal, "SELECT * FROM secrets failed");
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(!text.contains("SELECT"), "{text}");
        let body: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["code"], "internal");
        assert_eq!(body["type"], "internal");
        assert!(body["link"].as_str().unwrap().ends_with("#internal"));
    }
}
