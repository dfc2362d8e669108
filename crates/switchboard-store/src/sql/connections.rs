//! Connections (secrets sealed with the store's cipher) and pending OAuth flows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use super::rows::{self, CONNECTION_COLS};
use super::{SqlStore, now};
use crate::SecretString;
use crate::error::{Result, StoreError};
use crate::ids::{ConnectionId, EnvironmentId, UserId};
use crate::input::{NewConnection, NewOAuthState};
use crate::token::TokenHash;
use crate::types::{
    Connection, ConnectionSecrets, ConnectionStatus, OAuthState, OAuthTokens, ParameterValues,
    Timestamp,
};

/// Where each sealed value lives: the associated data that binds it to its row and column.
fn parameters_context(id: &ConnectionId) -> String {
    format!("connection:{id}:parameters")
}

fn tokens_context(id: &ConnectionId) -> String {
    format!("connection:{id}:oauth_tokens")
}

fn verifier_context(id: &ConnectionId) -> String {
    format!("oauth_state:{id}:pkce_verifier")
}

/// The plaintext form of sealed OAuth tokens (never leaves this module).
#[derive(Serialize, Deserialize)]
struct StoredTokens {
    access_token: String,
    refresh_token: Option<String>,
    token_type: Option<String>,
    scope: Option<String>,
    expires_at: Option<Timestamp>,
}

fn seal_parameters(
    store: &SqlStore,
    id: &ConnectionId,
    values: &ParameterValues,
) -> Result<Vec<u8>> {
    let plain: BTreeMap<&str, &str> =
        values.iter().map(|(k, v)| (k.as_str(), v.expose())).collect();
    let json = serde_json::to_vec(&plain).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(store.cipher.seal(&parameters_context(id), &json)?)
}

fn open_json<T: for<'de> Deserialize<'de>>(
    store: &SqlStore,
    context: &str,
    sealed: &[u8],
) -> Result<T> {
    let json = store.cipher.open(context, sealed)?;
    serde_json::from_slice(&json).map_err(|e| StoreError::Corrupt(format!("{context}: {e}")))
}

pub(super) async fn create_connection(store: &SqlStore, new: NewConnection) -> Result<Connection> {
    let tenants = sqlx::query(
        "SELECT e.tenant_id AS env_tenant, \
                (SELECT u.tenant_id FROM users u WHERE u.id = $3) AS owner_tenant \
         FROM connectors c JOIN environments e ON e.id = c.environment_id \
         WHERE c.id = $1 AND c.environment_id = $2",
    )
    .bind(new.connector_id.as_str())
    .bind(new.environment_id.as_str())
    .bind(new.owner_id.as_str())
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound("connector in this environment"))?;
    let owner_tenant: Option<String> = tenants.try_get("owner_tenant")?;
    match owner_tenant {
        None => return Err(StoreError::NotFound("user")),
        Some(owner) if owner != tenants.try_get::<String, _>("env_tenant")? => {
            return Err(StoreError::Invalid(
                "the owner and the connector are in different tenants".into(),
            ));
        }
        Some(_) => {}
    }
    let at = now();
    let connection = Connection {
        id: ConnectionId::random(),
        environment_id: new.environment_id,
        connector_id: new.connector_id,
        owner_id: new.owner_id,
        display_name: new.display_name,
        status: new.status,
        created_at: at,
        updated_at: at,
    };
    let sealed = seal_parameters(store, &connection.id, &new.parameters)?;
    sqlx::query(
        "INSERT INTO connections (id, environment_id, connector_id, owner_id, display_name, \
         parameters, oauth_tokens, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $8)",
    )
    .bind(connection.id.as_str())
    .bind(connection.environment_id.as_str())
    .bind(connection.connector_id.as_str())
    .bind(connection.owner_id.as_str())
    .bind(&connection.display_name)
    .bind(sealed)
    .bind(connection.status.as_str())
    .bind(at)
    .execute(&store.pool)
    .await?;
    Ok(connection)
}

pub(super) async fn get_connection(
    store: &SqlStore,
    id: &ConnectionId,
) -> Result<Option<Connection>> {
    let sql = format!("SELECT {CONNECTION_COLS} FROM connections n WHERE n.id = $1");
    let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&store.pool).await?;
    row.as_ref().map(rows::connection).transpose()
}

pub(super) async fn list_connections(
    store: &SqlStore,
    owner: &UserId,
    env: &EnvironmentId,
) -> Result<Vec<Connection>> {
    let sql = format!(
        "SELECT {CONNECTION_COLS} FROM connections n WHERE n.owner_id = $1 \
         AND n.environment_id = $2 ORDER BY n.created_at DESC, n.id"
    );
    let found =
        sqlx::query(&sql).bind(owner.as_str()).bind(env.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::connection)
}

pub(super) async fn list_environment_connections(
    store: &SqlStore,
    env: &EnvironmentId,
) -> Result<Vec<Connection>> {
    let sql = format!(
        "SELECT {CONNECTION_COLS} FROM connections n WHERE n.environment_id = $1 \
         ORDER BY n.created_at DESC, n.id"
    );
    let found = sqlx::query(&sql).bind(env.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::connection)
}

