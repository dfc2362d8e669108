//! Request bodies: raw (JSON with an inferred schema, text, XML), urlencoded, form-data
//! (files included), file and GraphQL bodies.

use std::fmt::Write as _;

use serde_json::{Value as Json, json};
use switchboard_model::json::{JsonIssueKind, Kind, Value};

use super::collection::description;
use super::params::{media_type, parameter, required_prefix};
use super::report::{Loss, Report};
use super::schema::{self, Findings};

/// The body of an operation: a `body` parameter or `formData` parameters, and the media
/// type it is sent as.
#[derive(Default)]
pub(crate) struct Body {
    /// Parameters (`in: body` or `in: formData`).
    pub params: Vec<Json>,
    /// The `consumes` media type.
    pub consumes: Option<String>,
}

/// Whether a body node carries content (an empty raw string or field list is no body).
fn has_content(body: &Value) -> bool {
    let mode = body.get_str("mode").unwrap_or("raw");
    match body.get(mode) {
        Some(v) => match &v.kind {
            Kind::String(s) => !s.trim().is_empty(),
            Kind::Array(items) => !items.is_empty(),
            Kind::Object(o) => !o.is_empty(),
            _ => false,
        },
        None => false,
    }
}

/// Reads the body of a request sent with `method`; `content_type` is the request's header.
pub(crate) fn read(
    request: &Value,
    method: &str,
    content_type: Option<&str>,
    report: &mut Report<'_>,
) -> Body {
    let Some(body) = request.get("body").filter(|b| b.as_object().is_some() && has_content(b))
    else {
        return Body::default();
    };
    if matches!(method, "get" | "head") {
        report
            .add(Loss::BodyInGet, body, format!("the body of this {} request is not imported: connectors cannot send a body with GET or HEAD", method.to_ascii_uppercase()))
            .set_help("if the API really expects it, change the method in Postman (many APIs accept the same call as POST)");
        return Body::default();
    }
    let mode = body.get_str("mode").unwrap_or("raw");
    match mode {
        "raw" => raw(body, content_type, report),
        "urlencoded" => fields(body, "urlencoded", "application/x-www-form-urlencoded", report),
        "formdata" => fields(body, "formdata", "multipart/form-data", report),
        "file" => {
            report
                .add(Loss::FileBody, body, "the file body is imported as a binary body; the file chosen in Postman is not part of the connector")
                .set_help("users pass the file content from a previous step of the flow");
            Body {
                params: vec![body_param(&json!({"type": "string", "format": "binary"}))],
                consumes: Some(content_type.unwrap_or("application/octet-stream").to_string()),
            }
        }
        "graphql" => graphql(body, report),
        other => {
            report.add(
                Loss::BodyNotJson,
                body,
                format!("the body mode `{other}` is not supported; the body is not imported"),
            );
            Body::default()
        }
    }
}

/// An `in: body` parameter.
fn body_param(schema: &Json) -> Json {
    json!({"name": "body", "in": "body", "required": true, "schema": schema})
}

/// Replaces `{{variables}}` and `<placeholders>` outside JSON strings by `null`, so that
/// bodies such as `{"amount": {{amount}}, "id": <accountId>}` parse; inside strings they stay
/// as text.
pub(crate) fn neutralize_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string {
            let end = if rest.starts_with("{{") {
                rest.find("}}").map(|e| e + 2)
            } else if c == '<' {
                rest.find(['>', '\n', '"', '{', '}', ','])
                    .filter(|&e| rest[e..].starts_with('>'))
                    .map(|e| e + 1)
            } else {
                None
            };
            if let Some(end) = end {
                out.push_str("null");
                rest = &rest[end..];
                continue;
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Parses example JSON leniently (comments, trailing and missing commas are common in
/// hand-written bodies); `None` unless it is an object or array.
pub(crate) fn parse_json(text: &str) -> Option<Value> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with(['{', '[']) {
        return None;
    }
    let text = neutralize_variables(text);
    let mut parsed = switchboard_model::json::parse(text.as_bytes());
    // A stray closing bracket after a complete value is a common slip in hand-written
    // examples: the value before it is what the author meant.
    if let Some(issue) = parsed.issues.iter().find(|i| i.is_fatal())
        && issue.kind == JsonIssueKind::TrailingContent
    {
        let end = issue.span.start as usize;
        parsed = switchboard_model::json::parse(text.as_bytes().get(..end).unwrap_or_default());
    }
    parsed.root.filter(|r| matches!(r.kind, Kind::Object(_) | Kind::Array(_)))
}

/// Reports what inferring a schema found, at `node`.
pub(crate) fn report_findings(
    findings: &Findings,
    node: &Value,
    what: &str,
    report: &mut Report<'_>,
) {
    if !findings.conflicts.is_empty() {
        const SHOWN: usize = 5;
        let mut list =
            findings.conflicts.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
        if findings.conflicts.len() > SHOWN {
            let _ = write!(list, " and {} more", findings.conflicts.len() - SHOWN);
        }
        report
            .add(
                Loss::SchemaConflict,
                node,
                format!("the {what} examples disagree on types ({list}); the first type is kept"),
            )
            .set_help("check the schema in apiDefinition.swagger.json; Swagger 2.0 has no `oneOf`");
    }
    if findings.truncated {
        report
            .add(Loss::SchemaTruncated, node, format!("the schema inferred from the {what} example was cut short to stay within the platform's limit of 512 schema objects"))
            .set_help("deep or very wide parts of the example are left untyped; describe the fields flows need by hand");
    }
}

fn raw(body: &Value, content_type: Option<&str>, report: &mut Report<'_>) -> Body {
    let text = body.get_str("raw").unwrap_or_default();
    let node = body.get("raw").unwrap_or(body);
    let language =
        body.get("options").and_then(|o| o.get("raw")).and_then(|r| r.get_str("language"));
    let declared = content_type.map(str::to_string).or_else(|| {
        Some(
            match language? {
                "json" => "application/json",
                "xml" => "application/xml",
                "html" => "text/html",
                "javascript" => "application/javascript",
                _ => "text/plain",
            }
            .to_string(),
        )
    });
    let says_json = declared.as_deref().is_some_and(|m| m.contains("json"));
    if let Some(value) = parse_json(text) {
        let mut findings = Findings::default();
        let mut schema = schema::infer(&value, &mut findings);
        schema::limit(&mut schema, &mut findings);
        report_findings(&findings, node, "body", report);
        if let Some(other) =
            declared.as_deref().filter(|_| !says_json).filter(|_| content_type.is_some())
        {
            report.add(Loss::ContentTypeMismatch, node, format!("the body is JSON but the `Content-Type` header says `{other}`; it is imported as application/json"));
        }
        let consumes = if says_json { declared } else { Some("application/json".into()) };
        return Body { params: vec![body_param(&schema)], consumes };
    }
    let mime = declared.unwrap_or_else(|| "text/plain".to_string());
    if mime == "application/x-www-form-urlencoded"
        && !text.trim_start().starts_with(['{', '[', '<'])
    {
        let params = text
            .split('&')
            .filter_map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let key = key.trim();
                (!key.is_empty()).then(|| parameter(key, "formData", false, Some(value), None))
            })
            .collect();
        return Body { params, consumes: Some(mime) };
    }
    if says_json {
        report
            .add(
                Loss::BodyNotJson,
                node,
                "the JSON body cannot be parsed; it is imported as a string, without a schema",
            )
            .set_help("fix the example body in Postman and import again to get a schema");
    } else if mime.contains("xml") || mime == "text/html" {
        report.add(Loss::BodyNotJson, node, format!("the `{mime}` body is imported as a string: connectors describe only JSON structures"));
    }
    Body { params: vec![body_param(&json!({"type": "string"}))], consumes: Some(mime) }
}

