//! Invoking a connector's operations with a connection, through the runtime: the connector's
//! current version (compiled once per version), the connection's decrypted values and tokens,
//! the shared rate limit, and the egress guard. Tokens the runtime refreshes are stored again.

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::request::Parts;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use switchboard_runtime::{Call, Fault, InvokeError, Outcome};
use switchboard_store::{Authenticated, Connection, ConnectionStatus, OAuthTokens, Viewer};

use crate::compiled::Compiled;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::RawBody;
use crate::{AppState, Ctx};

/// `{"parameters": {NAME: VALUE}, "body": ANY}`, both optional (an empty body is `{}`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationCall {
    #[serde(default)]
    parameters: Map<String, Value>,
    #[serde(default)]
    body: Option<Value>,
}

/// The `{operationId}` of the path.
pub struct OperationId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for OperationId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| {
            ApiError::with_message(
                ErrorCode::InvalidParameter,
                "The operation id is not valid UTF-8.",
            )
        })?;
        params
            .iter()
            .find(|(name, _)| *name == "operationId")
            .map(|(_, value)| OperationId(value.to_owned()))
            .ok_or_else(|| ApiError::new(ErrorCode::Internal))
    }
}

/// What a call needs: the compiled connector and the runtime's view of the connection.
pub(crate) struct Prepared {
    pub(crate) compiled: Arc<Compiled>,
    pub(crate) connection: switchboard_runtime::Connection,
    had_tokens: bool,
    scope: Option<String>,
}

/// Loads what invoking `connection` as `owner` needs. The owner must still be able to use the
/// connector (a share withdrawn, a membership removed: the connection stops working).
pub(crate) async fn prepare(
    state: &AppState,
    owner: &Authenticated,
    connection: &Connection,
) -> Result<Prepared, ApiError> {
    let viewer = Viewer::from(&owner.user);
    let Some(connector) =
        state.store.get_visible_connector(&viewer, &connection.connector_id).await?
    else {
        return Err(ApiError::with_message(
            ErrorCode::Forbidden,
            "You can no longer use this connection's connector (its share or your membership was removed).",
        ));
    };
    let compiled = state.compiled.current(state, &connector.connector).await?;
    let Some(secrets) = state.store.get_connection_secrets(&connection.id).await? else {
        return Err(ApiError::new(ErrorCode::ConnectionNotFound));
    };
    let runtime_connection = compiled.parameters.runtime_connection(&secrets);
    Ok(Prepared {
        compiled,
        connection: runtime_connection,
        had_tokens: secrets.oauth_tokens.is_some(),
        scope: secrets.oauth_tokens.and_then(|t| t.scope),
    })
}

/// Runs `call` and writes back what it learnt about the connection: a refreshed token (so
/// the next call, on any server, starts from it), or broken credentials.
pub(crate) async fn run(
    state: &AppState,
    connection: &Connection,
    prepared: &Prepared,
    mut call: Call,
) -> Result<Outcome, InvokeError> {
    call.connection_id = connection.id.as_str().to_owned();
    // No `public_base_url`: this server has no `$nextlink` endpoint for `updatenextlink` to
    // route paging links through, so links stay as the backend wrote them.
    let result =
        state.runtime.invoke(&prepared.compiled.connector, &prepared.connection, call).await;
    let store = &state.store;
    let outcome = result.as_ref().ok();
    if let Some(token) = outcome.and_then(|o| o.refreshed_token.as_ref()) {
        let tokens = OAuthTokens {
            access_token: token.access_token.clone().into(),
            refresh_token: token.refresh_token.clone().map(Into::into),
            token_type: Some("Bearer".to_owned()),
            scope: prepared.scope.clone(),
            expires_at: token.expires_at,
        };
        match store.store_oauth_tokens(&connection.id, &tokens).await {
            Ok(_) => tracing::info!(connection = %connection.id, "refreshed OAuth token stored"),
            Err(e) => {
                tracing::error!(
                    connection = %connection.id,
                    error = %e,
                    "refreshed OAuth token not stored"
                );
            }
        }
    }
    let mut broken = match &result {
        Ok(o) => o.effects.connection_unauthenticated,
        Err(e) => e.code == "Unauthenticated" && prepared.had_tokens,
    };
    if broken && result.is_err() {
        // Refreshes are single-flight per server, not across servers: another server may have
        // refreshed (and a rotating provider revoked the refresh token this call used) since
        // the connection was read. Its tokens are good; only unchanged ones are broken.
        let stored = store.get_connection_secrets(&connection.id).await.ok().flatten();
        let now = stored.map(|s| prepared.compiled.parameters.runtime_connection(&s).oauth_token());
        if now.is_some_and(|token| token != prepared.connection.oauth_token()) {
            tracing::info!(connection = %connection.id, "token refreshed by another server meanwhile");
            broken = false;
        }
    }
    if broken {
        if let Err(e) = store.set_connection_status(&connection.id, ConnectionStatus::Error).await {
            tracing::error!(connection = %connection.id, error = %e, "connection status not stored");
        }
        tracing::info!(connection = %connection.id, "connection credentials rejected: status error");
    }
    result
}

