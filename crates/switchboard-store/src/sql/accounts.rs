//! Tenants, users, API tokens and groups.

use super::rows::{self, GROUP_COLS, TENANT_COLS, TOKEN_COLS, USER_COLS};
use super::{SqlStore, now, tenant_of};
use crate::error::{Result, StoreError};
use crate::ids::{GroupId, TenantId, TokenId, UserId};
use crate::token::TokenHash;
use crate::types::{ApiToken, Authenticated, Group, Role, Tenant, Timestamp, User};

pub(super) async fn create_tenant(store: &SqlStore, name: &str) -> Result<Tenant> {
    let tenant = Tenant { id: TenantId::random(), name: name.to_owned(), created_at: now() };
    sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(tenant.id.as_str())
        .bind(&tenant.name)
        .bind(tenant.created_at)
        .execute(&store.pool)
        .await?;
    Ok(tenant)
}

pub(super) async fn get_tenant(store: &SqlStore, id: &TenantId) -> Result<Option<Tenant>> {
    let sql = format!("SELECT {TENANT_COLS} FROM tenants t WHERE t.id = $1");
    let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&store.pool).await?;
    row.as_ref().map(rows::tenant).transpose()
}

pub(super) async fn list_tenants(store: &SqlStore) -> Result<Vec<Tenant>> {
    let sql = format!("SELECT {TENANT_COLS} FROM tenants t ORDER BY t.name");
    rows::all(&sqlx::query(&sql).fetch_all(&store.pool).await?, rows::tenant)
}

pub(super) async fn create_user(
    store: &SqlStore,
    tenant: &TenantId,
    name: &str,
    role: Role,
) -> Result<User> {
    let user = User {
        id: UserId::random(),
        tenant_id: tenant.clone(),
        name: name.to_owned(),
        role,
        created_at: now(),
    };
    sqlx::query(
        "INSERT INTO users (id, tenant_id, name, role, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user.id.as_str())
    .bind(user.tenant_id.as_str())
    .bind(&user.name)
    .bind(role.as_str())
    .bind(user.created_at)
    .execute(&store.pool)
    .await
    .map_err(|e| missing_parent(e, "tenant"))?;
    Ok(user)
}

/// A foreign-key failure on insert means the named parent does not exist.
pub(super) fn missing_parent(error: sqlx::Error, parent: &'static str) -> StoreError {
    match StoreError::from(error) {
        StoreError::Invalid(_) => StoreError::NotFound(parent),
        other => other,
    }
}

pub(super) async fn get_user(store: &SqlStore, id: &UserId) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLS} FROM users u WHERE u.id = $1");
    let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&store.pool).await?;
    row.as_ref().map(rows::user).transpose()
}

pub(super) async fn list_users(store: &SqlStore, tenant: &TenantId) -> Result<Vec<User>> {
    let sql = format!("SELECT {USER_COLS} FROM users u WHERE u.tenant_id = $1 ORDER BY u.name");
    rows::all(&sqlx::query(&sql).bind(tenant.as_str()).fetch_all(&store.pool).await?, rows::user)
}

pub(super) async fn set_user_role(store: &SqlStore, id: &UserId, role: Role) -> Result<bool> {
    let done = sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
        .bind(id.as_str())
        .bind(role.as_str())
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn delete_user(store: &SqlStore, id: &UserId) -> Result<bool> {
    let done = sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id.as_str())
        .execute(&store.pool)
        .await
        .map_err(|e| match StoreError::from(e) {
            // The only reference without ON DELETE is connectors.owner_id.
            StoreError::Invalid(_) => StoreError::Invalid(
                "the user still owns connectors; reassign or delete them first".into(),
            ),
            other => other,
        })?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn create_api_token(
    store: &SqlStore,
    user: &UserId,
    label: &str,
    hash: &TokenHash,
    expires_at: Option<Timestamp>,
) -> Result<ApiToken> {
    let token = ApiToken {
        id: TokenId::random(),
        user_id: user.clone(),
        label: label.to_owned(),
        created_at: now(),
        expires_at,
    };
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token.id.as_str())
    .bind(user.as_str())
    .bind(hash.as_bytes().as_slice())
    .bind(label)
    .bind(token.created_at)
    .bind(expires_at)
    .execute(&store.pool)
    .await
    .map_err(|e| missing_parent(e, "user"))?;
    Ok(token)
}

