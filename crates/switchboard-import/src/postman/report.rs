//! The loss report of the Postman importer: stable codes and diagnostics located in the
//! collection (file, line, column, JSON pointer).

use std::sync::Arc;

use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_model::SourceFile;
use switchboard_model::json::Value;
use switchboard_model::json::pointer::pointer_of;

/// What the Postman importer could not carry over (or carried over only approximately).
///
/// The codes are stable and never reused; the table in the module documentation of
/// [`crate::postman`] lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Loss {
    /// A pre-request or test script.
    Script,
    /// An auth type custom connectors cannot use (digest, OAuth 1, Hawk, AWS, NTLM…).
    AuthUnsupported,
    /// Auth other than the one security definition the connector keeps.
    AuthNotChosen,
    /// Auth carried over approximately (bearer as an API key, an OAuth 2 grant other than
    /// authorization code).
    AuthApproximated,
    /// OAuth 2 without authorization or token URL: placeholders were written.
    AuthIncomplete,
    /// A disabled query parameter, header, form field or URL variable.
    Disabled,
    /// A query key, header or form field given twice: the first is kept.
    DuplicateParameter,
    /// A body on a GET or HEAD request, which connectors cannot send.
    BodyInGet,
    /// A file (binary) body: imported as a binary body, the file itself is not.
    FileBody,
    /// A GraphQL body: imported as a JSON body with `query` and `variables`.
    GraphqlBody,
    /// The base URL has a variable without a value: the host is a placeholder.
    HostPlaceholder,
    /// A request on another base URL than the connector's host.
    OtherHost,
    /// A request whose URL cannot be parsed or uses a scheme other than HTTP(S): skipped.
    UrlInvalid,
    /// A request method Swagger 2.0 has no place for: skipped.
    MethodUnsupported,
    /// A request with the same method and path as an earlier one: skipped.
    DuplicateOperation,
    /// A raw body that is not JSON (or not valid JSON): imported as a string.
    BodyNotJson,
    /// A saved example response without a status code or with a body that gives no schema.
    ExampleUnusable,
    /// Examples disagree on the type of a value: the first type is kept.
    SchemaConflict,
    /// An inferred schema was cut short to stay within the platform's 512-schema limit.
    SchemaTruncated,
    /// A cookie, which connectors cannot send.
    Cookie,
    /// A parameter whose name the platform rejects (`connectionId`, non-ASCII form fields).
    ParameterName,
    /// A body whose content disagrees with its `Content-Type` header.
    ContentTypeMismatch,
    /// A `--tags` value that names no folder of the collection.
    UnknownFolder,
    /// An item that is neither a folder nor a request.
    NotARequest,
    /// Requests past the platform's limit of 256 operations.
    TooManyOperations,
}

impl Loss {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Loss::Script => "IMP201",
            Loss::AuthUnsupported => "IMP202",
            Loss::AuthNotChosen => "IMP203",
            Loss::AuthApproximated => "IMP204",
            Loss::AuthIncomplete => "IMP205",
            Loss::Disabled => "IMP206",
            Loss::DuplicateParameter => "IMP207",
            Loss::BodyInGet => "IMP208",
            Loss::FileBody => "IMP209",
            Loss::GraphqlBody => "IMP210",
            Loss::HostPlaceholder => "IMP211",
            Loss::OtherHost => "IMP212",
            Loss::UrlInvalid => "IMP213",
            Loss::MethodUnsupported => "IMP214",
            Loss::DuplicateOperation => "IMP215",
            Loss::BodyNotJson => "IMP216",
            Loss::ExampleUnusable => "IMP217",
            Loss::SchemaConflict => "IMP218",
            Loss::SchemaTruncated => "IMP219",
            Loss::Cookie => "IMP220",
            Loss::ParameterName => "IMP221",
            Loss::ContentTypeMismatch => "IMP222",
            Loss::UnknownFolder => "IMP223",
            Loss::NotARequest => "IMP224",
            Loss::TooManyOperations => "IMP225",
        }
    }

    /// How much the loss matters: a warning when something the user relies on is gone or
    /// must be filled in by hand, info when it was carried over approximately or was inert.
    pub fn severity(self) -> Severity {
        match self {
            Loss::AuthApproximated
            | Loss::Disabled
            | Loss::FileBody
            | Loss::ExampleUnusable
            | Loss::ContentTypeMismatch
            | Loss::NotARequest => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

/// Members that identify an object of a collection, in order of preference.
const IDENTIFYING: &[&str] = &["name", "key", "raw", "exec", "mode", "type"];

/// The loss diagnostics of one import, located in the collection.
pub(crate) struct Report<'a> {
    source: &'a SourceFile,
    root: &'a Value,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    /// An empty report on `source`, whose parsed tree is `root`.
    pub(crate) fn new(source: &'a SourceFile, root: &'a Value) -> Self {
        Self { source, root, diagnostics: Vec::new() }
    }

    /// Records a loss located at `node` (a value of the collection's tree); returns the
    /// diagnostic so that help can be added.
    pub(crate) fn add(
        &mut self,
        loss: Loss,
        node: &Value,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = self.locate(node);
        self.diagnostics.push(Diagnostic::new(loss.code(), loss.severity(), message, location));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Where `node` (a value of the collection's tree) is.
    pub(crate) fn locate(&self, node: &Value) -> Location {
        if node.span.is_empty() {
            return Location::file(Arc::clone(self.source.name()));
        }
        // An object is shown at its identifying member (a request at its name, a header at
        // its key, an auth at its type), which fits on one line; the pointer still names the
        // object.
        let shown = IDENTIFYING
            .iter()
            .find_map(|k| node.get(k).filter(|v| !v.span.is_empty()))
            .unwrap_or(node);
        let mut location = Location::span(self.source, Some(self.root), shown.span);
        if !std::ptr::eq(shown, node) {
            location.pointer = pointer_of(self.root, node.span);
        }
        location
    }

    /// The diagnostics, in file order (then by code), as the validator sorts its findings.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (d.location.span.map_or(0, |s| s.start), d.location.line, d.location.column)
            };
            key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
        });
        self.diagnostics
    }
}
