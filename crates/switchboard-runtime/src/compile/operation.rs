//! Owned operation and parameter specs, compiled from the swagger views.

use serde_json::Value as Json;
use switchboard_model::json::Value;
use switchboard_model::swagger::{Location, Method, Operation, Parameter, Swagger};

use super::dynamic::{self, DynamicSpec};
use super::path::PathTemplate;
use super::{Diagnostic, Diagnostics};

/// `x-ms-url-encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UrlEncoding {
    /// One level (the default).
    #[default]
    Single,
    /// Two levels between caller and gateway; one level at the backend unless the connector is
    /// compiled with `double_encoding_at_backend` (spec §1.4).
    Double,
}

/// `collectionFormat`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CollectionFormat {
    /// `a,b` (the default).
    #[default]
    Csv,
    /// `a b`.
    Ssv,
    /// `a\tb`.
    Tsv,
    /// `a|b`.
    Pipes,
    /// `n=a&n=b` (query and formData only).
    Multi,
}

impl CollectionFormat {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "csv" => Self::Csv,
            "ssv" => Self::Ssv,
            "tsv" => Self::Tsv,
            "pipes" => Self::Pipes,
            "multi" => Self::Multi,
            _ => return None,
        })
    }

    /// The separator joining items (`None` for `multi`).
    pub fn separator(self) -> Option<&'static str> {
        match self {
            Self::Csv => Some(","),
            Self::Ssv => Some(" "),
            Self::Tsv => Some("\t"),
            Self::Pipes => Some("|"),
            Self::Multi => None,
        }
    }
}

/// One parameter of an operation (path-item parameters merged, `$ref`s resolved).
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSpec {
    /// `name`.
    pub name: String,
    /// `in`.
    pub location: Location,
    /// `type` (`string`, `integer`, `number`, `boolean`, `array`, `file`…); for body
    /// parameters the schema's type.
    pub type_name: Option<String>,
    /// `format` (`binary`, `date-time`…); for body parameters the schema's format.
    pub format: Option<String>,
    /// `items.type` for arrays.
    pub items_type: Option<String>,
    /// `default`.
    pub default: Option<Json>,
    /// `required`.
    pub required: bool,
    /// `x-ms-visibility: internal`.
    pub internal: bool,
    /// `x-ms-url-encoding`.
    pub encoding: UrlEncoding,
    /// `collectionFormat`.
    pub collection: CollectionFormat,
    /// `enum`, when declared.
    pub enum_values: Option<Vec<Json>>,
    /// `allowEmptyValue`.
    pub allow_empty: bool,
}

/// `x-ms-pageable`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pageable {
    /// Root-level property holding the next-page URL (`nextLink`, `@odata.nextLink`).
    pub next_link_name: String,
    /// The item array (`value` unless `itemName` says otherwise).
    pub item_name: String,
}

/// Defaults of `x-ms-visibility: internal` body-schema properties, filled when absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BodyDefaults {
    /// `(property, default, nested defaults)`.
    pub properties: Vec<(String, Option<Json>, Option<BodyDefaults>)>,
}

/// One operation, owned and ready to invoke.
#[derive(Clone, Debug)]
pub struct OperationSpec {
    /// `operationId`.
    pub id: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template.
    pub path: PathTemplate,
    /// Parameters in declaration order (path-item ones first, overridden by operation ones).
    pub parameters: Vec<ParamSpec>,
    /// Effective `consumes` (operation, else document).
    pub consumes: Vec<String>,
    /// Effective `produces` (operation, else document).
    pub produces: Vec<String>,
    /// `x-ms-pageable`.
    pub pageable: Option<Pageable>,
    /// `x-ms-long-running-operation: true`.
    pub long_running: bool,
    /// `x-ms-long-running-operation-options.final-state-via`.
    pub final_state_via: Option<String>,
    /// Covered by `script.csx` (spec §6.2).
    pub script: bool,
    /// Operation-level `security: []`: no credentials injected.
    pub security_none: bool,
    /// Internal body-property defaults.
    pub body_defaults: Option<BodyDefaults>,
    /// Dynamic-values look-ups, keyed by parameter name or `body/<property path>`.
    pub dynamic: Vec<(String, DynamicSpec)>,
}

impl OperationSpec {
    /// The body parameter, when declared.
    pub fn body_param(&self) -> Option<&ParamSpec> {
        self.parameters.iter().find(|p| p.location == Location::Body)
    }

    /// The dynamic-values spec for `key` (a parameter name or `body/<path>`).
    pub fn dynamic_spec(&self, key: &str) -> Option<&DynamicSpec> {
        self.dynamic.iter().find(|(k, _)| k == key).map(|(_, d)| d)
    }
}

