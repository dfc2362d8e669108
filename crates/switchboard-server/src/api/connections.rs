//! Connections: a user's credentials for a connector in an environment. Parameter values are
//! encrypted by the store; responses name the parameters a connection holds, never a value.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use switchboard_runtime::auth::Grant as OAuthGrant;
use switchboard_store::{
    Connection, ConnectionSecrets, ConnectionStatus, ConnectorId, NewConnection as StoreNew, Role,
    Viewer,
};

use super::List;
use crate::auth::Caller;
use crate::connection_params::ParameterSpecs;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{JsonBody, name_field};
use crate::{AppState, Ctx};

/// `{"connector": ID, "parameters": {NAME: VALUE}, "displayName"?, "parameterSet"?}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConnection {
    connector: String,
    #[serde(default)]
    parameters: Map<String, Value>,
    #[serde(default, rename = "displayName", alias = "display_name")]
    display_name: Option<String>,
    #[serde(default, rename = "parameterSet", alias = "parameter_set")]
    parameter_set: Option<String>,
}

/// Where a connection stands with OAuth (no token is ever shown).
#[derive(Debug, Serialize)]
pub struct OAuthView {
    /// Whether tokens are stored.
    signed_in: bool,
    /// When the access token expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<i64>,
    /// The granted scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    /// Where the owner starts (or restarts) the flow.
    start: String,
}

/// A connection as the API shows it.
#[derive(Debug, Serialize)]
pub struct ConnectionView {
    #[serde(flatten)]
    connection: Connection,
    /// The names of the parameters it holds (values are never returned).
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<Vec<String>>,
    /// OAuth state, for connections of OAuth connectors.
    #[serde(skip_serializing_if = "Option::is_none")]
    oauth: Option<OAuthView>,
}

impl ConnectionView {
    fn bare(connection: Connection) -> Self {
        Self { connection, parameters: None, oauth: None }
    }

    fn with_secrets(connection: Connection, secrets: &ConnectionSecrets, oauth: bool) -> Self {
        let oauth = oauth.then(|| OAuthView {
            signed_in: secrets.oauth_tokens.is_some(),
            expires_at: secrets.oauth_tokens.as_ref().and_then(|t| t.expires_at),
            scope: secrets.oauth_tokens.as_ref().and_then(|t| t.scope.clone()),
            start: format!("/api/v1/connections/{}/oauth/start", connection.id),
        });
        Self { parameters: Some(ParameterSpecs::names(&secrets.parameters)), oauth, connection }
    }
}

/// `GET /api/v1/environments/{env}/connections`: a maker's own connections; every connection
/// of the environment for administrators.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<List<ConnectionView>>, ApiError> {
    let env = ctx.environment()?;
    let items = match &ctx.caller {
        Caller::User(who) if who.user.role == Role::Maker => {
            state.store.list_connections(&who.user.id, &env.id).await?
        }
        _ => state.store.list_environment_connections(&env.id).await?,
    };
    Ok(Json(List { items: items.into_iter().map(ConnectionView::bare).collect() }))
}

/// `POST /api/v1/environments/{env}/connections`: the caller must be able to use the connector,
/// which must live in this environment; the values are checked against the connection
/// parameters of its current version.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    JsonBody(body): JsonBody<NewConnection>,
) -> Result<(StatusCode, Json<ConnectionView>), ApiError> {
    let env = ctx.environment()?;
    let owner = ctx.acting_user()?;
    let viewer = Viewer::from(&owner.user);
    let connector = state
        .store
        .get_visible_connector(&viewer, &ConnectorId::from(body.connector.as_str()))
        .await?
        .filter(|c| c.connector.environment_id == env.id)
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::ConnectorNotFound,
                "Connector not found in this environment.",
            )
        })?
        .connector;
    let compiled = state.compiled.current(&state, &connector).await?;
    let parameters =
        compiled.parameters.validate(body.parameter_set.as_deref(), &body.parameters)?;
    let display_name = match &body.display_name {
        Some(name) => name_field("displayName", name)?,
        None => connector.title.clone(),
    };
    let secrets = ConnectionSecrets { parameters, oauth_tokens: None };
    // An OAuth connector's connection waits for its flow, unless it is a service principal
    // whose tokens the runtime obtains itself (client credentials).
    let runtime_view = compiled.parameters.runtime_connection(&secrets);
    let oauth = compiled.connector.oauth();
    let status = match oauth {
        Some(o) if o.grant(&runtime_view) == OAuthGrant::AuthorizationCode => {
            ConnectionStatus::PendingOAuth
        }
        _ => ConnectionStatus::Connected,
    };
    let created = state
        .store
        .create_connection(StoreNew {
            connector_id: connector.id.clone(),
            environment_id: env.id.clone(),
            owner_id: owner.user.id.clone(),
            display_name,
            parameters: secrets.parameters.clone(),
            status,
        })
        .await
        .map_err(|e| ApiError::from_store(e, ErrorCode::ConnectorNotFound))?;
    tracing::info!(connection = %created.id, connector = %connector.id, environment = %env.id, "connection created");
    let view = ConnectionView::with_secrets(created, &secrets, oauth.is_some());
    Ok((StatusCode::CREATED, Json(view)))
}

/// `GET /api/v1/connections/{connection}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<ConnectionView>, ApiError> {
    let connection = ctx.connection()?.clone();
    let Some(secrets) = state.store.get_connection_secrets(&connection.id).await? else {
        return Err(ApiError::new(ErrorCode::ConnectionNotFound));
    };
    let oauth =
        secrets.oauth_tokens.is_some() || connection.status == ConnectionStatus::PendingOAuth;
    Ok(Json(ConnectionView::with_secrets(connection, &secrets, oauth)))
}

/// `DELETE /api/v1/connections/{connection}`: its secrets, tokens, pending OAuth flows and
/// rate-limit bucket go with it.
pub async fn delete(State(state): State<AppState>, ctx: Ctx) -> Result<StatusCode, ApiError> {
    let connection = ctx.connection()?;
    if state.store.delete_connection(&connection.id).await? {
        tracing::info!(connection = %connection.id, "connection deleted");
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::ConnectionNotFound))
    }
}
