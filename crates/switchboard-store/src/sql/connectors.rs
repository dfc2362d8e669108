//! Connectors, their immutable versions, and shares.

use sqlx::Row as _;

use super::accounts::missing_parent;
use super::rows::{self, CONNECTOR_COLS, SHARE_COLS, VERSION_COLS};
use super::{SqlStore, Tx, now, tenant_of};
use crate::ConnectorArchive;
use crate::error::{Result, StoreError};
use crate::ids::{ConnectorId, UserId};
use crate::input::{NewConnector, NewVersion};
use crate::types::{
    CertificationState, Connector, ConnectorVersion, Permission, Principal, Share, Timestamp,
    VersionInfo,
};

pub(super) async fn create_connector(
    store: &SqlStore,
    new: NewConnector,
) -> Result<(Connector, VersionInfo)> {
    let env_tenant =
        tenant_of(store, "environments", new.environment_id.as_str(), "environment").await?;
    let owner_tenant = tenant_of(store, "users", new.owner_id.as_str(), "user").await?;
    if env_tenant != owner_tenant {
        return Err(StoreError::Invalid(
            "the owner and the environment are in different tenants".into(),
        ));
    }
    let at = now();
    let connector = Connector {
        id: ConnectorId::random(),
        environment_id: new.environment_id,
        owner_id: new.owner_id,
        name: new.name,
        title: new.title,
        current_version: 1,
        certification_state: CertificationState::None,
        created_at: at,
        updated_at: at,
    };
    let mut tx = super::begin_write(&store.pool).await?;
    sqlx::query(
        "INSERT INTO connectors (id, environment_id, owner_id, name, title, current_version, \
         certification_state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)",
    )
    .bind(connector.id.as_str())
    .bind(connector.environment_id.as_str())
    .bind(connector.owner_id.as_str())
    .bind(&connector.name)
    .bind(&connector.title)
    .bind(connector.certification_state.as_str())
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let version = insert_version(
        &mut tx,
        &connector.id,
        1,
        &connector.owner_id,
        &new.archive,
        &new.warnings,
        at,
    )
    .await?;
    tx.commit().await?;
    Ok((connector, version))
}

