//! The SQL implementation of [`Store`], written once and compiled once per backend.
//!
//! `sqlite.rs` and `postgres.rs` each include this module with `#[path]` after defining
//! `type Db` (the sqlx driver) and `begin_write`. The statements are the common subset of the
//! two dialects: `$N` placeholders (SQLite accepts them), `RETURNING`, `ON CONFLICT`, row
//! values, and only TEXT / integer / blob values. This keeps one copy of every query with the
//! concrete driver types, instead of sqlx's `Any` driver (which converts every value) or
//! generic code whose trait bounds would outgrow the queries.

mod accounts;
mod connections;
mod connectors;
mod environments;
mod rate_limits;
mod rows;
mod visibility;

use async_trait::async_trait;
use sqlx::Row as _;

use super::{Db, begin_write};
use crate::crypto::Cipher;
use crate::error::{Result, StoreError};
use crate::ids::{ConnectionId, ConnectorId, EnvironmentId, GroupId, TenantId, TokenId, UserId};
use crate::input::{NewConnection, NewConnector, NewOAuthState, NewVersion, Page, PageRequest};
use crate::store::{Backend, Store};
use crate::token::TokenHash;
use crate::types::{
    Admission, ApiToken, Authenticated, CertificationState, Connection, ConnectionSecrets,
    ConnectionStatus, Connector, ConnectorVersion, Environment, Group, OAuthState, OAuthTokens,
    ParameterValues, Permission, Principal, Role, Share, Tenant, Timestamp, User, VersionInfo,
    Viewer, VisibleConnector,
};

type DbRow = <Db as sqlx::Database>::Row;
type DbArguments<'q> = <Db as sqlx::Database>::Arguments<'q>;
type Tx = sqlx::Transaction<'static, Db>;

/// A store on one database pool. Holds no state besides the pool and the cipher, so any
/// number of processes can share the database.
pub struct SqlStore {
    pub(super) pool: sqlx::Pool<Db>,
    /// Connections for rate-limit counters, whose commits skip the flush to disk (SQLite
    /// `synchronous = NORMAL`, PostgreSQL `synchronous_commit = off`): a counter lost to a
    /// power cut only forgets a few requests, and the flush was most of a request's cost.
    counters: sqlx::Pool<Db>,
    cipher: Cipher,
    backend: Backend,
}

impl std::fmt::Debug for SqlStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlStore").field("backend", &self.backend).finish_non_exhaustive()
    }
}

impl SqlStore {
    pub(super) fn new(
        pool: sqlx::Pool<Db>,
        counters: sqlx::Pool<Db>,
        cipher: Cipher,
        backend: Backend,
    ) -> Self {
        Self { pool, counters, cipher, backend }
    }

    /// The connection pool (for backend-specific maintenance and tests).
    pub fn pool(&self) -> &sqlx::Pool<Db> {
        &self.pool
    }

    /// Closes the pools, waiting for connections in use to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
        self.counters.close().await;
    }
}

