//! A connector upload turned into a version: a zip (loaded defensively) or an API description
//! (imported), validated under the default profile, its files normalised to paconn's names.

use std::path::Path;

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use serde::{Deserialize, Serialize};
use serde_json::json;
use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_import::{ImportError, ImportOptions, Imported};
use switchboard_lint::{Linter, Profile};
use switchboard_model::Connector;
use switchboard_model::connector::{
    ICON_FILE, INTRO_FILE, PROPERTIES_FILE, README_FILE, SCRIPT_FILE, SWAGGER_FILE,
};
use switchboard_store::ConnectorArchive;

use crate::errors::{ApiError, ErrorCode};

/// Which importer `?import=` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportKind {
    /// OpenAPI 3.0 / 3.1.
    Openapi,
    /// A plain Swagger 2.0 API.
    Swagger,
    /// A Postman collection v2.0 / v2.1.
    Postman,
}

/// The query of an upload.
#[derive(Debug, Default, Deserialize)]
pub struct UploadQuery {
    /// The importer, if the body is an API description.
    pub import: Option<ImportKind>,
    /// The connector's name (creation only).
    pub name: Option<String>,
    /// A title replacing the source's (imports only).
    pub title: Option<String>,
}

/// What the importer reported.
#[derive(Debug, Serialize)]
pub struct ImportReport {
    /// What could not be carried over, located in the source.
    pub losses: Vec<Diagnostic>,
    /// The definition's size against the platform's limits.
    pub budget: switchboard_import::Budget,
}

/// A validated upload, ready to be stored as a version.
#[derive(Debug)]
pub struct Prepared {
    /// The files, under paconn's names, without `settings.json` (written on download).
    pub archive: ConnectorArchive,
    /// `info.title`.
    pub title: String,
    /// The warnings to store with the version.
    pub warnings: Vec<Diagnostic>,
    /// The import report, for imports.
    pub import: Option<ImportReport>,
}

/// Rules about the layout of the legacy certification archive (exactly three files at the root,
/// no folders), which the registry does not take: it takes a connector folder zipped, with its
/// readme, intro and settings.json, files at the root or in one folder — what its download
/// gives back. `switchboard package` makes the certification archive. The zip rules that guard
/// against hostile archives (ZP004 unsafe paths, ZP005 sizes) still apply.
const SUBMISSION_LAYOUT_RULES: [&str; 2] = ["ZP001", "ZP002"];

/// The name uploads are reported under in diagnostics.
const UPLOAD_NAME: &str = "connector.zip";

/// Loads, imports and validates an upload. CPU-bound: call it on a blocking thread.
pub fn prepare(
    headers: &HeaderMap,
    query: &UploadQuery,
    body: Vec<u8>,
) -> Result<Prepared, ApiError> {
    let (connector, import) = match query.import {
        None => {
            require_zip(headers)?;
            let connector = Connector::load_zip_bytes(UPLOAD_NAME, body).map_err(|e| {
                ApiError::with_message(
                    ErrorCode::InvalidConnector,
                    format!("The upload is not a readable connector archive: {e}."),
                )
            })?;
            // A certification package carries the connector as Dataverse exports it, without
            // an apiProperties.json: storing it would drop the connection parameters.
            if connector.package.is_some() {
                return Err(ApiError::with_message(
                    ErrorCode::InvalidConnector,
                    "The upload is a certification package (intro.md and solution zips), not a connector archive: upload a zip of the connector's files (`switchboard validate` checks packages).",
                ));
            }
            (connector, None)
        }
        Some(kind) => {
            let imported = import(kind, query, &body)?;
            let connector = imported.files.to_connector(Path::new("imported"));
            let report = ImportReport { losses: imported.report, budget: imported.budget };
            (connector, Some(report))
        }
    };
    let findings: Vec<Diagnostic> = Linter::new(Profile::Default)
        .lint(&connector)
        .into_iter()
        .filter(|d| !SUBMISSION_LAYOUT_RULES.contains(&d.code.as_ref()))
        .collect();
    if findings.iter().any(|d| d.severity == Severity::Error) {
        let mut error = ApiError::with_message(
            ErrorCode::ValidationFailed,
            format!(
                "The connector has {} error-level finding(s) under the default profile; nothing was stored.",
                findings.iter().filter(|d| d.severity == Severity::Error).count()
            ),
        )
        .field("summary", summary(&findings))
        .field("diagnostics", serde_json::to_value(&findings).unwrap_or_default());
        if let Some(import) = &import {
            error = error.field("import", serde_json::to_value(import).unwrap_or_default());
        }
        return Err(error);
    }
    let title = connector
        .swagger_root()
        .and_then(|root| root.get("info"))
        .and_then(|info| info.get_str("title"))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("Untitled")
        .to_owned();
    let archive = normalised(&connector)?;
    let warnings = findings.into_iter().filter(|d| d.severity == Severity::Warning).collect();
    Ok(Prepared { archive, title, warnings, import })
}

fn require_zip(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    match content_type.as_str() {
        "application/zip" | "application/x-zip-compressed" | "application/octet-stream" => Ok(()),
        _ => Err(ApiError::with_message(
            ErrorCode::UnsupportedMediaType,
            "Send a connector zip with `Content-Type: application/zip`, or an API description \
             with `?import=openapi|swagger|postman`.",
        )),
    }
}

fn import(kind: ImportKind, query: &UploadQuery, body: &[u8]) -> Result<Imported, ApiError> {
    let options = ImportOptions { tags: Vec::new(), title: query.title.clone() };
    let (importer, name): (fn(&str, &[u8], &ImportOptions) -> _, _) = match kind {
        ImportKind::Openapi => (switchboard_import::openapi3::import, "openapi"),
        ImportKind::Swagger => (switchboard_import::swagger2::import, "swagger"),
        ImportKind::Postman => (switchboard_import::postman::import, "postman"),
    };
    importer(name, body, &options).map_err(|e| match e {
        ImportError::Invalid { message, diagnostics } => {
            ApiError::with_message(ErrorCode::ImportFailed, format!("Import failed: {message}"))
                .field("diagnostics", serde_json::to_value(&diagnostics).unwrap_or_default())
        }
    })
}

fn summary(findings: &[Diagnostic]) -> serde_json::Value {
    let count = |s: Severity| findings.iter().filter(|d| d.severity == s).count();
    json!({
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
    })
}

/// The connector's files under paconn's names, bytes unchanged (stored warnings point at lines
/// and columns of exactly these bytes). `settings.json` is left out: the download writes one
/// naming this registry's connector id and environment.
fn normalised(c: &Connector) -> Result<ConnectorArchive, ApiError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, file) in [(SWAGGER_FILE, &c.swagger), (PROPERTIES_FILE, &c.properties)] {
        if let Some(f) = file {
            files.push((name.to_owned(), f.file.source.bytes().to_vec()));
        }
    }
    for (name, file) in [
        (ICON_FILE, &c.icon),
        (README_FILE, &c.readme),
        (INTRO_FILE, &c.intro),
        (SCRIPT_FILE, &c.script),
    ] {
        if let Some(f) = file {
            files.push((name.to_owned(), f.file.bytes().to_vec()));
        }
    }
    ConnectorArchive::from_files(&files).map_err(|e| ApiError::internal(&e))
}
