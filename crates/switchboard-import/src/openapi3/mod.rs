//! OpenAPI 3.0 / 3.1 (JSON or YAML) → Swagger 2.0 → connector.

use crate::{ImportError, ImportOptions, Imported};

/// Imports an OpenAPI 3 document, reported as `name` in diagnostics.
pub fn import(
    name: &str,
    _bytes: &[u8],
    _options: &ImportOptions,
) -> Result<Imported, ImportError> {
    Err(ImportError::Invalid {
        message: format!("{name}: the OpenAPI 3 importer is not implemented yet"),
        diagnostics: Vec::new(),
    })
}