pub(super) fn compile_operation(
    swagger: Swagger<'_>,
    op: &Operation<'_>,
    id: &str,
    diagnostics: &mut Diagnostics,
) -> OperationSpec {
    let mut parameters = Vec::new();
    let mut dynamic = Vec::new();
    let mut body_defaults = None;
    for p in op.parameters(&swagger) {
        let Some(spec) = compile_param(swagger, &p, id, diagnostics) else { continue };
        if let Some(d) = dynamic::parse(p.node) {
            dynamic.push((spec.name.clone(), d));
        }
        if spec.location == Location::Body
            && let Some(schema) = p.schema()
        {
            let schema = swagger.deref(schema);
            body_defaults = body_defaults_of(swagger, schema, 0);
            dynamic::collect_schema(swagger, schema, "body", 0, &mut dynamic);
        }
        parameters.push(spec);
    }
    let path = PathTemplate::parse(op.path.template);
    for var in path.variables() {
        if !parameters.iter().any(|p| p.location == Location::Path && p.name == var) {
            diagnostics.push(Diagnostic::warning(
                "UndeclaredPathVariable",
                format!("operation '{id}': path variable {{{var}}} has no path parameter"),
            ));
        }
    }
    let pageable = op.node.get("x-ms-pageable").and_then(|p| {
        let next = p.get_str("nextLinkName")?;
        Some(Pageable {
            next_link_name: next.to_string(),
            item_name: p.get_str("itemName").unwrap_or("value").to_string(),
        })
    });
    let security_none =
        op.node.get("security").and_then(Value::as_array).is_some_and(<[Value]>::is_empty);
    OperationSpec {
        id: id.to_string(),
        method: op.method,
        path,
        parameters,
        consumes: op.consumes(&swagger).into_iter().map(str::to_string).collect(),
        produces: op.produces(&swagger).into_iter().map(str::to_string).collect(),
        pageable,
        long_running: op.node.get_bool("x-ms-long-running-operation") == Some(true),
        final_state_via: op
            .node
            .get("x-ms-long-running-operation-options")
            .and_then(|o| o.get_str("final-state-via"))
            .map(str::to_string),
        script: false,
        security_none,
        body_defaults,
        dynamic,
    }
}

fn compile_param(
    swagger: Swagger<'_>,
    p: &Parameter<'_>,
    op_id: &str,
    diagnostics: &mut Diagnostics,
) -> Option<ParamSpec> {
    let Some(name) = p.name() else {
        diagnostics.push(Diagnostic::warning(
            "UnnamedParameter",
            format!("operation '{op_id}': a parameter has no name and is ignored"),
        ));
        return None;
    };
    let Some(location) = p.location() else {
        diagnostics.push(Diagnostic::warning(
            "UnknownParameterLocation",
            format!(
                "operation '{op_id}': parameter '{name}' has no valid 'in' ({:?}) and is ignored",
                p.location_str().unwrap_or("")
            ),
        ));
        return None;
    };
    let schema = p.schema().map(|s| swagger.deref(s));
    let (type_name, format) = match (location, schema) {
        (Location::Body, Some(s)) => (s.get_str("type"), s.get_str("format")),
        _ => (p.type_name(), p.format()),
    };
    let items = p.node.get("items").map(|i| swagger.deref(i));
    let encoding = match p.node.get_str("x-ms-url-encoding") {
        Some("double") => UrlEncoding::Double,
        _ => UrlEncoding::Single,
    };
    let collection = match p.node.get_str("collectionFormat") {
        None => CollectionFormat::Csv,
        Some(c) => CollectionFormat::parse(c).unwrap_or_else(|| {
            diagnostics.push(Diagnostic::warning(
                "UnknownCollectionFormat",
                format!("operation '{op_id}': parameter '{name}': collectionFormat '{c}' is unknown; csv is used"),
            ));
            CollectionFormat::Csv
        }),
    };
    let default = p.default().or_else(|| schema.and_then(|s| s.get("default"))).map(Json::from);
    let internal = p.is_internal();
    let required = p.is_required() || location == Location::Path;
    if internal && required && default.is_none() && !is_platform_filled(p) {
        diagnostics.push(Diagnostic::warning(
            "InternalRequiredWithoutDefault",
            format!(
                "operation '{op_id}': parameter '{name}' is internal and required but has no default; callers must supply it"
            ),
        ));
    }
    Some(ParamSpec {
        name: name.to_string(),
        location,
        type_name: type_name.map(str::to_string),
        format: format.map(str::to_string),
        items_type: items.and_then(|i| i.get_str("type")).map(str::to_string),
        default,
        required,
        internal,
        encoding,
        collection,
        enum_values: p.node.get_array("enum").map(|a| a.iter().map(Json::from).collect()),
        allow_empty: p.node.get_bool("allowEmptyValue") == Some(true),
    })
}

/// Header names the platform fills from the invocation context (spec §1.13).
pub const CONTEXT_HEADERS: &[&str] = &[
    "x-ms-workflow-name",
    "x-ms-workflow-version",
    "x-ms-workflow-run-id",
    "x-ms-environment-id",
    "x-ms-correlation-id",
    "x-ms-client-request-id",
];

fn is_platform_filled(p: &Parameter<'_>) -> bool {
    p.node.get("x-ms-notification-url").is_some()
        || (p.location() == Some(Location::Header)
            && p.name().is_some_and(|n| CONTEXT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(n))))
}

fn body_defaults_of(swagger: Swagger<'_>, schema: &Value, depth: usize) -> Option<BodyDefaults> {
    if depth > 8 {
        return None;
    }
    let mut out = BodyDefaults::default();
    for m in schema.get("properties").into_iter().flat_map(Value::members) {
        let prop = swagger.deref(&m.value);
        let internal_default = (prop.get_str("x-ms-visibility") == Some("internal"))
            .then(|| prop.get("default").map(Json::from))
            .flatten();
        let nested = if prop.get_str("type") == Some("object") || prop.get("properties").is_some() {
            body_defaults_of(swagger, prop, depth + 1)
        } else {
            None
        };
        if internal_default.is_some() || nested.is_some() {
            out.properties.push((m.key.to_string(), internal_default, nested));
        }
    }
    (!out.properties.is_empty()).then_some(out)
}
