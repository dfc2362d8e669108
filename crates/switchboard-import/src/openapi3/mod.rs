//! OpenAPI 3.0 / 3.1 (JSON or YAML) → Swagger 2.0 → [`crate::swagger2::connectorize`].
//!
//! The source is read into the model's spanned tree (YAML through [`crate::yaml`]), so every
//! loss below is located in the source: file, line, column and JSON pointer. Each concern has
//! its file: [`servers`], [`paths`] (operations), [`parameters`], [`bodies`] (request bodies),
//! [`responses`], [`schemas`], [`security`], [`callbacks`] (callbacks and webhooks), [`refs`].
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | IMP100 | error/warning | not an OpenAPI 3 document (fatal), or a 3.x version newer than 3.1 (read as 3.1) |
//! | IMP101 | info | more than one server: the first HTTPS one is used |
//! | IMP102 | info/warning | a server variable fixed to its default (or, without one, to a placeholder) |
//! | IMP103 | warning | no server, or a relative one: the host is a placeholder to replace |
//! | IMP104 | warning | a cookie parameter was dropped (connectors cannot send cookies) |
//! | IMP105 | info | a media type was dropped (a connector sends and reads one per operation) |
//! | IMP106 | info/warning | a schema keyword Swagger 2.0 lacks was dropped (`not`, `if`, `patternProperties`, …) |
//! | IMP107 | info/warning | `oneOf`/`anyOf` collapsed into one schema (merged objects, or an untyped value) |
//! | IMP108 | info | a `discriminator` mapping was dropped (Swagger 2.0 names the property only) |
//! | IMP109 | info | response `links` were dropped |
//! | IMP110 | warning | a `$ref` that is external or does not resolve: the schema is left untyped |
//! | IMP111 | info/warning | a callback that could not become a webhook trigger, or was not the first |
//! | IMP112 | warning | a webhook (3.1) has no subscription operation, so it is not a trigger |
//! | IMP113 | info/warning | a parameter serialisation Swagger 2.0 cannot express (object, `content`, style) |
//! | IMP114 | info/warning | a form field that cannot be a form parameter (nested object, `encoding`) |
//! | IMP115 | info | a response code range (`2XX`) mapped to a code, or dropped |
//! | IMP116 | info | path- or operation-level servers dropped (a connector has one host) |
//! | IMP117 | warning | a 3.1 type list with several types: left untyped |
//! | IMP118 | warning | an operation with a method Swagger 2.0 lacks (`trace`) was dropped |
//! | IMP119 | warning | a security scheme connectors cannot use (cookie API key, OpenID Connect, mutual TLS, HTTP digest…) |
//! | IMP120 | warning | HTTP bearer mapped to an API key in the `Authorization` header (users enter `Bearer <token>`) |
//! | IMP121 | info | a header parameter the platform sets itself (`Accept`, `Content-Type`, `Authorization`) was dropped |
//! | IMP122 | warning | a request body on a GET or HEAD operation was dropped |

mod bodies;
mod callbacks;
mod parameters;
mod paths;
mod refs;
mod responses;
mod schemas;
mod security;
mod servers;

use std::collections::HashMap;

use serde_json::{Value as Json, json};
use switchboard_diagnostics::Severity;
use switchboard_model::Span;
use switchboard_model::json::Value;

use crate::source::{Losses, Source};
use crate::swagger2::{self, Origins};
use crate::{ImportError, ImportOptions, Imported};

pub(crate) type Map = serde_json::Map<String, Json>;

