//! Sharing a connector with users or groups of its tenant, for `use` or `edit`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use switchboard_store::{GroupId, Permission, Principal, Share, TenantId};

use super::List;
use super::groups::user_of_tenant;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{JsonBody, QueryParams, RawBody};
use crate::{AppState, Ctx};

/// `{"user": ID | "group": ID, "permission": "use" | "edit"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    group: Option<String>,
    permission: String,
}

/// Whom to stop sharing with: `?user=` or `?group=` (or the same as a JSON body).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    group: Option<String>,
}

/// `GET /api/v1/connectors/{connector}/shares`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<List<Share>>, ApiError> {
    Ok(Json(List { items: state.store.list_shares(&ctx.connector()?.connector.id).await? }))
}

/// `POST /api/v1/connectors/{connector}/shares`: 201 for a new share, 200 when it changes the
/// permission of an existing one.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    JsonBody(body): JsonBody<NewShare>,
) -> Result<(StatusCode, Json<Share>), ApiError> {
    let connector = &ctx.connector()?.connector;
    let permission = Permission::parse(&body.permission).ok_or_else(|| {
        ApiError::with_message(ErrorCode::InvalidField, "`permission` must be `use` or `edit`.")
    })?;
    let tenant = connector_tenant(&state, &ctx).await?;
    let principal =
        principal(&state, &tenant, Target { user: body.user, group: body.group }).await?;
    let existed =
        state.store.list_shares(&connector.id).await?.iter().any(|s| s.principal == principal);
    let share = state.store.share_connector(&connector.id, &principal, permission).await?;
    let status = if existed { StatusCode::OK } else { StatusCode::CREATED };
    Ok((status, Json(share)))
}

/// `DELETE /api/v1/connectors/{connector}/shares?user=ID` (or `?group=ID`).
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    QueryParams(query): QueryParams<Target>,
    RawBody(body): RawBody,
) -> Result<StatusCode, ApiError> {
    let connector = &ctx.connector()?.connector;
    let target = if query.user.is_none() && query.group.is_none() && !body.is_empty() {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::with_message(ErrorCode::InvalidJson, format!("Invalid JSON body: {e}."))
        })?
    } else {
        query
    };
    let tenant = connector_tenant(&state, &ctx).await?;
    let principal = principal(&state, &tenant, target).await?;
    if state.store.unshare_connector(&connector.id, &principal).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::ShareNotFound))
    }
}

async fn connector_tenant(state: &AppState, ctx: &Ctx) -> Result<TenantId, ApiError> {
    let env_id = &ctx.connector()?.connector.environment_id;
    match state.store.get_environment(env_id).await? {
        Some(env) => Ok(env.tenant_id),
        None => Err(ApiError::new(ErrorCode::ConnectorNotFound)),
    }
}

/// Exactly one of `user` and `group`, existing in `tenant` (404 otherwise: principals of other
/// tenants are not confirmed to exist).
async fn principal(
    state: &AppState,
    tenant: &TenantId,
    target: Target,
) -> Result<Principal, ApiError> {
    match (target.user, target.group) {
        (Some(user), None) => Ok(Principal::User(user_of_tenant(state, tenant, &user).await?.id)),
        (None, Some(group)) => match state.store.get_group(&GroupId::from(group)).await? {
            Some(g) if g.tenant_id == *tenant => Ok(Principal::Group(g.id)),
            _ => Err(ApiError::new(ErrorCode::GroupNotFound)),
        },
        _ => Err(ApiError::with_message(
            ErrorCode::InvalidField,
            "Name exactly one of `user` and `group`.",
        )),
    }
}
