//! The resolve-route phase's request construction (spec §1): parameters placed, encoded,
//! defaulted and validated; content type chosen; body serialized.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::Value as Json;
use switchboard_model::swagger::Location;

use crate::compile::operation::CONTEXT_HEADERS;
use crate::compile::{
    BodyDefaults, CollectionFormat, CompiledConnector, OperationSpec, ParamSpec, PathPiece,
    UrlEncoding,
};
use crate::message::{Part, encode_path_segment};
use crate::{Body, Call, Headers, InvokeError, Phase, Request};

/// A request built from an operation and a call.
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltRequest {
    /// The request, before credentials and policies.
    pub request: Request,
    /// Parameter values after defaults, by name (what policies see as `arguments`).
    pub arguments: BTreeMap<String, Json>,
    /// Non-fatal findings (an `enum` mismatch, a dropped framing header).
    pub warnings: Vec<String>,
}

/// Headers the HTTP client computes; parameters cannot set them (spec §1.6).
pub(crate) const FRAMING_HEADERS: &[&str] =
    &["connection", "content-length", "keep-alive", "transfer-encoding", "host", "upgrade", "te"];

/// Builds the request for `call` against operation `op` of `connector`.
pub fn build_request(
    connector: &CompiledConnector,
    op: &OperationSpec,
    call: &Call,
) -> Result<BuiltRequest, InvokeError> {
    let mut b = Builder { op, call, warnings: Vec::new(), arguments: BTreeMap::new() };
    let mut request = Request {
        method: op.method.as_http().to_string(),
        base_url: connector.base_url.clone(),
        path: String::new(),
        query: Vec::new(),
        headers: Headers::new(),
        body: Body::Empty,
    };
    let double_at_backend = connector.options.double_encoding_at_backend;
    let mut form: Vec<(&ParamSpec, Json)> = Vec::new();
    let mut body_value = None;

    for p in &op.parameters {
        let Some(value) = b.value_of(p)? else { continue };
        b.check_type(p, &value)?;
        b.arguments.insert(p.name.clone(), value.clone());
        match p.location {
            Location::Path => {}
            Location::Query => {
                let double = p.encoding == UrlEncoding::Double && double_at_backend;
                match (&value, p.collection) {
                    (Json::Array(items), CollectionFormat::Multi) => {
                        for item in items {
                            request.query.push((p.name.clone(), maybe_encode(text(item), double)));
                        }
                    }
                    _ => request
                        .query
                        .push((p.name.clone(), maybe_encode(joined(&value, p.collection), double))),
                }
            }
            Location::Header => {
                if FRAMING_HEADERS.iter().any(|h| p.name.eq_ignore_ascii_case(h)) {
                    b.warnings.push(format!(
                        "header parameter '{}' is computed by the HTTP client and was not sent",
                        p.name
                    ));
                } else {
                    request.headers.set(&p.name, joined(&value, p.collection));
                }
            }
            Location::Body => body_value = Some((p, value)),
            Location::FormData => form.push((p, value)),
        }
    }
    request.path = b.path(double_at_backend)?;
    request.query.extend(call.extra_query.iter().cloned());

    if let Some((p, value)) = body_value {
        let value = match &op.body_defaults {
            Some(d) => with_defaults(value, d),
            None => value,
        };
        let ct = content_type(&request.headers, op, p.format.as_deref() == Some("binary"));
        request.body = serialize_body(value, &ct);
        request.headers.set("Content-Type", ct);
    } else if !form.is_empty() {
        let multipart = form.iter().any(|(p, _)| p.type_name.as_deref() == Some("file"))
            || request.headers.get("Content-Type").is_some_and(|c| c.starts_with("multipart/"))
            || (!request.headers.contains("Content-Type")
                && op.consumes.iter().any(|c| c.starts_with("multipart/form-data")));
        if multipart {
            request.body = Body::Multipart(form.into_iter().map(|(p, v)| part(p, &v)).collect());
            request.headers.set("Content-Type", "multipart/form-data");
        } else {
            let mut fields = Vec::new();
            for (p, v) in form {
                match (&v, p.collection) {
                    (Json::Array(items), CollectionFormat::Multi) => {
                        fields.extend(items.iter().map(|i| (p.name.clone(), text(i))));
                    }
                    _ => fields.push((p.name.clone(), joined(&v, p.collection))),
                }
            }
            request.body = Body::Form(fields);
            request.headers.set("Content-Type", "application/x-www-form-urlencoded");
        }
    }
    if !request.headers.contains("Accept") {
        let accept =
            if op.produces.is_empty() { "*/*".to_string() } else { op.produces.join(", ") };
        request.headers.set("Accept", accept);
    }
    Ok(BuiltRequest { request, arguments: b.arguments, warnings: b.warnings })
}

