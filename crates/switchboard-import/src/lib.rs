//! Importers: turn an API description (OpenAPI 3.0/3.1, plain Swagger 2.0, a Postman
//! collection) into a Power Platform connector, and report honestly what could not be carried
//! over (the *loss report*, as diagnostics located in the source document).
//!
//! Output is deterministic: the same input always yields byte-identical files.
//!
//! Every importer converts its source into a plain Swagger 2.0 document and hands it to
//! [`swagger2::connectorize`], which adds what a connector needs (`x-ms-*` metadata, unique
//! operationIds, apiProperties, readme, intro, icon, settings) and measures the budget. The
//! loss report of each step is located in the document that step reads.

pub mod openapi3;
pub mod postman;
pub mod scaffold;
pub mod source;
pub mod swagger2;
mod yaml;

use switchboard_diagnostics::Diagnostic;
use switchboard_model::connector::ConnectorFiles;

/// The platform's limit on the size of `apiDefinition.swagger.json`.
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;
/// The platform's limit on schema objects in one body or response schema.
pub const MAX_SCHEMAS: usize = 512;

/// Options shared by the importers.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Import only operations carrying one of these tags (folders, for Postman).
    pub tags: Vec<String>,
    /// Connector title to use instead of the source's.
    pub title: Option<String>,
}

/// What an importer produced.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The connector's files.
    pub files: ConnectorFiles,
    /// What could not be carried over, and advice, located in the source document.
    pub report: Vec<Diagnostic>,
    /// Size of the definition against the platform's limits.
    pub budget: Budget,
}

/// The connector budget: how close the definition is to the platform's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Budget {
    /// Bytes of `apiDefinition.swagger.json` as written.
    pub definition_bytes: usize,
    /// Schema objects in the largest body or response schema, with `$ref`s expanded (what the
    /// platform compares with its 512-schema limit).
    pub schema_count: usize,
    /// Operations.
    pub operations: usize,
}

/// Why an import failed outright (as opposed to a loss, which is reported and skipped).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The source is not a document of the expected kind; the diagnostics say where and why.
    #[error("{message}")]
    Invalid {
        /// One line.
        message: String,
        /// Located details.
        diagnostics: Vec<Diagnostic>,
    },
}
