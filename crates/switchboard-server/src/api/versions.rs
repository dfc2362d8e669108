//! A connector's immutable versions.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use switchboard_store::{ConnectorId, Timestamp, UserId, VersionInfo};

use super::List;
use crate::errors::ApiError;
use crate::{AppState, Ctx};

/// A version's metadata, with whether it is the connector's current one.
#[derive(Debug, Serialize)]
pub struct VersionView {
    connector_id: ConnectorId,
    version: i64,
    sha256: String,
    /// The validator's warnings when it was published.
    warnings: serde_json::Value,
    created_by: UserId,
    created_at: Timestamp,
    current: bool,
}

impl VersionView {
    /// The view of `info` when `current` is the connector's current version.
    pub fn of(info: &VersionInfo, current: i64) -> Self {
        Self {
            connector_id: info.connector_id.clone(),
            version: info.version,
            sha256: info.sha256.clone(),
            warnings: info.warnings.clone(),
            created_by: info.created_by.clone(),
            created_at: info.created_at,
            current: info.version == current,
        }
    }
}

/// `GET /api/v1/connectors/{connector}/versions`, newest first.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<List<VersionView>>, ApiError> {
    let connector = &ctx.connector()?.connector;
    let versions = state.store.list_versions(&connector.id).await?;
    let items = versions.iter().map(|v| VersionView::of(v, connector.current_version)).collect();
    Ok(Json(List { items }))
}