struct Builder<'a> {
    op: &'a OperationSpec,
    call: &'a Call,
    warnings: Vec<String>,
    arguments: BTreeMap<String, Json>,
}

impl Builder<'_> {
    /// The caller's value, else the default when spec §1.9 says to send it, else a platform
    /// context value; a required parameter with none of these is a 400 naming it.
    fn value_of(&mut self, p: &ParamSpec) -> Result<Option<Json>, InvokeError> {
        let given = if p.location == Location::Body {
            self.call
                .body
                .clone()
                .or_else(|| self.call.arguments.get(&p.name).cloned())
                .or_else(|| self.call.arguments.get("body").cloned())
        } else {
            self.call.arguments.get(&p.name).cloned()
        };
        let value = given
            .filter(|v| !v.is_null())
            .or_else(|| (p.internal || p.required).then(|| p.default.clone()).flatten())
            .or_else(|| {
                (p.location == Location::Header
                    && CONTEXT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(&p.name)))
                .then(|| {
                    self.call
                        .context
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(&p.name))
                        .map(|(_, v)| Json::String(v.clone()))
                })
                .flatten()
            });
        if value.is_none() && p.required {
            return Err(InvokeError::client(
                Phase::ResolveRoute,
                "MissingParameter",
                400,
                format!(
                    "operation '{}' needs the {} parameter '{}', which was not given and has no default",
                    self.op.id,
                    p.location.as_str(),
                    p.name
                ),
            ));
        }
        if let (Some(v), Some(allowed)) = (&value, &p.enum_values)
            && !allowed.contains(v)
            && !allowed.iter().any(|a| a.as_str().is_some_and(|a| a == text(v)))
        {
            self.warnings.push(format!(
                "parameter '{}': {} is not one of its enum values; sent anyway",
                p.name, v
            ));
        }
        Ok(value)
    }

    fn check_type(&self, p: &ParamSpec, value: &Json) -> Result<(), InvokeError> {
        let ok = match p.type_name.as_deref() {
            Some("integer") if p.location != Location::Body => {
                value.is_i64()
                    || value.is_u64()
                    || value.as_str().is_some_and(|s| s.trim().parse::<i64>().is_ok())
            }
            Some("number") if p.location != Location::Body => {
                value.is_number() || value.as_str().is_some_and(|s| s.trim().parse::<f64>().is_ok())
            }
            Some("boolean") if p.location != Location::Body => {
                value.is_boolean() || matches!(value.as_str(), Some("true" | "false"))
            }
            _ => true,
        };
        if ok {
            return Ok(());
        }
        Err(InvokeError::client(
            Phase::ResolveRoute,
            "InvalidParameter",
            400,
            format!(
                "operation '{}': parameter '{}' must be {} {}, not {value}",
                self.op.id,
                p.name,
                if p.type_name.as_deref() == Some("integer") { "an" } else { "a" },
                p.type_name.as_deref().unwrap_or("value")
            ),
        ))
    }

    fn path(&self, double_at_backend: bool) -> Result<String, InvokeError> {
        let mut out = String::new();
        for piece in &self.op.path.pieces {
            match piece {
                PathPiece::Literal(l) => out.push_str(l),
                PathPiece::Variable(name) => {
                    let spec = self
                        .op
                        .parameters
                        .iter()
                        .find(|p| p.location == Location::Path && &p.name == name);
                    let Some(value) =
                        self.arguments.get(name).or_else(|| self.call.arguments.get(name))
                    else {
                        return Err(InvokeError::client(
                            Phase::ResolveRoute,
                            "MissingParameter",
                            400,
                            format!(
                                "operation '{}' needs the path parameter '{name}', which was not given",
                                self.op.id
                            ),
                        ));
                    };
                    let double = spec.is_some_and(|p| p.encoding == UrlEncoding::Double)
                        && double_at_backend;
                    let collection = spec.map_or(CollectionFormat::Csv, |p| p.collection);
                    let encoded = match (value, collection.separator()) {
                        (Json::Array(items), Some(sep)) => items
                            .iter()
                            .map(|i| encode_path_segment(&text(i)))
                            .collect::<Vec<_>>()
                            .join(&encode_path_segment(sep)),
                        _ => encode_path_segment(&text(value)),
                    };
                    out.push_str(&if double { encode_path_segment(&encoded) } else { encoded });
                }
            }
        }
        if !out.starts_with('/') {
            out.insert(0, '/');
        }
        Ok(out)
    }
}

