//! Postman collection v2.0 / v2.1 → Swagger 2.0 → connector.
//!
//! [`convert`] turns a collection into a plain Swagger 2.0 document; [`import`] hands that to
//! [`crate::swagger2::connectorize`]. The mapping:
//!
//! * folders (nested at any depth) become tags: an operation carries the name of every folder
//!   it sits in, outermost first, so `--tags` selects a folder at any level;
//! * the most common base URL of the requests becomes `host`, `basePath` and `schemes`;
//!   `{{variables}}` in it are resolved from the collection variables, and a variable without
//!   a value gives the placeholder host `api.example.com` (IMP211);
//! * `:name`, `{{name}}` (and `{name}`, `<name>`) path segments become path parameters;
//!   query parameters and headers become parameters (`Content-Type` and `Accept` become
//!   `consumes` and `produces`), typed from their example values;
//! * raw JSON bodies become a `body` parameter with a schema inferred from the example; raw
//!   text a string body; urlencoded and form-data fields (files included) `formData`
//!   parameters;
//! * saved example responses become responses, their schemas inferred from the bodies and
//!   merged across the examples of one status code; only the first 2xx response keeps its
//!   schema (the designer's outputs; error bodies are not), and an operation without a
//!   2xx example gets a plain `200` response;
//! * auth of the collection, folders and requests (inheritance and `noauth` included; for a
//!   request without auth, its `Authorization` header or a header named like an API key)
//!   becomes one security definition, the most common one: API key, basic, OAuth 2
//!   (authorization code), and bearer as an API key in the `Authorization` header;
//! * request names become summaries and operationIds, descriptions stay descriptions.
//!
//! Values of variables, headers and query parameters are used to type parameters but never
//! copied into the connector: collections often hold real tokens and IDs.
//!
//! ## Loss report
//!
//! Every diagnostic is located in the collection (file, line, column, JSON pointer). Besides
//! the reason a request is skipped, losses concern the requests that are imported (not those
//! `--tags` leaves out, skipped duplicates or requests past the operation limit). What repeats
//! — a script in many requests, a second auth, a second base URL, variants of one operation —
//! is reported once, at its first occurrence, with a count.
//!
//! | code | severity | what was not carried over |
//! |---|---|---|
//! | IMP200 | error | the file is not JSON or not a Postman collection v2.0/v2.1 (the import fails) |
//! | IMP201 | warning | a pre-request script (info for a test script) |
//! | IMP202 | warning | an auth type connectors cannot use (digest, OAuth 1, Hawk, AWS, NTLM…) |
//! | IMP203 | warning | auth other than the one security definition kept |
//! | IMP204 | info | auth approximated: bearer as an API key, an OAuth 2 grant other than authorization code |
//! | IMP205 | warning | OAuth 2 without authorization or token URL: placeholders written |
//! | IMP206 | info | a disabled query parameter, header or form field |
//! | IMP207 | warning | a query key, header or form field given twice (the first is kept) |
//! | IMP208 | warning | a body on a GET or HEAD request |
//! | IMP209 | info | a file body, imported as a binary body |
//! | IMP210 | warning | a GraphQL body, imported as a JSON body with `query` and `variables` |
//! | IMP211 | warning | a base URL variable without a value: the host is a placeholder |
//! | IMP212 | warning | a request on another base URL than the connector's |
//! | IMP213 | warning | a request without a usable URL (none, or not HTTP(S)): skipped |
//! | IMP214 | warning | a request method Swagger 2.0 has no place for: skipped |
//! | IMP215 | warning | a request with the same method and path as an earlier one: skipped |
//! | IMP216 | warning | a raw body that is invalid JSON, or XML/HTML: imported as a string |
//! | IMP217 | info | a saved response without status code, or whose body gives no schema |
//! | IMP218 | warning | examples that disagree on a type (the first type is kept) |
//! | IMP219 | warning | an inferred schema cut short at the 512-schema limit |
//! | IMP220 | warning | a `Cookie` header |
//! | IMP221 | warning | a parameter name the platform rejects (`connectionId`, non-ASCII form field) |
//! | IMP222 | info | a JSON body sent with another `Content-Type`: imported as JSON |
//! | IMP223 | warning | a `--tags` value that names no folder |
//! | IMP224 | info | an item that is neither a folder nor a request |
//! | IMP225 | warning | requests past the platform's limit of 256 operations (the first 256 are imported) |

mod auth;
mod body;
mod collection;
mod convert;
mod host;
mod names;
mod params;
mod report;
mod responses;
mod schema;
mod scripts;
mod url;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_model::SourceFile;

pub use report::Loss;

use crate::{ImportError, ImportOptions, Imported};

/// The code of the error that stops an import (not JSON, not a collection v2.x).
pub const INVALID_CODE: &str = "IMP200";

/// A collection converted to Swagger 2.0, before [`crate::swagger2::connectorize`].
#[derive(Clone, Debug)]
pub struct Converted {
    /// The Swagger 2.0 document.
    pub swagger: serde_json::Value,
    /// What could not be carried over, located in the collection.
    pub report: Vec<Diagnostic>,
    /// Where parts of the document come from: a Swagger pointer (`/paths/~1items/get`,
    /// `/host`, `/securityDefinitions`, `/info`) and its place in the collection, so that
    /// findings about the document can be located in the collection.
    pub origins: Vec<(String, Location)>,
}

/// Imports a Postman collection, reported as `name` in diagnostics.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let Converted { swagger, report, origins } = convert(name, bytes, options)?;
    // Findings of the final step point back into the collection where the request came from.
    let mut map = crate::swagger2::Origins::mapped(name);
    for (pointer, location) in origins {
        map.insert(pointer, location);
    }
    Ok(crate::swagger2::connectorize_with(swagger, options, report, &map))
}

/// Converts a Postman collection (reported as `name`) into a plain Swagger 2.0 document and
/// its loss report.
pub fn convert(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Converted, ImportError> {
    let source = SourceFile::new(name, bytes.to_vec());
    let parsed = switchboard_model::json::parse(bytes);
    let Some(root) = parsed.root.as_ref() else {
        let diagnostics: Vec<Diagnostic> = parsed
            .issues
            .iter()
            .filter(|i| i.is_fatal())
            .map(|issue| {
                let d = Diagnostic::new(
                    INVALID_CODE,
                    Severity::Error,
                    issue.message(),
                    Location::span(&source, None, issue.span),
                );
                match issue.help() {
                    Some(help) => d.with_help(help),
                    None => d,
                }
            })
            .collect();
        let first = diagnostics
            .first()
            .map(|d| format!("{}:{}:{}: {}", name, d.location.line, d.location.column, d.message));
        return Err(ImportError::Invalid {
            message: first.unwrap_or_else(|| format!("{name}: not valid JSON")),
            diagnostics,
        });
    };
    let mut report = report::Report::new(&source, root);
    let collection = match collection::Collection::read(root, &mut report) {
        Ok(c) => c,
        Err(e) => {
            let location = if e.node.span.is_empty() {
                Location::file(Arc::clone(source.name()))
            } else {
                Location::span(&source, Some(root), e.node.span)
            };
            let message = format!("{name}:{}:{}: {}", location.line, location.column, e.message);
            let d = Diagnostic::new(INVALID_CODE, Severity::Error, e.message, location);
            return Err(ImportError::Invalid { message, diagnostics: vec![d] });
        }
    };
    let mut origins = Vec::new();
    let swagger = convert::to_swagger(&collection, root, options, &mut report, &mut origins);
    Ok(Converted { swagger, report: report.finish(), origins })
}