async fn insert_version(
    tx: &mut Tx,
    connector: &ConnectorId,
    version: i64,
    created_by: &UserId,
    archive: &ConnectorArchive,
    warnings: &serde_json::Value,
    at: Timestamp,
) -> Result<VersionInfo> {
    let info = VersionInfo {
        connector_id: connector.clone(),
        version,
        sha256: archive.sha256_hex(),
        warnings: warnings.clone(),
        created_by: created_by.clone(),
        created_at: at,
    };
    sqlx::query(
        "INSERT INTO connector_versions (connector_id, version, archive, sha256, warnings, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(connector.as_str())
    .bind(version)
    .bind(archive.as_bytes())
    .bind(&info.sha256)
    .bind(warnings.to_string())
    .bind(created_by.as_str())
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(info)
}

/// The version number comes from incrementing the connector row inside the transaction: the
/// row lock (PostgreSQL) or the database write lock (SQLite, `BEGIN IMMEDIATE`) serialises
/// concurrent publishers, each of which sees the previous one's number, and the primary key
/// (connector_id, version) would refuse a duplicate anyway.
pub(super) async fn add_version(
    store: &SqlStore,
    new: NewVersion,
) -> Result<(Connector, VersionInfo)> {
    let at = now();
    let mut tx = super::begin_write(&store.pool).await?;
    let guard = if new.expected_current.is_some() { " AND current_version = $4" } else { "" };
    let sql = format!(
        "UPDATE connectors SET current_version = current_version + 1, title = $2, \
         updated_at = $3 WHERE id = $1{guard} RETURNING current_version"
    );
    let mut query = sqlx::query(&sql).bind(new.connector_id.as_str()).bind(&new.title).bind(at);
    if let Some(expected) = new.expected_current {
        query = query.bind(expected);
    }
    let Some(row) = query.fetch_optional(&mut *tx).await? else {
        let current = sqlx::query("SELECT current_version FROM connectors WHERE id = $1")
            .bind(new.connector_id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        return Err(match (current, new.expected_current) {
            (None, _) => StoreError::NotFound("connector"),
            (Some(row), Some(expected)) => StoreError::Conflict(format!(
                "the current version is {}, not {expected}",
                row.try_get::<i64, _>("current_version")?
            )),
            (Some(_), None) => StoreError::Conflict("the connector changed concurrently".into()),
        });
    };
    let number: i64 = row.try_get("current_version")?;
    let version = insert_version(
        &mut tx,
        &new.connector_id,
        number,
        &new.created_by,
        &new.archive,
        &new.warnings,
        at,
    )
    .await?;
    let sql = format!("SELECT {CONNECTOR_COLS} FROM connectors c WHERE c.id = $1");
    let row = sqlx::query(&sql).bind(new.connector_id.as_str()).fetch_one(&mut *tx).await?;
    let connector = rows::connector(&row)?;
    tx.commit().await?;
    Ok((connector, version))
}

pub(super) async fn list_versions(
    store: &SqlStore,
    connector: &ConnectorId,
) -> Result<Vec<VersionInfo>> {
    let sql = format!(
        "SELECT {VERSION_COLS} FROM connector_versions v WHERE v.connector_id = $1 \
         ORDER BY v.version DESC"
    );
    let found = sqlx::query(&sql).bind(connector.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::version)
}

pub(super) async fn get_version(
    store: &SqlStore,
    connector: &ConnectorId,
    version: i64,
) -> Result<Option<ConnectorVersion>> {
    let sql = format!(
        "SELECT {VERSION_COLS}, v.archive FROM connector_versions v \
         WHERE v.connector_id = $1 AND v.version = $2"
    );
    let row = sqlx::query(&sql)
        .bind(connector.as_str())
        .bind(version)
        .fetch_optional(&store.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let archive = ConnectorArchive::from_zip_bytes(row.try_get::<Vec<u8>, _>("archive")?);
    Ok(Some(ConnectorVersion { info: rows::version(&row)?, archive }))
}

pub(super) async fn set_certification_state(
    store: &SqlStore,
    connector: &ConnectorId,
    state: CertificationState,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE connectors SET certification_state = $2, updated_at = $3 WHERE id = $1",
    )
    .bind(connector.as_str())
    .bind(state.as_str())
    .bind(now())
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn share_connector(
    store: &SqlStore,
    connector: &ConnectorId,
    principal: &Principal,
    permission: Permission,
) -> Result<Share> {
    let connector_tenant = sqlx::query(
        "SELECT e.tenant_id FROM connectors c JOIN environments e ON e.id = c.environment_id \
         WHERE c.id = $1",
    )
    .bind(connector.as_str())
    .fetch_optional(&store.pool)
    .await?
    .ok_or(StoreError::NotFound("connector"))?
    .try_get::<String, _>("tenant_id")?;
    let (column, id, principal_tenant) = match principal {
        Principal::User(user) => {
            ("user_id", user.as_str(), tenant_of(store, "users", user.as_str(), "user").await?)
        }
        Principal::Group(group) => {
            ("group_id", group.as_str(), tenant_of(store, "groups", group.as_str(), "group").await?)
        }
    };
    if principal_tenant != connector_tenant {
        return Err(StoreError::Invalid("a connector can only be shared inside its tenant".into()));
    }
    let at = now();
    // `column` is one of two literals above, never input.
    let sql = format!(
        "INSERT INTO connector_shares (connector_id, {column}, permission, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (connector_id, {column}) \
         DO UPDATE SET permission = excluded.permission, created_at = excluded.created_at"
    );
    sqlx::query(&sql)
        .bind(connector.as_str())
        .bind(id)
        .bind(permission.as_str())
        .bind(at)
        .execute(&store.pool)
        .await
        .map_err(|e| missing_parent(e, "connector"))?;
    Ok(Share {
        connector_id: connector.clone(),
        principal: principal.clone(),
        permission,
        created_at: at,
    })
}

pub(super) async fn unshare_connector(
    store: &SqlStore,
    connector: &ConnectorId,
    principal: &Principal,
) -> Result<bool> {
    let (column, id) = match principal {
        Principal::User(user) => ("user_id", user.as_str()),
        Principal::Group(group) => ("group_id", group.as_str()),
    };
    let sql = format!("DELETE FROM connector_shares WHERE connector_id = $1 AND {column} = $2");
    let done = sqlx::query(&sql).bind(connector.as_str()).bind(id).execute(&store.pool).await?;
    Ok(done.rows_affected() > 0)
}

pub(super) async fn list_shares(store: &SqlStore, connector: &ConnectorId) -> Result<Vec<Share>> {
    let sql = format!(
        "SELECT {SHARE_COLS} FROM connector_shares s WHERE s.connector_id = $1 \
         ORDER BY s.created_at, s.user_id, s.group_id"
    );
    let found = sqlx::query(&sql).bind(connector.as_str()).fetch_all(&store.pool).await?;
    rows::all(&found, rows::share)
}
