//! One version of a connector, as the comparison sees it: the swagger and apiProperties files
//! with their typed views, and its operations keyed for matching.

use switchboard_diagnostics::Location;
use switchboard_model::Connector;
use switchboard_model::api_properties::{ApiProperties, ConnectionParameter};
use switchboard_model::json::{JsonFile, Value};
use switchboard_model::swagger::{Operation, Parameter, Response, Swagger};

use super::DiffError;

/// One version of a connector.
#[derive(Debug)]
pub struct Side<'a> {
    /// The connector.
    pub connector: &'a Connector,
    /// `apiDefinition.swagger.json`.
    pub file: &'a JsonFile,
    /// Its view.
    pub doc: Swagger<'a>,
    /// `apiProperties.json`, when present and parsed.
    pub properties: Option<(&'a JsonFile, ApiProperties<'a>)>,
    /// Every operation, in file order.
    pub operations: Vec<OpEntry<'a>>,
}

/// An operation with what the comparison needs.
#[derive(Debug)]
pub struct OpEntry<'a> {
    /// The operation.
    pub op: Operation<'a>,
    /// The operationId, or `METHOD /path` when it has none.
    pub id: String,
    /// Effective parameters (path-level merged, `$ref`s resolved).
    pub params: Vec<Parameter<'a>>,
    /// Responses (`$ref`s resolved).
    pub responses: Vec<Response<'a>>,
}

impl<'a> OpEntry<'a> {
    /// The value path of the operation as Microsoft prints it: `operation/<opId>`.
    pub fn path(&self) -> String {
        format!("operation/{}", self.id)
    }

    /// `METHOD /template` with the path variables normalised (`{}`) and lower-cased, for
    /// matching an operation whose id changed.
    pub fn route(&self) -> String {
        format!("{} {}", self.op.method.as_http(), normalize_template(self.op.path.template))
    }

    /// `x-ms-notification-content` of a webhook trigger: on the operation or, as in
    /// Microsoft's own webhook example, on the path item of a trigger.
    pub fn notification_content(&self) -> Option<&'a Value> {
        self.op.node.get("x-ms-notification-content").or_else(|| {
            if self.op.is_trigger() {
                self.op.path.node.get("x-ms-notification-content")
            } else {
                None
            }
        })
    }

    /// The trigger kind: `None` for an action, else `batch`/`single` (or the value as written)
    /// with `webhook` or `polling`.
    pub fn trigger_kind(&self) -> Option<String> {
        let trigger = self.op.node.get("x-ms-trigger")?;
        let value = trigger.as_str().unwrap_or("?");
        let mechanism = if self.notification_content().is_some() { "webhook" } else { "polling" };
        Some(format!("{value} {mechanism}"))
    }
}

/// A path template with variables replaced by `{}` and lower-cased (`/Items/{ID}` and
/// `/items/{itemId}` are the same route).
pub fn normalize_template(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_var = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push('{');
            }
            '}' => {
                in_var = false;
                out.push('}');
            }
            _ if in_var => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end_matches('/').to_string()
}

impl<'a> Side<'a> {
    /// The comparison view of `connector`; fails when it has no readable definition.
    pub fn new(connector: &'a Connector) -> Result<Self, DiffError> {
        let shown = connector.path().display().to_string();
        let Some(swagger) = &connector.swagger else {
            return Err(DiffError::NoDefinition { path: shown });
        };
        let file = &swagger.file;
        let Some(root) = file.root() else {
            let (line, column, message) = match file.parsed.fatal() {
                Some(issue) => {
                    let lc = file.source.line_column(issue.span.start);
                    (lc.line, lc.column, issue.message())
                }
                None => (1, 1, "not valid JSON".to_string()),
            };
            return Err(DiffError::Unparsable {
                file: file.source.name().to_string(),
                line,
                column,
                message,
            });
        };
        let doc = Swagger::new(root);
        let properties = connector
            .properties
            .as_ref()
            .and_then(|p| Some((&p.file, ApiProperties::new(p.file.root()?))));
        let operations = doc
            .operations()
            .map(|op| OpEntry {
                id: op.operation_id().map_or_else(
                    || format!("{} {}", op.method.as_http(), op.path.template),
                    str::to_string,
                ),
                params: op.parameters(&doc),
                responses: op.responses(&doc),
                op,
            })
            .collect();
        Ok(Side { connector, file, doc, properties, operations })
    }

    /// Every connection parameter with its value path: `connectionParameters/<name>`, or
    /// `connectionParameterSets/<set>/<name>` for multi-auth connectors.
    pub fn connection_parameters(&self) -> Vec<(String, ConnectionParameter<'a>)> {
        let Some((_, props)) = self.properties else { return Vec::new() };
        let mut out: Vec<(String, ConnectionParameter<'a>)> = props
            .connection_parameters()
            .map(|p| (format!("connectionParameters/{}", p.name), p))
            .collect();
        out.extend(
            props
                .parameter_set_parameters()
                .map(|(set, p)| (format!("connectionParameterSets/{set}/{}", p.name), p)),
        );
        out
    }

    /// The location of a swagger value.
    pub fn at(&self, node: &Value) -> Location {
        Location::span(&self.file.source, self.file.root(), node.span)
    }

    /// The location of an apiProperties value.
    pub fn at_properties(&self, node: &Value) -> Location {
        match self.properties {
            Some((file, _)) => Location::span(&file.source, file.root(), node.span),
            None => self.at(node),
        }
    }
}
