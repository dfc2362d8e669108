//! Postman collection v2.0 / v2.1 → Swagger 2.0 → connector.

use crate::{ImportError, ImportOptions, Imported};

/// Imports a Postman collection, reported as `name` in diagnostics.
pub fn import(
    name: &str,
    _bytes: &[u8],
    _options: &ImportOptions,
) -> Result<Imported, ImportError> {
    Err(ImportError::Invalid {
        message: format!("{name}: the Postman importer is not implemented yet"),
        diagnostics: Vec::new(),
    })
}
