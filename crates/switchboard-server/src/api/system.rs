//! The server itself: health, its OpenAPI document, metrics, and who a token belongs to.

use axum::Json;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use serde_json::{Value, json};
use switchboard_store::{Backend, TenantId};

use crate::auth::Caller;
use crate::errors::{ApiError, ErrorCode};
use crate::{AppState, Ctx};

/// `GET /healthz`: one indexed lookup proves the database answers.
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let database = match state.store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    match state.store.get_tenant(&TenantId::from("healthz")).await {
        Ok(_) => Ok(Json(json!({"status": "ok", "database": database}))),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            Err(ApiError::new(ErrorCode::Unavailable))
        }
    }
}

/// `GET /openapi.json`.
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    ([(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render())
}

/// `GET /api/v1/me`.
pub async fn me(ctx: Ctx) -> Json<Value> {
    Json(match &ctx.caller {
        Caller::User(who) => json!({"kind": "user", "user": who.user, "tenant": who.tenant}),
        Caller::PlatformAdmin | Caller::Anonymous => json!({"kind": "platform-admin"}),
    })
}
