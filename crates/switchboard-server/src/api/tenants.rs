//! Tenants: created and listed by the platform administrator.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use switchboard_store::Tenant;

use super::List;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{JsonBody, name_field};
use crate::{AppState, Ctx};

/// `{"name"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTenant {
    name: String,
}

/// `POST /api/v1/tenants`.
pub async fn create(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewTenant>,
) -> Result<(StatusCode, Json<Tenant>), ApiError> {
    let name = name_field("name", &body.name)?;
    let tenant = state
        .store
        .create_tenant(&name)
        .await
        .map_err(|e| ApiError::from_store(e, ErrorCode::Internal))?;
    tracing::info!(tenant = %tenant.id, "tenant created");
    Ok((StatusCode::CREATED, Json(tenant)))
}

/// `GET /api/v1/tenants`.
pub async fn list(State(state): State<AppState>) -> Result<Json<List<Tenant>>, ApiError> {
    Ok(Json(List { items: state.store.list_tenants().await? }))
}

/// `GET /api/v1/tenants/{tenant}`.
pub async fn get(ctx: Ctx) -> Result<Json<Tenant>, ApiError> {
    Ok(Json(ctx.tenant()?.clone()))
}
