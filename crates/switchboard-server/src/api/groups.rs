//! Groups of a tenant's users: targets of connector shares.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use switchboard_store::{Group, User, UserId};

use super::List;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{JsonBody, name_field};
use crate::{AppState, Ctx};

/// `{"name"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    name: String,
}

/// `POST /api/v1/tenants/{tenant}/groups`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    JsonBody(body): JsonBody<NewGroup>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    let name = name_field("name", &body.name)?;
    let group = state.store.create_group(&ctx.tenant()?.id, &name).await?;
    Ok((StatusCode::CREATED, Json(group)))
}

/// `GET /api/v1/tenants/{tenant}/groups`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<List<Group>>, ApiError> {
    Ok(Json(List { items: state.store.list_groups(&ctx.tenant()?.id).await? }))
}

/// `PUT /api/v1/groups/{group}/members/{user}`.
pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let group = ctx.group()?;
    let user = user_of_tenant(&state, &group.tenant_id, &user).await?;
    state.store.add_group_member(&group.id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/groups/{group}/members/{user}`.
pub async fn remove_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let group = ctx.group()?;
    let user = user_of_tenant(&state, &group.tenant_id, &user).await?;
    if state.store.remove_group_member(&group.id, &user.id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::MemberNotFound))
    }
}

/// The user `id` if it exists in `tenant`; 404 otherwise (users of other tenants are not
/// confirmed to exist).
pub async fn user_of_tenant(
    state: &AppState,
    tenant: &switchboard_store::TenantId,
    id: &str,
) -> Result<User, ApiError> {
    match state.store.get_user(&UserId::from(id)).await? {
        Some(user) if user.tenant_id == *tenant => Ok(user),
        _ => Err(ApiError::new(ErrorCode::UserNotFound)),
    }
}
