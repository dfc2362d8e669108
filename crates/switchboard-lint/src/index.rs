//! Facts about a swagger computed once per connector and shared by every rule: operations
//! with their resolved parameters and responses, every parameter declaration, and every
//! schema root with its role. Rules iterate these lists instead of re-walking the tree.

use std::cell::OnceCell;

use switchboard_model::json::{JsonFile, Kind, Member, Value};

use crate::rules::extensions::common::DynamicSite;
use crate::rules::schemas::common::{Definitions, RefSite};
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

/// Members whose values are sample data (examples, test values, defaults, enums), not text or
/// structure the connector author wrote for users.
pub const DATA_KEYS: &[&str] = &["example", "examples", "x-ms-test-value", "default", "enum"];

/// Keys whose string values are human text shown to users.
pub const TEXT_KEYS: &[&str] = &["title", "summary", "x-ms-summary", "description"];

/// A `title`, `summary`, `x-ms-summary` or `description` member outside sample data.
#[derive(Clone, Copy, Debug)]
pub struct TextField<'a> {
    /// The object holding it.
    pub owner: &'a Value,
    /// The member (key, key span, value of any type).
    pub member: &'a Member,
}

/// Facts some rule groups compute on first use and share, so that each is computed at most
/// once per connector however many rules need it (the compute functions live with the groups).
#[derive(Debug, Default)]
pub(crate) struct Shared<'a> {
    /// Every schema node of every schema root: `(node, depth, index into schemas)`.
    pub schema_nodes: OnceCell<Vec<(&'a Value, usize, usize)>>,
    /// Every string `$ref` of the document: `(site, holder object, value)`.
    pub refs: OnceCell<Vec<(RefSite, &'a Value, &'a Value)>>,
    /// Nodes carrying dynamic extensions.
    pub dynamic_sites: OnceCell<Vec<DynamicSite<'a>>>,
    /// The entries of `#/definitions`, numbered and indexed by name.
    pub definitions: OnceCell<Definitions<'a>>,
    /// Typed nodes outside schemas (non-body parameters, headers, their `items`).
    pub simple_nodes: OnceCell<Vec<&'a Value>>,
    /// The keywords of each schema node (in `schema_nodes` order), as bit masks.
    pub schema_keys: OnceCell<Vec<u64>>,
    /// The keywords of each simple node, as bit masks.
    pub simple_keys: OnceCell<Vec<u64>>,
    /// Members that are keywords rather than names, outside sample data, that BX rules read:
    /// `(descriptions, keys starting with x or X)`.
    pub keyword_members: OnceCell<(Vec<&'a Member>, Vec<&'a Member>)>,
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
    /// Every object outside sample data ([`DATA_KEYS`]), in document order.
    pub text_objects: Vec<&'a Value>,
    /// Every text member ([`TEXT_KEYS`]) of those objects, duplicates included, in order.
    pub text_fields: Vec<TextField<'a>>,
    /// Every string value of the document, sample data included, in order.
    pub strings: Vec<&'a Value>,
    /// Facts computed on first use.
    pub(crate) shared: Shared<'a>,
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
            // Webhook payload schema on the path item (Microsoft's own webhook example): it
            // belongs to the path's trigger.
            if let Some(s) = path
                .node
                .get("x-ms-notification-content")
                .and_then(|n| n.get("schema"))
                .filter(|s| s.as_object().is_some())
            {
                let first = operations.len();
                let trigger = path.operations().position(|op| op.is_trigger()).map(|i| first + i);
                schemas.push(SchemaRoot {
                    node: s,
                    role: SchemaRole::Notification,
                    operation: trigger,
                });
            }
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
        // One walk for the rules that look at every object or string of the document.
        let mut text_objects = Vec::new();
        let mut text_fields = Vec::new();
        let mut strings = Vec::new();
        walk_document(root, false, &mut |v, in_data| match &v.kind {
            Kind::String(_) => strings.push(v),
            Kind::Object(o) if !in_data => {
                text_objects.push(v);
                for m in &o.members {
                    if is_text_key(&m.key) {
                        text_fields.push(TextField { owner: v, member: m });
                    }
                }
            }
            _ => {}
        });
        Some(Self {
            file,
            doc,
            operations,
            parameters,
            schemas,
            text_objects,
            text_fields,
            strings,
            shared: Shared::default(),
        })
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

/// Visits every value of the tree depth first, telling whether it is inside sample data.
fn walk_document<'a>(v: &'a Value, in_data: bool, f: &mut impl FnMut(&'a Value, bool)) {
    f(v, in_data);
    match &v.kind {
        Kind::Object(o) => {
            for m in &o.members {
                walk_document(&m.value, in_data || is_data_key(&m.key), f);
            }
        }
        Kind::Array(items) => items.iter().for_each(|i| walk_document(i, in_data, f)),
        _ => {}
    }
}

/// `TEXT_KEYS.contains(key)`, as one `match` (this runs for every member of the document).
fn is_text_key(key: &str) -> bool {
    matches!(key, "title" | "summary" | "x-ms-summary" | "description")
}

/// `DATA_KEYS.contains(key)`, as one `match`.
fn is_data_key(key: &str) -> bool {
    matches!(key, "example" | "examples" | "x-ms-test-value" | "default" | "enum")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_tests_match_the_lists() {
        for key in TEXT_KEYS {
            assert!(is_text_key(key) && !is_data_key(key));
        }
        for key in DATA_KEYS {
            assert!(is_data_key(key) && !is_text_key(key));
        }
        assert!(!is_text_key("titles") && !is_data_key("x-example"));
    }

    #[test]
    fn text_walk_skips_sample_data_but_keeps_its_strings() {
        let file = JsonFile::parse(
            "x.json",
            br#"{"info": {"title": "T", "description": "D"},
                "definitions": {"A": {"description": "a", "example": {"description": "sample"}}},
                "paths": {}}"#
                .to_vec(),
        );
        let index = SwaggerIndex::new(&file).unwrap();
        let texts: Vec<&str> =
            index.text_fields.iter().filter_map(|f| f.member.value.as_str()).collect();
        assert_eq!(texts, ["T", "D", "a"]);
        let strings: Vec<&str> = index.strings.iter().filter_map(|v| v.as_str()).collect();
        assert_eq!(strings, ["T", "D", "a", "sample"]);
        // root, info, definitions, A, paths: the example object is sample data.
        assert_eq!(index.text_objects.len(), 5);
    }
}