/// Now, in UTC seconds.
fn now() -> Timestamp {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The tenant of a row of `table` (`users`, `groups` or `environments`), or `NotFound(what)`.
async fn tenant_of(
    store: &SqlStore,
    table: &'static str,
    id: &str,
    what: &'static str,
) -> Result<String> {
    // `table` is always one of the literals of the callers, never input.
    let sql = format!("SELECT tenant_id FROM {table} WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&store.pool).await?;
    Ok(row.ok_or(StoreError::NotFound(what))?.try_get("tenant_id")?)
}

/// `DELETE FROM table WHERE id = $1`; `table` is always a literal of the callers.
async fn delete_by_id(store: &SqlStore, table: &'static str, id: &str) -> Result<bool> {
    let sql = format!("DELETE FROM {table} WHERE id = $1");
    let done = sqlx::query(&sql).bind(id).execute(&store.pool).await?;
    Ok(done.rows_affected() > 0)
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn create_tenant(&self, name: &str) -> Result<Tenant> {
        accounts::create_tenant(self, name).await
    }
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>> {
        accounts::get_tenant(self, id).await
    }
    async fn list_tenants(&self) -> Result<Vec<Tenant>> {
        accounts::list_tenants(self).await
    }
    async fn delete_tenant(&self, id: &TenantId) -> Result<bool> {
        delete_by_id(self, "tenants", id.as_str()).await
    }

    async fn create_user(&self, tenant: &TenantId, name: &str, role: Role) -> Result<User> {
        accounts::create_user(self, tenant, name, role).await
    }
    async fn get_user(&self, id: &UserId) -> Result<Option<User>> {
        accounts::get_user(self, id).await
    }
    async fn list_users(&self, tenant: &TenantId) -> Result<Vec<User>> {
        accounts::list_users(self, tenant).await
    }
    async fn set_user_role(&self, id: &UserId, role: Role) -> Result<bool> {
        accounts::set_user_role(self, id, role).await
    }
    async fn delete_user(&self, id: &UserId) -> Result<bool> {
        accounts::delete_user(self, id).await
    }
    async fn create_api_token(
        &self,
        user: &UserId,
        label: &str,
        hash: &TokenHash,
        expires_at: Option<Timestamp>,
    ) -> Result<ApiToken> {
        accounts::create_api_token(self, user, label, hash, expires_at).await
    }
    async fn authenticate(&self, hash: &TokenHash) -> Result<Option<Authenticated>> {
        accounts::authenticate(self, hash).await
    }
    async fn list_api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>> {
        accounts::list_api_tokens(self, user).await
    }
    async fn delete_api_token(&self, user: &UserId, id: &TokenId) -> Result<bool> {
        accounts::delete_api_token(self, user, id).await
    }

    async fn create_group(&self, tenant: &TenantId, name: &str) -> Result<Group> {
        accounts::create_group(self, tenant, name).await
    }
    async fn get_group(&self, id: &GroupId) -> Result<Option<Group>> {
        accounts::get_group(self, id).await
    }
    async fn list_groups(&self, tenant: &TenantId) -> Result<Vec<Group>> {
        accounts::list_groups(self, tenant).await
    }
    async fn delete_group(&self, id: &GroupId) -> Result<bool> {
        delete_by_id(self, "groups", id.as_str()).await
    }
    async fn add_group_member(&self, group: &GroupId, user: &UserId) -> Result<()> {
        accounts::add_group_member(self, group, user).await
    }
    async fn remove_group_member(&self, group: &GroupId, user: &UserId) -> Result<bool> {
        accounts::remove_group_member(self, group, user).await
    }
    async fn list_group_members(&self, group: &GroupId) -> Result<Vec<User>> {
        accounts::list_group_members(self, group).await
    }

    async fn create_environment(
        &self,
        tenant: &TenantId,
        name: &str,
        region: &str,
    ) -> Result<Environment> {
        environments::create_environment(self, tenant, name, region).await
    }
    async fn get_environment(&self, id: &EnvironmentId) -> Result<Option<Environment>> {
        environments::get_environment(self, id).await
    }
    async fn list_environments(&self, tenant: &TenantId) -> Result<Vec<Environment>> {
        environments::list_environments(self, tenant).await
    }
    async fn list_member_environments(&self, user: &UserId) -> Result<Vec<Environment>> {
        environments::list_member_environments(self, user).await
    }
    async fn delete_environment(&self, id: &EnvironmentId) -> Result<bool> {
        delete_by_id(self, "environments", id.as_str()).await
    }
    async fn add_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<()> {
        environments::add_environment_member(self, env, user).await
    }
    async fn remove_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<bool> {
        environments::remove_environment_member(self, env, user).await
    }
    async fn list_environment_members(&self, env: &EnvironmentId) -> Result<Vec<User>> {
        environments::list_environment_members(self, env).await
    }
    async fn is_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<bool> {
        environments::is_environment_member(self, env, user).await
    }

    async fn create_connector(&self, new: NewConnector) -> Result<(Connector, VersionInfo)> {
        connectors::create_connector(self, new).await
    }
    async fn add_version(&self, new: NewVersion) -> Result<(Connector, VersionInfo)> {
        connectors::add_version(self, new).await
    }
    async fn list_visible_connectors(
        &self,
        viewer: &Viewer,
        env: &EnvironmentId,
        page: &PageRequest,
    ) -> Result<Page<VisibleConnector>> {
        visibility::list_visible_connectors(self, viewer, env, page).await
    }
    async fn get_visible_connector(
        &self,
        viewer: &Viewer,
        id: &ConnectorId,
    ) -> Result<Option<VisibleConnector>> {
        visibility::get_visible_connector(self, viewer, id).await
    }
    async fn list_versions(&self, connector: &ConnectorId) -> Result<Vec<VersionInfo>> {
        connectors::list_versions(self, connector).await
    }
    async fn get_version(
        &self,
        connector: &ConnectorId,
        version: i64,
    ) -> Result<Option<ConnectorVersion>> {
        connectors::get_version(self, connector, version).await
    }
    async fn set_certification_state(
        &self,
        connector: &ConnectorId,
        state: CertificationState,
    ) -> Result<bool> {
        connectors::set_certification_state(self, connector, state).await
    }
    async fn delete_connector(&self, connector: &ConnectorId) -> Result<bool> {
        delete_by_id(self, "connectors", connector.as_str()).await
    }

    async fn share_connector(
        &self,
        connector: &ConnectorId,
        principal: &Principal,
        permission: Permission,
    ) -> Result<Share> {
        connectors::share_connector(self, connector, principal, permission).await
    }
    async fn unshare_connector(
        &self,
        connector: &ConnectorId,
        principal: &Principal,
    ) -> Result<bool> {
        connectors::unshare_connector(self, connector, principal).await
    }
    async fn list_shares(&self, connector: &ConnectorId) -> Result<Vec<Share>> {
        connectors::list_shares(self, connector).await
    }

    async fn create_connection(&self, new: NewConnection) -> Result<Connection> {
        connections::create_connection(self, new).await
    }
    async fn get_connection(&self, id: &ConnectionId) -> Result<Option<Connection>> {
        connections::get_connection(self, id).await
    }
    async fn list_connections(
        &self,
        owner: &UserId,
        env: &EnvironmentId,
    ) -> Result<Vec<Connection>> {
        connections::list_connections(self, owner, env).await
    }
    async fn list_environment_connections(&self, env: &EnvironmentId) -> Result<Vec<Connection>> {
        connections::list_environment_connections(self, env).await
    }
    async fn get_connection_secrets(&self, id: &ConnectionId) -> Result<Option<ConnectionSecrets>> {
        connections::get_connection_secrets(self, id).await
    }
    async fn update_connection_parameters(
        &self,
        id: &ConnectionId,
        parameters: &ParameterValues,
        status: ConnectionStatus,
    ) -> Result<bool> {
        connections::update_connection_parameters(self, id, parameters, status).await
    }
    async fn store_oauth_tokens(&self, id: &ConnectionId, tokens: &OAuthTokens) -> Result<bool> {
        connections::store_oauth_tokens(self, id, tokens).await
    }
    async fn set_connection_status(
        &self,
        id: &ConnectionId,
        status: ConnectionStatus,
    ) -> Result<bool> {
        connections::set_connection_field(self, id, "status", status.as_str()).await
    }
    async fn rename_connection(&self, id: &ConnectionId, display_name: &str) -> Result<bool> {
        connections::set_connection_field(self, id, "display_name", display_name).await
    }
    async fn delete_connection(&self, id: &ConnectionId) -> Result<bool> {
        let deleted = delete_by_id(self, "connections", id.as_str()).await?;
        rate_limits::delete(self, id.as_str()).await?;
        Ok(deleted)
    }

    async fn create_oauth_state(&self, new: NewOAuthState) -> Result<()> {
        connections::create_oauth_state(self, new).await
    }
    async fn take_oauth_state(&self, state: &str) -> Result<Option<OAuthState>> {
        connections::take_oauth_state(self, state).await
    }
    async fn purge_expired_oauth_states(&self) -> Result<u64> {
        connections::purge_expired_oauth_states(self).await
    }

    async fn acquire_rate_limit(
        &self,
        bucket: &str,
        capacity: u32,
        period: std::time::Duration,
    ) -> Result<Admission> {
        rate_limits::acquire(self, bucket, capacity, period).await
    }
}
