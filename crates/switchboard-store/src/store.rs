//! The `Store` trait: everything the registry server reads and writes.

use async_trait::async_trait;

use crate::error::Result;
use crate::ids::{ConnectionId, ConnectorId, EnvironmentId, GroupId, TenantId, TokenId, UserId};
use crate::input::{NewConnection, NewConnector, NewOAuthState, NewVersion, Page, PageRequest};
use crate::token::TokenHash;
use crate::types::{
    Admission, ApiToken, Authenticated, CertificationState, Connection, ConnectionSecrets,
    ConnectionStatus, Connector, ConnectorVersion, Environment, Group, OAuthState, OAuthTokens,
    ParameterValues, Permission, Principal, Role, Share, Tenant, Timestamp, User, VersionInfo,
    Viewer, VisibleConnector,
};

/// Which database a store uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a data directory.
    Sqlite,
    /// A PostgreSQL database, possibly shared by several servers.
    Postgres,
}

/// The registry's storage. Object-safe, so the server holds an `Arc<dyn Store>`.
///
/// The store keeps no state between calls beyond its connection pool, so several server
/// processes can share one PostgreSQL database. Cross-tenant links (a user of tenant A in an
/// environment of tenant B, a share with a group of another tenant) are refused with
/// [`crate::StoreError::Invalid`]. Deletions return whether something was deleted. Methods
/// returning `Option` give `None` for an id that does not exist.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which database this is.
    fn backend(&self) -> Backend;

    // ---- tenants ----

    /// Creates a tenant; its name is unique.
    async fn create_tenant(&self, name: &str) -> Result<Tenant>;
    /// A tenant.
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>>;
    /// All tenants, by name.
    async fn list_tenants(&self) -> Result<Vec<Tenant>>;
    /// Deletes a tenant and everything in it.
    async fn delete_tenant(&self, id: &TenantId) -> Result<bool>;

    // ---- users and tokens ----

    /// Creates a user; the name is unique in the tenant.
    async fn create_user(&self, tenant: &TenantId, name: &str, role: Role) -> Result<User>;
    /// A user.
    async fn get_user(&self, id: &UserId) -> Result<Option<User>>;
    /// The users of a tenant, by name.
    async fn list_users(&self, tenant: &TenantId) -> Result<Vec<User>>;
    /// Changes a user's role.
    async fn set_user_role(&self, id: &UserId, role: Role) -> Result<bool>;
    /// Deletes a user with their tokens, memberships, shares and connections. Fails with
    /// [`crate::StoreError::Invalid`] while the user still owns connectors (reassign or delete
    /// them first: they belong to their environment as much as to their owner).
    async fn delete_user(&self, id: &UserId) -> Result<bool>;
    /// Stores a token's hash for a user (see [`crate::generate_api_token`]).
    async fn create_api_token(
        &self,
        user: &UserId,
        label: &str,
        hash: &TokenHash,
        expires_at: Option<Timestamp>,
    ) -> Result<ApiToken>;
    /// The user a token hash belongs to, unless unknown or expired: one indexed lookup.
    async fn authenticate(&self, hash: &TokenHash) -> Result<Option<Authenticated>>;
    /// A user's tokens, newest first.
    async fn list_api_tokens(&self, user: &UserId) -> Result<Vec<ApiToken>>;
    /// Revokes one of a user's tokens.
    async fn delete_api_token(&self, user: &UserId, id: &TokenId) -> Result<bool>;

    // ---- groups ----

    /// Creates a group; the name is unique in the tenant.
    async fn create_group(&self, tenant: &TenantId, name: &str) -> Result<Group>;
    /// A group.
    async fn get_group(&self, id: &GroupId) -> Result<Option<Group>>;
    /// The groups of a tenant, by name.
    async fn list_groups(&self, tenant: &TenantId) -> Result<Vec<Group>>;
    /// Deletes a group, its memberships and the shares made to it.
    async fn delete_group(&self, id: &GroupId) -> Result<bool>;
    /// Adds a user of the group's tenant to the group (idempotent).
    async fn add_group_member(&self, group: &GroupId, user: &UserId) -> Result<()>;
    /// Removes a user from a group.
    async fn remove_group_member(&self, group: &GroupId, user: &UserId) -> Result<bool>;
    /// The members of a group, by name.
    async fn list_group_members(&self, group: &GroupId) -> Result<Vec<User>>;

    // ---- environments ----

    /// Creates an environment; the name is unique in the tenant.
    async fn create_environment(
        &self,
        tenant: &TenantId,
        name: &str,
        region: &str,
    ) -> Result<Environment>;
    /// An environment.
    async fn get_environment(&self, id: &EnvironmentId) -> Result<Option<Environment>>;
    /// The environments of a tenant, by name.
    async fn list_environments(&self, tenant: &TenantId) -> Result<Vec<Environment>>;
    /// The environments a user is a member of, by name.
    async fn list_member_environments(&self, user: &UserId) -> Result<Vec<Environment>>;
    /// Deletes an environment with its connectors and connections.
    async fn delete_environment(&self, id: &EnvironmentId) -> Result<bool>;
    /// Makes a user of the environment's tenant a member (idempotent).
    async fn add_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<()>;
    /// Removes a member.
    async fn remove_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<bool>;
    /// The members of an environment, by name.
    async fn list_environment_members(&self, env: &EnvironmentId) -> Result<Vec<User>>;
    /// Whether a user is a member of an environment.
    async fn is_environment_member(&self, env: &EnvironmentId, user: &UserId) -> Result<bool>;

    // ---- connectors and versions ----

    /// Creates a connector with version 1, atomically.
    async fn create_connector(&self, new: NewConnector) -> Result<(Connector, VersionInfo)>;
    /// Adds the next version and makes it current, atomically: the number is assigned inside
    /// the transaction, so concurrent writers (even in other processes) get distinct numbers.
    async fn add_version(&self, new: NewVersion) -> Result<(Connector, VersionInfo)>;
    /// The connectors of an environment that `viewer` may see, by (title, id), one indexed
    /// query per page. A user sees a connector when they are a member of its environment, its
    /// owner, or it is shared with them directly or through a group, and always only in their
    /// own tenant; tenant administrators see all of their tenant's.
    async fn list_visible_connectors(
        &self,
        viewer: &Viewer,
        env: &EnvironmentId,
        page: &PageRequest,
    ) -> Result<Page<VisibleConnector>>;
    /// A connector, only if `viewer` may see it (`None` otherwise, so the server answers 404
    /// alike for "missing" and "invisible").
    async fn get_visible_connector(
        &self,
        viewer: &Viewer,
        id: &ConnectorId,
    ) -> Result<Option<VisibleConnector>>;
    /// A connector's versions, newest first, without files.
    async fn list_versions(&self, connector: &ConnectorId) -> Result<Vec<VersionInfo>>;
    /// One version with its files.
    async fn get_version(
        &self,
        connector: &ConnectorId,
        version: i64,
    ) -> Result<Option<ConnectorVersion>>;
    /// Sets the certification state.
    async fn set_certification_state(
        &self,
        connector: &ConnectorId,
        state: CertificationState,
    ) -> Result<bool>;
    /// Deletes a connector with its versions, shares and connections.
    async fn delete_connector(&self, connector: &ConnectorId) -> Result<bool>;

    // ---- shares ----

    /// Shares a connector, or changes the permission of an existing share.
    async fn share_connector(
        &self,
        connector: &ConnectorId,
        principal: &Principal,
        permission: Permission,
    ) -> Result<Share>;
    /// Removes a share.
    async fn unshare_connector(
        &self,
        connector: &ConnectorId,
        principal: &Principal,
    ) -> Result<bool>;
    /// A connector's shares.
    async fn list_shares(&self, connector: &ConnectorId) -> Result<Vec<Share>>;

    // ---- connections ----

    /// Creates a connection; its parameter values are encrypted before they are written.
    async fn create_connection(&self, new: NewConnection) -> Result<Connection>;
    /// A connection's metadata.
    async fn get_connection(&self, id: &ConnectionId) -> Result<Option<Connection>>;
    /// A user's connections in an environment, newest first.
    async fn list_connections(
        &self,
        owner: &UserId,
        env: &EnvironmentId,
    ) -> Result<Vec<Connection>>;
    /// Every connection of an environment, newest first (for its tenant's administrators).
    async fn list_environment_connections(&self, env: &EnvironmentId) -> Result<Vec<Connection>>;
    /// A connection's decrypted secrets (for the runtime; never for an API response).
    async fn get_connection_secrets(&self, id: &ConnectionId) -> Result<Option<ConnectionSecrets>>;
    /// Replaces a connection's parameter values and status.
    async fn update_connection_parameters(
        &self,
        id: &ConnectionId,
        parameters: &ParameterValues,
        status: ConnectionStatus,
    ) -> Result<bool>;
    /// Stores OAuth tokens (first grant or a refresh) and marks the connection connected.
    async fn store_oauth_tokens(&self, id: &ConnectionId, tokens: &OAuthTokens) -> Result<bool>;
    /// Sets a connection's status.
    async fn set_connection_status(
        &self,
        id: &ConnectionId,
        status: ConnectionStatus,
    ) -> Result<bool>;
    /// Renames a connection.
    async fn rename_connection(&self, id: &ConnectionId, display_name: &str) -> Result<bool>;
    /// Deletes a connection (with its OAuth flows and its rate-limit bucket).
    async fn delete_connection(&self, id: &ConnectionId) -> Result<bool>;

    // ---- OAuth flows ----

    /// Records a flow started by `GET /connections/{id}/oauth/start`.
    async fn create_oauth_state(&self, new: NewOAuthState) -> Result<()>;
    /// Takes a flow back by its `state` exactly once (deleting it); `None` when unknown,
    /// already taken or expired.
    async fn take_oauth_state(&self, state: &str) -> Result<Option<OAuthState>>;
    /// Deletes expired flows; returns how many.
    async fn purge_expired_oauth_states(&self) -> Result<u64>;

    // ---- rate limits ----

    /// Takes one request from the token bucket `bucket` (`capacity` requests, refilled
    /// continuously over `period`), in one atomic statement: every store on the same database
    /// draws on the same bucket. A new bucket starts full.
    async fn acquire_rate_limit(
        &self,
        bucket: &str,
        capacity: u32,
        period: std::time::Duration,
    ) -> Result<Admission>;
}