/// A scalar as sent: strings as is, numbers and booleans as JSON text, objects as JSON.
pub(crate) fn text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

fn joined(v: &Json, format: CollectionFormat) -> String {
    match v {
        Json::Array(items) => {
            items.iter().map(text).collect::<Vec<_>>().join(format.separator().unwrap_or(","))
        }
        other => text(other),
    }
}

/// For `double` values with `double_encoding_at_backend`: one extra level, so that the
/// encoding the sender applies makes two.
fn maybe_encode(s: String, double: bool) -> String {
    if double { crate::message::encode_query(&s) } else { s }
}

/// Spec §1.7: explicit header → operation `consumes` (JSON preferred) → document `consumes`
/// (already folded into the operation's) → JSON, or octet-stream for binary bodies.
fn content_type(headers: &Headers, op: &OperationSpec, binary: bool) -> String {
    if let Some(ct) = headers.get("Content-Type") {
        return ct.to_string();
    }
    if let Some(json) = op.consumes.iter().find(|c| c.eq_ignore_ascii_case("application/json")) {
        return json.clone();
    }
    if let Some(first) = op.consumes.first() {
        return first.clone();
    }
    if binary { "application/octet-stream".into() } else { "application/json".into() }
}

pub(crate) fn is_json_type(ct: &str) -> bool {
    let base = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    base == "application/json" || base == "text/json" || base.ends_with("+json")
}

fn serialize_body(value: Json, ct: &str) -> Body {
    let base = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if is_json_type(ct) {
        return Body::Json(value);
    }
    if base == "application/x-www-form-urlencoded" {
        return match value {
            Json::Object(map) => {
                Body::Form(map.iter().map(|(k, v)| (k.clone(), text(v))).collect())
            }
            other => Body::Text(text(&other)),
        };
    }
    if base.starts_with("text/") || base.ends_with("/xml") || base.ends_with("+xml") {
        return Body::Text(text(&value));
    }
    if base.starts_with("multipart/") {
        return match value {
            Json::Object(map) => Body::Multipart(
                map.iter()
                    .map(|(k, v)| Part {
                        name: k.clone(),
                        file_name: None,
                        content_type: None,
                        data: text(v).into_bytes(),
                    })
                    .collect(),
            ),
            other => Body::Text(text(&other)),
        };
    }
    match envelope(&value) {
        Some((_, bytes)) => Body::Bytes(bytes),
        None => match value {
            Json::String(s) => Body::Bytes(s.into_bytes()),
            other => Body::Bytes(other.to_string().into_bytes()),
        },
    }
}

/// Unwraps Logic Apps' binary form `{"$content-type", "$content": base64}`.
fn envelope(v: &Json) -> Option<(Option<String>, Vec<u8>)> {
    let content = v.get("$content")?.as_str()?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(content).ok()?;
    Some((v.get("$content-type").and_then(Json::as_str).map(str::to_string), bytes))
}

fn part(p: &ParamSpec, v: &Json) -> Part {
    let is_file = p.type_name.as_deref() == Some("file");
    match envelope(v) {
        Some((ct, data)) => Part {
            name: p.name.clone(),
            file_name: is_file.then(|| p.name.clone()),
            content_type: ct.or_else(|| Some("application/octet-stream".into())),
            data,
        },
        None => Part {
            name: p.name.clone(),
            file_name: is_file.then(|| p.name.clone()),
            content_type: is_file.then(|| "application/octet-stream".into()),
            data: joined(v, p.collection).into_bytes(),
        },
    }
}

/// Fills absent `internal` body properties that have defaults (spec §1.9), recursively.
fn with_defaults(mut value: Json, defaults: &BodyDefaults) -> Json {
    if let Json::Object(map) = &mut value {
        for (name, default, nested) in &defaults.properties {
            match (map.get_mut(name), default, nested) {
                (None, Some(d), _) => {
                    map.insert(name.clone(), d.clone());
                }
                (Some(child), _, Some(n)) => {
                    *child = with_defaults(std::mem::take(child), n);
                }
                _ => {}
            }
        }
    }
    value
}
