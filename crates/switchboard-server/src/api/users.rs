//! Users of a tenant, each created with an API token that is shown once.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use switchboard_store::{Role, User, generate_api_token};

use super::List;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{JsonBody, name_field};
use crate::{AppState, Ctx};

/// `{"name", "role"?}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    name: String,
    #[serde(default)]
    role: Option<String>,
}

/// A new user with its token.
#[derive(Debug, Serialize)]
pub struct CreatedUser {
    #[serde(flatten)]
    user: User,
    /// Shown once; only its hash is stored.
    token: String,
}

/// `POST /api/v1/tenants/{tenant}/users`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    JsonBody(body): JsonBody<NewUser>,
) -> Result<(StatusCode, Json<CreatedUser>), ApiError> {
    let tenant = ctx.tenant()?;
    let name = name_field("name", &body.name)?;
    let role = match body.role.as_deref() {
        None => Role::Maker,
        Some(text) => Role::parse(text).ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::InvalidField,
                "`role` must be `maker` or `tenant-admin`.",
            )
        })?,
    };
    let user = state.store.create_user(&tenant.id, &name, role).await?;
    let (token, hash) = generate_api_token();
    state.store.create_api_token(&user.id, "created with the user", &hash, None).await?;
    tracing::info!(tenant = %tenant.id, user = %user.id, role = %role, "user created");
    Ok((StatusCode::CREATED, Json(CreatedUser { user, token: token.into_inner() })))
}

/// `GET /api/v1/tenants/{tenant}/users`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<List<User>>, ApiError> {
    Ok(Json(List { items: state.store.list_users(&ctx.tenant()?.id).await? }))
}
