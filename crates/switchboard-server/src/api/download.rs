//! Downloading a version as a zip in paconn's folder layout.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use switchboard_model::connector::{
    ICON_FILE, PROPERTIES_FILE, SCRIPT_FILE, SETTINGS_FILE, SWAGGER_FILE,
};
use switchboard_store::ConnectorArchive;

use crate::errors::{ApiError, ErrorCode};
use crate::extract::QueryParams;
use crate::{AppState, Ctx};

/// The header naming the version a download holds.
pub const VERSION_HEADER: &str = "x-switchboard-version";

/// `?version=N`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadQuery {
    version: Option<i64>,
}

/// `GET /api/v1/connectors/{connector}/download[?version=N]`: the version's files as stored,
/// plus a `settings.json` naming this connector and its environment, as `paconn download`
/// writes it, so `switchboard update` (and paconn habits) find the connector again.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    QueryParams(q): QueryParams<DownloadQuery>,
) -> Result<Response, ApiError> {
    let connector = &ctx.connector()?.connector;
    let number = q.version.unwrap_or(connector.current_version);
    let Some(version) = state.store.get_version(&connector.id, number).await? else {
        return Err(ApiError::new(ErrorCode::VersionNotFound));
    };
    let mut files = version.archive.files().map_err(|e| ApiError::internal(&e))?;
    files.retain(|(name, _)| name != SETTINGS_FILE);
    let has = |wanted: &str| files.iter().any(|(name, _)| name == wanted);
    let mut settings = serde_json::json!({
        "connectorId": connector.id,
        "environment": connector.environment_id,
        "apiProperties": PROPERTIES_FILE,
        "apiDefinition": SWAGGER_FILE,
    });
    if let Some(map) = settings.as_object_mut() {
        if has(ICON_FILE) {
            map.insert("icon".into(), ICON_FILE.into());
        }
        if has(SCRIPT_FILE) {
            map.insert("script".into(), SCRIPT_FILE.into());
        }
    }
    let text = serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n";
    files.push((SETTINGS_FILE.to_owned(), text.into_bytes()));
    let zip = ConnectorArchive::from_files(&files).map_err(|e| ApiError::internal(&e))?;
    let file_name: String = connector
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}-v{number}.zip\"")),
        ],
        [(VERSION_HEADER, number.to_string())],
        zip.into_bytes(),
    )
        .into_response())
}