pub(super) async fn authenticate(
    store: &SqlStore,
    hash: &TokenHash,
) -> Result<Option<Authenticated>> {
    let sql = format!(
        "SELECT {USER_COLS}, t.name AS tenant_name, t.created_at AS tenant_created_at, \
                k.id AS token_id \
         FROM api_tokens k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = u.tenant_id \
         WHERE k.token_hash = $1 AND (k.expires_at IS NULL OR k.expires_at > $2)"
    );
    let row = sqlx::query(&sql)
        .bind(hash.as_bytes().as_slice())
        .bind(now())
        .fetch_optional(&store.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let user = rows::user(&row)?;
    let tenant = {
        use sqlx::Row as _;
        Tenant {
            id: user.tenant_id.clone(),
            name: row.try_get("tenant_name")?,
            created_at: row.try_get("tenant_created_at")?,
        }
    };
    let token_id = sqlx::Row::try_get::<String, _>(&row, "token_id")?.into();
    Ok(Some(Authenticated { user, tenant, token_id }))
}

pub(super) async fn list_api_tokens(store: &SqlStore, user: &UserId) -> Result<Vec<ApiToken>> {
    let sql = format!(
        "SELECT {TOKEN_COLS} FROM api_tokens k WHERE k.user_id = $1 \
         ORDER BY k.created_at DESC, k.id"
    );
    rows::all(&sqlx::query(&sql).bind(user.as_str()).fetch_all(&store.pool).await?, rows::token)
}

pub(super) async fn delete_api_token(
    store: &SqlStore,
    user: &UserId,
    id: &TokenId,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
        .bind(id.as_str())
        .bind(user.as_str())
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn create_group(store: &SqlStore, tenant: &TenantId, name: &str) -> Result<Group> {
    let group = Group {
        id: GroupId::random(),
        tenant_id: tenant.clone(),
        name: name.to_owned(),
        created_at: now(),
    };
    sqlx::query("INSERT INTO groups (id, tenant_id, name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(group.id.as_str())
        .bind(tenant.as_str())
        .bind(name)
        .bind(group.created_at)
        .execute(&store.pool)
        .await
        .map_err(|e| missing_parent(e, "tenant"))?;
    Ok(group)
}

pub(super) async fn get_group(store: &SqlStore, id: &GroupId) -> Result<Option<Group>> {
    let sql = format!("SELECT {GROUP_COLS} FROM groups g WHERE g.id = $1");
    let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&store.pool).await?;
    row.as_ref().map(rows::group).transpose()
}

pub(super) async fn list_groups(store: &SqlStore, tenant: &TenantId) -> Result<Vec<Group>> {
    let sql = format!("SELECT {GROUP_COLS} FROM groups g WHERE g.tenant_id = $1 ORDER BY g.name");
    rows::all(&sqlx::query(&sql).bind(tenant.as_str()).fetch_all(&store.pool).await?, rows::group)
}

pub(super) async fn add_group_member(
    store: &SqlStore,
    group: &GroupId,
    user: &UserId,
) -> Result<()> {
    let group_tenant = tenant_of(store, "groups", group.as_str(), "group").await?;
    let user_tenant = tenant_of(store, "users", user.as_str(), "user").await?;
    if group_tenant != user_tenant {
        return Err(StoreError::Invalid("the user and the group are in different tenants".into()));
    }
    sqlx::query(
        "INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) \
         ON CONFLICT (group_id, user_id) DO NOTHING",
    )
    .bind(group.as_str())
    .bind(user.as_str())
    .execute(&store.pool)
    .await?;
    Ok(())
}

pub(super) async fn remove_group_member(
    store: &SqlStore,
    group: &GroupId,
    user: &UserId,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group.as_str())
        .bind(user.as_str())
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn list_group_members(store: &SqlStore, group: &GroupId) -> Result<Vec<User>> {
    let sql = format!(
        "SELECT {USER_COLS} FROM group_members gm JOIN users u ON u.id = gm.user_id \
         WHERE gm.group_id = $1 ORDER BY u.name"
    );
    rows::all(&sqlx::query(&sql).bind(group.as_str()).fetch_all(&store.pool).await?, rows::user)
}
