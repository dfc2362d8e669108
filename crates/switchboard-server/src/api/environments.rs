//! Environments: region-bound containers of connectors inside a tenant.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use switchboard_store::{Environment, Role};

use super::List;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::extract::{JsonBody, name_field};
use crate::{AppState, Ctx};

/// `{"name", "region"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEnvironment {
    name: String,
    region: String,
}

/// `POST /api/v1/tenants/{tenant}/environments`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    JsonBody(body): JsonBody<NewEnvironment>,
) -> Result<(StatusCode, Json<Environment>), ApiError> {
    let name = name_field("name", &body.name)?;
    let region = name_field("region", &body.region)?;
    let env = state.store.create_environment(&ctx.tenant()?.id, &name, &region).await?;
    tracing::info!(tenant = %env.tenant_id, environment = %env.id, "environment created");
    Ok((StatusCode::CREATED, Json(env)))
}

/// `GET /api/v1/tenants/{tenant}/environments`: administrators see all, makers the ones they
/// are members of.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<List<Environment>>, ApiError> {
    let tenant = ctx.tenant()?;
    let items = match &ctx.caller {
        Caller::User(who) if who.user.role == Role::Maker => {
            state.store.list_member_environments(&who.user.id).await?
        }
        _ => state.store.list_environments(&tenant.id).await?,
    };
    Ok(Json(List { items }))
}

/// `GET /api/v1/environments/{env}`.
pub async fn get(ctx: Ctx) -> Result<Json<Environment>, ApiError> {
    Ok(Json(ctx.environment()?.clone()))
}
