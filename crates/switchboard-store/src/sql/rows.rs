//! Turning rows into domain types (shared by both backends; see `mod.rs`).

use sqlx::Row as _;

use super::DbRow;
use crate::error::{Result, StoreError};
use crate::types::{
    ApiToken, CertificationState, Connection, ConnectionStatus, Connector, Environment, Group,
    Permission, Principal, Role, Share, Tenant, User, VersionInfo,
};

pub(super) const TENANT_COLS: &str = "t.id, t.name, t.created_at";
pub(super) const USER_COLS: &str = "u.id, u.tenant_id, u.name, u.role, u.created_at";
pub(super) const TOKEN_COLS: &str = "k.id, k.user_id, k.label, k.created_at, k.expires_at";
pub(super) const GROUP_COLS: &str = "g.id, g.tenant_id, g.name, g.created_at";
pub(super) const ENV_COLS: &str = "e.id, e.tenant_id, e.name, e.region, e.created_at";
pub(super) const CONNECTOR_COLS: &str = "c.id, c.environment_id, c.owner_id, c.name, c.title, \
     c.current_version, c.certification_state, c.created_at, c.updated_at";
pub(super) const VERSION_COLS: &str =
    "v.connector_id, v.version, v.sha256, v.warnings, v.created_by, v.created_at";
pub(super) const SHARE_COLS: &str =
    "s.connector_id, s.user_id, s.group_id, s.permission, s.created_at";
pub(super) const CONNECTION_COLS: &str = "n.id, n.environment_id, n.connector_id, n.owner_id, \
     n.display_name, n.status, n.created_at, n.updated_at";

fn text(row: &DbRow, col: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(col)?)
}

fn int(row: &DbRow, col: &str) -> Result<i64> {
    Ok(row.try_get::<i64, _>(col)?)
}

fn parsed<T>(row: &DbRow, col: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    let value = text(row, col)?;
    parse(&value).ok_or_else(|| StoreError::Corrupt(format!("{col} = {value:?}")))
}

pub(super) fn tenant(row: &DbRow) -> Result<Tenant> {
    Ok(Tenant {
        id: text(row, "id")?.into(),
        name: text(row, "name")?,
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn user(row: &DbRow) -> Result<User> {
    Ok(User {
        id: text(row, "id")?.into(),
        tenant_id: text(row, "tenant_id")?.into(),
        name: text(row, "name")?,
        role: parsed(row, "role", Role::parse)?,
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn token(row: &DbRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: text(row, "id")?.into(),
        user_id: text(row, "user_id")?.into(),
        label: text(row, "label")?,
        created_at: int(row, "created_at")?,
        expires_at: row.try_get::<Option<i64>, _>("expires_at")?,
    })
}

pub(super) fn group(row: &DbRow) -> Result<Group> {
    Ok(Group {
        id: text(row, "id")?.into(),
        tenant_id: text(row, "tenant_id")?.into(),
        name: text(row, "name")?,
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn environment(row: &DbRow) -> Result<Environment> {
    Ok(Environment {
        id: text(row, "id")?.into(),
        tenant_id: text(row, "tenant_id")?.into(),
        name: text(row, "name")?,
        region: text(row, "region")?,
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn connector(row: &DbRow) -> Result<Connector> {
    Ok(Connector {
        id: text(row, "id")?.into(),
        environment_id: text(row, "environment_id")?.into(),
        owner_id: text(row, "owner_id")?.into(),
        name: text(row, "name")?,
        title: text(row, "title")?,
        current_version: int(row, "current_version")?,
        certification_state: parsed(row, "certification_state", CertificationState::parse)?,
        created_at: int(row, "created_at")?,
        updated_at: int(row, "updated_at")?,
    })
}

pub(super) fn access(row: &DbRow) -> Result<Permission> {
    parsed(row, "access", Permission::parse)
}

pub(super) fn version(row: &DbRow) -> Result<VersionInfo> {
    let warnings = text(row, "warnings")?;
    Ok(VersionInfo {
        connector_id: text(row, "connector_id")?.into(),
        version: int(row, "version")?,
        sha256: text(row, "sha256")?,
        warnings: serde_json::from_str(&warnings)
            .map_err(|e| StoreError::Corrupt(format!("warnings: {e}")))?,
        created_by: text(row, "created_by")?.into(),
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn share(row: &DbRow) -> Result<Share> {
    let user = row.try_get::<Option<String>, _>("user_id")?;
    let group = row.try_get::<Option<String>, _>("group_id")?;
    let principal = match (user, group) {
        (Some(user), None) => Principal::User(user.into()),
        (None, Some(group)) => Principal::Group(group.into()),
        _ => return Err(StoreError::Corrupt("a share with both or no principal".into())),
    };
    Ok(Share {
        connector_id: text(row, "connector_id")?.into(),
        principal,
        permission: parsed(row, "permission", Permission::parse)?,
        created_at: int(row, "created_at")?,
    })
}

pub(super) fn connection(row: &DbRow) -> Result<Connection> {
    Ok(Connection {
        id: text(row, "id")?.into(),
        environment_id: text(row, "environment_id")?.into(),
        connector_id: text(row, "connector_id")?.into(),
        owner_id: text(row, "owner_id")?.into(),
        display_name: text(row, "display_name")?,
        status: parsed(row, "status", ConnectionStatus::parse)?,
        created_at: int(row, "created_at")?,
        updated_at: int(row, "updated_at")?,
    })
}

/// Maps every row with `f`.
pub(super) fn all<T>(rows: &[DbRow], f: fn(&DbRow) -> Result<T>) -> Result<Vec<T>> {
    rows.iter().map(f).collect()
}