/// Loss codes of the OpenAPI 3 importer (see the module table).
pub mod codes {
    /// Not OpenAPI 3, or a newer 3.x.
    pub const VERSION: &str = "IMP100";
    /// Several servers.
    pub const SERVERS: &str = "IMP101";
    /// A server variable.
    pub const SERVER_VARIABLE: &str = "IMP102";
    /// No usable server.
    pub const NO_SERVER: &str = "IMP103";
    /// A cookie parameter.
    pub const COOKIE: &str = "IMP104";
    /// A media type dropped.
    pub const MEDIA_TYPE: &str = "IMP105";
    /// A schema keyword dropped.
    pub const KEYWORD: &str = "IMP106";
    /// `oneOf`/`anyOf` collapsed.
    pub const ALTERNATIVES: &str = "IMP107";
    /// A discriminator mapping dropped.
    pub const DISCRIMINATOR: &str = "IMP108";
    /// Links dropped.
    pub const LINKS: &str = "IMP109";
    /// An external or unresolved `$ref`.
    pub const REF: &str = "IMP110";
    /// A callback not mapped.
    pub const CALLBACK: &str = "IMP111";
    /// A webhook not mapped.
    pub const WEBHOOK: &str = "IMP112";
    /// A parameter serialisation.
    pub const PARAMETER_STYLE: &str = "IMP113";
    /// A form field.
    pub const FORM_FIELD: &str = "IMP114";
    /// A response code range.
    pub const RESPONSE_RANGE: &str = "IMP115";
    /// Path or operation servers.
    pub const LOCAL_SERVERS: &str = "IMP116";
    /// A 3.1 type list.
    pub const TYPE_LIST: &str = "IMP117";
    /// A method Swagger 2.0 lacks.
    pub const METHOD: &str = "IMP118";
    /// A security scheme connectors cannot use.
    pub const SECURITY: &str = "IMP119";
    /// Bearer as an API key.
    pub const BEARER: &str = "IMP120";
    /// A header the platform sets.
    pub const RESERVED_HEADER: &str = "IMP121";
    /// A body on GET or HEAD.
    pub const BODY_IN_GET: &str = "IMP122";
}

/// Imports an OpenAPI 3.0 or 3.1 document (JSON or YAML), reported as `name` in diagnostics.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let source = Source::parse(name, bytes)?;
    let mut conv = Conv::new(&source)?;
    let doc = conv.convert();
    let Conv { losses, origins, .. } = conv;
    Ok(swagger2::connectorize_with(Json::Object(doc), options, losses.into_vec(), &origins))
}

/// One conversion: the source, the loss report, the origins of what is written.
pub(crate) struct Conv<'s> {
    src: &'s Source,
    losses: Losses,
    origins: Origins<'s>,
    /// Whether the source is 3.1 (JSON Schema 2020-12 schemas).
    v31: bool,
    /// Converted `components.schemas`, by name (for flattening parameters and merging
    /// alternatives).
    definitions: Map,
    /// Schemas being inlined (by pointer), to stop at cycles.
    inlining: Vec<String>,
    /// Component schemas converted on demand while the definitions are being built.
    converting: HashMap<String, Json>,
    /// The URL of the server used (variables replaced).
    base_url: String,
}

impl<'s> Conv<'s> {
    fn new(src: &'s Source) -> Result<Self, ImportError> {
        let root = &src.root;
        let version = root.get("openapi");
        let text = version.and_then(Value::as_str).unwrap_or("");
        if !text.starts_with("3.") {
            let (message, span) = match (version, root.get("swagger")) {
                (_, Some(v)) => (
                    "this is a Swagger 2.0 document: use `switchboard import swagger`".to_string(),
                    v.span,
                ),
                (Some(v), None) => {
                    (format!("unsupported `openapi` version `{}`", json_text(v)), v.span)
                }
                (None, None) => {
                    ("not an OpenAPI 3 document (no `openapi: 3.x` member)".to_string(), root.span)
                }
            };
            let d = src.diagnostic(codes::VERSION, Severity::Error, message.clone(), span);
            let at = format!("{}:{}:{}", d.location.file, d.location.line, d.location.column);
            return Err(ImportError::Invalid {
                message: format!("{at}: {message}"),
                diagnostics: vec![d],
            });
        }
        if root.as_object().is_none() {
            let d = src.diagnostic(
                codes::VERSION,
                Severity::Error,
                "the document is not an object",
                root.span,
            );
            return Err(ImportError::Invalid {
                message: "the document is not an object".into(),
                diagnostics: vec![d],
            });
        }
        let mut conv = Conv {
            src,
            losses: Losses::default(),
            origins: Origins::mapped(src.file.name().clone()),
            v31: !text.starts_with("3.0"),
            definitions: Map::new(),
            inlining: Vec::new(),
            converting: HashMap::new(),
            base_url: String::new(),
        };
        let newer = !(text.starts_with("3.0") || text.starts_with("3.1"));
        if newer && let Some(v) = version {
            conv.loss(
                codes::VERSION,
                Severity::Warning,
                format!("OpenAPI {text} is newer than 3.1; read as 3.1"),
                v.span,
            );
        }
        Ok(conv)
    }

