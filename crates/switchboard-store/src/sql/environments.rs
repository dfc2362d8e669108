//! Environments and their members.

use super::accounts::missing_parent;
use super::rows::{self, ENV_COLS, USER_COLS};
use super::{SqlStore, now, tenant_of};
use crate::error::{Result, StoreError};
use crate::ids::{EnvironmentId, TenantId, UserId};
use crate::types::{Environment, User};

pub(super) async fn create_environment(
    store: &SqlStore,
    tenant: &TenantId,
    name: &str,
    region: &str,
) -> Result<Environment> {
    let env = Environment {
        id: EnvironmentId::random(),
        tenant_id: tenant.clone(),
        name: name.to_owned(),
        region: region.to_owned(),
        created_at: now(),
    };
    sqlx::query(
        "INSERT INTO environments (id, tenant_id, name, region, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(env.id.as_str())
    .bind(tenant.as_str())
    .bind(name)
    .bind(region)
    .bind(env.created_at)
    .execute(&store.pool)
    .await
    .map_err(|e| missing_parent(e, "tenant"))?;
    Ok(env)
}

pub(super) async fn get_environment(
    store: &SqlStore,
    id: &EnvironmentId,
) -> Result<Option<Environment>> {
    let sql = format!("SELECT {ENV_COLS} FROM environments e WHERE e.id = $1");
    let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&store.pool).await?;
    row.as_ref().map(rows::environment).transpose()
}

pub(super) async fn list_environments(
    store: &SqlStore,
    tenant: &TenantId,
) -> Result<Vec<Environment>> {
    let sql =
        format!("SELECT {ENV_COLS} FROM environments e WHERE e.tenant_id = $1 ORDER BY e.name");
    let found = sqlx::query(&sql).bind(tenant.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::environment)
}

pub(super) async fn list_member_environments(
    store: &SqlStore,
    user: &UserId,
) -> Result<Vec<Environment>> {
    let sql = format!(
        "SELECT {ENV_COLS} FROM environment_members m JOIN environments e \
         ON e.id = m.environment_id WHERE m.user_id = $1 ORDER BY e.name"
    );
    let found = sqlx::query(&sql).bind(user.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::environment)
}

pub(super) async fn add_environment_member(
    store: &SqlStore,
    env: &EnvironmentId,
    user: &UserId,
) -> Result<()> {
    let env_tenant = tenant_of(store, "environments", env.as_str(), "environment").await?;
    let user_tenant = tenant_of(store, "users", user.as_str(), "user").await?;
    if env_tenant != user_tenant {
        return Err(StoreError::Invalid(
            "the user and the environment are in different tenants".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO environment_members (environment_id, user_id) VALUES ($1, $2) \
         ON CONFLICT (environment_id, user_id) DO NOTHING",
    )
    .bind(env.as_str())
    .bind(user.as_str())
    .execute(&store.pool)
    .await?;
    Ok(())
}

pub(super) async fn remove_environment_member(
    store: &SqlStore,
    env: &EnvironmentId,
    user: &UserId,
) -> Result<bool> {
    let done =
        sqlx::query("DELETE FROM environment_members WHERE environment_id = $1 AND user_id = $2")
            .bind(env.as_str())
            .bind(user.as_str())
            .execute(&store.pool)
            .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn list_environment_members(
    store: &SqlStore,
    env: &EnvironmentId,
) -> Result<Vec<User>> {
    let sql = format!(
        "SELECT {USER_COLS} FROM environment_members m JOIN users u ON u.id = m.user_id \
         WHERE m.environment_id = $1 ORDER BY u.name"
    );
    rows::all(&sqlx::query(&sql).bind(env.as_str()).fetch_all(&store.pool).await?, rows::user)
}

pub(super) async fn is_environment_member(
    store: &SqlStore,
    env: &EnvironmentId,
    user: &UserId,
) -> Result<bool> {
    let row = sqlx::query(
        "SELECT 1 AS one FROM environment_members WHERE environment_id = $1 AND user_id = $2",
    )
    .bind(env.as_str())
    .bind(user.as_str())
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.is_some())
}
