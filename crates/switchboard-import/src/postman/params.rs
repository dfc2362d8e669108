//! Path, query and header parameters of a request.

use serde_json::{Map, Value as Json, json};
use switchboard_model::json::Value;

use super::auth::{self, Scheme};
use super::collection::description;
use super::report::{Loss, Report};
use super::schema::scalar_type;
use super::url::{PathParam, QueryParam};

/// Headers the platform sets itself when it sends the request.
const TRANSPORT_HEADERS: &[&str] =
    &["host", "content-length", "connection", "transfer-encoding", "accept-encoding"];

/// Splits Postman's `(Required)`/`(Optional)` description prefix (written by Postman's own
/// OpenAPI converter) off a description.
pub(crate) fn required_prefix(description: Option<String>) -> (bool, Option<String>) {
    let Some(text) = description else { return (false, None) };
    let strip = |prefix: &str| {
        text.get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(prefix))
            .map(|_| text[prefix.len()..].trim().to_string())
    };
    let (required, rest) = match (strip("(Required)"), strip("(Optional)")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => (false, text),
    };
    (required, (!rest.is_empty()).then_some(rest))
}

/// A non-body parameter object.
pub(crate) fn parameter(
    name: &str,
    location: &str,
    required: bool,
    example: Option<&str>,
    description: Option<String>,
) -> Json {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!(location));
    if required {
        p.insert("required".into(), json!(true));
    }
    if let Some(schema) = scalar_type(example).as_object() {
        p.extend(schema.clone());
    }
    if let Some(d) = description {
        p.insert("description".into(), json!(d));
    }
    Json::Object(p)
}

/// Whether the platform refuses a parameter of this name (reported by the caller).
pub(crate) fn reserved(name: &str) -> bool {
    name.eq_ignore_ascii_case("connectionId")
}

/// The path parameters, in template order.
pub(crate) fn path_parameters(params: &[PathParam<'_>]) -> Vec<Json> {
    params
        .iter()
        .map(|p| {
            let described = description(p.variable.and_then(|v| v.get("description")));
            let (_, text) = required_prefix(described);
            let example = p
                .variable
                .and_then(|v| v.get_str("value"))
                .map(str::to_string)
                .or_else(|| p.example.clone());
            parameter(&p.name, "path", true, example.as_deref(), text)
        })
        .collect()
}

/// The query parameters; disabled and repeated keys are reported, keys the auth sets are
/// dropped.
pub(crate) fn query_parameters(
    query: &[QueryParam<'_>],
    scheme: Option<&Scheme>,
    report: &mut Report<'_>,
) -> Vec<Json> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for q in query {
        let key = q.key.trim();
        if key.is_empty() || scheme.is_some_and(|s| s.sets_query(key)) {
            continue;
        }
        if q.disabled {
            report.add(Loss::Disabled, q.node, format!("the disabled query parameter `{key}` is not imported"))
                .set_help("enable it in Postman (or add it to the operation by hand) if the API accepts it");
            continue;
        }
        if seen.contains(&key) {
            report.add(Loss::DuplicateParameter, q.node, format!("the query parameter `{key}` is given more than once; only the first is imported"))
                .set_help("Swagger 2.0 declares a parameter once: make it an array with `collectionFormat: multi` by hand if the API repeats it");
            continue;
        }
        if reserved(key) {
            report.add(Loss::ParameterName, q.node, format!("the query parameter `{key}` has a name the platform reserves; it is not imported"));
            continue;
        }
        seen.push(key);
        let (required, text) = required_prefix(q.description.clone());
        out.push(parameter(key, "query", required, q.value.as_deref(), text));
    }
    out
}

/// One header as written.
pub(crate) struct Header<'a> {
    /// The name.
    pub key: String,
    /// The value.
    pub value: String,
    /// Disabled in Postman.
    pub disabled: bool,
    /// The description.
    pub description: Option<String>,
    /// Where it is.
    pub node: &'a Value,
}

/// The headers of a request: a list of `{key, value}` objects, or (v2.0) a `Key: value` text.
pub(crate) fn headers(request: &Value) -> Vec<Header<'_>> {
    let Some(node) = request.get("header") else { return Vec::new() };
    if let Some(text) = node.as_str() {
        return text
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| Header {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
                disabled: false,
                description: None,
                node,
            })
            .collect();
    }
    node.items()
        .filter_map(|h| {
            Some(Header {
                key: h.get_str("key")?.trim().to_string(),
                value: h.get_str("value").unwrap_or_default().trim().to_string(),
                disabled: h.get_bool("disabled") == Some(true),
                description: description(h.get("description")),
                node: h,
            })
        })
        .collect()
}

/// What the headers say besides parameters.
#[derive(Default)]
pub(crate) struct HeaderFacts {
    /// `Content-Type` without parameters, unless it is a variable.
    pub content_type: Option<String>,
    /// `Accept`, unless it is a variable or `*/*`.
    pub accept: Option<String>,
}

/// The media type of a `Content-Type`/`Accept` value, lowercased, without parameters.
pub(crate) fn media_type(value: &str) -> Option<String> {
    let base = value.split([';', ',']).next().unwrap_or_default().trim().to_ascii_lowercase();
    (!base.is_empty() && base.contains('/') && !base.contains("{{") && base != "*/*")
        .then_some(base)
}

/// The header parameters; `Content-Type` and `Accept` become facts, auth and transport
/// headers are dropped, cookies, disabled and repeated headers are reported.
pub(crate) fn header_parameters(
    headers: &[Header<'_>],
    scheme: Option<&Scheme>,
    report: &mut Report<'_>,
) -> (Vec<Json>, HeaderFacts) {
    let mut out = Vec::new();
    let mut facts = HeaderFacts::default();
    let mut seen: Vec<String> = Vec::new();
    for h in headers {
        let lower = h.key.to_ascii_lowercase();
        if lower.is_empty() || TRANSPORT_HEADERS.contains(&lower.as_str()) {
            continue;
        }
        if h.disabled {
            if lower != "authorization" {
                report.add(
                    Loss::Disabled,
                    h.node,
                    format!("the disabled header `{}` is not imported", h.key),
                );
            }
            continue;
        }
        match lower.as_str() {
            "content-type" => {
                facts.content_type = facts.content_type.or_else(|| media_type(&h.value));
                continue;
            }
            "accept" => {
                facts.accept = facts.accept.or_else(|| media_type(&h.value));
                continue;
            }
            "cookie" => {
                report.add(Loss::Cookie, h.node, "the `Cookie` header is not imported: connectors cannot send cookies")
                    .set_help("if the API authenticates with a cookie, ask the service for an API key or OAuth 2");
                continue;
            }
            _ => {}
        }
        // The request's own credentials: the connection supplies them (or, for another
        // scheme than the connector's, the auth choice reports them).
        if scheme.is_some_and(|s| s.sets_header(&h.key))
            || auth::is_credentials_header(&h.key, &h.value)
        {
            continue;
        }
        if seen.contains(&lower) {
            report.add(
                Loss::DuplicateParameter,
                h.node,
                format!(
                    "the header `{}` is given more than once; only the first is imported",
                    h.key
                ),
            );
            continue;
        }
        if reserved(&h.key) {
            report.add(
                Loss::ParameterName,
                h.node,
                format!(
                    "the header `{}` has a name the platform reserves; it is not imported",
                    h.key
                ),
            );
            continue;
        }
        seen.push(lower);
        let (required, text) = required_prefix(h.description.clone());
        out.push(parameter(&h.key, "header", required, Some(&h.value), text));
    }
    (out, facts)
}
