//! Plain Swagger 2.0 → connector, and [`connectorize`], the last step of every importer.
//!
//! `connectorize` takes a plain Swagger 2.0 document and makes it a connector that passes the
//! default validation profile: unique PascalCase operationIds, summaries that pass the summary
//! rules, `x-ms-summary`/`x-ms-visibility` on parameters, `x-ms-url-encoding` on path
//! parameters, one response schema on 2xx, authentication mapped to what connectors support
//! (with matching `connectionParameters`), schema fixes, pruning of unused definitions, the
//! `--tags` subset, the other connector files from [`crate::scaffold`], and the budget.
//! Everything it changes or drops is reported (codes in [`codes`]), located in the source
//! through [`Origins`].

mod budget;
mod checks;
pub mod codes;
mod operations;
mod origins;
mod params;
mod prune;
mod responses;
mod root;
mod schemas;
mod security;
pub mod text;
mod trim;

pub use origins::Origins;
pub use root::PLACEHOLDER_HOST;

use serde_json::Value;
use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_model::connector::ConnectorFiles;

use crate::source::{Losses, Source};
use crate::{ImportError, ImportOptions, Imported, scaffold};

pub(crate) type Map = serde_json::Map<String, Value>;

/// The HTTP methods of a Swagger 2.0 path item.
pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Imports a Swagger 2.0 document (JSON or YAML), reported as `name` in diagnostics.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let source = Source::parse(name, bytes)?;
    let version = source.root.get("swagger");
    if version.and_then(|v| v.as_str()) != Some("2.0") {
        let (message, span) = match (version, source.root.member("openapi")) {
            (_, Some(m)) => (
                "this is an OpenAPI 3 document: use `switchboard import openapi`".to_string(),
                m.key_span,
            ),
            (Some(v), None) => {
                ("`swagger` must be \"2.0\" for a Swagger 2.0 import".to_string(), v.span)
            }
            (None, None) => {
                ("not a Swagger 2.0 document (no `swagger: \"2.0\"`)".to_string(), source.root.span)
            }
        };
        let d = source.diagnostic(codes::WRONG_KIND, Severity::Error, message.clone(), span);
        let at = format!("{}:{}:{}", d.location.file, d.location.line, d.location.column);
        return Err(ImportError::Invalid {
            message: format!("{at}: {message}"),
            diagnostics: vec![d],
        });
    }
    let mut losses = Losses::default();
    checks::check(&source, &mut losses);
    let doc = serde_json::Value::from(&source.root);
    let doc = checks::repair(doc);
    Ok(connectorize_with(doc, options, losses.into_vec(), &Origins::same(&source)))
}

/// Turns a plain Swagger 2.0 document into a connector; `report` holds the losses found so
/// far by the caller (an importer converting another format) and is returned extended.
/// Findings of this step point into the generated definition; use [`connectorize_with`] to
/// locate them in the source.
pub fn connectorize(doc: Value, options: &ImportOptions, report: Vec<Diagnostic>) -> Imported {
    connectorize_with(doc, options, report, &Origins::output())
}

/// [`connectorize`], locating its findings through `origins`.
pub fn connectorize_with(
    doc: Value,
    options: &ImportOptions,
    report: Vec<Diagnostic>,
    origins: &Origins<'_>,
) -> Imported {
    let mut cx = Cx { losses: Losses::from_vec(report), origins };
    let mut doc = match doc {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let title = root::normalize(&mut cx, &mut doc, options);
    operations::filter_tags(&mut cx, &mut doc, &options.tags);
    trim::operations(&mut cx, &mut doc);
    let auth = security::apply(&mut cx, &mut doc);
    let readme_ops = operations::apply(&mut cx, &mut doc, &auth);
    schemas::apply(&mut cx, &mut doc);
    trim::schemas(&mut cx, &mut doc);
    prune::apply(&mut cx, &mut doc);
    let swagger = Value::Object(root::ordered(doc));

    let description = swagger
        .pointer("/info/description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let publisher = publisher(&swagger);
    let mut properties = scaffold::api_properties(&auth.auth, &publisher);
    security::adjust_properties(&auth, &mut properties);
    let files = ConnectorFiles {
        properties,
        readme: Some(scaffold::readme(&title, &description, &publisher, &auth.auth, &readme_ops)),
        intro: Some(scaffold::intro(&title, &description, &auth.auth)),
        icon: Some(scaffold::placeholder_icon(scaffold::DEFAULT_BRAND_COLOR)),
        settings: Some(scaffold::settings()),
        swagger,
    };
    let budget = budget::measure(&mut cx, &files.swagger);
    Imported { files, report: cx.losses.into_vec(), budget }
}

/// The publisher: the source's contact name when it is plain text, else a placeholder the
/// user replaces (AP009 wants letters, digits and spaces).
fn publisher(swagger: &Value) -> String {
    swagger
        .pointer("/info/contact/name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| {
            !n.is_empty()
                && n.len() <= 60
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        })
        .unwrap_or("Publisher")
        .to_string()
}

/// The state of one `connectorize` run.
pub(crate) struct Cx<'o, 'a> {
    losses: Losses,
    origins: &'o Origins<'a>,
}

impl Cx<'_, '_> {
    /// Reports a finding about the Swagger node at `pointer`.
    pub(crate) fn loss(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        pointer: &str,
    ) {
        let location = self.origins.locate(pointer);
        self.losses.push(Diagnostic::new(code, severity, message, location));
    }

    /// [`Cx::loss`] with help.
    pub(crate) fn loss_help(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        pointer: &str,
        help: impl Into<String>,
    ) {
        let location = self.origins.locate(pointer);
        self.losses.push(Diagnostic::new(code, severity, message, location).with_help(help));
    }
}

/// Puts the members named in `order` first, in that order; the others follow as they were.
pub(crate) fn reorder(map: &mut Map, order: &[&str]) {
    let mut rest = std::mem::take(map);
    for key in order {
        if let Some(v) = rest.remove(*key) {
            map.insert((*key).to_string(), v);
        }
    }
    map.extend(rest);
}

/// `/paths/{path}/{method}` as a pointer.
pub(crate) fn op_pointer(path: &str, method: &str) -> String {
    switchboard_model::json::pointer::from_tokens(["paths", path, method])
}

#[cfg(test)]
mod tests;
