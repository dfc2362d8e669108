//! Facts about a swagger computed once per connector and shared by every rule: operations
//! with their resolved parameters and responses, every parameter declaration, and every
//! schema root with its role. Rules iterate these lists instead of re-walking the tree.

use switchboard_model::json::{JsonFile, Value};
use switchboard_model::swagger::{Operation, Parameter, ParameterSite, Response, Swagger};

/// One operation with what rules most often need about it.
#[derive(Debug)]
pub struct OperationInfo<'a> {
    /// The operation.
    pub op: Operation<'a>,
    /// Effective parameters (path-level merged, `$ref`s resolved).
    pub params: Vec<Parameter<'a>>,
    /// Responses (`$ref`s resolved).
    pub responses: Vec<Response<'a>>,
}

/// A parameter object as declared: inline in a path item's or operation's list, or in
/// `#/parameters`. Each object appears once, so content checks report it once.
#[derive(Clone, Copy, Debug)]
pub struct ParameterDecl<'a> {
    /// The parameter.
    pub param: Parameter<'a>,
    /// The operation it is declared in (index into [`SwaggerIndex::operations`]), if any.
    pub operation: Option<usize>,
}

/// What a schema root is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaRole<'a> {
    /// `#/definitions/<name>`.
    Definition(&'a str),
    /// The `schema` of a body parameter (inline or shared).
    Body,
    /// The `schema` of an operation response with this code.
    Response(&'a str),
    /// The `schema` of a shared response (`#/responses/<name>`).
    SharedResponse(&'a str),
    /// The `schema` of `x-ms-notification-content` (webhook payload).
    Notification,
}

impl SchemaRole<'_> {
    /// Whether the schema describes output (responses, notifications).
    pub fn is_output(&self) -> bool {
        matches!(
            self,
            SchemaRole::Response(_) | SchemaRole::SharedResponse(_) | SchemaRole::Notification
        )
    }
}

/// A schema that is not nested in another schema.
#[derive(Clone, Copy, Debug)]
pub struct SchemaRoot<'a> {
    /// The schema value.
    pub node: &'a Value,
    /// Its role.
    pub role: SchemaRole<'a>,
    /// The operation it belongs to (index into [`SwaggerIndex::operations`]), if any.
    pub operation: Option<usize>,
}

/// The swagger of a connector with precomputed facts.
#[derive(Debug)]
pub struct SwaggerIndex<'a> {
    /// The file (source bytes, parse issues).
    pub file: &'a JsonFile,
    /// The document view.
    pub doc: Swagger<'a>,
    /// Every operation, in file order.
    pub operations: Vec<OperationInfo<'a>>,
    /// Every parameter declaration.
    pub parameters: Vec<ParameterDecl<'a>>,
    /// Every schema root.
    pub schemas: Vec<SchemaRoot<'a>>,
}

impl<'a> SwaggerIndex<'a> {
    /// Builds the index of a parsed swagger file; `None` if it did not parse.
    pub fn new(file: &'a JsonFile) -> Option<Self> {
        let root = file.root()?;
        let doc = Swagger::new(root);
        let mut operations = Vec::new();
        let mut parameters = Vec::new();
        let mut schemas = Vec::new();

        for path in doc.paths() {
            for entry in path.parameter_entries() {
                if entry.get("$ref").is_none() {
                    parameters.push(ParameterDecl {
                        param: Parameter::direct(entry, ParameterSite::PathItem),
                        operation: None,
                    });
                    if let Some(s) = body_schema(entry) {
                        schemas.push(SchemaRoot {
                            node: s,
                            role: SchemaRole::Body,
                            operation: None,
                        });
                    }
                }
            }
            for op in path.operations() {
                let index = operations.len();
                for entry in op.parameter_entries() {
                    if entry.get("$ref").is_none() {
                        parameters.push(ParameterDecl {
                            param: Parameter::direct(entry, ParameterSite::Operation),
                            operation: Some(index),
                        });
                        if let Some(s) = body_schema(entry) {
                            schemas.push(SchemaRoot {
                                node: s,
                                role: SchemaRole::Body,
                                operation: Some(index),
                            });
                        }
                    }
                }
                if let Some(responses) = op.node.get("responses") {
                    for m in responses.members() {
                        if let Some(s) = m.value.get("schema").filter(|s| s.as_object().is_some()) {
                            schemas.push(SchemaRoot {
                                node: s,
                                role: SchemaRole::Response(&m.key),
                                operation: Some(index),
                            });
                        }
                    }
                }
                if let Some(s) =
                    op.node.get("x-ms-notification-content").and_then(|n| n.get("schema"))
                    && s.as_object().is_some()
                {
                    schemas.push(SchemaRoot {
                        node: s,
                        role: SchemaRole::Notification,
                        operation: Some(index),
                    });
                }
                operations.push(OperationInfo {
                    op,
                    params: op.parameters(&doc),
                    responses: op.responses(&doc),
                });
            }
        }
        for m in doc.shared_parameters().into_iter().flat_map(|o| o.members.iter()) {
            parameters.push(ParameterDecl {
                param: Parameter::direct(&m.value, ParameterSite::Shared),
                operation: None,
            });
            if let Some(s) = body_schema(&m.value) {
                schemas.push(SchemaRoot { node: s, role: SchemaRole::Body, operation: None });
            }
        }
        for m in doc.shared_responses().into_iter().flat_map(|o| o.members.iter()) {
            if let Some(s) = m.value.get("schema").filter(|s| s.as_object().is_some()) {
                schemas.push(SchemaRoot {
                    node: s,
                    role: SchemaRole::SharedResponse(&m.key),
                    operation: None,
                });
            }
        }
        for m in doc.definitions().into_iter().flat_map(|o| o.members.iter()) {
            if m.value.as_object().is_some() {
                schemas.push(SchemaRoot {
                    node: &m.value,
                    role: SchemaRole::Definition(&m.key),
                    operation: None,
                });
            }
        }
        Some(Self { file, doc, operations, parameters, schemas })
    }

    /// The root value.
    pub fn root(&self) -> &'a Value {
        self.doc.root
    }
}

fn body_schema(param: &Value) -> Option<&Value> {
    (param.get_str("in") == Some("body"))
        .then(|| param.get("schema"))
        .flatten()
        .filter(|s| s.as_object().is_some())
}