    /// The Swagger 2.0 document.
    fn convert(&mut self) -> Map {
        let root = &self.src.root;
        let mut doc = Map::new();
        doc.insert("swagger".into(), json!("2.0"));
        doc.insert("info".into(), Json::Object(self.info()));
        self.servers(&mut doc);
        self.definitions_from_components();
        let security_definitions = self.security_definitions();
        let paths = self.paths();
        doc.insert("paths".into(), Json::Object(paths));
        if !self.definitions.is_empty() {
            doc.insert("definitions".into(), Json::Object(std::mem::take(&mut self.definitions)));
        }
        if !security_definitions.is_empty() {
            doc.insert("securityDefinitions".into(), Json::Object(security_definitions));
            if let Some(security) = root.get("security") {
                doc.insert("security".into(), self.security_requirements(security));
            }
        }
        self.tags(&mut doc);
        if let Some(ext) = root.get("externalDocs") {
            doc.insert("externalDocs".into(), Json::from(ext));
        }
        for m in root.members() {
            if m.key.starts_with("x-ms-") {
                doc.insert(m.key.to_string(), Json::from(&m.value));
            }
        }
        if !doc.contains_key("x-ms-connector-metadata")
            && let Some(url) = website(root)
        {
            doc.insert(
                "x-ms-connector-metadata".into(),
                json!([{"propertyName": "Website", "propertyValue": url}]),
            );
        }
        self.webhooks();
        if let Some(info) = root.member("info") {
            self.origins.insert("/info".into(), self.src.location(info.key_span));
        }
        doc
    }

    fn info(&mut self) -> Map {
        let info = self.src.root.get("info");
        let mut out = Map::new();
        let s = |k: &str| info.and_then(|i| i.get_str(k)).map(str::to_string);
        if let Some(t) = s("title") {
            out.insert("title".into(), json!(t));
        }
        match (s("description"), s("summary")) {
            (Some(d), _) if !d.trim().is_empty() => {
                out.insert("description".into(), json!(d));
            }
            (_, Some(summary)) => {
                out.insert("description".into(), json!(summary));
            }
            _ => {}
        }
        if let Some(v) = info.and_then(|i| i.get("version")) {
            out.insert("version".into(), json!(json_text(v)));
        }
        if let Some(t) = s("termsOfService") {
            out.insert("termsOfService".into(), json!(t));
        }
        if let Some(c) = info.and_then(|i| i.get("contact")).filter(|c| c.as_object().is_some()) {
            out.insert("contact".into(), Json::from(c));
        }
        if let Some(l) = info.and_then(|i| i.get("license")).filter(|l| l.get_str("name").is_some())
        {
            let mut license = Map::new();
            license.insert("name".into(), json!(l.get_str("name")));
            if let Some(url) = l.get_str("url") {
                license.insert("url".into(), json!(url));
            }
            out.insert("license".into(), Json::Object(license));
        }
        out
    }

    fn tags(&mut self, doc: &mut Map) {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for t in self.src.root.get("tags").into_iter().flat_map(Value::items) {
            let Some(name) = t.get_str("name") else { continue };
            if !seen.insert(name.to_lowercase()) {
                continue;
            }
            let mut tag = Map::new();
            tag.insert("name".into(), json!(name));
            if let Some(d) = t.get_str("description") {
                tag.insert("description".into(), json!(d));
            }
            out.push(Json::Object(tag));
        }
        if !out.is_empty() {
            doc.insert("tags".into(), Json::Array(out));
        }
    }

    /// Reports a loss at a span of the source.
    fn loss(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) {
        self.losses.push(self.src.diagnostic(code, severity, message, span));
    }

    /// [`Conv::loss`] with help.
    fn loss_help(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
        help: &str,
    ) {
        self.losses.push(self.src.diagnostic(code, severity, message, span).with_help(help));
    }
}

/// The key span of member `key` of `node`, or the node's span.
fn key_span(node: &Value, key: &str) -> Span {
    node.member(key).map_or(node.span, |m| m.key_span)
}

/// A scalar as text (`3.0` stays `3.0`).
fn json_text(v: &Value) -> String {
    v.as_str()
        .map(str::to_string)
        .or_else(|| v.as_number_text().map(str::to_string))
        .unwrap_or_default()
}

/// The service's website: the contact URL or the external docs URL, when HTTPS.
fn website(root: &Value) -> Option<String> {
    let url = root
        .get("info")
        .and_then(|i| i.get("contact"))
        .and_then(|c| c.get_str("url"))
        .or_else(|| root.get("externalDocs").and_then(|e| e.get_str("url")))?;
    url.starts_with("https://").then(|| url.to_string())
}
