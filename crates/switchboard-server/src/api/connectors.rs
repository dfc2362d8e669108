//! Connectors: the catalog of an environment, uploads (version 1), updates (a new immutable
//! version each), deletion.

use axum::Json;
use axum::extract::State;
use axum::http::header::IF_MATCH;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use switchboard_store::{
    NewConnector, NewVersion, Page, PageRequest, Permission, StoreError, VersionInfo,
    VisibleConnector,
};

use super::versions::VersionView;
use crate::errors::{ApiError, ErrorCode};
use crate::extract::{QueryParams, RawBody, name_field};
use crate::upload::{ImportReport, Prepared, UploadQuery, prepare};
use crate::{AppState, Ctx};

/// `?limit=&after=`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    limit: Option<u32>,
    after: Option<String>,
}

/// One page of the catalog.
#[derive(Debug, Serialize)]
pub struct ConnectorPage {
    items: Vec<VisibleConnector>,
    /// The cursor of the next page, `null` on the last.
    next: Option<String>,
}

/// A connector with the version just published.
#[derive(Debug, Serialize)]
pub struct Published {
    #[serde(flatten)]
    connector: VisibleConnector,
    version: VersionView,
    #[serde(skip_serializing_if = "Option::is_none")]
    import: Option<ImportReport>,
}

/// `GET /api/v1/environments/{env}/connectors?limit=&after=`: what the caller can see, by
/// title, keyset-paginated (a page costs one indexed query however deep it is).
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    QueryParams(q): QueryParams<PageQuery>,
) -> Result<Json<ConnectorPage>, ApiError> {
    let env = ctx.environment()?;
    let viewer = ctx.caller.viewer().ok_or_else(|| ApiError::new(ErrorCode::MissingToken))?;
    let limit = match q.limit {
        None => PageRequest::DEFAULT_LIMIT,
        Some(n @ 1..=PageRequest::MAX_LIMIT) => n,
        Some(_) => {
            return Err(ApiError::with_message(
                ErrorCode::InvalidParameter,
                format!("`limit` must be between 1 and {}.", PageRequest::MAX_LIMIT),
            ));
        }
    };
    let page = PageRequest { limit, after: q.after };
    let Page { items, next } =
        state.store.list_visible_connectors(&viewer, &env.id, &page).await.map_err(
            |e| match e {
                StoreError::Invalid(_) => ApiError::new(ErrorCode::InvalidCursor),
                other => ApiError::from(other),
            },
        )?;
    Ok(Json(ConnectorPage { items, next }))
}

/// `POST /api/v1/environments/{env}/connectors[?import=…&name=…&title=…]`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    QueryParams(q): QueryParams<UploadQuery>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    let env = ctx.environment()?;
    let owner = ctx.acting_user()?;
    let name_given = q.name.as_deref().map(|n| name_field("name", n)).transpose()?;
    let prepared = prepare_blocking(headers, q, body).await?;
    let name = name_given.unwrap_or_else(|| slug(&prepared.title));
    let new = NewConnector {
        environment_id: env.id.clone(),
        owner_id: owner.user.id.clone(),
        name: name.clone(),
        title: prepared.title,
        archive: prepared.archive,
        warnings: serde_json::to_value(&prepared.warnings).unwrap_or_default(),
    };
    let (connector, version) = state.store.create_connector(new).await.map_err(|e| match e {
        StoreError::Conflict(_) => ApiError::with_message(
            ErrorCode::NameTaken,
            format!("A connector named `{name}` already exists in this environment; choose another with ?name=, or PUT a new version of it."),
        ),
        other => ApiError::from(other),
    })?;
    tracing::info!(connector = %connector.id, environment = %env.id, "connector created");
    let connector = VisibleConnector { connector, access: Permission::Edit };
    Ok((StatusCode::CREATED, Json(published(connector, &version, prepared.import))))
}

/// `GET /api/v1/connectors/{connector}`.
pub async fn get(ctx: Ctx) -> Result<Json<VisibleConnector>, ApiError> {
    Ok(Json(ctx.connector()?.clone()))
}

/// `PUT /api/v1/connectors/{connector}[?import=…&title=…]`, optionally `If-Match: N`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    QueryParams(q): QueryParams<UploadQuery>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Json<Published>, ApiError> {
    let current = ctx.connector()?;
    let author = ctx.acting_user()?;
    if q.name.is_some() {
        return Err(ApiError::with_message(
            ErrorCode::InvalidParameter,
            "`name` is chosen on creation and cannot change.",
        ));
    }
    let expected_current = if_match(&headers)?;
    let prepared = prepare_blocking(headers, q, body).await?;
    let new = NewVersion {
        connector_id: current.connector.id.clone(),
        created_by: author.user.id.clone(),
        title: prepared.title,
        archive: prepared.archive,
        warnings: serde_json::to_value(&prepared.warnings).unwrap_or_default(),
        expected_current,
    };
    let (connector, version) = state.store.add_version(new).await.map_err(|e| match e {
        StoreError::Conflict(_) if expected_current.is_some() => {
            ApiError::new(ErrorCode::VersionMismatch)
        }
        StoreError::NotFound(_) => ApiError::new(ErrorCode::ConnectorNotFound),
        other => ApiError::from(other),
    })?;
    tracing::info!(connector = %connector.id, version = version.version, "connector version published");
    let connector = VisibleConnector { connector, access: current.access };
    Ok(Json(published(connector, &version, prepared.import)))
}

/// `DELETE /api/v1/connectors/{connector}`.
pub async fn delete(State(state): State<AppState>, ctx: Ctx) -> Result<StatusCode, ApiError> {
    let connector = ctx.connector()?;
    if state.store.delete_connector(&connector.connector.id).await? {
        tracing::info!(connector = %connector.connector.id, "connector deleted");
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::ConnectorNotFound))
    }
}

fn published(
    connector: VisibleConnector,
    version: &VersionInfo,
    import: Option<ImportReport>,
) -> Published {
    let version = VersionView::of(version, connector.connector.current_version);
    Published { connector, version, import }
}

/// Loading, importing and linting are CPU work: off the async workers.
async fn prepare_blocking(
    headers: HeaderMap,
    query: UploadQuery,
    body: axum::body::Bytes,
) -> Result<Prepared, ApiError> {
    tokio::task::spawn_blocking(move || prepare(&headers, &query, body.to_vec()))
        .await
        .map_err(|e| ApiError::internal(&e))?
}

/// `If-Match: 3` or `If-Match: "3"`: the version the client based its update on.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(value) = headers.get(IF_MATCH) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|v| *v >= 1)
        .map(Some)
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::InvalidParameter,
                "`If-Match` must be the version number the update is based on, such as `3`.",
            )
        })
}

/// A name from a title: lowercase ASCII letters and digits, other runs as one `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(100).collect();
    if out.is_empty() { "connector".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("TaskForge"), "taskforge");
        assert_eq!(slug("  Contoso — Tasks (v2) "), "contoso-tasks-v2");
        assert_eq!(slug("ÆØÅ"), "connector");
    }
}
