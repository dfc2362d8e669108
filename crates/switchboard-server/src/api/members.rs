//! Environment membership: members see and use every connector of the environment.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use switchboard_store::User;

use super::List;
use super::groups::user_of_tenant;
use crate::errors::{ApiError, ErrorCode};
use crate::{AppState, Ctx};

/// `GET /api/v1/environments/{env}/members`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<List<User>>, ApiError> {
    Ok(Json(List { items: state.store.list_environment_members(&ctx.environment()?.id).await? }))
}

/// `PUT /api/v1/environments/{env}/members/{user}` (idempotent).
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let env = ctx.environment()?;
    let user = user_of_tenant(&state, &env.tenant_id, &user).await?;
    state.store.add_environment_member(&env.id, &user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/environments/{env}/members/{user}`.
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let env = ctx.environment()?;
    let user = user_of_tenant(&state, &env.tenant_id, &user).await?;
    if state.store.remove_environment_member(&env.id, &user.id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::MemberNotFound))
    }
}
