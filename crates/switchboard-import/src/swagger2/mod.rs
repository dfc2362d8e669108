//! Plain Swagger 2.0 → connector. Also the last step of every other importer.

use serde_json::Value;
use switchboard_diagnostics::Diagnostic;
use switchboard_model::connector::ConnectorFiles;

use crate::scaffold::{self, Auth};
use crate::{Budget, ImportError, ImportOptions, Imported};

/// Imports a Swagger 2.0 document (JSON), reported as `name` in diagnostics.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let parsed = switchboard_model::json::parse(bytes);
    let Some(root) = parsed.root else {
        return Err(ImportError::Invalid {
            message: format!("{name}: not valid JSON"),
            diagnostics: Vec::new(),
        });
    };
    let doc = Value::from(&root);
    Ok(connectorize(doc, options, Vec::new()))
}

/// Turns a plain Swagger 2.0 document into a connector; `report` holds the losses found so
/// far by the caller (an importer converting another format) and is returned extended.
pub fn connectorize(doc: Value, options: &ImportOptions, report: Vec<Diagnostic>) -> Imported {
    let title = options
        .title
        .clone()
        .or_else(|| doc.pointer("/info/title").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| "Connector".to_string());
    let description =
        doc.pointer("/info/description").and_then(Value::as_str).unwrap_or_default().to_string();
    let auth = Auth::None;
    let files = ConnectorFiles {
        properties: scaffold::api_properties(&auth, "Publisher"),
        readme: Some(scaffold::readme(&title, &description, "Publisher", &auth, &[])),
        intro: Some(scaffold::intro(&title, &description, &auth)),
        icon: Some(scaffold::placeholder_icon(scaffold::DEFAULT_BRAND_COLOR)),
        settings: Some(scaffold::settings()),
        swagger: doc,
    };
    let definition_bytes = switchboard_model::json::to_pretty_string(&files.swagger).len();
    let schema_count =
        files.swagger.get("definitions").and_then(Value::as_object).map_or(0, serde_json::Map::len);
    let operations = files.swagger.get("paths").and_then(Value::as_object).map_or(0, |p| {
        p.values()
            .filter_map(Value::as_object)
            .map(|item| item.keys().filter(|k| is_method(k)).count())
            .sum()
    });
    Imported { files, report, budget: Budget { definition_bytes, schema_count, operations } }
}

fn is_method(key: &str) -> bool {
    matches!(key, "get" | "put" | "post" | "delete" | "options" | "head" | "patch")
}