/// `POST /api/v1/connections/{connection}/operations/{operationId}` → `{"status", "headers",
/// "body"}`: the backend's answer after the connector's response policies.
pub async fn invoke(
    State(state): State<AppState>,
    ctx: Ctx,
    OperationId(operation_id): OperationId,
    RawBody(body): RawBody,
) -> Result<Json<Value>, ApiError> {
    let connection = ctx.connection()?;
    let owner = ctx.acting_user()?;
    let request: OperationCall = if body.iter().all(u8::is_ascii_whitespace) {
        OperationCall::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::with_message(ErrorCode::InvalidJson, format!("Invalid JSON body: {e}."))
        })?
    };
    let prepared = prepare(&state, owner, connection).await?;
    let mut call = Call::new(operation_id);
    call.arguments = request.parameters.into_iter().collect();
    call.body = request.body;
    let outcome = run(&state, connection, &prepared, call).await.map_err(|e| invoke_error(&e))?;
    let response = &outcome.response;
    let mut headers = Map::new();
    for (name, value) in response.headers.iter() {
        let name = name.to_ascii_lowercase();
        match headers.get_mut(&name) {
            Some(Value::String(previous)) => {
                previous.push_str(", ");
                previous.push_str(value);
            }
            _ => {
                headers.insert(name, Value::String(value.to_owned()));
            }
        }
    }
    Ok(Json(json!({
        "status": response.status,
        "headers": headers,
        "body": response.body.to_output_json(response.headers.get("Content-Type")),
    })))
}

/// `POST /api/v1/connections/{connection}/test`: runs the connector's test-connection
/// operation (`x-ms-capabilities.testConnection`, spec §2.9) with its literal arguments. A 2xx
/// answer marks the connection connected; any other answer, or a backend that cannot be
/// reached, marks it `error` and answers `"ok": false`. A connector without the capability
/// answers `"ok": null` with the reason (200: the connection is not at fault).
pub async fn test(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let connection = ctx.connection()?;
    let owner = ctx.acting_user()?;
    let prepared = prepare(&state, owner, connection).await?;
    let Some(test) = prepared.compiled.test_connection.clone() else {
        return Ok(Json(json!({
            "ok": null,
            "reason": "The connector declares no test-connection capability (x-ms-capabilities.testConnection).",
        })));
    };
    let mut call = Call::new(test.operation_id.clone());
    call.arguments = test.arguments.into_iter().collect();
    let (ok, status, error) = match run(&state, connection, &prepared, call).await {
        Ok(outcome) => {
            let status = outcome.response.status;
            ((200..300).contains(&status), Some(status), None)
        }
        Err(e) if e.fault == Fault::Upstream || e.code == "Unauthenticated" => {
            let mapped = invoke_error(&e);
            (false, None, Some(json!({"code": mapped.code.as_str(), "message": mapped.message})))
        }
        Err(e) => return Err(invoke_error(&e)),
    };
    let pending = connection.status == ConnectionStatus::PendingOAuth && !prepared.had_tokens;
    let new_status = match (ok, pending) {
        (true, _) => ConnectionStatus::Connected,
        (false, true) => ConnectionStatus::PendingOAuth,
        (false, false) => ConnectionStatus::Error,
    };
    if new_status != connection.status {
        state.store.set_connection_status(&connection.id, new_status).await?;
    }
    let mut answer = json!({
        "ok": ok,
        "status": status,
        "operationId": test.operation_id,
        "connectionStatus": new_status,
    });
    if let (Some(error), Some(map)) = (error, answer.as_object_mut()) {
        map.insert("error".into(), error);
    }
    Ok(Json(answer))
}

/// The API error for a runtime error: its code picks the error-table code, its message (which
/// names the operation, parameter or backend host, never a secret) is kept, and `runtime` says
/// where it failed.
pub(crate) fn invoke_error(e: &InvokeError) -> ApiError {
    let code = match e.code {
        "UnknownOperation" => ErrorCode::OperationNotFound,
        "MissingParameter" | "InvalidParameter" | "InvalidRequest" => {
            ErrorCode::InvalidOperationParameters
        }
        "MissingConnectionParameter" => ErrorCode::InvalidConnectionParameters,
        "Unauthenticated" => ErrorCode::ConnectionNotConnected,
        "CustomCodeNotSupported"
        | "UnsupportedBuiltIn"
        | "PolicyNotBuilt"
        | "PolicyFailed"
        | "NoBaseUrl"
        | "NoTokenEndpoint" => ErrorCode::OperationUnsupported,
        "PrivateNetworkRefused" => ErrorCode::PrivateNetworkRefused,
        "EgressNotAllowed" => ErrorCode::EgressNotAllowed,
        "RateLimited" => ErrorCode::RateLimited,
        _ => match e.fault {
            Fault::Upstream if e.status == 504 => ErrorCode::UpstreamTimeout,
            Fault::Upstream => ErrorCode::UpstreamFailed,
            Fault::Client => ErrorCode::InvalidOperationParameters,
            Fault::Internal => ErrorCode::OperationUnsupported,
        },
    };
    tracing::info!(code = e.code, phase = e.phase.as_str(), status = e.status, "invocation failed");
    let message = if code == ErrorCode::PrivateNetworkRefused {
        format!("{} (the server runs without --allow-private-network).", e.message)
    } else {
        e.message.clone()
    };
    let mut error = ApiError::with_message(code, message).field(
        "runtime",
        json!({"code": e.code, "phase": e.phase, "fault": e.fault, "retrySafe": e.retry_safe}),
    );
    if let Some(seconds) = e.retry_after {
        error = error.retry_after(seconds);
    }
    error
}