pub(super) async fn get_connection_secrets(
    store: &SqlStore,
    id: &ConnectionId,
) -> Result<Option<ConnectionSecrets>> {
    let row = sqlx::query("SELECT parameters, oauth_tokens FROM connections WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&store.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sealed: Vec<u8> = row.try_get("parameters")?;
    let plain: BTreeMap<String, String> = open_json(store, &parameters_context(id), &sealed)?;
    let parameters = plain.into_iter().map(|(k, v)| (k, SecretString::new(v))).collect();
    let oauth_tokens = match row.try_get::<Option<Vec<u8>>, _>("oauth_tokens")? {
        None => None,
        Some(sealed) => {
            let t: StoredTokens = open_json(store, &tokens_context(id), &sealed)?;
            Some(OAuthTokens {
                access_token: t.access_token.into(),
                refresh_token: t.refresh_token.map(SecretString::new),
                token_type: t.token_type,
                scope: t.scope,
                expires_at: t.expires_at,
            })
        }
    };
    Ok(Some(ConnectionSecrets { parameters, oauth_tokens }))
}

pub(super) async fn update_connection_parameters(
    store: &SqlStore,
    id: &ConnectionId,
    parameters: &ParameterValues,
    status: ConnectionStatus,
) -> Result<bool> {
    let sealed = seal_parameters(store, id, parameters)?;
    let done = sqlx::query(
        "UPDATE connections SET parameters = $2, status = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(sealed)
    .bind(status.as_str())
    .bind(now())
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn store_oauth_tokens(
    store: &SqlStore,
    id: &ConnectionId,
    tokens: &OAuthTokens,
) -> Result<bool> {
    let plain = StoredTokens {
        access_token: tokens.access_token.expose().to_owned(),
        refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().to_owned()),
        token_type: tokens.token_type.clone(),
        scope: tokens.scope.clone(),
        expires_at: tokens.expires_at,
    };
    let json = serde_json::to_vec(&plain).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let sealed = store.cipher.seal(&tokens_context(id), &json)?;
    let done = sqlx::query(
        "UPDATE connections SET oauth_tokens = $2, status = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(sealed)
    .bind(ConnectionStatus::Connected.as_str())
    .bind(now())
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn set_connection_field(
    store: &SqlStore,
    id: &ConnectionId,
    column: &'static str,
    value: &str,
) -> Result<bool> {
    let sql = format!("UPDATE connections SET {column} = $2, updated_at = $3 WHERE id = $1");
    let done =
        sqlx::query(&sql).bind(id.as_str()).bind(value).bind(now()).execute(&store.pool).await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn create_oauth_state(store: &SqlStore, new: NewOAuthState) -> Result<()> {
    let hash = TokenHash::of(new.state.expose());
    let sealed = store
        .cipher
        .seal(&verifier_context(&new.connection_id), new.pkce_verifier.expose().as_bytes())?;
    sqlx::query(
        "INSERT INTO oauth_states (state_hash, connection_id, user_id, pkce_verifier, \
         redirect_uri, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(hash.as_bytes().as_slice())
    .bind(new.connection_id.as_str())
    .bind(new.user_id.as_str())
    .bind(sealed)
    .bind(&new.redirect_uri)
    .bind(now())
    .bind(new.expires_at)
    .execute(&store.pool)
    .await
    .map_err(|e| super::accounts::missing_parent(e, "connection or user"))?;
    Ok(())
}

/// `DELETE … RETURNING` makes taking a state atomic: of two redirects racing with the same
/// `state`, exactly one gets it.
pub(super) async fn take_oauth_state(store: &SqlStore, state: &str) -> Result<Option<OAuthState>> {
    let hash = TokenHash::of(state);
    let row = sqlx::query(
        "DELETE FROM oauth_states WHERE state_hash = $1 RETURNING connection_id, user_id, \
         pkce_verifier, redirect_uri, created_at, expires_at",
    )
    .bind(hash.as_bytes().as_slice())
    .fetch_optional(&store.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let expires_at: i64 = row.try_get("expires_at")?;
    if expires_at <= now() {
        return Ok(None);
    }
    let connection_id: ConnectionId = row.try_get::<String, _>("connection_id")?.into();
    let sealed: Vec<u8> = row.try_get("pkce_verifier")?;
    let verifier = store.cipher.open(&verifier_context(&connection_id), &sealed)?;
    let verifier = String::from_utf8(verifier)
        .map_err(|_| StoreError::Corrupt("pkce_verifier is not UTF-8".into()))?;
    Ok(Some(OAuthState {
        connection_id,
        user_id: row.try_get::<String, _>("user_id")?.into(),
        pkce_verifier: verifier.into(),
        redirect_uri: row.try_get("redirect_uri")?,
        created_at: row.try_get("created_at")?,
        expires_at,
    }))
}

pub(super) async fn purge_expired_oauth_states(store: &SqlStore) -> Result<u64> {
    let done = sqlx::query("DELETE FROM oauth_states WHERE expires_at <= $1")
        .bind(now())
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected())
}
