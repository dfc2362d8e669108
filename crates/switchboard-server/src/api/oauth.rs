//! The OAuth 2 authorization-code flow with PKCE (S256) for a connection (spec §2.6).
//!
//! `GET …/oauth/start` (the owner) stores a random `state` — as its hash, with the PKCE
//! verifier sealed and an expiry — and redirects to the provider's authorize URL. The provider
//! sends the browser back to `GET /api/v1/oauth/redirect?code&state`, an anonymous route: the
//! `state` is the credential, taken from the store exactly once, so a replayed, unknown or
//! expired one is refused. The code is exchanged at the token endpoint with the verifier and
//! the client secret, and the tokens are stored sealed.

use axum::Json;
use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest as _, Sha256};
use switchboard_runtime::auth::CodeExchange;
use switchboard_store::{NewOAuthState, OAuthTokens, random_token};

use super::operations::prepare;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::QueryParams;
use crate::{AppState, Ctx};

/// How long a started flow may take to come back.
const FLOW_LIFETIME_SECS: i64 = 600;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The S256 code challenge of a PKCE verifier (RFC 7636 §4.2).
pub fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `GET /api/v1/connections/{connection}/oauth/start`: 302 to the provider, with the same
/// URL in the JSON body (for clients that open the browser themselves).
pub async fn start(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    let connection = ctx.connection()?;
    let owner = ctx.acting_user()?;
    let prepared = prepare(&state, owner, connection).await?;
    let Some(oauth) = prepared.compiled.connector.oauth() else {
        return Err(ApiError::new(ErrorCode::OAuthNotApplicable));
    };
    if oauth.client_id(&prepared.connection).is_none() {
        return Err(ApiError::with_message(
            ErrorCode::OAuthNotConfigured,
            format!(
                "No OAuth client id: the connector's oAuthSettings name none; give one as the connection's `{}:clientId`.",
                oauth.config().parameter
            ),
        ));
    }
    // 256 random bits each, base64url: a valid PKCE verifier (43 characters) and an
    // unguessable state.
    let flow_state = random_token("");
    let verifier = random_token("");
    let challenge = code_challenge(verifier.expose());
    let Some(url) = oauth.authorize_url(&prepared.connection, flow_state.expose(), &challenge)
    else {
        return Err(ApiError::with_message(
            ErrorCode::OAuthNotConfigured,
            "The connector's OAuth settings name no authorization URL (oAuthSettings.customParameters.authorizationUrl or securityDefinitions.authorizationUrl).",
        ));
    };
    let redirect_uri = oauth.redirect_url().to_owned();
    let expires_at = now() + FLOW_LIFETIME_SECS;
    state
        .store
        .create_oauth_state(NewOAuthState {
            state: flow_state,
            connection_id: connection.id.clone(),
            user_id: owner.user.id.clone(),
            pkce_verifier: verifier,
            redirect_uri: redirect_uri.clone(),
            expires_at,
        })
        .await?;
    tracing::info!(connection = %connection.id, "OAuth flow started");
    let body = json!({
        "authorization_url": url,
        "redirect_uri": redirect_uri,
        "expires_at": expires_at,
    });
    Ok((StatusCode::FOUND, [(LOCATION, url)], Json(body)).into_response())
}

/// What the provider appends to the redirect URL (other parameters, such as `session_state`
/// or `iss`, are ignored).
#[derive(Debug, Default, Deserialize)]
pub struct RedirectQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /api/v1/oauth/redirect?code=…&state=…`: completes the flow, stores the tokens and marks
/// the connection connected; answers a small HTML page to browsers, JSON otherwise.
pub async fn redirect(
    State(state): State<AppState>,
    headers: HeaderMap,
    QueryParams(q): QueryParams<RedirectQuery>,
) -> Result<Response, ApiError> {
    let Some(flow_state) = q.state.as_deref().filter(|s| !s.is_empty()) else {
        return Err(ApiError::with_message(
            ErrorCode::OAuthStateInvalid,
            "The redirect carries no `state`.",
        ));
    };
    // Taken once: whatever happens next, this state cannot be used again.
    let Some(flow) = state.store.take_oauth_state(flow_state).await? else {
        return Err(ApiError::new(ErrorCode::OAuthStateInvalid));
    };
    if let Some(error) = q.error.as_deref() {
        // The provider's words, trimmed to printable ASCII: they are echoed to the browser.
        let clean = |text: &str| -> String {
            text.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(200).collect()
        };
        let description = q.error_description.as_deref().map(clean).unwrap_or_default();
        tracing::info!(connection = %flow.connection_id, error = clean(error), "OAuth consent not granted");
        return Err(ApiError::with_message(
            ErrorCode::OAuthDenied,
            format!(
                "The OAuth provider answered `{}`{}{}; start the flow again.",
                clean(error),
                if description.is_empty() { "" } else { ": " },
                description
            ),
        ));
    }
    let Some(code) = q.code.as_deref().filter(|c| !c.is_empty()) else {
        return Err(ApiError::with_message(
            ErrorCode::InvalidParameter,
            "The redirect carries no `code`.",
        ));
    };
    let Some(connection) = state.store.get_connection(&flow.connection_id).await? else {
        return Err(ApiError::new(ErrorCode::ConnectionNotFound));
    };
    let owner = match state.store.get_user(&connection.owner_id).await? {
        Some(user) if user.id == flow.user_id => user,
        _ => return Err(ApiError::new(ErrorCode::OAuthStateInvalid)),
    };
    let Some(tenant) = state.store.get_tenant(&owner.tenant_id).await? else {
        return Err(ApiError::new(ErrorCode::ConnectionNotFound));
    };
    let who = switchboard_store::Authenticated {
        user: owner,
        tenant,
        token_id: switchboard_store::TokenId::from("oauth-redirect"),
    };
    let prepared = prepare(&state, &who, &connection).await?;
    let exchange = CodeExchange {
        code,
        code_verifier: flow.pkce_verifier.expose(),
        redirect_uri: &flow.redirect_uri,
    };
    let token = state
        .runtime
        .exchange_authorization_code(&prepared.compiled.connector, &prepared.connection, exchange)
        .await
        .map_err(|e| match e.code {
            "PrivateNetworkRefused" | "NoTokenEndpoint" | "NotOAuth" => {
                super::operations::invoke_error(&e)
            }
            _ => ApiError::with_message(ErrorCode::OAuthExchangeFailed, e.message),
        })?;
    let tokens = OAuthTokens {
        access_token: token.access_token.into(),
        refresh_token: token.refresh_token.map(Into::into),
        token_type: Some("Bearer".to_owned()),
        scope: None,
        expires_at: token.expires_at,
    };
    state.store.store_oauth_tokens(&connection.id, &tokens).await?;
    tracing::info!(connection = %connection.id, "OAuth flow completed");
    let wants_html = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if wants_html {
        let page = format!(
            "<!doctype html><meta charset=\"utf-8\"><title>Connected</title>\
             <p>The connection <code>{}</code> is connected. You can close this window.</p>\n",
            connection.id
        );
        return Ok(([(CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response());
    }
    Ok(Json(json!({"connection": connection.id, "status": "connected"})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_challenge_is_base64url_of_the_sha256() {
        // Computed independently:
        // base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        assert_eq!(
            code_challenge("dBjftJeZ4CK1-3ZEFSiCaXbqsqaTmXaF27t0bSZz-yU"),
            "46nrvyq5AXPSNLjRnqf9Q7nwcWYtYlEJRvAwfkRX6RY"
        );
    }
}