fn fields(body: &Value, key: &str, media: &str, report: &mut Report<'_>) -> Body {
    let mut params = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut multipart = media == "multipart/form-data";
    for field in body.get(key).into_iter().flat_map(Value::items) {
        let Some(name) = field.get_str("key").map(str::trim).filter(|k| !k.is_empty()) else {
            continue;
        };
        if field.get_bool("disabled") == Some(true) {
            report.add(
                Loss::Disabled,
                field,
                format!("the disabled form field `{name}` is not imported"),
            );
            continue;
        }
        if seen.iter().any(|s| s == name) {
            report.add(
                Loss::DuplicateParameter,
                field,
                format!(
                    "the form field `{name}` is given more than once; only the first is imported"
                ),
            );
            continue;
        }
        if !name.is_ascii() || name.eq_ignore_ascii_case("connectionId") {
            report.add(Loss::ParameterName, field, format!("the form field `{name}` is not imported: form field names must be US-ASCII and not reserved by the platform"));
            continue;
        }
        seen.push(name.to_string());
        let (required, text) = required_prefix(description(field.get("description")));
        let param = if field.get_str("type") == Some("file") {
            multipart = true;
            let mut p = json!({"name": name, "in": "formData", "type": "file"});
            if let Some(obj) = p.as_object_mut() {
                if required {
                    obj.insert("required".into(), json!(true));
                }
                if let Some(d) = text {
                    obj.insert("description".into(), json!(d));
                }
            }
            p
        } else {
            parameter(name, "formData", required, field.get_str("value"), text)
        };
        params.push(param);
    }
    let consumes = if multipart { "multipart/form-data" } else { media };
    let consumes = (!params.is_empty()).then(|| consumes.to_string());
    Body { params, consumes }
}

fn graphql(body: &Value, report: &mut Report<'_>) -> Body {
    let node = body.get("graphql").unwrap_or(body);
    let query = node.get_str("query").unwrap_or_default();
    let mut findings = Findings::default();
    let variables = node
        .get_str("variables")
        .and_then(parse_json)
        .map_or_else(|| json!({"type": "object"}), |v| schema::infer(&v, &mut findings));
    report_findings(&findings, node, "GraphQL variables", report);
    report
        .add(Loss::GraphqlBody, node, "the GraphQL body is imported as a JSON body with `query` (the query as its default) and `variables`; the operation does not know the GraphQL schema")
        .set_help("consider one operation per query, with the query as an internal default and the variables as properties");
    let schema = json!({
        "type": "object",
        "properties": {
            "query": {"type": "string", "default": query},
            "variables": variables,
        },
        "required": ["query"],
    });
    Body { params: vec![body_param(&schema)], consumes: Some("application/json".into()) }
}

/// The media type a content header or Postman preview language names, for responses.
pub(crate) fn response_media(content_type: Option<&str>, preview: Option<&str>) -> Option<String> {
    content_type.and_then(media_type).or_else(|| {
        Some(
            match preview? {
                "json" => "application/json",
                "xml" => "application/xml",
                "html" => "text/html",
                "text" => "text/plain",
                _ => return None,
            }
            .to_string(),
        )
    })
}
